"""Benchmark the authoring page as a team manager uses it: keystrokes, a draft build and a full build.

    python benchmarks/bench_serve.py [--keystrokes 30] [--builds 5] [--section challenge]

Starts `report-builder serve` over a copy of the example report (a real server on 127.0.0.1, as a
user starts it), signs in with the printed address, waits until the server is warm (figures worked
out, charts drawn), then measures over HTTP, as the browser would see it:

- a preview after a keystroke: one character typed into a paragraph, posted as the page's script
  posts it; the time until the answer (saved, checked and previewed) arrives. Target under 200 ms.
- a draft build of the example (`Quick draft`: Word papers, contents filled in when Word opens
  them) after an edit, from pressing the button until the page shows it built. Target under 1 s.
- a full build with contents page numbers (`Build the Word papers`: LibreOffice lays the report out
  to number the contents page) after an edit. Target under 3 s.
- for information, the papers with their PDFs and the agenda pack.

Each build is timed from the button's request to the first status answer that shows it finished
(polled every 25 ms); the server's own time for it and the processor time the server, its worker
and LibreOffice used for it are shown beside it. On a machine shared with other work the elapsed
times are longer than the processor time; the load average is printed last.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx

EXAMPLE = Path(__file__).parents[1] / "content" / "example"
WARM_SECONDS = 300.0
POLL_SECONDS = 0.025


class EditorFields(HTMLParser):
    """The fields of the page's section form (#editor), as the browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._inside = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form" and found.get("id") == "editor":
            self._inside = True
        if not self._inside or "name" not in found:
            if tag == "option" and self._select and "selected" in found:
                self.fields.append((self._select, found.get("value", "")))
            return
        if tag == "input" and found.get("type") not in ("checkbox", "button", "submit") or tag == "input" and found.get("type") == "checkbox" and "checked" in found:
            self.fields.append((found["name"], found.get("value", "")))
        elif tag == "textarea":
            self._textarea = found["name"]
            self.fields.append((found["name"], ""))
        elif tag == "select":
            self._select = found["name"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)


def editor_fields(html: str) -> dict[str, str]:
    """Return the section form's fields from the page's HTML."""
    parser = EditorFields()
    parser.feed(html)
    return dict(parser.fields)


class Served:
    """`report-builder serve` running over a folder, and a browser-like client signed in to it."""

    def __init__(self, folder: Path):
        command = [sys.executable, "-m", "report_builder.cli", "serve", str(folder), "--no-browser"]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()  # type: ignore[union-attr]
        address = re.search(r"(http://127\.0\.0\.1:\d+)/\?token=(\S+)", line)
        if not address:
            self.close()
            raise SystemExit(f"serve printed {line!r}")
        self.base = address.group(1)
        self.client = httpx.Client(base_url=self.base, timeout=300)
        self.client.get(f"/?token={address.group(2)}")
        page = self.client.get("/").text
        self.csrf = page.split('"x-csrftoken": "', 1)[1].split('"', 1)[0]

    def post(self, path: str, data: dict[str, str]) -> httpx.Response:
        """Return the answer to a form posted as the page's script posts it."""
        headers = {"x-csrftoken": self.csrf, "origin": self.base, "hx-request": "true"}
        response = self.client.post(path, data=data, headers=headers)
        response.raise_for_status()
        return response

    def close(self) -> None:
        """Stop the server as Ctrl+C does."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Section:
    """One section's form as the page holds it, typed into and posted after each keystroke."""

    def __init__(self, served: Served, name: str):
        self.served = served
        self.path = f"/section/{name}"
        self.fields = editor_fields(served.client.get(self.path).text)
        self.field = next(key for key in self.fields if key.endswith("-text"))
        self.cpu: list[float] = []

    def type(self, text: str) -> float:
        """Return the seconds from posting the paragraph with text added until the answer arrived."""
        self.fields[self.field] += text
        cpu = cpu_seconds(self.served.process.pid)
        started = time.perf_counter()
        answer = self.served.post(self.path, self.fields).text
        seconds = time.perf_counter() - started
        self.cpu.append(cpu_seconds(self.served.process.pid) - cpu)
        version = re.search(r'id="version" name="version" value="([^"]+)"', answer)
        if not version or "Saved at" not in answer:
            raise SystemExit(f"the keystroke was not saved: {answer[:400]!r}")
        self.fields["version"] = version.group(1)
        return seconds


def warm_up(served: Served, section: str) -> float:
    """Return the seconds until the server has worked out the figures and drawn the charts."""
    started = time.perf_counter()
    while "being drawn" in served.client.get(f"/section/{section}").text:
        if time.perf_counter() - started > WARM_SECONDS:
            raise SystemExit("the server did not draw its charts in time")
        time.sleep(0.2)
    return time.perf_counter() - started


def timed_build(served: Served, kind: str) -> tuple[float, float, float]:
    """Return the seconds a build took as the page saw it, as the server timed it, and of processor time."""
    cpu = cpu_seconds(served.process.pid)
    started = time.perf_counter()
    status = served.post("/build", {"kind": kind}).text
    while "Building" in status or "starting" in status.lower():
        time.sleep(POLL_SECONDS)
        status = served.client.get("/build/status").text
    seen = time.perf_counter() - started
    used = cpu_seconds(served.process.pid) - cpu
    own = re.search(r"Built in ([\d.]+) seconds", status)
    if not own:
        raise SystemExit(f"the {kind} build failed: {re.sub(r'<[^>]+>', ' ', status)[:600]}")
    return seen, float(own.group(1)), used


def cpu_seconds(root: int) -> float:
    """Return the processor time used so far by a process and all its descendants (0 where /proc is missing).

    Children that have ended count in their parent's total, so chart workers and LibreOffice are included.
    """
    proc = Path("/proc")
    if not proc.is_dir():
        return 0.0
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = sum(int(value) for value in fields[11:15]) / tick
    total, wanted = 0.0, {root}
    while wanted:
        pid = wanted.pop()
        total += times.get(pid, 0.0)
        wanted |= {child for child, parent in parents.items() if parent == pid}
    return total


def describe(times: list[float], milliseconds: bool = False) -> str:
    """Return the median, best and worst of some times."""
    scale, unit = (1000, "ms") if milliseconds else (1, "s")
    median, best, worst = (statistics.median(times) * scale, min(times) * scale, max(times) * scale)
    digits = 0 if milliseconds else 2
    return f"median {median:.{digits}f} {unit}, best {best:.{digits}f}, worst {worst:.{digits}f} (n={len(times)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keystrokes", type=int, default=30)
    parser.add_argument("--builds", type=int, default=5)
    parser.add_argument("--section", default="challenge")
    parser.add_argument("--no-pack", action="store_true", help="leave out the PDFs and agenda pack")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "example"
        shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
        started = time.perf_counter()
        served = Served(folder)
        try:
            print(f"server answering after {time.perf_counter() - started:.2f} s; "
                  f"warm (figures and charts) after a further {warm_up(served, args.section):.2f} s")
            section = Section(served, args.section)
            section.type(" x")  # the first save of a session reads the file's layout
            keystrokes = [section.type(letter) for letter in ("abcdefghij" * 100)[:args.keystrokes]]
            results: dict[str, tuple[list[float], list[float], list[float]]] = {}
            kinds = [("draft", "draft build (Word papers, contents filled in by Word)"),
                     ("papers", "full build (LibreOffice numbers the contents page)")]
            if shutil.which("soffice") and not args.no_pack:
                kinds.append(("pack", "papers, PDFs and agenda pack"))
            for kind, label in kinds:
                timed_build(served, kind)  # the first of each kind starts what it keeps warm
                seen, own, used = [], [], []
                for _ in range(args.builds):
                    section.type(".")
                    page_time, server_time, cpu = timed_build(served, kind)
                    seen.append(page_time)
                    own.append(server_time)
                    used.append(cpu)
                results[label] = (seen, own, used)
        finally:
            served.close()
    typing_cpu = section.cpu[1:1 + len(keystrokes)]
    print(f"preview after a keystroke (target < 200 ms): {describe(keystrokes, milliseconds=True)}; "
          f"processor time of the server: median {statistics.median(typing_cpu) * 1000:.0f} ms")
    targets = {"draft": 1.0, "full": 3.0}
    for label, (seen, own, used) in results.items():
        target = next((f" (target < {limit:.0f} s)" for key, limit in targets.items() if label.startswith(key)), "")
        print(f"{label}{target}: {describe(seen)}; the server's own time: median {statistics.median(own):.1f} s; "
              f"processor time of the server, its worker and LibreOffice: median {statistics.median(used):.2f} s")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors")


if __name__ == "__main__":
    main()
