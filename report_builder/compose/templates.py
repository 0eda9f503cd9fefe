"""Fill a council's Word template (docxtpl) safely, and put the composed body where its marker stands."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docxtpl import DocxTemplate
from jinja2 import DictLoader
from jinja2.exceptions import SecurityError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from report_builder import templates_default
from report_builder.errors import Problem, TemplateError
from report_builder.load import Report
from report_builder.placeholders import RefusingUndefined
from report_builder.word._xml import find_style
from report_builder.word.package import ZIP_EPOCH, docx_bytes

DEFAULT_BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "annual_report": templates_default.annual_report_template,
    "covering_report": templates_default.covering_report_template,
}


def template_environment() -> ImmutableSandboxedEnvironment:
    """Return the sandboxed, autoescaping Jinja environment templates are rendered in.

    Its loader holds no templates, so include, import and extends find nothing to read.
    """
    return ImmutableSandboxedEnvironment(undefined=RefusingUndefined, autoescape=True, loader=DictLoader({}))


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
    _write_quietly(path, data)
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


def _write_quietly(path: Path, data: bytes) -> None:
    """Write the file whole (a temporary file renamed into place), or not at all."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        return


def open_template_file(path: Path) -> DocxTemplate:
    """Return a docxtpl template read from path. Raises TemplateError if it is not a Word document."""
    if not path.is_file():
        raise TemplateError(Problem(f"template not found: {path}", hint="check templates: in the council profile"))
    try:
        return DocxTemplate(str(path))
    except Exception as error:  # python-docx raises several kinds for a broken package
        raise TemplateError(Problem(f"{path.name} is not a Word .docx file ({error.__class__.__name__})",
                                    file=str(path), hint="save the template from Word as a .docx")) from None


def render_template(template: DocxTemplate, context: dict[str, Any], name: str) -> DocumentObject:
    """Return the template's document with its placeholders filled (values escaped, sandboxed).

    Raises TemplateError naming the placeholder that is unknown or not allowed.
    """
    try:
        template.render(context, jinja_env=template_environment(), autoescape=True)
    except UndefinedError as error:
        raise TemplateError(Problem(f"{name}: unknown placeholder: {error.message}",
                                    hint="run 'report-builder template check' on the template")) from None
    except SecurityError as error:
        raise TemplateError(Problem(f"{name}: a placeholder tried something not allowed: {error}",
                                    hint="templates may only show values, e.g. {{ council.name }}")) from None
    except TemplateSyntaxError as error:
        raise TemplateError(Problem(f"{name}: template syntax error: {error.message}",
                                    hint="run 'report-builder template check' on the template")) from None
    except TemplateNotFound as error:
        raise TemplateError(Problem(f"{name}: a placeholder tried to read another template or file ({error.name})",
                                    hint="templates may only show values, e.g. {{ council.name }}")) from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as error:
        raise TemplateError(Problem(f"{name}: a placeholder cannot be worked out ({error})",
                                    hint="run 'report-builder template check' on the template")) from None
    return template.docx


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
