"""Organizations: gazetteer + suffix patterns -> canonical name, aliases, type.

Three sources, merged per document:

* the gazetteer ``data/orgs.tsv`` (canonical name, aliases, weak aliases, type, parent); a parent
  written right before its child (阿里高德) is one mention of the child;
* names never seen before, found by their head word (``data/org_suffixes.tsv``: …公司, …医院, …晚报) with
  the left edge found on jieba words: walk left from the head until a stop word, a known organization
  or the end of the clause (收到了|四川航空公司, 是|惜春路社区医院); a name made only of generic
  modifiers (各大航空公司, 联络中心) is dropped;
* the credits and front matter (``doc.meta``): a credited outlet (澎湃新闻记者…) or an author that is an
  organization.

Weak aliases (头条, 菜鸟, 澎湃) count only when the same organization is also named by a strong form or
in a credit.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from analysis import resources
from analysis.document import Document, Organization
from analysis.extract import lexicon

CJK = r"\u4e00-\u9fff"
RUN_RE = re.compile(f"[{CJK}]+")
QUOTED_RE = re.compile(r"[“\"「『]([^”\"」』\s，。]{2,12})[”\"」』]")
MAX_PREFIX = 12
TYPES = ("company", "media", "hospital", "government", "school", "other")


@dataclass(frozen=True)
class Gazetteer:
    canonical: dict[str, str]          # surface form -> canonical name
    weak: frozenset[str]               # surface forms that need corroboration
    types: dict[str, str]              # canonical -> type
    parent: dict[str, str]             # canonical -> parent canonical
    pattern: re.Pattern | None


@dataclass(frozen=True)
class Suffix:
    text: str
    type: str
    generic_ok: bool
    max_tokens: int


@dataclass
class _Found:
    name: str
    type: str
    rule: str
    forms: dict[str, int] = field(default_factory=dict)   # surface form -> first offset
    mentions: int = 0
    corroborated: bool = False


@functools.cache
def gazetteer() -> Gazetteer:
    canonical: dict[str, str] = {}
    weak: set[str] = set()
    types: dict[str, str] = {}
    parent: dict[str, str] = {}
    for row in resources.tsv_rows("orgs.tsv"):
        name = row.get("name", "")
        if not name:
            continue
        types[name] = row.get("type") or "other"
        if row.get("parent"):
            parent[name] = row["parent"]
        canonical.setdefault(name, name)
        for a in _split(row.get("aliases", "")):
            canonical.setdefault(a, name)
        for a in _split(row.get("weak", "")):
            canonical.setdefault(a, name)
            weak.add(a)
    pattern = re.compile(trie_regex(canonical)) if canonical else None
    return Gazetteer(canonical, frozenset(weak), types, parent, pattern)


def trie_regex(words: Iterable[str]) -> str:
    """One regex for a set of literal words, shaped as a prefix tree so that matching costs one
    pass per position instead of one try per word; at each position the longest word wins, as
    with a longest-first alternation."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if end else body

    return build(trie)


@functools.cache
def suffixes() -> tuple[tuple[Suffix, ...], re.Pattern]:
    rows = []
    for row in resources.tsv_rows("org_suffixes.tsv"):
        if row.get("suffix"):
            rows.append(Suffix(row["suffix"], row.get("type") or "other", row.get("generic_ok") == "yes",
                               int(row.get("max_tokens") or 0)))
    rows.sort(key=lambda s: len(s.text), reverse=True)
    return tuple(rows), re.compile("|".join(re.escape(s.text) for s in rows))


@functools.cache
def org_words(kind: str) -> frozenset[str]:
    return frozenset(r["word"] for r in resources.tsv_rows("org_words.tsv") if r.get("kind") == kind)


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _is_ascii_word(s: str) -> bool:
    return bool(s) and s.isascii()


# ---- gazetteer --------------------------------------------------------------------------------

def _gazetteer_hits(text: str, gaz: Gazetteer) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, canonical); a parent glued to its child (阿里高德) becomes one child hit."""
    if gaz.pattern is None:
        return []
    hits = []
    for m in gaz.pattern.finditer(text):
        s, e, form = m.start(), m.end(), m.group()
        if _is_ascii_word(form) and ((s > 0 and text[s - 1].isascii() and text[s - 1].isalnum())
                                     or (e < len(text) and text[e].isascii() and text[e].isalnum())):
            continue
        if len(form) <= 2 and not _on_word_edges(text, s, e):
            continue                                  # 集中行动 holds no 中行, 群众安全 no 众安
        hits.append((s, e, form, gaz.canonical[form]))
    merged: list[tuple[int, int, str, str]] = []
    for h in hits:
        if merged:
            ps, pe, _pform, pcanon = merged[-1]
            if pe == h[0] and gaz.parent.get(h[3]) == pcanon:
                merged[-1] = (ps, h[1], text[ps:h[1]], h[3])
                continue
        merged.append(h)
    return merged


def _on_word_edges(text: str, s: int, e: int, *, margin: int = 4) -> bool:
    """Do ``s`` and ``e`` fall on word boundaries of the private tokenizer (on a small window)?"""
    lo, hi = max(0, s - margin), min(len(text), e + margin)
    edges, pos = {lo, hi}, lo
    for w in resources.tokenizer().lcut(text[lo:hi], HMM=False):
        pos += len(w)
        edges.add(pos)
    return s in edges and e in edges


def lookup(surface: str) -> str | None:
    """Canonical name of a surface form that is wholly a known organization (or parent+child)."""
    gaz = gazetteer()
    if not surface:
        return None
    if surface in gaz.canonical:
        return gaz.canonical[surface]
    hits = _gazetteer_hits(surface, gaz)
    if len(hits) == 1 and hits[0][0] == 0 and hits[0][1] == len(surface):
        return hits[0][3]
    return None


def org_type(canonical: str) -> str:
    return gazetteer().types.get(canonical, "other")


# ---- unseen names by their head word ----------------------------------------------------------

def _suffix_candidates(text: str, gaz: Gazetteer) -> Iterable[tuple[int, int, str, str, Suffix]]:
    """(start, end, name, canonical-or-'', suffix) for every head word with an acceptable left part."""
    rows, pattern = suffixes()
    by_text = {s.text: s for s in rows}
    stops, generic = org_words("stop"), org_words("generic")
    func = lexicon.function_words()
    tok = resources.tokenizer()
    for run in RUN_RE.finditer(text):
        chunk = run.group()
        if len(chunk) < 3:
            continue
        for m in pattern.finditer(chunk):
            suf = by_text[m.group()]
            s, e = m.start(), m.end()
            window = chunk[max(0, s - MAX_PREFIX):s]
            if not window:
                continue
            words = tok.lcut(window + suf.text, HMM=True)
            # the head must start a word of its own when it is one character (局 in 布局 is not a head)
            if len(suf.text) == 1 and "".join(words[:-1]) != window and len(words[-1]) > 1:
                continue
            # and end one: 大学 in 江宁大学城 is part of another word (but 日报|社, 银行|行长 are not)
            if e < len(chunk):
                first = tok.lcut(chunk[s:e + 3], HMM=False)[0]
                if len(first) > len(suf.text) and not _tail_ok(first[len(suf.text):]):
                    continue
            toks = tok.lcut(window, HMM=True)
            if s > MAX_PREFIX and len(toks) > 1:
                toks = toks[1:]              # the window may have cut a word in two (国|网重庆市)
            kept: list[str] = []
            for w in reversed(toks):
                if w in stops or w in func:
                    break
                # two organizations side by side (今日头条|新京报): stop once the name is a known one
                if w in gaz.canonical and "".join(reversed(kept)) + suf.text in gaz.canonical:
                    break
                if suf.max_tokens and len(kept) >= suf.max_tokens:
                    break
                kept.append(w)
            kept.reverse()
            # a word the dictionary does not know may have swallowed a stop character (由林达, 这是丰台区)
            while kept and (kept[0] in stops or (lexicon.word_freq(kept[0]) == 0 and kept[0] not in gaz.canonical
                                                 and (kept[0][0] in stops or kept[0][0] in func))):
                kept[0] = "" if kept[0] in stops else kept[0][1:]     # 获县 -> 县, 刚出 -> ''
                if not kept[0]:
                    kept.pop(0)
            prefix = "".join(kept)
            if len(prefix) < 2:
                continue
            # a name needs a word that can carry one (四川, 朝阳, 幸福里), not only common nouns (外贸, 博彩)
            specific = [w for w in kept if w not in generic and lexicon.is_proper_or_unknown(w)]
            if not specific and not suf.generic_ok:
                continue
            name = prefix + suf.text
            start = run.start() + s - len(prefix)
            canon = lookup(name) or lookup(prefix) or ""
            yield start, run.start() + e, name, canon, suf


def _tail_ok(rest: str) -> bool:
    """What a word may add after an organization's head and still leave the name whole: 社 (日报社)
    or a role (银行行长, 医院院长)."""
    from analysis.extract.names import cues

    return rest in org_words("tail") or any(rest.endswith(r) for r in cues().roles)


def _drop_inner(cands: list[tuple[int, int, str, str, Suffix]]) -> list[tuple[int, int, str, str, Suffix]]:
    """Keep the longest of nested candidates (北京大学 inside 北京大学第一医院)."""
    units = org_words("unit")
    # 上海某某大学金融学院: a unit head right after another name makes a unit of that name, not a new one
    cands = [c for c in cands if not (c[4].text in units or any(c[2].endswith(u) for u in units))
             or not any(o is not c and o[0] <= c[0] < o[1] < c[1] and o[4].text not in units for o in cands)]
    out = []
    for c in cands:
        if any(o is not c and o[0] <= c[0] and c[1] <= o[1] and (o[1] - o[0]) > (c[1] - c[0]) for o in cands):
            continue
        out.append(c)
    return out


# ---- assembling -------------------------------------------------------------------------------

def _meta_orgs(doc: Document) -> list[tuple[str, str]]:
    """(surface, canonical) of organizations named in credits and front matter."""
    out = []
    meta = doc.meta or {}
    for c in meta.get("credits") or ():
        if not isinstance(c, dict):
            continue
        outlet = c.get("outlet")
        if outlet:
            out.append((str(outlet), lookup(str(outlet)) or str(outlet)))
        name = c.get("name")
        if name and lookup(str(name)):
            out.append((str(name), lookup(str(name))))
    fields = meta.get("fields") if isinstance(meta.get("fields"), dict) else {}
    for value in (meta.get("author"), meta.get("source"), fields.get("author"), fields.get("source")):
        for v in _values(value):
            canon = outlet_name(v)
            if canon:
                out.append((v, canon))
    return out


def outlet_name(value: str) -> str | None:
    """Canonical organization of a front-matter author or source: a known name (明報 -> 明报), the same
    with a channel word dropped (北京日报客户端, 扬子晚报网 -> 北京日报, 扬子晚报), or an unknown name
    with a media head word (某某晚报); a person's name gives None."""
    value = value.strip()
    if not value or len(value) > 30:
        return None
    canon = lookup(value)
    if canon is None and not value.isascii():
        simplified = resources.opencc_converter("t2s").convert(value)
        if simplified != value:
            return outlet_name(simplified)
    if canon:
        return canon
    for ch in sorted(org_words("channel"), key=len, reverse=True):
        if value.endswith(ch) and len(value) > len(ch) + 1:
            base = value[: -len(ch)].strip()
            canon = lookup(base)
            if canon:
                return canon
            if any(base.endswith(s.text) for s in suffixes()[0] if s.type == "media"):
                return base
    if any(value.endswith(s.text) for s in suffixes()[0] if s.type == "media") and len(value) >= 4:
        return value
    return None


def _values(value) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def extract(doc: Document) -> list[Organization]:
    try:
        return _extract(doc)
    except Exception:  # noqa: BLE001 - extraction never breaks a run; an odd document yields no organizations
        return []


def _extract(doc: Document) -> list[Organization]:
    text = doc.text or ""
    gaz = gazetteer()
    found: dict[str, _Found] = {}

    def add(canon: str, form: str, pos: int, typ: str, rule: str, *, strong: bool, count: int = 1) -> None:
        f = found.get(canon)
        if f is None:
            f = found[canon] = _Found(canon, typ, rule)
        f.forms.setdefault(form, pos)
        f.mentions += count
        f.corroborated |= strong

    hits = _gazetteer_hits(text, gaz)
    for s, e, form, canon in hits:
        add(canon, form, s, gaz.types.get(canon, "other"), "gazetteer", strong=form not in gaz.weak)

    cands = _drop_inner(list(_suffix_candidates(text, gaz)))
    starts = {s: canon for s, e, form, canon in hits}
    ends = {s: e for s, e, form, canon in hits}
    for s, e, name, canon, suf in cands:
        # 东方航空公司 is 东方航空; 交通部民用航空局 is an agency of its own, not 交通部
        if not canon and s in starts and (suf.type != "government" or ends[s] == e - len(suf.text)):
            canon = starts[s]
        if not canon and suf.type == "company":      # 深圳市顺丰速运有限公司 is 顺丰
            inner = [h[3] for h in hits if s <= h[0] and h[1] <= e and gaz.types.get(h[3]) == "company"]
            canon = inner[0] if inner else ""
        if canon:      # 阿里巴巴集团, 东方航空公司: a known organization with its head word
            add(canon, name, s, gaz.types.get(canon, "other"), "gazetteer+suffix", strong=True, count=0)
        elif name in found:
            add(name, name, s, suf.type, "suffix", strong=True)
        else:
            add(name, name, s, suf.type, f"suffix:{suf.text}", strong=True)

    group_heads = org_words("group")
    seen_quoted: dict[str, int] = {}
    for m in QUOTED_RE.finditer(text):
        inner = m.group(1)
        after = text[m.end():m.end() + 3]
        if any(after.startswith(h) for h in group_heads) and not lookup(inner):
            seen_quoted.setdefault(inner, m.start(1))
    for inner, pos in seen_quoted.items():
        n = text.count(inner)
        if n >= 2 and inner not in found:
            add(inner, inner, pos, "other", "quoted-group", strong=True, count=n)

    outlets = []
    for surface, canon in _meta_orgs(doc):
        if canon in org_words("house"):               # 本报, 本台: the document's own outlet, named elsewhere
            continue
        typ = gaz.types.get(canon) or "media"
        pos = text.find(surface)
        add(canon, surface, pos if pos >= 0 else len(text), typ, "credit", strong=True, count=0)
        if typ == "media":
            outlets.append(canon)
    # 本报记者, 本报讯: the document's own outlet when the front matter or credits name exactly one
    if len(set(outlets)) == 1:
        for house in org_words("house"):
            n = text.count(house)
            if n:
                add(outlets[0], house, text.find(house), found[outlets[0]].type, "credit", strong=True, count=n)

    out = []
    for f in found.values():
        if not f.corroborated:
            continue
        forms = sorted(f.forms, key=lambda k: f.forms[k])
        out.append(Organization(name=f.name, aliases=tuple(forms), type=f.type if f.type in TYPES else "other",
                                mentions=max(f.mentions, 1), rule=f.rule))
    out.sort(key=lambda o: min((text.find(a) for a in o.aliases if a in text), default=len(text)))
    return out
