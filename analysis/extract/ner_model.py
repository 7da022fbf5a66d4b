"""The recognizer's linear-chain CRF: weights, scores and Viterbi decoding in numpy.

The weights are those CRFsuite learned (``benchmarks/train_ner.py``), shipped as a
small gzipped text file, ``analysis/data/ner_crf.tsv.gz``::

    # comment lines
    labels<TAB>O<TAB>B-PER<TAB>...                 the label set, in order
    ->B-PER<TAB>0:1.25<TAB>3:-0.5 ...              transitions into a label: from-label index:weight
    c=客<TAB>0:0.31<TAB>2:-1.02 ...                 an attribute: label index:weight (zero weights left out)

An attribute is a feature template's prefix and its value (``c=客``, ``pw=记者``) or a
mark (``surBB3``); ``ner_features.columns`` computes them per sentence.  Tagging looks
each value up in its prefix's table and adds the weight rows, so no attribute string
is built at run time.  The scores are those of CRFsuite: per character the sum of the
weights of its attributes, per pair of neighbouring labels the transition weight; the
best label sequence is found by Viterbi decoding, many sentences at once.
"""
from __future__ import annotations

import gzip
import itertools
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from analysis.extract import ner_viterbi
from analysis.extract.ner_features import PADS


class _Rows(dict):
    """Value -> weight row; unknown values map to the all-zero last row."""

    __slots__ = ("zero",)

    def __missing__(self, key) -> int:
        return self.zero


def _read(path: str | Path) -> tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray,
                                     dict[int, dict[int, float]]]:
    """Labels, attribute names, their weights as (row, label index, weight) arrays, and transition weights
    of a model file."""
    labels: list[str] = []
    names: list[str] = []
    counts: list[int] = []
    cells: list[str] = []
    transitions: dict[int, dict[int, float]] = {}
    with gzip.open(path, "rb") as f:
        text = f.read().decode("utf-8")
    for line in text.split("\n"):  # attributes may hold characters str.splitlines() breaks at
        if not line or line[0] == "#":
            continue
        name, _, rest = line.partition("\t")
        if name == "labels":
            labels = rest.split("\t")
            continue
        parts = rest.replace(":", "\t").split("\t") if rest else []  # index, weight, index, weight...
        if name.startswith("->"):
            transitions[labels.index(name[2:])] = {int(j): float(w) for j, w in zip(parts[::2], parts[1::2])}
            continue
        names.append(name)
        counts.append(len(parts) // 2)
        cells.extend(parts)
    pairs = np.array(cells, dtype=float).reshape(-1, 2)
    rows = np.repeat(np.arange(len(names)), counts)
    return labels, names, rows, pairs[:, 0].astype(np.intp), pairs[:, 1], transitions


class CRF:
    split = 0  # load_pair: the labels of the second model start here

    def __init__(self, labels: Sequence[str], attributes: dict[str, dict[int, float]],
                 transitions: dict[int, dict[int, float]]):
        names = list(attributes)
        rows = [r for r, row in enumerate(attributes.values()) for _ in row]
        cols = [j for row in attributes.values() for j in row]
        vals = [w for row in attributes.values() for w in row.values()]
        self._build(labels, names, np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp),
                    np.array(vals, dtype=float), transitions)

    def _build(self, labels: Sequence[str], names: list[str], rows: np.ndarray, cols: np.ndarray,
               vals: np.ndarray, transitions: dict[int, dict[int, float]]) -> None:
        self.labels = tuple(labels)
        nl = len(self.labels)
        self.weights = np.zeros((len(names) + 1, nl))
        self.weights[rows, cols] = vals
        self.transitions = np.zeros((nl, nl))  # [from, to]
        for to, row in transitions.items():
            for frm, w in row.items():
                self.transitions[frm, to] = w
        zero = len(names)
        self.dense: dict[str, _Rows] = {}
        self.marks = _Rows()
        self.marks.zero = zero
        for r, attr in enumerate(names):
            cut = attr.find("=")
            if cut < 0:
                self.marks[attr] = r
                continue
            table = self.dense.get(attr[:cut + 1])
            if table is None:
                table = self.dense[attr[:cut + 1]] = _Rows()
                table.zero = zero
            table[attr[cut + 1:]] = r
        self._empty = _Rows()
        self._empty.zero = zero
        self._codes: dict[tuple, list[tuple]] = {}

    @classmethod
    def _from_file(cls, labels, names, rows, cols, vals, transitions) -> CRF:
        crf = cls.__new__(cls)
        crf._build(labels, names, rows, cols, vals, transitions)
        return crf

    @classmethod
    def load(cls, path: str | Path) -> CRF:
        return cls._from_file(*_read(path))

    @classmethod
    def load_pair(cls, path: str | Path, persons: str | Path) -> CRF:
        """The model of ``path`` and a second one, ``persons``, scored side by side in one pass.

        Both read the same attributes, so each character's attributes are looked up once and its
        weights hold both models' labels; each model is decoded on its own labels.  The persons are
        those of the second model, the organizations and places those of the first, which drops an
        organization or place that overlaps a person of the second (``tag``)."""
        labels, names, rows, cols, vals, transitions = _read(path)
        second, more, rows2, cols2, vals2, moves = _read(persons)
        n = len(labels)
        index = {name: r for r, name in enumerate(names)}
        for name in more:
            if name not in index:
                index[name] = len(names)
                names.append(name)
        to_row = np.array([index[name] for name in more], dtype=np.intp)
        for to, row in moves.items():
            transitions[to + n] = {frm + n: w for frm, w in row.items()}
        crf = cls._from_file([*labels, *second], names, np.concatenate((rows, to_row[rows2])),
                             np.concatenate((cols, cols2 + n)), np.concatenate((vals, vals2)), transitions)
        crf.split = n
        return crf

    def state(self) -> tuple:
        """The loaded model as plain data (``marshal`` can store it), for ``from_state``: reading that
        back costs a small part of parsing the model files again."""
        return (self.labels, self.split, self.weights.shape, self.weights.tobytes(), self.transitions.tobytes(),
                {prefix: dict(table) for prefix, table in self.dense.items()}, dict(self.marks), self.marks.zero)

    @classmethod
    def from_state(cls, state: tuple) -> CRF:
        labels, split, shape, weights, transitions, dense, marks, zero = state
        crf = cls.__new__(cls)
        crf.labels, crf.split = tuple(labels), split
        crf.weights = np.frombuffer(weights, dtype=float).reshape(shape)
        crf.transitions = np.frombuffer(transitions, dtype=float).reshape(len(labels), len(labels))

        def rows(table: dict) -> _Rows:
            out = _Rows(table)
            out.zero = zero
            return out

        crf.dense = {prefix: rows(table) for prefix, table in dense.items()}
        crf.marks = rows(marks)
        crf._empty = rows({})
        crf._codes = {}
        return crf

    @classmethod
    def from_crfsuite(cls, path: str | Path) -> CRF:
        """Read a model file written by CRFsuite (needs python-crfsuite)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        info = tagger.info()
        labels = tagger.labels()
        index = {lab: i for i, lab in enumerate(labels)}
        attributes: dict[str, dict[int, float]] = {}
        for (attr, lab), w in info.state_features.items():
            if w:
                attributes.setdefault(attr, {})[index[lab]] = w
        transitions: dict[int, dict[int, float]] = {}
        for (frm, to), w in info.transitions.items():
            if w:
                transitions.setdefault(index[to], {})[index[frm]] = w
        tagger.close()
        return cls(labels, dict(sorted(attributes.items())), transitions)

    def save(self, path: str | Path, comment: str = "") -> None:
        if self.split:
            raise ValueError("a pair of models (load_pair) is saved as its two model files, not as one")
        rev: dict[int, str] = {}
        for prefix, table in self.dense.items():
            for value, r in table.items():
                rev[r] = prefix + value
        for attr, r in self.marks.items():
            rev[r] = attr
        lines = [f"# {c}" for c in comment.splitlines()]
        lines.append("\t".join(("labels", *self.labels)))
        for to, lab in enumerate(self.labels):
            col = self.transitions[:, to]
            lines.append("\t".join(("->" + lab, *(f"{j}:{float(col[j])!r}" for j in np.flatnonzero(col)))))
        for r in sorted(rev, key=rev.get):
            row = self.weights[r]
            lines.append("\t".join((rev[r], *(f"{j}:{float(row[j])!r}" for j in np.flatnonzero(row)))))
        data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0)
        Path(path).write_bytes(data)

    # ------------------------------------------------------------------ tagging

    def _char_tables(self, templates: tuple) -> list[tuple]:
        """For ``_char_rows``: the templates of ``ner_features.CHARS`` in families that read the same
        characters (one character; two at a given distance), each family as (width, distance, its
        values as sorted numbers (``_char_key``), a direct index of the values below 2**16 for one
        character, [(template number, offset, weight row of each value then of none)])."""
        families = self._codes.get(templates)
        if families is None:
            grouped: dict[tuple[int, int], list] = {}
            for k, (prefix, offsets) in enumerate(templates):
                shape = (len(offsets), offsets[-1] - offsets[0])
                grouped.setdefault(shape, []).append((k, prefix, offsets[0]))
            families = []
            zero = self.marks.zero
            for (width, gap), members in grouped.items():
                found = []  # per template: its values as numbers, their rows
                for _, prefix, _ in members:
                    found.append(_char_keys(self.dense.get(prefix, self._empty), width))
                keys = np.unique(np.concatenate([k for k, _ in found]))
                rows = []
                for (k, _, off), (values, at) in zip(members, found):
                    table = np.full(len(keys) + 1, zero, dtype=np.intp)
                    table[np.searchsorted(keys, values)] = at
                    rows.append((k, off, table))
                direct = None
                if width == 1:
                    direct = np.full(1 << 16, len(keys), dtype=np.intp)
                    below = np.flatnonzero(keys < (1 << 16))
                    direct[keys[below]] = below
                families.append((width, gap, keys, direct, rows))
            self._codes[templates] = families
        return families

    def _char_rows(self, templates: tuple, texts: list[str], lengths: list[int]) -> list[np.ndarray]:
        """Per template of ``ner_features.CHARS``, the weight row of each character of ``texts`` (one
        after another): the padded characters are looked up as numbers, all at once, once per family
        of templates that read the same characters."""
        sentence_of = np.repeat(np.arange(len(texts)), lengths)
        base = np.arange(len(sentence_of)) + 4 * sentence_of + 2  # where each character is in ``codes``
        codes = _char_codes(texts)
        out: list = [None] * len(templates)
        for width, gap, keys, direct, rows in self._char_tables(templates):
            if width == 1:
                query = codes
            else:  # the pair starting at each position
                query = (codes[:len(codes) - gap] << _CODE_BITS) | codes[gap:]
            if direct is not None and query.max(initial=0) < len(direct):
                index = direct[query]
            else:
                at = np.searchsorted(keys, query)
                np.minimum(at, max(len(keys) - 1, 0), out=at)
                index = np.where(keys[at] == query, at, len(keys)) if len(keys) else np.zeros_like(at)
            for k, off, table in rows:
                out[k] = table[index[base + off]]
        return out

    def scores(self, sentences: Sequence[list], *, block: int = 4096) -> np.ndarray:
        """Per character and label, the summed attribute weights of the sentences, one after another
        (``ner_features.columns`` of each; none empty).

        Every column's values are looked up first; the weight rows are then added ``block`` characters
        at a time, column after column (the same sums in the same order), so that the rows added stay
        in the processor's cache."""
        first = sentences[0]
        lengths = []
        for cols in sentences:
            templates, values, pad, positions = cols[0]
            lengths.append(len(values) - 2 * pad)  # the first column is aligned
        total = sum(lengths)
        out = np.zeros((total, len(self.labels)))
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        # per template in order: rows per character, or (rows, their characters, at most one per
        # character?, where each block starts), sorted by character (a character's marks in order)
        ops: list = []
        for c, (templates, values, pad, where) in enumerate(first):
            if isinstance(values, str):  # the characters
                ops.extend(self._char_rows(templates, [cols[c][1] for cols in sentences], lengths))
                continue
            prefix = templates[0][0]
            table = self.marks if prefix == "" else self.dense.get(prefix, self._empty)
            column = [cols[c][1] for cols in sentences]
            counts = list(map(len, column))
            size = sum(counts)
            rows = np.fromiter(map(table.get, itertools.chain.from_iterable(column), itertools.repeat(table.zero)),
                               np.intp, size)
            if where is None:
                ops.append(rows)
                continue
            at = np.fromiter(itertools.chain.from_iterable(cols[c][3] for cols in sentences), np.intp, size)
            at += np.repeat(starts, counts)
            order = np.argsort(at, kind="stable")
            at = at[order]
            bounds = np.searchsorted(at, range(0, total + block, block))
            ops.append((rows[order], at, prefix != "", bounds))
        weights = self.weights
        for b, s in enumerate(range(0, total, block)):
            e = min(total, s + block)
            part = out[s:e]
            for op in ops:
                if type(op) is not tuple:
                    part += weights[op[s:e]]
                    continue
                rows, at, single, bounds = op
                lo, hi = bounds[b], bounds[b + 1]
                if single:  # one value per character at most
                    part[at[lo:hi] - s] += weights[rows[lo:hi]]
                else:
                    np.add.at(part, at[lo:hi] - s, weights[rows[lo:hi]])
        return out

    def tag(self, sentences: Sequence[list], *, chunk: int = 20_000, marked: bool = False) -> list[list]:
        """Labels of each sentence given as its ``ner_features.columns``, scored ``chunk`` characters
        at a time so that memory stays bounded on long documents.  With ``marked``, only the characters
        not labelled O, as ``(position, label)`` pairs."""
        labels = self.labels[:self.split] if self.split else self.labels
        o = labels.index("O") if "O" in labels else -1
        out: list[list[str]] = []
        batch: list[list] = []
        lengths: list[int] = []
        size = 0
        for k, cols in enumerate(sentences):
            if cols:
                n = len(cols[0][1]) - 2 * cols[0][2]
                batch.append(cols)
                lengths.append(n)
                size += n
            if batch and (size >= chunk or k == len(sentences) - 1):
                path = self._decode(self.scores(batch), lengths)
                if marked:
                    at = np.flatnonzero(path != o)
                    starts = np.cumsum([0, *lengths[:-1]])
                    sentence = np.searchsorted(starts, at, side="right") - 1
                    found: list[list] = [[] for _ in batch]
                    for s, i, j in zip(sentence.tolist(), (at - starts[sentence]).tolist(), path[at].tolist()):
                        found[s].append((i, labels[j]))
                    out.extend(found)
                else:
                    out.extend([labels[j] for j in p.tolist()] for p in np.split(path, np.cumsum(lengths)[:-1]))
                batch, lengths, size = [], [], 0
        if len(out) < len(sentences):  # empty sentences: no labels
            it = iter(out)
            out = [next(it) if cols else [] for cols in sentences]
        return out

    def _decode(self, scores: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
        """Best label indices of the sentences, one after another (of a pair of models: their merged
        labels, ``load_pair``)."""
        n = self.split
        if not n:
            return ner_viterbi.viterbi(scores[:, None, :], lengths, self.transitions[None])[0]
        if 2 * n == len(self.labels):  # as many labels each: both decoded in one pass
            first, second = ner_viterbi.viterbi(scores.reshape(len(scores), 2, n), lengths,
                                          np.stack((self.transitions[:n, :n], self.transitions[n:, n:])))
        else:
            first = ner_viterbi.viterbi(np.ascontiguousarray(scores[:, None, :n]), lengths,
                                  self.transitions[None, :n, :n])[0]
            second = ner_viterbi.viterbi(np.ascontiguousarray(scores[:, None, n:]), lengths,
                                   self.transitions[None, n:, n:])[0]
        own = self.labels[:n]
        # the same labels, maybe in another order; one the first model lacks (S-ORG) is read as O: only
        # the second model's persons are used
        to_first = np.array([own.index(lab) if lab in own else own.index("O") for lab in self.labels[n:]])
        persons = np.array([lab.endswith("PER") for lab in own])
        return ner_viterbi.merge(first, to_first[second], persons, own, lengths)


# the characters of ``ner_features.CHARS`` as numbers: code points, the pads as code points no folded
# text holds (surrogates); two characters as one number, the first shifted by _CODE_BITS
_CODE_BITS = 21
_PAD_CODES = {pad: 0xD800 + k for k, pad in enumerate(PADS)}
_PAD_ORDER = sorted(PADS, key=len, reverse=True)


def _char_codes(texts: list[str]) -> np.ndarray:
    """The characters of each text with its two pads on each side, one text after another, as numbers."""
    left = chr(_PAD_CODES[PADS[0]]) + chr(_PAD_CODES[PADS[1]])
    right = chr(_PAD_CODES[PADS[2]]) + chr(_PAD_CODES[PADS[3]])
    joined = left + (right + left).join(texts) + right
    return np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


def _char_keys(table: dict[str, int], width: int) -> tuple[np.ndarray, np.ndarray]:
    """The values of ``table`` that are ``width`` padded characters as numbers (``_char_key``), and their
    rows: those of ``width`` characters all at once, the few holding a pad one by one."""
    plain = [v for v in table if len(v) == width]
    codes = np.frombuffer("".join(plain).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    codes = codes.astype(np.int64).reshape(-1, width)
    keys = codes[:, 0] if width == 1 else (codes[:, 0] << _CODE_BITS) | codes[:, 1]
    ok = ~((codes >= 0xD800) & (codes < 0xE000)).any(axis=1)
    rows = np.fromiter(map(table.__getitem__, plain), np.intp, len(plain))
    more = [(k, table[v]) for v in table if len(v) != width and (k := _char_key(v, width)) is not None]
    return (np.concatenate((keys[ok], np.array([k for k, _ in more], dtype=np.int64))),
            np.concatenate((rows[ok], np.array([r for _, r in more], dtype=np.intp))))


def _char_key(value: str, width: int) -> int | None:
    """``value`` as the number of its ``width`` padded characters (``_char_codes``), None if it is not
    that many.  Shaped text has no letter but A and no digit but 0, so ``<s`` and ``</s`` begin a pad."""
    if len(value) == width:  # characters only (a pad is longer than one)
        codes = list(map(ord, value))
        if any(0xD800 <= c < 0xE000 for c in codes):
            return None
        return codes[0] if width == 1 else (codes[0] << _CODE_BITS) | codes[1]
    codes = []
    while value:
        pad = next((p for p in _PAD_ORDER if value.startswith(p)), None)
        if pad is None:
            if 0xD800 <= ord(value[0]) < 0xE000:
                return None
            codes.append(ord(value[0]))
            value = value[1:]
        else:
            codes.append(_PAD_CODES[pad])
            value = value[len(pad):]
    if len(codes) != width:
        return None
    return codes[0] if width == 1 else (codes[0] << _CODE_BITS) | codes[1]
