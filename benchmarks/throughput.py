"""Throughput and memory of the whole pipeline, measured in one run.

    python benchmarks/throughput.py                 # real corpus + 100 MB synthetic corpus
    python benchmarks/throughput.py --big-mb 20     # smaller memory corpus
    python benchmarks/throughput.py --big-mb 0      # skip the memory measurement
    python benchmarks/throughput.py --profile       # also a pyinstrument profile of one serial run

What it does:
  1. builds a corpus of unique real text: the public sentences in
     ../shared/benchmarks/ner/ (MSRA, People's Daily, CLUENER, Weibo), grouped
     into paragraphs and articles of 2,000-5,000 characters, in a temp folder;
  2. times a plain ``jieba.lcut`` pass over those files (a fresh process that
     imports jieba, reads every file and segments it) and the whole
     ``kefu extract --jobs 1`` and ``--jobs 2`` commands over the same files,
     each the best of ``--repeat`` runs;
  3. times each stage in this process (load, normalize, boilerplate, every
     extractor, table rows) to show where the time goes;
  4. times --jobs 1 against --jobs 2 on a mid-size synthetic corpus (--speedup-mb),
     where the fixed start-up cost of a process matters less;
  5. builds a larger synthetic corpus by recombining the sentences (every line
     unique) and runs ``kefu extract`` on it while sampling the resident memory
     of the whole process tree.
Prints a markdown table with the machine it ran on.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NER = ROOT.parent / "shared" / "benchmarks" / "ner"
SEED = 20240601

JIEBA_PASS = """
import sys, time, pathlib, logging
import jieba
jieba.setLogLevel(logging.WARNING)
t0 = time.perf_counter()
jieba.initialize()
t1 = time.perf_counter()
n = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt")):
    text = p.read_text(encoding="utf-8")
    n += len(jieba.lcut(text))
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, n)
"""


# ---- corpora ----------------------------------------------------------------------

def _conll(path: Path, sep: str | None = None, strip_digit: bool = False):
    cur: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    yield "".join(cur)
                    cur = []
                continue
            tok = line.split(sep)[0] if sep else line.split()[0]
            if strip_digit and len(tok) > 1 and tok[-1].isdigit():
                tok = tok[:-1]        # Weibo NER marks each character with its position in the word
            cur.append(tok)
    if cur:
        yield "".join(cur)


def sentences(ner: Path = NER) -> list[str]:
    """Unique sentences of the public NER sets, in a fixed order."""
    out: list[str] = []
    out += _conll(ner / "msra" / "test.txt")
    out += _conll(ner / "peoples_daily" / "example.dev")
    out += _conll(ner / "peoples_daily" / "example.test")
    with (ner / "cluener2020" / "dev.json").open(encoding="utf-8") as f:
        out += [json.loads(line)["text"] for line in f if line.strip()]
    for name in ("weiboNER_2nd_conll.dev", "weiboNER_2nd_conll.test"):
        out += _conll(ner / "weibo" / name, sep="\t", strip_digit=True)
    seen, unique = set(), []
    for s in out:
        s = s.strip()
        if len(s) >= 4 and s not in seen:
            seen.add(s)
            unique.append(s)
    return unique


def _articles(paragraphs, lo: int = 2000, hi: int = 5000, rng: random.Random | None = None):
    rng = rng or random.Random(SEED)
    target, cur, size = rng.randint(lo, hi), [], 0
    for p in paragraphs:
        cur.append(p)
        size += len(p) + 1
        if size >= target:
            yield "\n".join(cur) + "\n"
            target, cur, size = rng.randint(lo, hi), [], 0
    if cur:
        yield "\n".join(cur) + "\n"


def real_corpus(folder: Path, sents: list[str]) -> tuple[int, int]:
    """Each sentence once, 1-6 per paragraph, paragraphs grouped into 2-5k character articles."""
    rng = random.Random(SEED)

    def paragraphs():
        i = 0
        while i < len(sents):
            k = rng.randint(1, 6)
            yield "".join(sents[i:i + k])
            i += k

    return _write(folder, _articles(paragraphs(), rng=rng))


def synthetic_corpus(folder: Path, sents: list[str], megabytes: float, seed: int = SEED + 1) -> tuple[int, int]:
    """Paragraphs of 2-6 random sentences (so no line repeats) until the folder holds MEGABYTES of UTF-8."""
    rng = random.Random(seed)
    budget = int(megabytes * 1_000_000)

    def paragraphs():
        written = 0
        while written < budget:
            p = "".join(rng.choice(sents) for _ in range(rng.randint(2, 6)))
            written += len(p.encode("utf-8")) + 1
            yield p

    return _write(folder, _articles(paragraphs(), rng=rng))


def _write(folder: Path, articles) -> tuple[int, int]:
    folder.mkdir(parents=True, exist_ok=True)
    n = chars = 0
    for n, text in enumerate(articles, 1):
        sub = folder / f"{(n - 1) // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"article_{n:06d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return n, chars


# ---- measurements -----------------------------------------------------------------

def kefu_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "analysis", *args]


class TreeMemory:
    """Samples the summed RSS of a process and its descendants (psutil), keeping the peak."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            total = 0
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.NoSuchProcess:
                break
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run(cmd: list[str], *, memory: bool = False) -> dict:
    """Wall time, CPU time of the children and (optionally) the peak RSS of the process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mem = TreeMemory(proc.pid) if memory else None
    if mem:
        mem.__enter__()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if mem:
        mem.__exit__(None, None, None)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    return {
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        # ru_maxrss of RUSAGE_CHILDREN: the largest single descendant waited for so far (KiB on Linux)
        "max_child_rss": after.ru_maxrss * 1024,
        "tree_rss": mem.peak if mem else None,
        "stdout": out,
    }


def best_of(cmds: list[list[str]], repeat: int) -> list[dict]:
    """Each command ``repeat`` times, interleaved (so a burst of other load hits all alike); fastest kept."""
    runs: list[list[dict]] = [[] for _ in cmds]
    for _ in range(repeat):
        for k, cmd in enumerate(cmds):
            runs[k].append(run(cmd))
    return [min(r, key=lambda x: x["wall"]) for r in runs]


def _spin(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i % 7
    return s


def control_speedup(n: int = 2_000_000, tasks: int = 4) -> float:
    """What 2 processes gain over 1 on a pure CPU loop right now: the ceiling for the jobs speed-up
    on a shared machine (2.0 on two idle cores, ~1.0 when others keep the cores busy)."""
    from concurrent.futures import ProcessPoolExecutor

    t0 = time.perf_counter()
    for _ in range(tasks):
        _spin(n)
    serial = time.perf_counter() - t0
    with ProcessPoolExecutor(2) as ex:
        list(ex.map(_spin, [1000, 1000]))          # workers started before timing
        t0 = time.perf_counter()
        list(ex.map(_spin, [n] * tasks))
        pooled = time.perf_counter() - t0
    return serial / pooled


def stage_times(corpus: Path) -> dict[str, float]:
    """CPU seconds per stage over the corpus, one document after another in this process."""
    sys.path.insert(0, str(ROOT))
    from analysis import boilerplate, load, normalize, pipeline
    from analysis.extract import dates, ner, orgs, people, workload

    pipeline.warm_resources(True)
    items = [(d, str(p)) for d, p in load.find_files(corpus)]
    t: dict[str, float] = dict.fromkeys(
        ["load", "normalize", "line hashes (pass 1)", "boilerplate", "recognizer", "orgs", "people", "dates",
         "workload", "rows"], 0.0)
    stats = boilerplate.LineStats()
    clock = time.process_time     # CPU time of this process: other load on the machine does not count
    for doc_id, path in items:
        c0 = clock()
        doc, _ = load.document(Path(path), doc_id)
        c1 = clock()
        doc, _ = normalize.document(doc)
        c2 = clock()
        stats.add(boilerplate.doc_hashes(doc))
        t["load"] += c1 - c0
        t["normalize"] += c2 - c1
        t["line hashes (pass 1)"] += clock() - c2
    common = stats.common()
    for doc_id, path in items:
        doc, _ = load.document(Path(path), doc_id)
        doc, _ = normalize.document(doc)
        c0 = clock()
        doc, removed = boilerplate.strip_document(doc, common=common)
        cr = clock()
        ner.recognize_document(doc.text)  # memoized: extractors that call it next find it done
        t["recognizer"] += clock() - cr
        c1 = clock()
        found_orgs = orgs.extract(doc)
        c2 = clock()
        found_people = people.extract(doc, orgs=found_orgs)
        c3 = clock()
        found_dates = dates.extract(doc)
        c4 = clock()
        found_work = workload.extract(doc, people=found_people, orgs=found_orgs)
        c5 = clock()
        from analysis.document import Extraction

        ex = Extraction(tuple(found_people), tuple(found_orgs), tuple(found_dates), tuple(found_work))
        pipeline._extraction_rows(doc, ex)
        pipeline._document_row(doc, len(removed))
        c6 = clock()
        for k, (a, b) in zip(["boilerplate", "orgs", "people", "dates", "workload", "rows"],
                             [(c0, cr), (c1, c2), (c2, c3), (c3, c4), (c4, c5), (c5, c6)]):
            t[k] += b - a
    t["recognizer calls by extractors"] = ner.recognize_document.cache_info().hits
    return t


def profile(corpus: Path, out: Path) -> str:
    from pyinstrument import Profiler

    sys.path.insert(0, str(ROOT))
    from analysis import pipeline

    profiler = Profiler(interval=0.001)
    profiler.start()
    pipeline.run_corpus(corpus, out, extract=True, jobs=1)
    profiler.stop()
    return profiler.output_text(unicode=True, color=False, show_all=False)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return (f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, {platform.system()}; "
            f"load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--big-mb", type=float, default=100, help="size of the synthetic memory corpus (0: skip)")
    ap.add_argument("--speedup-mb", type=float, default=20,
                    help="size of the synthetic corpus for the 1 -> 2 jobs speed-up (0: skip)")
    ap.add_argument("--big-jobs", type=int, default=2, help="--jobs for the memory run (default 2)")
    ap.add_argument("--repeat", type=int, default=2, help="timed runs per command, best kept (default 2)")
    ap.add_argument("--profile", action="store_true", help="print a pyinstrument profile of a serial run")
    ap.add_argument("--ner", type=Path, default=NER, help=f"the public NER sentences (default: {NER})")
    ap.add_argument("--keep", type=Path, default=None, help="build the corpora here and keep them")
    args = ap.parse_args(argv)

    header = machine()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kefu-bench-"))
    try:
        if not (args.ner / "msra" / "test.txt").exists():
            print(f"throughput: no NER sentences under {args.ner} (use --ner)", file=sys.stderr)
            return 2
        sents = sentences(args.ner)
        real = work / "real"
        if real.exists():
            shutil.rmtree(real)
        n_docs, n_chars = real_corpus(real, sents)
        print(f"real corpus: {n_docs} articles, {n_chars:,} characters ({len(sents):,} unique sentences)",
              file=sys.stderr)

        ceiling = [control_speedup()]
        jieba_run, k1, k2 = best_of([
            [sys.executable, "-c", JIEBA_PASS, str(real)],
            kefu_cmd("extract", str(real), "--out", str(work / "out1"), "--jobs", "1", "--quiet"),
            kefu_cmd("extract", str(real), "--out", str(work / "out2"), "--jobs", "2", "--quiet"),
        ], args.repeat)
        j_init, j_cut, _ = (float(x) for x in jieba_run["stdout"].split())
        same = all((work / "out1" / f.name).read_bytes() == f.read_bytes()
                   for f in sorted((work / "out2").glob("*.csv")))

        ceiling.append(control_speedup())
        stages = stage_times(real)
        ner_hits = stages.pop("recognizer calls by extractors")
        rows = [
            ("corpus", f"{n_docs} articles, {n_chars:,} chars of unique real text (public NER sentences)"),
            ("`jieba.lcut` pass (whole process)",
             f"{jieba_run['wall']:.2f} s = {n_chars / jieba_run['wall']:,.0f} chars/s "
             f"(segmenting alone {j_cut:.2f} s = {n_chars / j_cut:,.0f} chars/s)"),
            ("`kefu extract --jobs 1`", f"{k1['wall']:.2f} s = {n_chars / k1['wall']:,.0f} chars/s"),
            ("**ratio kefu / jieba** (whole processes, wall clock)", f"**{jieba_run['wall'] / k1['wall']:.2f}x** "
             f"(against segmenting alone: {j_cut / k1['wall']:.2f}x)"),
            ("ratio kefu / jieba by CPU time (robust to other load)",
             f"{jieba_run['cpu'] / k1['cpu']:.2f}x (jieba {jieba_run['cpu']:.2f} s, kefu {k1['cpu']:.2f} s)"),
            ("`kefu extract --jobs 2`", f"{k2['wall']:.2f} s = {n_chars / k2['wall']:,.0f} chars/s, "
             f"CPU {k2['cpu']:.2f} s (jobs 1: {k1['cpu']:.2f} s)"),
            ("**speed-up jobs 1 -> 2**", f"**{k1['wall'] / k2['wall']:.2f}x** "
             f"(tables identical: {'yes' if same else 'NO'}; "
             f"fixed start-up cost weighs on a corpus this small)"),
            ("control: pure CPU loop, 2 processes vs 1 (before / after the timed runs)",
             f"{ceiling[0]:.2f}x / {ceiling[1]:.2f}x (the most any program could gain from a 2nd process "
             f"at that moment)"),
        ]
        rec = stages["recognizer"]
        rows.append(("recognizer alone (`ner.recognize_document` on every cleaned document, CPU)",
                     f"{rec:.2f} s = {n_chars / rec:,.0f} chars/s = {j_cut * jieba_run['cpu'] / jieba_run['wall'] / rec:.2f}x "
                     f"jieba's segmenting (CPU)" if rec > 0 else "-"))
        if not ner_hits:  # the extractors do not call it (yet): add its cost to kefu's
            rows.append(("**ratio kefu + recognizer on every document / jieba** (CPU time, estimate)",
                         f"**{jieba_run['cpu'] / (k1['cpu'] + rec):.2f}x** (the extractors do not call the "
                         f"recognizer yet: kefu CPU {k1['cpu']:.2f} s + recognizer {rec:.2f} s)"))
        else:
            rows.append(("recognizer", f"called by the extractors ({ner_hits} cache hits): included in kefu's time"))
        if args.speedup_mb > 0:
            mid = work / "mid"
            if mid.exists():
                shutil.rmtree(mid)
            m_docs, m_chars = synthetic_corpus(mid, sents, args.speedup_mb, seed=SEED + 2)
            m1, m2 = best_of([
                kefu_cmd("extract", str(mid), "--out", str(work / "outm1"), "--jobs", "1", "--quiet"),
                kefu_cmd("extract", str(mid), "--out", str(work / "outm2"), "--jobs", "2", "--quiet"),
            ], args.repeat)
            rows += [
                (f"speed-up corpus (synthetic, recombined sentences)",
                 f"{m_docs} articles, {m_chars:,} chars"),
                ("`kefu extract --jobs 1` / `--jobs 2` on it",
                 f"{m1['wall']:.2f} s ({m_chars / m1['wall']:,.0f} chars/s, CPU {m1['cpu']:.2f} s) / "
                 f"{m2['wall']:.2f} s ({m_chars / m2['wall']:,.0f} chars/s, CPU {m2['cpu']:.2f} s)"),
                ("**speed-up jobs 1 -> 2** on it", f"**{m1['wall'] / m2['wall']:.2f}x**"),
            ]
        if args.big_mb > 0:
            big = work / "big"
            if big.exists():
                shutil.rmtree(big)
            b_docs, b_chars = synthetic_corpus(big, sents, args.big_mb)
            size = sum(p.stat().st_size for p in big.rglob("*.txt"))
            print(f"synthetic corpus: {b_docs} articles, {size / 1e6:.0f} MB", file=sys.stderr)
            kb = run(kefu_cmd("extract", str(big), "--out", str(work / "outbig"), "--jobs", str(args.big_jobs),
                              "--quiet"), memory=True)
            shutil.rmtree(work / "outbig", ignore_errors=True)
            rows += [
                (f"memory corpus (synthetic, recombined sentences)",
                 f"{b_docs} articles, {size / 1e6:,.0f} MB, {b_chars:,} chars"),
                (f"`kefu extract --jobs {args.big_jobs}` on it",
                 f"{kb['wall']:.1f} s = {b_chars / kb['wall']:,.0f} chars/s"),
                ("**peak RSS, whole process tree** (psutil, sampled every 50 ms)", f"**{mb(kb['tree_rss'])}**"),
                ("largest single process (getrusage RUSAGE_CHILDREN)", mb(kb["max_child_rss"])),
            ]
        total = sum(stages.values())

        load_end = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
        print(f"\nMachine: {header}; at end {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f}\n")
        print("| measure | result |\n|---|---|")
        for k, v in rows:
            print(f"| {k} | {v} |")
        print(f"\nCPU time per stage on the real corpus, one process (load and normalize run in both passes "
              f"of a real run; counted once here):\n")
        print("| stage | seconds | share | chars/s |\n|---|---:|---:|---:|")
        for k, v in stages.items():
            rate = f"{n_chars / v:,.0f}" if v > 0.001 else "-"
            print(f"| {k} | {v:.2f} | {100 * v / total:.0f}% | {rate} |")
        print(f"| all | {total:.2f} | 100% | {n_chars / total:,.0f} |")
        if args.profile:
            print("\n```\n" + profile(real, work / "outprof") + "```")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
