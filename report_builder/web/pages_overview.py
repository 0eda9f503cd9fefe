"""The overview: the report's sections in order (added, moved, taken out), what is still to write, what check says."""

from __future__ import annotations

import re
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
    async def page(request: Request) -> Response:
        state = load_overview(served.workspace)
        return served.page(request, "overview.html", nav=state, title="Your report", findings=findings(state))

    async def add(request: Request) -> Response:
        form_data = await request.form()
        name = add_section(served.workspace, str(form_data.get("title", "")))
        return RedirectResponse(f"/section/{name}" if name else "/", status_code=303)

    async def arrange(request: Request) -> Response:
        form_data = await request.form()
        arrange_section(served.workspace, section_name(request), str(form_data.get("move", "")))
        return RedirectResponse("/", status_code=303)

    return [Route("/", page), Route("/sections/add", add, methods=["POST"]),
            Route("/section/{name}/arrange", arrange, methods=["POST"])]


def findings(state: Any) -> list[dict[str, Any]]:
    """Return what `check` says about the content, each with the section (and line) it is about."""
    if state.report is None:
        return []
    from report_builder.checks.run import content_checks, order
    from report_builder.draw import unknown_exhibits

    stats = state.figures.statistics if state.figures else None
    titles = {link.name: link.title for link in state.sections}
    rows = []
    for problem in order(content_checks(state.report, stats) + unknown_exhibits(state.report)):
        stem = Path(problem.file or "").stem if "/sections/" in f"/{problem.file}" else None
        where = titles.get(stem, problem.file or "") if stem else (problem.file or "")
        if problem.line:
            where += f", line {problem.line}"
        rows.append({"problem": problem, "section": stem if stem in titles else None, "where": where})
    return rows


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
