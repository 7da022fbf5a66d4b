"""The sentence recognizer's person names in a document.

Every sentence of the clean text is tagged once (``ner.recognize_document``, memoized, so the people
and the organization extractors share one tagging).  PER spans are counted per string; a one-character
span (the recognizer cuts titles off: 江主席 -> 江, 常副局长 -> 常, 郑某 -> 郑) keeps the title, role
word or 某 that follows it, and where it stood.  The edges of transliterated names that the recognizer
cut short are put back first (``_repaired``: touching spans, a middle dot, transliteration characters
that open no word, from the counts of ``name_chars.tsv``).
"""
from __future__ import annotations

from collections import Counter

import functools

from analysis import resources
from analysis.extract import lexicon
from analysis.extract.names import chars, cues, is_cjk

STRIP = " \u3000\u00a0\t“”\"'‘’「」『』《》<>（）()[]【】"
FOREIGN_LIKE = -0.5      # a PER span whose every character scores this in transliterated names (chars.foreign_score)
FOREIGN_NEXT = 1.2       # ... goes on over a next character this typical of transliterations (戈麦尔斯|基, 亚罗|约):
                         # on the People's Daily dev folds (fold models) 7 of the 8 spans so extended became
                         # annotated names, the 8th a place either way; at 1.0 a Chinese name took 烈 of 烈士
NEXT_WORD_FREQ = 100     # ... unless that character opens a word this common (安南|希望, 迪斯尼|特色)
DOT = "·"


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
            spans += [(ty, a + offset, b + offset) for ty, a, b in ner.recognize_document(extra)]
            text = text + "\n" + extra
    except ner.ModelFileError:
        raise                            # no model at all: every document would lose its names unseen
    except Exception:  # noqa: BLE001 - the recognizer is evidence; a failure on odd text leaves the cues
        return found, titled, other, {}
    for ty, s, e in _repaired(text, spans):
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


def _foreign_like(x: str) -> bool:
    return bool(x) and chars.foreign_score(x.replace(DOT, "")) >= FOREIGN_LIKE


def _repaired(text: str, spans) -> list[tuple[str, int, int]]:
    """PER spans of transliterated names with the edges the recognizer cut short put back: two
    touching spans are one name (马格坦|戈尔·圭尼); a name goes on over a middle dot and the
    transliteration beyond it (塞·|威廉姆斯), and over next characters typical of transliterations
    that open no common word (戈麦尔斯|基集合, 亚罗|约当选)."""
    out: list[tuple[str, int, int]] = []
    for ty, s, e in sorted(spans, key=lambda sp: sp[1]):
        if ty == "PER" and out and out[-1][0] == "PER" and out[-1][2] == s and e - s >= 2 \
                and out[-1][2] - out[-1][1] >= 2 and _foreign_like(text[out[-1][1]:e]):
            out[-1] = ("PER", out[-1][1], e)
            continue
        out.append((ty, s, e))
    taken = {(s, e) for _ty, s, e in out}
    for k, (ty, s, e) in enumerate(out):
        if ty != "PER" or e - s < 2 or not _foreign_like(text[s:e]):
            continue                                 # (a one-character span is a surname: 汤|尤杯)
        while s >= 2 and text[s - 1] == DOT and _foreign_char(text[s - 2]):
            s -= 2
            while s > 0 and _foreign_char(text[s - 1]):
                s -= 1
        while e + 1 < len(text) and text[e] == DOT and _foreign_char(text[e + 1]):
            e += 2
            while e < len(text) and _foreign_char(text[e]):
                e += 1
        while e < len(text) and is_cjk(text[e]) and chars.foreign_score(text[e]) >= FOREIGN_NEXT \
                and lexicon.word_freq(text[e:e + 2]) < NEXT_WORD_FREQ:
            e += 1
        if (s, e) not in taken:
            out[k] = (ty, s, e)
    return out


def _foreign_char(ch: str) -> bool:
    return is_cjk(ch) and chars.foreign_score(ch) >= FOREIGN_LIKE


@functools.cache
def _titles() -> tuple[str, ...]:
    """Words the recognizer cuts off a surname, longest first: its own titles (``ner_titles.txt``), the
    suffix titles of ``titles.tsv`` (女士, 某) and the role words of ``roles.tsv`` (副局长)."""
    c = cues()
    words = set(resources.word_list("ner_titles.txt")) | set(c.title_suffixes) | set(c.roles)
    return tuple(sorted(words, key=len, reverse=True))
