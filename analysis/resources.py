"""Cached loaders for everything under ``analysis/data`` and for heavy objects.

Nothing here runs at import time: each loader is a ``functools.cache`` factory,
called the first time a stage needs it, once per process.
"""
from __future__ import annotations

import csv
import functools
import os
import tempfile
from importlib import resources as _res
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(str(_res.files("analysis") / "data"))


def data_path(name: str) -> Path:
    return DATA_DIR / name


@functools.cache
def yaml_data(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@functools.cache
def tsv_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated data file with a header line; ``#`` lines are comments."""
    with data_path(name).open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """One entry per line; ``#`` starts a comment."""
    out = set()
    with data_path(name).open(encoding="utf-8") as f:
        for ln in f:
            ln = ln.split("#", 1)[0].strip()
            if ln:
                out.add(ln)
    return frozenset(out)


@functools.cache
def opencc_converter(config: str = "t2s"):
    import opencc

    return opencc.OpenCC(config if config.endswith(".json") else f"{config}")


@functools.cache
def tokenizer():
    """A private jieba Tokenizer with our user dictionary (never the global one)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    cache_dir = Path(os.environ.get("KEFU_CACHE", Path(tempfile.gettempdir()) / "kefu-cache"))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tok.tmp_dir = str(cache_dir)
    except OSError:
        pass
    tok.initialize()
    userdict = data_path("userdict.txt")
    if userdict.exists():
        tok.load_userdict(str(userdict))
    return tok
