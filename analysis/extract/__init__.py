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
    found_orgs = orgs.extract(doc)
    found_people = people.extract(doc, orgs=found_orgs)
    found_dates = dates.extract(doc)
    found_work = workload.extract(doc, people=found_people, orgs=found_orgs)
    return Extraction(
        people=tuple(found_people),
        organizations=tuple(orgs.listed(found_orgs)),
        dates=tuple(found_dates),
        workload=tuple(found_work),
    )
