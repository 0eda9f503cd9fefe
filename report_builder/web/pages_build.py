"""The build page: the papers built in the warm worker with a progress bar, then links and page thumbnails."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from report_builder.web.context import overview as load_overview

DOWNLOADS = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             ".pdf": "application/pdf", ".png": "image/png"}


def build_options(served: Any, kind: str) -> dict[str, Any]:
    """Return the build's options: 'draft' (quick, no page numbers), 'papers' or 'pack' (PDFs and agenda pack)."""
    out = served.workspace.out_dir
    return {"out_dir": out, "figures_dir": out / "figures", "cache_dir": out / ".cache" / "charts",
            "draft": kind == "draft", "pdf": kind == "pack", "pack": kind == "pack"}


def routes(served: Any) -> list[Route]:
    """Return the routes of the build page, its progress and its files."""
    async def page(request: Request) -> Response:
        return _page(served, request, "build.html")

    async def start(request: Request) -> Response:
        form = await request.form()
        kind = str(form.get("kind", "pack"))
        if served.worker is not None:
            if kind == "pack" and not _libreoffice():
                kind = "papers"
            served.worker.start_build(served.workspace.folder, build_options(served, kind))
        return _status(served, request)

    async def status(request: Request) -> Response:
        return _status(served, request)

    async def download(request: Request) -> Response:
        return _file(served, request.path_params["file"], served.workspace.out_dir)

    async def thumbnail(request: Request) -> Response:
        return _file(served, request.path_params["file"], served.workspace.out_dir / ".cache" / "thumbnails")

    return [Route("/build", page), Route("/build", start, methods=["POST"]), Route("/build/status", status),
            Route("/files/{file}", download), Route("/thumbnails/{file}", thumbnail)]


def _libreoffice() -> bool:
    from report_builder.publish.libreoffice import libreoffice_available

    return libreoffice_available()


def _file(served: Any, name: str, folder: Path) -> Response:
    """Return a file the build wrote, only from its own folder and only of the kinds it writes."""
    path = (folder / name).resolve()
    if path.parent != folder.resolve() or path.suffix.lower() not in DOWNLOADS or not path.is_file():
        return Response("Not found", status_code=404)
    inline = path.suffix.lower() != ".docx"
    return FileResponse(path, media_type=DOWNLOADS[path.suffix.lower()], filename=path.name,
                        content_disposition_type="inline" if inline else "attachment")


@dataclass(frozen=True)
class Paper:
    """One paper the build made, with its files: Word, PDF or both."""

    title: str
    files: list[tuple[str, Path]]
    """(format as the page names it, file) pairs."""


def papers_of(written: list[Path]) -> list[Paper]:
    """Return the files a build wrote as papers: the annual report, the covering report, the agenda pack."""
    kinds = {"annual": "The annual report", "covering report": "The covering report", "agenda pack": "The agenda pack"}
    found: dict[str, list[tuple[str, Path]]] = {}
    for path in written:
        kind = next((k for k in ("covering report", "agenda pack") if k in path.stem.lower()), "annual")
        found.setdefault(kind, []).append(("Word" if path.suffix == ".docx" else "PDF", path))
    return [Paper(kinds[kind], sorted(found[kind], key=lambda item: item[0] != "Word")) for kind in kinds if kind in found]


def _status_context(served: Any) -> dict[str, Any]:
    """Return what the build's progress shows: the state, and the papers it made."""
    state = served.worker.state if served.worker else None
    papers = papers_of(state.written) if state else []
    annual_pdf = next((path for paper in papers[:1] for kind, path in paper.files if kind == "PDF"), None)
    return {"state": state, "papers": papers, "annual_pdf": annual_pdf, "out_dir": served.workspace.out_dir}


def _status(served: Any, request: Request) -> Response:
    """Return the build's progress, or what it made (asked for every few tenths of a second while it runs)."""
    return served.page(request, "_build_status.html", **_status_context(served))


def _page(served: Any, request: Request, template: str) -> Response:
    return served.page(request, template, title="Build the papers", nav=load_overview(served.workspace),
                       libreoffice=_libreoffice(), has_worker=served.worker is not None, **_status_context(served))
