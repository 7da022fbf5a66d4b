"""Every notebook runs top to bottom (nbclient), on a fresh extraction and on full tables."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from gold_tables import GOLD, ROOT, write_gold_tables
from nbclient import NotebookClient

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def execute(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(str(out.get("text", "")))
            parts.append(str(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def test_there_is_an_exploration_notebook():
    assert any(p.name.startswith("01_") for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import analysis" in sources or "from analysis" in sources
    assert "def " not in sources          # no pipeline logic defined in a notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_runs_on_a_fresh_extraction(path, monkeypatch):
    monkeypatch.delenv("KEFU_TABLES", raising=False)
    nb = execute(path)
    text = outputs(nb)
    assert "documents" in text
    assert "missing from" not in text     # no glyph warnings: Chinese labels render


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_runs_on_full_tables(path, monkeypatch, tmp_path):
    if not GOLD.is_dir():
        pytest.skip("gold annotations (../shared/gold) are not beside this checkout")
    monkeypatch.setenv("KEFU_TABLES", str(write_gold_tables(tmp_path)))
    nb = execute(path)
    images = sum(1 for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    assert images >= 4                    # characters, organizations, timeline, per-day volumes
    assert "missing from" not in outputs(nb)
