"""LibreOffice's helper processes in a group of their own, and ended with everything they started.

On Linux and macOS the helper leads a new session (its own process group): a Ctrl+C meant for the
build does not reach it half-way through a document, and the whole group (the helper, soffice and
soffice.bin) is ended with a signal to the group, politely first. Windows has no process groups of
that kind: the helper is started in a new console process group, and ended with its whole tree by
`taskkill /T /F`, which is what Windows offers for the same job.
"""

from __future__ import annotations

import os
import signal
import subprocess
from typing import Any

WINDOWS = os.name == "nt"


def group_options() -> dict[str, Any]:
    """Return the Popen keyword arguments that start a process as the leader of a group of its own."""
    if WINDOWS:
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    return {"start_new_session": True}


def end_group(process: subprocess.Popen, grace: float = 5.0) -> None:  # type: ignore[type-arg]
    """End a group started with group_options(): ask it to stop, then kill what is left, and reap the leader."""
    if WINDOWS:
        kill_tree(process.pid)
    else:
        for number, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, grace)):
            if not _signal_group(process.pid, number):
                break
            try:
                process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                continue
            if not group_alive(process.pid):
                break
    if process.stdin is not None:
        process.stdin.close()
    process.wait()


def kill_tree(pid: int) -> None:
    """Kill at once the group (Windows: the process tree) that the process `pid` leads."""
    if WINDOWS:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(pid)], capture_output=True, check=False)
    else:
        _signal_group(pid, signal.SIGKILL)


def group_alive(group: int) -> bool:
    """Return whether any process of the group is left (always False on Windows, where the tree is killed whole)."""
    return not WINDOWS and _signal_group(group, 0)


def _signal_group(group: int, number: int) -> bool:
    """Send a signal to a process group; return False when the group is gone."""
    try:
        os.killpg(group, number)  # type: ignore[attr-defined,unused-ignore]
    except (ProcessLookupError, PermissionError):
        return False
    return True
