"""Start this year's report: from last year's folder, or as a skeleton of every standard section."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from report_builder.content import blocks as b
from report_builder.errors import ContentError, Problem, display_path
from report_builder.load import LoadedSection, Report, load_report
from report_builder.yearly import skeleton
from report_builder.yearly.yaml_edit import (
    Edit,
    apply_edits,
    emit_scalar,
    insert_item,
    item_lines,
    node_at,
    replace_items,
    replace_value,
)

LEFT_BEHIND = ("out", "figures", ".cache", "__pycache__", ".building-*", "*.tmp", "~$*")
"""Build outputs and editor leftovers that are not copied into the new year's folder."""
YEAR_LABEL = re.compile(r"\b(\d{4})/(\d{2})\b")


@dataclass
class NewYear:
    """The folder made, and what the manager needs to do next."""

    folder: Path
    notes: list[str] = field(default_factory=list)


def start_from(last: Path, folder: Path) -> NewYear:
    """Return this year's report folder made from last year's: dates moved on, priorities carried forward.

    Raises ContentError when last year's report does not load or the new folder is not empty.
    """
    _refuse_existing(folder)
    report = load_report(last)
    _refuse_unusual_entries(last)
    result = NewYear(folder)
    with made_whole(folder) as work:
        shutil.copytree(last, work, ignore=shutil.ignore_patterns(*LEFT_BEHIND))
        year = report.meta.year_ending + 1
        _move_report_on(work / "report.yaml", report)
        for loaded in report.sections:
            _move_title_on(work / "sections" / f"{loaded.name}.yaml")
        _carry_priorities(report, work, result)
        _prepare_data(report, work, year, result)
    result.notes.append(f"write this year's priorities in sections/{_priorities_name(report) or 'priorities'}.yaml")
    return result


@contextmanager
def made_whole(folder: Path) -> Iterator[Path]:
    """Yield a hidden folder beside `folder` to make it in, renamed to `folder` once made (removed if not),
    so that a new report folder is never left half made."""
    work = folder.parent / f".{folder.name}.making-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        yield work
        if folder.exists():
            folder.rmdir()  # empty, as _refuse_existing checked
        work.rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _refuse_unusual_entries(last: Path) -> None:
    """Raise ContentError listing what in last year's folder cannot be copied: FIFOs, devices, sockets,
    and links pointing outside it (build outputs are left behind and not looked at)."""
    root = last.resolve()
    problems = []
    for folder, subfolders, files in os.walk(last):
        here = Path(folder)
        subfolders[:] = [name for name in subfolders if not any(fnmatch(name, p) for p in LEFT_BEHIND)]
        for name in [*subfolders, *files]:
            path = here / name
            target = path.resolve()
            if path.is_symlink() and target != root and root not in target.parents:
                problems.append(Problem("this is a link pointing outside last year's folder", display_path(path),
                                        hint="copy the file itself into the folder, or remove the link"))
            elif not (target.is_file() or target.is_dir()):
                problems.append(Problem("this is not an ordinary file or folder (a FIFO, device or socket)",
                                        display_path(path), hint="remove it from last year's folder"))
    if problems:
        raise ContentError(problems)


def start_skeleton(folder: Path, year_ending: int, council_profile: Path | None = None) -> NewYear:
    """Return a first report folder: every standard section with guidance, and files to fill in.

    Raises ContentError when the folder is not empty or the council profile is not found.
    """
    _refuse_existing(folder)
    if council_profile is not None and not council_profile.is_file():
        raise ContentError(Problem(f"council profile not found: {council_profile}",
                                   hint="give the council's profile YAML, or leave --council out to fill one in"))
    with made_whole(folder) as work:
        (work / "sections").mkdir(parents=True)
        for section in skeleton.STANDARD_SECTIONS:
            (work / "sections" / f"{section.name}.yaml").write_text(skeleton.section_yaml(section), encoding="utf-8")
        names = [s.name for s in skeleton.STANDARD_SECTIONS]
        (work / "report.yaml").write_text(skeleton.report_yaml(year_ending, names), encoding="utf-8")
        if council_profile is not None:
            shutil.copyfile(council_profile, work / "council.yaml")
        else:
            (work / "council.yaml").write_text(skeleton.COUNCIL_YAML, encoding="utf-8")
        (work / "covering.yaml").write_text(skeleton.COVERING_YAML, encoding="utf-8")
        (work / "statistics.yaml").write_text(skeleton.statistics_yaml(year_ending), encoding="utf-8")
        _data_folder(work / "data" / "ssda903")
    notes = ["fill in the values marked 'change' in report.yaml, covering.yaml and statistics.yaml",
             "write each section in sections/, following its guidance",
             "put the SSDA903 export in data/ssda903/"]
    if council_profile is None:
        notes.insert(0, "fill in council.yaml (the council's name and short name)")
    return NewYear(folder, notes)


def _refuse_existing(folder: Path) -> None:
    """Raise ContentError when something other than an empty folder is there: a link (even to an empty
    folder, or to nothing), a file, a FIFO or a folder that holds anything."""
    hint = "give a new folder name, for example content/2026"
    if folder.is_symlink():
        raise ContentError(Problem(f"{display_path(folder)} is a link, not a new folder", hint=hint))
    if folder.exists() and not folder.is_dir():
        raise ContentError(Problem(f"{display_path(folder)} is already there and is not a folder", hint=hint))
    if folder.exists() and any(folder.iterdir()):
        raise ContentError(Problem(f"{display_path(folder)} already exists and is not empty", hint=hint))


def _edit_file(path: Path, edits: list[Edit]) -> None:
    """Apply edits to a YAML file in place."""
    text = path.read_text(encoding="utf-8")
    path.write_text(apply_edits(text, edits), encoding="utf-8")


def _move_report_on(path: Path, report: Report) -> None:
    """Move report.yaml on a year: the year, the date agreed and the meeting date."""
    meta = report.meta
    text = path.read_text(encoding="utf-8")
    _edit_file(path, [
        replace_value(text, ("year_ending",), meta.year_ending + 1),
        replace_value(text, ("document_control", "date_agreed"), a_year_on(meta.document_control.date_agreed)),
        replace_value(text, ("committee", "meeting_date"), a_year_on(meta.committee.meeting_date)),
    ])
    _replace_years_in_comments(path, meta.year_ending)


def _replace_years_in_comments(path: Path, year_ending: int) -> None:
    """Move on the years in report.yaml's comment about the reporting year, so it does not mislead."""
    text = path.read_text(encoding="utf-8")
    old = f"1 April {year_ending - 1} to 31 March {year_ending}"
    path.write_text(text.replace(old, f"1 April {year_ending} to 31 March {year_ending + 1}"), encoding="utf-8")


def a_year_on(day: date) -> date:
    """Return the same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _move_title_on(path: Path) -> None:
    """Move on a year label such as 2025/26 in a section's title."""
    text = path.read_text(encoding="utf-8")
    title = node_at(text, ("title",)).value
    moved = YEAR_LABEL.sub(lambda m: f"{int(m.group(1)) + 1}/{(int(m.group(2)) + 1) % 100:02d}", title)
    if moved != title:
        _edit_file(path, [replace_value(text, ("title",), moved)])


def _priorities_name(report: Report) -> str | None:
    """Return the name of the last section that sets priorities for next year."""
    found = [s.name for s in report.sections if any(isinstance(x, b.Priorities) for x in s.section.body)]
    return found[-1] if found else None


def last_years_priorities(report: Report) -> list[str]:
    """Return last year's priorities for next year, by their titles, in order."""
    return [item.priority for loaded in report.sections for block in loaded.section.body
            if isinstance(block, b.Priorities) for item in block.priorities]


def _carry_priorities(report: Report, folder: Path, result: NewYear) -> None:
    """Write last year's priorities into this year's progress section, each with an empty progress."""
    priorities = last_years_priorities(report)
    if not priorities:
        result.notes.append("last year's report set no priorities (no 'priorities:' block), so none were carried")
        return
    items = [{"priority": priority, "progress": None} for priority in priorities]
    progress = _progress_section(report)
    if progress is None:
        _add_progress_section(report, folder, items)
        result.notes.append("added sections/progress.yaml for progress against last year's priorities")
    else:
        loaded, index = progress
        path = folder / "sections" / f"{loaded.name}.yaml"
        text = path.read_text(encoding="utf-8")
        _edit_file(path, [replace_items(text, ("body", index, "progress"), items)])
    result.notes.append(f"carried {len(priorities)} of last year's priorities: write the progress of each in "
                        f"sections/{progress[0].name if progress else 'progress'}.yaml")


def _progress_section(report: Report) -> tuple[LoadedSection, int] | None:
    """Return the section and block index of the progress against last year's priorities, if any."""
    for loaded in report.sections:
        for index, block in enumerate(loaded.section.body):
            if isinstance(block, b.Progress):
                return loaded, index
    return None


def _add_progress_section(report: Report, folder: Path, items: list[dict[str, Any]]) -> None:
    """Create sections/progress.yaml and list it in report.yaml before the priorities section."""
    standard = next(s for s in skeleton.STANDARD_SECTIONS if s.name == "progress")
    text = skeleton.section_yaml(standard).replace(
        f"  - {emit_scalar(skeleton.BODY_TO_WRITE, 4, 4, block=False)}\n",
        "  - \"The {{ previous.label }} report set these priorities. This is what happened to each.\"\n"
        "  - progress:\n" + "".join(item_lines(item, 6) for item in items))
    (folder / "sections" / "progress.yaml").write_text(text, encoding="utf-8")
    names = report.meta.sections
    before = names.index(_priorities_name(report)) if _priorities_name(report) in names else len(names)
    path = folder / "report.yaml"
    _edit_file(path, [insert_item(path.read_text(encoding="utf-8"), ("sections", before), "progress")])


def _prepare_data(report: Report, folder: Path, year: int, result: NewYear) -> None:
    """Ready the data for the new year: a folder for the new 903 export, last year's figures kept for trends."""
    data = report.meta.data
    if data.ssda903:
        _data_folder(folder / data.ssda903 / str(year))
        result.notes.append(f"put the SSDA903 export for {year - 1}/{year % 100:02d} in {data.ssda903}/{year}/")
    if data.statistics and (folder / data.statistics).is_file():
        _move_statistics_on(report, folder / data.statistics, year, result)


def _data_folder(path: Path) -> None:
    """Create a data folder with a note on what to put in it."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "README.txt").write_text(skeleton.DATA_README, encoding="utf-8")


def _move_statistics_on(report: Report, path: Path, year: int, result: NewYear) -> None:
    """Move statistics.yaml's year on, adding last year's headline figures to previous_years."""
    from report_builder.statistics.sources import compute_statistics

    text = path.read_text(encoding="utf-8")
    edits = []
    if _has(text, ("year_ending",)):
        edits.append(replace_value(text, ("year_ending",), year))
    stats, _warnings = compute_statistics(report)
    figures = {k: v for k, v in stats.this_year().model_dump(exclude_computed_fields=True).items() if v is not None}
    if _has(text, ("previous_years",)) and node_at(text, ("previous_years",)).value:
        edits.append(insert_item(text, ("previous_years", len(node_at(text, ("previous_years",)).value)), figures))
    _edit_file(path, edits)
    result.notes.append(f"{display_path(path)} still holds last year's counts and inputs: replace them with this "
                        f"year's (last year's headline figures were added to previous_years)")


def _has(text: str, path: tuple[Any, ...]) -> bool:
    """Return whether the YAML text has a value at path."""
    try:
        node_at(text, path)
    except KeyError:
        return False
    return True
