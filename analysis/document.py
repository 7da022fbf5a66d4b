"""Frozen records that flow between the pipeline stages.

A :class:`Document` carries the decoded raw file, the current (clean) text and,
for every character of that text, the span of the raw file it came from
(``starts[i]``/``ends[i]``, end exclusive). Every stage that changes the text
returns a new Document with both arrays extended, never rebuilt.
"""
from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def _empty() -> array:
    return array("q")


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    path: str
    raw: str
    text: str = ""
    starts: array = field(default_factory=_empty)
    ends: array = field(default_factory=_empty)
    meta: Mapping[str, Any] = field(default_factory=dict)
    blocks: tuple["Block", ...] = ()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the span of ``raw`` it was made from."""
        if not self.text or start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.raw)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def replace(self, **changes: Any) -> "Document":
        return dataclasses.replace(self, **changes)

    def sentence_at(self, start: int, end: int) -> str:
        """The sentence (or line) of ``text`` holding the span."""
        return sentence_around(self.text, start, end)


SENTENCE_ENDS = "。！？!?；;\n"


def sentence_around(text: str, start: int, end: int) -> str:
    left = start
    while left > 0 and text[left - 1] not in SENTENCE_ENDS:
        left -= 1
    right = end
    while right < len(text) and text[right] not in SENTENCE_ENDS:
        right += 1
    if right < len(text) and text[right] != "\n":
        right += 1
    return text[left:right].strip()


@dataclass(frozen=True, slots=True)
class Block:
    """A line of text as the boilerplate stage sees it.

    ``source`` is what the audit shows (the raw line, stripped, or the decoded
    text of an HTML block); ``text`` is its normalized form and ``starts``/``ends``
    give the raw span of each character of ``text``. ``markup`` is empty for a
    text line, else what the line held instead of text: media, chrome, wrapper,
    metadata.
    """
    line_no: int
    source: str
    text: str
    starts: array
    ends: array
    markup: str = ""


@dataclass(frozen=True, slots=True)
class Removed:
    """One line (or line part) taken out of the text, with the reason."""
    doc_id: str
    line_no: int          # 1-based raw line number
    kind: str             # gold vocabulary: spam, chrome, footer, caption, credit, media, ...
    text: str             # the raw line (stripped), or the tag-stripped text of an HTML block
    rule: str             # id of the rule that removed it
    raw_start: int = -1
    raw_end: int = -1


@dataclass(frozen=True, slots=True)
class Problem:
    doc_id: str
    stage: str            # load | normalize | boilerplate | extract | write
    message: str
    severity: str = "error"   # error (document skipped) | warning (document kept)


# ---- extraction results -------------------------------------------------

@dataclass(frozen=True, slots=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    role: str | None = None
    org: str | None = None
    mentions: int = 1
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    aliases: tuple[str, ...]
    type: str = "other"   # company | media | hospital | government | school | other
    mentions: int = 1
    rule: str = ""
    canonical: str = ""   # the name it goes by across documents (the gazetteer's), else ``name``


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    value: str | None     # ISO 8601, ranges a/b, --MM-DD, Thh:mm; None when unresolvable
    kind: str             # date | time | datetime | month | year | festival | range | relative
    start: int
    end: int
    rule: str = ""
    anchor: str = ""      # what resolved it: date:<text>, year:<text>, ref:<source>; "" = the text itself


@dataclass(frozen=True, slots=True)
class Workload:
    text: str
    value_low: float | None
    value_high: float | None
    unit: str | None
    metric: str           # calls | orders | leads | hours | staff | multiplier | duration | amount | other
    period: str | None    # day | shift | total | peak | None
    qualifier: str        # exact | approx | at_least | range
    subject: str | None
    start: int
    end: int
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    people: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    dates: tuple[DateMention, ...] = ()
    workload: tuple[Workload, ...] = ()
    problems: tuple[str, ...] = ()     # why an extractor failed on this document (people: ValueError: ...)
