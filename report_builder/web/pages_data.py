"""The data page: this year's SSDA903 files uploaded (problems listed by row), or the aggregate figures edited.

An uploaded file is recognised by its column names, checked for size before it is kept, and written
into the year's folder atomically; a file it replaces is kept in a .replaced folder beside it. The
problems are the SSDA903 reader's own, which cite the file and row, never a child's identifier.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from report_builder.errors import Problem, ReportError
from report_builder.files import write_file
from report_builder.web.aggregate_form import (
    aggregate_fields,
    aggregate_groups,
    validated_aggregates,
)
from report_builder.web.context import overview as load_overview
from report_builder.web.pages_forms import Group, field_value, write_fields
from report_builder.web.roundtrip import YamlFile, plain
from report_builder.web.saving import Conflict

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
"""The largest upload accepted at once (a large council's SSDA903 episodes file is tens of megabytes)."""


def file_kind(first_line: str) -> str | None:
    """Return which SSDA903 file a CSV is (header, episodes, reviews …) from its column names, or None."""
    from report_builder.ssda903.codes import COLUMNS, REQUIRED_COLUMNS

    columns = {name.strip().strip('"').upper() for name in first_line.split(",")}
    best, score = None, 0
    for kind, names in COLUMNS.items():
        required = set(REQUIRED_COLUMNS.get(kind, names))
        if required <= columns and len(columns & set(names)) > score:
            best, score = kind, len(columns & set(names))
    return best


def year_folder(report: Any) -> Path:
    """Return the folder this year's SSDA903 files go in (the year's own folder when there are year folders)."""
    root = report.path(report.meta.data.ssda903 or "data/ssda903")
    return root / str(report.meta.year_ending)


def keep_upload(folder: Path, kind: str, data: bytes) -> Path:
    """Write an uploaded file as KIND.csv in folder, keeping a file it replaces in folder/.replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{kind}.csv"
    existing = [p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.stem.strip().lower() == kind]
    if existing:
        kept = folder / ".replaced"
        kept.mkdir(exist_ok=True)
        for old in existing:
            old.replace(kept / f"{old.stem}-{time.strftime('%Y%m%d-%H%M%S')}.csv")
    write_file(target, data)
    return target


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
        form = await request.form(max_files=20, max_fields=20)
        report, problems = served.workspace.try_load()
        if report is None:
            return _page(served, request, messages=problems)
        messages, kept = [], []
        for upload in form.getlist("files"):
            if not hasattr(upload, "read"):
                continue
            data = await upload.read(MAX_UPLOAD_BYTES + 1)
            message, path = _accept(report, str(upload.filename or "file"), data)
            messages += [message] if message else []
            kept += [path] if path else []
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


def _accept(report: Any, name: str, data: bytes) -> tuple[Problem | None, Path | None]:
    """Return a problem with an uploaded file, or where it was kept."""
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return Problem(f"{name} is an Excel workbook", hint="save each sheet as CSV (in Excel: File, Save As, "
                       "CSV UTF-8) and upload the CSV files"), None
    if suffix != ".csv":
        return Problem(f"{name} is not a CSV file", hint="upload the SSDA903 files as CSV, one file per table"), None
    if len(data) > MAX_UPLOAD_BYTES:
        return Problem(f"{name} is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB",
                       hint="check that the right file was exported"), None
    first = data[:4096].decode("utf-8-sig", errors="replace").splitlines()[:1]
    kind = file_kind(first[0] if first else "")
    if kind is None:
        return Problem(f"{name}: its first row does not name the columns of an SSDA903 file",
                       hint="export the file with its header row (CHILD, SEX, DOB … for the header file)"), None
    return None, keep_upload(year_folder(report), kind, data)


async def _figures(served: Any, request: Request) -> Response:
    """Save the aggregate figures posted from the data page; return the page."""
    report, problems = served.workspace.try_load()
    if report is None or not report.meta.data.statistics:
        return _page(served, request, messages=problems)
    path = report.path(report.meta.data.statistics)
    form = await request.form()
    base = served.workspace.seen.get(str(form.get("figures_version", "")))
    document = YamlFile.parse(path, base) if base is not None else YamlFile.read(path)
    fields = aggregate_fields(plain(document.data))
    text = write_fields(document, fields, form)
    typed = {f.name: form.get(f.name) for f in fields}
    found = validated_aggregates(text, path, served.workspace.cache_dir)
    if found:
        return _page(served, request, figure_errors=found, figure_values=typed)
    try:
        served.workspace.saves.save(path, text, str(form.get("figures_version", "")))
    except Conflict:
        return _page(served, request, figure_values=typed, messages=[Problem(
            f"{path.name} was changed somewhere else after this page showed it, so your figures were not saved",
            hint="check the figures below (they are the ones on disk now, with yours typed over them) and save again")])
    return _page(served, request, figures_saved=True)


@dataclass(frozen=True)
class DataFile:
    """One of this year's SSDA903 files as the page lists it."""

    name: str
    kind: str
    size: int
    changed: datetime


FILE_KINDS = {
    "header": "The children (header)", "episodes": "Episodes of care", "reviews": "Reviews",
    "uasc": "Unaccompanied asylum-seeking children", "missing": "Missing or away from placement",
    "oc2": "Outcomes: health and offending (OC2)", "oc3": "Outcomes: care leavers (OC3)",
    "ad1": "Adoption (AD1)", "placed_for_adoption": "Placed for adoption",
}
"""Each file of the SSDA903 return as the DfE's guidance names it."""


def data_files(folder: Path) -> list[DataFile]:
    """Return this year's SSDA903 files in the folder, with what each one is."""
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file()):
        status = path.stat()
        kind = FILE_KINDS.get(path.stem.strip().lower(), "Not one of the return's files: not read")
        files.append(DataFile(path.name, kind, status.st_size, datetime.fromtimestamp(status.st_mtime)))
    return files


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
        data = plain(document.data)
        groups = aggregate_groups(data)
        values = {field.name: field_value(data, field) for group in groups for field in group.fields}
    values.update({k: v for k, v in (context.pop("figure_values", None) or {}).items()})
    defaults = {"messages": [], "kept": [], "checked": [], "ran_check": False, "figure_errors": {},
                "figures_saved": False, "figures_version": ""}
    folder = year_folder(report) if report and report.meta.data.ssda903 else None
    return served.page(request, "data.html", status_code=status, title="Data and figures", nav=state,
                       files=data_files(folder) if folder else [], groups=groups, values=values, folder=folder,
                       limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024), **{**defaults, **context})
