"""Tests for deterministic saving (writing itself is tested in tests/test_files.py)."""

from __future__ import annotations

import os
import zipfile
from datetime import datetime

import docx
import pytest

from report_builder.exhibits import Cell, DataTable
from report_builder.word import add_data_table, add_seq_caption, add_toc, save_docx, set_properties
from report_builder.word.package import ZIP_EPOCH

from .conftest import accessible_document


def build(png) -> docx.document.Document:
    document = accessible_document()
    set_properties(document, "Title", "Subject", "Author", "k", datetime(2025, 3, 31))
    add_toc(document)
    document.add_heading("Purpose", 1)
    add_seq_caption(document, "Figure", 1, "A chart", "_Ref_chart")
    document.add_picture(str(png))
    add_data_table(document, DataTable("t", "T", ["A", "B"], [[Cell("x"), Cell(1, "count")]]), 1)
    return document


def test_two_saves_are_byte_identical(tmp_path, png):
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    save_docx(build(png), first)
    os.utime(png, (0, 0))
    save_docx(build(png), second)
    assert first.read_bytes() == second.read_bytes()


def test_entries_have_fixed_times_and_content_types_first(tmp_path, png):
    path = tmp_path / "report.docx"
    save_docx(build(png), path)
    with zipfile.ZipFile(path) as package:
        entries = package.infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert {entry.date_time for entry in entries} == {ZIP_EPOCH}


def test_docxtemplate_saves_the_same_way(tmp_path, png):
    from docxtpl import DocxTemplate

    source = tmp_path / "template.docx"
    save_docx(build(png), source)
    outputs = []
    for name in ("a.docx", "b.docx"):
        template = DocxTemplate(str(source))
        template.render({})
        save_docx(template, tmp_path / name)
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_failed_build_keeps_the_previous_file(tmp_path, png, monkeypatch):
    path = tmp_path / "report.docx"
    save_docx(build(png), path)
    before = path.read_bytes()
    document = build(png)

    def broken_save(stream):
        stream.write(b"half")
        raise RuntimeError("failed midway")

    monkeypatch.setattr(document, "save", broken_save)
    with pytest.raises(RuntimeError, match="failed midway"):
        save_docx(document, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
