"""Organizations: one row per organization a document names, with its aliases, type and the rule behind it.

One path, in four modules: ``orgs_lexicon.py`` (data files, lookups), ``orgs_find.py`` (mentions),
``orgs_shape.py`` (what one string is: head, type, branch, department, veto, short form) and
``orgs_resolve.py`` (the document-level steps):

1. Mentions from three finders: the sentence recognizer's ORG spans on every sentence
   (``ner.recognize_document``, shared with the people extractor), the gazetteer ``data/orgs.tsv``
   and names never seen before found by their head word (…公司, …医院, …晚报; ``orgs_heads.py``), plus
   outlets named in credits, front matter, source lines (来源:X) and datelines (X讯).
2. Resolution at document level: overlapping mentions keep the best span; a trailing department or
   branch makes a mention of its parent (姚北支公司 is part of 人保财险); vetoes drop hotlines, generic
   descriptions and strings the recognizer itself contradicts elsewhere in the document; short forms
   join their full name by character subsequence (疾管署 = 疾病管制署); a centre named after its
   organization (南方电网客服中心) is a row of its own and a mention of that organization; every form's
   mentions are counted.
3. Type from the gazetteer or the head word (报, 台, 网 media; 局, 署, 部 government; 医院 hospital).

Weak gazetteer aliases (头条, 菜鸟, 澎湃) count only when the same organization is also named by a strong
form or in a credit.
"""
from __future__ import annotations

from analysis import resources  # noqa: F401 - re-exported for callers and tests
from analysis.document import Document, Organization
from analysis.extract.orgs_lexicon import (
    TYPES,
    Gazetteer,
    Suffix,
    _gazetteer_hits,
    gazetteer,
    lookup,
    org_ends,
    org_type,
    org_words,
    outlet_name,
    suffixes,
    trie_regex,
)

__all__ = [
    "TYPES",
    "Gazetteer",
    "Suffix",
    "_gazetteer_hits",
    "_meta_orgs",
    "extract",
    "gazetteer",
    "listed",
    "lookup",
    "org_ends",
    "org_type",
    "org_words",
    "outlet_name",
    "suffixes",
    "trie_regex",
]


def _meta_orgs(doc: Document) -> list[tuple[str, str]]:
    from analysis.extract.orgs_resolve import meta_orgs

    return meta_orgs(doc)


def extract(doc: Document) -> list[Organization]:
    """Organizations named in ``doc``."""
    return _extract(doc)


def listed(found: list[Organization]) -> list[Organization]:
    """The rows of the organizations table: a known hotline (12345热线, 1823热线) stays in ``extract``'s
    answer, where workload figures and people may name it as their subject or employer, but is no
    organization of the table (gold/FORMAT.md: the hotline itself is not one, named or not)."""
    from analysis.extract.orgs_shape import veto

    return [o for o in found if veto(o.name) not in ("hotline", "number")]


def _extract(doc: Document) -> list[Organization]:
    from analysis.extract.orgs_resolve import resolve

    return resolve(doc)
