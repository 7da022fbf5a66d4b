"""Workload figures: number + unit + metric + period + qualifier + subject."""
from __future__ import annotations

from collections.abc import Sequence

from analysis.document import Document, Organization, Person, Workload


def extract(doc: Document, *, people: Sequence[Person] = (), orgs: Sequence[Organization] = ()) -> list[Workload]:
    return []
