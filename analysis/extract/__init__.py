"""Extractors: clean Document -> people, organizations, dates, workload.

Each extractor is a pure function of the cleaned document (``doc.text`` is
simplified Chinese, ``doc.meta`` holds front matter and credits):

    orgs.extract(doc) -> list[Organization]
    people.extract(doc, *, orgs) -> list[Person]
    dates.extract(doc) -> list[DateMention]
    workload.extract(doc, *, people, orgs) -> list[Workload]
"""
from __future__ import annotations

from analysis.document import Document, Extraction
from analysis.extract import dates, orgs, people, workload


def extract_all(doc: Document) -> Extraction:
    """Every table's findings for ``doc``.  An extractor that fails leaves its table empty for this
    document and says why in ``problems`` (an ``errors`` row); the others still run."""
    problems: list[str] = []

    def guarded(table: str, find, *args, **kwargs) -> list:
        try:
            return find(*args, **kwargs)
        except Exception as e:  # noqa: BLE001 - one extractor's failure must not empty the other tables
            problems.append(f"{table}: {type(e).__name__}: {e}")
            return []

    found_orgs = guarded("organizations", orgs.extract, doc)
    found_people = guarded("people", people.extract, doc, orgs=found_orgs)
    found_dates = guarded("dates", dates.extract, doc)
    found_work = guarded("workload", workload.extract, doc, people=found_people, orgs=found_orgs)
    return Extraction(
        people=tuple(found_people),
        organizations=tuple(orgs.listed(found_orgs)),
        dates=tuple(found_dates),
        workload=tuple(found_work),
        problems=tuple(problems),
    )
