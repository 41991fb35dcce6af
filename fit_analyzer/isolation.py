"""Parse untrusted files in worker processes that are killed when they overrun their limits."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import math
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import TracebackType

from .documents import Document, document_from_bytes
from .errors import CorruptDocumentError, DocumentError, DocumentTooLargeError, ParseTimeoutError
from .limits import MB, Limits

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# What a worker answers: its file's error, or the document after ``prepare``.
Result = object
Prepare = Callable[[Document], object]


@dataclass(frozen=True)
class ParseTask:
    """The bytes of one file, to be turned into a `Document` read as ``role``.

    ``store``, when given, is called in the worker with the result of a file that was
    read (to cache it there, in parallel, rather than in the parent).
    """

    data: bytes
    path: Path
    role: str
    pdf_engine: str
    store: Callable[[object], None] | None = None


class ParserPool:
    """Up to ``jobs`` persistent worker processes parsing `ParseTask`s under ``limits``.

    Each worker answers the `Document` of its file, or ``prepare(document)`` when given,
    so that work on the document runs in parallel too (``prepare`` must not raise
    for a document that parsed). ``setup`` runs once, here, before the first worker starts:
    what it loads, every worker shares. Workers start on demand (a run that finds
    everything in the cache starts none) and are reused. A worker
    that overruns ``limits.seconds_per_file`` is killed and replaced, and its file gets a
    `ParseTimeoutError`; one that dies (out of memory in C code, a crash) gets a
    `CorruptDocumentError`. Use as a context manager: leaving it stops every worker.
    """

    def __init__(
        self,
        jobs: int,
        limits: Limits,
        prepare: Prepare | None = None,
        setup: Callable[[], object] | None = None,
    ) -> None:
        self.jobs = max(1, jobs)
        self.limits = limits
        self.prepare = prepare
        self._setup = setup
        self._workers: list[_Worker] = []

    def __enter__(self) -> ParserPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def full(self) -> bool:
        """Whether all ``jobs`` workers are running: more start only to replace one."""
        return len(self._workers) >= self.jobs

    def start(self) -> None:
        """Start every worker now rather than on demand (a server's, before its threads)."""
        while not self.full:
            self._start()

    def close(self) -> None:
        """Stop every worker."""
        for worker in self._workers:
            worker.stop()
        self._workers.clear()

    def map(self, items: Iterable[ParseTask | Result]) -> Iterator[Result]:
        """Yield one result per item, in order: tasks are parsed, results pass through.

        Items are pulled lazily, a few per worker ahead, so memory stays flat however many.
        """
        source = iter(items)
        window = 4 * self.jobs
        queued: deque[tuple[int, ParseTask]] = deque()
        done: dict[int, Result] = {}
        busy: dict[Connection, tuple[_Worker, int, ParseTask, float]] = {}
        idle = list(self._workers)
        taken = given = 0
        exhausted = False
        try:
            while True:
                while not exhausted and taken - given < window:
                    item = next(source, None)
                    if item is None:
                        exhausted = True
                        break
                    if isinstance(item, ParseTask):
                        queued.append((taken, item))
                    else:
                        done[taken] = item
                    taken += 1
                while queued and len(busy) < self.jobs:
                    index, task = queued.popleft()
                    worker = idle.pop() if idle else self._start()
                    worker.connection.send(task)
                    deadline = time.monotonic() + self.limits.seconds_per_file
                    busy[worker.connection] = (worker, index, task, deadline)
                while given in done:
                    yield done.pop(given)
                    given += 1
                if exhausted and given == taken:
                    return
                if busy:
                    idle.extend(self._collect(busy, done))
        finally:
            # Stopped early (Ctrl-C, an error downstream): a busy worker's answer is stale.
            for worker, *_ in busy.values():
                worker.kill()
                self._workers.remove(worker)

    def _collect(
        self,
        busy: dict[Connection, tuple[_Worker, int, ParseTask, float]],
        done: dict[int, Result],
    ) -> list[_Worker]:
        """Wait for the next result or deadline; return the workers that became idle."""
        idle = []
        soonest = min(deadline for *_, deadline in busy.values())
        for ready in wait(list(busy), max(0.0, soonest - time.monotonic())):
            assert isinstance(ready, Connection)
            worker, index, task, _ = busy.pop(ready)
            try:
                done[index] = ready.recv()
                idle.append(worker)
            except Exception:  # the worker died mid-answer: EOFError, or a torn message
                done[index] = self._replace(worker, task.path)
        now = time.monotonic()
        for connection, (worker, index, task, deadline) in list(busy.items()):
            if deadline <= now:
                del busy[connection]
                self._replace(worker, task.path)
                done[index] = ParseTimeoutError(
                    task.path,
                    f"reading took longer than {self.limits.seconds_per_file:g} s and was "
                    "stopped; raise Limits.seconds_per_file to allow more",
                )
        return idle

    def _start(self) -> _Worker:
        if self._setup is not None:
            self._setup()
            self._setup = None
        worker = _Worker(self.limits, self.prepare)
        self._workers.append(worker)
        return worker

    def _replace(self, worker: _Worker, path: Path) -> DocumentError:
        """Kill ``worker`` (a new one starts when needed); return the error for its file."""
        exitcode = worker.kill()
        self._workers.remove(worker)
        how = f"signal {-exitcode}" if exitcode and exitcode < 0 else f"exit code {exitcode}"
        return CorruptDocumentError(
            path,
            f"the reader crashed on this file ({how}); it may be damaged, "
            "or need more memory than Limits.memory_bytes allows",
        )


class _Worker:
    """One child process, fed tasks and answering results over a pipe."""

    def __init__(self, limits: Limits, prepare: Prepare | None) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork starts in milliseconds with every library already imported.
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, limits, prepare), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> int | None:
        """Kill the process at once; return its exit code."""
        self.process.kill()
        self.process.join()
        self.connection.close()
        return self.process.exitcode

    def stop(self) -> None:
        """Ask the process to finish, and kill it if it does not."""
        with contextlib.suppress(OSError):
            self.connection.send(None)
        self.process.join(timeout=1)
        self.kill()


def _serve(connection: Connection, limits: Limits, prepare: Prepare | None) -> None:
    """The worker's loop: parse each task received until told to stop."""
    # Ctrl-C goes to the whole process group; the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # pdfminer logs a warning per odd glyph on damaged PDFs; the file's error says enough.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _cap_memory(limits.memory_bytes)
    _die_with_parent()
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        if task is None:
            return
        # A backstop to the parent's deadline, should the parent die first (SIGALRM ends
        # the process); where it exists, as on every POSIX system.
        alarm = getattr(signal, "alarm", lambda seconds: 0)
        alarm(math.ceil(limits.seconds_per_file) + 2)
        result = parse(task, limits, prepare)
        alarm(0)
        if isinstance(result, BaseException):
            # Only the error itself crosses: what raised it may not pickle (lxml's error
            # logs do not), and libraries such as Dask's tblib make pickle try.
            result.__cause__ = result.__context__ = result.__traceback__ = None
        connection.send(result)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies.

    Otherwise a worker stuck in a file outlives a killed parent and keeps the sockets it
    inherited open (a Dask worker's connection to its scheduler, for one).
    """
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def parse(task: ParseTask, limits: Limits, prepare: Prepare | None) -> Result:
    """Read a task's document here and ``prepare`` it; any failure is returned as its error."""
    path = task.path
    try:
        document = document_from_bytes(
            task.data, path, task.role, pdf_engine=task.pdf_engine, limits=limits
        )
        result = prepare(document) if prepare else document
        if task.store is not None:
            task.store(result)
        return result
    except DocumentError as exc:
        return exc
    except MemoryError:
        return DocumentTooLargeError(
            path,
            f"reading needed more than {limits.memory_bytes // MB} MB of memory and was "
            "stopped; raise Limits.memory_bytes to allow more",
        )
    except RecursionError:
        return CorruptDocumentError(path, "the file is nested too deeply to read; re-save it")
    except Exception as exc:  # one unreadable file must never stop a batch
        return CorruptDocumentError(path, f"could not be read ({type(exc).__name__}: {exc})")


def _cap_memory(extra_bytes: int) -> None:
    """Limit the address space to what the worker uses now plus ``extra_bytes``."""
    try:
        import resource  # POSIX only: on Windows, parses go without a memory cap
    except ImportError:
        return
    # The worker starts as a copy of its parent, libraries and all; the cap is what a
    # parse may add on top. Best effort: platforms without /proc or RLIMIT_AS go uncapped.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        with open("/proc/self/statm") as statm:
            in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = in_use + extra_bytes
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
