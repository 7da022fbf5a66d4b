"""Stage 2: raw text -> lines of normalized text, each character tied to its raw span.

Steps, in order, each extending the offset map:
  1. split into lines; HTML (fragments or pages) -> text lines (analysis.markup)
  2. full-width ASCII letters and digits -> ASCII (NFKC on those only)
  3. traditional or mixed documents -> simplified (OpenCC t2s), Taiwan 著 -> 着
  4. half-width , : ; ? ! between CJK -> full-width; "2: 30" -> "2:30"
Simplified documents are never passed through OpenCC, so they come out
unchanged apart from step 2 and 4.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence

from analysis import markup
from analysis.document import Block, Document, Problem
from analysis.resources import opencc_converter, tsv_rows

MAX_LINE = 20_000          # longer lines are cut (at sentence ends where possible) and reported
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_OPEN = "“‘《「『（【〈"
CJK_CLOSE = "”’》」』）】〉。，、；：？！…"
SPACED_TIME = re.compile(r"(?<=\d)([:：])[ \u3000]+(?=\d{2}(?!\d))")
CJK_CHAR = re.compile(f"[{CJK}]")
CJK_RUN = re.compile(f"[{CJK}]+")
MEDIA_LINE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")   # a line that is only an image stays whole for the audit

Triple = tuple[str, array, array]


# ---- offset-preserving edits ---------------------------------------------------

def edit(text: str, starts: array, ends: array, edits: Sequence[tuple[int, int, str]]) -> Triple:
    """Apply non-overlapping (i, j, replacement) edits, sorted by i.

    A replacement of the same length maps char by char; otherwise every new
    character maps to the raw span of the whole replaced range.
    """
    if not edits:
        return text, starts, ends
    out: list[str] = []
    s, e = array("q"), array("q")
    pos = 0
    for i, j, repl in edits:
        out.append(text[pos:i])
        s.extend(starts[pos:i])
        e.extend(ends[pos:i])
        if repl:
            if len(repl) == j - i:
                s.extend(starts[i:j])
                e.extend(ends[i:j])
            else:
                if j > i:
                    rs, re_ = starts[i], ends[j - 1]
                elif i < len(starts):
                    rs = re_ = starts[i]
                else:
                    rs = re_ = ends[-1] if len(ends) else 0
                s.extend([rs] * len(repl))
                e.extend([re_] * len(repl))
            out.append(repl)
        pos = j
    out.append(text[pos:])
    s.extend(starts[pos:])
    e.extend(ends[pos:])
    return "".join(out), s, e


def strip(text: str, starts: array, ends: array) -> Triple:
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    if left == 0 and right == len(text):
        return text, starts, ends
    return text[left:right], starts[left:right], ends[left:right]


# ---- character-level steps ----------------------------------------------------

FULLWIDTH_ALNUM = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF10, 0xFF5B)
                   if unicodedata.normalize("NFKC", chr(c)).isalnum()}
FULLWIDTH_ALNUM.update({0xFF05: "%", 0xFF0E: "."})   # ％ and ． inside numbers read as ASCII
NBSP = {0x00A0: " ", 0x200B: "", 0xFEFF: ""}
FULLWIDTH_ANY = re.compile("[" + "".join(map(chr, sorted(FULLWIDTH_ALNUM))) + "]")


def fullwidth(text: str) -> str:
    """Full-width ASCII letters and digits -> ASCII; length-preserving except zero-width chars."""
    if not FULLWIDTH_ANY.search(text):      # most lines: one regex scan instead of a per-character lookup
        return text
    return text.translate(FULLWIDTH_ALNUM)


def script(text: str) -> str:
    """'simplified', 'traditional', 'mixed' or 'none' (no CJK) for a document's text."""
    sample = "".join(CJK_RUN.findall(text[:200_000]))   # runs, not characters: far fewer list items
    if not sample:
        return "none"
    converted = opencc_converter("t2s").convert(sample)
    if converted == sample:
        changed = 0
    elif len(converted) != len(sample):
        changed = sum(1 for a in sample if opencc_converter("t2s").convert(a) != a)
    else:
        changed = sum(1 for a, b in zip(sample, converted) if a != b)
    ratio = changed / len(sample)
    if changed >= 3 and ratio >= 0.05:
        return "traditional"
    if changed >= 2 and ratio >= 0.005:
        return "mixed"
    return "simplified"


def to_simplified(text: str, starts: array, ends: array) -> Triple:
    conv = opencc_converter("t2s")
    out = conv.convert(text)
    if len(out) == len(text):
        return out, starts, ends
    # phrase conversions changed the length: convert per character to keep the map exact
    chars = [conv.convert(c) for c in text]
    edits = [(i, i + 1, c) for i, c in enumerate(chars) if c != text[i]]
    return edit(text, starts, ends, edits)


def _zhe_rules() -> tuple[frozenset[str], frozenset[str]]:
    before = frozenset(r["word"][0] for r in tsv_rows("zhe.tsv") if r["side"] == "before")
    after = frozenset(r["word"][1] for r in tsv_rows("zhe.tsv") if r["side"] == "after")
    return before, after


def zhe(text: str) -> str:
    """Taiwan-style 著 (aspect particle) -> 着, keeping 著 in 著作, 显著 and the like."""
    if "著" not in text:
        return text
    before, after = _zhe_rules()
    out = list(text)
    for i, c in enumerate(text):
        if c != "著":
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev in before or nxt in after:
            continue
        out[i] = "着"
    return "".join(out)


def _punct_table() -> dict[str, str]:
    return {r["from"]: r["to"] for r in tsv_rows("punctuation.tsv")}


def _is_cjk_left(c: str) -> bool:
    return bool(CJK_CHAR.match(c)) or c in CJK_CLOSE


def _is_cjk_right(c: str) -> bool:
    return bool(CJK_CHAR.match(c)) or c in CJK_OPEN


HALF_PUNCT = re.compile(r"[,:;?!]")


def punctuation(text: str) -> str:
    """Half-width , : ; ? ! between CJK -> full-width (same length)."""
    if not HALF_PUNCT.search(text):
        return text
    table = _punct_table()
    chars = None
    n = len(text)
    for m in HALF_PUNCT.finditer(text):
        i = m.start()
        if i == 0 or not _is_cjk_left(text[i - 1]):
            continue
        j = i + 1
        while j < n and text[j] == " ":
            j += 1
        if j == n or _is_cjk_right(text[j]):
            if chars is None:
                chars = list(text)
            chars[i] = table[text[i]]
    return text if chars is None else "".join(chars)


MD_EDITS = re.compile(
    r"^(?P<head>#{1,6}\s+|>\s?|[-*+]\s+(?=\S))"          # heading, quote and list markers at line start
    r"|!\[(?P<alt>[^\]]*)\]\([^)]*\)"                     # inline image -> nothing
    r"|\[(?P<link>[^\]]+)\]\([^)]*\)"                     # [text](url) -> text
    r"|(?P<emph>\*\*|__|~~)"                                  # bold / strike markers
)


def markdown_edits(text: str) -> list[tuple[int, int, str]]:
    """Markdown syntax around the words of a line, as edits that drop it."""
    edits = []
    for m in MD_EDITS.finditer(text):
        if m.group("link") is not None:
            a = m.start("link")
            edits.append((m.start(), a, ""))
            edits.append((m.end("link"), m.end(), ""))
        else:
            edits.append((m.start(), m.end(), ""))
    return edits


def punctuation_edits(text: str) -> list[tuple[int, int, str]]:
    """Length-changing fixes: spaces inside a clock time ('2: 30') and after converted punctuation."""
    return [(m.end(1), m.end(), "") for m in SPACED_TIME.finditer(text)]


# ---- document level -----------------------------------------------------------

def _split_long(line_no: int, text: str, starts: array, ends: array) -> list[tuple[int, str, array, array]]:
    pieces = []
    pos = 0
    while len(text) - pos > MAX_LINE:
        cut = max(text.rfind(p, pos, pos + MAX_LINE) for p in "。！？!?；;")
        cut = cut + 1 if cut > pos + MAX_LINE // 2 else pos + MAX_LINE
        pieces.append((line_no, text[pos:cut], starts[pos:cut], ends[pos:cut]))
        pos = cut
    pieces.append((line_no, text[pos:], starts[pos:], ends[pos:]))
    return pieces


_POSITIONS = array("q")
_POSITIONS_CACHED = 1 << 21   # 16 MiB of int64 at most stays cached between documents


def _positions(n: int) -> array:
    """array('q', range(n)), sliced from a cached one: a copy in C instead of a walk over ints."""
    global _POSITIONS
    if n > len(_POSITIONS):
        if n > _POSITIONS_CACHED:
            return array("q", range(n))
        _POSITIONS = array("q", range(min(_POSITIONS_CACHED, max(n, 2 * len(_POSITIONS), 1 << 16))))
    return _POSITIONS[:n]


def _plain_lines(raw: str, skip: tuple[int, int] | None) -> tuple[list, list[Block]]:
    """Lines of a document without HTML: (line_no, text, starts, ends) + metadata blocks."""
    lines, meta_blocks = [], []
    pos = 0
    offsets = _positions(len(raw) + 1)
    for no, line in enumerate(raw.split("\n"), start=1):
        start = pos
        pos += len(line) + 1
        if skip and skip[0] <= no <= skip[1]:
            if line.strip():
                meta_blocks.append(Block(no, line.strip(), line.strip(), array("q"), array("q"), "metadata"))
            continue
        if line.endswith("\r"):
            line = line[:-1]
        if not line.strip():
            continue
        s = offsets[start:start + len(line)]
        e = offsets[start + 1:start + len(line) + 1]
        lines.append((no,) + strip(line, s, e))
    return lines, meta_blocks


def _markup_lines(doc: Document, skip: tuple[int, int] | None, page: bool) -> tuple[list, list[Block], str | None]:
    raw = doc.raw
    raw_lines = raw.split("\n")
    base, first_line = 0, 1
    meta_blocks = []
    if skip:
        for no in range(skip[0], skip[1] + 1):
            line = raw_lines[no - 1].strip()
            if line:
                meta_blocks.append(Block(no, line, line, array("q"), array("q"), "metadata"))
        base = sum(len(x) + 1 for x in raw_lines[: skip[1]])
        first_line = skip[1] + 1
    # blank lines before the front matter are simply blank
    parsed = markup.parse(raw[base:], base=base, first_line=first_line, page=page)
    lines = []
    text_lines = set()
    for ln in parsed.lines:
        t, s, e = strip("".join(ln.chars), ln.starts, ln.ends)
        if t:
            lines.append((ln.line_no, t, s, e))
            text_lines.add(ln.line_no)
    markup_blocks = []
    for no in range(first_line, len(raw_lines) + 1):
        line = raw_lines[no - 1].strip()
        if not line or no in text_lines:
            continue
        kinds = parsed.line_tags.get(no, set())
        if not kinds:
            kind = "wrapper"   # whitespace-only text inside markup, or an unterminated tag
        elif "media" in kinds or "img" in kinds:
            kind = "media"
        elif "chrome" in kinds:
            kind = "chrome"
        elif "metadata" in kinds and kinds <= {"metadata", "wrapper"}:
            kind = "metadata"
        elif "skipped" in kinds:
            kind = "chrome"
        else:
            kind = "wrapper"
        markup_blocks.append(Block(no, line, "", array("q"), array("q"), kind))
    return lines, meta_blocks + markup_blocks, parsed.title


def document(doc: Document) -> tuple[Document, list[Problem]]:
    """Split ``doc.raw`` into normalized Blocks (text lines + markup-only lines)."""
    problems: list[Problem] = []
    skip = doc.meta.get("front_matter")
    page = doc.meta.get("format") == "html"
    title = doc.meta.get("title")
    if page or markup.has_markup(doc.raw):
        lines, extra, html_title = _markup_lines(doc, skip, page)
        title = title or html_title
    else:
        lines, extra = _plain_lines(doc.raw, skip)
    joined = "\n".join(t for _, t, _, _ in lines)
    doc_script = script(joined)
    convert = doc_script in ("traditional", "mixed")
    markdown = doc.meta.get("format") == "markdown"
    blocks: list[Block] = list(extra)
    for line_no, text, starts, ends in lines:
        pieces = [(line_no, text, starts, ends)]
        if len(text) > MAX_LINE:
            pieces = _split_long(line_no, text, starts, ends)
            problems.append(Problem(doc.id, "normalize",
                                    f"line {line_no} is {len(text):,} characters long; cut into {len(pieces)} pieces",
                                    severity="warning"))
        for no, t, s, e in pieces:
            source = t
            if markdown and not MEDIA_LINE.match(t):
                t, s, e = edit(t, s, e, markdown_edits(t))
                t, s, e = strip(t, s, e)
                if not t:
                    continue
            t2 = fullwidth(t)
            if len(t2) != len(t):
                t2, s, e = edit(t, s, e, [(i, i + 1, fullwidth(c)) for i, c in enumerate(t) if fullwidth(c) != c])
            if convert:
                t2, s, e = to_simplified(t2, s, e)
                t2 = zhe(t2)
            t2 = punctuation(t2)
            t2, s, e = edit(t2, s, e, punctuation_edits(t2))
            t2, s, e = strip(t2, s, e)
            if not t2:
                continue
            blocks.append(Block(no, source, t2, s, e))
    blocks.sort(key=lambda b: (b.line_no, b.starts[0] if len(b.starts) else -1))
    meta = dict(doc.meta)
    meta["script"] = doc_script
    meta["title"] = title
    text, starts, ends = join_blocks([b for b in blocks if not b.markup])
    return doc.replace(blocks=tuple(blocks), text=text, starts=starts, ends=ends, meta=meta), problems


def join_blocks(blocks: Sequence[Block]) -> Triple:
    """Lines joined by '\\n'; a newline maps to the (empty) raw span at the end of the line before."""
    parts: list[str] = []
    s, e = array("q"), array("q")
    for k, b in enumerate(blocks):
        if k:
            parts.append("\n")
            s.append(e[-1])
            e.append(e[-1])
        parts.append(b.text)
        s.extend(b.starts)
        e.extend(b.ends)
    return "".join(parts), s, e
