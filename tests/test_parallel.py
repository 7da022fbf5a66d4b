"""Serial, worker-process and Dask runs write the same tables, whatever the file order."""
from __future__ import annotations

import os
import random
import shutil
import sys
from pathlib import Path

import pytest

from analysis import parallel, resources
from analysis.pipeline import run_corpus
from conftest import corpus_files

# a plain line no line rule removes: only corpus-level repetition can
SHARED_LINE = "城市生活频道每日推送社会新闻与民生服务信息"
TWICE_LINE = "本期节目由城市广播电台新闻中心联合制作播出"


def tree(out: Path) -> dict[str, bytes]:
    """Every table and clean text of an output folder, by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def copy_seeds(dest: Path, order: list[Path]) -> Path:
    dest.mkdir(parents=True)
    for p in order:
        shutil.copy(p, dest / p.name)
    return dest


def shuffled_copy(dest: Path, seeds: list[Path]) -> Path:
    """Same file names (so the same doc_ids), created under other names in another order, then renamed."""
    dest.mkdir(parents=True)
    order = list(seeds)
    random.Random(7).shuffle(order)
    tmp_names = []
    for k, p in enumerate(reversed(order)):
        tmp = dest / f"tmp-{k:03d}.part"
        shutil.copy(p, tmp)
        tmp_names.append((tmp, p.name))
    random.Random(11).shuffle(tmp_names)
    for tmp, name in tmp_names:
        tmp.rename(dest / name)
    return dest


@pytest.fixture(scope="module")
def seeds() -> list[Path]:
    files = corpus_files()
    assert len(files) >= 5
    return files


@pytest.fixture(scope="module")
def corpora(tmp_path_factory, seeds) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("corpora")
    plain = copy_seeds(base / "plain", seeds)
    shuffled = shuffled_copy(base / "shuffled", seeds)
    assert sorted(os.listdir(plain)) == sorted(os.listdir(shuffled))
    return {"plain": plain, "shuffled": shuffled}


@pytest.fixture(scope="module")
def serial_out(tmp_path_factory, corpora) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("serial")
    run_corpus(corpora["plain"], out, extract=True, jobs=1)
    return tree(out)


def test_serial_output_is_real(serial_out):
    names = set(serial_out)
    assert {"documents.csv", "boilerplate.csv", "people.csv", "errors.csv"} <= names
    assert sum(1 for n in names if n.startswith("clean/")) >= 5
    assert serial_out["documents.csv"].count(b"\n") >= 6      # header + one row per seed


@pytest.mark.parametrize("corpus", ["plain", "shuffled"])
def test_jobs_2_same_tables(tmp_path, corpora, serial_out, corpus):
    out = tmp_path / "out"
    run_corpus(corpora[corpus], out, extract=True, jobs=2)
    assert tree(out) == serial_out


@pytest.mark.parametrize("corpus", ["shuffled"])
def test_serial_shuffled_same_tables(tmp_path, corpora, serial_out, corpus):
    out = tmp_path / "out"
    run_corpus(corpora[corpus], out, extract=True, jobs=1)
    assert tree(out) == serial_out


def test_clean_command_same_with_jobs(tmp_path, corpora):
    a, b = tmp_path / "a", tmp_path / "b"
    run_corpus(corpora["plain"], a, extract=False, jobs=1)
    run_corpus(corpora["shuffled"], b, extract=False, jobs=2)
    assert tree(a) == tree(b)
    assert not (a / "people.csv").exists()


def test_dask_cluster_same_tables(tmp_path, corpora, serial_out):
    """A running 2-worker cluster, reached by its scheduler address (--dask ADDRESS)."""
    distributed = pytest.importorskip("dask.distributed", reason="Dask is optional: pip install 'kefu[dask]'")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        for name in ("plain", "shuffled"):
            out = tmp_path / name
            run_corpus(corpora[name], out, extract=True, dask=cluster.scheduler_address)
            assert tree(out) == serial_out, name
        from analysis.cli import main

        assert main(["report", str(corpora["plain"]), "--dask", cluster.scheduler_address, "--quiet"]) == 0


@pytest.mark.slow
def test_dask_local_same_tables(tmp_path, corpora, serial_out):
    """--dask local starts (and stops) its own LocalCluster."""
    pytest.importorskip("dask.distributed", reason="Dask is optional: pip install 'kefu[dask]'")
    out = tmp_path / "out"
    run_corpus(corpora["shuffled"], out, extract=True, dask="local", jobs=2)
    assert tree(out) == serial_out


# ---- corpus-level repeated lines ----------------------------------------------------

def with_repeated_lines(dest: Path, seeds: list[Path], order_seed: int) -> Path:
    """The seeds plus copies, SHARED_LINE appended to four documents, TWICE_LINE to two."""
    dest.mkdir(parents=True)
    files = []
    for k in range(2):
        for p in seeds:
            files.append((f"{k}_{p.name}", p.read_text(encoding="utf-8")))
    shared_in = {files[i][0] for i in (0, 3, 5, 8)}
    twice_in = {files[i][0] for i in (1, 6)}
    order = list(range(len(files)))
    random.Random(order_seed).shuffle(order)
    for i in order:
        name, text = files[i]
        if name in shared_in:
            text = text.rstrip("\n") + "\n" + SHARED_LINE + "\n"
        if name in twice_in:
            text = text.rstrip("\n") + "\n" + TWICE_LINE + "\n"
        (dest / name).write_text(text, encoding="utf-8")
    return dest


def removed_lines(out: Path) -> dict[str, set[str]]:
    import csv

    found: dict[str, set[str]] = {}
    with (out / "boilerplate.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["rule"] == "repeated-across-corpus":
                found.setdefault(row["text"], set()).add(row["doc_id"])
    return found


def test_cross_document_repeats_independent_of_split(tmp_path, seeds):
    results = []
    for order_seed, jobs in ((1, 1), (2, 2), (3, 3)):
        corpus = with_repeated_lines(tmp_path / f"c{order_seed}", seeds, order_seed)
        out = tmp_path / f"o{order_seed}"
        run_corpus(corpus, out, extract=False, jobs=jobs)
        results.append((removed_lines(out), tree(out)))
    first_removed, first_tree = results[0]
    # the line in four documents is site chrome in each of them, the one in two is kept
    assert first_removed.get(SHARED_LINE) == {"0_" + seeds[0].name, "0_" + seeds[3].name,
                                              "1_" + seeds[0].name, "1_" + seeds[3].name}
    assert TWICE_LINE not in first_removed
    kept = [name for name, data in first_tree.items() if name.startswith("clean/") and
            TWICE_LINE.encode("utf-8") in data]
    assert len(kept) == 2
    for removed, t in results[1:]:
        assert removed == first_removed
        assert t == first_tree


def _line_sets(n_docs: int, seed: int) -> list[set[int]]:
    rng = random.Random(seed)
    pool = [rng.getrandbits(64) for _ in range(300)]
    return [set(rng.sample(pool, rng.randint(0, 40))) | {rng.getrandbits(64)} for _ in range(n_docs)]


@pytest.mark.parametrize("compact_at", [7, 1 << 21])
def test_line_stats_compact_counts_match_a_counter(monkeypatch, compact_at):
    from collections import Counter

    from analysis.boilerplate import CORPUS_DOCS, LineStats

    monkeypatch.setattr(LineStats, "COMPACT_AT", compact_at)
    docs = _line_sets(200, 5)
    naive = Counter(h for d in docs for h in d)
    expected = frozenset(h for h, n in naive.items() if n >= CORPUS_DOCS)
    assert 0 < len(expected) < len(naive)
    got = []
    for order_seed in (1, 2):
        order = list(docs)
        random.Random(order_seed).shuffle(order)
        stats = LineStats()
        for d in order:
            stats.add(d)
        got.append(stats.common())
        assert stats.documents == 200
    # split between two "workers" and merged
    a, b = LineStats(), LineStats()
    for k, d in enumerate(docs):
        (a if k % 3 else b).add(d)
    got.append(a.merge(b).common())
    assert all(g == expected for g in got)
    assert a.doc_freq == naive


# ---- the backends themselves -----------------------------------------------------------

def test_ordered_window_keeps_order_and_bounds_work_in_flight():
    outstanding, peak = [], [0]

    def submit(batch):
        outstanding.append(batch)
        peak[0] = max(peak[0], len(outstanding))
        return batch

    def result(batch):
        outstanding.remove(batch)
        return [x * 10 for x in batch]

    got = list(parallel.ordered_window(submit, result, parallel.chunks(range(1000), 7), window=5))
    assert got == [x * 10 for x in range(1000)]
    assert peak[0] == 5


def test_default_jobs():
    assert parallel.default_jobs(3, None) == 1                 # tiny corpus: one process
    assert parallel.default_jobs(3, 2) == 2                    # asked for
    assert 1 <= parallel.default_jobs(10_000, None) <= parallel.cpu_count()
    assert isinstance(parallel.executor(jobs=1, n_items=100), parallel.Serial)
    assert isinstance(parallel.executor(jobs=2, n_items=100), parallel.Processes)


class _Batched:
    """Squares its items; ``many`` also records the batches it was given."""

    def __init__(self):
        self.batches = []

    def __call__(self, x):
        return (x * x, os.getpid())

    def many(self, batch):
        self.batches.append(list(batch))
        return [self(x) for x in batch]


def test_function_with_many_gets_whole_chunks_in_order():
    fn = _Batched()
    got = list(parallel.Serial().map(fn, list(range(40))))
    assert [v for v, _ in got] == [x * x for x in range(40)]
    assert [len(b) for b in fn.batches] == [parallel.MAX_CHUNK, parallel.MAX_CHUNK, 40 - 2 * parallel.MAX_CHUNK]
    got = list(parallel.Processes(2).map(_Batched(), list(range(40))))
    assert [v for v, _ in got] == [x * x for x in range(40)]
    assert parallel.run_chunk(fn, [3, 4]) == [(9, os.getpid()), (16, os.getpid())]


def _converter_loads(_):
    resources.opencc_converter("t2s").convert("這")
    return os.getpid(), resources.opencc_converter.cache_info().misses


def test_resources_loaded_once_per_worker_process():
    """Nothing warmed: the first item, run in the parent, loads the converter; the forked workers inherit it."""
    resources.opencc_converter.cache_clear()
    ex = parallel.Processes(2)
    got = list(ex.map(_converter_loads, list(range(40))))
    assert len(got) == 40
    assert got[0][0] == os.getpid()
    assert all(pid != os.getpid() for pid, _ in got[1:])
    assert max(misses for _, misses in got) == 1               # one load in all, none in the workers


def test_dask_missing_gives_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(parallel.ParallelError, match=r"pip install 'kefu\[dask\]'"):
        parallel.executor(dask="local")


def test_cli_dask_missing_exit_code(monkeypatch, tmp_path, capsys, corpora):
    from analysis.cli import main

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    assert main(["clean", str(corpora["plain"]), "--out", str(tmp_path / "o"), "--dask", "local", "--quiet"]) == 2
    assert "kefu[dask]" in capsys.readouterr().err


_PARENT = os.getpid()


def _die_in_worker(x):
    if os.getpid() != _PARENT:
        os._exit(3)
    return x


def test_dead_worker_is_a_clear_error():
    with pytest.raises(parallel.ParallelError, match="worker process died"):
        list(parallel.Processes(2).map(_die_in_worker, list(range(10))))


def test_report_dask_missing_exit_code(monkeypatch, capsys, corpora):
    from analysis.cli import main

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    assert main(["report", str(corpora["plain"]), "--dask", "local", "--quiet"]) == 2
    assert "kefu[dask]" in capsys.readouterr().err
