"""People and organizations on hand-annotated articles the rules were not written from.

``tests/fixtures/unseen/`` holds invented news articles about service work under peak load (e-commerce
sales, a typhoon in Taiwan in traditional script, a flood and a city hotline, a snowstorm and airline
rebooking, a bank card outage, a Hong Kong delivery peak) and ``expected.json`` their people and
organizations. Matching follows the reference scorer: a found entity matches an expected one when any of
its forms equals the expected name or one of its aliases. Run ``python -m tests.test_unseen`` for a
per-article table with the misses and the extra entities.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from analysis import boilerplate, pipeline
from analysis.extract import orgs, people

FIXTURES = Path(__file__).parent / "fixtures" / "unseen"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
ARTICLES = sorted(k for k in EXPECTED if not k.startswith("_"))
FLOORS = {"people": 0.95, "organizations": 0.95}


def _extract(name: str):
    doc, _ = pipeline.prepare(FIXTURES / name, name)
    doc, _ = boilerplate.strip_document(doc, common=frozenset())
    found_orgs = orgs.extract(doc)
    return people.extract(doc, orgs=found_orgs), found_orgs


def _match(found: list[tuple[str, set[str]]], gold: list[dict], optional: set[str]):
    gold_forms = [{g["name"], *g.get("aliases", [])} for g in gold]
    hit_gold: set[int] = set()
    tp_pred, extra = 0, []
    for name, forms in found:
        idx = [i for i, gf in enumerate(gold_forms) if forms & gf]
        if idx:
            tp_pred += 1
            hit_gold.update(idx)
        elif not forms & optional:
            extra.append(name)
    missed = [g["name"] for i, g in enumerate(gold) if i not in hit_gold]
    return tp_pred, tp_pred + len(extra), len(hit_gold), len(gold), missed, extra


def _role_org(found, gold: list[dict]) -> tuple[int, int, int, list[str]]:
    """(people matched, role right, employer right, disagreements) over found people that match."""
    n = role_ok = org_ok = 0
    wrong = []
    for p in found:
        g = next((g for g in gold if {p.name, *p.aliases} & {g["name"], *g.get("aliases", [])}), None)
        if g is None:
            continue
        n += 1
        role_ok += p.role == g.get("role")
        org_ok += p.org == g.get("org")
        if p.role != g.get("role") or p.org != g.get("org"):
            wrong.append(f"{p.name}: {p.role}/{p.org} (expected {g.get('role')}/{g.get('org')})")
    return n, role_ok, org_ok, wrong


def evaluate(prefix: str = "") -> dict:
    totals = {k: [0, 0, 0, 0] for k in FLOORS}
    details = {}
    attrs = [0, 0, 0]
    attr_errors = []
    for name in ARTICLES:
        if not name.startswith(prefix):
            continue
        exp = EXPECTED[name]
        ps, os_ = _extract(name)
        n, r_ok, o_ok, wrong = _role_org(ps, exp["people"])
        attrs = [attrs[0] + n, attrs[1] + r_ok, attrs[2] + o_ok]
        attr_errors += wrong
        rows = {
            "people": _match([(p.name, {p.name, *p.aliases}) for p in ps], exp["people"],
                             set(exp.get("optional_people", []))),
            "organizations": _match([(o.name, {o.name, *o.aliases}) for o in os_], exp["organizations"],
                                    set(exp.get("optional_orgs", []))),
        }
        details[name] = rows
        for k, r in rows.items():
            for i in range(4):
                totals[k][i] += r[i]
    scores = {}
    for k, (tpp, npred, tpg, ngold) in totals.items():
        p = tpp / npred if npred else 0.0
        r = tpg / ngold if ngold else 0.0
        scores[k] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    n = attrs[0] or 1
    return {"scores": scores, "details": details, "role_accuracy": attrs[1] / n, "org_accuracy": attrs[2] / n,
            "attr_errors": attr_errors}


@pytest.fixture(scope="module")
def result():
    return evaluate()


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_f1_floor(result, kind):
    p, r, f = result["scores"][kind]
    misses = {n: d[kind][4:] for n, d in result["details"].items() if d[kind][4] or d[kind][5]}
    assert f >= FLOORS[kind], f"{kind} F1 {f:.3f} (P {p:.3f} R {r:.3f}); misses/extras: {misses}"


def test_role_and_employer_accuracy(result):
    assert result["role_accuracy"] >= 0.95, result["attr_errors"]
    assert result["org_accuracy"] >= 0.9, result["attr_errors"]


def test_roles_and_employers():
    """Role and employer of a person introduced by a role word, on text it was not written from."""
    ps, _ = _extract("u2_typhoon_telecom_tw.md")
    found = {p.name: p for p in ps}
    assert found["蔡明哲"].role == "值班长" and found["蔡明哲"].org == "台湾大哥大"
    assert found["黄诗涵"].org == "中华电信"
    ps, _ = _extract("u3_flood_12345.md")
    found = {p.name: p for p in ps}
    assert found["小刘"].role == "接线员"
    assert found["郑凯"].org == "扬子晚报"


if __name__ == "__main__":
    res = evaluate(sys.argv[1] if len(sys.argv) > 1 else "")
    for name, rows in res["details"].items():
        for k, (_tpp, _np, _tpg, _ng, missed, extra) in rows.items():
            if missed or extra:
                print(f"{name:28} {k:13} missed={missed} extra={extra}")
    for k, (p, r, f) in res["scores"].items():
        print(f"{k:13} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"people role accuracy {res['role_accuracy']:.3f}, employer accuracy {res['org_accuracy']:.3f}")
    for w in res["attr_errors"]:
        print("  ", w)
    sys.exit(0)
