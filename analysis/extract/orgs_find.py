"""Organization mentions: the recognizer's ORG spans, gazetteer hits, head-word names, credits and
source lines; overlapping mentions keep the best span."""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.document import Document
from analysis.extract.orgs_heads import drop_inner, head_candidates
from analysis.extract.orgs_lexicon import (
    _gazetteer_hits,
    _values,
    gazetteer,
    lookup,
    outlet_name,
)
from analysis.extract.orgs_shape import head_of, shape, veto

QUOTED_RE = re.compile(r"[“\"「『]([^”\"」』\s，。]{2,12})[”\"」』]")
PINYIN_RE = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü\u0101-\u01dc\u00e0-\u00fc?？]{1,7}[)）]")
COORD_RE = re.compile(r"[^及和与、]{2,}")
SOURCE_RE = re.compile(r"(?:来源|稿源|出处|转自|转载自)\s*[:：/]\s*([^\s|｜,，。:：/]{2,20})")
DATELINE_RE = re.compile(r"^([\u4e00-\u9fffA-Za-z]{2,10}?(?:网|报|社|台))讯", re.MULTILINE)


@dataclass
class Mention:
    start: int
    end: int
    form: str
    source: str                 # model | gazetteer | head | credit
    canon: str = ""             # gazetteer canonical name, if known
    head: str = ""              # head word the form ends in (org_suffixes.tsv / org_type_heads.tsv)
    generic_ok: bool = False    # a head after which a generic modifier is name enough (当地派出所)


# ---- finders ----------------------------------------------------------------------------------

def mentions(text: str, recognized) -> list[Mention]:
    gaz = gazetteer()
    out = [Mention(s, e, f, "gazetteer", c, head_of(f)[0]) for s, e, f, c in _gazetteer_hits(text, gaz)]
    for s, e, name, canon, suf in drop_inner(list(head_candidates(text, gaz))):
        out.append(Mention(s, e, name, "head", canon, suf.text, suf.generic_ok))
    for ty, s, e in recognized:
        if ty == "ORG" and e - s >= 2:
            for s2, e2 in _split_coordination(text, s, e):
                form = text[s2:e2]
                head = head_of(form)[0]
                canon = lookup(form) or _known_inside(form)
                known = [h for h in _gazetteer_hits(form, gaz) if h[0] == 0] if not head and not canon else []
                if known and shape(form, set())[1] in ("department", "branch"):
                    known = []                 # 国务院|法制办公室: a part of the known name, read whole
                if known:                      # 党中央|决策部署, 自由时报|粉丝团: the known name, not the overreach
                    e2, canon = s2 + len(known[0][2]), known[0][3]
                    form, head = known[0][2], head_of(known[0][2])[0]
                out.append(Mention(s2, e2, form, "model", canon, head))
    return out


def _split_coordination(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A span that coordinates names with a head word each (食环署及路政署) is two mentions."""
    form = text[s:e]
    parts = [m.span() for m in COORD_RE.finditer(form)]
    if len(parts) < 2 or not all(head_of(form[a:b])[0] or lookup(form[a:b]) for a, b in parts):
        return [(s, e)]
    return [(s + a, s + b) for a, b in parts]


def _known_inside(form: str) -> str:
    """Canonical name of a known company inside a company name (深圳市顺丰速运有限公司 is 顺丰,
    东方航空公司 is 东方航空), or ''."""
    head, typ = head_of(form)
    if typ != "company":
        return ""
    gaz = gazetteer()
    inner = {c for _, _, _, c in _gazetteer_hits(form[:-len(head)], gaz) if gaz.types.get(c) == "company"}
    return inner.pop() if len(inner) == 1 else ""


def _ends_in_known(form: str) -> bool:
    """Does ``form`` end in a known organization's name after more words (美国|国务院, 香港|文汇报,
    萨帕塔全国民族|解放军)?  Read by the recognizer as one name, it is a name of its own."""
    hits = _gazetteer_hits(form, gazetteer())
    return bool(hits) and hits[-1][1] == len(form) and hits[-1][0] > 0


def best_spans(mentions: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: a span that ends in a head word or is a known name first, the
    recognizer's left edge before a head word's walk, longer before shorter."""
    def rank(m: Mention):
        broken = m.source == "model" and veto(m.form, model=True) == "function-word"
        anchored = bool(m.head) or (m.source == "gazetteer") or bool(m.canon)
        if not anchored and m.source == "model" and _ends_in_known(m.form):
            anchored = True                                   # 美国|国务院, 人民|解放军: a name of its own
        if not anchored and m.source == "model":
            parent, rel = shape(m.form, set())
            anchored = bool(rel and head_of(parent)[0])      # 某某中心|调度室
        return (not broken, anchored, m.source == "model", m.end - m.start, -m.start)

    taken: list[Mention] = []
    for m in sorted(mentions, key=rank, reverse=True):
        if all(m.end <= t.start or t.end <= m.start for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


# ---- credits ----------------------------------------------------------------------------------

def meta_orgs(doc: Document) -> list[tuple[str, str]]:
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
    raw = doc.raw if isinstance(doc.raw, str) else ""
    for m in SOURCE_RE.finditer(raw):
        canon = outlet_name(m.group(1))        # 来源:中国邮政网: the publishing outlet
        if canon:
            out.append((m.group(1), canon))
    for m in DATELINE_RE.finditer(PINYIN_RE.sub("", doc.text or "")):
        out.append((m.group(1), lookup(m.group(1)) or m.group(1)))    # 中国航空旅游网讯
    fields = meta.get("fields") if isinstance(meta.get("fields"), dict) else {}
    for value in (meta.get("author"), meta.get("source"), fields.get("author"), fields.get("source")):
        for v in _values(value):
            canon = outlet_name(v)
            if canon:
                out.append((v, canon))
    return out
