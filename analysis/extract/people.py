"""People: the rows of the people table, from the names of ``names.resolve``.

How a name is found is the business of ``analysis/extract/names/``: the sentence recognizer tags every
sentence (``recognize.py``), cue words add and confirm names (``evidence.py``), and ``resolve.py``
decides per document (consistency, vetoes, aliases).  Here each name gets its row:

1. credits (``doc.meta["credits"]``) add journalists and editors, with the outlet as employer
   (``rule=credit``);
2. ``roles.describe`` finds role and employer in the clauses around the mentions; a surname + title
   form (王先生) without a role word takes one from what its sentence says it does (``role_contexts.tsv``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from analysis.document import Document, Organization, Person
from analysis.extract import roles
from analysis.extract.names import cues, evidence, is_cjk, resolve

CREDIT_SEP_RE = re.compile(r"[\s、，,/|；;]+")


def extract(doc: Document, *, orgs: Sequence[Organization] = ()) -> list[Person]:
    """People named in ``doc``."""
    return _extract(doc, orgs)


# ---- credits ----------------------------------------------------------------------------------

def _split_credit_name(name: str) -> list[str]:
    """'邵明秦岚' -> ['邵明', '秦岚'] when two two-character names are run together; separators split."""
    parts = [p for p in CREDIT_SEP_RE.split(name) if p]
    out = []
    c = cues()
    for p in parts:
        if len(p) == 4 and all(is_cjk(ch) for ch in p) and p[0] in c.surnames and p[2] in c.surnames \
                and p[:2] not in c.compound_surnames:
            out += [p[:2], p[2:]]
        elif len(p) == 6 and all(is_cjk(ch) for ch in p) and p[0] in c.surnames and p[3] in c.surnames:
            out += [p[:3], p[3:]]
        else:
            out.append(p)
    return out


CREDIT_ROLES = {"文": "记者", "记者": "记者", "编辑": "编辑", "责任编辑": "编辑", "责编": "编辑",
                "图": "摄影", "图片": "摄影", "摄影": "摄影", "通讯员": "通讯员"}


def _credit_role(raw: str) -> str | None:
    """'文' -> 记者, '本报记者' -> 记者, '责任编辑' -> 编辑."""
    if not raw:
        return None
    if raw in CREDIT_ROLES:
        return CREDIT_ROLES[raw]
    c = cues()
    m = None
    if c.any_role_re:
        for m in c.any_role_re.finditer(raw):
            pass
    return c.roles[m.group()] if m else raw


SOURCE_ROLES = frozenset({"来源", "出处"})
PRESS_ROLES = frozenset({"记者", "编辑", "摄影", "通讯员"})


def _document_outlet(doc: Document) -> str | None:
    """The one media outlet the front matter or credits name, if exactly one."""
    from analysis.extract import orgs as orgs_mod

    outlets = {canon for _surface, canon in orgs_mod._meta_orgs(doc)
               if orgs_mod.gazetteer().types.get(canon, "media") == "media"
               and canon not in orgs_mod.org_words("house")}
    return outlets.pop() if len(outlets) == 1 else None


def _credit_people(doc: Document) -> list[tuple[str, str | None, str | None]]:
    from analysis.extract import orgs as orgs_mod

    out = []
    meta = doc.meta or {}
    for cr in meta.get("credits") or ():
        if not isinstance(cr, dict) or not cr.get("name"):
            continue
        raw = str(cr["name"]).strip()
        if orgs_mod.lookup(raw):
            continue
        role = _credit_role(str(cr.get("role") or ""))
        if role in SOURCE_ROLES:
            continue                     # 来源：大众网 names the outlet, not a person
        outlet = cr.get("outlet")
        org = (orgs_mod.lookup(str(outlet)) or str(outlet)) if outlet else None
        for n in _split_credit_name(raw):
            if 2 <= len(n) <= 4 and all(is_cjk(ch) for ch in n) and resolve.veto(doc.text or "", n, 1, {}) is None:
                out.append((n, role, org))       # 字号, 浏览 under 编辑： are page furniture, vetoed as words
    return out


# ---- assembling -------------------------------------------------------------------------------

def _extract(doc: Document, orgs: Sequence[Organization]) -> list[Person]:
    text = doc.text or ""
    people: dict[str, Person] = {}
    outlet = _document_outlet(doc)
    extra = "\n".join((doc.meta or {}).get("name_lines") or ())
    org_forms = {f for o in orgs for f in (o.name, *o.aliases)}
    for found in resolve.resolve(text, extra=extra):
        name, forms = found.name, found.aliases
        if found.rule == "model" and name in org_forms:
            continue                     # 来源:云信网: the recognizer's person is the document's organization
        role, org = roles.describe(text, name, orgs)
        if org is None and role in PRESS_ROLES:
            org = outlet                 # 【记者X／台北报导】 in a paper whose front matter names it
        for form in forms[1:]:
            if role is None and org is None and len(form) > 1:
                role, org = roles.describe(text, form, orgs)
        intro = evidence.intro_of(text, name) if role is None else None
        if role is None and (intro or name[1:] in cues().polite_titles):
            role = roles.from_context(text, intro or name)
        people[name] = Person(name=name, aliases=tuple(forms), role=role, org=org, mentions=found.mentions,
                              rule=found.rule)
    for name, role, org in _credit_people(doc):
        if name in people:
            p = people[name]
            people[name] = Person(p.name, p.aliases, p.role or role, p.org or org, p.mentions, p.rule)
        else:
            people[name] = Person(name=name, aliases=(name,), role=role, org=org,
                                  mentions=max(text.count(name), 1), rule="credit")
    from analysis.extract.orgs_resolve import only_inside

    for name in only_inside(text + "\n" + extra, set(people)):
        if people[name].rule == "model":
            del people[name]             # 严云 of (图/记者严云岑摄): a reading cut short, not a person
    return sorted(people.values(), key=lambda p: (text.find(p.name) if p.name in text else len(text), p.name))

