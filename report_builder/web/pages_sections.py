"""The overview and the section pages: each section a form, saved as the person types, checked and previewed."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from report_builder.content.models import HANDBOOK_MATTERS
from report_builder.errors import ReportError
from report_builder.web.context import figure_rows, overview as load_overview, preview_context
from report_builder.web.preview import section_html
from report_builder.web.roundtrip import Conflict, YamlFile, merged, plain, version_of
from report_builder.web.section_form import KINDS, SectionForm, apply_action, read_form
from report_builder.web.sections import Edited, edit_section, section_path
from report_builder.yearly.skeleton import BODY_TO_WRITE

NAME = re.compile(r"^[A-Za-z0-9_-]+$")


def overview(served: Any) -> Any:
    """Return the handler of the first page: the report's sections, what is unwritten, what check says."""
    async def page(request: Request) -> Response:
        state = load_overview(served.workspace)
        return served.page(request, "overview.html", nav=state, title="Your report", findings=_findings(state))

    return page


def _findings(state: Any) -> list[dict[str, Any]]:
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


def routes(served: Any) -> list[Route]:
    """Return the routes of the section pages."""
    async def show(request: Request) -> Response:
        name = _name(request)
        return served.page(request, "section.html", **_section_page(served, name))

    async def change(request: Request) -> Response:
        name = _name(request)
        form_data = await request.form()
        return _changed(served, request, name, form_data)

    async def resolve(request: Request) -> Response:
        name = _name(request)
        form_data = await request.form()
        path = section_path(served.workspace.folder, name)
        if form_data.get("choice") == "mine":
            mine = served.workspace.seen.get(str(form_data.get("mine", "")), "")
            on_disk = YamlFile.read(path)
            if mine and on_disk.version == form_data.get("disk"):
                from report_builder.word.package import atomic_write_bytes

                atomic_write_bytes(path, mine.encode("utf-8"))
        return RedirectResponse(f"/section/{name}", status_code=303)

    async def chart(request: Request) -> Response:
        png = served.worker.charts.get(request.path_params["chart"]) if served.worker else None
        if png is None or not png.is_file():
            return Response(status_code=404)
        return FileResponse(png, media_type="image/png")

    async def add(request: Request) -> Response:
        form_data = await request.form()
        name = _add_section(served, str(form_data.get("title", "")))
        return RedirectResponse(f"/section/{name}" if name else "/", status_code=303)

    async def arrange(request: Request) -> Response:
        form_data = await request.form()
        _arrange(served, _name(request), str(form_data.get("move", "")))
        return RedirectResponse("/", status_code=303)

    return [Route("/section/{name}", show), Route("/section/{name}", change, methods=["POST"]),
            Route("/section/{name}/resolve", resolve, methods=["POST"]),
            Route("/sections/add", add, methods=["POST"]),
            Route("/section/{name}/arrange", arrange, methods=["POST"]),
            Route("/chart/{chart}.png", chart)]


def _name(request: Request) -> str:
    name = request.path_params["name"]
    if not NAME.match(name):
        from starlette.exceptions import HTTPException

        raise HTTPException(404)
    return name


def _section_page(served: Any, name: str) -> dict[str, Any]:
    """Return everything the section page shows, for the file as it is on disk."""
    workspace = served.workspace
    path = section_path(workspace.folder, name)
    if not path.is_file():
        from starlette.exceptions import HTTPException

        raise HTTPException(404)
    base = YamlFile.read(path)
    workspace.remember(base.version, base.text)
    form = SectionForm.from_data(plain(base.data))
    return _render_context(served, name, form, base.text, base.version, save=False)


def _render_context(served: Any, name: str, form: SectionForm, base_text: str, version: str,
                    save: bool) -> dict[str, Any]:
    """Return the page's context after writing the form over base_text (saving it when asked)."""
    state = load_overview(served.workspace)
    stats = state.figures.statistics if state.figures else None
    edited = edit_section(state.report, served.workspace.folder, name, base_text, form, version, stats, save)
    return {**_context(served, state, name, edited), "edited": edited}


def _context(served: Any, state: Any, name: str, edited: Edited) -> dict[str, Any]:
    """Return the template context of a section's editor, preview and panels."""
    from report_builder.charts.catalogue import CHART_NAMES
    from report_builder.statistics.tables import TABLE_NAMES

    report = state.report
    values = state.figures.values if state.figures else None
    preview = None
    if report is not None:
        context = preview_context(_with_edit(report, name, edited), name,
                                  state.figures.statistics if state.figures else None, values,
                                  lambda chart: f"/chart/{chart}.png")
        preview = section_html(edited.form.title, edited.blocks, context, name)
    path = section_path(served.workspace.folder, name)
    guidance = plain(YamlFile.parse(path, edited.text).data).get("guidance") if edited.text.strip() else None
    return {"title": edited.form.title or name, "name": name, "nav": state, "form": edited.form,
            "version": edited.version, "errors": edited.errors, "findings": edited.findings, "preview": preview,
            "kinds": KINDS, "matters": HANDBOOK_MATTERS, "guidance": guidance,
            "figures": figure_rows(values) if values else [], "chart_names": CHART_NAMES,
            "table_names": TABLE_NAMES, "chart_titles": _chart_titles(state), "table_titles": _table_titles(state),
            "charts_ready": bool(served.worker and served.worker.charts), "saved_at": time.strftime("%H:%M:%S")}


def _with_edit(report: Any, name: str, edited: Edited) -> Any:
    from report_builder.web.sections import with_section
    from report_builder.yamlsource import SourceMap

    if edited.section is None:
        return report
    return with_section(report, name, edited.section, SourceMap(f"sections/{name}.yaml"))


def _chart_titles(state: Any) -> dict[str, str]:
    if state.figures is None:
        return {}
    from report_builder.charts.build import plan_charts
    from report_builder.charts.catalogue import CHART_NAMES

    plans, _ = plan_charts(state.figures.statistics, CHART_NAMES)
    return {plan.name: plan.title for plan in plans}


def _table_titles(state: Any) -> dict[str, str]:
    if state.figures is None:
        return {}
    from report_builder.statistics.tables import TABLE_NAMES, build_table

    return {name: build_table(state.figures.statistics, name).title for name in TABLE_NAMES}


def _changed(served: Any, request: Request, name: str, form_data: Any) -> Response:
    """Return the answer to one change of a section's form: typing (preview) or a button (the editor)."""
    workspace = served.workspace
    version = str(form_data.get("version", ""))
    action = str(form_data.get("action", ""))
    base_text = workspace.seen.get(version)
    if base_text is None:
        return served.page(request, "stale.html", name=name)
    form = read_form(form_data)
    if action:
        form = apply_action(form, action, {"chart": "cla_trend", "statistics_table": "review_timeliness"})
    context = _render_context(served, name, form, base_text, version, save=True)
    edited: Edited = context["edited"]
    if edited.conflict is not None:
        return _conflict(served, request, name, edited)
    workspace.remember(edited.version, edited.text)
    if action and edited.section is not None:
        context["form"] = SectionForm.from_data(plain(YamlFile.parse(section_path(workspace.folder, name),
                                                                     edited.text).data))
    template = "_editor.html" if action else "_update.html"
    return served.page(request, template, **context)


def _conflict(served: Any, request: Request, name: str, edited: Edited) -> Response:
    """Return the page that shows both versions of a section that changed on disk meanwhile."""
    assert edited.conflict is not None
    conflict: Conflict = edited.conflict
    mine = version_of(edited.text)
    served.workspace.remember(mine, edited.text)
    response = served.page(request, "_conflict.html", name=name, mine=edited.text, theirs=conflict.on_disk,
                           mine_version=mine, disk_version=version_of(conflict.on_disk),
                           file=f"sections/{name}.yaml")
    response.headers["HX-Retarget"] = "#editor"
    response.headers["HX-Reswap"] = "outerHTML"
    return response


def _add_section(served: Any, title: str) -> str | None:
    """Add a section with this title at the end of the report; return its name (None without a title)."""
    title = " ".join(title.split())
    if not title:
        return None
    folder = served.workspace.folder
    stem = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:40] or "section"
    name, number = stem, 2
    while (folder / "sections" / f"{name}.yaml").exists():
        name, number = f"{stem}_{number}", number + 1
    from report_builder.word.package import atomic_write_bytes

    (folder / "sections").mkdir(exist_ok=True)
    text = YamlFile.parse(folder / "sections" / f"{name}.yaml", "")
    text.data.update({"title": title, "body": [BODY_TO_WRITE]})
    atomic_write_bytes(folder / "sections" / f"{name}.yaml", text.dump().encode("utf-8"))
    _update_listed(served, lambda names: [*names, name])
    return name


def _arrange(served: Any, name: str, move: str) -> None:
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

    _update_listed(served, moved)


def _update_listed(served: Any, change: Any) -> None:
    """Write report.yaml's list of sections, changed, keeping the file's comments."""
    path = served.workspace.folder / "report.yaml"
    document = YamlFile.read(path)
    listed = document.data.get("sections")
    names = [str(n) for n in listed] if isinstance(listed, list) else []
    new = change(list(names))
    if new == names:
        return
    if not new:
        raise ReportError("a report needs at least one section")
    if "sections" in document.data:
        from report_builder.web.roundtrip import merged_list

        origins = [(names.index(n) if n in names else None, n) for n in new]
        merged_list(document.data["sections"], origins, 2)
    else:
        document.data["sections"] = merged([], new, 2)
    document.save(document.version)
