"""Boilerplate: scored against the gold audit, nothing lost, credits kept as metadata."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import boilerplate, load, normalize
from analysis.document import Document
from analysis.pipeline import run_corpus
from tests.conftest import GOLD, SCORER, corpus_files, need_shared


BODY = ["春节期间客服接线量急剧增加。", "她每天早上八点开始工作。", "团队的同事都像她一样。", "用户的诉求多种多样。",
        "晚上的电话处理起来时间更长。", "大家心里也越来越有底气。", "他们很感谢家人的理解。", "现在来电的用户越来越多。"]


def strip_text(raw: str, *, fmt: str = "text", doc_id: str = "t"):
    doc = Document(doc_id, doc_id, raw=raw, meta={"format": fmt})
    doc, _ = normalize.document(doc)
    return boilerplate.strip_document(doc)


def score(out_dir: Path) -> dict:
    res = subprocess.run([sys.executable, str(SCORER), str(out_dir), str(GOLD), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)["scores"]


def test_seed_boilerplate_against_gold(extracted):
    need_shared()
    s = score(extracted)["boilerplate"]
    assert s["f1"] >= 0.98, s
    assert s["recall"] == 1.0, s


def test_no_body_line_removed(extracted):
    """Every removed whole line is in the gold audit; only glued UI prefixes may differ."""
    need_shared()
    gold = {}
    for f in GOLD.glob("*.json"):
        g = json.loads(f.read_text(encoding="utf-8"))
        gold[g["doc"]] = {"".join(x["line"].split()) for x in g["boilerplate"]}
    with (extracted / "boilerplate.csv").open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["rule"] == "ui-residue-prefix":
                continue
            assert "".join(row["text"].split()) in gold[row["doc_id"]], row


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_every_raw_line_is_kept_or_audited(path):
    doc, _ = load.document(path, path.name)
    doc, _ = normalize.document(doc)
    clean, removed = boilerplate.strip_document(doc)
    audited = {r.line_no for r in removed}
    line_starts = [0]
    for i, c in enumerate(doc.raw):
        if c == "\n":
            line_starts.append(i + 1)
    kept_lines = set()
    import bisect
    for i, ch in enumerate(clean.text):
        if ch != "\n":
            kept_lines.add(bisect.bisect_right(line_starts, clean.starts[i]))
    for no, line in enumerate(doc.raw.split("\n"), start=1):
        if line.strip():
            assert no in kept_lines or no in audited, f"line {no} lost: {line[:40]!r}"


def test_comment_section_follows_the_prompt():
    body = "\n".join(BODY)
    _, removed = strip_text(body + "\n请登录后发表评论\n写得真好\n客服辛苦了\n")
    kinds = [(r.text, r.kind) for r in removed]
    assert kinds == [("请登录后发表评论", "chrome"), ("写得真好", "comment"), ("客服辛苦了", "comment")]


def test_editor_note_block_ends_at_embed():
    raw = ("某某网注：每到双十一都是购物狂欢日。\n我们做了一个策划，找到关键人物。\n"
           "<iframe src='v.html'></iframe>\n以下为本人自述：\n我是客服。\n")
    clean, removed = strip_text(raw)
    assert [(r.kind, r.rule) for r in removed] == [
        ("editor_note", "editor-note"), ("editor_note", "editor-note-block"), ("media", "markup-media")]
    assert clean.text.startswith("以下为本人自述")


def test_editor_note_without_end_takes_one_line():
    raw = "编者按：这是一组报道。\n" + "\n".join(BODY)
    _, removed = strip_text(raw)
    assert [r.line_no for r in removed] == [1]


def test_ui_residue_glued_to_first_line():
    clean, removed = strip_text("新用户登录后自动创建账号\n登录某某客服是一名甘肃人，今年第四年。\n第二段。")
    assert clean.text.startswith("某某客服是一名甘肃人")
    assert [(r.kind, r.text) for r in removed] == [("chrome", "新用户登录后自动创建账号"), ("chrome", "登录")]
    assert clean.raw_span(0, 2) == (len("新用户登录后自动创建账号\n登录"), len("新用户登录后自动创建账号\n登录某某"))


def test_repeated_spam_line_in_document():
    spam = "某平台人工客服电话是多少号，某平台人工客服电话是多少号码"
    raw = "\n".join([spam, "正文一，客服很忙。", spam, "正文二，客服很累。", spam])
    clean, removed = strip_text(raw)
    assert {r.kind for r in removed} == {"spam"} and len(removed) == 3
    assert clean.text == "正文一，客服很忙。\n正文二，客服很累。"


def test_short_repeated_headings_are_kept():
    raw = "结语\n正文。\n结语\n正文二。\n结语\n"
    clean, removed = strip_text(raw)
    assert not removed


def test_credit_names_become_metadata():
    raw = "正文，客服接听电话。\n文/某某晚报记者 张三\n图片/某某旅行网\n编辑/李四\n"
    clean, removed = strip_text(raw)
    assert [r.kind for r in removed] == ["credit"] * 3
    assert clean.meta["author"] == ["张三"] and clean.meta["editor"] == ["李四"]
    assert clean.meta["photographer"] == ["某某旅行网"]
    assert clean.meta["source"] == "某某晚报"
    assert {"role": "记者", "field": "author", "name": "张三", "outlet": "某某晚报", "line_no": 2} in clean.meta["credits"]


def test_cross_corpus_repeats_are_order_independent(tmp_path):
    footer = "关注我们的频道获取更多客服行业资讯和招聘信息"
    texts = {f"d{i}.txt": f"第{i}篇正文，客服每天接听{i}00个电话。\n{footer}\n结尾第{i}句。" for i in range(4)}
    outs = []
    for order in (sorted(texts), sorted(texts, reverse=True)):
        corpus = tmp_path / f"c{len(outs)}"
        corpus.mkdir()
        for name in order:
            (corpus / name).write_text(texts[name], encoding="utf-8")
        out = tmp_path / f"o{len(outs)}"
        run_corpus(corpus, out, extract=False, jobs=1)
        outs.append((out / "boilerplate.csv").read_text(encoding="utf-8-sig"))
    assert outs[0] == outs[1]
    assert outs[0].count("repeated-across-corpus") == 4


def test_self_repeating_seo_line():
    assert boilerplate.self_repeating("某平台客服电话是多少，某平台客服电话是多少号码")
    assert not boilerplate.self_repeating("客服每天接听电话，客服每天处理订单")


def test_news_page_dateline_gives_published_date_and_source():
    clean, removed = strip_text("客服的一天\n2023-06-19 08:30 来源：某某晚报\n正文，客服接听电话。\n")
    assert [(r.kind, r.rule) for r in removed] == [("credit", "credit-dateline")]
    assert clean.meta["published"] == "2023-06-19" and clean.meta["source"] == "某某晚报"


def test_taiwan_byline_and_agency_line():
    raw = "標題\n記者林某某／台北報導\n正文，客服接聽電話，非常忙碌。\n（某某社）\n"
    clean, removed = strip_text(raw)
    assert [r.rule for r in removed] == ["credit-dateline-byline", "credit-agency"]
    assert clean.meta["author"] == ["林某某"] and clean.meta["source"] == "某某社"


def test_bare_date_line_with_weekday_is_a_dateline():
    clean, removed = strip_text("客服的一天\n2023年3月8日（星期三）\n正文，客服接听电话。\n")
    assert [r.rule for r in removed] == ["credit-dateline"]
    assert clean.meta["published"] == "2023-03-08"


# ---- the line model ------------------------------------------------------------------------------

PAGE_BODY = ("“您好，这里是热线。”早上八点，调度室里的每一个电话机位前，调度员们都在忙碌着，他们的声音已经沙哑了。\n"
             "记者来到热线中心的时候，大屏幕上显示当天的来电量已经超过了两千个，是平时的三倍多，大家连喝水的时间都没有。\n"
             "中心负责人告诉记者，为了应对高峰，他们把原来的三班倒改成了四班倒，所有人都取消了休假，回到了岗位上。\n")


def test_model_weights_and_features_agree():
    from analysis.boilerplate import features, model

    m = model.load()
    names = set(features.document(["标题", PAGE_BODY.splitlines()[0]])[0])
    assert set(m.weights) <= names, set(m.weights) - names
    assert 0.5 <= m.threshold < m.sure <= 1.0
    assert m.info["scores"]["devset"]["leave_one_document_out"]["precision"] >= 0.95


def test_page_head_and_tail_furniture_go_body_stays():
    raw = ("您现在的位置：首页 > 新闻 > 社会\n热线话务员的一天\n2021-03-05 10:20 来源：某某日报 作者：张某\n"
           "分享到：\n" + PAGE_BODY + "相关新闻\n某地热线启用新系统\n某市客服中心扩容\n")
    clean, removed = strip_text(raw)
    assert clean.text.splitlines() == ["热线话务员的一天"] + PAGE_BODY.splitlines()
    rules = {r.text: r.rule for r in removed}
    assert rules["相关新闻"].startswith("model") and rules["某市客服中心扩容"].split(":")[0] in ("model", "link-block")
    assert clean.meta["published"] == "2021-03-05" and clean.meta["source"] == "某某日报"


def test_caption_credit_fills_photographer():
    raw = "热线话务员的一天\n" + PAGE_BODY + "调度员在接听市民来电。记者 王某某 摄\n"
    clean, removed = strip_text(raw)
    assert [(r.kind, r.text) for r in removed] == [("caption", "调度员在接听市民来电。记者 王某某 摄")]
    assert clean.meta["photographer"] == ["王某某"]


def test_page_without_prose_is_left_to_the_rules():
    clean, removed = strip_text("第一段。\n第二段。\n")
    assert not removed


@pytest.mark.parametrize("line, expected", [
    ("張玥 · 2018-09-14 · 來源:南方周末", [("author", "张玥"), ("source", "南方周末")]),
    ("2022-02-10 某某日报", [("source", "某某日报")]),
    ("中央社記者張三台北20日電", [("author", "张三")]),
    ("张三 李四/文", [("author", "张三"), ("author", "李四")]),
    ("初審編輯:尹某某", [("editor", "尹某某")]),
    ("编辑: 发布时间:2020-02-20 作者: 来源: 浏览:3777次", []),
])
def test_credit_line_shapes(line, expected):
    from analysis.document import Removed

    got = boilerplate.credits([Removed("d", 1, "credit", line, "r")])
    assert [(c["field"], c["name"]) for c in got] == expected


@pytest.mark.parametrize("line, outlets", [
    ("新华社记者 张三", {"新华社"}),
    ("相片來源:香港電台", set()),          # what is credited, not who publishes
    ("数据来源：国家统计局", set()),
])
def test_a_word_before_a_credit_role_is_an_outlet_only_when_it_can_name_one(line, outlets):
    from analysis.document import Removed

    got = boilerplate.credits([Removed("d", 1, "credit", line, "r")])
    assert {c["outlet"] for c in got if c["outlet"]} == outlets


@pytest.mark.parametrize("line, expected", [
    ("市民在排队。记者/王某某 摄", [("photographer", "王某某")]),
    ("市民在排队。图/张三", [("photographer", "张三")]),
    ("市民在排队。(图片来源:网络)", []),
    ("保电忙 来源/某某图片社", [("photographer", "某某图片社")]),
    ("局长张三(左)与李四(右)交谈", [("pictured", "张三"), ("pictured", "李四")]),
    ("市民(左)在排队", []),
])
def test_caption_credit_shapes(line, expected):
    from analysis.boilerplate.credits import caption_credits
    from analysis.document import Removed

    got = caption_credits([Removed("d", 1, "caption", line, "r")])
    assert [(c["field"], c["name"]) for c in got] == expected


@pytest.mark.parametrize("line, removed", [
    ("GetAttachment (5).jpg", True), ("IMG_2043.JPG", True),     # an image's file name left as text
    ("这张照片.jpg说明了很多问题。", False),
])
def test_an_image_file_name_left_as_a_line_is_media(line, removed):
    _, out = strip_text("\n".join(BODY[:3] + [line] + BODY[3:]) + "\n")
    assert [(r.kind, r.text) for r in out] == ([("media", line)] if removed else [])


@pytest.mark.parametrize("line, kind", [
    ("全文共4406字,阅读大约需要8分钟。", "chrome"),                       # a reading-time notice
    ("本文约2800字，预计阅读时间7分钟", "chrome"),
    ('<acronymid="seanm"><labelid="seanm"><xmpid="seanm"></xmp></label></acronym>', "noise"),   # markup as text
    ('1.<trackid="seanm"><rubyid="seanm"></ruby></track>', "noise"),
    ("全文共三段，阅读很快。", None),
])
def test_reading_time_notices_and_markup_left_as_text_are_removed(line, kind):
    _, out = strip_text("\n".join(BODY[:3] + [line] + BODY[3:]) + "\n")
    assert [r.kind for r in out] == ([kind] if kind else [])
