"""People extraction: examples (tests/examples/people.tsv, people.neg.txt), credits, no seed answers in data."""
from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.document import Document
from analysis.extract import orgs, people
from tests.conftest import GOLD

EXAMPLES = Path(__file__).parent / "examples"
DATA = Path(__file__).resolve().parent.parent / "analysis" / "data"


def _doc(text: str, **meta) -> Document:
    return Document(id="x", path="x", raw=text, text=text, meta=meta)


def _run(text: str, **meta):
    d = _doc(text, **meta)
    return people.extract(d, orgs=orgs.extract(d))


def _rows(name: str) -> list[dict]:
    lines = [ln for ln in (EXAMPLES / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _neg(name: str) -> list[str]:
    return [ln for ln in (EXAMPLES / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]


@pytest.mark.parametrize("row", _rows("people.tsv"), ids=lambda r: r["name"])
def test_example(row):
    text = row["text"].replace("\\n", "\n")
    found = {p.name: p for p in _run(text)}
    assert row["name"] in found, f"{row['name']} not in {sorted(found)}"
    p = found[row["name"]]
    if row.get("role"):
        assert p.role == row["role"]
    if row.get("org"):
        assert p.org == row["org"]
    assert p.mentions == text.count(row["name"]) + sum(
        text.replace(row["name"], "").count(a) for a in p.aliases if a != row["name"])


@pytest.mark.parametrize("text", _neg("people.neg.txt"))
def test_negative_example(text):
    assert _run(text) == []


def test_one_row_per_person_and_plural_counted():
    text = "客服郑晓岚：“今年不回家了。”郑晓岚说。郑晓岚们守在电话旁，郑晓岚表示值得。"
    found = [p for p in _run(text) if p.name == "郑晓岚"]
    assert len(found) == 1 and found[0].mentions == 4
    assert [p.name for p in _run(text)] == ["郑晓岚"]


def test_credits_add_journalists_with_outlet_and_split_run_together_names():
    text = "客服们坚守岗位。"
    credits = [{"role": "记者", "name": "邵明秦岚", "outlet": "红星"},
               {"role": "编辑", "name": "葛宁", "outlet": None},
               {"role": "图片", "name": "携程旅行网", "outlet": None}]
    found = {p.name: p for p in _run(text, credits=credits)}
    assert set(found) == {"邵明", "秦岚", "葛宁"}
    assert found["邵明"].role == "记者" and found["邵明"].org == "红星新闻"
    assert found["葛宁"].role == "编辑" and found["葛宁"].org is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("客服说是的和女士韩哥李晓明了，。：\n“”作为运营表示飞猪公司医院们") + ["a", "1", " "]),
               max_size=80))
def test_never_raises(text):
    out = _run(text)
    assert all(p.name and p.mentions >= 0 for p in out)


def _training_text() -> str:
    """Every sentence of the public dev splits the packaged model is trained on (benchmarks/train_ner.py)."""
    from tests.conftest import SHARED, benchmark

    bench = benchmark("ner")
    data = SHARED / "benchmarks" / "ner"
    sents = bench.read_pd(data, "dev") + bench.read_weibo(data, "dev") + bench.read_cluener(data)
    if (data / "train").exists():
        sents += bench.read_cluener(data, "train") + bench.read_weibo_train(data) + bench.read_resume(data)
    return "\n".join(t for t, _ in sents)


def test_no_gold_person_name_in_package_data():
    if not GOLD.is_dir():
        pytest.skip("gold annotations (../shared/gold) are not beside this checkout")
    gold_names = set()
    for f in GOLD.glob("*.json"):
        for p in json.loads(f.read_text(encoding="utf-8")).get("people", []):
            gold_names |= {p["name"], *p.get("aliases", [])}
    assert gold_names, "gold files not found"
    for path in DATA.iterdir():
        if path.is_file():
            raw = path.read_bytes()
            content = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8", errors="ignore")
            leaked = {n for n in gold_names if n in content}
            if leaked and path.name.startswith("ner_crf"):
                # the model's feature strings are character n-grams and words of its public training
                # sentences: a common word that is also a nickname (羽毛 of 羽毛球) may be among them,
                # a name that the training text does not hold may not
                text = _training_text()
                leaked = {n for n in leaked if n not in text}
            assert not leaked, f"{path.name} holds gold names {sorted(leaked)}"


def test_no_gold_person_name_in_the_extractor_code():
    gold_names = set()
    for f in GOLD.glob("*.json"):
        for p in json.loads(f.read_text(encoding="utf-8")).get("people", []):
            gold_names |= {p["name"], *p.get("aliases", [])}
    code = Path(people.__file__).parent
    files = [code / n for n in ("people.py", "orgs.py", "roles.py", "lexicon.py")] + sorted((code / "names").glob("*.py"))
    assert len(files) > 5
    for path in files:
        content = path.read_text(encoding="utf-8")
        leaked = {n for n in gold_names if n in content}
        assert not leaked, f"{path.name} holds gold names {sorted(leaked)}"


def test_recognizer_fills_a_cue_the_rules_cannot_delimit():
    text = "该公司执行董事刘忠维认为，今年的投诉会减少。"
    found = {p.name: p for p in _run(text)}
    assert "刘忠维" in found and found["刘忠维"].rule.startswith("model")
    assert "维认为" not in found and all(len(n) <= 4 for n in found)


def test_given_name_is_an_alias_of_the_full_name():
    text = "快递员郝俊峰每天送一百多件。俊峰说，过年这几天件特别多。俊峰告诉记者，他已经三年没回家。"
    (p,) = _run(text)
    assert p.name == "郝俊峰" and set(p.aliases) == {"郝俊峰", "俊峰"} and p.mentions == 3


def test_data_files_are_well_formed():
    from analysis import resources

    assert {r["position"] for r in resources.tsv_rows("titles.tsv")} <= {"suffix", "prefix"}
    assert {r["cue"] for r in resources.tsv_rows("roles.tsv")} <= {"yes", "no"}
    roles = [r["role"] for r in resources.tsv_rows("roles.tsv")]
    assert len(roles) == len(set(roles))
    kinds = {r["kind"] for r in resources.tsv_rows("name_cues.tsv")}
    assert kinds <= {"after", "left_word", "right_char", "not_first", "not_last", "not_any", "not_title_surname", "not_end",
                     "glued_end", "not_address_title"}
    assert all(len(w) >= 2 for w in resources.word_list("person_stopwords.txt"))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_internal_extraction_raises_on_no_text(text):
    # the public extract() swallows errors; the internals must not need that on any string
    d = _doc(text, credits=[{"role": "记者", "name": text[:6], "outlet": text[6:9] or None}])
    people._extract(d, orgs._extract(d))


def test_news_docs_benchmark_groups_sentences_and_scores_names_and_aliases():
    from tests.conftest import benchmark

    bench = benchmark("news_docs")
    sents = [("温家宝会见客人。", frozenset({("PER", 0, 3)})), ("新华社记者报道。", frozenset({("ORG", 0, 3)})),
             ("他走了。", frozenset())]
    docs = bench.documents(sents, size=2, docs=5)
    assert [d[0] for d in docs] == ["doc_0001.txt"]          # an incomplete last group is left out
    assert docs[0][2] == {"PER": {"温家宝"}, "ORG": {"新华社"}}
    found = {"doc_0001.txt": {"温家宝", "温总理"}}
    assert bench.score(docs, found, "PER") == (1, 2, 1)
    assert bench.prf(1, 2, 1) == (0.5, 1.0, 2 / 3)


# ---- the recognizer-first name pipeline (analysis/extract/names/) on news text ------------------

@pytest.mark.parametrize("text, names", [
    ("罗振宇昨天在天津考察了港口建设。", {"罗振宇"}),
    ("郝建平会见了来访的代表团，双方就合作交换了意见。", {"郝建平"}),
])
def test_news_names_without_any_cue_come_from_the_recognizer(text, names):
    found = {p.name: p for p in _run(text)}
    assert set(found) == names
    assert all(found[n].rule == "model" for n in names)


def test_a_listed_name_the_recognizer_misses_joins_its_recognized_neighbour():
    found = {p.name: p for p in _run("苏明哲、钱立群等参加了会议。")}
    assert set(found) == {"苏明哲", "钱立群"}
    assert "model" in {p.rule for p in found.values()}


def test_every_person_says_why_it_was_kept():
    text = "京东客服周明远是一名河北人。郝建平会见了代表团。"
    rules = {p.name: p.rule for p in _run(text, credits=[{"role": "记者", "name": "葛宁", "outlet": None}])}
    assert rules["周明远"].endswith("cue:role") and rules["郝建平"] == "model" and rules["葛宁"] == "credit"


def test_aliases_bare_surname_and_foreign_name_part():
    (p,) = _run("江泽民主席会见了客人。江主席指出，两国关系良好。")
    assert p.name == "江泽民" and "江" in p.aliases
    (q,) = _run("比尔·克林顿访问北京。克林顿说，两国关系很重要。")
    assert q.name == "比尔·克林顿" and set(q.aliases) == {"比尔·克林顿", "克林顿"} and q.mentions == 2


@pytest.mark.parametrize("word, reason", [
    ("发布时间", "veto:words"),               # page furniture: opens with a common word
    ("浏览", "veto:function-words"),          # a common verb
    ("车坏", "veto:given-name-character"),    # names avoid 坏
    ("储物房", "veto:given-name-character"),
    ("塞尔维亚族", "veto:function-character"),
    ("卫生署", "veto:organization"),
    ("交通运输局", "veto:organization-suffix"),
    ("经适房", "veto:name-characters"),       # a surname and two characters names hardly ever hold
    ("毛油", "veto:name-characters"),
    ("毕业起", "veto:opens-with-word"),       # surname + given name opening with a common word
    ("通知书", "veto:dictionary-word"),       # a dictionary word whose characters read as text
    ("高尔夫球", "veto:dictionary-word"),
])
def test_vetoes_come_from_word_lists_and_word_classes(word, reason):
    from analysis.extract.names import resolve

    assert resolve.veto(word, word, 1, {word: 1}) == reason


def test_names_of_real_people_pass_the_vetoes():
    from analysis.extract.names import resolve

    for name in ("周恩来", "李四光", "龚育之", "吴方军", "克林顿", "张玥", "于彪", "陈然", "琼斯", "俊平",
                 "拉宾", "巴金", "启功",            # jieba files them as a place, a place, a verb
                 "伊瓜因", "哈比比", "施瓦茨",       # transliterations: name characters of another kind
                 "张亮", "许扬",                    # jieba splits them into function words (张|亮)
                 "西施", "咸丰"):                   # dictionary words, but not common ones
        assert resolve.veto(name, name, 1, {name: 1}) is None, name


def test_name_characters_score_names_above_running_text():
    from analysis.extract.names import chars

    assert chars.name_score("王伟", "王") > 5 > 0 > chars.name_score("经适房", "经")
    assert chars.name_score("刘翔", "刘") > chars.name_score("刘备受", "刘")
    assert chars.foreign_score("哈比比") > 0 > chars.foreign_score("王伟")


def test_listed_name_next_to_a_recognized_one_is_a_name():
    from analysis.extract.names import evidence

    assert evidence.coordinated("参加会见的钱其琛、吴仪和曾培炎表示欢迎。", {"吴仪", "曾培炎"}) == {"钱其琛"}
    assert evidence.coordinated("出席的有吴仪、钱其琛等。", {"吴仪"}) == {"钱其琛"}


def test_a_string_tagged_in_few_of_its_mentions_is_not_a_name():
    from analysis.extract.names import resolve

    text = "红富士很甜。红富士卖得好，红富士是苹果。"
    assert resolve.veto(text, "红富士", 1, {"红富士": 1}) == "veto:inconsistent"


def test_span_edges_are_corrected_by_the_rest_of_the_document():
    from analysis.extract.names import resolve

    text = "林涛摄。林涛说，晓梅们都在。欧阳晓梅刚到。"
    tagged = {"林涛摄": 1, "林涛": 1, "晓梅们": 1, "欧阳晓梅": 1}
    assert resolve._consistent_edges(text, tagged, set()) == {"林涛": 2, "晓梅": 1, "欧阳晓梅": 1}


def test_names_in_removed_credit_and_caption_lines_are_listed():
    (p,) = _run("市民热线今天很忙。", name_lines=("每经记者汤白露发自北京",))
    assert p.name == "汤白露"


def test_a_bare_surname_is_an_alias_of_the_form_it_was_cut_from():
    from analysis.extract.names import resolve

    groups = resolve._alias_groups({"胡老", "胡锦涛"}, ["胡"], {}, text="胡锦涛强调。胡老说，画画。",
                                   single_at={"胡": (6,)})
    assert groups["胡老"] == ["胡老", "胡"] and groups["胡锦涛"] == ["胡锦涛"]


def test_a_capitalized_latin_name_the_recognizer_tags_is_not_vetoed():
    from analysis.extract.names import resolve

    assert resolve.veto("Mike说。", "Mike", 1, {"Mike": 1}) is None
    assert resolve.veto("12345", "12345", 1, {"12345": 1}) == "veto:not-a-name"
    assert resolve.veto("ok", "ok", 1, {"ok": 1}) == "veto:not-a-name"


def test_a_role_word_inside_a_longer_word_is_no_cue():
    from analysis.extract.names import evidence

    assert evidence.cue_names("中国摄影家协会、新浪网联合推出公益活动。") == {}


def test_transliterated_name_cut_short_gets_its_edges_back():
    from analysis.extract.names import recognize

    text = "此番小戈麦尔斯基集合全国的优秀选手。委员会主席马格坦戈尔·圭尼贡多宣布"
    a = text.index("戈麦尔斯")
    b = text.index("马格坦")
    spans = [("PER", a, a + 4), ("PER", b, b + 3), ("PER", b + 3, b + 8), ("PER", b + 8, b + 10)]
    names = {text[s:e] for ty, s, e in recognize._repaired(text, spans)}
    assert names == {"戈麦尔斯基", "马格坦戈尔·圭尼贡多"}
    # a one-character span is a surname, not the start of a transliteration (汤|尤杯)
    assert recognize._repaired("汤尤杯赛", [("PER", 0, 1), ("PER", 1, 2)]) == [("PER", 0, 1), ("PER", 1, 2)]


def test_a_verb_glued_to_a_two_character_name_is_the_next_word():
    from collections import Counter

    from analysis.extract.names import resolve

    text = "1995年，卢亮以发展事业为由提出辞职。"
    assert set(resolve._consistent_edges(text, Counter({"卢亮以": 1}), set())) == {"卢亮"}


def test_a_name_standing_between_list_marks_next_to_a_listed_name_is_a_name():
    from analysis.extract.names import evidence

    text = "著名漫画家华君武、丁聪、朱根华、苗地等在网上展示作品。"
    assert "苗地" in evidence.coordinated(text, {"朱根华"})


def test_untagged_surname_and_given_name_reading_as_a_name(monkeypatch):
    from collections import Counter

    from analysis.extract import ner
    from analysis.extract.names import resolve

    monkeypatch.setattr(ner, "recognize_document", lambda text: ())
    text = "中国女队第一单打叶钊颖状态甚佳，以两个11比5取胜。"
    assert "叶钊颖" in resolve._untagged_names(text, Counter(), Counter())
    assert not resolve._untagged_names("工作人员状态甚佳，服务热情。", Counter(), Counter())


def test_a_surname_tagged_alone_with_no_other_form_is_a_name(monkeypatch):
    from analysis.extract import ner
    from analysis.extract.names import resolve

    text = "辽宁队17号李从底线斜射破门。每经记者发自北京。"
    i, j = text.index("李"), text.index("经")
    monkeypatch.setattr(ner, "recognize_document", lambda t: (("PER", i, i + 1), ("PER", j, j + 1)))
    assert [n.name for n in resolve.resolve(text)] == ["李"]      # 经 of 每经 is no surname here


def test_a_transliterated_name_next_to_a_role_word_is_a_name():
    from analysis.extract.names import foreign

    assert foreign.names_by_roles("美国总统克林顿28日下午会见了客人。") == {"克林顿": "role"}
    assert foreign.names_by_roles("并转达了库马拉通加总统对他的亲切问候。") == {"库马拉通加": "role-foreign"}
    assert foreign.names_by_roles("秘书长瓦尔特·沙佛尔霍夫说，会议成功。") == {"瓦尔特·沙佛尔霍夫": "role"}
    assert foreign.names_by_roles("以色列工党领袖巴拉克6月15日在开罗表示。") == {"巴拉克": "role"}   # a place to jieba
    assert not foreign.names_by_roles("不过爱尔兰前锋则坚决表示。")     # a common word before the role
    assert not foreign.names_by_roles("芬兰农林部长出席了会议。")      # a country and a word
    assert not foreign.names_by_roles("江苏南通崇川区长川路1号。")      # 区|长: no role word


def test_a_full_name_with_a_title_glued_on_is_the_name():
    from collections import Counter

    from analysis.extract.names import resolve

    assert resolve._consistent_edges("马骏烈士的故居。", Counter({"马骏烈士": 1}), set()) == {"马骏": 1}
    assert resolve._consistent_edges("周恩来总理说。", Counter({"周恩来总理": 1}), set()) == {"周恩来": 1}
    assert resolve._consistent_edges("王先生说。", Counter({"王先生": 1}), set()) == {"王先生": 1}


def test_a_surname_and_given_name_the_dictionary_files_as_a_place_can_be_a_name():
    from analysis.extract.names import evidence, plausible

    assert plausible("罗干") and plausible("拉宾")       # jieba: places
    assert not plausible("关怀") and not plausible("高峰")
    assert "罗干" in evidence.cue_names("罗干说，中美禁毒合作进行得比较好。")


def test_names_run_together_are_cut_into_names():
    from analysis.extract.names import lists

    assert lists.split_names("邓小平江泽民", mean=lists.SPAN_MEAN) == ["邓小平", "江泽民"]
    assert lists.split_names("古如鲁益坚赞", mean=lists.SPAN_MEAN) is None      # one Tibetan name
    text = "会见时在座的有张建国王光明刘晓华，会议由孙国平主持。"
    a, b = text.index("张建国"), text.index("刘晓华")
    _parts, found = lists.run_together(text, [("PER", a, a + 3), ("PER", b, b + 3)])
    assert found == {"王光明"}


def test_a_surname_and_title_form_has_the_bare_surname_as_an_alias():
    from analysis.extract.names import resolve

    (p,) = resolve.resolve("老伴去世后，李大娘成了孤寡老人。李大娘说，日子好了。")
    assert p.name == "李大娘" and p.aliases == ("李大娘", "李")


def test_a_surname_alias_counts_only_its_own_mentions():
    """A person named by a surname form (李大娘, 江主席) is not mentioned by every 李 or 江 of the text
    (行李, 李子, 长江): the bare surname counts where it names someone (tagged alone, 姓X, X + title)."""
    text = "李大娘今年七十岁，每天帮邻居看行李。李大娘说，李子熟了。江主席视察长江大堤，江泽民说要防汛。"
    found = {p.name: p for p in _run(text)}
    assert "李" in found["李大娘"].aliases and found["李大娘"].mentions == 2
    assert "江" in found["江泽民"].aliases and found["江泽民"].mentions == 2


def test_a_recognizer_person_that_is_the_documents_organization_is_dropped():
    """来源:云信网 names the outlet; the recognizer's reading of 云信网 as a person does not make a row."""
    from analysis.document import Document
    from analysis.extract import orgs, people

    raw = "2013-07-22 09:02:48   作者:   来源:云信网(昆明)   评论:0\n"
    body = "云信网记者从昆明市长热线获悉，暴雨当天热线接到求助电话三千多个。"
    d = Document(id="x", path="x", raw=raw + body, text=body, meta={})
    found = orgs.extract(d)
    assert "云信网" in {o.name for o in found}
    assert "云信网" not in {p.name for p in people.extract(d, orgs=found)}


def test_a_recognizer_name_found_only_inside_a_longer_one_is_no_person(tmp_path):
    """The photo credit names 严云岑; a reading of its first two characters is no second person."""
    from analysis import pipeline
    from analysis.extract import people
    from analysis.extract.orgs_resolve import only_inside

    assert only_inside("(图/记者严云岑摄)…(图/记者严云岑摄)", {"严云", "严云岑"}) == {"严云"}
    assert only_inside("严云岑和严云都在。", {"严云", "严云岑"}) == set()
    raw = ("1966长照专线首日来电逾200通，卫福部长期照顾司司长蔡淑凤说，专线会持续扩充人力。\n"
           "卫福部长照司司长蔡淑凤(中),资料照。(图/记者严云岑摄)\n"
           "民众可透过1966专线取得服务，图为拨电话示意图。(图/记者严云岑摄)\n"
           "蔡淑凤表示，长照专线首日来电以询问服务内容为主。\n")
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")
    doc, _, _ = pipeline.clean(("a.txt", str(tmp_path / "a.txt")), frozenset())
    names = {p.name for p in people.extract(doc, orgs=[])}
    assert "严云岑" in names and "严云" not in names


def test_a_one_character_title_that_makes_a_word_with_what_follows_needs_a_second_sighting():
    """路|总是 reads as surname + 总 only if nothing else says so; 王总 with a cue of its own stays."""
    assert not any(p.name.startswith("路") for p in _run("可是成长的路总是兜兜转转，迂回难行，后才豁然开朗。"))
    assert "王总" in {p.name for p in _run("王总说，今年的单量翻了一倍。")}
