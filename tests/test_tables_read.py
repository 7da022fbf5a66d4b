"""tables.read_rows reads back what the pipeline writes, whatever the size of a cell."""
from __future__ import annotations

from analysis.tables import read_rows


def test_a_cell_larger_than_the_csv_default_limit_is_read(tmp_path):
    doc_ids = ";".join(f"article_{k:06d}.txt" for k in range(20_000))     # about 400 KB, as on a 100 MB corpus
    (tmp_path / "entities.csv").write_text(f"name,doc_ids\n王小明,{doc_ids}\n", encoding="utf-8")
    rows = read_rows(tmp_path, "entities")
    assert rows == [{"name": "王小明", "doc_ids": doc_ids}]
