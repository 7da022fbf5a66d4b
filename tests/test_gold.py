"""Quality ratchet: seed-corpus F1 per table never drops below tests/gold_floors.json.

Raise a floor when a change improves a score; lowering one needs a commit
message that explains why.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOLD, SCORER, need_shared

FLOORS = json.loads((Path(__file__).parent / "gold_floors.json").read_text())


@pytest.fixture(scope="module")
def scores(extracted) -> dict:
    need_shared()
    res = subprocess.run([sys.executable, str(SCORER), str(extracted), str(GOLD), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)["scores"]


@pytest.mark.parametrize("table", sorted(FLOORS))
def test_f1_at_or_above_floor(scores, table):
    assert scores[table]["f1"] >= FLOORS[table], f"{table}: {scores[table]} below floor {FLOORS[table]}"
