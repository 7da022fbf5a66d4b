"""The sentence recognizer's person names in a document.

Every sentence of the clean text is tagged once (``ner.recognize_document``, memoized, so the people
and the organization extractors share one tagging).  PER spans are counted per string; a one-character
span (the recognizer cuts titles off: 江主席 -> 江) keeps the title that follows it.
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
    from analysis.extract import ner

    found: Counter = Counter()
    other: Counter = Counter()
    titled: dict[str, str] = {}
    try:
        spans = ner.recognize_document(text)
    except Exception:  # noqa: BLE001 - the recognizer is evidence; a failure leaves the cues
        return found, titled, other
    for ty, s, e in spans:
        x = text[s:e].strip(STRIP)
        if not x:
            continue
        if ty != "PER":
            other[x] += 1
            continue
        found[x] += 1
        if len(x) == 1 and x not in titled:
            title = next((t for t in _titles() if text.startswith(t, e)), None)
            if title in cues().not_address_title:
                title = None
            if title:
                titled[x] = x + title
    return found, titled, other


@functools.cache
def _titles() -> tuple[str, ...]:
    """Titles the recognizer cuts off a surname (``ner_titles.txt``), longest first."""
    return tuple(sorted(resources.word_list("ner_titles.txt"), key=len, reverse=True))
