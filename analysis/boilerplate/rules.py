"""Line rules from ``data/boilerplate.yaml`` and the block rules built on them.

Captions, credits, footers, prompts, editor's notes and noise are matched by
the patterns; an editor's note may run over the first lines, reader comments
follow a comment prompt, UI words glued to the first line are cut off.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.document import Block, Removed
from analysis.normalize import strip
from analysis.resources import yaml_data

SENTENCE_PUNCT = re.compile(r"[。！？；，,!?;]")
EDITOR_NOTE_SPAN = 4        # an editor's note may run over at most this many lines
EDITOR_NOTE_END = re.compile(r"^(以下(为|是)|正文|全文如下|[-—=*_]{3,}$)")


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    pattern: re.Pattern
    max_len: int | None = None
    no_sentence_punct: bool = False
    starts_comments: bool = False
    prefix: bool = False

    def matches(self, text: str) -> re.Match | None:
        if self.max_len is not None and len(text) > self.max_len:
            return None
        if self.no_sentence_punct and SENTENCE_PUNCT.search(text):
            return None
        return self.pattern.search(text)


@functools.cache
def rules() -> tuple[Rule, ...]:
    out = []
    for r in yaml_data("boilerplate.yaml"):
        out.append(Rule(
            id=r["id"], kind=r["kind"], pattern=re.compile(r["pattern"]),
            max_len=r.get("max_len"), no_sentence_punct=bool(r.get("no_sentence_punct")),
            starts_comments=bool(r.get("starts_comments")), prefix=bool(r.get("prefix")),
        ))
    return tuple(out)


def classify(text: str) -> Rule | None:
    for rule in rules():
        if not rule.prefix and rule.matches(text):
            return rule
    return None


def editor_note_block(blocks: Sequence[Block], decision: list) -> None:
    text_idx = [i for i, b in enumerate(blocks) if not b.markup]
    head = [i for i in range(len(blocks)) if not (blocks[i].markup == "metadata")][: EDITOR_NOTE_SPAN + 2]
    notes = [i for i in head if decision[i] and decision[i][0] == "editor_note"]
    if not notes:
        return
    start = notes[0]
    run = []
    for i in range(start + 1, len(blocks)):
        b = blocks[i]
        if b.markup or EDITOR_NOTE_END.search(b.text) or (decision[i] and decision[i][0] != "editor_note"):
            break
        if len(run) >= EDITOR_NOTE_SPAN:
            return   # no clear end: only the marked line is a note
        run.append(i)
    else:
        return
    for i in run:
        if decision[i] is None and i in text_idx:
            decision[i] = ("editor_note", "editor-note-block")


def strip_prefix(doc_id: str, blocks: Sequence[Block], decision: list, kept: list[Block]):
    first = kept[0]
    idx = blocks.index(first)
    if idx == 0 or decision[idx - 1] is None or decision[idx - 1][0] != "chrome":
        return kept, []
    for rule in rules():
        if not rule.prefix:
            continue
        m = rule.pattern.search(first.text)
        if not m or m.end() == 0:
            continue
        n = m.end()
        t, s, e = strip(first.text[n:], first.starts[n:], first.ends[n:])
        if not t:
            return kept, []
        rem = Removed(doc_id, first.line_no, rule.kind, first.source[: n], rule.id, first.starts[0], first.ends[n - 1])
        return [Block(first.line_no, first.source, t, s, e)] + kept[1:], [rem]
    return kept, []
