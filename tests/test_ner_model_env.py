"""KEFU_NER_MODEL names the recognizer model file kefu reads instead of the shipped one."""
import subprocess
import sys


def test_missing_model_file_is_reported(tmp_path):
    missing = tmp_path / "no_model.tsv.gz"
    code = ("from analysis.extract import ner; ner.recognize('张晓燕是京东客服主管。')")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"KEFU_NER_MODEL": str(missing), "PATH": ""})
    assert run.returncode != 0
    assert "no_model.tsv.gz" in run.stderr


def test_named_model_file_is_used(tmp_path):
    from analysis import resources

    shipped = resources.data_path("ner_crf.tsv.gz")
    code = ("from analysis.extract import ner; print(ner.recognize('张晓燕是京东客服主管。'))")
    env = {"KEFU_NER_MODEL": str(shipped), "PATH": ""}
    named = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    default = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PATH": ""})
    assert named.returncode == 0, named.stderr
    assert named.stdout == default.stdout and "PER" in named.stdout


def test_extract_stops_before_the_run_when_a_named_model_is_missing(tmp_path):
    """A mistyped KEFU_NER_PERSONS must not empty the people and organization tables unseen."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("张晓燕是京东客服主管。", encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(out), "--quiet"],
                         capture_output=True, text=True,
                         env={"KEFU_NER_PERSONS": str(tmp_path / "p4.tsv.gz"), "PATH": ""})
    assert run.returncode == 2
    assert "KEFU_NER_PERSONS" in run.stderr and "p4.tsv.gz" in run.stderr
    assert not out.exists()
