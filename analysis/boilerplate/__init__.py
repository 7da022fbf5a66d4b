"""Stage 3: drop the lines that are not article body, and say why for each.

Passes, in this order, each leaving decided lines alone:
  1. markup-only lines (front matter, embeds, HTML wrappers) keep the kind the
     normalizer found;
  2. the line rules in ``data/boilerplate.yaml`` and the block rules built on
     them (:mod:`.rules`: reader comments after a comment prompt, an editor's
     note over the first lines, UI words glued to the first line);
  3. repetition (:mod:`.stats`, as in CCNet): a line repeated three times in the
     document is spam, one found in several documents of the corpus is chrome;
  4. the line model (:mod:`.features`, :mod:`.model`): logistic regression over
     site-independent line features, then a jusText-style context pass.
Every removed line gets a gold ``kind`` and a ``rule`` naming the pass or rule.
Credit and dateline lines become metadata (:mod:`.credits`).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from analysis.boilerplate import features
from analysis.boilerplate.credits import CAPTION_CREDIT, CREDIT_DATE, OUTLET_LINE, caption_credits, credits
from analysis.boilerplate.model import LineModel, decide, load
from analysis.boilerplate.rules import Rule, classify, editor_note_block, rules, strip_prefix
from analysis.boilerplate.stats import (CORPUS_DOCS, IN_DOC_REPEATS, MIN_REPEAT_KEY, LineStats, doc_hashes,
                                        line_hash, line_key, self_repeating)
from analysis.document import Block, Document, Removed
from analysis.normalize import join_blocks

__all__ = ["CORPUS_DOCS", "IN_DOC_REPEATS", "MIN_REPEAT_KEY", "LineStats", "Rule", "classify", "credits",
           "doc_hashes", "line_hash", "line_key", "rules", "self_repeating", "strip_document"]

MARKUP_KINDS = {"metadata": "metadata", "media": "media", "chrome": "chrome", "wrapper": "noise"}
DATELINE_KINDS = {"credit", "metadata", "chrome"}
DIGIT = re.compile(r"\d")


def strip_document(doc: Document, *, common: frozenset[int] = frozenset(),
                   model: LineModel | None = None) -> tuple[Document, list[Removed]]:
    """Remove boilerplate blocks. Returns the cleaned Document and one Removed per removed line."""
    blocks = list(doc.blocks)
    decision: list[tuple[str, str] | None] = [None] * len(blocks)   # (kind, rule) for removed blocks
    text_idx = [i for i, b in enumerate(blocks) if not b.markup]

    for i, b in enumerate(blocks):
        if b.markup:
            decision[i] = (MARKUP_KINDS.get(b.markup, "noise"), f"markup-{b.markup}")
    title = (doc.meta or {}).get("title")
    feats = features.document([blocks[i].text for i in text_idx], title=title if isinstance(title, str) else None)
    _rule_pass(blocks, text_idx, decision)
    editor_note_block(blocks, decision)
    _repetition_pass(blocks, text_idx, decision, common, feats)
    _model_pass(text_idx, decision, model or load(), feats, [blocks[i].text for i in text_idx])

    removed: list[Removed] = []
    kept: list[Block] = []
    raw_lines = _raw_lines(doc.raw) if (doc.meta or {}).get("format") != "html" else None
    per_line = Counter(b.line_no for b in blocks)
    for i, b in enumerate(blocks):
        if decision[i] is None:
            kept.append(b)
            continue
        kind, rule = decision[i]
        rs = b.starts[0] if len(b.starts) else -1
        re_ = b.ends[-1] if len(b.ends) else -1
        source = b.source
        if raw_lines is not None and not b.markup and per_line[b.line_no] == 1 and 0 < b.line_no <= len(raw_lines):
            start, line = raw_lines[b.line_no - 1]
            if rs >= start and re_ <= start + len(line):     # the block is this one raw line: show it as written
                source = line.strip() or source
        removed.append(Removed(doc.id, b.line_no, kind, source, rule, rs, re_))

    # UI words glued to the first text line, right after a removed chrome line
    if kept:
        kept, extra = strip_prefix(doc.id, blocks, decision, kept)
        removed.extend(extra)

    text, starts, ends = join_blocks(kept)
    meta = _metadata(dict(doc.meta), removed, {b.line_no: b.text for b in blocks})
    if not meta.get("title"):
        meta["title"] = _title_from_text(kept)
    meta["lines_removed"] = len(removed)
    return doc.replace(text=text, starts=starts, ends=ends, blocks=tuple(kept), meta=meta), removed


def _raw_lines(raw: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in raw.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _rule_pass(blocks: Sequence[Block], text_idx: Sequence[int], decision: list) -> None:
    comment_from = None
    for pos, i in enumerate(text_idx):
        rule = classify(blocks[i].text)
        if rule is None:
            continue
        decision[i] = (rule.kind, rule.id)
        if rule.starts_comments and comment_from is None and pos >= len(text_idx) // 2:
            comment_from = pos + 1
    if comment_from is not None:
        for i in text_idx[comment_from:]:
            if decision[i] is None:
                decision[i] = ("comment", "after-comment-prompt")


def _repetition_pass(blocks: Sequence[Block], text_idx: Sequence[int], decision: list,
                     common: frozenset[int], feats: Sequence[Mapping[str, float]]) -> None:
    """Repeated lines; a headline said again (under the title, in a caption) stays body."""
    hashes = {i: line_hash(blocks[i].text) for i in text_idx}
    counts = Counter(hashes.values())
    head = {hashes[i] for pos, i in enumerate(text_idx) if feats[pos]["headline.shape"]}
    for pos, i in enumerate(text_idx):
        if decision[i] is not None:
            continue
        h = hashes[i]
        if h is not None and h in head:
            continue
        if h is not None and counts[h] >= IN_DOC_REPEATS:
            decision[i] = ("spam", "repeated-in-document")
        elif h is not None and h in common:
            decision[i] = ("chrome", "repeated-across-corpus")
        elif not feats[pos]["anchor"] and len(blocks[i].text) >= 2 * MIN_REPEAT_KEY \
                and self_repeating(blocks[i].text):
            decision[i] = ("spam", "self-repeating-line")


def _model_pass(text_idx: Sequence[int], decision: list, model: LineModel,
                feats: Sequence[Mapping[str, float]], texts: Sequence[str]) -> None:
    """The line model over all text lines (rules' lines included: they are context), deciding the rest.

    A page without one long paragraph of prose has no zones to go by: the model leaves it alone."""
    if not text_idx or not any(f["anchor"] for f in feats):
        return
    probs = [model.probability(f) if "bias" in f else 0.0 for f in feats]   # an anchor is body
    for pos, i in enumerate(text_idx):        # lines the rules removed count as sure furniture
        if decision[i] is not None:
            probs[pos] = max(probs[pos], 0.99)
    verdict = decide(probs, feats, model)
    for pos, i in enumerate(text_idx):
        if decision[i] is None and verdict[pos]:
            decision[i] = (line_kind(feats[pos], texts[pos]), f"{verdict[pos]}:{probs[pos]:.2f}")


def line_kind(f: Mapping[str, float], text: str) -> str:
    """The gold kind of a line the model removed, from its shape."""
    if f["markup"] or f["list_marker"] or f["digits.only"] and not (f["date"] or f["date.mid"]):
        return "noise"
    if f["len.le12"] == 0.0 and CAPTION_CREDIT.search(text):
        return "caption"
    dated = f["date"] or f["time"] or f["date.mid"] or f["time.mid"]
    if f["credit.shape"] or f["credit.shape.mid"] or dated and f["len.le25"] \
            or OUTLET_LINE.search(text) and not f["furniture.any"]:
        return "credit"
    if f["zone.head"] == 0.0 and f["zone.tail"] == 0.0 and f["len.le12"] == 0.0 and f["furniture.share"] < 0.2:
        return "caption"
    return "chrome"


# ---- metadata from removed lines -----------------------------------------------------------

NAME_LINE_KINDS = ("credit", "caption", "chrome", "editor_note")


def _metadata(meta: dict, removed: Sequence[Removed], normalized: Mapping[int, str]) -> dict:
    meta["credits"] = credits([r for r in removed if r.kind == "credit"]) \
        + caption_credits([r for r in removed if r.kind == "caption"])
    # credit, caption and chrome lines still name people (the people table lists them)
    meta["name_lines"] = tuple(normalized.get(r.line_no, r.text) for r in removed if r.kind in NAME_LINE_KINDS)
    for role_key in ("author", "editor", "photographer"):
        names = [c["name"] for c in meta["credits"] if c["field"] == role_key]
        if role_key == "author":
            names = list(meta.get("author") or []) + [n for n in names if n not in (meta.get("author") or [])]
        meta[role_key] = names
    if not meta.get("source"):
        outlets = [c["outlet"] for c in meta["credits"] if c.get("outlet")]
        sources = [c["name"] for c in meta["credits"] if c["field"] == "source"]
        meta["source"] = (sources or outlets or [None])[0]
    if not meta.get("published"):
        datelines = [t for r in removed if r.kind in DATELINE_KINDS
                     and DIGIT.search(t := normalized.get(r.line_no, r.text))]
        meta["published"] = _published(datelines)
    return meta


def _published(lines: Sequence[str]) -> str | None:
    """The publication date printed on a removed dateline, as YYYY-MM-DD."""
    import datetime as dt

    try:
        from analysis.extract import dates
        finder = dates.published_from_text
    except (ImportError, AttributeError):
        finder = None
    for text in lines:
        if finder is not None:
            try:
                day = finder(text)
            except Exception:
                day = None
            if day:
                return day
        m = CREDIT_DATE.search(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                continue
    return None


def _title_from_text(kept: Sequence[Block]) -> str | None:
    if kept:
        t = kept[0].text.strip()
        if 4 <= len(t) <= 40 and not re.search(r"[。！？：:]$", t) and "，" not in t:
            return t
    return None
