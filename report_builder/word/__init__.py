"""Word building blocks: fields, charts, tables, sections, properties, deterministic saving."""

from report_builder.word.fields import (
    add_page_number_fields,
    add_ref,
    add_seq_caption,
    add_table_of_figures,
    add_toc,
    bookmark_name,
    set_update_fields_on_open,
)
from report_builder.word.package import docx_bytes, save_docx
from report_builder.word.pictures import add_chart
from report_builder.word.properties import set_default_language, set_properties
from report_builder.word.sections import end_landscape_section, start_landscape_section
from report_builder.word.tables import add_data_table

__all__ = [
    "add_chart",
    "add_data_table",
    "add_page_number_fields",
    "add_ref",
    "add_seq_caption",
    "add_table_of_figures",
    "add_toc",
    "bookmark_name",
    "docx_bytes",
    "end_landscape_section",
    "save_docx",
    "set_default_language",
    "set_properties",
    "set_update_fields_on_open",
    "start_landscape_section",
]
