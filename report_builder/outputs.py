"""Publish stage: write the papers (and PDFs, and the agenda pack) atomically, all or nothing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from report_builder.compose.documents import Papers
from report_builder.errors import Problem, PublishError, display_path
from report_builder.files import file_stem, output_path, prepare_folder, remove_stale_folders, replace_file
from report_builder.load import Report
from report_builder.statistics.model import Period, Statistics
from report_builder.word.draft import drafted
from report_builder.word.fields import set_update_fields_on_open
from report_builder.word.package import save_docx

NO_LIBREOFFICE_NOTE = (
    "LibreOffice (with its Python bridge) was not found, so the contents page has no page numbers yet: Word fills them in when "
    "the document is opened (answer Yes when it asks to update fields). Install LibreOffice to have them filled "
    "in by the build: 'report-builder doctor' says what is missing and how to install it."
)


@dataclass(frozen=True)
class PublishOptions:
    """Where outputs go and which to make."""

    out_dir: Path = Path("out")
    figures_dir: Path = Path("figures")
    cache_dir: Path = Path("out/.cache/charts")
    pdf: bool = False
    pack: bool = False
    draft: bool = False
    """A draft: parts still to write are allowed, every page is marked DRAFT, and LibreOffice is skipped
    unless PDFs are asked for (quicker; the contents page fills in when Word opens the file)."""
    progress: Callable[[str], None] = field(default=lambda _step: None, compare=False)
    """Told of each step that may take a while, for the user to see."""


@dataclass(frozen=True)
class Published:
    """The files written, and notes for the user."""

    written: list[Path]
    notes: list[str] = field(default_factory=list)


def paper_names(report: Report, stats: Statistics | None = None) -> dict[str, str]:
    """Return the output file stems: council, title and period, e.g. 'Northbridge IRO Annual Report 2024-25'."""
    period = stats.period if stats is not None else Period(year_ending=report.meta.year_ending)
    base = file_stem(f"{report.council.short_name} {report.meta.title}", f" {period.label.replace('/', '-')}")
    return {"annual_report": base, "covering_report": f"{base} - covering report",
            "pack": f"{base} - agenda pack"}


def check_outputs(report: Report, options: PublishOptions) -> None:
    """Make the output folders, check that nothing but a file stands where a paper will be written and,
    for an agenda pack, that every appendix can go into it.

    Done before any work, so that a build that cannot write its papers stops at once.
    Raises PublishError naming the folder or path.
    """
    prepare_folder(options.out_dir)
    prepare_folder(options.figures_dir, "figures folder")
    for stem in paper_names(report).values():
        for suffix in (".docx", ".pdf"):
            output_path(options.out_dir / f"{stem}{suffix}")
    if options.pack:
        problems = [p for index, appendix in enumerate(report.meta.extra_appendices) if appendix.file
                    for p in appendix_problems(report, appendix.file, appendix.title, index)]
        if problems:
            raise PublishError(problems)


def publish_papers(papers: Papers, report: Report, stats: Statistics, options: PublishOptions) -> Published:
    """Write the papers to the output folder; every file appears only once all are ready.

    Raises PublishError when a file cannot be written or converted; earlier outputs are then untouched.
    """
    prepare_folder(options.out_dir)
    names = paper_names(report, stats)
    use_libreoffice = (not options.draft or options.pdf or options.pack) and _libreoffice_available()
    notes = [] if use_libreoffice or options.draft else [NO_LIBREOFFICE_NOTE]
    if (options.pdf or options.pack) and not use_libreoffice:
        raise PublishError(Problem("making PDFs needs LibreOffice, which was not found",
                                   hint="run 'report-builder doctor' to see what to install, "
                                   "or build without --pdf and --pack"))
    remove_stale_staging(options.out_dir)
    with tempfile.TemporaryDirectory(dir=options.out_dir, prefix=f"{STAGING_PREFIX}{os.getpid()}-") as staging_name:
        staging = Path(staging_name)
        staged: dict[Path, Path] = {}
        for kind, document in (("annual_report", papers.annual_report), ("covering_report", papers.covering_report)):
            final = options.out_dir / f"{names[kind]}.docx"
            draft = staging / f"{kind}.docx"
            if not use_libreoffice:
                set_update_fields_on_open(document)
            if options.draft:
                document = drafted(document)
            save_docx(document, draft)
            staged[final] = draft
            if use_libreoffice:
                pdf = staging / f"{kind}.pdf" if options.pdf or options.pack else None
                if kind == "annual_report" or pdf:
                    purposes = (["number the contents page"] if kind == "annual_report" else []) + (
                        ["make its PDF"] if pdf else [])
                    options.progress(f"laying out the {kind.replace('_', ' ')} with LibreOffice to "
                                     + " and ".join(purposes))
                if kind == "annual_report":
                    _lay_out_with_floats(draft, pdf or staging / "layout.pdf")
                else:
                    _refresh(draft, pdf, False)
                if pdf is not None:
                    staged[final.with_suffix(".pdf")] = pdf
        if options.pack:
            options.progress("making the agenda pack")
            staged[options.out_dir / f"{names['pack']}.pdf"] = _pack(report, stats, staged, names, staging)
        for final, draft in staged.items():
            replace_file(draft, final)
    return Published(list(staged), notes)


STAGING_PREFIX = ".building-"
"""Staging folders are named .building-PID-…, so one left by a killed build can be told from a running one's."""


def remove_stale_staging(out_dir: Path) -> None:
    """Remove staging folders left in out_dir by builds that were killed (their process is gone)."""
    remove_stale_folders(out_dir, STAGING_PREFIX)


def _libreoffice_available() -> bool:
    from report_builder.publish.libreoffice import libreoffice_available

    return libreoffice_available()


FLOAT_ROUNDS = 4
"""How many times at most charts and tables are floated and the report laid out again."""


def _lay_out_with_floats(docx: Path, pdf: Path) -> None:
    """Lay the annual report out with LibreOffice (contents page and PDF), then float each chart or table
    that left a page part empty and lay it out again, until none does (at most FLOAT_ROUNDS times)."""
    from report_builder.publish.floats import float_exhibits

    _refresh(docx, pdf, True)
    for _ in range(FLOAT_ROUNDS):
        if not float_exhibits(docx, pdf):
            return
        _refresh(docx, pdf, True)


def _refresh(docx: Path, pdf: Path | None, has_contents: bool) -> None:
    """Fill the contents page's page numbers (annual report) and export the PDF, with LibreOffice."""
    from report_builder.publish.libreoffice import update_indexes_and_export

    if has_contents or pdf is not None:
        update_indexes_and_export(docx, docx if has_contents else None, pdf)


def _pack(report: Report, stats: Statistics, staged: dict[Path, Path], names: dict[str, str], staging: Path) -> Path:
    """Return the agenda pack PDF made in staging: a front sheet, the covering report, the annual report
    (laid out as one tagged document), then each further appendix."""
    from datetime import datetime, time

    from report_builder.formatting import format_date
    from report_builder.publish.pack import PackInputs, PackPart, make_pack
    from report_builder.publish.pack_document import FrontSheet

    by_name = {final.name: draft for final, draft in staged.items()}
    covering = by_name[f"{names['covering_report']}.pdf"]
    annual = by_name[f"{names['annual_report']}.pdf"]
    appendices = [PackPart(f"Appendix {number} – {appendix.title}", _appendix_pdf(report, appendix.file, staging))
                  for number, appendix in enumerate(report.meta.extra_appendices, start=2) if appendix.file]
    committee, meta = report.meta.committee, report.meta
    front = FrontSheet(committee.name, format_date(committee.meeting_date, report.council.date_style),
                       "" if committee.agenda_item is None else str(committee.agenda_item).strip(),
                       f"{meta.title} {stats.period.label}", report.council.name)
    inputs = PackInputs(front, PackPart("Covering report", covering),
                        PackPart(f"Appendix 1 – {meta.title} {stats.period.label}", annual), appendices,
                        meta.author.name, datetime.combine(meta.document_control.date_agreed, time(9, 0)))
    out = staging / "pack.pdf"
    make_pack(inputs, by_name[f"{names['covering_report']}.docx"], by_name[f"{names['annual_report']}.docx"],
              out, staging)
    return out


def _appendix_pdf(report: Report, file: str, staging: Path) -> Path:
    """Return an extra appendix as PDF (converting a .docx with LibreOffice)."""
    path = report.path(file)
    problems = appendix_problems(report, file)
    if problems:
        raise PublishError(problems)
    if path.suffix.lower() == ".pdf":
        return path
    from report_builder.publish.libreoffice import update_indexes_and_export

    pdf = staging / f"appendix-{path.stem}.pdf"
    update_indexes_and_export(path, None, pdf)
    return pdf


def appendix_problems(report: Report, file: str, title: str = "appendix", index: int | None = None) -> list[Problem]:
    """Return what stops an extra appendix's file going into the pack: missing, of another kind, or unsafe.

    A Word file is checked as a package (size, zip bombs, DTDs, links outside it); a PDF as the
    pack reads it (encryption, pages, readability).
    """
    where = ("extra_appendices", index, "file") if index is not None else None
    path = report.path(file)

    def located(message: str, hint: str) -> Problem:
        if where is not None:
            return report.meta_source.problem(where, message, hint)
        return Problem(message, file="report.yaml", hint=hint)

    if not path.is_file():
        return [located(f"appendix file not found: {file}",
                        "put the file in the report folder and name it relative to it")]
    if path.suffix.lower() not in (".pdf", ".docx"):
        return [located(f"appendix '{file}' is not a PDF or Word file", "give a .pdf or .docx file")]
    try:
        if path.suffix.lower() == ".pdf":
            from report_builder.publish.pdf_safety import open_pdf

            open_pdf(path, title)
        else:
            from report_builder.packages import check_word_package

            check_word_package(path, display_path(path), PublishError)
    except PublishError as error:
        return error.problems
    return []
