"""Organization extraction: examples (tests/examples/orgs.tsv, orgs.neg.txt), credits, weak aliases."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.document import Document
from analysis.extract import orgs, people

EXAMPLES = Path(__file__).parent / "examples"


def _run(text: str, **meta):
    return orgs.extract(Document(id="x", path="x", raw=text, text=text, meta=meta))


def _rows(name: str) -> list[dict]:
    lines = [ln for ln in (EXAMPLES / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _neg(name: str) -> list[str]:
    return [ln for ln in (EXAMPLES / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]


@pytest.mark.parametrize("row", _rows("orgs.tsv"), ids=lambda r: r["name"])
def test_example(row):
    found = {o.canonical: o for o in orgs.listed(_run(row["text"]))}
    assert row["name"] in found, f"{row['name']} not in {sorted(found)}"
    o = found[row["name"]]
    assert o.name in o.aliases or o.name == o.canonical
    assert o.type == row["type"]
    if row.get("alias"):
        assert row["alias"] in o.aliases


@pytest.mark.parametrize("text", _neg("orgs.neg.txt"))
def test_negative_example(text):
    assert orgs.listed(_run(text)) == []


def test_one_row_per_organization_with_all_surface_forms():
    text = "携程旅行网发布公告。携程客服说，携程会全额退款。阿里和阿里巴巴集团也表态。"
    found = {o.canonical: o for o in _run(text)}
    assert set(found["携程"].aliases) == {"携程旅行网", "携程"} and found["携程"].mentions == 3
    assert set(found["阿里巴巴"].aliases) == {"阿里", "阿里巴巴集团"}
    assert len(found) == 2


def test_the_name_is_what_the_document_prints_and_the_gazetteer_name_is_the_canonical():
    """A known organization the article names only by a short form keeps that form as its name (the news
    and article annotations list what the text prints) and the gazetteer's name as ``canonical``, which
    joins it across articles; a name the document composes from its own words stays the name."""
    from analysis import entities

    one = _run("人保财险宁波市分公司启动应急预案，人保财险客服加班处理报案。")
    assert [(o.name, o.canonical) for o in one] == [("人保财险", "中国人民财产保险")]
    two = _run("中国人民财产保险股份有限公司发布公告，中国人民财产保险将全力理赔。")
    assert two[0].canonical == "中国人民财产保险" and two[0].name in two[0].aliases
    rows = [{"doc_id": d, "name": o.name, "aliases": list(o.aliases), "type": o.type, "mentions": o.mentions,
             "canonical": o.canonical} for d, found in (("a", one), ("b", two)) for o in found]
    merged = [e for e in entities.build([], rows) if e["entity"] == "organization"]
    assert [(e["name"], e["documents"]) for e in merged] == [("中国人民财产保险", 2)]
    seat = _run("新北市府于今年5月扩大设置居家检疫关怀中心。")
    assert any(o.name == "新北市政府" and "新北市府" in o.aliases for o in seat), seat


def test_credit_outlet_and_front_matter_author():
    found = {o.name: o for o in _run("客服们都很忙。", credits=[{"role": "记者", "name": "某人", "outlet": "红星"}],
                                     author=["趣头条"])}
    assert found["红星新闻"].type == "media" and "红星" in found["红星新闻"].aliases
    assert "趣头条" in found


def test_gazetteer_parent_and_types_are_consistent():
    gaz = orgs.gazetteer()
    assert set(gaz.types.values()) <= set(orgs.TYPES)
    assert all(p in gaz.types for p in gaz.parent.values())


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("阿里巴巴飞猪头条公司医院大学的了是在社区中心局“”小组，。") + ["a", "1", " "]),
               max_size=80))
def test_never_raises(text):
    out = _run(text)
    assert all(o.name and o.type in orgs.TYPES for o in out)


def test_userdict_holds_only_gazetteer_names():
    gaz = orgs.gazetteer()
    path = Path(orgs.resources.data_path("userdict.txt"))
    words = [ln.split()[0] for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert words and set(words) <= set(gaz.canonical)


def test_gazetteer_names_are_common_names():
    """The name is the fullest common name: no alias that jieba's dictionary knows as an organization
    (nt, j) is counted ten times as often as a formal name it also knows (欧盟, not 欧洲联盟)."""
    from analysis.extract import lexicon

    path = lexicon._dictionary_path(orgs.resources.tokenizer())
    counts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                counts[parts[0]] = (int(parts[1]), parts[2])
    rare = []
    for r in orgs.resources.tsv_rows("orgs.tsv"):
        freq, tag = counts.get(r["name"], (0, ""))
        for a in filter(None, (r.get("aliases") or "").split("|")):
            afreq, atag = counts.get(a, (0, ""))
            if tag == "nt" and atag in ("nt", "j") and afreq > 10 * freq:
                rare.append((r["name"], a))
    assert rare == []


def test_short_alias_inside_another_word_is_not_a_mention():
    assert _run("本次集中行动中列为全国重点，群众安全是头等大事。") == []


def test_org_data_files_are_well_formed():
    from analysis import resources

    names = [r["name"] for r in resources.tsv_rows("orgs.tsv")]
    assert len(names) == len(set(names))
    assert {r["type"] for r in resources.tsv_rows("orgs.tsv")} <= set(orgs.TYPES)
    rows = resources.tsv_rows("org_suffixes.tsv")
    assert {r["type"] for r in rows} <= set(orgs.TYPES) and {r["generic_ok"] for r in rows} <= {"yes", "no"}
    assert {r["kind"] for r in resources.tsv_rows("org_words.tsv")} <= {"generic", "stop", "group", "department",
                                                                                 "channel", "house", "unit", "tail", "branch",
                                                                                 "department_head", "hotline", "company_word", "place_end", "reporter",
                                                                                 "coordinator", "seat_government", "category"}


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_internal_extraction_raises_on_no_text(text):
    # the public extract() swallows errors; the internals must not need that on any string
    orgs._extract(Document(id="x", path="x", raw=text, text=text, meta={"author": [text[:5]], "source": text}))


@pytest.mark.parametrize(("author", "name"), [("北京日报客户端", "北京日报"), ("扬子晚报网", "扬子晚报"),
                                              ("明報", "明报"), ("聯合報", "联合报"), ("某某晚报", "某某晚报")])
def test_outlet_named_in_front_matter(author, name):
    found = {o.name: o for o in _run("暴雨过后，热线电话一个接一个。", author=[author])}
    assert name in found and found[name].type == "media"


def test_person_author_is_no_outlet():
    assert orgs.outlet_name("郑晓岚") is None


def test_house_name_stands_for_the_outlet_of_the_front_matter():
    text = "（本报记者 柏嘉禾）暴雨过后，本报热线电话一个接一个。"
    found = {o.name: o for o in _run(text, author=["北京日报客户端"])}
    assert set(found) == {"北京日报"} and "本报" in found["北京日报"].aliases
    assert _run(text) == []          # without front matter, 本报 names nobody
    d = Document(id="x", path="x", raw=text, text=text, meta={"author": ["北京日报客户端"]})
    p = {x.name: x for x in people.extract(d, orgs=orgs.extract(d))}
    assert p["柏嘉禾"].role == "记者" and p["柏嘉禾"].org == "北京日报"


def test_gazetteer_trie_matches_like_a_longest_first_alternation():
    import re

    forms = sorted(orgs.gazetteer().canonical, key=len, reverse=True)
    plain = re.compile("|".join(re.escape(f) for f in forms))
    text = "中国国际航空公司和国航、东方航空东航；12345热线与12345市民服务热线，" + "".join(forms[::7])
    assert [(m.start(), m.group()) for m in orgs.gazetteer().pattern.finditer(text)] == \
        [(m.start(), m.group()) for m in plain.finditer(text)]
    assert re.fullmatch(orgs.trie_regex(["ab", "abc", "b"]), "abc")


@pytest.mark.parametrize(("short", "long", "same"), [
    ("疾管署", "疾病管制署", True), ("南网", "南方电网", True), ("卫福部", "卫生福利部", True),
    ("远程银行中心", "邮储银行远程银行中心", True), ("滴滴", "滴滴出行", True), ("邮储", "邮储银行", True),
    ("首都航空", "首都航空呼叫中心", False), ("中心", "南方电网客服中心", False), ("南网", "国网上海电网", False)])
def test_short_forms_by_character_subsequence(short, long, same):
    from analysis.extract.orgs_shape import short_form_of

    assert short_form_of(short, long) is same


@pytest.mark.parametrize(("form", "parent", "relation"), [
    ("人保财险浙江省余姚市姚北支公司", "人保财险", "branch"), ("姚北支公司", "", "branch"),
    ("平安产险浙江分公司", "平安产险", "branch"), ("携程酒店服务部", "携程酒店", "department"),
    ("卫生福利部", "卫生福利部", "")])
def test_branches_and_departments_point_at_their_parent(form, parent, relation):
    from analysis.extract.orgs_shape import shape

    assert shape(form, set()) == (parent, relation)


@pytest.mark.parametrize(("form", "why"), [("12345热线", "hotline"), ("1922专线", "hotline"), ("12345", "number"),
                                           ("客服部", "generic"), ("济南水务在集团", "function-word"),
                                           ("国内航空公司", "generic"), ("嘉兴市96345社区服务求助中心", "")])
def test_vetoes(form, why):
    from analysis.extract.orgs_shape import veto

    assert veto(form) == why


@pytest.mark.parametrize(("form", "why"), [("济南水务在集团", "function-word"), ("国内航空公司", "generic"),
                                           ("调查和分析局", ""), ("美国前商务部", ""), ("武警北京一总队", ""),
                                           ("国际刑事法院", ""), ("城区汽车修理厂", "common-words"), ("12345热线", "hotline"),
                                           ("美中经贸促进会", ""), ("武汉市密切联系", "not-a-name"),
                                           ("大连女子足球队", "")])
def test_vetoes_of_a_recognizer_span_are_narrower(form, why):
    from analysis.extract.orgs_shape import veto

    assert veto(form, model=True) == why


@pytest.mark.parametrize(("form", "name"), [("清华", True), ("菲亚特", True), ("智利队", True), ("酒店", False),
                                            ("内阁", False)])
def test_dictionary_names_survive_a_single_recognizer_tag(form, name):
    from analysis.extract.orgs_resolve import _dictionary_name

    assert _dictionary_name(form) is name


def test_head_name_read_by_the_recognizer_as_place_and_noun_is_vetoed():
    from analysis.extract.orgs_find import Mention
    from analysis.extract.orgs_resolve import _place_and_head

    m = Mention(0, 4, "美国政府", "head", head="政府")
    assert _place_and_head(m, {(0, 2)}, [False] * 8) == "place-and-head"
    assert _place_and_head(m, {(0, 2)}, [True] * 4 + [False] * 4) == ""      # tagged ORG: a name
    assert _place_and_head(m, set(), [False] * 8) == ""


@pytest.mark.parametrize(("text", "name"), [
    ("【大纪元2020年04月20日讯】不少民众今天收到提醒简讯。", "大纪元"),
    ("央广网北京7月23日消息(记者王晶)列车晚点。", "央广网"),
    ("中国航空旅游网讯 自疫情反复以来，首都航空的客服很忙。", "中国航空旅游网")])
def test_outlet_opening_a_dateline(text, name):
    found = {o.name: o for o in _run(text)}
    assert name in found
    assert "中国航空" not in found              # a part of the outlet's name is no mention


@pytest.mark.parametrize(("raw", "name"), [("2021-01-09 18:32:22 來源: 大眾網 作者:\n", "大众网"),
                                           ("作者:   來(lái)源:廣州日報   評(píng)論:0\n", "广州日报"),
                                           ("  • 資料來源:衛生福利部\n", "卫生福利部")])
def test_source_line_read_as_clean_text(raw, name):
    body = "暴雨过后，热线电话一个接一个。"
    found = {o.name for o in orgs.extract(Document(id="x", path="x", raw=raw + body, text=body, meta={}))}
    assert name in found


@pytest.mark.parametrize(("raw", "name"), [("发布时间:2023-02-02 来源:IT之家 点击:(30122)\n", "IT之家"),
                                           ("作者:   来源:云信网(昆明)   评论:0\n", "云信网"),
                                           ("来源：受访者供图\n", None), ("来源：网友提供\n", None)])
def test_a_source_line_names_its_outlet_without_a_head_word(raw, name):
    body = "暴雨过后，热线电话一个接一个。"
    found = {o.name: o.type for o in orgs.extract(Document(id="x", path="x", raw=raw + body, text=body, meta={}))}
    assert found == ({name: "media"} if name else {})


@pytest.mark.parametrize(("text", "wrong"), [("据中央社报导，敦睦舰队已24人感染武汉肺炎(中共肺炎)。", "武汉肺炎"),
                                             ("武汉公务卡客户来电申请提高账户额度。", "武汉公务")])
def test_recognizer_span_ending_in_a_word_no_organization_ends_in(text, wrong):
    assert wrong not in {o.name for o in _run(text)}


def test_org_end_table_comes_from_training_data():
    ends = orgs.org_ends()
    assert ends["公司"][0] > 100 and "肺炎" not in ends


@pytest.mark.parametrize(("raw", "name"), [("臺北市立聯合醫院\n", "台北市立联合医院"),
                                           ("發言人莊人祥。(中央流行疫情指揮中心提供)\n", "中央流行疫情指挥中心")])
def test_name_standing_alone_on_a_page_line(raw, name):
    body = "暴雨过后，热线电话一个接一个。"
    assert name in {o.name for o in orgs.extract(Document(id="x", path="x", raw=raw + body, text=body, meta={}))}


@pytest.mark.parametrize(("source", "found"), [("学习强国", True), ("张玥", False), ("sp20241109", False)])
def test_source_field_names_an_outlet_unless_a_person(source, found):
    assert ("学习强国" in {o.name for o in _run("暴雨过后，热线电话一个接一个。", source=source)}) is found \
        or source != "学习强国"
    assert bool(_run("暴雨过后，热线电话一个接一个。", source=source)) is found


def test_alias_as_printed_with_inserted_pinyin():
    found = {o.name: o for o in _run("记者昨日从市自来(lái)水公司获悉，供水热线很忙。")}
    assert "市自来(lái)水公司" in found["市自来水公司"].aliases


@pytest.mark.parametrize(("form", "head"), [("党中央决策部署", ""), ("卫福部", "部"), ("疾管署", "署"), ("人民网", "网")])
def test_one_character_head_after_a_common_word_no_name_ends_in(form, head):
    from analysis.extract.orgs_shape import head_of

    assert head_of(form)[0] == head


def test_news_docs_benchmark_reads_aliases_as_the_surface_forms(tmp_path):
    from tests.conftest import benchmark

    bench = benchmark("news_docs")
    table = tmp_path / "organizations.csv"
    table.write_text("doc_id,name,aliases,type,mentions,rule\n"
                     "doc_0001.txt,欧洲联盟,欧盟,other,2,gazetteer\n"
                     "doc_0001.txt,某某公司,,company,1,head:公司\n", encoding="utf-8")
    assert bench.read_table(table) == {"doc_0001.txt": {"欧洲联盟", "欧盟", "某某公司"}}
    assert bench.read_table(table, names=False) == {"doc_0001.txt": {"欧盟", "某某公司"}}


def test_a_recognizer_span_on_the_head_walks_span_keeps_its_leave():
    """A recognizer that tags 当地派出所 itself must not lose it to the generic check the head word waives."""
    from analysis.extract.orgs_find import best_spans, mentions

    text = "白天，当地派出所给了一份长长的名单。"
    s = text.index("当地派出所")
    found = best_spans(mentions(text, [("ORG", s, s + 5)]))
    assert [(m.form, m.generic_ok) for m in found] == [("当地派出所", True)]
    assert [o.name for o in orgs.listed(orgs.extract(Document(id="x", path="x", raw=text, text=text, meta={})))] \
        == ["当地派出所"]


@pytest.mark.parametrize("text, name", [
    ("曼联主场两球击败对手，积分升至榜首。", "曼联"),         # a place in the dictionary, a club in the training splits
    ("EA宣布新作将于明年发售。", "EA"),                      # a Latin word tagged once
    ("美国海军和空军昨天联合演习。", "空军"),                 # a common word the training splits name
])
def test_a_string_the_training_splits_name_as_an_organization_is_kept(text, name):
    assert name in {o.name for o in orgs.listed(_run(text))}


def test_org_name_table_counts_are_consistent():
    from analysis.extract.orgs_lexicon import org_names

    table = org_names()
    assert table["曼联"][0] >= 2 and all(0 < n <= seen for n, seen in table.values())
    assert "酒店" not in table or table["酒店"][0] / table["酒店"][1] < 0.2



@pytest.mark.parametrize("text, names", [
    ("劳动者之歌：广州市自来水供水呼叫中心 停水了", ["广州市自来水供水呼叫中心"]),   # a verb right before the head
    ("记者来到惜春路社区医院", ["惜春路社区医院"]),                                 # a verb further left governs it
    ("北京市民拨打服务中心", []),
    ("投诉消费者委员会", ["消费者委员会"]),                                           # so does one at the start
])
def test_head_walk_keeps_a_verb_only_inside_a_clause_opening_name(text, names):
    from analysis.extract.orgs_heads import drop_inner, head_candidates
    from analysis.extract.orgs_lexicon import gazetteer

    assert [c[2] for c in drop_inner(list(head_candidates(text, gazetteer())))] == names


def test_a_parent_printed_only_inside_its_department_is_no_alias_unless_known():
    found = {o.name: o for o in orgs.listed(_run("耶鲁大学公共卫生学院的研究人员发现，饮食与此有关。"))}
    assert found["耶鲁大学"].aliases == ("耶鲁大学公共卫生学院",)
    found = {o.canonical: o for o in orgs.listed(_run("据平安产险浙江分公司车意险理赔部统计，损失过亿。"))}
    assert set(found["中国平安财产保险"].aliases) == {"平安产险", "平安产险浙江分公司"}   # a known short name


@pytest.mark.parametrize("span, name", [
    ("远程银行委员会认真贯彻党中央", "远程银行委员会"),    # runs on past its head into a verb phrase
    ("首都航空呼叫中心", "首都航空呼叫中心"),              # a verb before a head of its own stays
    ("中国银行业协会", "中国银行业协会"),
])
def test_a_recognizer_span_that_runs_past_its_head_ends_there(span, name):
    from analysis.extract.orgs_find import _overreach

    assert span[:_overreach(span)] == name


@pytest.mark.parametrize("span, name", [
    ("巴西只有圣保罗州保险公司", "圣保罗州保险公司"),    # a word no name holds opens the span
    ("通过新华社", "新华社"),
    ("临时非常委员会", "临时非常委员会"),                  # a bare head is no name left over
    ("南非金巢文化事业有限公司", "南非金巢文化事业有限公司"),   # common nouns are no such words
    ("中国银行业协会", "中国银行业协会"),
])
def test_a_recognizer_span_is_cut_at_a_word_no_name_holds(span, name):
    from analysis.extract.orgs_find import _outside_cut

    a, b = _outside_cut(span)
    assert span[a:b] == name


@pytest.mark.parametrize(("form", "why"), [("北京市住建委", ""), ("丰台区住保办", ""), ("济南水务在集团", "function-word"),
                                           ("北京赴斯洛伐克", "function-word")])
def test_a_character_names_hold_alone_does_not_break_a_recognizer_span(form, why):
    from analysis.extract.orgs_shape import veto

    assert veto(form, model=True) == why


@pytest.mark.parametrize(("sentence", "name"), [
    ("新京报：6月15日，北京市住建委发布房屋拆迁补偿意见规定，今后，", "北京市住建委"),
    ("昨日下午，丰台区住保办、和义街道和大红门街道等部门相关负责人均回应称，两名“娃娃申请人”", "丰台区住保办"),
])
def test_an_abbreviated_government_body_is_an_organization(sentence, name):
    from analysis.document import Document
    from analysis.extract import orgs

    found = orgs.extract(Document(id="x", path="x", raw=sentence, text=sentence))
    assert name in {a for o in found for a in o.aliases}


def test_the_characters_names_hold_come_from_data():
    from analysis.extract.orgs_lexicon import org_inside_chars

    chars = org_inside_chars()
    assert chars["住"][0] >= 0.1 * chars["住"][1] and chars["的"][0] < 0.1 * chars["的"][1] and "在" not in chars


def test_the_words_no_name_holds_come_from_data():
    from analysis.extract.orgs_lexicon import org_outside

    words = org_outside()
    assert {"只有", "通过"} <= words and not {"公司", "协会", "中国"} & words


def test_a_numeral_after_a_head_goes_on_naming_units():
    from analysis.extract.orgs_find import _overreach

    assert _overreach("铁道部十四局三处丽华服装厂") == len("铁道部十四局三处丽华服装厂")


def test_occurrences_inside_a_longer_organization_do_not_make_a_name_inconsistent():
    from collections import Counter

    from analysis.extract.orgs_resolve import _model_doubt

    text = "美国海军宣布。海军发言人说，美国海军将撤离。"
    tags = {"海军": Counter(ORG=1), "美国海军": Counter(ORG=2)}
    spans = {(0, 4), (7, 9), (14, 18)}
    org_at = [any(s <= i < e for s, e in spans) for i in range(len(text))]
    assert _model_doubt(text, "海军", tags, org_at, spans) != "inconsistent"
    tags["海军"] = Counter()                                 # the recognizer leaves the free one untagged
    spans -= {(7, 9)}
    org_at = [any(s <= i < e for s, e in spans) for i in range(len(text))]
    assert _model_doubt(text, "海军", tags, org_at, spans) == "inconsistent"


def test_only_readings_as_a_place_or_person_make_a_name_inconsistent():
    from collections import Counter

    from analysis.extract.orgs_resolve import _model_doubt

    text = "敦睦舰队返台。敦睦舰队已有24人感染。民众担忧敦睦舰队。"
    first = (0, 4)
    org_at = [first[0] <= i < first[1] for i in range(len(text))]
    tags = {"敦睦舰队": Counter(ORG=1)}
    nothing = [False] * len(text)                           # the other two mentions tagged nothing
    assert _model_doubt(text, "敦睦舰队", tags, org_at, {first}, nothing) != "inconsistent"
    places = [i >= 7 for i in range(len(text))]              # read as a place twice
    assert _model_doubt(text, "敦睦舰队", tags, org_at, {first}, places) == "inconsistent"


@pytest.mark.parametrize("span, headed", [
    ("食环署及路政署", True), ("疫情指挥中心", True), ("北京大学", True),
    ("埃及", False), ("埃及石油部", False), ("会展中心", False), ("北京南站", False), ("上海市", False),
])
def test_a_place_span_that_ends_in_an_organizations_head_is_an_organization(span, headed):
    from analysis.extract.orgs_find import _org_headed

    assert _org_headed(span) is headed


def test_the_one_outlet_the_pages_removed_lines_name_is_its_publisher():
    from analysis.extract.orgs_find import chrome_outlets

    assert chrome_outlets(("看更多！请加入自由时报粉丝团", "TOP")) == [("自由时报", "自由时报")]
    assert chrome_outlets(("新京报 | 南方都市报", "更多")) == []          # a list of outlets names no publisher


@pytest.mark.parametrize("text, name, unit", [
    ("据科学技术部农村科技司介绍，今年的项目已经启动。", "科学技术部", "科学技术部农村科技司"),
    ("联合国禁毒署署长在记者招待会上表示，毒品即将成为21世纪的主要敌人。", "联合国", "联合国禁毒署"),
    ("中央电视台心连心艺术团昨天来到延安慰问演出。", "中央电视台", "中央电视台心连心艺术团"),
])
def test_unit_of_a_known_organization_is_one_of_its_forms(text, name, unit):
    rows = [o for o in _run(text) if o.name == name]
    assert len(rows) == 1 and unit in rows[0].aliases and rows[0].rule == "gazetteer+unit"
    assert not any(o.name == unit for o in _run(text))


def test_a_known_name_before_common_words_is_cut_there():
    assert [(o.name, o.canonical) for o in _run("我们要认真落实党中央决策部署。")] == [("党中央", "中共中央")]


def test_a_removed_line_written_as_a_sentence_still_names_organizations():
    body = "今天的会议在北京举行。"
    line = "意大利文化遗产部和盖蒂博物馆就后者收藏的意大利文物归属权问题展开谈判。"
    assert [o.name for o in _run(body, name_lines=(line,))] == ["意大利文化遗产部"]
    assert _run(body, name_lines=("天美九一厂制作",)) == []
    quoted = "今天我们找到的是天猫客服小二丽雪，她说：“双十一那天，我们客服是最安静的部门。”"
    assert [o.name for o in _run(body, name_lines=(quoted,))] == ["天猫"]      # a sentence ending in a quote


def test_an_editors_note_is_read_for_names_like_a_credit(tmp_path):
    """The editor's note is no body text, but the organizations it names are the article's (天猫)."""
    from analysis import pipeline

    path = tmp_path / "a.txt"
    path.write_text("编者按：今天我们找到的是天猫客服小二丽雪，听她讲讲双十一那天的故事。\n\n"
                    "双十一那天，客服们一早就到了公司。丽雪说，那天她接了三百多个咨询。\n", encoding="utf-8")
    doc, removed, _ = pipeline.clean(("a.txt", str(path)), frozenset())
    assert [r.kind for r in removed] == ["editor_note"] and "天猫" not in doc.text
    assert [o.name for o in orgs.extract(doc)] == ["天猫"]


@pytest.mark.parametrize("text, kind, found_name, name", [
    # a head word's walk that stopped inside a recognized name starts with it
    ("专家们聚集在乔治·梅森大学，讨论信息安全问题。", "PER", "乔治·梅森", "乔治·梅森大学"),
    ("他说，葛兰素·威康公司是世界上最大的制药企业之一。", "PER", "葛兰素·威康", "葛兰素·威康公司"),
    # a head word's name starts at the recognized place after common words
    ("他在大会发言中及会见非洲发展银行行长卡巴时表示支持。", "LOC", "非洲", "非洲发展银行"),
    ("四川有线电视台妇女儿童栏目深受欢迎。", "LOC", "四川", "四川有线电视台"),
])
def test_a_head_word_name_starts_where_a_recognized_name_or_place_starts(text, kind, found_name, name):
    from analysis.extract.orgs_find import mentions

    s = text.index(found_name)
    found = [m.form for m in mentions(text, [(kind, s, s + len(found_name))]) if m.source == "head"]
    assert found == [name]


def test_a_three_character_known_name_inside_a_longer_word_is_no_mention():
    found = {n for o in orgs.listed(_run("美国电信管理部门、司法部门的官员对这起兼并反应谨慎。")) for n in (o.name, *o.aliases)}
    assert "司法部" not in found
    found = {n for o in orgs.listed(_run("内务部长是前政府的司法部长，这次获得了正式任命。")) for n in (o.name, *o.aliases)}
    assert "司法部" in found                   # a role glued to the name (部|长) keeps it


def test_a_person_the_document_names_is_cut_off_an_organization_span():
    from analysis.extract.orgs_find import mentions

    text = "波兰科学院地球物理研究所马·莱万多夫斯基说。马·莱万多夫斯基教授认为如此。"
    recognized = [("ORG", 0, 20), ("PER", 22, 30)]
    assert text[22:30] == "马·莱万多夫斯基" and text[12:20] == "马·莱万多夫斯基"
    forms = {m.form for m in mentions(text, recognized) if m.source == "model"}
    assert "波兰科学院地球物理研究所" in forms and text[0:20] not in forms


def test_a_head_word_name_that_carries_a_recognizer_span_on_to_a_head_of_its_own_wins():
    from analysis.extract.orgs_find import Mention, best_spans

    model = Mention(0, 5, "人民日报社", "model", "", "报社")
    head = Mention(0, 7, "人民日报社医院", "head", "", "医院")
    assert [m.form for m in best_spans([model, head])] == ["人民日报社医院"]


def test_a_recognizer_span_that_carries_a_head_word_name_on_to_a_unit_of_it_wins():
    from analysis.extract.orgs_find import Mention, best_spans

    head = Mention(0, 10, "曼谷万颂绿叻差博学院", "head", "", "学院")
    model = Mention(0, 15, "曼谷万颂绿叻差博学院企业管理系", "model", "", "")
    assert [m.form for m in best_spans([head, model])] == ["曼谷万颂绿叻差博学院企业管理系"]


def test_a_headline_run_into_the_house_dateline_names_no_outlet():
    from analysis.extract.orgs_find import dateline_orgs

    assert dateline_orgs("北京图书大厦开业本报讯建在北京西单路口的北京图书大厦于5月6日开业。") == []
    assert dateline_orgs("中国航空旅游网讯 近日，多家航空公司发布通知。") == [("中国航空旅游网", "中国航空旅游网")]


def test_a_recognizer_common_word_loses_to_the_name_a_head_walk_ends_in():
    from analysis.extract.orgs_find import Mention, best_spans

    text = "她在台北荣民总医院做了十年护士。"
    end = text.index("医院") + 2
    walked = Mention(text.index("台北"), end, "台北荣民总医院", "head", "", "医院")
    tagged = Mention(text.index("总医院"), end, "总医院", "model", "", "医院")
    assert [m.form for m in best_spans([tagged, walked])] == ["台北荣民总医院"]


def test_a_recognizer_span_ending_in_a_place_word_is_a_place():
    from collections import Counter

    from analysis.extract.orgs_resolve import _model_doubt

    text = "“菲特”过境,余姚市姚江江堤出现几处决堤"
    form = "余姚市姚江江堤"
    s = text.index(form)
    org_at = [s <= i < s + len(form) for i in range(len(text))]
    assert _model_doubt(text, form, {form: Counter(ORG=1)}, org_at, {(s, s + len(form))}) == "place"
    name = "国家海洋局"                           # a head word, not a place word, ends it
    text2 = text.replace(form, name)
    s2 = text2.index(name)
    assert _model_doubt(text2, name, {name: Counter(ORG=1)}, [s2 <= i < s2 + len(name) for i in range(len(text2))],
                        {(s2, s2 + len(name))}) == ""
    text3 = "江苏苏宁主场迎战上海申花。"                # the last word is a place to the dictionary and a known name
    assert _model_doubt(text3, "江苏苏宁", {"江苏苏宁": Counter(ORG=1)}, [i < 4 for i in range(len(text3))],
                        {(0, 4)}) != "place"


def test_a_party_branch_is_a_department():
    from analysis.extract.orgs_shape import shape

    assert shape("西南支部", set()) == ("西南", "department")


@pytest.mark.parametrize("span, cut", [
    ("通过村委会", (2, 5)),        # a word that never stands in a name, before a bare head
    ("任乡党委", (1, 4)),          # a one-character verb that names rarely hold
    ("家航空公司", (1, 5)),        # a measure word left behind by its numeral
    ("中共中央", (0, 4)), ("市教委", (0, 3)), ("驻华使馆", (0, 4)), ("前苏联", (0, 3)),
])
def test_a_recognizer_span_loses_a_leading_word_no_name_starts_with(span, cut):
    from analysis.extract.orgs_find import _outside_cut

    assert _outside_cut(span) == cut


def test_a_department_of_an_unnamed_body_joins_no_other_organization():
    text = "全国人大常委会法工委研究室的专家来到村里。村支部书记说，村里的选举很顺利。"
    for o in orgs.listed(_run(text)):
        assert "村支部" not in o.aliases, o


@pytest.mark.parametrize(("text", "listed"), [
    ("外出的群众不断在微信和微博上发布积水信息。", True),      # one list with a known name
    ("居民通过微信微博等求助方式传递需求。", True),
    ("她下班后发了一条微博，说今天接了两百个电话。", False),   # a post, not the platform
    ("但在微博等社交平台上，仍有许多网友反映退订不顺利。", True),   # 等 puts it in a class of organizations
    ("她在微博等了很久。", False),
])
def test_a_weak_alias_listed_with_a_known_organization_counts(text, listed):
    assert ("新浪微博" in {o.canonical for o in _run(text)}) is listed


@pytest.mark.parametrize(("text", "name", "alias"), [
    ("桃园市1999市民专线热线不断。去年接获的案件中，转接至市府各部门分机占一成四。", "桃园市政府", "市府"),
    ("香港文汇报讯 特区政府于2001年成立1823电话中心，香港市民可随时致电查询。", "香港特区政府", "特区政府"),
    ("新北市府于今年5月扩大设置居家检疫关怀中心。", "新北市政府", "新北市府"),
    ("台北市与桃园市的专线都很忙，转接至市府各部门的电话占一成四。", None, "市府"),   # two cities: whose?
])
def test_a_government_named_by_its_level_alone_is_the_one_the_document_names(text, name, alias):
    found = {o.name: o for o in _run(text)}
    if name is None:
        assert not any(alias in o.aliases for o in found.values())
    else:
        assert name in found and alias in found[name].aliases and found[name].type == "government"


@pytest.mark.parametrize("span, cut", [
    ("中国队组队", (0, 3)), ("ofo总部排队", (0, 5)),    # a common word names never hold ends no name
    ("中国银行", (0, 4)), ("北京市公安局", (0, 6)), ("浙江大学", (0, 4)),
])
def test_a_recognizer_span_loses_a_last_word_no_name_holds(span, cut):
    from analysis.extract.orgs_find import _outside_cut

    assert _outside_cut(span) == cut


def test_the_outside_word_table_keeps_the_counts_it_was_cut_at():
    from analysis.extract.orgs_lexicon import org_outside

    assert org_outside(20) < org_outside(5) and "通过" in org_outside(20) and "排队" in org_outside(5) - org_outside(20)


def test_a_name_tagged_once_and_read_as_nothing_else_elsewhere_stays():
    """Untagged occurrences vote neither way: only readings as a place or a person count against."""
    text = ("不少台湾民众今天(20日)收到敦睦舰队群聚案足迹提醒简讯，疾管署19日公布的确诊人数可能再创新高。"
            "据中央社报导，敦睦舰队已24人感染武汉肺炎。民众对敦睦舰队群聚疫情的担忧，立即反映在疾管署的专线上。")
    assert "敦睦舰队" in {o.name for o in _run(text)}
