"""Quality ratchets: F1 per table never drops below its floor.

- seeds (corpus/ against ../shared/gold): tests/gold_floors.json
- devset (../shared/devset, 48 real articles kefu was not written on): tests/devset_floors.json,
  which also holds the value accuracy of dates and workload (``dates.value``, ``workload.value``)

Raise a floor when a change improves a score; lowering one needs a commit
message that explains why.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOLD, SCORER, SHARED, need_shared

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "gold_floors.json").read_text())
DEVSET_FLOORS = json.loads((HERE / "devset_floors.json").read_text())
DEVSET = SHARED / "devset"


def score(out: Path, gold: Path) -> dict:
    res = subprocess.run([sys.executable, str(SCORER), str(out), str(gold), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)["scores"]


def measure(scores: dict, key: str) -> float:
    """'people' -> F1 of people; 'dates.value' -> value accuracy of the matched dates."""
    table, _, what = key.partition(".")
    return scores[table]["value_acc" if what == "value" else "f1"]


@pytest.fixture(scope="module")
def scores(extracted) -> dict:
    need_shared()
    return score(extracted, GOLD)


@pytest.fixture(scope="module")
def devset_scores(tmp_path_factory) -> dict:
    need_shared()
    if not (DEVSET / "corpus").is_dir() or not (DEVSET / "gold").is_dir():
        pytest.skip("../shared/devset is not beside the repository")
    from analysis.pipeline import run_corpus

    out = tmp_path_factory.mktemp("devset")
    run_corpus(DEVSET / "corpus", out, extract=True)
    return score(out, DEVSET / "gold")


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_f1_at_or_above_floor(scores, key):
    got = measure(scores, key)
    assert got >= FLOORS[key], f"{key}: {got} below floor {FLOORS[key]} ({scores[key.partition('.')[0]]})"


@pytest.mark.parametrize("key", sorted(DEVSET_FLOORS))
def test_devset_at_or_above_floor(devset_scores, key):
    got = measure(devset_scores, key)
    assert got >= DEVSET_FLOORS[key], f"devset {key}: {got} below floor {DEVSET_FLOORS[key]} ({devset_scores})"


def test_devset_floors_name_every_table():
    tables = {key.partition(".")[0] for key in DEVSET_FLOORS}
    assert tables == {key.partition(".")[0] for key in FLOORS}
