"""Sentence-level named-entity recognizer: PER / ORG / LOC spans in a piece of text.

    recognize("但文洁说，公司客服很忙")  ->  [("PER", 0, 3)]

A linear-chain CRF over characters, features from ``ner_features.py``
(characters, jieba words from the private tokenizer, dictionary tags, surname /
title / organization-suffix lexicons), weights and decoding in ``ner_model.py``.
The model ``analysis/data/ner_crf.tsv.gz`` is trained with CRFsuite on public
NER splits (never their test splits) by ``benchmarks/train_ner.py``, see its
sidecar ``ner_crf.json``, and loaded lazily, once per process; nothing is
downloaded.

Public API (stable, used by the document-level people and organization extractors):

- ``recognize(text) -> list[tuple[type, start, end]]``: ``type`` is "PER", "ORG"
  or "LOC"; ``end`` is exclusive; offsets index ``text``; sorted by start.
  Never raises on any string.
- ``recognize_document(text)``: the same, memoized for the documents in flight.
- ``recognize_many(texts)``: ``recognize`` of each text, their sentences decoded together.
- ``prepare_documents(texts)``: tag several documents at once for ``recognize_document`` (faster).
- ``cli_run(args) -> int``: ``kefu ner [FILE|-]``, one JSON array per input line.

Long inputs are tagged one sentence at a time (split after 。！？ and at line
breaks), so callers may pass a paragraph or a whole document; the sentences of a
document are decoded together, which is where the speed comes from.
Post-rules follow the news convention of the public sets: a title is not part
of a name (王先生 -> 王), an entity never spans （）、，。；：, a surname
directly before an address title (李女士) is a PER the model may have missed,
an organization directly followed by one of its units (``ner_org_units.txt``:
清华大学|计算机系, 检察日报社|影视部) takes the unit in, and one cut just before its head's
title takes the shared character (澳门日报|社长 -> 澳门日报社, ``ner_org_title_heads.txt``);
a newspaper named in 《》 is an organization (《费加罗报》), and so is a place directly
followed by 队 (比利时队).
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sys
from collections.abc import Iterable

from analysis import resources
from analysis.extract import ner_features, ner_model, ner_segment

MODEL_FILE = "ner_crf.tsv.gz"
PERSONS_FILE = "ner_crf_per.tsv.gz"
TYPES = ("PER", "ORG", "LOC")

# a sentence: anything up to and including its final 。！？!? (or a line break)
_SENTENCE = re.compile(r"[^\n。！？!?]+[。！？!?」”’）)]*")
_HAS_WORD = re.compile(r"[^\W\d_]")
_BREAK = re.compile(r"[（）()，,。、；;：:！？!?《》]+")


class ModelFileError(RuntimeError):
    """A recognizer model file that is named (by ``KEFU_NER_MODEL``, ``KEFU_NER_PERSONS`` or the
    installation) but missing: no document can be tagged, so the run stops with this message."""


def model_files_problem() -> str | None:
    """What is wrong with the model files the environment names, or None: checked once before a run,
    so that a mistyped ``KEFU_NER_MODEL`` stops it with a message instead of emptying every table."""
    for name in ("KEFU_NER_MODEL", "KEFU_NER_PERSONS"):
        value = os.environ.get(name)
        if value and _missing(name, value):
            return f"{name} names a file that does not exist: {value}"
    return None


def _missing(name: str, value: str) -> bool:
    """Is the model file ``value`` (for ``name``) absent?  ``none`` for the person model asks for none."""
    return not (name == "KEFU_NER_PERSONS" and value.lower() == "none") and not os.path.isfile(value)


@functools.cache
def load_model(path: str | None = None, persons: str | None = None) -> ner_model.CRF:
    """The CRF: ``analysis/data/ner_crf.tsv.gz`` for organizations and places and
    ``ner_crf_per.tsv.gz``, trained with more person data, for persons, scored together
    (``ner_model.CRF.load_pair``).  ``path`` or the environment variable ``KEFU_NER_MODEL`` names another
    first model; ``persons`` or ``KEFU_NER_PERSONS`` another person model, ``none`` for none (the first
    model's persons then).  A CRFsuite ``.bin`` file is read through python-crfsuite, as
    ``benchmarks/train_ner.py`` does for its fold models."""
    path = str(path or os.environ.get("KEFU_NER_MODEL") or resources.data_path(MODEL_FILE))
    persons = persons or os.environ.get("KEFU_NER_PERSONS") or str(resources.data_path(PERSONS_FILE))
    for name, value in (("KEFU_NER_MODEL", path), ("KEFU_NER_PERSONS", persons)):
        if _missing(name, value):
            raise ModelFileError(f"the recognizer model file {value} does not exist"
                                 + (f" (named by {name})" if os.environ.get(name) else ""))
    if path.endswith(".bin"):
        return ner_model.CRF.from_crfsuite(path)
    if persons.lower() == "none":
        return _cached_model(ner_model.CRF.load, path)
    return _cached_model(ner_model.CRF.load_pair, path, persons)


def _cached_model(load, *paths: str) -> ner_model.CRF:
    """``load(*paths)``, kept in the cache folder (``resources.cached``) as plain data: read back at the
    next start in a small part of the time parsing the model files takes."""
    try:
        key = ":".join(("ner-model:v1", load.__name__, *map(resources.file_key, paths)))
    except OSError:
        return load(*paths)
    return ner_model.CRF.from_state(resources.cached(key, lambda: load(*paths).state()))


def labels_to_spans(labels: list[str], offset: int = 0) -> list[tuple[str, int, int]]:
    """BIOES labels -> (type, start, end); a stray I/E starts a span, a missing E closes one."""
    return _spans([(i, lab) for i, lab in enumerate(labels) if lab != "O"], offset)


def _spans(marked: list[tuple[int, str]], offset: int = 0) -> list[tuple[str, int, int]]:
    """``labels_to_spans`` from the positions and labels of the characters not labelled O, in order."""
    spans: list[tuple[str, int, int]] = []
    start, typ, last = -1, "", -2
    for i, lab in marked:
        if start >= 0 and i != last + 1:  # an O in between closed the open span
            spans.append((typ, offset + start, offset + last + 1))
            start = -1
        prefix, ty = lab[0], lab[2:]
        if prefix in "BS" or start < 0 or ty != typ:
            if start >= 0:
                spans.append((typ, offset + start, offset + i))
            start, typ = i, ty
        if prefix in "ES":
            spans.append((typ, offset + start, offset + i + 1))
            start = -1
        last = i
    if start >= 0:
        spans.append((typ, offset + start, offset + last + 1))
    return spans


@functools.cache
def _rules():
    """(regex: surname + address title, titles) from surnames.txt and ner_titles.txt."""
    single, compound, titles, _, _ = ner_features.lexicons()
    address = sorted((t for t in titles if len(t) >= 2), key=len, reverse=True)
    surname = "|".join(sorted(compound, key=len, reverse=True) + [re.escape(c) for c in sorted(single)])
    pattern = re.compile(f"(?:{surname})(?=(?:{'|'.join(map(re.escape, address))}))")
    return pattern, tuple(sorted(titles, key=len, reverse=True))


@functools.cache
def _title_lengths() -> tuple[frozenset[str], tuple[int, ...]]:
    """The titles and their lengths, longest first."""
    titles = frozenset(_rules()[1])
    return titles, tuple(sorted({len(t) for t in titles if t}, reverse=True))


def _title_suffix(word: str) -> str:
    """The longest title that ends ``word`` and is shorter than it, or ''."""
    titles, lengths = _title_lengths()
    for n in lengths:
        if n < len(word) and word[-n:] in titles:
            return word[-n:]
    return ""


def _split_at_punctuation(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """An entity never runs over （）、，。；： — 国家杜马（议会下院 is two names, not one."""
    out = []
    for ty, s, e in spans:
        if not _BREAK.search(text, s, e):
            out.append((ty, s, e))
            continue
        start = s
        for m in _BREAK.finditer(text, s, e):
            if m.start() - start >= (2 if ty == "ORG" else 1):
                out.append((ty, start, m.start()))
            start = m.end()
        if e - start >= (2 if ty == "ORG" else 1):
            out.append((ty, start, e))
    return out


def _postprocess(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """News convention: a title is not part of the name (王先生 -> 王); surname + title the model missed."""
    surname_title = _rules()[0]
    single, compound = ner_features.lexicons()[:2]
    out = []
    for ty, s, e in _split_at_punctuation(text, spans):
        if ty == "PER":
            word = text[s:e]
            t = _title_suffix(word)
            if t:
                rest = word[:-len(t)]
                if len(t) >= 2 or rest in single or rest in compound:  # 李总 -> 李, not 王建伯 -> 王建
                    e -= len(t)
        out.append((ty, s, e))
    freq = resources.tokenizer().FREQ
    taken = [False] * len(text)
    for _, s, e in out:
        for i in range(s, e):
            taken[i] = True
    added = False
    for m in surname_title.finditer(text):
        s, e = m.span()
        if any(taken[s:e]):
            continue
        if s and freq.get(text[s - 1:e]):  # 最高先生: the surname character belongs to a word
            continue
        out.append(("PER", s, e))
        added = True
    if added:
        out.sort(key=lambda x: x[1])
    return out


# characters that never begin the unit of an organization (和 公司, 的 中心, 在 医院)
_NOT_UNIT_START = frozenset("和与及或的在是对向从到为被把将于、，。")


@functools.cache
def _units() -> frozenset[str]:
    """Words that end a unit of an organization (ner_org_units.txt)."""
    return frozenset(resources.word_list("ner_org_units.txt"))


@functools.cache
def _unit_lengths() -> tuple[int, ...]:
    """The lengths of the unit words of two or more characters."""
    return tuple(sorted({len(x) for x in _units() if len(x) >= 2}))


_NOT_IN_UNIT = frozenset(("v", "r", "q", "t", "d", "m", "a", "f"))


def _unit_end(text: str, i: int, *, max_len: int = 8) -> int:
    """End of a unit after position ``i`` (影视|部, 计算机|中心, 营业部), or -1.

    The unit is one to three dictionary words: the last ends in a unit word of ``ner_org_units.txt``
    (is one, ends in one of two or more characters, or is a word of three or more characters ending
    in a one-character unit), the others are words of two or more characters.  Verbs, pronouns,
    measure words, numbers and adverbs end the search (统计|各|银行, 早日|部署, 等|13|家).
    """
    suffixes = _units()
    if i >= len(text) or text[i] in _NOT_UNIT_START:
        return -1
    tags = ner_features.word_tags()
    pos = i
    words = ner_segment.cut(text[i:i + max_len], hmm=False)
    for k, w in enumerate(words[:3]):
        end = pos + len(w)
        tag = tags.get(w)
        if w in suffixes or any(w[-n:] in suffixes for n in _unit_lengths() if n < len(w)) or (
                len(w) >= 3 and w[-1] in suffixes and tag not in _NOT_IN_UNIT):
            if end - i >= 2 and not (k == 0 and len(w) >= 2 and w in suffixes):
                return end
            return -1
        if len(w) < 2 or tag in _NOT_IN_UNIT or not w.isalpha():
            return -1
        pos = end
    return -1


def _org_units(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """An organization followed directly by one of its units takes it in (检察日报社|影视部, 委员会|计算机中心).

    News convention of MSRA and People's Daily: the unit is part of the name.  On the held-out
    dev fifths this lifted People's Daily ORG F1 75.8 -> 76.3; CLUENER, which leaves 营业部 out of
    names, lost 0.6 (pooled ORG F1 unchanged).  Treating place + suffix (北京|大学), a place ending in a suffix, or place + organization
    as one organization all scored lower there than the CRF alone, so they are not rules here.
    """
    if not any(ty == "ORG" for ty, _, _ in spans):
        return spans
    starts = {s for _, s, _ in spans}
    out = []
    for ty, s, e in spans:
        if ty == "ORG" and e not in starts and e < len(text):
            end = _unit_end(text, e)
            if end > e and not any(s2 < end and e2 > e for _, s2, e2 in spans):
                e = end
        out.append((ty, s, e))
    return out


@functools.cache
def _title_heads() -> frozenset[str]:
    """Characters that end an organization and begin its head's title (``ner_org_title_heads.txt``)."""
    return frozenset(resources.word_list("ner_org_title_heads.txt"))


def _org_title_heads(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """An organization cut just before ``X长`` takes X in (澳门日报|社长 -> 澳门日报社, 外交|部长 -> 外交部).

    The character is shared by the name and the title (社 of 日报社 and of 社长); the news sets count
    it in the organization.  Not when the name already ends in it (银行|行长), when it is complete
    (清华大学|校长) or when another entity starts there.  On the held-out People's Daily dev fifths:
    ORG F1 +0.2.
    """
    heads = _title_heads()
    n = len(text)
    starts = {s for _, s, _ in spans}
    out = []
    for ty, s, e in spans:
        if (ty == "ORG" and e + 1 < n and text[e + 1] == "长" and text[e] in heads
                and text[e] != text[e - 1] and e not in starts and not _complete_name(text[s:e], text[e])):
            e += 1
        out.append((ty, s, e))
    return out


def _complete_name(name: str, head: str) -> bool:
    """The name already ends in a suffix word that does not take ``head`` (清华大学|校长; not 澳门日报|社长).

    A suffix of two or more characters (``ner_org_suffixes.txt``) ends a complete name unless the
    suffix followed by the head is itself a dictionary word (日报社).
    """
    freq = resources.tokenizer().FREQ
    suffixes = ner_features.lexicons()[3]
    for x in suffixes:
        if len(x) >= 2 and name.endswith(x) and not freq.get(x + head):
            return True
    return False


_QUOTED_TITLE = re.compile(r"《([^《》\n]{2,12})》")


@functools.cache
def _not_papers() -> tuple[str, ...]:
    return tuple(resources.word_list("ner_not_papers.txt"))


def _is_paper(title: str) -> bool:
    """A title in 《》 that names a newspaper: ends in 报, not in a document word (``ner_not_papers.txt``).

    人民日报, 新京报, 费加罗报, 中国青年报 are newspapers; 联合公报, 工作简报, 北京大学学报 are not.
    """
    return len(title) >= 3 and title.endswith("报") and not title.endswith(_not_papers())


def _quoted_papers(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A newspaper named in 《》 is an organization, whatever was found inside it (《澳门日报》, 《费加罗报》).

    News convention of People's Daily; on its held-out dev fifths ORG F1 +0.3, CLUENER (which
    counts titles in 《》 as books) -0.1.
    """
    if "《" not in text:
        return spans
    out = spans
    for m in _QUOTED_TITLE.finditer(text):
        s, e = m.span(1)
        if _is_paper(m.group(1)):
            out = [x for x in out if not (x[1] < e and s < x[2])] + [("ORG", s, e)]
    return sorted(out, key=lambda x: x[1])


# characters after 队 that make it part of another word (队员, 队长, 队伍, 队列, 队友, 队旗, 队形, 队部)
_NOT_TEAM_NEXT = frozenset("员长伍列友旗形部")


def _place_teams(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A place directly followed by 队 is a team, an organization (比利时队, 北京队), as the news sets count it.

    The place is a dictionary ``ns`` word of up to six characters ending right before 队; it may have
    been found as a LOC (replaced), but no other entity may overlap.  Not 队员, 队长, 队伍...
    On the held-out People's Daily dev fifths: ORG F1 +0.2, the other sets unchanged.
    """
    if "队" not in text:
        return spans
    tags = ner_features.word_tags()
    out = spans
    for i in range(2, len(text)):
        if text[i] != "队" or (i + 1 < len(text) and text[i + 1] in _NOT_TEAM_NEXT):
            continue
        for j in range(max(0, i - 6), i - 1):
            if tags.get(text[j:i]) != "ns":
                continue
            if not any(s < i + 1 and j < e and not (ty == "LOC" and (s, e) == (j, i)) for ty, s, e in out):
                out = sorted([x for x in out if (x[1], x[2]) != (j, i)] + [("ORG", j, i + 1)], key=lambda x: x[1])
            break
    return out


# a term (第二届, 六届, 第十五次; not 一次 of 这是一次委员会会议)
_ORDINAL = re.compile(r"第[一二三四五六七八九十百零0-9]{1,4}[届次]|[一二三四五六七八九十百零0-9]{1,4}届")


@functools.cache
def _term_bodies() -> tuple[str, ...]:
    """Words that end the name of a body sitting in numbered terms (``ner_org_terms.txt``)."""
    return tuple(sorted(resources.word_list("ner_org_terms.txt"), key=len, reverse=True))


def _org_terms(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A body sitting in numbered terms takes its term in (第二届|全国人民代表大会, 六届|人大常委会), and an
    organization or place printed right before the term (民革|第九届|中央常委会, 重庆|第三届|人大).

    News convention (``ner_org_terms.txt`` gives the counts in the dev and training splits).
    """
    if "届" not in text and "次" not in text:
        return spans
    bodies = _term_bodies()
    out = list(spans)
    for m in _ORDINAL.finditer(text):
        a, z = m.span()
        body = next((x for x in out if x[0] == "ORG" and x[1] == z and text[x[1]:x[2]].endswith(bodies)), None)
        if body is None or any(s < z and e > a for _, s, e in out):
            continue
        before = next((x for x in out if x[0] in ("ORG", "LOC") and x[2] == a), None)
        start = before[1] if before is not None else a
        out = [x for x in out if x is not body and x is not before] + [("ORG", start, body[2])]
    return sorted(out, key=lambda x: x[1])


def _rules_after_model(text: str, marked: list[tuple[int, str]]) -> list[tuple[str, int, int]]:
    """The post-rules on the model's labels (``marked``: position and label of each character not O)."""
    if not marked and "《" not in text and "队" not in text and not _rules()[0].search(text):
        return []  # no rule adds anything here
    spans = _org_terms(text, _org_units(text, [s for s in _spans(marked) if s[0] in TYPES]))
    spans = _postprocess(text, _org_title_heads(text, spans))
    return _place_teams(text, _quoted_papers(text, spans))


def recognize(text: str, *, model: str | None = None) -> list[tuple[str, int, int]]:
    """PER / ORG / LOC spans in ``text`` as ``(type, start, end)``, end exclusive."""
    return recognize_many([text], model=model)[0]


def recognize_many(texts: Iterable[str], *, model: str | None = None, chunk: int = 20_000,
                   memo: dict | None = None) -> list[list[tuple[str, int, int]]]:
    """``recognize`` of each text, the sentences of many texts decoded together (faster than one by one);
    features are built ``chunk`` characters at a time, so memory stays bounded on long texts.

    ``memo`` (sentence -> its spans) is read for sentences tagged before and filled with the new ones:
    a sentence is tagged on its own, so its spans do not depend on the text around it."""
    texts = list(texts)
    out: list[list[tuple[str, int, int]]] = [[] for _ in texts]
    if not any(isinstance(t, str) and t for t in texts):
        return out
    crf = load_model(model)
    slots: list[list] = []  # per sentence, in order: [text index, offset, spans]
    pending: list[tuple[int, str]] = []
    feats: list = []
    size = 0

    def flush() -> None:
        for (slot, sent), labels in zip(pending, crf.tag(feats, marked=True, chunk=chunk)):
            spans = slots[slot][2] = tuple(_rules_after_model(sent, labels))
            if memo is not None:
                memo[sent] = spans
                if len(memo) > MEMO_SENTENCES:
                    del memo[next(iter(memo))]  # the oldest
        pending.clear()
        feats.clear()

    for k, text in enumerate(texts):
        if not isinstance(text, str):
            continue
        for m in _SENTENCE.finditer(text):
            sent = m.group()
            if not _HAS_WORD.search(sent):
                continue
            known = memo.get(sent) if memo is not None else None
            slots.append([k, m.start(), known])
            if known is None:
                pending.append((len(slots) - 1, sent))
                feats.append(ner_features.columns(sent))
                size += len(sent)
                if size >= chunk:
                    flush()
                    size = 0
    flush()
    for k, offset, spans in slots:
        out[k].extend((ty, a + offset, b + offset) for ty, a, b in spans)
    return out


# sentences whose spans ``recognize_document`` keeps (a few documents' worth, about 10 MB at most)
MEMO_SENTENCES = 20_000


@functools.cache
def _memo() -> dict:
    return {}


@functools.lru_cache(maxsize=4)
def recognize_document(text: str) -> tuple[tuple[str, int, int], ...]:
    """``recognize(text)`` memoized for the few documents in flight, so that the people and
    the organization extractors tag each cleaned document once between them; a document read
    again with a few sentences changed (without inserted pinyin) tags only those again."""
    return tuple(recognize_many([text], memo=_memo())[0])


# characters of documents ``prepare_documents`` tags together (their features, held at once: ~20 MB)
BATCH_CHARS = 40_000


def prepare_documents(texts: Iterable[str]) -> None:
    """Tag the sentences of several documents together, for ``recognize_document`` to find in its memo.

    Cheaper than one document after another: the Viterbi recursion takes one step per character of
    the longest sentence decoded, whatever the number of sentences decoded with it, so documents
    decoded together share their steps.  The spans are the same (each sentence is tagged on its own)."""
    recognize_many(texts, memo=_memo(), chunk=BATCH_CHARS)


def entities(text: str) -> list[dict]:
    """``recognize`` as the JSON objects printed by ``kefu ner``."""
    return [{"text": text[s:e], "type": ty, "start": s, "end": e} for ty, s, e in recognize(text)]


def cli_run(args) -> int:
    """``kefu ner [FILE|-]``: one JSON array of entities per input line (UTF-8)."""
    path = getattr(args, "file", "-") or "-"
    out = sys.stdout
    try:
        out.reconfigure(encoding="utf-8")
    except (AttributeError, ValueError):
        pass
    with contextlib.ExitStack() as stack:
        if path == "-":
            stream = sys.stdin
            try:
                stream.reconfigure(encoding="utf-8", errors="replace", newline="")
            except (AttributeError, ValueError):
                pass
        else:
            try:
                stream = stack.enter_context(open(path, encoding="utf-8", errors="replace", newline=""))
            except OSError as exc:
                print(f"kefu ner: cannot read {path}: {exc}", file=sys.stderr)
                return 2
        for line in stream:
            line = line.rstrip("\r\n")
            out.write(json.dumps(entities(line), ensure_ascii=False) + "\n")
            out.flush()  # a caller feeding lines one by one gets each answer at once
    return 0
