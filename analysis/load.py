"""Stage 1: path -> Document(raw, meta). Decodes and reads metadata; removes nothing.

Encodings: UTF-8 with or without BOM, UTF-16 with BOM, otherwise detected by
charset-normalizer among the encodings Chinese web text comes in (GB18030,
Big5, ...). YAML front matter is parsed into ``meta``; its line range is kept
so the boilerplate stage can audit those lines as ``metadata``.
"""
from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from analysis import resources
from analysis.document import Document, Problem

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
# Encodings considered when a file is not UTF-8 (charset-normalizer picks among them).
CANDIDATE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "cp950", "utf_16", "shift_jis", "euc_kr", "cp1252"]
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_BYTES = 200 * 1024 * 1024
FRONT_MATTER_DELIM = re.compile(r"^(---|\+\+\+)\s*$")


class LoadError(Exception):
    """A file that cannot be read as a text document (message is user-facing)."""


def find_files(corpus: Path) -> list[tuple[str, Path]]:
    """(doc_id, path) for every document under CORPUS, sorted by doc_id.

    doc_id is the path relative to CORPUS with '/' separators; a single file
    is its own name. README files (notes about the corpus) and hidden files
    are not documents.
    """
    corpus = Path(corpus)
    if corpus.is_file():
        return [(corpus.name, corpus)]
    if not corpus.is_dir():
        raise FileNotFoundError(f"no such file or folder: {corpus}")
    out = []
    for p in corpus.rglob("*"):
        if p.suffix.lower() in SUFFIXES and p.is_file() and not is_readme(p) and not any(
            part.startswith(".") for part in p.relative_to(corpus).parts
        ):
            out.append((p.relative_to(corpus).as_posix(), p))
    out.sort(key=lambda t: t[0])
    return out


def is_readme(path: Path) -> bool:
    """README files describe a corpus folder; they are not articles."""
    return path.stem.upper() == "README"


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises LoadError with a clear message."""
    if not data.strip():
        raise LoadError("empty file")
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise LoadError(f"starts with a {enc} byte-order mark but does not decode as {enc}: {e}") from None
    if b"\x00" in data[:65536]:
        # UTF-16 without BOM is rare on the web; NUL bytes almost always mean binary.
        guess = _detect(data, ["utf_16_le", "utf_16_be"]) if data[:4096].count(b"\x00") > len(data[:4096]) // 3 else None
        if guess is None:
            raise LoadError("binary file (contains NUL bytes), not text")
        return guess
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _detect(data, CANDIDATE_ENCODINGS)
    if guess is None:
        raise LoadError("cannot determine the text encoding (not UTF-8, GB18030, Big5 or UTF-16)")
    return guess


def _detect(data: bytes, candidates: list[str]) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None:
        return None
    text = str(best)
    if _control_ratio(text) > 0.05:
        return None
    return text, best.encoding


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or 0xFFF0 <= ord(c) <= 0xFFFF)
    return bad / len(sample)


def front_matter(raw: str) -> tuple[dict, tuple[int, int] | None, str | None]:
    """Parse YAML front matter at the top of the text (blank lines may precede it).

    Returns (fields, (first_line, last_line) 1-based inclusive, or None, problem message or None).
    """
    lines = raw.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or not FRONT_MATTER_DELIM.match(lines[i]):
        return {}, None, None
    delim = lines[i].strip()
    for j in range(i + 1, min(len(lines), i + 200)):
        if lines[j].strip() == delim:
            block = "\n".join(lines[i + 1 : j])
            span = (i + 1, j + 1)
            if delim == "+++":
                return {}, span, "TOML front matter is not parsed"
            try:
                fields = yaml.load(block, Loader=resources.YAML_LOADER)
            except yaml.YAMLError as e:
                first = str(e).splitlines()[0] if str(e) else type(e).__name__
                return {}, span, f"broken YAML front matter (lines {span[0]}-{span[1]}): {first}"
            if fields is None:
                fields = {}
            if not isinstance(fields, dict):
                return {}, span, f"front matter (lines {span[0]}-{span[1]}) is not a mapping"
            return fields, span, None
    return {}, None, None


def iso_date(value) -> str | None:
    """A front-matter date (datetime, date, RFC 2822 or ISO string) -> 'YYYY-MM-DD'."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip()
    try:
        return email.utils.parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    m = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    return None


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def document(path: Path, doc_id: str) -> tuple[Document | None, list[Problem]]:
    """Read one file. Returns (Document or None, problems); never raises for bad input."""
    problems: list[Problem] = []
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(doc_id, "load", f"file is {size / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MiB limit")]
        data = path.read_bytes()
    except OSError as e:
        return None, [Problem(doc_id, "load", f"cannot read file: {e.strerror or e}")]
    try:
        raw, encoding = decode(data)
    except LoadError as e:
        return None, [Problem(doc_id, "load", str(e))]
    if not raw.strip():
        return None, [Problem(doc_id, "load", "empty file (whitespace only)")]
    fmt = FORMATS.get(path.suffix.lower(), "text")
    fields, span, problem = front_matter(raw)
    if problem:
        problems.append(Problem(doc_id, "load", problem, severity="warning"))
    meta = {
        "encoding": encoding,
        "format": fmt,
        "front_matter": span,
        "title": str(fields["title"]).strip() if fields.get("title") else None,
        "published": iso_date(fields.get("date") or fields.get("published")),
        "author": _as_list(fields.get("author") or fields.get("authors")),
        "categories": _as_list(fields.get("categories") or fields.get("tags")),
        "source": str(fields["source"]) if fields.get("source") else None,
        "fields": {k: v for k, v in fields.items() if isinstance(k, str)},
    }
    return Document(id=doc_id, path=str(path), raw=raw, meta=meta), problems


def documents(corpus: Path) -> Iterator[tuple[str, Path]]:
    yield from find_files(corpus)
