"""Load stage: a report folder's YAML files into one validated Report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from report_builder.content.models import CouncilProfile, Covering, ReportMeta, Section
from report_builder.content.validation import suggest, validate
from report_builder.errors import ContentError, Problem, display_path
from report_builder.yamlsource import SourceMap, read_yaml


@dataclass(frozen=True)
class LoadedSection:
    """A section with its name (file stem) and where its values stand in its file."""

    name: str
    section: Section
    source: SourceMap


@dataclass(frozen=True)
class Report:
    """Everything a manager wrote for one year's papers."""

    folder: Path
    meta: ReportMeta
    council: CouncilProfile
    sections: list[LoadedSection]
    covering: Covering
    covering_source: SourceMap
    meta_source: SourceMap

    def path(self, relative: str) -> Path:
        """Return a path named in the content, refusing one that leads outside the report folder."""
        return inside(self.folder, relative)


def inside(folder: Path, relative: str) -> Path:
    """Return folder/relative resolved, if it stays inside folder.

    Raises ContentError for absolute paths elsewhere, '..' escapes and symlinks pointing outside.
    """
    root = folder.resolve()
    target = (root / relative).resolve()
    if target != root and root not in target.parents:
        raise ContentError(
            Problem(
                f"'{relative}' points outside the report folder",
                hint=f"put the file inside {display_path(folder)} and name it relative to it",
            )
        )
    return target


def load_report(folder: Path) -> Report:
    """Return the validated report in folder.

    Raises ContentError listing every problem in every file at once.
    """
    report, problems = load_draft(folder)
    if problems or report is None:
        raise ContentError(problems)
    return report


def load_draft(folder: Path) -> tuple[Report | None, list[Problem]]:
    """Return as much of the report as loads, and every problem in every file.

    The draft holds the sections that are valid, and stand-ins (no text) for a council profile or a
    covering report with problems, so that the figures and the placeholders of the rest can still
    be checked in the same round. It is None when report.yaml itself has problems.
    Raises ContentError when the folder is not a report folder at all.
    """
    if not folder.is_dir():
        raise ContentError(Problem(f"report folder not found: {folder}", hint="give the folder that holds report.yaml"))
    if not (folder / "report.yaml").is_file():
        shown = display_path(folder)
        raise ContentError(Problem(
            f"{shown} is not a report folder: it has no report.yaml",
            hint=f"give the folder that holds report.yaml (e.g. content/example), or start one with "
                 f"'report-builder new {shown}'"))
    problems: list[Problem] = []
    meta_doc = _read(folder / "report.yaml", folder, problems)
    meta = _validated(ReportMeta, meta_doc, "report.yaml", problems)
    council = covering = None
    sections: list[LoadedSection] = []
    covering_doc = _read(folder / "covering.yaml", folder, problems)
    covering = _validated(Covering, covering_doc, "covering.yaml", problems)
    raw = meta_doc.data if meta_doc is not None and isinstance(meta_doc.data, dict) else {}
    profile_name = meta.council_profile if meta else raw.get("council_profile", "council.yaml")
    section_names = meta.sections if meta else raw.get("sections")
    if meta_doc is not None and isinstance(profile_name, str):
        council = _load_council(folder, profile_name, meta_doc.source, problems)
    if meta_doc is not None and isinstance(section_names, list) and all(isinstance(n, str) for n in section_names):
        sections = _load_sections(folder, section_names, meta_doc.source, problems)
    if meta is not None:
        problems.extend(_appendix_problems(folder, meta, meta_doc.source))
    if council is not None and covering is not None:
        problems.extend(_covering_problems(council, covering, covering_doc.source))
    if meta is None or meta_doc is None:
        return None, problems
    covering_source = covering_doc.source if covering_doc is not None else SourceMap("covering.yaml")
    return Report(folder, meta, council or STAND_IN_COUNCIL, sections, covering or _stand_in_covering(),
                  covering_source, meta_doc.source), problems


STAND_IN_COUNCIL = CouncilProfile(name="the council", short_name="the council")
"""The council profile of a draft whose council.yaml has problems."""


def _stand_in_covering() -> Covering:
    """Return an empty covering report, for a draft whose covering.yaml has problems (nothing to check)."""
    return Covering.model_construct(report_of="", title=None, purpose=[], recommendations_intro="",
                                    recommendations=[], background=[], implications={}, resolution=None)


def _read(path: Path, folder: Path, problems: list[Problem]):  # type: ignore[no-untyped-def]
    """Return the YAML document, or None after recording its problems."""
    try:
        return read_yaml(path, folder.parent)
    except ContentError as error:
        problems.extend(error.problems)
        return None


def _validated(model, document, what: str, problems: list[Problem]):  # type: ignore[no-untyped-def]
    """Return the validated model, or None after recording its problems."""
    if document is None:
        return None
    try:
        return validate(model, document, what)
    except ContentError as error:
        problems.extend(error.problems)
        return None


def _load_council(folder: Path, name: str, source: SourceMap, problems: list[Problem]) -> CouncilProfile | None:
    """Return the council profile named in report.yaml, or None after recording problems."""
    try:
        path = inside(folder, name)
    except ContentError as error:
        problems.extend(source.problem(("council_profile",), p.message, p.hint) for p in error.problems)
        return None
    return _validated(CouncilProfile, _read(path, folder, problems), path.name, problems)


def _load_sections(folder: Path, names: list[str], source: SourceMap, problems: list[Problem]) -> list[LoadedSection]:
    """Return each section listed in report.yaml, recording problems for missing or invalid ones."""
    available = sorted(p.stem for p in (folder / "sections").glob("*.yaml"))
    loaded = []
    for index, name in enumerate(names):
        if name in names[:index]:
            problems.append(source.problem(("sections", index), f"the section '{name}' is listed twice",
                                           "list each section once in report.yaml; remove this line"))
            continue
        try:
            path = inside(folder, f"sections/{name}.yaml")
        except ContentError as error:
            problems.extend(source.problem(("sections", index), p.message, p.hint) for p in error.problems)
            continue
        if not path.is_file():
            hint = suggest(name, available, "sections") if available else "create the file in sections/"
            problems.append(source.problem(("sections", index), f"section '{name}' has no file sections/{name}.yaml", hint))
            continue
        document = _read(path, folder, problems)
        section = _validated(Section, document, f"sections/{name}.yaml", problems)
        if section is not None:
            loaded.append(LoadedSection(name, section, document.source))
    return loaded


def _appendix_problems(folder: Path, meta: ReportMeta, source: SourceMap) -> list[Problem]:
    """Return a problem for each extra appendix file named outside the report folder."""
    found = []
    for index, appendix in enumerate(meta.extra_appendices):
        try:
            if appendix.file:
                inside(folder, appendix.file)
        except ContentError as error:
            found += [source.problem(("extra_appendices", index, "file"), p.message, p.hint) for p in error.problems]
    return found


def _covering_problems(council: CouncilProfile, covering: Covering, source: SourceMap) -> list[Problem]:
    """Return problems where covering.yaml's implications do not match the council's headings."""
    expected = council.implication_headings()
    problems = [
        source.problem(("implications", heading), f"'{heading}' is not one of the council's covering-report headings",
                       suggest(heading, expected, "headings"), key=True)
        for heading in covering.implications
        if heading not in expected
    ]
    problems += [
        source.problem(("implications",), f"no text for the heading '{heading}'",
                       f"add '{heading}:' under implications with at least one paragraph")
        for heading in expected
        if heading not in covering.implications
    ]
    return problems
