"""The default Word templates (docxtpl), built by code so that they are reproducible and documented.

`python templates/build_templates.py` writes them to templates/ for councils to copy and restyle; a
report whose profile says `templates: default` uses the same documents built in memory.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from report_builder.word.fields import append_field

BODY_MARKER = "{{ BODY }}"
"""The paragraph the composer replaces with the body (contents, sections, covering paragraphs)."""
BODY_MARKER_TEXT = "[[BODY]]"
"""What BODY_MARKER renders to, so the composer can find it."""

FONT = "Arial"
PRIMARY = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x40, 0x40, 0x40)


def annual_report_template() -> DocumentObject:
    """Return the default annual report template: cover, document control, body marker, signature."""
    document = _base_document()
    _cover(document)
    document.add_paragraph(BODY_MARKER)
    _signature(document, "author")
    _header_footer(document, "{{ report.title }} {{ period.label }}", first_page_different=True)
    return document


def covering_report_template() -> DocumentObject:
    """Return the default covering committee report template (the layout of a council committee report)."""
    document = _base_document()
    document.add_paragraph("{{ committee.name }} – {{ committee.meeting_date }}", style="Meeting")
    document.add_paragraph("Report of the {{ covering.report_of }}", style="Meeting")
    document.add_paragraph("{{ covering.title }}", style="Title")
    document.add_paragraph(BODY_MARKER)
    _signature(document, "covering.signature")
    document.add_paragraph("Contact Officer:", style="Signature Label")
    document.add_paragraph("{{ covering.contact_officer.name }} – {{ covering.contact_officer.role }}")
    document.add_paragraph("Telephone: {{ covering.contact_officer.telephone }}")
    document.add_paragraph("Email: {{ covering.contact_officer.email }}")
    document.add_paragraph("Appendices", style="Heading 1")
    document.add_paragraph("{%p for appendix in appendices %}")
    document.add_paragraph("{{ appendix.number }} – {{ appendix.title }}")
    document.add_paragraph("{%p endfor %}")
    _header_footer(document, "{{ committee.name }} – {{ committee.meeting_date }}{% if committee.agenda_item %} – "
                   "Agenda item {{ committee.agenda_item }}{% endif %}", first_page_different=False)
    return document


def _base_document() -> DocumentObject:
    """Return an empty A4 document with the house styles."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    section.start_type = WD_SECTION_START.NEW_PAGE
    _styles(document)
    return document


def _styles(document: DocumentObject) -> None:
    """Define the house paragraph, character and table styles."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(12)
    _east_asian_font(normal, FONT)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before in (("Heading 1", 16, 18), ("Heading 2", 14, 12), ("Heading 3", 12, 10)):
        style = styles[name]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.italic = False
        style.font.color.rgb = PRIMARY
        _east_asian_font(style, FONT)
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(6)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.name, title.font.size, title.font.bold, title.font.color.rgb = FONT, Pt(26), True, PRIMARY
    _east_asian_font(title, FONT)
    _remove_border(title)
    subtitle = styles["Subtitle"]
    subtitle.font.name, subtitle.font.size, subtitle.font.italic = FONT, Pt(16), False
    subtitle.font.color.rgb = GREY
    _east_asian_font(subtitle, FONT)
    for name in ("Caption", "TOC Heading", "Quote", "List Bullet", "List Number", "Header", "Footer"):
        _east_asian_font(styles[name], FONT)
        styles[name].font.name = FONT
    caption = styles["Caption"]
    caption.font.size, caption.font.bold, caption.font.italic = Pt(12), True, False
    caption.font.color.rgb = GREY
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(10)
    styles["TOC Heading"].font.size = Pt(16)
    for name in ("List Bullet", "List Number"):  # lists line up with the text of numbered paragraphs
        styles[name].paragraph_format.left_indent = Mm(18)
        styles[name].paragraph_format.first_line_indent = Mm(-6)
    quote = styles["Quote"]
    quote.font.size, quote.font.italic = Pt(12), True
    quote.font.color.rgb = GREY
    quote.paragraph_format.left_indent = Mm(10)
    quote.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(10)
    _paragraph_style(document, "Source", size=10, color=GREY, space_after=12)
    _paragraph_style(document, "Quote Attribution", size=12, color=GREY, left_indent=Mm(10), space_after=12)
    _paragraph_style(document, "Numbered Paragraph", size=12, left_indent=Mm(12), first_line=Mm(-12))
    _paragraph_style(document, "Meeting", size=14, bold=True, space_after=6)
    _paragraph_style(document, "Signature Label", size=12, bold=True, space_after=2)
    _paragraph_style(document, "Cover Detail", size=14, color=GREY, space_after=4)
    _paragraph_style(document, "Cover Label", size=14, bold=True, color=PRIMARY, space_after=6)
    for level in (1, 2, 3):  # compact, so that the contents to level 2 fits on a page
        toc = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH) if f"TOC {level}" not in styles else styles[f"TOC {level}"]
        toc.base_style = styles["Normal"]
        toc.font.size = Pt(11 if level == 1 else 10)
        toc.font.bold = level == 1
        toc.paragraph_format.left_indent = Mm(6 * (level - 1))
        toc.paragraph_format.right_indent = Mm(8)  # an entry that wraps keeps clear of the page numbers
        toc.paragraph_format.space_before = Pt(2 if level == 1 else 0)
        toc.paragraph_format.space_after = Pt(0)
        toc.paragraph_format.line_spacing = 1.0
    _table_style(document)


def _east_asian_font(style, name: str) -> None:  # type: ignore[no-untyped-def]
    """Set the font for every script, so Word and LibreOffice agree on the face."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)


def _remove_border(style) -> None:  # type: ignore[no-untyped-def]
    """Remove the default Title style's bottom border."""
    properties = style.element.find(qn("w:pPr"))
    if properties is not None:
        for border in properties.findall(qn("w:pBdr")):
            properties.remove(border)


def _paragraph_style(document: DocumentObject, name: str, size: int, **options) -> None:  # type: ignore[no-untyped-def]
    """Add a paragraph style based on Normal."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = options.get("bold")
    if "color" in options:
        style.font.color.rgb = options["color"]
    fmt = style.paragraph_format
    fmt.left_indent = options.get("left_indent")
    fmt.first_line_indent = options.get("first_line")
    if "space_after" in options:
        fmt.space_after = Pt(options["space_after"])


def _table_style(document: DocumentObject) -> None:
    """Add 'Report Table': thin grey borders, a shaded bold header row, cell padding."""
    style = document.styles.add_style("Report Table", WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Table Grid"]
    style.font.size = Pt(11)
    properties = style.element.get_or_add_tblPr() if hasattr(style.element, "get_or_add_tblPr") else None
    if properties is None:
        properties = style.element.find(qn("w:tblPr"))
        if properties is None:
            properties = OxmlElement("w:tblPr")
            style.element.append(properties)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), "808080")
        borders.append(element)
    properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", "40"), ("left", "100"), ("bottom", "40"), ("right", "100")):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), width)
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties.append(margins)
    header = OxmlElement("w:tblStylePr")
    header.set(qn("w:type"), "firstRow")
    run_properties = OxmlElement("w:rPr")
    run_properties.append(OxmlElement("w:b"))
    header.append(run_properties)
    cell_properties = OxmlElement("w:tcPr")
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "DEEAF6")
    cell_properties.append(shading)
    header.append(cell_properties)
    style.element.append(header)


def _cover(document: DocumentObject) -> None:
    """Add the cover page: council, service, title, period, document control table."""
    document.add_paragraph("{{ council.name }}", style="Cover Detail")
    document.add_paragraph("{{ council.directorate }}: {{ report.service }}", style="Cover Detail")
    spacer = document.add_paragraph(style="Cover Detail")
    spacer.paragraph_format.space_before = Mm(40)
    document.add_paragraph("{{ report.title }}", style="Title")
    document.add_paragraph("{{ period.long_label }}", style="Subtitle")
    label = document.add_paragraph("Document control", style="Cover Label")
    label.paragraph_format.space_before = Mm(30)
    rows = [
        ("Item", "Detail"),
        ("Author", "{{ author.name }}, {{ author.role }}"),
        ("Date agreed", "{{ document_control.date_agreed }}"),
        ("Agreed by", "{{ document_control.agreed_by }}"),
        ("Security classification", "{{ document_control.security_classification }}"),
        ("Version", "{{ document_control.version }}"),
    ]
    table = document.add_table(rows=len(rows), cols=2)
    table.style = document.styles["Report Table"]
    for row, (key, value) in zip(table.rows, rows):
        row.cells[0].text, row.cells[1].text = key, value
        row.cells[0].width, row.cells[1].width = Mm(55), Mm(105)
    header_row = table.rows[0]._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    header_row.append(marker)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _signature(document: DocumentObject, who: str) -> None:
    """Add the signature block: name and role."""
    name = document.add_paragraph(f"{{{{ {who}.name }}}}", style="Signature Label")
    name.paragraph_format.space_before = Pt(24)
    document.add_paragraph(f"{{{{ {who}.role }}}}")


def _header_footer(document: DocumentObject, header_text: str, first_page_different: bool) -> None:
    """Add the running header (title) and footer (classification, Page X of Y)."""
    section = document.sections[0]
    section.different_first_page_header_footer = first_page_different
    section.header.paragraphs[0].text = header_text
    section.header.paragraphs[0].style = document.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.add_run("{{ document_control.security_classification }}\t\tPage ")
    append_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    append_field(footer, "NUMPAGES", "1")


def write_default_templates(folder: Path) -> list[Path]:
    """Write the default templates to folder (byte-identical every time) and return their paths."""
    from report_builder.files import prepare_folder
    from report_builder.word.package import save_docx

    prepare_folder(folder, "templates folder")
    written = []
    for name, build in (("annual_report", annual_report_template), ("covering_report", covering_report_template)):
        path = folder / f"{name}.docx"
        save_docx(build(), path)
        written.append(path)
    return written
