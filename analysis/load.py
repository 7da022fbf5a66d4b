"""Stage 1: path -> Document(raw, meta). Decodes and reads metadata; removes nothing but stray NULs.

Encodings: UTF-8 with or without BOM, UTF-16 with BOM, otherwise the strict
decoding (GB18030, Big5) that gives the most plausible Chinese text, and
charset-normalizer when none is sure. Binary files (known signatures, many
control bytes) are refused; readable text with defects is kept and repaired
(stray NULs dropped, a cut-off last character or bad bytes become U+FFFD),
each repair reported as a warning. YAML front matter is parsed into ``meta``;
its line range is kept so the boilerplate stage can audit those lines as
``metadata``.
"""
from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import email.utils
import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

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


NOTES_FILE_COLUMNS = ("file", "doc", "doc_id", "文件", "文件名")
NOTES_YEAR_COLUMNS = ("year", "published", "date", "年份", "年", "日期", "发布日期")
NOTES_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
NOTES_CELL = re.compile(r"^[`*_\s]+|[`*_\s]+$")


@functools.cache
def folder_notes(folder: str) -> dict[str, dict]:
    """What the README of a corpus folder says about each file, from its markdown tables.

    A table with a file column (file, doc_id, 文件) and a year or date column (year,
    published, date, 年份, 日期) gives that file a ``year``: the first four-digit year in
    the cell ("2022 (published 2022-02-01)" -> 2022). It is the collector's own record of
    when an article is from, and anchors the article's year-less dates. Never raises.
    """
    notes: dict[str, dict] = {}
    for path in sorted(Path(folder).glob("*")):
        if not (path.is_file() and is_readme(path)) or path.stat().st_size > 2_000_000:
            continue
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        header: list[str] | None = None
        for line in lines:
            line = line.strip()
            if not line.startswith("|"):
                header = None
                continue
            cells = [NOTES_CELL.sub("", c) for c in line.strip("|").split("|")]
            if header is None:
                header = [c.lower() for c in cells]
                continue
            if all(set(c) <= set("-: ") for c in cells):
                continue
            row = dict(zip(header, cells))
            name = next((row[k] for k in NOTES_FILE_COLUMNS if row.get(k)), None)
            year = next((m.group(1) for k in NOTES_YEAR_COLUMNS if row.get(k)
                         for m in [NOTES_YEAR.search(row[k])] if m), None)
            if name and year:
                notes.setdefault(name, {})["year"] = int(year)
    return notes


class LoadError(Exception):
    """A file that cannot be read as a text document (message is user-facing)."""


class Decoded(NamedTuple):
    text: str
    encoding: str
    repairs: tuple[str, ...] = ()     # what was repaired to keep the document (one warning each)


# Signatures of binary formats a corpus folder may hold under a text suffix.
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"), (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon"), (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or docx/xlsx/epub)"),
    (b"PK\x05\x06", "a ZIP archive"), (b"\x1f\x8b", "a gzip archive"), (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!\x1a\x07", "a RAR archive"), (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"), (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"), (b"OggS", "an Ogg media file"), (b"fLaC", "a FLAC audio file"),
    (b"wOFF", "a web font"), (b"wOF2", "a web font"),
)
# C0 control bytes that no text encoding of the corpus uses for characters (tab, LF, VT, FF, CR and ESC excluded).
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# Strict decodings tried, in this order, for a file that is not UTF-8 (the corpus languages: Chinese).
STRICT_CANDIDATES = ("gb18030", "big5", "cp950", "big5hkscs")
# A decoding this plausible is taken without asking the statistical detector.
SURE = 0.85
# Latin letters and signs of Chinese pages: no-break space, °, ·, ×, ÷, and pinyin with its tone marks.
LATIN = frozenset("\u00a0°·×÷āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňḿ")
SAMPLE = 65536
_TRUNCATED = ("unexpected end of data", "truncated data", "incomplete multibyte sequence")


def binary_kind(data: bytes) -> str | None:
    """What binary format DATA is, from its signature and its share of NUL and control bytes (None: maybe text)."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file"
    if data[4:8] == b"ftyp":
        return "an MP4/HEIF media file"
    if data[:2] == b"BM" and len(data) > 26 and int.from_bytes(data[2:6], "little") == len(data):
        return "a BMP image"
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return "a bzip2 archive"
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None           # UTF-16 and UTF-32: NUL bytes are text; judged once decoded
    sample = data[:SAMPLE]
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    if controls > 0.3 * len(sample):
        return f"{controls / len(sample):.0%} control bytes"
    return None


@functools.cache
def common_hanzi() -> frozenset[str]:
    """The common characters of both scripts: GB2312 level 1 (3,755) and Big5 常用字 (5,401)."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([lead, trail]).decode("gb2312"))
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if (lead << 8 | trail) <= 0xC67E:
                with contextlib.suppress(UnicodeDecodeError):
                    chars.add(bytes([lead, trail]).decode("big5"))
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of the non-ASCII characters that a Chinese web page is made of: common hanzi, punctuation.

    ASCII reads the same in every candidate encoding and is left out, and so are emoji and symbols. A wrong
    decoding of Chinese bytes yields rare hanzi, kana, Greek, box drawing, private-use characters and
    U+FFFD, and scores far lower (about 0.5) than the right one (above 0.9).
    """
    common = common_hanzi()
    good = bad = 0
    for c in text[:20000]:
        o = ord(c)
        if o < 0x80:
            continue
        if c in common or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or c in LATIN:
            good += 1
        elif o < 0x1F000 and unicodedata.category(c) != "So":     # emoji and symbols say nothing
            bad += 1
    return good / (good + bad) if good + bad else 1.0


def _strict(data: bytes, encoding: str) -> tuple[str, int] | None:
    """Strict decoding, except that a character cut off by the end of the file becomes U+FFFD.

    Returns (text, number of bytes of the cut-off tail) or None when DATA is not in ENCODING.
    """
    if encoding == "utf-8-sig" and data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8")     # error positions then count from the text
    try:
        return data.decode(encoding), 0
    except UnicodeDecodeError as e:
        if e.end < len(data) or e.reason not in _TRUNCATED:
            return None
        cut = e.start
    except LookupError:
        return None
    try:
        return data[:cut].decode(encoding) + "\ufffd", len(data) - cut
    except UnicodeDecodeError:
        return None


def _truncation(encoding: str, tail: int) -> tuple[str, ...]:
    if not tail:
        return ()
    return (f"the file ends in the middle of a {encoding.removesuffix('-sig')} character: the last {tail} byte"
            f"{'s' if tail > 1 else ''} replaced by U+FFFD",)


def decode(data: bytes) -> Decoded:
    """Bytes -> Decoded(text, encoding, repairs). Raises LoadError (binary, empty, not text) with a clear message.

    Readable text is never refused for a defect: stray NUL characters are dropped, a character cut off by
    the end of the file and undecodable bytes become U+FFFD, and each repair is reported in ``repairs``.
    """
    if not data.strip():
        raise LoadError("empty file")
    kind = binary_kind(data)
    if kind:
        raise LoadError(f"binary file ({kind}), not text")
    decoded = _decode_text(data)
    text, repairs = decoded.text, list(decoded.repairs)
    controls = len(CONTROL_CHARS.findall(text[:SAMPLE]))
    if controls > 0.1 * min(len(text), SAMPLE):
        raise LoadError(f"binary file ({controls} control characters in {min(len(text), SAMPLE)}), not text")
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        repairs.append(f"{nuls} stray NUL character{'s' if nuls > 1 else ''} removed")
    return Decoded(text, decoded.encoding, tuple(repairs))


def _decode_text(data: bytes) -> Decoded:
    for bom, enc in BOMS:
        if data.startswith(bom):
            got = _strict(data, enc)
            if got is not None:
                return Decoded(got[0], enc, _truncation(enc, got[1]))
            return _lenient(data, [enc], "after its byte-order mark")
    sample = data[:SAMPLE]
    if sample.count(0) > len(sample) // 4:
        # UTF-16 without a byte-order mark: ASCII-rich text has a NUL in every other byte
        for enc in ("utf_16_le", "utf_16_be"):
            got = _strict(data, enc)
            if got is not None and plausibility(got[0]) >= 0.6:
                return Decoded(got[0], enc, _truncation(enc, got[1]))
        raise LoadError(f"binary file ({sample.count(0) / len(sample):.0%} NUL bytes), not text")
    utf8 = _strict(data, "utf-8")
    if utf8 is not None and _surely_utf8(utf8[0]):
        return Decoded(utf8[0], "utf-8", _truncation("utf-8", utf8[1]))
    # Every strict decoding of the corpus languages, the most plausible text first. Valid UTF-8 is
    # strong evidence in itself: another reading must be clearly more plausible to win.
    scored = [(plausibility(utf8[0]) + 0.1, -utf8[1], "utf-8", utf8[0])] if utf8 is not None else []
    for enc in STRICT_CANDIDATES:
        got = _strict(data, enc)
        if got is not None:
            scored.append((plausibility(got[0]), -got[1], enc, got[0]))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    if scored and scored[0][0] >= SURE:
        score, tail, enc, text = scored[0]
        return Decoded(text, enc, _truncation(enc, -tail))
    detected = _detect(data, CANDIDATE_ENCODINGS)
    if detected is not None and (not scored or plausibility(detected[0]) >= scored[0][0]):
        return Decoded(*detected)
    if scored:
        score, tail, enc, text = scored[0]
        return Decoded(text, enc, _truncation(enc, -tail))
    return _lenient(data, ["utf-8", *STRICT_CANDIDATES[:2]], "no encoding decodes it cleanly")


def _surely_utf8(text: str) -> bool:
    """Valid UTF-8 with enough multi-byte characters is UTF-8; a handful might be GB18030 or Big5 by chance."""
    sample = text[:4096]
    return len(sample) - len(sample.encode("ascii", errors="ignore")) >= 24 or plausibility(text) >= SURE


def _lenient(data: bytes, encodings: list[str], why: str) -> Decoded:
    """Decode with U+FFFD for bad bytes, in the encoding that gives the most plausible text; or refuse binary data."""
    best = None
    for enc in encodings:
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        score = plausibility(text)
        if best is None or (score, -bad) > (best[0], -best[1]):
            best = (score, bad, enc, text)
    score, bad, enc, text = best
    if score < 0.6 or bad > 0.1 * len(text):
        raise LoadError(f"binary file, or text in an encoding other than UTF-8, GB18030, Big5 or UTF-16 "
                        f"({bad} undecodable sequences in {len(data)} bytes)")
    return Decoded(text, enc, (f"{bad} undecodable byte sequence{'s' if bad > 1 else ''} replaced by U+FFFD "
                               f"(read as {enc}; {why})",))


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
        raw, encoding, repairs = decode(data)
    except LoadError as e:
        return None, [Problem(doc_id, "load", str(e))]
    problems += [Problem(doc_id, "load", message, severity="warning") for message in repairs]
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
        "notes_year": folder_notes(str(path.parent)).get(path.name, {}).get("year"),
    }
    return Document(id=doc_id, path=str(path), raw=raw, meta=meta), problems


def documents(corpus: Path) -> Iterator[tuple[str, Path]]:
    yield from find_files(corpus)
