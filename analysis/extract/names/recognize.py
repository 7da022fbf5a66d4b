"""The sentence recognizer's person names in a document.

Every sentence of the clean text is tagged once (``ner.recognize_document``, memoized, so the people
and the organization extractors share one tagging).  PER spans are counted per string; a one-character
span (the recognizer cuts titles off: 江主席 -> 江, 常副局长 -> 常, 郑某 -> 郑) keeps the title, role
word or 某 that follows it, and where it stood.
"""
from __future__ import annotations

from collections import Counter

import functools

from analysis import resources
from analysis.extract.names import cues

STRIP = " \u3000\u00a0\t“”\"'‘’「」『』《》<>（）()[]【】"


def tagged_names(text: str) -> tuple[Counter, dict[str, str], Counter]:
    """(PER string -> how many times the recognizer tagged it in ``text``,
    one-character PER -> the surname + title form it was cut from (江 -> 江主席),
    string -> how many times it was tagged as a place or an organization)."""
    found, titled, other, _ = tagged_spans(text)
    return found, titled, other


def tagged_spans(text: str, *, extra: str = "") -> tuple[Counter, dict[str, str], Counter, dict[str, tuple[int, ...]]]:
    """``tagged_names`` of ``text + "\n" + extra`` and, for each one-character PER, the positions where the
    recognizer tagged it.  ``text`` is tagged through the memo the organization extractor shares;
    ``extra`` (lines removed from the text, such as credits) is tagged on its own."""
    from analysis.extract import ner

    found: Counter = Counter()
    other: Counter = Counter()
    titled: dict[str, str] = {}
    at: dict[str, list[int]] = {}
    try:
        spans = list(ner.recognize_document(text))
        if extra:
            offset = len(text) + 1
            spans += [(ty, a + offset, b + offset) for ty, a, b in ner.recognize(extra)]
            text = text + "\n" + extra
    except Exception:  # noqa: BLE001 - the recognizer is evidence; a failure leaves the cues
        return found, titled, other, {}
    for ty, s, e in spans:
        x = text[s:e].strip(STRIP)
        if not x:
            continue
        if ty != "PER":
            other[x] += 1
            continue
        found[x] += 1
        if len(x) == 1:
            at.setdefault(x, []).append(s)
        if len(x) == 1 and x not in titled:
            title = next((t for t in _titles() if text.startswith(t, e)), None)
            if title in cues().not_address_title:
                title = None
            if title:
                titled[x] = x + title
    return found, titled, other, {x: tuple(p) for x, p in at.items()}


@functools.cache
def _titles() -> tuple[str, ...]:
    """Words the recognizer cuts off a surname, longest first: its own titles (``ner_titles.txt``), the
    suffix titles of ``titles.tsv`` (女士, 某) and the role words of ``roles.tsv`` (副局长)."""
    c = cues()
    words = set(resources.word_list("ner_titles.txt")) | set(c.title_suffixes) | set(c.roles)
    return tuple(sorted(words, key=len, reverse=True))
