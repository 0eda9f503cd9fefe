"""The section pages: each section a form, saved as the person types, checked and previewed beside it."""

from __future__ import annotations

import re
import secrets
import time
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from report_builder.content.models import HANDBOOK_MATTERS
from report_builder.load import LoadedSection
from report_builder.web.context import figure_rows, preview_context
from report_builder.web.context import overview as load_overview
from report_builder.web.preview import section_html
from report_builder.web.roundtrip import YamlFile, plain
from report_builder.web.saving import Conflict, version_of
from report_builder.web.section_form import KINDS, SectionForm, apply_action, read_form
from report_builder.web.sections import Edited, Save, edit_section, section_path

NAME = re.compile(r"^[A-Za-z0-9_-]+$")
NEW_EXHIBITS = {"chart": "cla_trend", "statistics_table": "review_timeliness"}
"""The chart and table a new chart or table block starts with (changed from its list)."""


def routes(served: Any) -> list[Route]:
    """Return the routes of the section pages."""
    async def show(request: Request) -> Response:
        return served.page(request, "section.html", **_section_page(served, section_name(request)))

    async def change(request: Request) -> Response:
        name = section_name(request)
        return _changed(served, request, name, await request.form())

    async def resolve(request: Request) -> Response:
        name = section_name(request)
        _resolve(served, name, await request.form())
        return RedirectResponse(f"/section/{name}", status_code=303)

    async def chart(request: Request) -> Response:
        png = served.worker.charts.get(request.path_params["chart"]) if served.worker else None
        if png is None or not png.is_file():
            return Response(status_code=404)
        return FileResponse(png, media_type="image/png")

    return [Route("/section/{name}", show), Route("/section/{name}", change, methods=["POST"]),
            Route("/section/{name}/resolve", resolve, methods=["POST"]), Route("/chart/{chart}.png", chart)]


def section_name(request: Request) -> str:
    """Return the section named in the address. Raises HTTPException (404) for a name no file can have."""
    name = request.path_params["name"]
    if not NAME.match(name):
        raise HTTPException(404)
    return str(name)


def _section_page(served: Any, name: str) -> dict[str, Any]:
    """Return everything the section page shows, for the file as it is on disk, in a new editor."""
    workspace = served.workspace
    path = section_path(workspace.folder, name)
    if not path.is_file():
        raise HTTPException(404)
    base = YamlFile.read(path)
    workspace.remember(base.version, base.text)
    form = SectionForm.from_data(plain(base.data))
    return _render_context(served, name, form, base.text, None, secrets.token_urlsafe(9), panels=True)


def _render_context(served: Any, name: str, form: SectionForm, base_text: str, save: Save | None, editor: str,
                    panels: bool) -> dict[str, Any]:
    """Return the page's context after writing the form over base_text (saving it when asked).

    The figures panel and the lists of charts and tables are worked out only when panels is set
    (a whole editor is drawn); an answer to typing carries the preview, the notes and the version.
    """
    workspace = served.workspace
    state = load_overview(workspace, full=panels)
    loaded_at = workspace.signature
    stats = state.figures.statistics if state.figures else None
    edited = edit_section(state.report, workspace.folder, name, base_text, form, stats, save)
    if edited.saved and edited.section is not None and edited.source is not None:
        workspace.saved_section(LoadedSection(name, edited.section, edited.source),
                                section_path(workspace.folder, name), loaded_at)
    context: dict[str, Any] = {
        "title": edited.form.title or name, "name": name, "nav": state, "form": edited.form, "editor": editor,
        "version": edited.version, "errors": edited.errors, "findings": edited.findings, "edited": edited,
        "preview": _preview(state, name, edited), "saved_at": time.strftime("%H:%M:%S")}
    if panels:
        context.update(_panels(served, state), kinds=KINDS, matters=HANDBOOK_MATTERS,
                       guidance=edited.data.get("guidance"))
    return context


def _preview(state: Any, name: str, edited: Edited) -> Any:
    """Return the section as it will read (None when the report does not load)."""
    if state.report is None:
        return None
    from report_builder.web.sections import with_section
    from report_builder.yamlsource import SourceMap

    report = state.report
    if edited.section is not None:
        report = with_section(report, name, edited.section, SourceMap(f"sections/{name}.yaml"))
    figures = state.figures
    context = preview_context(report, name, figures.statistics if figures else None,
                              figures.values if figures else None, lambda chart: f"/chart/{chart}.png")
    return section_html(edited.form.title, edited.blocks, context, name)


def _panels(served: Any, state: Any) -> dict[str, Any]:
    """Return what the figures panel shows: every figure with its value, and the charts and tables to choose."""
    from report_builder.charts.catalogue import CHART_NAMES
    from report_builder.statistics.tables import TABLE_NAMES

    chart_titles: dict[str, str] = {}
    table_titles: dict[str, str] = {}
    if state.figures is not None:
        from report_builder.charts.build import plan_charts
        from report_builder.statistics.tables import build_table

        plans, _ = plan_charts(state.figures.statistics, CHART_NAMES)
        chart_titles = {plan.name: plan.title for plan in plans}
        table_titles = _table_titles(state.figures.statistics, build_table, TABLE_NAMES)
    return {"figures": figure_rows(state.figures.values) if state.figures else [], "chart_names": CHART_NAMES,
            "table_names": TABLE_NAMES, "chart_titles": chart_titles, "table_titles": table_titles,
            "charts_ready": bool(served.worker and served.worker.charts)}


def _changed(served: Any, request: Request, name: str, form_data: Any) -> Response:
    """Return the answer to one change of a section's form: typing (preview) or a button (the editor)."""
    workspace = served.workspace
    version = str(form_data.get("version", ""))
    action = str(form_data.get("action", ""))
    editor = str(form_data.get("editor", "")) or secrets.token_urlsafe(9)
    base_text = workspace.seen.get(version)
    if base_text is None:
        return served.page(request, "stale.html", name=name)
    form = read_form(form_data)
    if action:
        form = apply_action(form, action, NEW_EXHIBITS)
    save = Save(workspace.saves, version, editor)
    context = _render_context(served, name, form, base_text, save, editor, panels=bool(action))
    edited: Edited = context["edited"]
    if edited.conflict is not None:
        return _conflict(served, request, name, edited)
    workspace.remember(edited.version, edited.text)
    if action and edited.section is not None:
        context["form"] = SectionForm.from_data(edited.data)  # the blocks as saved, numbered from the new file
    return served.page(request, "_editor_changed.html" if action else "_update.html", **context)


def _conflict(served: Any, request: Request, name: str, edited: Edited) -> Response:
    """Return the page that shows both versions of a section that changed on disk meanwhile."""
    assert edited.conflict is not None
    conflict: Conflict = edited.conflict
    mine = version_of(edited.text)
    served.workspace.remember(mine, edited.text)
    from report_builder.web.differences import section_differences

    response = served.page(request, "_conflict.html", name=name, mine=edited.text, theirs=conflict.on_disk,
                           mine_version=mine, disk_version=version_of(conflict.on_disk),
                           differences=section_differences(conflict.on_disk, edited.text),
                           file=f"sections/{name}.yaml")
    response.headers["HX-Retarget"] = "#editor"
    response.headers["HX-Reswap"] = "outerHTML"
    return response


def _resolve(served: Any, name: str, form_data: Any) -> None:
    """Keep the page's version of a section after a conflict, when asked and the file is as it was shown."""
    if form_data.get("choice") != "mine":
        return
    workspace = served.workspace
    mine = workspace.seen.get(str(form_data.get("mine", "")), "")
    if not mine:
        return
    try:
        workspace.saves.save(section_path(workspace.folder, name), mine, str(form_data.get("disk", "")))
    except Conflict:
        pass  # changed on disk once more: the page opens again on what is there now


def _table_titles(statistics: Any, build_table: Any, names: tuple[str, ...]) -> dict[str, str]:
    """Return each table's title; a child protection table is left out when the report has no CIN census."""
    from report_builder.errors import ContentError

    titles = {}
    for name in names:
        try:
            titles[name] = build_table(statistics, name).title
        except ContentError:
            continue
    return titles
