"""Cached loaders for everything under ``analysis/data`` and for heavy objects.

Nothing here runs at import time: each loader is a ``functools.cache`` factory,
called the first time a stage needs it, once per process.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from importlib import resources as _res
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(str(_res.files("analysis") / "data"))


def data_path(name: str) -> Path:
    return DATA_DIR / name


# libyaml's parser when PyYAML was built with it (about 8x faster on our rule files), same results
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def yaml_data(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as f:
        return yaml.load(f, Loader=YAML_LOADER)


def cache_dir() -> Path | None:
    """Where derived data (jieba's prefix dictionary, dictionary word classes) is cached.

    ``$KEFU_CACHE``, else the user's cache folder (``$XDG_CACHE_HOME/kefu`` or
    ``~/.cache/kefu``); None when it cannot be created (a read-only system), in
    which case everything is simply recomputed.
    """
    if os.environ.get("KEFU_CACHE"):
        candidates = [Path(os.environ["KEFU_CACHE"])]
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        uid = os.getuid() if hasattr(os, "getuid") else os.getpid()
        candidates = [Path(base) / "kefu", Path(tempfile.gettempdir()) / f"kefu-cache-{uid}"]
    for path in candidates:
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(path, os.W_OK):
            return path
    return None


def cached(key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, stored in the cache folder under a name derived from ``key``.

    Values must be plain data (str, numbers, tuples, frozensets...): they are
    stored with ``marshal``, which cannot run code when a file is read back.

    ``key`` must change whenever the result would (it should name the inputs'
    paths, sizes and modification times). A missing, stale or unreadable file
    is recomputed; a cache that cannot be written is skipped.
    """
    folder = cache_dir()
    if folder is None:
        return compute()
    target = folder / f"{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}.marshal"
    try:
        # one read, then decode: marshal.load on a file object reads each string separately (4x slower)
        stored_key, value = marshal.loads(target.read_bytes())
        if stored_key == key:
            return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = compute()
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps((key, value)))
        os.replace(tmp, target)      # atomic: parallel workers never read half a file
    except OSError:
        pass
    return value


def file_key(path: str | Path) -> str:
    """Identity of a file's current content for cache keys: path, size and mtime."""
    st = os.stat(path)
    return f"{os.path.abspath(path)}:{st.st_size}:{st.st_mtime_ns}"


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

    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    folder = cache_dir()
    if folder is not None:
        tok.tmp_dir = str(folder)
    _prefix_dictionary(tok)
    tok.initialize()      # nothing left to do when the prefix dictionary came from the cache
    userdict = data_path("userdict.txt")
    if userdict.exists():
        tok.load_userdict(str(userdict))
    return tok


def _import_jieba():
    """``import jieba`` without importing ``pkg_resources`` (a fifth of a second at every start).

    jieba uses pkg_resources only to open its dictionary file and opens it by its path when
    pkg_resources cannot be imported; the path is the same.  Nothing else is affected: the block
    is lifted as soon as jieba is imported."""
    import sys

    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # makes ``import pkg_resources`` raise ImportError
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def _prefix_dictionary(tok) -> None:
    """Give a default-dictionary jieba Tokenizer its prefix dictionary (``FREQ``, ``total``) through
    :func:`cached`: one read and one ``marshal.loads`` take about a fifth of the CPU time of jieba's own
    ``marshal.load`` on its cache file (2.3 s -> 0.45 s at every start).  The same dictionary either way."""
    import jieba

    if tok.dictionary is not None:      # a custom main dictionary: jieba's own loading
        return
    source = os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), jieba.DEFAULT_DICT_NAME)
    if not os.path.isfile(source):
        return
    key = f"jieba-prefix-dictionary:v1:{jieba.__version__}:{file_key(source)}"
    freq, total = cached(key, lambda: tok.gen_pfdict(tok.get_dict_file()))
    tok.FREQ, tok.total = freq, total
    tok.initialized = True
