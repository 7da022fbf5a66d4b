"""Cross-document entities: one row per person or organization across the corpus.

An organization found in several articles (阿里巴巴 in one, 阿里 in another, when
the other article lists 阿里 as an alias of 阿里巴巴) becomes one entity. Rows are
merged when their names, aliases or canonical names share a form of two characters
or more (union-find, so the result does not depend on document order): 人保财险 in
one article and 中国人民财产保险 in another meet at their canonical name. People are
merged on their full name only: two 王哥 in two articles are rarely the same man,
and a short form says nothing across articles.

``documents`` counts articles, ``mentions`` sums the per-article mention counts.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

ENTITY_KINDS = ("person", "organization")


def _aliases(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        items = value
    else:
        items = str(value).split("|")
    return [a.strip() for a in items if a and str(a).strip()]


def _int(value) -> int:
    try:
        return max(0, int(float(value)))
    except (TypeError, ValueError):
        return 1


class _Groups:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _name(row: Mapping) -> str:
    """The row's name across documents: its canonical name where the table gives one."""
    return str(row.get("canonical") or "").strip() or str(row["name"]).strip()


def _merge(rows: list[Mapping], *, by_alias: bool, entity: str) -> list[dict]:
    rows = [r for r in rows if str(r.get("name") or "").strip()]
    # sort first: the grouping and the chosen names must not depend on file order
    rows.sort(key=lambda r: (str(r.get("doc_id") or ""), str(r.get("name"))))
    groups = _Groups(len(rows))
    first_with: dict[str, int] = {}
    for i, r in enumerate(rows):
        forms = {_name(r)}
        if by_alias:
            forms |= {a for a in (*_aliases(r.get("aliases")), str(r["name"]).strip()) if len(a) >= 2}
        for form in forms:
            if form in first_with:
                groups.union(first_with[form], i)
            else:
                first_with[form] = i
    members: dict[int, list[Mapping]] = {}
    for i, r in enumerate(rows):
        members.setdefault(groups.find(i), []).append(r)

    out = []
    for group in members.values():
        docs = sorted({str(r.get("doc_id") or "") for r in group})
        names = Counter(_name(r) for r in group)
        used = Counter(form for r in group
                       for form in {_name(r), str(r["name"]).strip(), *_aliases(r.get("aliases"))})
        # the name most articles give as canonical, then the form most articles use,
        # then the fuller (longer) form, then code point order
        name = min(names, key=lambda n: (-names[n], -used[n], -len(n), n))
        aliases = sorted(set(used))
        if entity == "person":
            kind = "person"
        else:
            types = Counter(str(r.get("type") or "other") for r in group)
            kind = min(types, key=lambda t: (-types[t], t))
        out.append({
            "name": name, "entity": entity, "type": kind, "documents": len(docs),
            "mentions": sum(_int(r.get("mentions")) for r in group),
            "aliases": aliases, "doc_ids": docs,
        })
    return out


def build(people: Iterable[Mapping], organizations: Iterable[Mapping]) -> list[dict]:
    """Entity rows (columns of ``tables.SCHEMAS['entities']``), most widespread first."""
    rows = _merge(list(organizations), by_alias=True, entity="organization")
    rows += _merge(list(people), by_alias=False, entity="person")
    rows.sort(key=lambda e: (-e["documents"], -e["mentions"], e["entity"], e["name"]))
    return rows


def rows_of(table) -> list[dict]:
    """A table (DataFrame, or an already converted list of dicts) as a list of dicts.

    Goes column by column through numpy: ``DataFrame.to_dict('records')`` boxes
    every Arrow-backed string cell one at a time and is ~50x slower on big tables.
    """
    if table is None:
        return []
    if isinstance(table, list):
        return list(table)
    if len(table) == 0:
        return []
    cols = [str(c) for c in table.columns]
    values = [table[c].to_numpy(dtype=object) for c in table.columns]
    return [dict(zip(cols, row)) for row in zip(*values)]


def from_tables(tables: Mapping) -> list[dict]:
    """Entities from DataFrames as returned by ``tables.read_tables`` (or lists of row dicts)."""
    return build(rows_of(tables.get("people")), rows_of(tables.get("organizations")))


def write(out_dir: Path) -> Path:
    """Read people.csv and organizations.csv in ``out_dir`` and write entities.csv beside them.

    This is the corpus-level second pass: run it after every document is written.
    """
    from analysis.tables import CsvTableWriter, read_rows

    tables = {name: read_rows(out_dir, name) for name in ("people", "organizations")}
    with CsvTableWriter(out_dir, ["entities"]) as w:
        w.write("entities", from_tables(tables))
    return Path(out_dir) / "entities.csv"


def count(out_dir: Path) -> int:
    """Rows of entities.csv in ``out_dir`` (0 when it is not there)."""
    from analysis.tables import read_rows

    return len(read_rows(out_dir, "entities"))
