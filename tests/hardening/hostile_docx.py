"""Word templates with text in every place a template can hold it, built for the tests.

`template_with(text, places)` returns the default annual report template with `text` in each of the
named places: a body paragraph, a table cell, a text box, a header, a footer, a footnote, an endnote,
a core property, a custom property and an extended property (Company).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from docx.document import Document as DocumentObject
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from report_builder.templates_default import BODY_MARKER, annual_report_template
from report_builder.word.package import docx_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PLACES = ("paragraph", "cell", "text box", "header", "footer", "footnote", "endnote", "core property",
          "custom property", "company")
"""Every place `template_with` can put text."""


def template_with(text: str, places: tuple[str, ...] = PLACES) -> bytes:
    """Return the bytes of the default annual report template with text in each of the places."""
    document = annual_report_template()
    marker = next(p for p in document.paragraphs if p.text == BODY_MARKER)
    if "paragraph" in places:
        marker.insert_paragraph_before(f"Paragraph: {text}")
    if "cell" in places:
        document.add_table(rows=1, cols=2).cell(0, 1).text = f"Cell: {text}"
    if "text box" in places:
        marker._p.addprevious(parse_xml(_text_box_paragraph(f"Box: {text}")))
    if "header" in places:
        document.sections[0].header.add_paragraph(f"Header: {text}")
    if "footer" in places:
        document.sections[0].footer.add_paragraph(f"Footer: {text}")
    for kind in ("footnote", "endnote"):
        if kind in places:
            _add_note(document, kind, f"{kind.title()}: {text}")
    if "core property" in places:
        core = document.core_properties._element  # past python-docx's 255-character limit, as a file can be
        core._get_or_add("description").text = f"Comments: {text}"
        core._get_or_add("category").text = f"Category: {text}"
    if "custom property" in places:
        _add_package_part(document, "/docProps/custom.xml", CT.OFC_CUSTOM_PROPERTIES, RT.CUSTOM_PROPERTIES,
                          _custom_properties(f"Custom: {text}"))
    if "company" in places:
        _set_company(document, f"Company: {text}")
    return docx_bytes(document)


def _text_box_paragraph(text: str) -> str:
    """Return a paragraph holding a floating text box (a DrawingML shape) with the text."""
    return (
        f'<w:p xmlns:w="{W}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:r><w:drawing>'
        '<wp:inline><wp:extent cx="1828800" cy="457200"/><wp:docPr id="901" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="457200"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>'
        f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
        '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
    )


def _add_note(document: DocumentObject, kind: str, text: str) -> None:
    """Add a footnote or endnote part holding one note with the text, referenced from the first paragraph."""
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s xmlns:w="{W}">'
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:id="1"><w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:{kind}>'
        f"</w:{kind}s>"
    )
    content_type, relationship = {"footnote": (CT.WML_FOOTNOTES, RT.FOOTNOTES),
                                  "endnote": (CT.WML_ENDNOTES, RT.ENDNOTES)}[kind]
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, notes.encode("utf-8"), document.part.package)
    document.part.relate_to(part, relationship)
    reference = parse_xml(f'<w:r xmlns:w="{W}"><w:{kind}Reference w:id="1"/></w:r>')
    document.paragraphs[0]._p.append(reference)


def _custom_properties(text: str) -> bytes:
    """Return a custom properties part with one text property, 'Reference'."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Reference">'
        f"<vt:lpwstr>{escape(text)}</vt:lpwstr></property></Properties>"
    ).encode("utf-8")


def _add_package_part(document: DocumentObject, name: str, content_type: str, relationship: str,
                      blob: bytes) -> None:
    """Add a part related from the package itself (as document properties are)."""
    part = Part(PackURI(name), content_type, blob, document.part.package)
    document.part.package.relate_to(part, relationship)


def _set_company(document: DocumentObject, text: str) -> None:
    """Set the extended property Company (docProps/app.xml)."""
    for part in document.part.package.iter_parts():
        if part.content_type == CT.OFC_EXTENDED_PROPERTIES:
            xml = part.blob.decode("utf-8")
            company = f"<Company>{escape(text)}</Company>"
            xml = re.sub(r"<Company\s*/>|<Company>.*?</Company>", "", xml, flags=re.DOTALL)
            part._blob = xml.replace("</Properties>", f"{company}</Properties>").encode("utf-8")
