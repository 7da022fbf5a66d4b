"""Credit and dateline lines -> metadata (author, editor, photographer, source, published)."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from analysis.document import Removed

CREDIT_FIELD = {
    "文": "author", "记者": "author", "作者": "author", "撰文": "author", "撰稿": "author", "通讯员": "author",
    "实习生": "author", "特约记者": "author", "本报记者": "author", "首席记者": "author", "见习记者": "author",
    "编辑": "editor", "责任编辑": "editor", "责编": "editor", "主编": "editor", "编审": "editor", "审核": "editor",
    "审校": "editor", "校对": "editor", "美编": "editor", "排版": "editor", "编译": "editor", "翻译": "editor",
    "监制": "editor", "统筹": "editor", "策划": "editor", "出品": "source",
    "图": "photographer", "图片": "photographer", "照片": "photographer", "摄影": "photographer",
    "摄": "photographer", "供图": "photographer", "题图": "photographer", "配图": "photographer",
    "视频": "photographer", "制图": "photographer", "设计": "photographer",
    "初审编辑": "editor", "初审": "editor", "复审": "editor", "终审": "editor", "实习记者": "author",
    "特派员": "author", "资料来源": "source", "来源": "source", "出处": "source", "来自": "source", "转自": "source", "转载自": "source", "摘自": "source",
}
ROLE_WORDS = sorted(CREDIT_FIELD, key=len, reverse=True)
ROLE_AT_END = re.compile(r"^(?P<outlet>.*?)(?P<role>" + "|".join(ROLE_WORDS) + r")(?P<rest>.*)$")
CREDIT_SPLIT = re.compile(r"[\s/／:：|｜丨、，,·•]+")
DATELINE_PLACE = re.compile(r"(报导|报道|综合报导|电|讯)$")
CREDIT_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
DATELINE_TAIL = re.compile(r"(?<=[\u4e00-\u9fff]{2})[\u4e00-\u9fff]{2}\d{1,2}日(电|讯)$")
NOT_OUTLET = {"本报", "本刊", "本台", "本网", "本站", "特约", "首席", "见习"}
OUTLET_SHAPE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{2,12}$")
LINE_MARKS = "（）()【】[]•◆▲·※* "
CAPTION_CREDIT = re.compile(r"(?P<who>[^。！？，,；;(（]{2,20}?)\s*(摄影|摄|供图|/图|／图)[)）]?$")
OUTLET_LINE = re.compile(r"^[\u4e00-\u9fff]{2,10}(报|网|社|台|新闻|客户端|频道|杂志|周刊)$")  # a bare outlet name
CAPTION_SOURCE = re.compile(r"(来源|图片来源|图源)\s*[/／:：]\s*(?P<who>[\u4e00-\u9fffA-Za-z0-9]{2,12})$")
CAPTION_LEAD = re.compile(r"(图|摄影|摄|图片)\s*[/／:：|｜]\s*(?P<who>[\u4e00-\u9fff·]{2,12})[)）]?$")
PICTURED = re.compile(r"([\u4e00-\u9fff]{2,})\s*[(（](?:左|右|中|前|后)[一二三四五]?[)）]")
PHOTO_ROLE = re.compile(r"^(?P<outlet>.*?)(?P<role>摄影记者|实习记者|特约记者|见习记者|记者|通讯员|摄影师)(?P<rest>.*)$")
NAME_SHAPE = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")


def credits(lines: Iterable[Removed]) -> list[dict]:
    """Credit lines -> [{role, field, name, outlet}].

    '文/某某报记者 张三' gives role 记者, outlet 某某报, name 张三; '编辑/李四' gives
    role 编辑, name 李四. Run-together names are kept as written.
    """
    out = []
    for r in lines:
        text = _simplified(r.text).strip(LINE_MARKS)
        role, outlet = None, None
        tokens = [t for t in CREDIT_SPLIT.split(text) if t]
        undated = [t for t in tokens if not (CREDIT_DATE.match(t) or re.fullmatch(r"[\d:：.]+", t))]
        if len(undated) == 1 and len(tokens) <= 3 and OUTLET_SHAPE.match(undated[0]):
            tokens = undated           # '2022-02-10 某某日报': a date and the outlet alone
        if len(tokens) == 1 and not ROLE_AT_END.match(tokens[0]):
            out.append({"role": "来源", "field": "source", "name": tokens[0], "outlet": None, "line_no": r.line_no})
            continue
        if len(tokens) > 1 and NAME_SHAPE.match(tokens[0]) and CREDIT_DATE.match(tokens[1]) \
                and not ROLE_AT_END.match(tokens[0]):
            # 'byline · date · source' (张三 · 2018-09-14 · 来源：某报): the name before the date is the author
            out.append({"role": "作者", "field": "author", "name": tokens[0], "outlet": None, "line_no": r.line_no})
            tokens = tokens[1:]
        pending: list[str] = []        # names before their role word ('张三 摄', '张三 李四/文')
        for token in tokens:
            if CREDIT_DATE.match(token) or re.fullmatch(r"[\d:：.]+", token):
                pending = []
                continue
            if _label(token):          # 时间, 浏览, 字号 ...: a page label ends the credit before it
                role = None
                continue
            m = ROLE_AT_END.match(token)
            if m and (m.group("outlet") == "" or m.group("rest") == "" or len(m.group("outlet")) >= 2):
                role = m.group("role")
                out_name = m.group("outlet")
                if out_name and out_name not in _not_outlets() and OUTLET_SHAPE.match(out_name):
                    outlet = out_name
                token = m.group("rest")
                if not token:
                    if not m.group("outlet") and pending:
                        out += [{"role": role, "field": CREDIT_FIELD[role], "name": p, "outlet": None,
                                 "line_no": r.line_no} for p in pending]
                    pending = []
                    continue
            token = DATELINE_TAIL.sub("", token) or token      # 张三台北20日电 -> 张三
            if role is None and NAME_SHAPE.match(token):
                pending.append(token)
                continue
            if role is None or DATELINE_PLACE.search(token):
                continue
            out.append({"role": role, "field": CREDIT_FIELD[role], "name": token, "outlet": outlet,
                        "line_no": r.line_no})
    return out


def caption_credits(lines: Iterable[Removed]) -> list[dict]:
    """Photo credits at the end of captions ('…来电。袁皓摄', '…香港文汇报记者聂晓辉 摄') -> photographer;
    people pictured and placed (张三（左）) -> field 'pictured'."""
    out = []
    for r in lines:
        text = _simplified(r.text).strip(LINE_MARKS)
        for m in PICTURED.finditer(text):       # '张三（左）在…': a person pictured, named by position
            name = _surname_name(m.group(1))
            if name:
                out.append({"role": "", "field": "pictured", "name": name, "outlet": None, "line_no": r.line_no})
        agency = CAPTION_SOURCE.search(text)
        if agency and agency.group("who") not in _not_names():    # '…保电忙 来源/东方IC': a picture agency
            out.append({"role": "来源", "field": "photographer", "name": agency.group("who"),
                        "outlet": agency.group("who"), "line_no": r.line_no})
            continue
        m = CAPTION_CREDIT.search(text) or CAPTION_LEAD.search(text)
        if not m:
            continue
        who = re.sub(r"\s+", "", m.group("who")).strip("/／")
        role_m = PHOTO_ROLE.match(who)
        outlet = None
        if role_m and role_m.group("rest").strip("/／:：|｜"):
            who = role_m.group("rest").strip("/／:：|｜")
            if OUTLET_SHAPE.match(role_m.group("outlet") or "") and role_m.group("outlet") not in _not_outlets():
                outlet = role_m.group("outlet")
        if NAME_SHAPE.match(who) and who not in _not_names():
            out.append({"role": "摄", "field": "photographer", "name": who, "outlet": outlet, "line_no": r.line_no})
    return out


def _surname_name(run: str) -> str | None:
    """The name ending a run of characters (局长张三 -> 张三, 赵慧贤): two or three characters from a surname."""
    from analysis.resources import data_path

    surnames = _surnames(data_path("surnames.txt"))
    for n in (2, 3):
        if len(run) >= n and run[-n] in surnames and run[-n:] not in _not_names():
            return run[-n:]
    return None


@functools.cache
def _surnames(path) -> frozenset[str]:
    with open(path, encoding="utf-8") as f:
        return frozenset(x.strip() for x in f if x.strip() and not x.startswith("#") and len(x.strip()) == 1)


@functools.cache
def _not_outlets() -> frozenset[str]:
    """What stands before a role word and is no outlet: 本报, 特约 (NOT_OUTLET) and what a credit credits
    (相片|来源, 数据|来源: ``boilerplate_words.yaml`` not_outlets)."""
    from analysis.resources import yaml_data

    return frozenset(NOT_OUTLET) | frozenset(yaml_data("boilerplate_words.yaml")["not_outlets"])


def _not_names() -> frozenset[str]:
    from analysis.resources import yaml_data

    return frozenset(yaml_data("boilerplate_words.yaml")["not_credit_names"])


def _label(token: str) -> bool:
    from analysis.boilerplate.features import words

    return token not in CREDIT_FIELD and bool(words()["furniture"].fullmatch(token))


def _simplified(text: str) -> str:
    from analysis.resources import opencc_converter

    return opencc_converter("t2s").convert(text)
