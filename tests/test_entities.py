"""Cross-document entities: one row per organization or person across articles."""
from __future__ import annotations

import random

from analysis import entities
from analysis.tables import SCHEMAS, read_tables

ORGS = [
    {"doc_id": "a.txt", "name": "阿里巴巴", "aliases": "阿里巴巴|阿里", "type": "company", "mentions": "4"},
    {"doc_id": "b.txt", "name": "阿里", "aliases": "阿里", "type": "company", "mentions": "2"},
    {"doc_id": "c.txt", "name": "阿里巴巴集团", "aliases": "阿里巴巴集团|阿里巴巴", "type": "company", "mentions": "1"},
    {"doc_id": "b.txt", "name": "新民晚报", "aliases": "新民晚报", "type": "media", "mentions": "3"},
    {"doc_id": "c.txt", "name": "新民晚报", "aliases": "", "type": "media", "mentions": ""},
    {"doc_id": "c.txt", "name": "携程", "aliases": "携程|携程旅行网", "type": "company", "mentions": "7"},
]
PEOPLE = [
    {"doc_id": "a.txt", "name": "王哥", "aliases": "王哥", "role": "客服", "mentions": "3"},
    {"doc_id": "b.txt", "name": "王哥", "aliases": "王哥|王", "role": "司机", "mentions": "1"},
    {"doc_id": "b.txt", "name": "王小明", "aliases": "王小明|王", "role": "客服", "mentions": "5"},
]


def by_name(rows):
    return {r["name"]: r for r in rows}


def test_aliases_link_an_organization_across_articles():
    rows = by_name(entities.build([], ORGS))
    ali = rows["阿里巴巴"]
    assert ali["documents"] == 3 and ali["mentions"] == 7
    assert set(ali["aliases"]) == {"阿里", "阿里巴巴", "阿里巴巴集团"}
    assert rows["新民晚报"]["documents"] == 2 and rows["新民晚报"]["type"] == "media"
    assert "阿里" not in rows and "阿里巴巴集团" not in rows


def test_people_merge_on_full_name_only():
    rows = [r for r in entities.build(PEOPLE, []) if r["entity"] == "person"]
    names = sorted((r["name"], r["documents"]) for r in rows)
    # the one-character alias 王 must not glue 王哥 and 王小明 together
    assert names == [("王哥", 2), ("王小明", 1)]


def test_ranked_by_articles_then_mentions_and_independent_of_order():
    first = entities.build(PEOPLE, ORGS)
    assert [r["name"] for r in first[:2]] == ["阿里巴巴", "新民晚报"]
    for seed in range(5):
        orgs, people = ORGS[:], PEOPLE[:]
        random.Random(seed).shuffle(orgs)
        random.Random(seed).shuffle(people)
        assert entities.build(people, orgs) == first


def test_write_adds_entities_csv_with_schema(tmp_path):
    from analysis.tables import CsvTableWriter

    with CsvTableWriter(tmp_path, ["people", "organizations"]) as w:
        w.write("people", PEOPLE)
        w.write("organizations", ORGS)
    path = entities.write(tmp_path)
    df = read_tables(tmp_path, ["entities"])["entities"]
    assert path.name == "entities.csv"
    assert tuple(df.columns) == SCHEMAS["entities"]
    row = df[df.name == "阿里巴巴"].iloc[0]
    assert row.documents == "3" and row.doc_ids == "a.txt|b.txt|c.txt"
    assert len(entities.build([], [])) == 0
