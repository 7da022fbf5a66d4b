"""Sentence-level named-entity recognizer: PER / ORG / LOC spans in a piece of text.

    recognize("但文洁说，公司客服很忙")  ->  [("PER", 0, 3)]

A linear-chain CRF over characters (python-crfsuite), features from
``ner_features.py`` (characters, jieba words from the private tokenizer,
dictionary tags, surname / title / organization-suffix lexicons).  The model
``analysis/data/ner_crf.bin`` is trained only on public development splits by
``benchmarks/train_ner.py`` and loaded lazily, once per process; nothing is
downloaded.

Public API (stable, used by the document-level people and organization extractors):

- ``recognize(text) -> list[tuple[type, start, end]]``: ``type`` is "PER", "ORG"
  or "LOC"; ``end`` is exclusive; offsets index ``text``; sorted by start.
  Never raises on any string.
- ``cli_run(args) -> int``: ``kefu ner [FILE|-]``, one JSON array per input line.

Long inputs are tagged one sentence at a time (split after 。！？ and at line
breaks), so callers may pass a paragraph or a whole document.
"""
from __future__ import annotations

import functools
import json
import re
import sys

from analysis import resources
from analysis.extract import ner_features

MODEL_FILE = "ner_crf.bin"
TYPES = ("PER", "ORG", "LOC")

# a sentence: anything up to and including its final 。！？!? (or a line break)
_SENTENCE = re.compile(r"[^\n。！？!?]+[。！？!?」”’）)]*")
_HAS_WORD = re.compile(r"[^\W\d_]")


@functools.cache
def load_model(path: str | None = None):
    """The CRF tagger (``analysis/data/ner_crf.bin`` unless ``path`` is given)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path or resources.data_path(MODEL_FILE)))
    return tagger


def labels_to_spans(labels: list[str], offset: int = 0) -> list[tuple[str, int, int]]:
    """BIOES labels -> (type, start, end); a stray I/E starts a span, a missing E closes one."""
    spans: list[tuple[str, int, int]] = []
    start, typ = -1, ""
    for i, lab in enumerate(labels):
        if lab == "O":
            if start >= 0:
                spans.append((typ, offset + start, offset + i))
                start = -1
            continue
        prefix, ty = lab[0], lab[2:]
        if prefix in "BS" or start < 0 or ty != typ:
            if start >= 0:
                spans.append((typ, offset + start, offset + i))
            start, typ = i, ty
        if prefix in "ES":
            spans.append((typ, offset + start, offset + i + 1))
            start = -1
    if start >= 0:
        spans.append((typ, offset + start, offset + len(labels)))
    return spans


def _tag_sentence(tagger, text: str, offset: int) -> list[tuple[str, int, int]]:
    if not _HAS_WORD.search(text):
        return []
    labels = tagger.tag(ner_features.char_features(text))
    return [s for s in labels_to_spans(labels, offset) if s[0] in TYPES]


def recognize(text: str, *, model: str | None = None) -> list[tuple[str, int, int]]:
    """PER / ORG / LOC spans in ``text`` as ``(type, start, end)``, end exclusive."""
    if not isinstance(text, str) or not text:
        return []
    tagger = load_model(model)
    out: list[tuple[str, int, int]] = []
    for m in _SENTENCE.finditer(text):
        out.extend(_tag_sentence(tagger, m.group(), m.start()))
    return out


def entities(text: str) -> list[dict]:
    """``recognize`` as the JSON objects printed by ``kefu ner``."""
    return [{"text": text[s:e], "type": ty, "start": s, "end": e} for ty, s, e in recognize(text)]


def cli_run(args) -> int:
    """``kefu ner [FILE|-]``: one JSON array of entities per input line (UTF-8)."""
    path = getattr(args, "file", "-") or "-"
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace", newline="")
    except OSError as exc:
        print(f"kefu ner: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    if stream is sys.stdin:
        try:
            stream.reconfigure(encoding="utf-8", errors="replace", newline="")
        except (AttributeError, ValueError):
            pass
    out = sys.stdout
    try:
        out.reconfigure(encoding="utf-8")
    except (AttributeError, ValueError):
        pass
    try:
        for line in stream:
            line = line.rstrip("\r\n")
            out.write(json.dumps(entities(line), ensure_ascii=False) + "\n")
            out.flush()  # a caller feeding lines one by one gets each answer at once
    finally:
        if stream is not sys.stdin:
            stream.close()
    out.flush()
    return 0
