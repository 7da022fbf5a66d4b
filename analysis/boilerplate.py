"""Stage 3: drop the lines that are not article body, and say why for each.

Three mechanisms, in this order for every line:
  1. markup-only lines (front matter, embeds, HTML wrappers) keep the kind the
     normalizer found;
  2. the line rules in ``data/boilerplate.yaml`` (captions, credits, footers,
     prompts, editor's notes, noise), plus the block rules built on them
     (reader comments after a comment prompt, an editor's note running over
     the first lines, UI words glued to the first line);
  3. repetition (as in CCNet): a line whose normalized hash occurs three or more
     times in the document is spam; one that occurs in several documents of
     the corpus is site chrome. Corpus counts come from a first pass over all
     documents (:class:`LineStats`), so the result does not depend on file order.
Credit lines become metadata: their names go to ``meta['credits']``.
"""
from __future__ import annotations

import functools
import hashlib
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from analysis.document import Block, Document, Removed
from analysis.normalize import join_blocks, strip
from analysis.resources import yaml_data

SENTENCE_PUNCT = re.compile(r"[。！？；，,!?;]")
KEY_STRIP = re.compile(r"[\W\d_]+")
MIN_REPEAT_KEY = 6          # shorter lines (headings like 结语) are never judged by repetition
IN_DOC_REPEATS = 3
CORPUS_DOCS = 3
MARKUP_KINDS = {"metadata": "metadata", "media": "media", "chrome": "chrome", "wrapper": "noise"}
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


PHRASE_SPLIT = re.compile(r"[，,|｜\s]+")


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


def classify(text: str) -> Rule | None:
    for rule in rules():
        if not rule.prefix and rule.matches(text):
            return rule
    return None


def strip_document(doc: Document, *, common: frozenset[int] = frozenset()) -> tuple[Document, list[Removed]]:
    """Remove boilerplate blocks. Returns the cleaned Document and one Removed per removed line."""
    blocks = list(doc.blocks)
    decision: list[tuple[str, str] | None] = [None] * len(blocks)   # (kind, rule) for removed blocks
    text_idx = [i for i, b in enumerate(blocks) if not b.markup]

    for i, b in enumerate(blocks):
        if b.markup:
            decision[i] = (MARKUP_KINDS.get(b.markup, "noise"), f"markup-{b.markup}")

    # line rules
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

    # an editor's note at the top runs on until a media line or a 以下为… line
    _editor_note_block(blocks, decision)

    # repetition
    hashes = {i: line_hash(blocks[i].text) for i in text_idx}
    counts = Counter(hashes.values())
    for i in text_idx:
        if decision[i] is not None:
            continue
        text = blocks[i].text
        h = hashes[i]
        if h is not None and counts[h] >= IN_DOC_REPEATS:
            decision[i] = ("spam", "repeated-in-document")
        elif h is not None and h in common:
            decision[i] = ("chrome", "repeated-across-corpus")
        elif self_repeating(text):
            decision[i] = ("spam", "self-repeating-line")

    removed: list[Removed] = []
    kept: list[Block] = []
    for i, b in enumerate(blocks):
        if decision[i] is None:
            kept.append(b)
            continue
        kind, rule = decision[i]
        rs = b.starts[0] if len(b.starts) else -1
        re_ = b.ends[-1] if len(b.ends) else -1
        removed.append(Removed(doc.id, b.line_no, kind, b.source, rule, rs, re_))

    # UI words glued to the first text line, right after a removed chrome line
    if kept:
        kept, extra = _strip_prefix(doc.id, blocks, decision, kept)
        removed.extend(extra)

    text, starts, ends = join_blocks(kept)
    meta = dict(doc.meta)
    meta["credits"] = credits([r for r in removed if r.kind == "credit"])
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
        meta["published"] = _dateline(r for r in removed if r.kind == "credit")
    if not meta.get("title"):
        meta["title"] = _title_from_text(kept)
    meta["lines_removed"] = len(removed)
    return doc.replace(text=text, starts=starts, ends=ends, blocks=tuple(kept), meta=meta), removed


def _editor_note_block(blocks: Sequence[Block], decision: list) -> None:
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


def _strip_prefix(doc_id: str, blocks: Sequence[Block], decision: list, kept: list[Block]):
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


def _dateline(lines: Iterable[Removed]) -> str | None:
    """The publication date printed on a credit/dateline line, as YYYY-MM-DD."""
    import datetime as dt

    for r in lines:
        m = CREDIT_DATE.search(r.text)
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


# ---- credits -> metadata --------------------------------------------------------

CREDIT_FIELD = {
    "文": "author", "记者": "author", "作者": "author", "撰文": "author", "撰稿": "author", "通讯员": "author",
    "实习生": "author", "特约记者": "author", "本报记者": "author", "首席记者": "author", "见习记者": "author",
    "编辑": "editor", "责任编辑": "editor", "责编": "editor", "主编": "editor", "编审": "editor", "审核": "editor",
    "审校": "editor", "校对": "editor", "美编": "editor", "排版": "editor", "编译": "editor", "翻译": "editor",
    "监制": "editor", "统筹": "editor", "策划": "editor", "出品": "source",
    "图": "photographer", "图片": "photographer", "照片": "photographer", "摄影": "photographer",
    "摄": "photographer", "供图": "photographer", "题图": "photographer", "配图": "photographer",
    "视频": "photographer", "制图": "photographer", "设计": "photographer",
    "来源": "source", "出处": "source", "来自": "source", "转自": "source", "转载自": "source", "摘自": "source",
}
ROLE_WORDS = sorted(CREDIT_FIELD, key=len, reverse=True)
ROLE_AT_END = re.compile(r"^(?P<outlet>.*?)(?P<role>" + "|".join(ROLE_WORDS) + r")(?P<rest>.*)$")
CREDIT_SPLIT = re.compile(r"[\s/／:：|｜丨、，,]+")
DATELINE_PLACE = re.compile(r"(报导|报道|综合报导|电|讯)$")
CREDIT_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
NOT_OUTLET = {"本报", "本刊", "本台", "本网", "本站", "特约", "首席", "见习"}


def credits(lines: Iterable[Removed]) -> list[dict]:
    """Credit lines -> [{role, field, name, outlet}].

    '文/某某报记者 张三' gives role 记者, outlet 某某报, name 张三; '编辑/李四' gives
    role 编辑, name 李四. Run-together names are kept as written.
    """
    out = []
    for r in lines:
        text = _simplified(r.text).strip("（）()【】[] ")
        role, outlet = None, None
        tokens = [t for t in CREDIT_SPLIT.split(text) if t]
        if len(tokens) == 1 and not ROLE_AT_END.match(tokens[0]):
            out.append({"role": "来源", "field": "source", "name": tokens[0], "outlet": None, "line_no": r.line_no})
            continue
        for token in tokens:
            if CREDIT_DATE.match(token) or re.fullmatch(r"[\d:：.]+", token):
                continue
            m = ROLE_AT_END.match(token)
            if m and (m.group("outlet") == "" or m.group("rest") == "" or len(m.group("outlet")) >= 2):
                role = m.group("role")
                out_name = m.group("outlet")
                if out_name and out_name not in NOT_OUTLET:
                    outlet = out_name
                token = m.group("rest")
                if not token:
                    continue
            if role is None or DATELINE_PLACE.search(token):
                continue
            out.append({"role": role, "field": CREDIT_FIELD[role], "name": token, "outlet": outlet,
                        "line_no": r.line_no})
    return out


def _simplified(text: str) -> str:
    from analysis.resources import opencc_converter

    return opencc_converter("t2s").convert(text)
