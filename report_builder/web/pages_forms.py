"""The report's details (report.yaml) and the covering report (covering.yaml) as forms, with the council's headings.

Each field stands for one value at a path in its file. A posted form is written over the file as the
page read it, read back through the content model, and saved only when the model accepts it; a problem
is shown on the field its line belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from report_builder.content.models import Covering, ReportMeta
from report_builder.content.validation import validate
from report_builder.errors import ContentError, Problem
from report_builder.web.context import overview as load_overview
from report_builder.web.roundtrip import YamlFile, merged, plain
from report_builder.web.saving import Conflict, version_of, write_bytes
from report_builder.yamlsource import PathKey, SourceMap, parse_yaml


@dataclass(frozen=True)
class Field:
    """One field of a form: the value at path in the file, how it is typed, and what it is called."""

    path: PathKey
    label: str
    kind: str = "text"
    """text, number, date, yes/no (a checkbox), or paragraphs (a list, one paragraph per blank-line gap)."""
    hint: str = ""

    @property
    def name(self) -> str:
        """Return the form field's name: the path with dots."""
        return ".".join(str(step) for step in self.path)


DETAILS = (
    Field(("title",), "Title of the report"),
    Field(("service",), "Name of the service"),
    Field(("year_ending",), "Year the reporting year ends", "number", "2025 for the year 1 April 2024 to 31 March 2025"),
    Field(("author", "name"), "Author's name"),
    Field(("author", "role"), "Author's role"),
    Field(("document_control", "date_agreed"), "Date agreed", "date"),
    Field(("document_control", "agreed_by"), "Agreed by"),
    Field(("document_control", "security_classification"), "Security classification"),
    Field(("document_control", "version"), "Version"),
    Field(("document_control", "public"), "A public paper (small numbers are hidden)", "yes/no"),
    Field(("committee", "name"), "Committee"),
    Field(("committee", "meeting_date"), "Meeting date", "date"),
    Field(("committee", "agenda_item"), "Agenda item"),
)


def covering_fields(fixed: dict[str, str], implications: list[str]) -> list[Field]:
    """Return the covering report's fields, under the council's own headings."""
    return [
        Field(("report_of",), "Report of the …", hint="for example: Director of Children's Services"),
        Field(("title",), "Title (leave empty for the annual report's title and year)"),
        Field(("purpose",), fixed["purpose"], "paragraphs"),
        Field(("recommendations_intro",), "Words before the recommendations"),
        Field(("recommendations",), fixed["recommendations"], "paragraphs", "one recommendation per paragraph"),
        Field(("background",), fixed["background"], "paragraphs"),
        *[Field(("implications", heading), heading, "paragraphs") for heading in implications],
        Field(("signature", "name"), "Signed by: name"),
        Field(("signature", "role"), "Signed by: role"),
        Field(("contact_officer", "name"), "Contact officer: name"),
        Field(("contact_officer", "role"), "Contact officer: role"),
        Field(("contact_officer", "telephone"), "Contact officer: telephone"),
        Field(("contact_officer", "email"), "Contact officer: email"),
        Field(("resolution",), "The minute's resolution (leave empty to write it from the recommendations)",
              "paragraph"),
    ]


def field_value(data: Any, field: Field) -> Any:
    """Return the value a field shows, from the file's data."""
    for step in field.path:
        data = data.get(step) if isinstance(data, dict) else None
    if field.kind == "paragraphs":
        return "\n\n".join(str(item) for item in data) if isinstance(data, list) else ""
    return "" if data is None else data


def posted_value(form: Any, field: Field) -> Any:
    """Return the value to write for a field from the posted form (None to leave the key out)."""
    raw = str(form.get(field.name, ""))
    if field.kind == "yes/no":
        return bool(form.get(field.name))
    if field.kind == "paragraphs":
        return [" ".join(part.split()) for part in raw.replace("\r", "").split("\n\n") if part.strip()]
    text = " ".join(raw.split())
    if field.kind == "number" and text:
        return _number(text)
    if field.kind == "date" and text:
        from datetime import date

        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return text or None


def _number(text: str) -> int | float | str:
    """Return typed text as a number when it is one ('1,156' and '6.0' too), else the text."""
    plain_text = text.replace(",", "")
    for kind in (int, float):
        try:
            return kind(plain_text)
        except ValueError:
            continue
    return text


def write_fields(document: YamlFile, fields: list[Field], form: Any) -> str:
    """Return the file's text with every field's posted value written in place."""
    data = plain(document.data)
    for field in fields:
        value = posted_value(form, field)
        target = data
        for step in field.path[:-1]:
            target = target.setdefault(step, {})
        if value is None or value == []:
            target.pop(field.path[-1], None)
        else:
            target[field.path[-1]] = value
    merged(document.data, data, 0)
    return document.dump()


def field_problems(problems: list[Problem], source: SourceMap, fields: list[Field]) -> dict[str, list[Problem]]:
    """Return the problems by the field whose value (or key) stands on their line ('' for the rest)."""
    lines: dict[int, str] = {}
    for field in fields:
        for table in (source.values, source.keys):
            for path, (line, _column) in table.items():
                if path[:len(field.path)] == field.path:
                    lines.setdefault(line, field.name)
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        name = lines.get(problem.line or -1, "")
        if not name:
            name = next((f.name for f in fields if f"'{f.path[-1]}'" in problem.message), "")
        found.setdefault(name, []).append(problem)
    return found


def routes(served: Any) -> list[Route]:
    """Return the routes of the two forms."""
    async def details(request: Request) -> Response:
        return await _form_page(served, request, "report.yaml", ReportMeta, list(DETAILS), "Report details")

    async def covering(request: Request) -> Response:
        state = load_overview(served.workspace)
        council = state.report.council if state.report else None
        fixed = council.fixed_headings() if council else {"purpose": "Purpose", "recommendations": "Recommendations",
                                                          "background": "Background"}
        headings = council.implication_headings() if council else []
        return await _form_page(served, request, "covering.yaml", Covering, covering_fields(fixed, headings),
                                "Covering report")

    return [Route("/details", details, methods=["GET", "POST"]), Route("/covering", covering, methods=["GET", "POST"])]


async def _form_page(served: Any, request: Request, file: str, model: Any, fields: list[Field],
                     title: str) -> Response:
    """Return the form page, after saving the posted form when there is one."""
    workspace = served.workspace
    path: Path = workspace.folder / file
    document = YamlFile.read(path)
    errors: dict[str, list[Problem]] = {}
    status, conflict = "", None
    values = {field.name: field_value(plain(document.data), field) for field in fields}
    if request.method == "POST":
        form = await request.form()
        base_text = workspace.seen.get(str(form.get("version", "")), document.text)
        base = YamlFile.parse(path, base_text)
        text = write_fields(base, fields, form)
        values = {field.name: field_value(plain(base.data), field) for field in fields}
        errors = _validated(text, file, model, fields)
        if errors:
            status = "Not saved: fix what is marked in red"
        else:
            try:
                workspace.saves.save(path, text, str(form.get("version", "")))
                status = "Saved"
                document = YamlFile.parse(path, text)
            except Conflict as found:
                conflict, status = found, "Not saved: the file changed on disk"
    workspace.remember(document.version, document.text)
    return served.page(request, "form.html", title=title, nav=load_overview(workspace), fields=fields, values=values,
                       errors=errors, status=status, version=document.version, file=file,
                       conflict=conflict, theirs=conflict.on_disk if conflict else "",
                       action=request.url.path, disk_version=version_of(conflict.on_disk) if conflict else "")


def _validated(text: str, file: str, model: Any, fields: list[Field]) -> dict[str, list[Problem]]:
    """Return the content model's problems with the text, by field (empty when it is accepted)."""
    document = parse_yaml(text, file)
    try:
        validate(model, document, file)
    except ContentError as error:
        return field_problems(error.problems, document.source, fields)
    return {}


def validated_aggregates(text: str, path: Path, cache_dir: Path) -> dict[str, list[Problem]]:
    """Return the problems the aggregates reader finds in statistics.yaml's new text, by field."""
    from dataclasses import replace

    from report_builder.errors import ReportError
    from report_builder.statistics.aggregates import read_aggregates

    trial = cache_dir / "trial" / path.name
    trial.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(trial, text.encode("utf-8"))
    try:
        read_aggregates(trial, trial.parent)
    except ReportError as error:
        from report_builder.web.pages_data import aggregate_fields

        fields = aggregate_fields(plain(YamlFile.parse(path, text).data))
        problems = [replace(p, file=path.name) for p in error.problems]
        return field_problems(problems, parse_yaml(text, path.name).source, fields)
    return {}
