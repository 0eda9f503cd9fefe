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
from report_builder.web.saving import Conflict
from report_builder.yamlsource import PathKey, SourceMap, parse_yaml


@dataclass(frozen=True)
class Field:
    """One field of a form: the value at path in the file, how it is typed, and what it is called."""

    path: PathKey
    label: str
    kind: str = "text"
    """text, number, date, yes/no (a checkbox), paragraph (one text) or paragraphs (a list, a box each)."""
    hint: str = ""
    wide: bool = False
    """Shown across the whole form (long values)."""
    follow_on: bool = False
    """For paragraphs: each after the first may follow on from the one before without a number."""

    @property
    def name(self) -> str:
        """Return the form field's name: the path with dots."""
        return ".".join(str(step) for step in self.path)


@dataclass(frozen=True)
class Group:
    """Fields shown together under a heading."""

    title: str
    fields: tuple[Field, ...]
    hint: str = ""
    columns: tuple[str, ...] = ()
    """When given, the fields are a table with these column headings, row by row (a row headed by its first field's label)."""
    new_row: str = ""
    """For a table: the name of a last row whose heading is typed in (a new category) and a field for each column."""


def fields_of(groups: tuple[Group, ...] | list[Group]) -> list[Field]:
    """Return every field of the groups, in order."""
    return [field for group in groups for field in group.fields]


DETAILS = (
    Group("The report", (
        Field(("title",), "Title of the report", wide=True),
        Field(("service",), "Name of the service"),
        Field(("year_ending",), "The reporting year ends in", "number",
              "the year of 31 March: 2026 for 1 April 2025 to 31 March 2026"),
    )),
    Group("Who wrote it", (
        Field(("author", "name"), "Name"),
        Field(("author", "role"), "Job title"),
    )),
    Group("Document control", (
        Field(("document_control", "date_agreed"), "Date agreed", "date"),
        Field(("document_control", "agreed_by"), "Agreed by", hint="for example: the senior leadership team"),
        Field(("document_control", "security_classification"), "Security classification", hint="for example: OFFICIAL"),
        Field(("document_control", "version"), "Version"),
        Field(("document_control", "public"), "A public paper", "yes/no",
              "tables and charts then hide counts from 1 to 5, as for any paper published on the council's website"),
    ), "printed on the report's document control page"),
    Group("The committee", (
        Field(("committee", "name"), "Committee", wide=True),
        Field(("committee", "meeting_date"), "Meeting date", "date"),
        Field(("committee", "agenda_item"), "Agenda item", "number", "the item's number on the agenda"),
    ), "printed on the covering report and on every page of the agenda pack"),
)


def covering_groups(fixed: dict[str, str], implications: list[str]) -> tuple[Group, ...]:
    """Return the covering report's fields, under the council's own headings."""
    return (
        Group("Whose report it is", (
            Field(("report_of",), "Report of the", hint="for example: Director of Children's Services", wide=True),
            Field(("signature", "name"), "Signed by"),
            Field(("signature", "role"), "Their job title"),
            Field(("contact_officer", "name"), "Contact officer"),
            Field(("contact_officer", "role"), "Their job title"),
            Field(("contact_officer", "telephone"), "Telephone"),
            Field(("contact_officer", "email"), "Email"),
        )),
        Group("The report", (
            Field(("title",), "Title", hint="leave empty for the annual report's title and year", wide=True),
            Field(("purpose",), fixed["purpose"], "paragraphs", follow_on=True),
            Field(("recommendations_intro",), "Words before the recommendations", wide=True,
                  hint="leave empty for “It is recommended that:”"),
            Field(("recommendations",), fixed["recommendations"], "paragraphs", "one recommendation a paragraph"),
            Field(("background",), fixed["background"], "paragraphs", follow_on=True),
        ), PARAGRAPHS_HINT),
        Group("Implications", tuple(Field(("implications", heading), heading, "paragraphs", follow_on=True)
                                    for heading in implications), "your council's headings, in its order"),
        Group("The minute", (
            Field(("resolution",), "What the committee resolved", "paragraph",
                  "leave empty to write it from the recommendations"),
        ), "the draft minute the build writes for committee services"),
    )


PARAGRAPHS_HINT = ("each box is a numbered paragraph of the paper (tick “follows on” for one that carries on "
                   "from the paragraph above without a number of its own); empty a box to take its paragraph out")


def field_value(data: Any, field: Field) -> Any:
    """Return the value a field shows, from the file's data."""
    for step in field.path:
        data = data.get(step) if isinstance(data, dict) else None
    if field.kind == "paragraphs":
        return [_paragraph(item) for item in data] if isinstance(data, list) else []
    return "" if data is None else data


def _paragraph(item: Any) -> tuple[str, bool]:
    """Return a paragraph of a list as (its text, whether it follows on from the one before, unnumbered)."""
    if isinstance(item, dict) and "unnumbered" in item:
        return str(item["unnumbered"]), True
    return str(item), False


def posted_value(form: Any, field: Field) -> Any:
    """Return the value to write for a field from the posted form (None to leave the key out)."""
    raw = str(form.get(field.name, ""))
    if field.kind == "yes/no":
        return bool(form.get(field.name))
    if field.kind == "paragraphs":
        return _posted_paragraphs(form, field)
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


def _posted_paragraphs(form: Any, field: Field) -> list[Any]:
    """Return a list of paragraphs from its boxes (NAME.0, NAME.1 …): empty boxes left out, follow-ons unnumbered."""
    paragraphs: list[Any] = []
    index = 0
    while f"{field.name}.{index}" in form:
        text = " ".join(str(form.get(f"{field.name}.{index}", "")).split())
        if text:
            follows = field.follow_on and paragraphs and form.get(f"{field.name}.{index}.follow_on")
            paragraphs.append({"unnumbered": text} if follows else text)
        index += 1
    return paragraphs


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
        return await _form_page(served, request, FormPage("report.yaml", ReportMeta, DETAILS, "Report details"))

    async def covering(request: Request) -> Response:
        report, _ = served.workspace.try_load()
        council = report.council if report else None
        fixed = council.fixed_headings() if council else {"purpose": "Purpose", "recommendations": "Recommendations",
                                                          "background": "Background"}
        headings = council.implication_headings() if council else []
        return await _form_page(served, request, FormPage("covering.yaml", Covering, covering_groups(fixed, headings),
                                                          "Covering report", checked=True))

    return [Route("/details", details, methods=["GET", "POST"]), Route("/covering", covering, methods=["GET", "POST"])]


@dataclass(frozen=True)
class FormPage:
    """One file shown as a form: its model, its fields in groups, and whether `check` reads its text."""

    file: str
    model: Any
    groups: tuple[Group, ...]
    title: str
    checked: bool = False


async def _form_page(served: Any, request: Request, page: FormPage) -> Response:
    """Return the form page, after saving the posted form when there is one."""
    workspace = served.workspace
    fields = fields_of(page.groups)
    path: Path = workspace.folder / page.file
    document = YamlFile.read(path)
    values = {field.name: field_value(plain(document.data), field) for field in fields}
    context: dict[str, Any] = {"errors": {}, "status": "", "changed": []}
    if request.method == "POST":
        form = await request.form()
        base = YamlFile.parse(path, workspace.seen.get(str(form.get("version", "")), document.text))
        shown = {field.name: field_value(plain(base.data), field) for field in fields}
        text = write_fields(base, fields, form)
        values = {field.name: field_value(plain(base.data), field) for field in fields}
        context["errors"] = _validated(text, page.file, page.model, fields)
        if context["errors"]:
            context["status"] = "Not saved: fix what is marked in red"
        else:
            try:
                workspace.saves.save(path, text, str(form.get("version", "")))
                context["status"] = "Saved"
                document = YamlFile.parse(path, text)
            except Conflict:
                context["status"] = "Not saved: the file changed on disk"
                context["changed"] = _changed_elsewhere(fields, shown, document, values)
    workspace.remember(document.version, document.text)
    state = load_overview(workspace)
    return served.page(request, "form.html", title=page.title, nav=state, groups=page.groups, values=values,
                       version=document.version, file=page.file, action=request.url.path,
                       readings=_readings(values, state), findings=_findings(state, page, document), **context)


def _changed_elsewhere(fields: list[Field], shown: dict[str, Any], on_disk: YamlFile,
                       yours: dict[str, Any]) -> list[tuple[Field, Any, Any]]:
    """Return each field changed on disk since the page showed it: the field, its value on disk, and yours."""
    disk = {field.name: field_value(plain(on_disk.data), field) for field in fields}
    return [(field, disk[field.name], yours[field.name]) for field in fields if disk[field.name] != shown[field.name]]


def _readings(values: dict[str, Any], state: Any) -> dict[str, Any]:
    """Return how each date and each value with figures in it will read (in words, the figures filled in).

    A date is said in words because the browser's date box writes it in its own system's order.
    """
    from datetime import date

    from report_builder.formatting import format_date

    dates = {name: format_date(value) for name, value in values.items() if isinstance(value, date)}
    if state.figures is None:
        return dates
    from markupsafe import Markup

    from report_builder.placeholders import Placeholders
    from report_builder.web.preview import PreviewContext, inline_html

    context = PreviewContext(Placeholders(state.figures.values, {"ref": str}))
    texts = {name: [text for text, _ in value] if isinstance(value, list) else [value]
             for name, value in values.items() if isinstance(value, (str, list))}
    return dates | {name: Markup("<br><br>").join(inline_html(str(text), context) for text in parts)
                    for name, parts in texts.items() if any("{{" in str(text) for text in parts)}


def _findings(state: Any, page: FormPage, document: YamlFile) -> dict[str, list[Problem]]:
    """Return what `check` says about the file's text, by field (for the covering report)."""
    if not page.checked or state.report is None:
        return {}
    from dataclasses import replace

    from report_builder.checks.run import content_checks

    alone = replace(state.report, sections=[])  # the covering report's texts, each checked alone
    found = [p for p in content_checks(alone, state.figures.statistics if state.figures else None)
             if p.file and p.file.endswith(page.file)]
    return field_problems(found, parse_yaml(document.text, page.file).source, fields_of(page.groups))


def _validated(text: str, file: str, model: Any, fields: list[Field]) -> dict[str, list[Problem]]:
    """Return the content model's problems with the text, by field (empty when it is accepted)."""
    document = parse_yaml(text, file)
    try:
        validate(model, document, file)
    except ContentError as error:
        return field_problems(error.problems, document.source, fields)
    return {}
