"""The data page: this year's SSDA903 files uploaded (problems listed by row), or the aggregate figures edited.

Uploads are CSV files or one Excel workbook, kept in the year's folder as uploads.py says (nothing
they replace is lost). The problems are the SSDA903 reader's own, which cite the file (and sheet)
and row, never a child's identifier.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from report_builder.errors import Problem, ReportError
from report_builder.web.aggregate_form import (
    aggregate_fields,
    aggregate_groups,
    figure_values,
    validated_aggregates,
    with_new_reason,
    write_figures,
)
from report_builder.web.context import overview as load_overview
from report_builder.web.pages_forms import Group
from report_builder.web.roundtrip import YamlFile
from report_builder.web.saving import Conflict
from report_builder.web.uploads import MAX_UPLOAD_BYTES, Kept, accept, data_files, year_folder


def data_problems(report: Any) -> list[Problem]:
    """Return every problem the SSDA903 reader finds in the report's export (by file and row)."""
    if not report.meta.data.ssda903:
        return []
    from report_builder.ssda903 import read_ssda903

    try:
        return list(read_ssda903(report.path(report.meta.data.ssda903)).problems)
    except ReportError as error:
        return error.problems


def routes(served: Any) -> list[Route]:
    """Return the routes of the data page."""
    async def page(request: Request) -> Response:
        return _page(served, request)

    async def upload(request: Request) -> Response:
        length = int(request.headers.get("content-length") or 0)
        if length > MAX_UPLOAD_BYTES:
            return _page(served, request, status=413, messages=[Problem(
                f"the files are larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB together",
                hint="upload one file at a time, or check that the right files were chosen")])
        report, problems = served.workspace.try_load()
        if report is None:
            return _page(served, request, messages=problems)
        async with request.form(max_files=20, max_fields=20) as form:  # closing the uploads' temporary files
            messages, kept = await _uploaded(year_folder(report), form.getlist("files"))
        checked = data_problems(report) if kept else []
        return _page(served, request, messages=messages, kept=kept, checked=checked, ran_check=bool(kept))

    async def check(request: Request) -> Response:
        report, problems = served.workspace.try_load()
        checked = data_problems(report) if report else problems
        return _page(served, request, checked=checked, ran_check=True)

    async def figures(request: Request) -> Response:
        return await _figures(served, request)

    return [Route("/data", page), Route("/data/upload", upload, methods=["POST"]),
            Route("/data/check", check, methods=["POST"]), Route("/data/figures", figures, methods=["POST"])]


async def _uploaded(folder: Path, uploads: list[Any]) -> tuple[list[Problem], list[Kept]]:
    """Return the problems of the uploaded files, and where those accepted were kept."""
    messages: list[Problem] = []
    kept: list[Kept] = []
    for upload in uploads:
        if not hasattr(upload, "read"):
            continue
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        try:
            outcome = accept(folder, Path(str(upload.filename or "file")).name, data)
        except ReportError as error:  # the folder cannot be written: said, and nothing replaced
            messages += error.problems
            continue
        if isinstance(outcome, Kept):
            kept.append(outcome)
        else:
            messages.append(outcome)
    return messages, kept


async def _figures(served: Any, request: Request) -> Response:
    """Save the aggregate figures posted from the data page; return the page."""
    report, problems = served.workspace.try_load()
    if report is None or not report.meta.data.statistics:
        return _page(served, request, messages=problems)
    path = report.path(report.meta.data.statistics)
    form = await request.form()
    base = served.workspace.seen.get(str(form.get("figures_version", "")))
    document = YamlFile.parse(path, base) if base is not None else YamlFile.read(path)
    fields = aggregate_fields(document.data, report.meta.year_ending, bool(report.meta.data.ssda903))
    fields, posted, found = with_new_reason(fields, form)
    text = write_figures(document, fields, posted)
    typed = posted  # shown again as typed when something is wrong
    found = found or validated_aggregates(text, path, served.workspace.cache_dir)
    if found:
        return _page(served, request, figure_errors=found, figure_values=typed)
    try:
        served.workspace.saves.save(path, text, str(form.get("figures_version", "")))
    except Conflict:
        return _page(served, request, figure_values=typed, messages=[Problem(
            f"{path.name} was changed somewhere else after this page showed it, so your figures were not saved",
            hint="check the figures below (they are the ones on disk now, with yours typed over them) and save again")])
    return _page(served, request, figures_saved=True)


def _page(served: Any, request: Request, status: int = 200, **context: Any) -> Response:
    """Return the data page."""
    state = load_overview(served.workspace)
    report = state.report
    groups: tuple[Group, ...] = ()
    values: dict[str, Any] = {}
    if report is not None and report.meta.data.statistics and report.path(report.meta.data.statistics).is_file():
        document = YamlFile.read(report.path(report.meta.data.statistics))
        served.workspace.remember(document.version, document.text)
        context.setdefault("figures_version", document.version)
        groups = aggregate_groups(document.data, report.meta.year_ending, bool(report.meta.data.ssda903))
        values = figure_values(document.data, [field for group in groups for field in group.fields])
    values.update({k: v for k, v in (context.pop("figure_values", None) or {}).items()})
    defaults = {"messages": [], "kept": [], "checked": [], "ran_check": False, "figure_errors": {},
                "figures_saved": False, "figures_version": ""}
    folder = year_folder(report) if report and report.meta.data.ssda903 else None
    return served.page(request, "data.html", status_code=status, title="Data and figures", nav=state,
                       files=data_files(folder) if folder else [], groups=groups, values=values, folder=folder,
                       limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024), **{**defaults, **context})
