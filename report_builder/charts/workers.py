"""Worker processes that draw charts, with matplotlib imported once and, when asked, in good time.

A worker forked from the build spends about half a second importing matplotlib before it draws
anything, and every worker pays it again. Here the build forks one helper process, which imports
matplotlib once and then forks the workers, so they start drawing at once. The build starts the
helper as soon as it knows charts will need drawing (the figures are being worked out afresh), so
that matplotlib loads on one processor while the main process reads the data on the other.

The helper is forked, as workers always were on Linux, so it and the workers inherit the build's
state; where the platform starts processes some other way (spawn on Windows and macOS) the workers
are started as before, each importing matplotlib itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:  # multiprocessing is imported when charts are drawn, not by a build that draws none
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

Work = Callable[[Any], object]


def worker_count(jobs: int) -> int:
    """Return how many worker processes to use: no more than the jobs or the processors available."""
    available = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    return max(1, min(jobs, available, os.cpu_count() or 1))


def run_in_pool(work: Work, jobs: Sequence[Any], context: Any = None) -> None:
    """Run work on every job in parallel worker processes; raise what any of them raised."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=worker_count(len(jobs)), mp_context=context) as pool:
        list(pool.map(work, jobs))


class ChartWorkers:
    """The processes that draw a build's charts: a helper with matplotlib loaded, and its workers.

    Use as a context manager; `start()` forks the helper early, `run()` draws (starting the helper
    if need be), and leaving the block ends the helper.
    """

    def __init__(self) -> None:
        self._connection: Connection | None = None
        self._helper: BaseProcess | None = None

    @property
    def started(self) -> bool:
        """Whether the helper process is running, matplotlib loaded or loading."""
        return self._helper is not None

    def start(self) -> None:
        """Fork the helper now, to import matplotlib while this process gets on (where processes fork)."""
        import multiprocessing

        if self.started or multiprocessing.get_start_method() != "fork":
            return
        context = multiprocessing.get_context("fork")
        ours, helpers = context.Pipe()
        self._helper = context.Process(target=_helper_main, args=(helpers, ours), name="chart-workers")
        self._helper.start()
        helpers.close()  # only the helper holds its end now, so it sees when this process closes ours
        self._connection = ours

    def run(self, work: Work, jobs: Sequence[Any]) -> None:
        """Run work on every job in parallel; raise what any of them raised.

        Raises BrokenProcessPool when the helper process ends without answering.
        """
        self.start()
        if self._connection is None:
            run_in_pool(work, jobs)
            return
        try:
            self._connection.send((work, list(jobs)))
            failure = self._connection.recv()
        except (EOFError, OSError) as error:
            from concurrent.futures.process import BrokenProcessPool

            raise BrokenProcessPool("the process drawing the charts ended unexpectedly") from error
        if failure is not None:
            raise failure

    def close(self) -> None:
        """End the helper process (it finishes when its pipe closes) and wait for it."""
        if self._connection is not None:
            self._connection.close()  # the helper, waiting for work, reads the end of the pipe
        if self._helper is not None:
            self._helper.join()
        self._connection = self._helper = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def _helper_main(connection: Connection, builds_end: Connection) -> None:
    """Import matplotlib, then run each batch of work sent until the build closes the pipe."""
    builds_end.close()  # forked with the build's end open; closed, the pipe ends when the build closes it
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # loaded here once, for every worker forked from here

    import report_builder.charts.draw  # noqa: F401

    while True:
        try:
            work, jobs = connection.recv()
        except EOFError:
            return
        connection.send(_run_batch(work, jobs))


def _run_batch(work: Work, jobs: list[Any]) -> BaseException | None:
    """Return None when every job ran, else the error to raise in the build."""
    import multiprocessing

    try:
        run_in_pool(work, jobs, multiprocessing.get_context("fork"))
    except Exception as error:  # noqa: BLE001  (sent back whole, raised where the build can report it)
        return error
    return None
