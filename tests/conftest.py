from __future__ import annotations

import functools
import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"


@functools.cache
def benchmark(name: str):
    """A script of benchmarks/ loaded as a module (its readers and scorers are reused by tests)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
SCORER = SHARED / "eval" / "score.py"


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "README.md")


@pytest.fixture(scope="session")
def extracted(tmp_path_factory) -> Path:
    """`kefu extract corpus/` once per test session."""
    from analysis.pipeline import run_corpus

    out = tmp_path_factory.mktemp("extract")
    run_corpus(CORPUS, out, extract=True, jobs=1)
    return out


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    """Two real seed articles in a fresh folder."""
    d = tmp_path / "corpus"
    d.mkdir()
    for p in corpus_files()[:2]:
        shutil.copy(p, d / p.name)
    return d


def need_shared():
    if not SCORER.exists():
        pytest.skip("../shared (gold and scorer) is not beside the repository")
