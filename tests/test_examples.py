"""Duckling-style example tables: tests/examples/<name>.tsv and <name>.neg.txt.

Each positive row must be found over its full span exactly once with the listed
values; each negative line must yield nothing. Rows marked ``xfail`` in the
``status`` column are known failures and stay in the table.
Dates have their own runner (tests/test_dates.py).
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.document import Document
from analysis.extract import numerals, workload

EXAMPLES = Path(__file__).parent / "examples"


def rows(name: str) -> list[dict[str, str]]:
    path = EXAMPLES / f"{name}.tsv"
    if not path.exists():
        return []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in r.items() if k} for r in reader]


def negatives(name: str) -> list[str]:
    path = EXAMPLES / f"{name}.neg.txt"
    if not path.exists():
        return []
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def params(name: str):
    out = []
    for r in rows(name):
        marks = [pytest.mark.xfail(strict=True, reason="known failure")] if r.get("status") == "xfail" else []
        out.append(pytest.param(r, id=r["text"], marks=marks))
    return out


def num(s: str) -> float | None:
    return float(s) if s else None


# ---------------------------------------------------------------- numerals

@pytest.mark.parametrize("row", params("numerals"))
def test_numeral_example(row):
    text = row["text"]
    found = numerals.find(text)
    full = [m for m in found if (m.start, m.end) == (0, len(text))]
    assert len(found) == 1 and len(full) == 1, found
    m = full[0]
    assert (m.low, m.high, m.qualifier) == (num(row["low"]), num(row["high"]), row["qualifier"])
    assert m.percent == (row.get("percent") == "1")
    # parse() agrees with find() on a whole phrase
    assert numerals.parse(text) == m.quantity()


@pytest.mark.parametrize("text", negatives("numerals"))
def test_numeral_negative(text):
    assert numerals.find(text) == []


# ---------------------------------------------------------------- workload

def _doc(text: str) -> Document:
    return Document(id="example", path="example", raw=text, text=text)


@pytest.mark.parametrize("row", params("workload"))
def test_workload_example(row):
    text = row["text"]
    source = row.get("input") or text
    start = source.index(text)
    found = workload.extract(_doc(source), people=(), orgs=())
    # exactly one figure over the phrase (an ``input`` context may hold other figures elsewhere)
    found = [w for w in found if w.start < start + len(text) and w.end > start]
    assert len(found) == 1, [(w.text, w.value_low) for w in found]
    w = found[0]
    assert (w.start, w.end, w.text) == (start, start + len(text), text)
    want = (num(row["value_low"]), num(row["value_high"]), row["unit"] or None, row["metric"],
            row["period"] or None, row["qualifier"])
    got = (w.value_low, w.value_high, w.unit, w.metric, w.period, w.qualifier)
    assert got == want


@pytest.mark.parametrize("text", negatives("workload"))
def test_workload_negative(text):
    assert workload.extract(_doc(text), people=(), orgs=()) == []


def test_enough_examples():
    """Issue 4: numerals + workload provide at least 100 positive rows."""
    assert len(rows("numerals")) + len(rows("workload")) >= 100
