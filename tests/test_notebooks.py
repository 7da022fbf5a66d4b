"""Every notebook runs top to bottom (nbclient), on a fresh extraction and on full tables."""
from __future__ import annotations

import subprocess
import sys
import warnings
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


def test_cjk_font_ships_with_the_dependencies_and_draws_chinese():
    """No system font needed: the pip-installed Noto Sans CJK SC draws every glyph of a Chinese chart."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from analysis.plotting import bundled_font, use_cjk_font

    assert bundled_font() is not None and bundled_font().suffix == ".otf"
    with mpl.rc_context(), warnings.catch_warnings():
        warnings.simplefilter("error")          # "Glyph ... missing from font" is a warning
        assert use_cjk_font() == "Noto Sans CJK SC" == use_cjk_font()
        fig = Figure(figsize=(4, 2))
        ax = fig.add_subplot()
        ax.barh(["阿里巴巴", "飞豬客服", "12345热线"], [-3, 5, 8])
        ax.set_title("机构提及次数 organization mentions（篇）")
        FigureCanvasAgg(fig).draw()


def test_plotting_does_no_work_at_import():
    code = "import sys, analysis.plotting; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
