"""Repetition (as in CCNet): line hashes, and in how many documents of a corpus each occurs."""
from __future__ import annotations

import hashlib
import re
from array import array
from collections import Counter
from collections.abc import Iterable

from analysis.document import Document

KEY_STRIP = re.compile(r"[\W\d_]+")
MIN_REPEAT_KEY = 6          # shorter lines (headings like 结语) are never judged by repetition
IN_DOC_REPEATS = 3
CORPUS_DOCS = 3
PHRASE_SPLIT = re.compile(r"[，,|｜\s]+")


def line_key(text: str) -> str:
    """Normalized form used for repetition: letters only, lower case."""
    return KEY_STRIP.sub("", text.lower())


def line_hash(text: str) -> int | None:
    key = line_key(text)
    if len(key) < MIN_REPEAT_KEY:
        return None
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def doc_hashes(doc: Document) -> set[int]:
    """Distinct line hashes of a normalized document (pass 1)."""
    return {h for b in doc.blocks if not b.markup and (h := line_hash(b.text)) is not None}


def self_repeating(text: str) -> bool:
    """SEO stuffing: a line made of one phrase said twice (X，X码)."""
    parts = [p for p in PHRASE_SPLIT.split(text) if p]
    if len(parts) < 2:
        return False
    first = line_key(parts[0])
    if len(first) < MIN_REPEAT_KEY:
        return False
    # keys computed lazily: most lines fail on the second phrase
    return all(k.startswith(first) or first.startswith(k) for k in map(line_key, parts[1:]))


class LineStats:
    """How many documents of the corpus contain each line hash.

    Compact so that pass 1 stays small on any corpus: hashes are buffered in
    an ``array('Q')`` and, past COMPACT_AT of them, folded into sorted numpy
    arrays of (hash, document count), about 9 bytes per distinct line instead
    of ~75 for a Counter entry. Counts saturate at 255 (only ``>= CORPUS_DOCS``
    matters). Sums do not depend on the order documents are added.
    """
    COMPACT_AT = 1 << 21

    def __init__(self) -> None:
        self.documents = 0
        self._pending = array("Q")
        self._keys = None        # numpy uint64, sorted, unique
        self._counts = None      # numpy uint8, saturating

    def add(self, hashes: Iterable[int]) -> None:
        self._pending.extend(set(hashes))
        self.documents += 1
        if len(self._pending) >= self.COMPACT_AT:
            self._compact()

    def merge(self, other: "LineStats") -> "LineStats":
        other._compact()
        self._compact()
        if other._keys is not None:
            self._fold(other._keys, other._counts)
        self.documents += other.documents
        return self

    def _compact(self) -> None:
        if not self._pending:
            return
        import numpy as np

        keys, counts = np.unique(np.frombuffer(self._pending, dtype=np.uint64), return_counts=True)
        self._pending = array("Q")
        self._fold(keys, counts)

    def _fold(self, keys, counts) -> None:
        import numpy as np

        if self._keys is not None:
            keys = np.concatenate([self._keys, keys])
            counts = np.concatenate([self._counts.astype(np.uint32), counts.astype(np.uint32)])
            order = np.argsort(keys, kind="stable")
            keys, counts = keys[order], counts[order]
            keys, first = np.unique(keys, return_index=True)
            counts = np.add.reduceat(counts, first)
        self._keys = keys
        self._counts = np.minimum(counts, 255).astype(np.uint8)

    @property
    def doc_freq(self) -> Counter:
        """Hash -> number of documents, as a Counter (for inspection; not compact)."""
        out = Counter(self._pending)
        if self._keys is not None:
            for h, n in zip(self._keys.tolist(), self._counts.tolist()):
                out[h] += n
        return out

    def common(self) -> frozenset[int]:
        threshold = max(CORPUS_DOCS, 2)
        if self._keys is None:   # small corpus: no numpy needed
            return frozenset(h for h, n in Counter(self._pending).items() if n >= threshold)
        self._compact()
        return frozenset(self._keys[self._counts >= threshold].tolist())
