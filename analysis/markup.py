"""HTML fragments and pages -> lines of text with raw offsets.

Uses the standard library's HTML parser because it reports the source
position of every tag, text run and character reference, which is what keeps
each output character tied to its span in the raw file. Block elements and
``<br>`` end a line; ``script``/``style``/embeds and page chrome (``nav``,
``header``, ``footer``...) are skipped, and a raw line that held only markup is
reported with what it held so the boilerplate stage can audit it.

Fragment mode (text files and markdown with some HTML in them) keeps raw
newlines as line breaks; page mode (``.html``) treats them as spaces.
"""
from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass, field
from html.parser import HTMLParser

from analysis.resources import yaml_data

TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])|<!--")


@dataclass
class Line:
    line_no: int
    chars: list[str] = field(default_factory=list)
    starts: array = field(default_factory=lambda: array("q"))
    ends: array = field(default_factory=lambda: array("q"))


def tags() -> dict[str, frozenset[str]]:
    data = yaml_data("html.yaml")
    return {k: frozenset(v) for k, v in data.items()}


def has_markup(raw: str) -> bool:
    """True when the text contains at least one known HTML tag or comment."""
    known = tags()["known"]
    for m in TAG_RE.finditer(raw):
        if m.group(0) == "<!--" or m.group(2).lower() in known:
            return True
    return False


class _Parser(HTMLParser):
    def __init__(self, raw: str, base: int, first_line: int, *, page: bool):
        super().__init__(convert_charrefs=False)
        t = tags()
        self.known, self.block = t["known"], t["block"]
        self.skip_media, self.skip_chrome = t["media"], t["chrome"] | (t["page_chrome"] if page else frozenset())
        self.void = t["void"]
        self.raw = raw
        self.base = base
        self.first_line = first_line
        self.page = page
        self.line_starts = [0]
        for i, c in enumerate(raw):
            if c == "\n":
                self.line_starts.append(i + 1)
        self.lines: list[Line] = []
        self.cur: Line | None = None
        self.skip: list[str] = []          # stack of skipped elements we are inside
        self.line_tags: dict[int, set[str]] = {}   # raw line -> kinds of markup seen on it
        self.title: list[str] = []
        self.in_title = False
        self.pending_space: int | None = None   # raw position of a collapsed whitespace run

    # -- positions -------------------------------------------------------
    def _pos(self) -> int:
        lineno, col = self.getpos()
        return self.line_starts[lineno - 1] + col

    def _line_of(self, pos: int) -> int:
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo + self.first_line

    def _mark(self, pos: int, kind: str) -> None:
        self.line_tags.setdefault(self._line_of(pos), set()).add(kind)

    # -- output ----------------------------------------------------------
    def _break(self) -> None:
        self.cur = None
        self.pending_space = None

    def _emit(self, chars: str, start: int, end: int | None = None) -> None:
        """Append chars; each maps to [start+i, start+i+1) unless ``end`` is given (one span for all)."""
        if self.skip:
            return
        if self.in_title:
            self.title.append(chars)
            return
        for i, c in enumerate(chars):
            s = start + i if end is None else start
            e = s + 1 if end is None else end
            if c == "\n" and not self.page:
                self._break()
                continue
            if c.isspace() and c != "\u3000":
                if self.page:
                    if self.cur is not None and self.pending_space is None:
                        self.pending_space = s
                    continue
                if self.cur is None:
                    continue
            if self.cur is None:
                self.cur = Line(self._line_of(s))
                self.lines.append(self.cur)
            if self.pending_space is not None:
                self.cur.chars.append(" ")
                self.cur.starts.append(self.pending_space + self.base)
                self.cur.ends.append(self.pending_space + self.base + 1)
                self.pending_space = None
            self.cur.chars.append(c)
            self.cur.starts.append(s + self.base)
            self.cur.ends.append(e + self.base)

    # -- parser callbacks ------------------------------------------------
    def handle_starttag(self, tag, attrs):
        pos = self._pos()
        if tag not in self.known:
            self._emit(self.get_starttag_text() or "", pos)
            return
        if self.skip:
            if tag == self.skip[-1] and tag not in self.void:
                self.skip.append(tag)
            self._mark(pos, "skipped")
            return
        if tag in self.skip_media:
            self._mark(pos, "media")
            if tag not in self.void:
                self.skip.append(tag)
            return
        if tag in self.skip_chrome:
            self._mark(pos, "chrome")
            if tag not in self.void:
                self.skip.append(tag)
            return
        if tag == "title":
            self._mark(pos, "metadata")
            self.in_title = True
            return
        self._mark(pos, "img" if tag == "img" else "wrapper")
        if tag in self.block or tag == "br":
            self._break()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.void:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        pos = self._pos()
        if tag not in self.known:
            end = self.raw.find(">", pos)
            end = len(self.raw) if end < 0 else end + 1
            self._emit(self.raw[pos:end], pos)
            return
        if self.skip:
            self._mark(pos, "skipped")
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag == "title":
            self.in_title = False
            self._mark(pos, "metadata")
            return
        self._mark(pos, "wrapper")
        if tag in self.block:
            self._break()

    def handle_data(self, data):
        pos = self._pos()
        if self.skip:
            if data.strip():
                self._mark(pos, "skipped")
            return
        self._emit(data, pos)

    def handle_entityref(self, name):
        pos = self._pos()
        length = len(name) + 1 + (1 if self.raw.startswith(";", pos + len(name) + 1) else 0)
        text = html.unescape(self.raw[pos : pos + length])
        self._emit(text, pos, pos + length)

    def handle_charref(self, name):
        pos = self._pos()
        length = len(name) + 2 + (1 if self.raw.startswith(";", pos + len(name) + 2) else 0)
        text = html.unescape(self.raw[pos : pos + length])
        self._emit(text, pos, pos + length)

    def handle_comment(self, data):
        self._mark(self._pos(), "wrapper")

    def handle_decl(self, decl):
        self._mark(self._pos(), "metadata")

    def handle_pi(self, data):
        self._mark(self._pos(), "wrapper")

    def unknown_decl(self, data):
        self._mark(self._pos(), "wrapper")


@dataclass
class Parsed:
    lines: list[Line]
    line_tags: dict[int, set[str]]
    title: str | None


def parse(raw: str, *, base: int = 0, first_line: int = 1, page: bool = False) -> Parsed:
    """Parse ``raw`` (which starts at offset ``base``, on line ``first_line`` of the file)."""
    p = _Parser(raw, base, first_line, page=page)
    p.feed(raw)
    p.close()
    title = re.sub(r"\s+", " ", "".join(p.title)).strip() or None
    return Parsed(p.lines, p.line_tags, title)
