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
