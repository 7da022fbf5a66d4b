"""Role and employer of a named person, read from the clauses around its mentions.

Order of evidence: a copula clause (X是一名京东的开发工程师, X是运营), a role word right before the
name (京东客服X, 求助人孙女士), a role word earlier in the same clause (作为商家运营的X). The employer is
the organization named in that clause before the role word (canonical name).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from analysis import resources

from analysis.document import Organization
from analysis.extract import orgs as orgs_mod
from analysis.extract.names import cues

COPULA_RE = re.compile(r"(?:都|也|还|就|已经|一直|曾经|曾)?是")
VAGUE_ROLES = frozenset({"员工", "工作人员"})   # kept only when nothing more precise is said
SENTENCE_END = "。！？!?\n"
CLAUSE_END = "，。！？；：,!?;:\n"
LOOKBACK = 16


def _clause_after(text: str, j: int) -> str:
    k = j
    while k < len(text) and text[k] not in CLAUSE_END and k - j < 40:
        k += 1
    return text[j:k]


def _clause_before(text: str, i: int) -> str:
    k = i
    while k > 0 and text[k - 1] not in CLAUSE_END and i - k < LOOKBACK:
        k -= 1
    return text[k:i]


def _org_in(span: str, orgs: Sequence[Organization]) -> str | None:
    """The organization named last in ``span`` (canonical); the longer form wins at one position, except
    that a company beats the centre named after it (台湾大哥大|客服中心: staff work for 台湾大哥大)."""
    best, best_key = None, (-1, False, 0)
    for o in orgs:
        centre = o.name.endswith("中心")
        for a in o.aliases:
            p = span.rfind(a)
            if p >= 0 and (p, not centre, len(a)) > best_key:
                best, best_key = o.canonical or o.name, (p, not centre, len(a))
    if best is None:
        hits = orgs_mod._gazetteer_hits(span, orgs_mod.gazetteer())
        if hits:
            best = hits[-1][3]
    return best


def _role_in(span: str) -> tuple[str, int] | None:
    c = cues()
    if not c.any_role_re:
        return None
    found = None
    for m in c.any_role_re.finditer(span):
        found = (c.roles[m.group()], m.start())
    return found


def describe(text: str, name: str, orgs: Sequence[Organization]) -> tuple[str | None, str | None]:
    """(role, employer) for ``name`` from its mentions in ``text``."""
    c = cues()
    role = org = None
    i = text.find(name)
    # 1. copula: X是(一名)…ROLE
    while i >= 0 and (role is None or role in VAGUE_ROLES):
        m = COPULA_RE.match(text, i + len(name))
        if m:
            clause = _clause_after(text, m.end())
            r = _role_in(clause)
            if r and (role is None or r[0] not in VAGUE_ROLES):
                role = r[0]
                org = _org_in(clause[:r[1]], orgs) or org
            elif org is None:
                org = _org_in(clause, orgs)          # X是京东的老员工
        i = text.find(name, i + 1)
    # 2. role word right before, or earlier in the same clause
    i = text.find(name)
    while i >= 0 and role is None:
        before = _clause_before(text, i)
        r = _role_in(before)
        if r and before[r[1]:].rstrip("的") in c.roles or (r and len(before) - r[1] <= 8):
            role = r[0]
            org = org or _org_in(before[:r[1]] or before, orgs)
        i = text.find(name, i + 1)
    # 3. 作为旅行平台的一线客服人员，X…: a role in a 作为 clause earlier in the sentence
    i = text.find(name)
    while i >= 0 and role is None:
        lo = i
        while lo > 0 and text[lo - 1] not in SENTENCE_END and i - lo < 40:
            lo -= 1
        k = text.rfind("作为", lo, i)
        if k >= 0:
            r = _role_in(text[k:i])
            if r:
                role = r[0]
                org = org or _org_in(text[k:k + r[1]], orgs)
        i = text.find(name, i + 1)
    if org is None:
        i = text.find(name)
        while i >= 0 and org is None:
            org = _org_in(_clause_before(text, i), orgs)
            i = text.find(name, i + 1)
    # 在圆通速递的客服中心，客服组长X: staff take the organization named earlier in the sentence
    if org is None and role is not None and role not in public_roles():
        i = text.find(name)
        lo = i
        while lo > 0 and text[lo - 1] not in SENTENCE_END and i - lo < 60:
            lo -= 1
        if i > lo:
            org = _org_in(text[lo:i], orgs)
    return role, org


@functools.cache
def public_roles() -> frozenset[str]:
    """Canonical roles of members of the public (市民, 乘客, 求助者): they have no employer here."""
    rows = resources.tsv_rows("roles.tsv")
    return frozenset({r["canonical"] or r["role"] for r in rows if r.get("public") == "yes"}
                     | {r["role"] for r in resources.tsv_rows("role_contexts.tsv") if r.get("role")})


@functools.cache
def _context_re() -> tuple[re.Pattern | None, dict[str, str]]:
    table = {r["phrase"]: r["role"] for r in resources.tsv_rows("role_contexts.tsv") if r.get("phrase")}
    if not table:
        return None, table
    return re.compile("|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))), table


def from_context(text: str, name: str) -> str | None:
    """Role of a member of the public named by a title form (王先生, 李女士) without a role word, from
    what the sentence introducing them says they do (打进电话 -> 求助者, 改签 -> 乘客); data file
    ``role_contexts.tsv``."""
    i = text.find(name)
    if i < 0:
        return None
    lo = i
    while lo > 0 and text[lo - 1] not in SENTENCE_END and i - lo < 60:
        lo -= 1
    hi = i
    while hi < len(text) and text[hi] not in SENTENCE_END and hi - i < 80:
        hi += 1
    pattern, table = _context_re()
    if pattern is None:
        return None
    m = pattern.search(text, lo, hi)
    return table[m.group()] if m else None
