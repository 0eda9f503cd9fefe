"""Fill a council's Word template (docxtpl) safely, and put the composed body where its marker stands."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from docx.document import Document as DocumentObject
from docx.opc.constants import CONTENT_TYPE as CT
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docxtpl import DocxTemplate
from jinja2 import DictLoader, nodes
from jinja2.exceptions import SecurityError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from report_builder import templates_default
from report_builder.compose.template_properties import render_properties
from report_builder.errors import Problem, TemplateError, display_path
from report_builder.files import write_quietly
from report_builder.packages import check_word_package
from report_builder.expressions import ExpressionProblem, Names, check_block_depth, template_problems
from report_builder.load import Report
from report_builder.placeholders import PLACEHOLDER_FILTERS, Namespace, RefusingUndefined, namespace_children
from report_builder.word._xml import find_style
from report_builder.word.package import ZIP_EPOCH, docx_bytes

DEFAULT_BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "annual_report": templates_default.annual_report_template,
    "covering_report": templates_default.covering_report_template,
}


class TemplateRefused(Exception):
    """Raised when a template holds something outside the placeholder language; carries each problem."""

    def __init__(self, problems: list[ExpressionProblem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class TemplateEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox templates are rendered in, which checks every template against the placeholder
    language (`expressions.py`) before it is compiled, so nothing outside it is ever evaluated.

    Its loader holds no templates, so include, import and extends find nothing to read (and are
    refused before that).
    """

    def __init__(self, names: Names, autoescape: bool = True):
        super().__init__(undefined=RefusingUndefined, autoescape=autoescape, loader=DictLoader({}))
        self.filters = dict(PLACEHOLDER_FILTERS)
        self.tests = {}
        self.globals = {}
        self.names = names

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Return the parsed template. Raises TemplateRefused when it is outside the language."""
        try:
            check_block_depth(source, self)
        except ExpressionProblem as problem:
            raise TemplateRefused([problem]) from None
        try:
            tree = super()._parse(source, name, filename)
        except RecursionError:
            raise TemplateRefused([ExpressionProblem("brackets in a placeholder nest too deeply",
                                                     "write a figure's name, for example {{ council.name }}")]) from None
        problems = list(template_problems(tree, self.names))
        if problems:
            raise TemplateRefused(problems)
        return tree


def template_environment(names: Names | None = None, autoescape: bool = True) -> TemplateEnvironment:
    """Return the checking, sandboxed Jinja environment templates are rendered in (for `names`)."""
    return TemplateEnvironment(names or Names(frozenset()), autoescape)


def context_names(context: Mapping[str, Any]) -> Names:
    """Return the names a template rendered with this context may use."""
    figures: list[str] = []
    lists: dict[str, set[str]] = {}

    def walk(prefix: str, value: Any) -> None:
        children = namespace_children(value) if isinstance(value, Namespace) else value
        if isinstance(children, Mapping):
            for key, child in children.items():
                walk(f"{prefix}{key}.", child)
        elif isinstance(children, list):
            lists[prefix[:-1]] = {key for item in children if isinstance(item, Mapping) for key in item}
        else:
            figures.append(prefix[:-1])

    walk("", context)
    return Names.of(figures, lists=lists, unknown="placeholder")


def open_template(report: Report, kind: str, cache: Path | None = None) -> tuple[DocxTemplate, str]:
    """Return the council's template for kind ('annual_report' or 'covering_report') and its name.

    A default template is kept in the `cache` folder, when given, once built.
    Raises ContentError when a named template is outside the report folder, TemplateError when it
    cannot be opened as a Word document.
    """
    chosen = getattr(report.council.templates, kind)
    if chosen == "default":
        return DocxTemplate(io.BytesIO(default_template_bytes(kind, cache))), f"default {kind} template"
    path = report.path(chosen)
    return open_template_file(path), chosen


def default_template_bytes(kind: str, cache: Path | None) -> bytes:
    """Return the default template's .docx bytes: from the cache when built before, else built now.

    Building with python-docx takes longer than the rest of a narrative-only rebuild's template
    work; the cached file is named by a hash of the code that builds it, so a change to that code
    builds it again. A cache that cannot be read or written is passed over.
    """
    if cache is None:
        return _build_default(kind)
    path = cache / f"{kind}-{_builder_hash()}.docx"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = _build_default(kind)
    write_quietly(path, data)
    return data


def _build_default(kind: str) -> bytes:
    """Return a default template built now, as .docx bytes.

    python-docx's blank document says it was made on 23 December 2013; the papers' dates are set
    from the report (word.properties), so the template's are fixed to the zip epoch instead and a
    kept template holds no date that could be taken for a child's.
    """
    document = DEFAULT_BUILDERS[kind]()
    document.core_properties.created = document.core_properties.modified = datetime(*ZIP_EPOCH)
    return docx_bytes(document)


def _builder_hash() -> str:
    """Return a hash of what the default templates' bytes depend on: the builder's modules, this
    module and the versions of python-docx and lxml."""
    import hashlib

    import docx
    from lxml import etree

    from report_builder.word import _xml, fields, package

    digest = hashlib.sha256(f"{docx.__version__} {etree.LXML_VERSION}".encode())
    for source in (templates_default.__file__, fields.__file__, _xml.__file__, package.__file__, __file__):
        digest.update(Path(source or "").read_bytes())
    return digest.hexdigest()[:32]


def open_template_file(path: Path) -> DocxTemplate:
    """Return a docxtpl template read from path, with its macros and template link left out.

    Raises TemplateError if it is not a Word document or not a safe one to open.
    """
    if not path.is_file():
        raise TemplateError(Problem(f"template not found: {path}", hint="check templates: in the council profile"))
    template = DocxTemplate(str(path))
    template.docx, _warnings = read_template_document(path)
    return template


def read_template_document(path: Path) -> tuple[DocumentObject, list[Problem]]:
    """Return the template at path as a python-docx document (macros and template link dropped), and
    warnings saying what was dropped.

    The package is checked before it is parsed (size, zip bombs, DTDs, links outside it).
    Raises TemplateError when it is not a Word document or not a safe one to open.
    """
    from docx import Document

    where = display_path(path)
    package = check_word_package(path, where, TemplateError)
    try:
        document = Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a broken package
        raise TemplateError(Problem(f"not a Word .docx file: {_kind_of(error)}", file=where,
                                    hint="save the template from Word as a Word Document (.docx)")) from None
    drop_active_parts(document)
    return document, package.warnings


def _kind_of(error: Exception) -> str:
    """Return, in words, why python-docx could not open a package."""
    text = str(error)
    if "macroEnabled" in text:
        return "it is a macro-enabled document (.docm)"
    if "template.main" in text:
        return "it is a Word template (.dotx)"
    return "it cannot be opened as a Word document"


ACTIVE_PARTS = ("/vbaProject", "/vbaData", "/keyMapCustomizations", "/attachedTemplate")
"""Relationship types a published paper never keeps: macros, key bindings, the link to a template."""


def drop_active_parts(document: DocumentObject) -> None:
    """Remove macros and the link to the template the document was made from (of the document and its settings)."""
    settings = document.settings.element
    for element in settings.findall(qn("w:attachedTemplate")):
        settings.remove(element)
    for part in (document.part, document.part._settings_part):
        for rid, relationship in list(part.rels.items()):
            if relationship.reltype.endswith(ACTIVE_PARTS):
                part.rels.pop(rid)


def render_template(template: DocxTemplate, context: dict[str, Any], name: str) -> DocumentObject:
    """Return the template's document with its placeholders filled (values escaped, sandboxed).

    Every part that can hold text is filled under the same rules: the body (text boxes and tables
    in it too), headers, footers, footnotes, endnotes and the document's properties. Each part is
    checked against the placeholder language before any of it is evaluated.
    Raises TemplateError naming the part and the placeholder that is unknown or not allowed.
    """
    environment = template_environment(context_names(context))
    template.render_properties = lambda values, jinja_env=None: render_properties(template.docx, values, environment)
    template.render_footnotes = lambda values, jinja_env=None: _render_notes(template, values, environment)
    try:
        template.render(context, jinja_env=environment, autoescape=True)
    except TemplateRefused as refused:
        where = _part_name(template)
        raise TemplateError([Problem(f"{name}: {where}{_line(p)}{p.message}", hint=p.hint or CHECK_HINT)
                             for p in refused.problems]) from None
    except (UndefinedError, ExpressionProblem) as error:
        raise TemplateError(Problem(f"{name}: {_part_name(template)}{error}", hint=CHECK_HINT)) from None
    except SecurityError as error:
        raise TemplateError(Problem(f"{name}: a placeholder tried something not allowed: {error}",
                                    hint="templates may only show values, e.g. {{ council.name }}")) from None
    except TemplateSyntaxError as error:
        raise TemplateError(Problem(f"{name}: {_part_name(template)}template syntax error: {error.message}",
                                    hint=CHECK_HINT)) from None
    except TemplateNotFound as error:
        raise TemplateError(Problem(f"{name}: a placeholder tried to read another template or file ({error.name})",
                                    hint="templates may only show values, e.g. {{ council.name }}")) from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as error:
        raise TemplateError(Problem(f"{name}: {_part_name(template)}a placeholder cannot be worked out ({error})",
                                    hint=CHECK_HINT)) from None
    _follow_filled_parts(template.docx)
    return template.docx


def _follow_filled_parts(document: DocumentObject) -> None:
    """Make the document's headers and footers the filled ones everywhere.

    docxtpl puts each filled header and footer in the document's relationships only; python-docx
    looks parts up in a map of its own, which would still give the unfilled ones to any code (or
    check) reading `section.header` before the document is saved.
    """
    rels = document.part.rels
    for rId, rel in rels.items():
        if not rel.is_external:
            rels._target_parts_by_rId[rId] = rel.target_part


CHECK_HINT = "run 'report-builder template check' on the template to see where"
PART_NAMES = {"document": "the body", "header": "a header", "footer": "a footer", "footnotes": "the footnotes",
              "endnotes": "the endnotes"}


def _part_name(template: DocxTemplate) -> str:
    """Return the part being filled when rendering stopped, as words ('a header (word/header2.xml): ')."""
    part = getattr(template, "current_rendering_part", None)
    if part is None:
        return ""
    partname = str(part.partname).lstrip("/")
    kind = re.sub(r"\d*\.xml$", "", partname.rsplit("/", 1)[-1])
    return f"{PART_NAMES.get(kind, 'the part')} ({partname}): "


def _line(problem: ExpressionProblem) -> str:
    """Return 'paragraph N: ' for a problem found in a whole part (docxtpl puts each paragraph on a line)."""
    return f"paragraph {problem.line - 1}: " if problem.line and problem.line > 1 else ""


def _render_notes(template: DocxTemplate, context: dict[str, Any], environment: TemplateEnvironment) -> None:
    """Fill the placeholders of the footnotes and endnotes, each part once."""
    for part in template.docx.part.package.iter_parts():
        if part.content_type in NOTE_TYPES:
            template.current_rendering_part = part
            xml = template.patch_xml(part.blob.decode("utf-8"))
            part._blob = template.render_xml_part(xml, part, context, environment).encode("utf-8")


NOTE_TYPES = (CT.WML_FOOTNOTES, CT.WML_ENDNOTES)


def place_body(document: DocumentObject, write: Callable[[], None], name: str) -> None:
    """Run write() (which appends the body) and move what it appended to where the body marker stands.

    Raises TemplateError when the template has no body marker paragraph.
    """
    body = document.element.body
    marker = next((p for p in body.iter(qn("w:p")) if _text(p) == templates_default.BODY_MARKER_TEXT), None)
    if marker is None:
        raise TemplateError(Problem(f"{name} has no paragraph '{templates_default.BODY_MARKER}'",
                                    hint="add a paragraph containing only {{ BODY }} where the report's body goes"))
    before = set(body)  # holding the elements keeps lxml's proxies (and so their identity) alive
    write()
    for element in [e for e in body if e not in before and e.tag != qn("w:sectPr")]:
        marker.addprevious(element)
    marker.getparent().remove(marker)


def _text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip()


def apply_colours(document: DocumentObject, primary: str) -> None:
    """Colour the default template's headings and title with the council's primary colour."""
    colour = RGBColor.from_string(primary.lstrip("#").upper())
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        style = find_style(document, name)
        if style is not None:
            style.font.color.rgb = colour
