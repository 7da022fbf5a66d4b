"""Credit and dateline lines -> metadata (author, editor, photographer, source, published)."""
from __future__ import annotations

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
CREDIT_SPLIT = re.compile(r"[\s/／:：|｜丨、，,]+")
DATELINE_PLACE = re.compile(r"(报导|报道|综合报导|电|讯)$")
CREDIT_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
NOT_OUTLET = {"本报", "本刊", "本台", "本网", "本站", "特约", "首席", "见习"}
OUTLET_SHAPE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{2,12}$")
LINE_MARKS = "（）()【】[]•◆▲·※* "
CAPTION_CREDIT = re.compile(r"(?P<who>[^。！？，,；;(（]{2,20}?)\s*(摄影|摄|供图|/图|／图)[)）]?$")
OUTLET_LINE = re.compile(r"^[\u4e00-\u9fff]{2,10}(报|网|社|台|新闻|客户端|频道|杂志|周刊)$")  # a bare outlet name
CAPTION_SOURCE = re.compile(r"(来源|图片来源|图源)\s*[/／:：]\s*(?P<who>[\u4e00-\u9fffA-Za-z0-9]{2,12})$")
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
        if len(tokens) == 1 and not ROLE_AT_END.match(tokens[0]):
            out.append({"role": "来源", "field": "source", "name": tokens[0], "outlet": None, "line_no": r.line_no})
            continue
        for token in tokens:
            if CREDIT_DATE.match(token) or re.fullmatch(r"[\d:：.]+", token):
                continue
            if _label(token):          # 时间, 浏览, 字号 ...: a page label ends the credit before it
                role = None
                continue
            m = ROLE_AT_END.match(token)
            if m and (m.group("outlet") == "" or m.group("rest") == "" or len(m.group("outlet")) >= 2):
                role = m.group("role")
                out_name = m.group("outlet")
                if out_name and out_name not in NOT_OUTLET and OUTLET_SHAPE.match(out_name):
                    outlet = out_name
                token = m.group("rest")
                if not token:
                    continue
            if role is None or DATELINE_PLACE.search(token):
                continue
            out.append({"role": role, "field": CREDIT_FIELD[role], "name": token, "outlet": outlet,
                        "line_no": r.line_no})
    return out


def caption_credits(lines: Iterable[Removed]) -> list[dict]:
    """Photo credits at the end of captions ('…来电。袁皓摄', '…香港文汇报记者聂晓辉 摄') -> photographer."""
    out = []
    for r in lines:
        text = _simplified(r.text).strip(LINE_MARKS)
        agency = CAPTION_SOURCE.search(text)
        if agency:             # '…保电忙 来源/东方IC': a picture agency
            out.append({"role": "来源", "field": "photographer", "name": agency.group("who"),
                        "outlet": agency.group("who"), "line_no": r.line_no})
            continue
        m = CAPTION_CREDIT.search(text)
        if not m:
            continue
        who = re.sub(r"\s+", "", m.group("who"))
        role_m = PHOTO_ROLE.match(who)
        outlet = None
        if role_m and role_m.group("rest"):
            who = role_m.group("rest")
            if OUTLET_SHAPE.match(role_m.group("outlet") or "") and role_m.group("outlet") not in NOT_OUTLET:
                outlet = role_m.group("outlet")
        if NAME_SHAPE.match(who):
            out.append({"role": "摄", "field": "photographer", "name": who, "outlet": outlet, "line_no": r.line_no})
    return out


def _label(token: str) -> bool:
    from analysis.boilerplate.features import words

    return token not in CREDIT_FIELD and bool(words()["furniture"].fullmatch(token))


def _simplified(text: str) -> str:
    from analysis.resources import opencc_converter

    return opencc_converter("t2s").convert(text)
