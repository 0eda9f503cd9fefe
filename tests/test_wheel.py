"""Installed as a tool: the wheel built from the source, installed alone in a new virtual environment
(as `pipx install .` and `uv tool install .` do), starts a report with `new` and builds it, with the
default templates, reading nothing from the checkout (the copy it was built from is gone by then)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from report_builder.yearly.skeleton import STANDARD_SECTIONS

pytestmark = pytest.mark.slow  # installs the libraries afresh: about half a minute
CHECKOUT = Path(__file__).parents[1]
SCRIPTS = "Scripts" if os.name == "nt" else "bin"


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Return the finished command; fail the test, showing what it said, if it did not succeed."""
    environment = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=environment, capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture(scope="module")
def tool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder holding a venv with only the wheel installed (and the libraries it names)."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    shutil.copytree(CHECKOUT / "report_builder", source / "report_builder",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(CHECKOUT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    run([*pip, "wheel", "--no-deps", "--wheel-dir", folder / "dist", source], folder)
    shutil.rmtree(source)
    run([sys.executable, "-m", "venv", "--without-pip", folder / "venv"], folder)
    python = folder / "venv" / SCRIPTS / ("python.exe" if os.name == "nt" else "python")
    [wheel] = (folder / "dist").glob("report_builder-*.whl")
    run([*pip, "--python", python, "install", "--no-compile", wheel], folder)  # no .pyc: each module runs once or twice
    (folder / "work").mkdir()
    return folder


def report_builder(tool: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Return the run of the installed report-builder, in a folder away from the checkout."""
    return run([tool / "venv" / SCRIPTS / "report-builder", *args], tool / "work")


def test_the_package_comes_from_the_wheel_alone(tool: Path) -> None:
    python = tool / "venv" / SCRIPTS / "python"
    found = run([python, "-c", "import report_builder; print(report_builder.__file__)"], tool / "work").stdout
    assert Path(found.strip()).is_relative_to(tool / "venv")
    assert report_builder(tool, "--version").stdout.startswith("report-builder, version ")


def test_new_then_build_a_draft(tool: Path) -> None:
    made = report_builder(tool, "new", "first", "--year", "2025")
    assert "made first" in made.stdout
    report_builder(tool, "synth", "first/data/ssda903", "--children", "150", "--years", "2", "--year", "2025")
    built = report_builder(tool, "build", "first", "--draft")
    papers = sorted((tool / "work" / "out" / "first").glob("*.docx"))  # out/<report folder name>/
    paper = "Council Independent Reviewing Officer Annual Report 2024-25"
    assert [p.name for p in papers] == [f"{paper} - covering report.docx", f"{paper}.docx"]
    assert all(f"wrote out/first/{p.name}" in built.stdout for p in papers)
    annual = docx.Document(str(papers[1]))
    headings = [p.text for p in annual.paragraphs if p.style.name == "Heading 1"]
    assert any(STANDARD_SECTIONS[0].title in heading for heading in headings), headings


def test_default_templates_are_written(tool: Path) -> None:
    report_builder(tool, "template", "defaults", "templates")
    for name in ("annual_report.docx", "covering_report.docx"):
        template = docx.Document(str(tool / "work" / "templates" / name))
        styles = {style.name for style in template.styles}
        assert {"Numbered Paragraph", "Caption", "Heading 1"} <= styles


def test_the_authoring_pages_templates_and_scripts_come_with_it(tool: Path) -> None:
    script = ("from report_builder.web.app import STATIC, templates; templates().get_template('_editor.html'); "
              "print(' '.join(sorted(p.name for p in STATIC.iterdir())))")
    shown = run([tool / "venv" / SCRIPTS / "python", "-c", script], tool / "work").stdout.split()
    assert {"app.css", "app.js", "htmx.min.js"} <= set(shown)
