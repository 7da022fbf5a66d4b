"""Ordered, memory-bounded map of a function over documents: serial, worker processes or Dask.

The pipeline calls one thing, ``executor(...)``, and then ``ex.map(fn, items)``
once per pass. Every backend

  * returns results in the order of ``items`` (so tables come out in doc_id
    order whatever the number of workers);
  * keeps at most ``window`` chunks of work submitted and not yet consumed, so
    memory on the writing side stays bounded whatever the corpus size (the
    standard ``Pool.imap`` has no such bound: its feeder submits everything and
    finished results pile up if writing is slower than processing);
  * loads heavy resources (jieba, OpenCC) once per worker process: they are
    ``functools.cache`` factories in :mod:`analysis.resources`. With ``fork``
    the parent runs ``warm`` and then the first document of each pass itself
    before the workers start, so whatever that document needed (the
    tokenizer, if an extractor uses it) is loaded once and shared.

``fn`` must be picklable (a module-level function or an instance of a
module-level class) and must not raise for bad input: the pipeline turns
every per-document failure into a row of the errors table.
"""
from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import Any

SMALL_CORPUS = 8          # below this many documents one process is faster than a pool
MAX_CHUNK = 16            # documents per task: enough to amortise the round trip, small enough to balance
WINDOW_PER_WORKER = 4     # chunks in flight per worker


class ParallelError(RuntimeError):
    """A backend that cannot run (message is user-facing)."""


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_jobs(n_items: int, requested: int | None) -> int:
    """Worker processes for a corpus: as asked, else one per core (one for tiny corpora)."""
    if requested is not None:
        return max(1, requested)
    if n_items < SMALL_CORPUS:
        return 1
    return max(1, min(cpu_count(), n_items // 4))


def chunk_size(n_items: int, workers: int) -> int:
    """About eight chunks per worker, at most MAX_CHUNK documents each."""
    return max(1, min(MAX_CHUNK, n_items // max(1, workers * 8)))


def chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run_chunk(fn: Callable, batch: Sequence) -> list:
    """``fn`` of each item of ``batch``; through ``fn.many(batch)`` when ``fn`` has it (a function that
    does some of its work for many items at once)."""
    many = getattr(fn, "many", None)
    return many(batch) if many is not None else [fn(x) for x in batch]


def ordered_window(submit: Callable[[list], Any], result: Callable[[Any], list],
                   batches: Iterable[list], window: int) -> Iterator:
    """Submit batches with at most ``window`` outstanding; yield their results in order.

    Waiting on the oldest batch first keeps the order without a reorder buffer:
    the backends run tasks first-in first-out, so the oldest is also the one
    most likely done, and later ones keep the workers busy meanwhile.
    """
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


# ---- backends ---------------------------------------------------------------------

class Serial:
    workers = 1
    name = "serial"

    def __init__(self, warm: Callable[[], None] | None = None):
        self.warm = warm

    def map(self, fn: Callable, items: Sequence) -> Iterator:
        if getattr(fn, "many", None) is None:
            return map(fn, items)
        return chain.from_iterable(run_chunk(fn, batch) for batch in chunks(items, MAX_CHUNK))

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_WORKER_FN: Callable | None = None


def _install(fn: Callable, warm: Callable[[], None] | None) -> None:
    """Pool initializer: remember the pass function (and load resources once, under spawn)."""
    global _WORKER_FN
    _WORKER_FN = fn
    if warm is not None:
        warm()


def _run_installed(batch: Sequence) -> list:
    return run_chunk(_WORKER_FN, batch)


class Processes(Serial):
    """Worker processes on this machine (``fork`` where available).

    One pool per pass: the pass function (which may carry corpus statistics)
    is handed to each worker once when it starts, not pickled with every task.
    Under ``fork`` the first item is processed in the parent first: it loads
    the resources the pass really uses, which the workers then inherit.
    """
    name = "processes"

    def __init__(self, jobs: int, warm: Callable[[], None] | None = None):
        super().__init__(warm)
        self.workers = jobs
        import multiprocessing as mp

        methods = mp.get_all_start_methods()
        # fork shares the warmed resources; macOS lists fork but it is unsafe there with threads
        self.context = mp.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")
        self._warmed = False

    def map(self, fn: Callable, items: Sequence) -> Iterator:
        if len(items) <= 1:
            return map(fn, items)
        return self._map(fn, items)

    def _map(self, fn: Callable, items: Sequence) -> Iterator:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        fork = self.context.get_start_method() == "fork"
        if fork:
            if self.warm is not None and not self._warmed:
                self.warm()          # before forking: every worker inherits the loaded objects
                self._warmed = True
            yield fn(items[0])
            items = items[1:]
        size = chunk_size(len(items), self.workers)
        try:
            with ProcessPoolExecutor(self.workers, mp_context=self.context, initializer=_install,
                                     initargs=(fn, None if fork else self.warm)) as pool:
                yield from ordered_window(lambda b: pool.submit(_run_installed, b), lambda f: f.result(),
                                          chunks(items, size), self.workers * WINDOW_PER_WORKER)
        except BrokenProcessPool:
            raise ParallelError("a worker process died (out of memory, or killed); "
                                "try fewer --jobs") from None


class Dask(Serial):
    """A dask.distributed cluster: an existing scheduler, or ``local`` for a LocalCluster.

    The workers must be able to import this package and read the corpus paths
    (a shared file system); paths are made absolute before they are sent.
    """
    name = "dask"

    def __init__(self, address: str, jobs: int | None = None, warm: Callable[[], None] | None = None):
        super().__init__(warm)
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise ParallelError("--dask needs the optional Dask support: pip install 'kefu[dask]'") from None
        self.cluster = None
        try:
            if address == "local":
                self.cluster = LocalCluster(n_workers=jobs or cpu_count(), threads_per_worker=1,
                                            processes=True, dashboard_address=None)
                self.client = Client(self.cluster)
            else:
                self.client = Client(address, timeout="30s")
        except (OSError, ValueError) as e:     # unreachable scheduler, timeout, malformed address
            if self.cluster is not None:
                self.cluster.close()
            raise ParallelError(f"cannot connect to the Dask scheduler at {address}: {e}") from None
        self.workers = max(1, sum(self.client.nthreads().values()))

    def map(self, fn: Callable, items: Sequence) -> Iterator:
        if not items:
            return iter(())
        return self._map(fn, items)

    def _map(self, fn: Callable, items: Sequence) -> Iterator:
        # the pass function (with its corpus statistics) goes to every worker once
        [fn_future] = self.client.scatter([fn], broadcast=True, hash=False)
        size = chunk_size(len(items), self.workers)

        def submit(batch):
            return self.client.submit(run_chunk, fn_future, batch, pure=False)

        def result(fut):
            try:
                return fut.result()
            finally:
                fut.release()

        try:
            yield from ordered_window(submit, result, chunks(items, size), self.workers * WINDOW_PER_WORKER)
        finally:
            fn_future.release()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def executor(*, jobs: int | None = None, dask: str | None = None, n_items: int = 0,
             warm: Callable[[], None] | None = None) -> Serial:
    """The backend for a run: Dask when an address is given, else processes or serial.

    Use as a context manager so a LocalCluster is shut down after the run.
    """
    if dask:
        return Dask(dask, jobs=jobs, warm=warm)
    n = default_jobs(n_items, jobs)
    if n <= 1:
        return Serial(warm)
    return Processes(n, warm)
