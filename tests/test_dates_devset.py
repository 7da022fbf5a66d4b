"""No invented years: on every devset article, each year in the dates table is supported by the article.

A resolved year is supported when it is written in the text (2020年, 2020-02-11, 二〇二〇年, a Taiwan
ROC year such as 110年 or 99-02-11), is the publication year, or follows from a relative expression
(今年, 去年, 明年, 两年前, 近二年, 次年, 一个十二月 next to a January publication) and a known reference year.
The event-year table (an epidemic word means 2020) must not be needed for any of them.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SHARED

DEVSET = SHARED / "devset" / "corpus"
YEAR_IN_VALUE = re.compile(r"(?<![\d-])(\d{4})(?=-|/|T|$)")
RELATIVE_YEAR = re.compile(r"今年|去年|前年|明年|后年|本年|同年|次年|翌年|第二年|[\d一二两三四五六七八九十]+年[前后]|近[\d二两三四五六七八九十]+年|年代")


def _clean(path: Path):
    from analysis import boilerplate, pipeline

    doc, _ = pipeline.prepare(path, path.name)
    doc, _ = boilerplate.strip_document(doc, common=frozenset())
    if not doc.meta.get("published"):
        doc = doc.replace(meta={**doc.meta, "published": pipeline.published_from_text(doc)})
    return doc


def _written_years(doc) -> set[int]:
    from analysis.extract import dates
    from analysis.extract.dates_patterns import num

    text = doc.text
    years = {int(y) for y in re.findall(r"(?<!\d)((?:1[89]|20)\d\d)(?!\d)", text)}
    years |= {num(y) for y in re.findall(r"([〇○零一二三四五六七八九]{4})年", text) if num(y)}
    if dates.taiwan(doc):
        years |= {1911 + int(y) for y in re.findall(r"(?<!\d)(\d{2,3})(?=\s*年|[-/.]\d{1,2}[-/.]\d{1,2})", text)
                  if 1 <= int(y) <= 150}
    years |= {1900 + int(y) for y in re.findall(r"(?<!\d)([5-9]\d)年", text)}
    years |= {2000 + int(y) for y in re.findall(r"(?<!\d)([0-4]\d)年", text)}
    return years


def _articles():
    return sorted(DEVSET.glob("*.txt")) if DEVSET.is_dir() else []


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.stem)
def test_every_year_is_supported_by_the_article(path):
    from analysis.extract import dates

    doc = _clean(path)
    ref = dates.reference(doc)
    written = _written_years(doc)
    known = {ref.year} if ref.year and ref.source in ("published", "text", "today", "dateline", "body") else set()
    bad = []
    for m in dates.extract(doc):
        for y in map(int, YEAR_IN_VALUE.findall(m.value or "")):
            if y in written or y in known:
                continue
            if any(abs(y - k) <= 1 for k in known) and m.kind in ("date", "festival", "month", "datetime", "range"):
                continue                                             # 十二月 in a January article
            if RELATIVE_YEAR.search(m.text) and known:
                continue                                             # 去年, 两年前 from a known reference date
            bad.append((m.text, m.value, m.anchor))
    assert not bad, bad


def test_the_devset_is_there_or_skipped():
    if not _articles():
        pytest.skip("../shared/devset is not beside the repository")
    assert len(_articles()) >= 40
