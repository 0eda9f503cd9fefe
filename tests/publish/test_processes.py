"""LibreOffice's helpers in a group of their own, ended with all they started: here, and on Windows by simulation."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from report_builder.publish import processes

SPAWNS_CHILDREN = [sys.executable, "-c",
                   "import subprocess, sys, time; "
                   "children = [subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']) for _ in range(2)]; "
                   "print(*[child.pid for child in children], flush=True); time.sleep(60)"]


def running(pid: int, seconds: float = 10.0) -> bool:
    """Return whether the process is still running (not gone, not a zombie) after waiting up to the seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        if state in ("Z", "X"):
            return False
        time.sleep(0.1)
    return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the processes' states from /proc")
def test_the_whole_group_is_ended_children_too() -> None:
    process = subprocess.Popen(SPAWNS_CHILDREN, stdin=subprocess.PIPE, stdout=subprocess.PIPE, **processes.group_options())
    assert process.stdout is not None
    children = [int(pid) for pid in process.stdout.readline().split()]
    assert len(children) == 2 and all(running(pid, 0.1) for pid in children)
    processes.end_group(process, grace=5.0)
    process.stdout.close()
    assert process.returncode is not None
    assert not [pid for pid in children if running(pid)], "a child of the group was left running"


def test_a_group_already_gone_is_ended_quietly() -> None:
    process = subprocess.Popen([sys.executable, "-c", "pass"], **processes.group_options())
    process.wait()
    processes.end_group(process)
    assert not processes.group_alive(process.pid)


def test_on_windows_a_new_process_group_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "WINDOWS", True)
    options = processes.group_options()
    assert list(options) == ["creationflags"] and options["creationflags"] == 0x200  # CREATE_NEW_PROCESS_GROUP


def test_on_windows_the_process_tree_is_ended_by_taskkill(monkeypatch: pytest.MonkeyPatch) -> None:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], stdin=subprocess.PIPE)
    commands: list[list[str]] = []

    def taskkill(command: list[str], **_options: object) -> subprocess.CompletedProcess[bytes]:
        commands.append(command)
        process.kill()  # what taskkill /T /F does to the tree
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(processes, "WINDOWS", True)
    monkeypatch.setattr(processes.subprocess, "run", taskkill)
    processes.end_group(process)
    assert commands == [["taskkill", "/F", "/T", "/PID", str(process.pid)]]
    assert process.returncode is not None


def test_the_helper_scripts_need_no_posix_only_call_on_windows() -> None:
    """The scripts LibreOffice's Python runs cannot import the package, so each carries its own Windows branch."""
    script = (Path(processes.__file__).with_name("uno_refresh.py")).read_text(encoding="utf-8")
    assert 'if os.name == "nt":' in script and '"taskkill", "/F", "/T"' in script
    assert "signal.SIGHUP" not in script  # Windows has no SIGHUP: the signals are looked up by name
