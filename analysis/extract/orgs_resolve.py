"""Organizations at document level: mentions from the recognizer, the gazetteer and head words,
resolved into one row per organization.

    mentions  ->  best span per place  ->  shape (department, branch)  ->  vetoes
              ->  clusters (gazetteer canonical, parent, short form by subsequence)  ->  rows

Every row's ``rule`` names the evidence that made it: ``model`` (the recognizer, with how many of the
string's occurrences it tagged), ``gazetteer``, ``head:局`` (a head word from ``org_suffixes.tsv``),
``credit``, ``quoted-group``; ``+branch``/``+alias`` when other forms joined it.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from analysis.document import Document, Organization
from analysis.extract import lexicon
from analysis.extract.orgs_find import (
    PINYIN_RE,
    QUOTED_RE,
    Mention,
    best_spans,
    dateline_orgs,
    dateline_spans,
    meta_orgs,
    with_removed_lines,
)
from analysis.extract.orgs_find import mentions as find_mentions
from analysis.extract.orgs_lexicon import (
    TYPES,
    _gazetteer_hits,
    gazetteer,
    lookup,
    org_end_chars,
    org_names,
    org_ends,
    org_words,
)
from analysis.extract.orgs_shape import _words, head_of, shape, short_form_of, veto


NAMED_RATE = 0.2      # a string the training splits annotate as an organization this often is a name


@dataclass
class Cluster:
    key: str
    canon: str = ""
    forms: dict[str, int] = field(default_factory=dict)   # surface form -> first offset
    sources: set[str] = field(default_factory=set)
    rules: list[str] = field(default_factory=list)
    strong: bool = False
    branch_only: set[str] = field(default_factory=set)     # forms that only name a branch or department
    composed: bool = False      # canon the document itself gives: built from its words (桃园市 + 市府 -> 桃园市政府)
                                # or the outlet its credits name (北京日报客户端 -> 北京日报)


# ---- resolve ----------------------------------------------------------------------------------



def _parent(form: str, known: set[str], tags: dict[str, Counter], text: str = "") -> tuple[str, str] | None:
    """(form, canonical) of the organization a branch or department belongs to, or None when
    ``form`` names none: a known name, a known name at its start (携程|酒店服务部), a form found
    elsewhere in the document, or a name with a head word.  Given the document's ``text`` (for a
    department; not a team, 遨天|团队 of a person), also a name that the dictionary reads as no common
    word and no place, printed elsewhere in the text as well, and never tagged a place."""
    if not form:
        return None
    canon = lookup(form)
    if canon:
        return form, canon
    if form in known or tags.get(form, Counter())["ORG"] or head_of(form)[0]:
        return form, ""                        # 人保财险|宁波市分公司
    starts = [h for h in _gazetteer_hits(form, gazetteer()) if h[0] == 0]
    if starts:
        return starts[0][2], starts[0][3]      # 携程|酒店服务部
    tags_of = lexicon.coarse_tags()
    if len(form) >= 2 and text.count(form) >= 2 and not tags.get(form, Counter())["LOC"] and not veto(form) and all(
            lexicon.is_proper_or_unknown(w) and tags_of.get(w) != "ns" for w in _words(form)):
        return form, ""                        # 韩都|衣舍|客服部: a name of no place, standing alone elsewhere too
    return None


def _owner(form: str) -> tuple[str, str] | None:
    """(form, canonical) of the organization that a centre's name starts with: the shortest leading
    run of words that is a known name or ends in a company, government, hospital or school head."""
    words = _words(form)
    cut = 0
    for w in words[:-1]:
        cut += len(w)
        prefix = form[:cut]
        canon = lookup(prefix)
        head, typ = head_of(prefix)
        if canon or (typ in ("company", "government", "hospital", "school") and not veto(prefix)
                     and any(lexicon.is_proper_or_unknown(w) for w in _words(prefix[:-len(head)]))):
            return prefix, canon or ""         # the shortest: 中国工商银行|远程银行中心, not 中国工商银行远程银行
    return None


def resolve(doc: Document) -> list[Organization]:
    from analysis.extract import ner

    body = PINYIN_RE.sub("", doc.text or "")     # 大众网(wǎng)记者: names are read without inserted pinyin
    gaz = gazetteer()
    recognized = ner.recognize_document(body) if body else ()
    text, recognized = with_removed_lines(body, recognized, (doc.meta or {}).get("name_lines") or ())
    tags: dict[str, Counter] = {}
    for ty, s, e in recognized:
        tags.setdefault(text[s:e], Counter())[ty] += 1

    clusters: dict[str, Cluster] = {}
    form_cluster: dict[str, str] = {}

    def add(form: str, pos: int, canon: str, source: str, rule: str, *, strong: bool,
            part_of: str | None = None) -> None:
        key = canon or form_cluster.get(part_of or form) or part_of or form
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = Cluster(key, canon)
        c.forms.setdefault(form, pos)
        form_cluster.setdefault(form, c.key)
        c.sources.add(source)
        if rule not in c.rules:
            c.rules.append(rule)
        c.strong |= strong
        if part_of is not None:
            c.branch_only.add(form)

    places = {(s, e) for ty, s, e in recognized if ty == "LOC"}
    org_at = [False] * len(text)
    other_at = [False] * len(text)               # read as a place or a person
    org_spans = {(s, e) for ty, s, e in recognized if ty == "ORG"}
    for ty, s, e in recognized:
        at = org_at if ty == "ORG" else other_at
        for i in range(s, e):
            at[i] = True
    spans = best_spans(find_mentions(text, recognized))
    # a part of a dateline's outlet (中国航空|旅游网讯) is no mention: the credit names the outlet
    lines = dateline_spans(text)
    spans = [m for m in spans if m.source != "model" or not any(
        s <= m.start and m.end <= e and m.end - m.start < e - s for s, e in lines)]
    known = {m.form for m in spans if m.source != "model" or not veto(m.form)}
    loose: list[Mention] = []
    for m in spans:
        form = m.form
        if m.parent:                           # 科学技术部|农村科技司: a unit, a form of its organization
            add(m.parent, m.start, m.canon, m.source, "gazetteer", strong=True)
            add(form, m.start, m.canon, m.source, "+unit", strong=True, part_of=m.parent)
            continue
        if m.canon and (m.source != "model" or lookup(form)):
            tagged = tags.get(form, Counter())["ORG"]         # the recognizer's ORG corroborates a weak alias (央行)
            weak = not tagged and (form in gaz.weak or lexicon.coarse_tags().get(form) in ("v", "a", "d")) \
                and not _listed_with_known(text, m, spans, gaz)
            add(form, m.start, m.canon, m.source, "gazetteer", strong=not weak)
            continue
        parent, rel = shape(form, known)
        if rel == "role":
            continue
        if not rel and m.canon:                # 深圳市顺丰速运有限公司 is 顺丰
            add(form, m.start, m.canon, m.source, "gazetteer", strong=True)
            continue
        if rel:
            team = form[len(parent):].startswith(tuple(org_words("group")))
            found = _parent(parent, known, tags, text if rel == "department" and not team else "")
            if found is None:
                if rel == "branch":            # 姚北支公司: a branch of an organization named elsewhere
                    loose.append(m)
                continue                       # 村|支部: a department of a body the text does not name
            pform, canon = found
            if veto(pform) and not canon:
                continue
            add(pform, m.start, canon, m.source, f"{m.source}+{rel}", strong=True)
            add(form, m.start, canon, m.source, f"{m.source}+{rel}", strong=True, part_of=pform)
            continue
        why = _soft(veto(form, generic_ok=m.generic_ok, model=m.source == "model"), form) or (
            _model_doubt(text, form, tags, org_at, org_spans, other_at) if m.source == "model" and not m.head else "") or (
            _place_and_head(m, places, org_at) if m.source == "head" else "")
        if why:
            add(form, m.start, "", m.source, f"veto:{why}", strong=False)   # may still be a short form
            continue
        rule = f"head:{m.head}" if m.source == "head" else "model"
        add(form, m.start, "", m.source, rule, strong=True)

    # a centre named after its organization (南方电网|客服中心, 中国工商银行|远程银行中心) is an organization of
    # its own and also a mention of that organization
    for c in list(clusters.values()):
        if c.canon or not c.strong:
            continue
        for f, pos in list(c.forms.items()):
            owner = _owner(f) if f not in c.branch_only and head_of(f)[0].endswith("中心") else None
            if owner is not None:
                add(owner[0], pos, owner[1], "model", "owner-of-centre", strong=True)

    # a branch named without its parent (姚北支公司) belongs to the organization whose other branches
    # the document names
    # (or, when none has branches, the one company the document names most)
    parents = Counter({k: len(c.branch_only) for k, c in clusters.items() if c.branch_only})
    if not parents:
        parents = Counter({k: _count(text, list(c.forms)) for k, c in clusters.items()
                           if c.strong and _type(c, k) == "company"})
    ranked = parents.most_common(2)
    for m in loose:
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            key = ranked[0][0]
            clusters[key].forms.setdefault(m.form, m.start)
            clusters[key].branch_only.add(m.form)

    _seat_governments(text, recognized, add, clusters)
    _credits_and_groups(doc, text, add, clusters)
    _merge_short_forms(clusters)
    return _with_pinyin(doc.text or "", body, _rows(text, clusters, tags))


SAR_PLACES = ("香港", "澳门")     # the special administrative regions a bare 特区政府 may belong to


def _seat_governments(text: str, recognized, add, clusters: dict[str, Cluster]) -> None:
    """A government named by its level alone (转接至市府, 特区政府于2001年成立) is the government of the one
    place of that level the document names (桃园市 -> 桃园市政府, 香港 -> 香港特区政府); nobody's when it
    names several or none.  A place and 府 (新北市府) is that place's 政府."""
    short = {b for b in org_words("seat_government") if len(b) == 2 and b.endswith("府")}     # 市府, 县府
    for c in clusters.values():
        if c.canon or not c.strong:
            continue
        for f in c.forms:
            if f[-2:] in short and f[:-2] and all("\u4e00" <= ch <= "\u9fff" for ch in f[:-2]):
                c.canon = f[:-1] + "政府"
                c.composed = True
                break
    for bare in sorted(org_words("seat_government"), key=len, reverse=True):
        at = [i for i, _ in _occurrences(text, bare) if _stands_alone(text, i)]
        if not at:
            continue
        level = bare[:-2] if bare.endswith("政府") else bare[:-1]
        place = _one_place(text, recognized, level)
        if place:
            add(bare, at[0], place + "政府", "head", "seat", strong=True)
            clusters[place + "政府"].composed = True


def _stands_alone(text: str, i: int) -> bool:
    """Does the word at ``i`` start after punctuation, the text's start or a function word (至|市府),
    not inside a longer name (新北|市府, 桃园|市政府)?"""
    if i == 0 or not "\u4e00" <= text[i - 1] <= "\u9fff":
        return True
    words = _words(text[max(0, i - 4):i])
    return bool(words) and words[-1] in lexicon.function_words()


def _one_place(text: str, recognized, level: str) -> str:
    """The one place of ``level`` (市, 县, 区, 省, 特区) the document names, with its level word
    (桃园市, 香港特区); "" when it names none or several."""
    if level == "特区":
        found = {p for p in SAR_PLACES if p in text}
        return next(iter(found)) + "特区" if len(found) == 1 else ""
    found = set()
    for ty, s, e in recognized:
        m = re.search(r"[^省市县区]{2,4}" + level + "$", text[s:e]) if ty == "LOC" else None
        if m:
            found.add(m.group())
    return next(iter(found)) if len(found) == 1 else ""


LIST_GAP = ("", "、", "和", "与", "及", "或", "以及")    # what stands between two names of one list


def _listed_with_known(text: str, m: Mention, spans: list[Mention], gaz) -> bool:
    """Is a weak alias (微博, 快手, 小米) one item of a list whose next or previous item is another
    known organization named by a strong form (通过微信微博等方式, 在微信和微博上, 抖音、快手), or put in a
    class of organizations by 等 (在微博等社交平台上)?"""
    after = text[m.end:m.end + 8]
    if after.startswith("等") and after[1:].startswith(_categories()):
        return True
    for n in spans:
        if n is m or not n.canon or n.canon == m.canon or n.form in gaz.weak:
            continue
        gap = text[n.end:m.start] if n.end <= m.start else text[m.end:n.start] if m.end <= n.start else None
        if gap in LIST_GAP:
            return True
    return False


@functools.cache
def _categories() -> tuple[str, ...]:
    return tuple(sorted(org_words("category"), key=len, reverse=True))


def _place_and_head(m: Mention, places: set[tuple[int, int]], org_at: list[bool]) -> str:
    """A head-word name that the recognizer reads as a place and a common noun (美国|政府: the place
    tagged LOC, no ORG anywhere on the span)."""
    if (m.start, m.end - len(m.head)) in places and not any(org_at[m.start:m.end]):
        return "place-and-head"
    return ""


def _model_doubt(text: str, form: str, tags: dict[str, Counter], org_at: list[bool],
                 org_spans: set[tuple[int, int]], other_at: list[bool] | None = None) -> str:
    """Why a string only the recognizer found (no head word, not known) is doubtful in this
    document: read as a place or a person at more of its free occurrences than as an organization
    (an occurrence tagged nothing votes neither way), a frequent common word or a Latin word tagged
    once, a place name."""
    k = tags.get(form, Counter())["ORG"]
    against, start = 0, text.find(form)
    while start >= 0:
        end = start + len(form)
        free = (start, end) in org_spans or not all(org_at[start:end])   # not inside 美国海军 (海军)
        if free and (start, end) not in org_spans and other_at is not None and any(other_at[start:end]):
            against += 1
        start = text.find(form, end)
    if k == 0 or k < against:
        return "inconsistent"                  # never tagged as itself, or read as a place or person more
    if _named_rate(form) >= NAMED_RATE:
        return ""                              # 海军, 曼联, EA: annotated as organizations where printed
    if k < 2 and form.isascii():
        return "latin-word"
    if k < 2 and lexicon.word_freq(form) and (not _dictionary_name(form)
                                             or any(form.startswith(g) for g in org_words("generic") if len(g) > 1)):
        return "common-word"                   # 酒店, 国际航班 (not 智利队, 清华, 菲亚特: names the dictionary knows)
    words = _words(form)
    last = words[-1] if words else ""
    if form.endswith(tuple(org_words("place_end"))) or (
            len(words) >= 2 and lexicon.coarse_tags().get(last) == "ns" and last not in org_ends() and not lookup(last)):
        return "place"                         # 崇川区; 余姚市姚江|江堤: a place word no name ends in (not 江苏|苏宁)
    if len(words) >= 2 and lexicon.word_freq(last) and not lexicon.is_proper_or_unknown(last) \
            and last not in org_ends() and last[-1] not in org_end_chars():
        return "no-org-ending"                 # 武汉|肺炎, 党中央决策|部署: no organization name ends so
    return ""


def _soft(why: str, form: str) -> str:
    """A veto of how a string is written (generic, not-a-name, common-words) yields to the training
    splits' annotation: a string they name as an organization at most occurrences is one (代表团 no,
    内阁 yes)."""
    return "" if why in ("generic", "not-a-name", "common-words") and _named_rate(form) >= NAMED_RATE else why


def _named_rate(form: str) -> float:
    """The share of the training splits' occurrences of ``form`` annotated as an organization."""
    named, seen = org_names().get(form, (0, 0))
    return named / seen if seen else 0.0


def _dictionary_name(form: str) -> bool:
    """Does the dictionary know ``form`` as a name: an organization or abbreviation (清华), a brand or
    other proper noun (菲亚特, 纳斯达克; not a bare place), or a name and one more character (智利|队)?"""
    tags = lexicon.coarse_tags()
    if tags.get(form) in ("nt", "j", "nz", "nr"):
        return True
    return len(form) >= 3 and tags.get(form[:-1]) in ("nt", "j", "nz", "nr", "ns")


def _credits_and_groups(doc: Document, text: str, add, clusters: dict[str, Cluster]) -> None:
    gaz = gazetteer()
    group_heads = org_words("group")
    seen_quoted: dict[str, int] = {}
    for m in QUOTED_RE.finditer(text):
        inner = m.group(1)
        after = text[m.end():m.end() + 3]
        if any(after.startswith(h) for h in group_heads) and not lookup(inner):
            seen_quoted.setdefault(inner, m.start(1))
    for inner, pos in seen_quoted.items():
        if text.count(inner) >= 2 and inner not in clusters:
            add(inner, pos, "", "quoted", "quoted-group", strong=True)
    outlets = []
    wire = dateline_orgs(text)
    for surface, canon in meta_orgs(doc) + wire:
        if canon in org_words("house"):               # 本报, 本台: the document's own outlet, named elsewhere
            continue
        pos = text.find(surface)
        known = canon in gaz.types
        add(surface, pos if pos >= 0 else len(text), canon if known else "", "credit", "credit", strong=True)
        if known:                                     # the outlet a credit names (北京日报客户端 -> 北京日报)
            clusters[canon].composed = True
        if not known and canon != surface:
            add(canon, pos if pos >= 0 else len(text), "", "credit", "credit", strong=True)
            clusters[canon].forms.update({surface: pos})
        if (gaz.types.get(canon) or "media") == "media" and (surface, canon) not in wire:
            outlets.append(canon)
    # 本报记者, 本报讯: the document's own outlet when the front matter or credits name exactly one
    if len(set(outlets)) == 1:
        key = outlets[0]
        target = clusters.get(key) or next((c for c in clusters.values() if key in c.forms), None)
        for house in org_words("house"):
            if target is not None and house in text:
                target.forms.setdefault(house, text.find(house))


def _merge_short_forms(clusters: dict[str, Cluster]) -> None:
    """Each form that is a short form of a longer form of another cluster (see ``short_form_of``)
    joins the clusters of the shortest such forms; two gazetteer organizations never merge."""
    owner = {f: k for k, c in clusters.items() for f in c.forms}
    root = {k: k for k in clusters}

    def find(k: str) -> str:
        while root[k] != k:
            root[k] = root[root[k]]
            k = root[k]
        return k

    longs = [(lf, k) for lf, k in owner.items() if lf not in clusters[k].branch_only]
    for sf, k in owner.items():
        targets = [(len(lf), lk) for lf, lk in longs if lk != k and short_form_of(sf, lf)]
        if not targets:
            continue
        best = min(t[0] for t in targets)
        for n, lk in targets:
            a, b = find(k), find(lk)
            if n == best and a != b and not (clusters[a].canon and clusters[b].canon):
                if clusters[b].canon or (not clusters[a].canon and len(clusters[b].forms) >= len(clusters[a].forms)):
                    a, b = b, a
                root[b] = a       # b joins a
    for k in list(clusters):
        r = find(k)
        if r == k:
            continue
        c, o = clusters.pop(k), clusters[r]
        for f, pos in c.forms.items():
            o.forms.setdefault(f, pos)
        o.branch_only |= c.branch_only
        o.sources |= c.sources
        o.rules.append("+alias")
        o.strong |= c.strong


def _with_pinyin(raw: str, text: str, rows: list[Organization]) -> list[Organization]:
    """Each alias also as the article prints it with inserted pinyin (市自来(lái)水公司), the form a
    reader finds in the text; ``text`` is ``raw`` without that pinyin."""
    if raw == text:
        return rows
    starts, kept, last = [], [], 0              # starts[i]: offset in ``raw`` of text[i]
    for m in PINYIN_RE.finditer(raw):
        kept.append((last, m.start()))
        last = m.end()
    kept.append((last, len(raw)))
    for a, b in kept:
        starts.extend(range(a, b))
    out = []
    for o in rows:
        extra = []
        for f in o.aliases:
            i = text.find(f)
            if i >= 0 and f:
                printed = raw[starts[i]:starts[i + len(f) - 1] + 1]
                if printed != f and printed not in o.aliases and printed not in extra:
                    extra.append(printed)
        out.append(dataclasses.replace(o, aliases=o.aliases + tuple(extra)) if extra else o)
    return out


def _rows(text: str, clusters: dict[str, Cluster], tags: dict[str, Counter]) -> list[Organization]:
    out = []
    inner = only_inside(text, {f for c in clusters.values() if c.strong for f in c.forms})
    for c in clusters.values():
        if not c.strong or not c.forms:
            continue
        rules = [r for r in c.rules if not r.startswith("veto:")]
        if not rules or all(r == "+alias" for r in rules):
            continue
        names = [f for f in c.forms if f not in c.branch_only] or list(c.forms)
        # the fullest form the document prints (of a known organization, the one nearest its canonical name:
        # 国铁集团 rather than 12306), or a name composed from its own words (市府 -> 桃园市政府); a gazetteer
        # name it never prints (人保财险 -> 中国人民财产保险) goes to ``canonical``
        printed = max(names, key=lambda f: (len(set(f) & set(c.canon)), len(f), -c.forms[f]))
        name = c.canon if c.canon and (c.canon in c.forms or c.composed) else printed
        if veto(name) in ("hotline", "number") and not c.canon:
            continue
        typ = _type(c, name)
        forms = sorted(c.forms, key=lambda f: c.forms[f])
        mentions = _count(text, forms)
        forms = [f for f in forms if f not in inner or lookup(f)] or forms
        rule = rules[0] + ("".join(r for r in rules[1:] if r.startswith("+"))[:40])
        if rules[0] == "model":
            n = sum(tags.get(f, Counter())["ORG"] for f in forms)
            rule = f"model:{n}/{max(mentions, 1)}" + rule[len("model"):]
        out.append(Organization(name=name, aliases=tuple(forms), type=typ, mentions=max(mentions, 1), rule=rule,
                                canonical=c.canon or name))
    out.sort(key=lambda o: min((text.find(a) for a in o.aliases if a in text), default=len(text)))
    return out


def only_inside(text: str, forms: set[str]) -> set[str]:
    """The forms the text prints only inside a longer form (省委 in 省委宣传部, 耶鲁大学 in
    耶鲁大学公共卫生学院): read off the longer name, they are no surface form of their own."""
    spans = {f: _occurrences(text, f) for f in forms}
    out = set()
    for f, occ in spans.items():
        longer = [(a, b) for g in forms if len(g) > len(f) and f in g for a, b in spans[g]]
        if occ and longer and all(any(a <= s and e <= b for a, b in longer) for s, e in occ):
            out.add(f)
    return out


def _occurrences(text: str, form: str) -> list[tuple[int, int]]:
    out, start = [], text.find(form) if form else -1
    while start >= 0:
        out.append((start, start + len(form)))
        start = text.find(form, start + 1)
    return out


def _type(c: Cluster, name: str) -> str:
    """The gazetteer's type; else the type of the head word of the fullest form (its own forms first,
    then its branches, never its departments: 韩都衣舍|客服部 is no government), where a centre or
    unit (中心) takes the type of the known organization it starts with (南方电网|客服中心: company);
    else the type of a known organization the fullest form starts with; else 'other' for a quoted
    group, 'media' for a name only the credits give and 'company' for a brand the recognizer found."""
    gaz = gazetteer()
    if c.canon and gaz.types.get(c.canon) in TYPES:
        return gaz.types[c.canon]
    own = [f for f in c.forms if f not in c.branch_only]
    branches = c.branch_only - _departments(c)
    for f in sorted(own, key=len, reverse=True) + sorted(branches, key=len, reverse=True):
        head, typ = head_of(f)
        if not head:
            continue
        if typ == "other":
            owner = [h[3] for h in _gazetteer_hits(f[:-len(head)], gaz) if h[0] == 0]
            if owner and gaz.types.get(owner[0]) in TYPES:
                return gaz.types[owner[0]]
        return typ if typ in TYPES else "other"
    longest = max(c.forms, key=len, default="")
    owner = [h[3] for h in _gazetteer_hits(longest, gaz) if h[0] == 0]
    if owner and gaz.types.get(owner[0]) in TYPES:
        return gaz.types[owner[0]]            # 联合国|禁毒署: the type of the known name it starts with
    if "quoted" in c.sources:
        return "other"
    return "media" if c.sources == {"credit"} else "company"   # 来源:IT之家: an outlet the credits name


def _departments(c: Cluster) -> set[str]:
    """The forms of ``c`` that name one of its departments (韩都衣舍客服部), not a branch."""
    return {f for f in c.branch_only if shape(f, set(c.forms) - {f})[1] == "department"}


def _count(text: str, forms: list[str]) -> int:
    """Occurrences of any of ``forms`` in ``text``, longest first, not overlapping."""
    taken = [False] * len(text)
    n = 0
    for f in sorted(set(forms), key=len, reverse=True):
        start = text.find(f)
        while start >= 0:
            end = start + len(f)
            if not any(taken[start:end]):
                n += 1
                for i in range(start, end):
                    taken[i] = True
            start = text.find(f, end)
    return n
