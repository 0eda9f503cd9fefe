"""PDFs going into the agenda pack: checked before they are read, and made inert once merged.

A paper is refused, with its name and how to fix it, when it is larger than any committee paper,
encrypted (with any password, or an owner password only), has no pages or too many, or cannot be
read (broken, or a stream that expands beyond pypdf's limits: a decompression bomb). Every page's
content is decoded once here, so that a bomb is met while the paper is still named.

The merged pack keeps no active content: no JavaScript (document-level, on opening a page, on
bookmarks, links or form fields), no action run on opening, no launching of programs, no form
submission, no links to other files, no attached files. Links within the pack stay, and so do
web and e-mail links (http, https and mailto), which a reader's viewer asks about before opening.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError, FileNotDecryptedError, WrongPasswordError
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from report_builder.errors import Problem, PublishError, display_path

MAX_PDF_BYTES = 200 * 1024 * 1024
MAX_PAGES = 3000
SAFE_SCHEMES = ("http://", "https://", "mailto:")
KEPT_ACTIONS = ("/GoTo",)
"""Actions kept as they are: moving within the pack. URI actions are kept for SAFE_SCHEMES only."""
DROPPED_ANNOTATIONS = ("/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia", "/3D")
ENCRYPTED = "it is encrypted (it has a password, or restrictions set by its owner)"
UNLOCK_HINT = "save a copy without security (in Acrobat: File, Properties, Security, No Security), or print it to PDF"
SAVE_AGAIN = "save it again as PDF from the program that made it (File, Save As or Export, PDF)"

logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf's notes on odd PDFs are not the user's business


def open_pdf(path: Path, title: str) -> PdfReader:
    """Return a reader of a paper for the pack, once it is known to be safe and readable.

    Raises PublishError naming the paper when it is too large, encrypted, empty, too long or unreadable.
    """
    where = display_path(path)
    try:
        size = Path(path).stat().st_size
    except OSError as error:
        raise _refused(where, title, f"cannot read it ({error.strerror or error})",
                       "check that the file is there") from None
    if size > MAX_PDF_BYTES:
        raise _refused(where, title, f"it is {size / 1024 ** 2:,.0f} MB, more than the {MAX_PDF_BYTES // 1024 ** 2} MB "
                       "a committee paper can be", "make it smaller (for example by saving images at 150 dpi)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _checked(PdfReader(path, strict=False), where, title)
    except PublishError:
        raise
    except (DependencyError, FileNotDecryptedError, WrongPasswordError):  # the cipher (AES) is met on opening
        raise _refused(where, title, ENCRYPTED, UNLOCK_HINT) from None
    except Exception as error:  # noqa: BLE001 -- pypdf raises many kinds on a broken file; the file is at fault
        raise _refused(where, title, f"it cannot be read as a PDF ({_said(error)})", SAVE_AGAIN) from None


def _checked(reader: PdfReader, where: str, title: str) -> PdfReader:
    """Return the reader after checking encryption and pages, every page's content decoded once."""
    if reader.is_encrypted:
        raise _refused(where, title, ENCRYPTED, UNLOCK_HINT)
    count = len(reader.pages)
    if count == 0:
        raise _refused(where, title, "it has no pages", SAVE_AGAIN)
    if count > MAX_PAGES:
        raise _refused(where, title, f"it has {count:,} pages, more than the {MAX_PAGES:,} a pack can hold",
                       "check that the right file is named")
    for page in reader.pages:
        contents = page.get_contents()
        if contents is not None:
            contents.get_data()
    return reader


def _refused(where: str, title: str, why: str, hint: str) -> PublishError:
    return PublishError(Problem(f"'{title}' cannot go into the agenda pack: {why}", file=where, hint=hint))


def _said(error: BaseException) -> str:
    """Return an error's own words, short, without its class name."""
    text = " ".join(str(error).split())[:120]
    return text or "unreadable"


def remove_active_content(writer: PdfWriter) -> None:
    """Remove JavaScript, actions and attachments from a merged PDF, keeping links within it and web links."""
    root = writer._root_object
    for key in ("/OpenAction", "/AA"):
        root.pop(NameObject(key), None)
    names = root.get("/Names")
    if isinstance(names := names.get_object() if names is not None else None, DictionaryObject):
        for key in ("/JavaScript", "/EmbeddedFiles"):
            names.pop(NameObject(key), None)
    form = root.get("/AcroForm")
    if form is not None and isinstance(form.get_object(), DictionaryObject):
        form.get_object().pop(NameObject("/XFA"), None)
    for page in writer.pages:
        page.pop(NameObject("/AA"), None)
        _clean_annotations(page)
    outlines = root.get("/Outlines")
    if outlines is not None:
        _clean_outline(outlines.get_object().get("/First"))
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # what was cut off goes


def _clean_annotations(page: DictionaryObject) -> None:
    """Remove a page's active annotations and the actions of the rest."""
    annotations = page.get("/Annots")
    if annotations is None:
        return
    kept = ArrayObject()
    for reference in annotations.get_object():
        annotation = reference.get_object()
        if not isinstance(annotation, DictionaryObject) or annotation.get("/Subtype") in DROPPED_ANNOTATIONS:
            continue
        _clean_actions(annotation)
        kept.append(reference)
    page[NameObject("/Annots")] = kept


def _clean_outline(item: object) -> None:
    """Remove the actions of bookmarks that do more than move within the pack (iteratively, siblings and children)."""
    pending = [item]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if current is None:
            continue
        bookmark = current.get_object()  # type: ignore[attr-defined]
        if not isinstance(bookmark, DictionaryObject) or id(bookmark) in seen:
            continue
        seen.add(id(bookmark))
        _clean_actions(bookmark)
        pending += [bookmark.get("/Next"), bookmark.get("/First")]


def _clean_actions(holder: DictionaryObject) -> None:
    """Remove an annotation's or bookmark's additional actions, and its action unless it is kept."""
    holder.pop(NameObject("/AA"), None)
    action = holder.get("/A")
    if action is None:
        return
    action = action.get_object()
    if not _kept(action):
        holder.pop(NameObject("/A"), None)
    elif isinstance(action, DictionaryObject):
        action.pop(NameObject("/Next"), None)


def _kept(action: object) -> bool:
    """Return whether an action only moves within the pack or opens a web or e-mail link."""
    if not isinstance(action, DictionaryObject):
        return False
    kind = action.get("/S")
    if kind in KEPT_ACTIONS:
        return True
    if kind == "/URI":
        target = str(action.get("/URI", "")).strip().lower()
        return target.startswith(SAFE_SCHEMES)
    return False
