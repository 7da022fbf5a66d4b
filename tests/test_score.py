"""`kefu evaluate` must agree with the reference scorer (shared/eval/score.py) exactly."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from gold_tables import GOLD, ROOT, gold_rows, write_gold_tables

from analysis import score
from analysis.tables import SCHEMAS

REFERENCE = ROOT.parent / "shared" / "eval" / "score.py"
needs_shared = pytest.mark.skipif(not (REFERENCE.exists() and GOLD.is_dir()),
                                  reason="the reference scorer and gold (../shared) are not beside this checkout")


def reference(out_dir: Path, *flags: str) -> str:
    done = subprocess.run([sys.executable, str(REFERENCE), str(out_dir), str(GOLD), *flags],
                          capture_output=True, text=True, check=True)
    return done.stdout


def ours(out_dir: Path, *flags: str) -> str:
    done = subprocess.run([sys.executable, "-m", "analysis", "evaluate", str(out_dir), "--gold", str(GOLD), *flags],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def write_rows(out_dir: Path, rows: dict[str, list[dict]]) -> Path:
    from analysis.tables import CsvTableWriter

    with CsvTableWriter(out_dir, list(SCHEMAS)) as w:
        for name, table_rows in rows.items():
            w.write(name, table_rows)
    return out_dir


def damaged(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Realistic extractor mistakes: misses, false hits, split aliases, wrong values, repeats."""
    out = {k: [dict(r) for r in v] for k, v in rows.items()}
    out["people"] = out["people"][::2]                                      # misses
    first = dict(out["people"][0])
    out["people"].append({**first, "aliases": [first["name"]]})             # alias not merged: FP-dup
    out["people"].append({**first, "name": "客服小二", "aliases": ["客服小二"]})  # false person
    out["organizations"] = [{**r, "aliases": "、".join(r["aliases"])} for r in out["organizations"][1:]]
    for i, r in enumerate(out["dates"]):
        if i % 3 == 0:
            r["value"] = "2019-01-01"                                       # wrong value
        if i % 5 == 0:
            r["text"] = r["text"] + "前后"                                  # wider span, still contains
    out["dates"] += out["dates"][:4]                                        # repeated wordings count once
    out["dates"].append({"doc_id": out["dates"][0]["doc_id"], "text": "现在", "value": None, "kind": "relative"})
    for i, r in enumerate(out["workload"]):
        if i % 4 == 0:
            r["metric"] = "other"
        if i % 7 == 0:
            r["value_low"] = (r["value_low"] or 0) + 1
        if i % 6 == 0:
            r["text"] = str(r["value_low"])                                 # only the number
    out["boilerplate"] = out["boilerplate"][3:] + [{"doc_id": out["boilerplate"][0]["doc_id"], "text": "正文一行",
                                                   "kind": "noise", "line_no": 1}]
    out["boilerplate"][0]["doc_id"] = "corpus/" + out["boilerplate"][0]["doc_id"]   # doc_id with a folder
    return out


@needs_shared
def test_perfect_tables_score_one_in_both(tmp_path):
    write_gold_tables(tmp_path)
    ev = score.evaluate(tmp_path, GOLD)
    assert all(s["f1"] == 1.0 for s in ev.scores.values())
    assert json.loads(ours(tmp_path, "--json")) == json.loads(reference(tmp_path, "--json"))


@needs_shared
def test_agrees_with_reference_on_realistic_mistakes(tmp_path):
    write_rows(tmp_path, damaged(gold_rows()))
    ref = json.loads(reference(tmp_path, "--json"))
    mine = json.loads(ours(tmp_path, "--json"))
    assert mine == ref
    # the damage is visible: nothing is trivially perfect any more
    assert ref["scores"]["people"]["recall"] < 0.7
    assert ref["scores"]["dates"]["value_acc"] < 0.8
    assert ref["scores"]["workload"]["value_acc"] < 0.9
    # the plain table and the error listing are identical line for line
    assert ours(tmp_path, "--show-errors") == reference(tmp_path, "--show-errors")


@needs_shared
def test_agrees_on_empty_and_missing_tables(tmp_path):
    (tmp_path / "a").mkdir()
    write_rows(tmp_path / "a", {})
    assert ours(tmp_path / "a", "--json") == reference(tmp_path / "a", "--json")
    (tmp_path / "b").mkdir()
    with (tmp_path / "b" / "people.csv").open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerow(SCHEMAS["people"])
    out = ours(tmp_path / "b")
    assert out == reference(tmp_path / "b")
    assert "missing tables: organizations, dates, workload, boilerplate" in out


@needs_shared
def test_agrees_on_pipeline_output(tmp_path):
    from analysis import pipeline

    pipeline.run_corpus(ROOT / "corpus", tmp_path)
    assert ours(tmp_path, "--json") == reference(tmp_path, "--json")


def test_bad_arguments_give_clear_errors(tmp_path):
    done = subprocess.run([sys.executable, "-m", "analysis", "evaluate", str(tmp_path / "nope"), "--gold", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 2 and "not a folder" in done.stderr
    done = subprocess.run([sys.executable, "-m", "analysis", "evaluate", str(tmp_path), "--gold", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 2 and "no gold files" in done.stderr


def test_matching_rules_on_small_cases():
    gold = [{"name": "阿里巴巴", "aliases": ["阿里"]}, {"name": "飞猪", "aliases": ["飞猪"]}]
    pred = [{"name": "阿里", "aliases": "阿里"}, {"name": "阿里巴巴", "aliases": "阿里巴巴"}, {"name": "盒马", "aliases": ""}]
    tp, npred, tg, ng, errors = score.match_entities(pred, gold)
    assert (tp, npred, tg, ng) == (1, 3, 1, 2)
    assert ("FP-dup", "阿里巴巴") in errors and ("FP", "盒马") in errors and ("FN", "飞猪") in errors
    wl_gold = [{"text": "平均一天处理800单以上", "value_low": 800, "value_high": None, "unit": "单", "metric": "orders"}]
    wl_pred = [{"text": "800单", "value_low": "800", "value_high": "", "unit": "单", "metric": "calls"}]
    tp, npred, tg, ng, vok, errors = score.match_spans(wl_pred, wl_gold, "workload")
    assert (tp, vok) == (1, 0) and errors[0][0] == "VALUE"
