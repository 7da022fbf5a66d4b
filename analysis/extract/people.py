"""People: full names, nicknames, surname + title forms; aliases, role, employer."""
from __future__ import annotations

from collections.abc import Sequence

from analysis.document import Document, Organization, Person


def extract(doc: Document, *, orgs: Sequence[Organization] = ()) -> list[Person]:
    return []
