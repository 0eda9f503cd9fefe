"""The overview: the report's sections in order (added, moved, taken out), what is still to write, what check says."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from report_builder.errors import ContentError, Problem
from report_builder.web.context import overview as load_overview
from report_builder.web.pages_sections import section_name
from report_builder.web.roundtrip import YamlFile, merged, merged_list
from report_builder.web.saving import version_of
from report_builder.yearly.skeleton import BODY_TO_WRITE


def routes(served: Any) -> list[Route]:
    """Return the routes of the overview and of the buttons that add, move and take out sections."""
    async def page(request: Request, message: Problem | None = None) -> Response:
        state = load_overview(served.workspace)
        found = findings(state)
        to_write = {name for name in ("report.yaml", "covering.yaml")
                    if any(Path(file).name == name for file in state.unwritten)}
        return served.page(request, "overview.html", nav=state, title="Your report", groups=found,
                           counts=_counts(found), message=message, to_write=to_write)

    async def add(request: Request) -> Response:
        form_data = await request.form()
        name = add_section(served.workspace, str(form_data.get("title", "")))
        return RedirectResponse(f"/section/{name}" if name else "/", status_code=303)

    async def arrange(request: Request) -> Response:
        form_data = await request.form()
        try:
            arrange_section(served.workspace, section_name(request), str(form_data.get("move", "")))
        except ContentError as error:
            return await page(request, error.problems[0])
        return RedirectResponse("/", status_code=303)

    return [Route("/", page), Route("/sections/add", add, methods=["POST"]),
            Route("/section/{name}/arrange", arrange, methods=["POST"])]


@dataclass
class Finding:
    """One thing `check` says, with where the page shows it: which part of the report, and which block."""

    problem: Problem
    where: str
    """The block it is about, as a reader names it: 'paragraph 3', 'the title' (empty when no block)."""
    link: str


@dataclass
class FindingGroup:
    """What check says about one part of the report (a section, the details, the covering report)."""

    title: str
    link: str
    findings: list[Finding] = field(default_factory=list)
    section: str | None = None


def findings(state: Any) -> list[FindingGroup]:
    """Return what `check` says about the content, by part of the report, each finding at its block."""
    if state.report is None:
        return []
    from report_builder.checks.run import content_checks, order
    from report_builder.draw import unknown_exhibits

    report = state.report
    stats = state.figures.statistics if state.figures else None
    by_file = {loaded.source.file: loaded for loaded in report.sections}
    groups: dict[str, FindingGroup] = {}
    for problem in order(content_checks(report, stats) + unknown_exhibits(report)):
        loaded = by_file.get(problem.file or "")
        if loaded is not None:
            group = groups.setdefault(loaded.name, FindingGroup(loaded.section.title, f"/section/{loaded.name}",
                                                                section=loaded.name))
            where, index = block_named(loaded, problem)
            group.findings.append(Finding(problem, where, group.link + (f"#block-{index}" if index is not None else "")))
        else:
            title, link = _part_of(problem.file or "")
            groups.setdefault(link, FindingGroup(title, link)).findings.append(Finding(problem, "", link))
    return list(groups.values())


def block_named(loaded: Any, problem: Problem) -> tuple[str, int | None]:
    """Return how a reader names the block a problem is about ('paragraph 3', 'the title'), and its index."""
    from report_builder.content.blocks import block_kind
    from report_builder.web.section_form import KINDS
    from report_builder.web.sections import place_of

    body = loaded.section.body
    place = place_of(problem, loaded.source, len(body))
    if place == "title":
        return "the title", None
    if not isinstance(place, int):
        return "", None
    kinds = [_kind(block_kind(block)) for block in body]
    label = KINDS.get(kinds[place], "block").lower()
    if kinds.count(kinds[place]) == 1:
        return f"the {label}", place
    return f"{label} {kinds[:place + 1].count(kinds[place])}", place


def _kind(kind: str | None) -> str:
    return "paragraph" if kind in ("text", None) else kind


def _part_of(file: str) -> tuple[str, str]:
    """Return the part of the report a file is, as the page names it, and its page."""
    name = Path(file).name
    if name == "covering.yaml":
        return "Covering report", "/covering"
    if name == "report.yaml":
        return "The report as a whole", "/"
    return name or "The report as a whole", "/"


def _counts(groups: list[FindingGroup]) -> dict[str, Any]:
    """Return how many findings are errors and warnings, overall and by section."""
    every = [finding.problem for group in groups for finding in group.findings]
    return {"errors": sum(p.severity == "error" for p in every), "warnings": sum(p.severity != "error" for p in every),
            "by_section": {group.section: len(group.findings) for group in groups if group.section}}


def add_section(workspace: Any, title: str) -> str | None:
    """Add a section with this title at the end of the report; return its name (None without a title)."""
    title = " ".join(title.split())
    if not title:
        return None
    folder = workspace.folder
    stem = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:40] or "section"
    name, number = stem, 2
    while (folder / "sections" / f"{name}.yaml").exists():
        name, number = f"{stem}_{number}", number + 1
    (folder / "sections").mkdir(exist_ok=True)
    path = folder / "sections" / f"{name}.yaml"
    document = YamlFile.parse(path, "")
    document.data.update({"title": title, "body": [BODY_TO_WRITE]})
    workspace.saves.save(path, document.dump(), version_of(""))
    _change_listed(workspace, lambda names: [*names, name])
    return name


def arrange_section(workspace: Any, name: str, move: str) -> None:
    """Move a section up or down in report.yaml's list, or take it out of the report (its file is kept)."""
    def moved(names: list[str]) -> list[str]:
        if name not in names:
            return names
        index = names.index(name)
        if move == "remove":
            return [n for n in names if n != name]
        other = index - 1 if move == "up" else index + 1
        if 0 <= other < len(names):
            names[index], names[other] = names[other], names[index]
        return names

    _change_listed(workspace, moved)


def _change_listed(workspace: Any, change: Any) -> None:
    """Write report.yaml's list of sections, changed, keeping the file's comments.

    Raises ContentError when the change would leave the report without a section.
    """
    path = workspace.folder / "report.yaml"
    document = YamlFile.read(path)
    listed = document.data.get("sections")
    names = [str(n) for n in listed] if isinstance(listed, list) else []
    new = change(list(names))
    if new == names:
        return
    if not new:
        raise ContentError(Problem("a report needs at least one section", file="report.yaml",
                                   hint="add another section before taking this one out"))
    if "sections" in document.data:
        merged_list(document.data["sections"], [(names.index(n) if n in names else None, n) for n in new], 2)
    else:
        document.data["sections"] = merged([], new, 2)
    workspace.saves.save(path, document.dump(), document.version)
