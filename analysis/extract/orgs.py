"""Organizations: gazetteer + suffix patterns -> canonical name, aliases, type."""
from __future__ import annotations

from analysis.document import Document, Organization


def extract(doc: Document) -> list[Organization]:
    return []
