"""report-builder serve: the authoring page for a report folder, in the browser, on this computer only."""

from __future__ import annotations

import secrets
import socket
import threading
from pathlib import Path

import click

from report_builder.console import handles_problems


def free_socket() -> socket.socket:
    """Return a listening socket on 127.0.0.1 at a free port (only this computer can reach it)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    return sock


@click.command("serve")
@click.argument("report_dir", type=click.Path(path_type=Path), default=".")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Folder for the papers (default: out/ inside the report folder).")
@click.option("--no-browser", is_flag=True, help="Print the address without opening the browser.")
@handles_problems
def command(report_dir: Path, out_dir: Path | None, no_browser: bool) -> None:
    """Open the authoring page for REPORT_DIR (default: this folder) in the browser: write the
    sections, see the figures, fix what the checks say and build the papers. Stop with Ctrl+C.

    The page answers only on this computer (127.0.0.1), at an address with a secret token.

    Example: report-builder serve content/example
    """
    import uvicorn

    from report_builder.load import load_report
    from report_builder.web.app import create_app
    from report_builder.web.builds import BuildWorker

    if not (report_dir / "report.yaml").is_file():
        load_report(report_dir)  # says what is wrong with the folder, and how to start one
    sock = free_socket()
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    worker = BuildWorker()
    app = create_app(report_dir, port, token, out_dir, worker)
    threading.Thread(target=_warm, args=(app, worker), daemon=True).start()
    address = f"http://127.0.0.1:{port}/?token={token}"
    click.echo(f"The report page is at {address}")
    click.echo("Keep this window open while you work; press Ctrl+C to stop.", err=True)
    if not no_browser:
        import webbrowser

        webbrowser.open(address)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    try:
        server.run(sockets=[sock])
    finally:
        worker.close()


def _warm(app, worker) -> None:  # type: ignore[no-untyped-def]
    """Work out the figures and draw every chart once, so the first edit is as quick as the rest."""
    from report_builder.web.app import served_of

    served = served_of(app)
    report, _ = served.workspace.try_load()
    served.workspace.try_figures(report)
    if report is not None:
        worker.draw_charts(served.workspace.folder, served.workspace.out_dir)
