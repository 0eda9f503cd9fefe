"""Interruption loses nothing: a build killed at any step leaves each earlier output whole (old or new,
never partial), no stray file under an output name, and the next build succeeds; two builds at once
do not spoil each other's outputs."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from command_line import REPORT_BUILDER

from report_builder.outputs import STAGING_PREFIX

from .conftest import FIXTURES, run_cli

STAGED_BUILD = Path(__file__).with_name("staged_build.py")
DRAFT_STEPS = ["load_draft", "compute_statistics", "draw_exhibits", "write_file", "compose_papers",
               "publish_papers", "save_docx", "replace annual_report.docx", "replace covering_report.docx",
               "replace Northbridge Independent Reviewing Officer Annual Report 2024-25.docx",
               "replace Northbridge Independent Reviewing Officer Annual Report 2024-25 - covering report.docx"]
"""Steps announced by staged_build.py in a draft build, in order."""
KILL_POINTS = (
    [("draft", step, 1, 0.0) for step in DRAFT_STEPS]
    + [("draft", step, 2, 0.0) for step in ("write_file", "save_docx")]
    + [("draft", step, 1, delay) for step, delay in (("draw_exhibits", 0.2), ("compose_papers", 0.1),
                                                     ("save_docx", 0.02))]
    + [("draft", "import", 0, 0.3)]
    + [("full", "_refresh", 1, 0.0), ("full", "_refresh", 1, 1.0), ("full", "_refresh", 2, 0.5),
       ("full", "replace annual_report.docx", 2, 0.0)]
)
"""(mode, step, occurrence, delay): a kill lands as the step starts, or delay seconds into it. 'full'
builds refresh the papers in LibreOffice; 'import' kills while Python is still starting."""


def digests(*folders: Path) -> dict[str, str]:
    """Return the hash of every visible file under the folders, by path from the folders' parent (out/…, figures/…)."""
    found = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
                found[str(path.relative_to(folder.parent))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@dataclass(frozen=True)
class Versions:
    """The report folder, and the outputs of its old and new content in each mode."""

    report: Path
    old: dict[str, Path]
    old_files: dict[str, dict[str, str]]
    new_files: dict[str, dict[str, str]]


def build_into(report: Path, root: Path, mode: str = "draft") -> dict[str, str]:
    """Build in-process into root/out and root/figures; return the outputs' hashes."""
    draft = ["--draft"] if mode == "draft" else []
    outcome = run_cli("build", report, "--out", root / "out", "--figures", root / "figures", *draft, seconds=120)
    assert outcome.exit_code == 0, outcome.output
    return digests(root / "out", root / "figures")


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Versions:
    root = tmp_path_factory.mktemp("interruption")
    report = root / "report"
    shutil.copytree(FIXTURES / "small_report", report)
    old_files = {mode: build_into(report, root / f"old-{mode}", mode) for mode in ("draft", "full")}
    path = report / "sections" / "purpose.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("This report tells", "This new report tells"),
                    encoding="utf-8")
    (report / "statistics.yaml").write_text((report / "statistics.yaml").read_text(encoding="utf-8")
                                             .replace("612", "613", 1), encoding="utf-8")
    new_files = {mode: build_into(report, root / f"new-{mode}", mode) for mode in ("draft", "full")}
    assert set(old_files["draft"]) == set(new_files["draft"]) and old_files["draft"] != new_files["draft"]
    return Versions(report, {mode: root / f"old-{mode}" for mode in old_files}, old_files, new_files)


def killed_build(versions: Versions, folder: Path, mode: str, step: str, occurrence: int, delay: float) -> None:
    """Copy the old outputs to folder, start the new build there and SIGKILL it at the step."""
    shutil.copytree(versions.old[mode], folder)
    if step in ("draw_exhibits", "write_file"):  # charts drawn again rather than taken from the cache
        shutil.rmtree(folder / "out" / ".cache" / "charts", ignore_errors=True)
    command = [sys.executable, str(STAGED_BUILD), str(versions.report), "--out", str(folder / "out"),
               "--figures", str(folder / "figures"), *(["--draft"] if mode == "draft" else [])]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    seen: list[str] = []
    try:
        if step == "import":
            time.sleep(delay)
        else:
            assert process.stdout is not None
            for line in process.stdout:
                seen.append(line.decode().removeprefix("step ").strip())
                if seen[-1] == step and seen.count(step) == occurrence:
                    time.sleep(delay)
                    break
            else:
                raise AssertionError(f"the build finished without step {step!r} ({seen})")
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the build and any LibreOffice it started
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


def test_builds_killed_at_every_step_leave_whole_outputs_and_the_next_build_succeeds(
        versions: Versions, tmp_path: Path) -> None:
    folders = [tmp_path / f"kill-{index}" for index in range(len(KILL_POINTS))]
    with ThreadPoolExecutor(2) as pool:  # each kill in its own folder, two at a time
        list(pool.map(lambda job: killed_build(versions, job[0], *job[1]), zip(folders, KILL_POINTS)))
    failures = []
    for folder, point in zip(folders, KILL_POINTS):
        try:
            check_after_kill(versions, folder, point[0])
        except AssertionError as failure:
            failures.append(f"killed at {point}: {failure}")
    assert not failures, "\n".join(failures)


def check_after_kill(versions: Versions, folder: Path, mode: str) -> None:
    """Check each output is whole (old or new), none is stray or gone, and a draft rebuild gives the new outputs."""
    old, new = versions.old_files[mode], versions.new_files[mode]
    after = digests(folder / "out", folder / "figures")
    assert set(after) <= set(old), f"stray files: {set(after) - set(old)}"
    for name, digest in after.items():
        assert digest in (old[name], new[name]), f"{name} is neither the old file nor the new one"
    assert not set(old) - set(after), f"disappeared: {set(old) - set(after)}"
    assert build_into(versions.report, folder) == versions.new_files["draft"]
    assert not list((folder / "out").glob(f"{STAGING_PREFIX}*")), "the killed build's staging folder was left"


def test_two_builds_at_once_give_the_same_outputs_as_one(versions: Versions, tmp_path: Path) -> None:
    command = [*REPORT_BUILDER, "build", str(versions.report), "--out", str(tmp_path / "out"),
               "--figures", str(tmp_path / "figures")]
    shutil.copytree(versions.old["full"], tmp_path, dirs_exist_ok=True)
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: subprocess.run(command, capture_output=True, text=True, timeout=180,
                                                         check=False), range(2)))
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    assert digests(tmp_path / "out", tmp_path / "figures") == versions.new_files["full"]
