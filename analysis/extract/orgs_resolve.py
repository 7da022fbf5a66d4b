"""Organizations at document level: mentions from the recognizer, the gazetteer and head words,
resolved into one row per organization.

    mentions  ->  best span per place  ->  shape (department, branch)  ->  vetoes
              ->  clusters (gazetteer canonical, parent, short form by subsequence)  ->  rows

Every row's ``rule`` names the evidence that made it: ``model`` (the recognizer, with how many of the
string's occurrences it tagged), ``gazetteer``, ``head:局`` (a head word from ``org_suffixes.tsv``),
``credit``, ``quoted-group``; ``+branch``/``+alias`` when other forms joined it.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from analysis import resources
from analysis.document import Document, Organization
from analysis.extract import lexicon
from analysis.extract.orgs_heads import drop_inner, head_candidates
from analysis.extract.orgs_lexicon import (
    TYPES,
    _gazetteer_hits,
    _values,
    gazetteer,
    lookup,
    org_words,
    outlet_name,
    suffixes,
)

QUOTED_RE = re.compile(r"[“\"「『]([^”\"」』\s，。]{2,12})[”\"」』]")
DIGITS_RE = re.compile(r"^[\d\s\-－—]+$")


@dataclass
class Mention:
    start: int
    end: int
    form: str
    source: str                 # model | gazetteer | head | credit
    canon: str = ""             # gazetteer canonical name, if known
    head: str = ""              # head word the form ends in (org_suffixes.tsv / org_type_heads.tsv)
    generic_ok: bool = False    # a head after which a generic modifier is name enough (当地派出所)


@dataclass
class Cluster:
    key: str
    canon: str = ""
    forms: dict[str, int] = field(default_factory=dict)   # surface form -> first offset
    sources: set[str] = field(default_factory=set)
    rules: list[str] = field(default_factory=list)
    strong: bool = False
    branch_only: set[str] = field(default_factory=set)     # forms that only name a branch or department


# ---- lexicons ---------------------------------------------------------------------------------

@functools.cache
def type_heads() -> tuple[tuple[str, str], ...]:
    """(head, type) from ``org_suffixes.tsv`` and ``org_type_heads.tsv``, longest first."""
    rows = {s.text: s.type for s in suffixes()[0]}
    for r in resources.tsv_rows("org_type_heads.tsv"):
        rows.setdefault(r["head"], r["type"])
    return tuple(sorted(rows.items(), key=lambda x: len(x[0]), reverse=True))


def head_of(form: str) -> tuple[str, str]:
    """(head, type) of the longest head word ``form`` ends in and is longer than, else ('', '')."""
    for h, t in type_heads():
        if len(form) > len(h) and form.endswith(h):
            return h, t
    return "", ""


@functools.cache
def _ending_words(kind: str) -> tuple[str, ...]:
    return tuple(sorted(org_words(kind), key=len, reverse=True))


def _words(s: str) -> list[str]:
    return resources.tokenizer().lcut(s, HMM=True)


# ---- finders ----------------------------------------------------------------------------------

def _mentions(text: str, recognized) -> list[Mention]:
    gaz = gazetteer()
    out = [Mention(s, e, f, "gazetteer", c, head_of(f)[0]) for s, e, f, c in _gazetteer_hits(text, gaz)]
    for s, e, name, canon, suf in drop_inner(list(head_candidates(text, gaz))):
        out.append(Mention(s, e, name, "head", canon, suf.text, suf.generic_ok))
    for ty, s, e in recognized:
        if ty == "ORG" and e - s >= 2:
            form = text[s:e]
            out.append(Mention(s, e, form, "model", lookup(form) or _known_inside(form), head_of(form)[0]))
    return out


def _known_inside(form: str) -> str:
    """Canonical name of a known company inside a company name (深圳市顺丰速运有限公司 is 顺丰,
    东方航空公司 is 东方航空), or ''."""
    head, typ = head_of(form)
    if typ != "company":
        return ""
    gaz = gazetteer()
    inner = {c for _, _, _, c in _gazetteer_hits(form[:-len(head)], gaz) if gaz.types.get(c) == "company"}
    return inner.pop() if len(inner) == 1 else ""


def _best_spans(mentions: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: a span that ends in a head word or is a known name first, the
    recognizer's left edge before a head word's walk, longer before shorter."""
    def rank(m: Mention):
        anchored = bool(m.head) or (m.source == "gazetteer") or bool(m.canon)
        return (anchored, m.source == "model", m.end - m.start, -m.start)

    taken: list[Mention] = []
    for m in sorted(mentions, key=rank, reverse=True):
        if all(m.end <= t.start or t.end <= m.start for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


# ---- shape: departments, branches, roles ------------------------------------------------------

def _is_org_form(form: str, known: set[str]) -> bool:
    return bool(form) and (form in known or bool(lookup(form)) or bool(head_of(form)[0]))


def _strip_places(form: str) -> str:
    """姚北支公司 -> ''; 人保财险浙江省余姚市姚北 -> 人保财险: trailing place words before a branch word
    (a short word the dictionary does not know counts as a place only right before the branch word)."""
    words = _words(form)
    tags = lexicon.coarse_tags()
    if words and lexicon.word_freq(words[-1]) == 0 and len(words[-1]) <= 2 and not lookup(words[-1]):
        words.pop()
    while words and (tags.get(words[-1]) == "ns" or words[-1].endswith(tuple(org_words("place_end")))):
        words.pop()
    return "".join(words)


def shape(form: str, known: set[str]) -> tuple[str, str]:
    """(organization form, relation): relation '' when ``form`` names the organization itself,
    'branch' or 'department' when it names a part of the returned parent ('' parent: unknown)."""
    for b in _ending_words("branch"):
        i = form.find(b)
        if i >= 0:
            return _strip_places(form[:i]), "branch"
    for d in _ending_words("department"):
        if form.endswith(d) and len(form) > len(d):
            return form[:-len(d)], "department"
    words = _words(form)
    last = words[-1] if words else ""
    if any(form.endswith(u) for u in org_words("unit") if not u.endswith("中心")):
        cut = 0
        for w in words[:-1]:                      # 上海财经大学|金融学院: a unit of the university
            cut += len(w)
            if head_of(form[:cut])[1] in ("school", "hospital", "company") and _is_org_form(form[:cut], known):
                return form[:cut], "department"
    if len(words) >= 2 and last[-1:] in org_words("department_head") and not head_of(form)[0].endswith(last):
        prefix = form[:-len(last)]
        if _is_org_form(prefix, known):
            return prefix, "department"
    from analysis.extract.names import cues

    for r in sorted(cues().roles, key=len, reverse=True):
        if len(r) >= 2 and form.endswith(r) and len(form) > len(r) + 1:
            return shape(form[:-len(r)], known) if _is_org_form(form[:-len(r)], known) else ("", "role")
    return form, ""


# ---- vetoes -----------------------------------------------------------------------------------

def veto(form: str, *, generic_ok: bool = False) -> str:
    """Why ``form`` cannot be an organization row on its own ('' when it can)."""
    if DIGITS_RE.match(form):
        return "number"
    if form.endswith(_ending_words("hotline")):
        return "hotline"
    if form in org_words("generic") or form in org_words("department") or form in {h for h, _ in type_heads()}:
        return "generic"
    words = _words(form)
    func = lexicon.function_words()
    head = head_of(form)[0]
    body = words[:-1] if head and len(words) > 1 and words[-1].endswith(head) else words
    if head and words and len(head) > len(words[-1]):
        body = _words(form[:-len(head)])         # 重庆市|经济和信息化委员会: the head spans several words
    if any(w in func or w in org_words("stop") for w in body[1:]):
        return "function-word"
    generic = org_words("generic")
    if not generic_ok and any(w in generic for w in body) and not any(
            w not in generic and (lexicon.is_proper_or_unknown(w) or w in _known_forms()) for w in body):
        return "generic"                   # 大型互联网公司, 国内航空公司: modifiers and a head, no name
    if not head and words and lexicon.coarse_tags().get(words[-1]) in ("v", "a", "d"):
        return "not-a-name"
    return ""


@functools.cache
def _known_forms() -> frozenset[str]:
    return frozenset(gazetteer().canonical)


# ---- aliases ----------------------------------------------------------------------------------

def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def short_form_of(short: str, long: str) -> bool:
    """Is ``short`` a short form of ``long`` (疾管署 of 疾病管制署, 南网 of 南方电网, 远程银行中心 of
    邮储银行远程银行中心, 邮储 of 邮储银行)?  Characters in order, the last one within the last two of
    ``long``; a leading part of ``long`` is a short form only when the rest is a company word (滴滴|出行,
    邮储|银行), not a unit (首都航空|呼叫中心 is a centre of its own)."""
    if len(short) < 2 or len(short) >= len(long) or not _subsequence(short, long):
        return False
    if long.startswith(short):
        return long[len(short):] in org_words("company_word")
    if long.endswith(short):
        return not veto(short) or bool(head_of(short)[0])
    return short[-1] in long[-2:]


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
    fields = meta.get("fields") if isinstance(meta.get("fields"), dict) else {}
    for value in (meta.get("author"), meta.get("source"), fields.get("author"), fields.get("source")):
        for v in _values(value):
            canon = outlet_name(v)
            if canon:
                out.append((v, canon))
    return out


# ---- resolve ----------------------------------------------------------------------------------



def _parent(form: str, known: set[str], tags: dict[str, Counter]) -> tuple[str, str] | None:
    """(form, canonical) of the organization a branch or department belongs to, or None when
    ``form`` names none: a known name, a known name at its start (携程|酒店服务部), a form found
    elsewhere in the document, or a name with a head word."""
    if not form:
        return None
    canon = lookup(form)
    if canon:
        return form, canon
    starts = [h for h in _gazetteer_hits(form, gazetteer()) if h[0] == 0]
    if starts:
        return starts[0][2], starts[0][3]
    if form in known or tags.get(form, Counter())["ORG"] or head_of(form)[0]:
        return form, ""
    return None


def resolve(doc: Document) -> list[Organization]:
    from analysis.extract import ner

    text = doc.text or ""
    gaz = gazetteer()
    recognized = ner.recognize_document(text) if text else ()
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

    spans = _best_spans(_mentions(text, recognized))
    inside = [False] * len(text)
    for m in spans:
        for i in range(m.start, m.end):
            inside[i] = True
    known = {m.form for m in spans if m.source != "model" or not veto(m.form)}
    loose: list[Mention] = []
    for m in spans:
        form = m.form
        if m.canon:
            weak = form in gaz.weak or (lexicon.coarse_tags().get(form) in ("v", "a", "d")
                                        and not tags.get(form, Counter())["ORG"])
            add(form, m.start, m.canon, m.source, "gazetteer", strong=not weak)
            continue
        parent, rel = shape(form, known)
        if rel == "role":
            continue
        if rel:
            found = _parent(parent, known, tags)
            if found is None:
                loose.append(m)
                continue
            pform, canon = found
            if veto(pform) and not canon:
                continue
            add(pform, m.start, canon, m.source, f"{m.source}+{rel}", strong=True)
            add(form, m.start, canon, m.source, f"{m.source}+{rel}", strong=True, part_of=pform)
            continue
        why = veto(form, generic_ok=m.generic_ok) or (_model_doubt(text, form, tags, inside) if m.source == "model" and not m.head else "")
        if why and not (m.head and why == "function-word" and m.source == "head"):
            add(form, m.start, "", m.source, f"veto:{why}", strong=False)   # may still be a short form
            continue
        rule = f"head:{m.head}" if m.source == "head" else "model"
        add(form, m.start, "", m.source, rule, strong=True)

    # a branch named without its parent (姚北支公司) belongs to the organization whose other branches
    # the document names
    parents = Counter(k for k, c in clusters.items() if c.branch_only)
    for m in loose:
        if parents:
            key = parents.most_common(1)[0][0]
            clusters[key].forms.setdefault(m.form, m.start)
            clusters[key].branch_only.add(m.form)

    _credits_and_groups(doc, text, add, clusters)
    _merge_short_forms(clusters)
    return _rows(text, clusters, tags)


def _model_doubt(text: str, form: str, tags: dict[str, Counter], inside: list[bool]) -> str:
    """Why a string only the recognizer found (no head word, not known) is doubtful in this
    document: tagged ORG at fewer than half of its free occurrences, a frequent common word or a
    Latin word tagged once, a place name."""
    k = tags.get(form, Counter())["ORG"]
    n, start = 0, text.find(form)
    while start >= 0:
        n += 1
        start = text.find(form, start + len(form))
    if 2 * k < n:
        return "inconsistent"
    if k < 2 and form.isascii():
        return "latin-word"
    if k < 2 and lexicon.word_freq(form) and lexicon.coarse_tags().get(form) not in ("nt", "j"):
        return "common-word"
    if form.endswith(tuple(org_words("place_end"))):
        return "place"
    return ""


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
    for surface, canon in meta_orgs(doc):
        if canon in org_words("house"):               # 本报, 本台: the document's own outlet, named elsewhere
            continue
        pos = text.find(surface)
        known = canon in gaz.types
        add(surface, pos if pos >= 0 else len(text), canon if known else "", "credit", "credit", strong=True)
        if not known and canon != surface:
            add(canon, pos if pos >= 0 else len(text), "", "credit", "credit", strong=True)
            clusters[canon].forms.update({surface: pos})
        if (gaz.types.get(canon) or "media") == "media":
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


def _rows(text: str, clusters: dict[str, Cluster], tags: dict[str, Counter]) -> list[Organization]:
    out = []
    for c in clusters.values():
        if not c.strong or not c.forms:
            continue
        rules = [r for r in c.rules if not r.startswith("veto:")]
        if not rules or all(r == "+alias" for r in rules):
            continue
        names = [f for f in c.forms if f not in c.branch_only] or list(c.forms)
        longest = max(names, key=lambda f: (len(f), -c.forms[f]))
        name = c.canon or longest
        if veto(name) in ("hotline", "number") and not c.canon:
            continue
        typ = _type(c, name)
        forms = sorted(c.forms, key=lambda f: c.forms[f])
        mentions = _count(text, forms)
        rule = rules[0] + ("".join(r for r in rules[1:] if r.startswith("+"))[:40])
        if rules[0] == "model":
            n = sum(tags.get(f, Counter())["ORG"] for f in forms)
            rule = f"model:{n}/{max(mentions, 1)}" + rule[len("model"):]
        out.append(Organization(name=name, aliases=tuple(forms), type=typ, mentions=max(mentions, 1), rule=rule))
    out.sort(key=lambda o: min((text.find(a) for a in o.aliases if a in text), default=len(text)))
    return out


def _type(c: Cluster, name: str) -> str:
    """The gazetteer's type; else the type of the head word of the fullest form, where a centre or
    unit (中心) takes the type of the known organization it starts with (南方电网|客服中心: company);
    else 'other' for a quoted group and 'company' for a brand the recognizer found."""
    gaz = gazetteer()
    if c.canon and gaz.types.get(c.canon) in TYPES:
        return gaz.types[c.canon]
    for f in sorted(c.forms, key=len, reverse=True):
        head, typ = head_of(f)
        if not head:
            continue
        if typ == "other":
            owner = [h[3] for h in _gazetteer_hits(f[:-len(head)], gaz) if h[0] == 0]
            if owner and gaz.types.get(owner[0]) in TYPES:
                return gaz.types[owner[0]]
        return typ if typ in TYPES else "other"
    return "other" if "quoted" in c.sources else "company"


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
