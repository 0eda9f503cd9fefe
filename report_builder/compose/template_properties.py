"""Placeholders in a template's document properties: core (title, subject, comments…), extended
(company, manager) and custom properties, filled under the same rules as its text.

Properties are plain text, so values are not escaped for XML here (lxml escapes them once, when
the part is written). The extended and custom properties parts are read with a parser that loads
no DTD, resolves no entity and fetches nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.document import Document as DocumentObject
from docx.opc.constants import CONTENT_TYPE as CT
from jinja2 import Environment
from lxml import etree

from report_builder.packages import SAFE_XML

CORE_TEXT_PROPERTIES = ("author", "category", "comments", "content_status", "identifier", "keywords", "language",
                        "last_modified_by", "subject", "title", "version")
"""The core properties that hold text (python-docx's names)."""
PROPERTY_PARTS = {CT.OFC_EXTENDED_PROPERTIES: "extended property", CT.OFC_CUSTOM_PROPERTIES: "custom property"}


def property_texts(document: DocumentObject) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for every document property that holds text."""
    core = document.core_properties
    for name in CORE_TEXT_PROPERTIES:
        value = getattr(core, name)
        if value:
            yield f"document property '{name.replace('_', ' ')}'", value
    for part, kind, root in _property_parts(document):
        for element in _texts(root):
            yield f"{kind} '{_label(element, part.content_type)}'", element.text or ""


def render_properties(document: DocumentObject, context: dict[str, Any], environment: Environment) -> None:
    """Fill the placeholders of every document property that holds one (values not escaped)."""
    plain = environment.overlay(autoescape=False)
    core = document.core_properties
    for name in CORE_TEXT_PROPERTIES:
        value = getattr(core, name)
        if value and _has_tag(value):
            setattr(core, name, plain.from_string(value).render(context))
    for part, _kind, root in _property_parts(document):
        changed = False
        for element in _texts(root):
            if _has_tag(element.text or ""):
                element.text = plain.from_string(element.text or "").render(context)
                changed = True
        if changed:
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _property_parts(document: DocumentObject) -> Iterator[tuple[Any, str, etree._Element]]:
    """Yield (part, kind, parsed root) of the extended and custom properties parts."""
    for part in document.part.package.iter_parts():
        kind = PROPERTY_PARTS.get(part.content_type)
        if kind is not None:
            yield part, kind, etree.fromstring(part.blob, SAFE_XML)


def _texts(root: etree._Element) -> Iterator[etree._Element]:
    """Yield every element of a properties part that holds text of its own."""
    for element in root.iter():
        if isinstance(element.tag, str) and len(element) == 0 and (element.text or "").strip():
            yield element


def _label(element: etree._Element, content_type: str) -> str:
    """Return a property's name: the custom property's name, or the extended property's element name."""
    if content_type == CT.OFC_CUSTOM_PROPERTIES:
        holder = element.getparent()
        if holder is not None and holder.get("name"):
            return str(holder.get("name"))
    return etree.QName(element).localname


def _has_tag(text: str) -> bool:
    """Return whether the text holds a placeholder or statement."""
    return "{{" in text or "{%" in text
