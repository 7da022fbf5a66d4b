"""The on-disk cache of derived data: reused when valid, recomputed when stale, broken or unwritable."""
from __future__ import annotations

import os

from analysis import resources
from analysis.extract import lexicon


def test_cached_value_is_reused_and_keyed(tmp_path, monkeypatch):
    monkeypatch.setenv("KEFU_CACHE", str(tmp_path))
    calls = []

    def compute():
        calls.append(1)
        return (frozenset({"客服", "单量"}), 3)

    assert resources.cached("k1", compute) == (frozenset({"客服", "单量"}), 3)
    assert resources.cached("k1", compute) == (frozenset({"客服", "单量"}), 3)
    assert len(calls) == 1                      # second call read the file
    resources.cached("k2", compute)
    assert len(calls) == 2                      # another key, another value


def test_corrupt_cache_file_is_recomputed(tmp_path, monkeypatch):
    monkeypatch.setenv("KEFU_CACHE", str(tmp_path))
    resources.cached("k", lambda: "first")
    [stored] = list(tmp_path.iterdir())
    stored.write_bytes(b"\x00not marshal data")
    assert resources.cached("k", lambda: "again") == "again"
    assert resources.cached("k", lambda: "never") == "again"     # rewritten whole


def test_unwritable_cache_still_computes(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("KEFU_CACHE", str(blocker / "sub"))      # a file in the way: mkdir fails
    assert resources.cache_dir() is None
    assert resources.cached("k", lambda: 42) == 42


def test_file_key_changes_with_content(tmp_path):
    p = tmp_path / "dict.txt"
    p.write_text("客服 3 n\n", encoding="utf-8")
    before = resources.file_key(p)
    p.write_text("客服 3 n\n热线 5 n\n", encoding="utf-8")
    os.utime(p, ns=(1, 1))
    assert resources.file_key(p) != before


def test_dictionary_word_classes_match_a_fresh_read(tmp_path, monkeypatch):
    monkeypatch.setenv("KEFU_CACHE", str(tmp_path))
    fresh = lexicon._read_dictionary(resources.tokenizer())
    lexicon._dictionary_classes.cache_clear()
    try:
        assert lexicon._dictionary_classes() == fresh          # computed and stored
        lexicon._dictionary_classes.cache_clear()
        assert lexicon._dictionary_classes() == fresh          # read back from the file
    finally:
        lexicon._dictionary_classes.cache_clear()
    function, proper, coarse = fresh
    assert "表示" in function and "告诉" in function
    assert "北京" in proper
    assert coarse["北京"] == "ns" and coarse["告诉"] == "v"


def test_tokenizer_starts_without_pkg_resources_and_reads_its_dictionary():
    """jieba is imported without pkg_resources (slow to import); its dictionary opens by path all the same,
    and pkg_resources stays importable for anyone else."""
    import subprocess
    import sys

    code = ("import sys; from analysis import resources; tok = resources.tokenizer(); "
            "print('pkg_resources' in sys.modules); print(tok.get_dict_file().readline().split()[0].decode()); "
            "print(' '.join(tok.lcut('我们在北京大学学习'))); import pkg_resources; print('importable')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))).stdout.split("\n")
    assert out[0] == "False" and out[1] and out[2].split() == ["我们", "在", "北京大学", "学习"]
    assert out[3] == "importable"
