"""Organization mentions: the recognizer's ORG spans, gazetteer hits, head-word names, credits and
source lines; overlapping mentions keep the best span."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from analysis.document import Document
from analysis.extract import lexicon
from analysis.extract.orgs_heads import drop_inner, head_candidates
from analysis.extract.orgs_lexicon import (
    _gazetteer_hits,
    _values,
    gazetteer,
    lookup,
    org_end_chars,
    org_ends,
    org_outside,
    org_words,
    outlet_name,
)
from analysis.extract.orgs_shape import _words, head_of, rarely_inside, shape, veto

RUN_RE = re.compile(r"[\u4e00-\u9fff]+")
QUOTED_RE = re.compile(r"[“\"「『]([^”\"」』\s，。]{2,12})[”\"」』]")
PINYIN_RE = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü\u0101-\u01dc\u00e0-\u00fc?？]{1,7}[)）]")
COORD_RE = re.compile(r"[^及和与、]{2,}")
COORDINATOR_RE = re.compile(r"[及和与、]")
PLACE_LESS = ("government", "media", "company", "hospital", "school")   # head types no place name ends in
PLACE_NOTE_RE = re.compile(r"[(（][\u4e00-\u9fff]{2,4}[)）]$")   # 云信网(昆明): a city after an outlet's name
SOURCE_RE = re.compile(r"(?:来源|稿源|出处|转自|转载自)\s*[:：/]\s*([^\s|｜,，。:：/]{2,20})")
# a dateline opens a line: an outlet, a place, a day, then 讯/电/消息 (央广网北京7月23日消息, 中国航空旅游网讯);
# a name right before the day needs no media head (【大纪元2020年04月20日讯】)
_DAY = r"(?:\d{2,4}年)?\d{1,2}月\d{1,2}日"
DATELINE_RE = re.compile(
    r"^[【\[〔(（]?(?:([\u4e00-\u9fffA-Za-z]{2,10}?(?:网|报|社|台))(?:讯|(?:[\u4e00-\u9fff]{2,4}?)?" + _DAY
    + r"(?:讯|电|消息))|([\u4e00-\u9fffA-Za-z]{2,8}?)" + _DAY + r"(?:讯|电|消息))", re.MULTILINE)


REFUSED = ("number", "hotline", "generic", "function-word")   # vetoes a dateline's name cannot pass


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the outlets that open datelines in ``text``."""
    return [m.span(1) if m.group(1) else m.span(2) for m in DATELINE_RE.finditer(text)
            if _dateline_name(m.group(1) or m.group(2))]


def dateline_orgs(text: str) -> list[tuple[str, str]]:
    """(surface, canonical) of outlets opening datelines (中国航空旅游网讯, 新华社北京3月5日电); a wire
    story's outlet, so never what 本报 stands for."""
    out = []
    for m in DATELINE_RE.finditer(text):
        name = _dateline_name(m.group(1) or m.group(2))
        if name:
            out.append((name, lookup(name) or name))
    return out


def _dateline_name(name: str) -> str:
    """The outlet a dateline opens with, or '': a leading function word dropped (据|新华社), a trailing
    place dropped (某某网|北京), never the house name (本报北京: the outlet is named elsewhere)."""
    if any(h in name for h in org_words("house")):
        return ""                              # 本报北京, 某某大厦开业|本报讯: a headline run into the house dateline
    words = list(_words(name))
    func = lexicon.function_words()
    while words and (words[0] in func or words[0] in org_words("stop")):
        words.pop(0)
    tags = lexicon.coarse_tags()
    while len(words) > 1 and tags.get(words[-1]) == "ns":
        words.pop()
    name = "".join(words)
    if len(name) < 2 or tags.get(name) == "ns" or veto(name, generic_ok=True) in REFUSED or _role_word(name):
        return ""
    return name


@dataclass
class Mention:
    start: int
    end: int
    form: str
    source: str                 # model | gazetteer | head | credit
    canon: str = ""             # gazetteer canonical name, if known
    head: str = ""              # head word the form ends in (org_suffixes.tsv / org_type_heads.tsv)
    generic_ok: bool = False    # a head after which a generic modifier is name enough (当地派出所)
    parent: str = ""            # the known organization this form names a unit of (科学技术部|农村科技司)


# ---- finders ----------------------------------------------------------------------------------

def mentions(text: str, recognized) -> list[Mention]:
    gaz = gazetteer()
    out = [Mention(s, e, f, "gazetteer", c, head_of(f)[0]) for s, e, f, c in _gazetteer_hits(text, gaz)]
    walked: dict[tuple[int, int], bool] = {}
    for s, e, name, canon, suf in drop_inner(list(head_candidates(text, gaz))):
        s2 = _left_edge(text, recognized, s, e - len(suf.text))
        if s2 == s:
            s2 = _place_start(text, recognized, s, e - len(suf.text))
        if s2 != s:                            # 乔治·|梅森大学, 会见|非洲发展银行
            s, name, canon = s2, text[s2:e], lookup(text[s2:e]) or ""
        out.append(Mention(s, e, name, "head", canon, suf.text, suf.generic_ok))
        walked[(s, e)] = suf.generic_ok
    out += centre_mentions(text, out)
    out += reporter_outlets(text)
    persons = {text[s:e] for ty, s, e in recognized if ty == "PER" and e - s >= 2}
    for ty, s, e in recognized:
        if (ty == "ORG" and e - s >= 2) or (ty == "LOC" and _org_headed(text[s:e])):
            for s2, e2 in _split_coordination(text, s, e):
                form = text[s2:e2]
                head = head_of(form)[0]
                canon = lookup(form) or _known_inside(form)
                known = [h for h in _gazetteer_hits(form, gaz) if h[0] == 0] if not head and not canon else []
                if known and shape(form, set())[1] in ("department", "branch"):
                    known = []                 # 国务院|法制办公室: a part of the known name, read whole
                if known and _unit_name(form[len(known[0][2]):]):
                    # 科学技术部|农村科技司, 联合国|禁毒署: a unit of the known organization, read whole
                    out.append(Mention(s2, e2, form, "model", known[0][3], head_of(form)[0], parent=known[0][2]))
                    continue
                if known:                      # 党中央|决策部署: the known name, not the overreach
                    e2, canon = s2 + len(known[0][2]), known[0][3]
                    form, head = known[0][2], head_of(known[0][2])[0]
                person = next((p for p in persons if form.endswith(p) and len(form) > len(p) + 1), "")
                if person and not canon:         # 波兰科学院地球物理研究所|马·莱万多夫斯基: a person the document names
                    e2, form = e2 - len(person), form[:-len(person)]
                    head, canon = head_of(form)[0], lookup(form) or ""
                    if not head and not canon:
                        continue                 # 日本首相|桥本龙太郎: no organization before the person
                a, b = _outside_cut(form) if not canon else (0, len(form))
                if (a, b) != (0, len(form)):     # 通过|村委会, 中国队|组队: a word no name holds ends the span
                    s2, e2, form = s2 + a, s2 + b, form[a:b]
                    head, canon = head_of(form)[0], lookup(form) or ""
                cut = _overreach(form) if not canon else len(form)
                if cut < len(form):            # 远程银行委员会|认真贯彻党中央: the name ends at its head
                    e2, form = s2 + cut, form[:cut]
                    head, canon = head_of(form)[0], lookup(form) or ""
                # the head word's walk found the same span (当地|派出所): its head's leave holds for the model's
                out.append(Mention(s2, e2, form, "model", canon, head, walked.get((s2, e2), False)))
    return out


def centre_mentions(text: str, found: list[Mention]) -> list[Mention]:
    """A centre named after a known organization, maybe through one of its departments (首都航空|呼叫中心,
    首都航空|客户服务部|呼叫中心): the known name, a department word if any, and a unit word that names a
    centre (呼叫中心, 客服中心), whatever verb the unit word holds."""
    centres = tuple(u for u in org_words("unit") if u.endswith("中心") and len(u) > 2)
    departments = tuple(org_words("department"))
    out = []
    for m in found:
        if m.source != "gazetteer" or veto(m.canon) in ("hotline", "number") or m.form.isdigit():
            continue                           # 12345|呼叫中心: a hotline's centre is named by its place
        rest = text[m.end:m.end + 16]
        dept = next((rest[:k + len(d)] for k in range(3) for d in departments if rest.startswith(d, k)
                     and all("\u4e00" <= ch <= "\u9fff" for ch in rest[:k])), "")
        unit = next((u for u in centres if rest.startswith(u, len(dept))), "")
        if unit:
            end = m.end + len(dept) + len(unit)
            out.append(Mention(m.start, end, text[m.start:end], "head", "", unit))
    return out


def _left_edge(text: str, recognized, start: int, head: int) -> int:
    """Where a head word's name starts when its walk stopped inside a name the recognizer found
    (乔治·|梅森大学, 葛兰素·|威康公司, 月|山车站汽车运贸公司): the start of that name, when it ends
    before the head and no line break or punctuation other than a middle dot lies between; else
    ``start``."""
    for _, s, e in recognized:
        if s < start < e <= head and all(ch == "·" or "\u4e00" <= ch <= "\u9fff" or ch.isalnum() for ch in text[s:start]):
            return s
    return start


def _place_start(text: str, recognized, start: int, head: int) -> int:
    """Where a head word's name starts when its walk took in common words before a place or
    organization the recognizer found (会见|非洲发展银行, 直达航线|阿根廷航空公司): at that place;
    else ``start``.  Only common dictionary words may be left out, never a name."""
    for ty, s, e in sorted(recognized, key=lambda x: x[1]):
        if ty in ("LOC", "ORG") and start < s < head and e <= head:
            words = _words(text[start:s])
            if words and all(lexicon.word_freq(w) and not lexicon.is_proper_or_unknown(w) for w in words):
                return s
            break
    return start


def reporter_outlets(text: str) -> list[Mention]:
    """Outlets named by the word a byline or dateline puts after them (大众网|记者, 某某电视台|报道): the
    jieba word right before a reporter word, when it ends in a media head (网, 报, 台, 社) and the
    dictionary does not read it as a common word."""
    from analysis.extract.ner_segment import cut

    cues = org_words("reporter")
    if not any(c in text for c in cues):
        return []
    out = []
    for run in RUN_RE.finditer(text):
        chunk = run.group()
        if not any(c in chunk for c in cues):
            continue                     # no reporter word in this run: nothing to find, nothing to segment
        pos, prev = run.start(), None
        for w in cut(chunk):
            if w in cues and prev is not None:
                ps, form = prev
                head, typ = head_of(form)
                if typ == "media" and len(form) >= 3 and (lexicon.is_proper_or_unknown(form) or lookup(form)) \
                        and not any(form.startswith(h) for h in org_words("house")) and not veto(form):
                    out.append(Mention(ps, ps + len(form), form, "head", lookup(form) or "", head))
            prev = (pos, w)
            pos += len(w)
    return out


def _org_headed(form: str) -> bool:
    """Does a span the recognizer reads as a place end in the head word of an organization that is no
    place (食环署及路政署, 某某市公安局: government, media, company, hospital or school; not 中心, 站)?"""
    parts = [m.group() for m in COORD_RE.finditer(form)]
    whole = bool(parts) and sum(map(len, parts)) == len(COORDINATOR_RE.sub("", form))    # no piece left out
    return whole and all(head_of(p)[1] in PLACE_LESS and len(p) > len(head_of(p)[0]) + 1 for p in parts)


def _overreach(form: str) -> int:
    """Where a recognizer span that runs on past its name should end: after the head word that a
    verb, adverb or set phrase of two characters or more follows, when no head word ends the rest
    (远程银行委员会|认真贯彻党中央; not 铁道部|十四|局…: a numeral goes on naming units); else the whole span."""
    words = _words(form)
    func, tags = lexicon.function_words(), lexicon.coarse_tags()
    pos = 0
    for j, w in enumerate(words):
        if j and len(w) > 1 and w in func and tags.get(w) in ("v", "d", None) and head_of(form[:pos])[0] \
                and not head_of(form[pos:])[0]:
            return pos
        pos += len(w)
    return len(form)


def _outside_cut(form: str) -> tuple[int, int]:
    """The part of a recognizer span that names an organization when a word inside it is one that
    never stands in a name of the training splits (``org_outside``): after the last such word
    (巴西只有|圣保罗州保险公司, 通过|村委会), before the first one after a name; each cut only when what
    is left is a name by its head word or the gazetteer.  A last word that is a common word the splits
    hold a few times and never in a name goes too (中国队|组队).  (0, len(form)) when no cut."""
    words = _words(form)
    outside = _outside_words()
    a, b = 0, len(form)
    pos = 0
    for j, w in enumerate(words[:-1]):
        pos += len(w)
        rest = form[pos:]
        if w in outside and _named_part(rest):
            a = pos
        elif j == 0 and (w in outside or _leads_outside(w)) and (_named_part(rest) or _headed(rest)):
            a = pos                            # the first word: a bare head may follow (通过|村委会, 任|乡党委)
    pos = a
    for w in _words(form[a:]):
        if pos > a and w in outside and _named_part(form[a:pos]):
            b = pos
            break
        pos += len(w)
    last = _words(form[a:b])[-1] if b - a >= 2 else ""
    if b - a - len(last) >= 2 and last in org_outside(LAST_LEAST) and lexicon.word_freq(last) \
            and not lexicon.is_proper_or_unknown(last):
        b -= len(last)                         # 中国队|组队, ofo总部|排队: a common word no name holds
    return a, b


LAST_LEAST = 5    # times a common word must stand in the training splits, never in a name, to end no name


def _leads_outside(word: str) -> bool:
    """Is ``word``, first in a recognizer span, a one-character function word that names rarely hold
    (任|乡党委, 家|航空公司; not 中, 市, 省)?"""
    return len(word) == 1 and word in lexicon.function_words() and rarely_inside(word)


def _headed(part: str) -> bool:
    """Does ``part`` end in an organization's head word (a bare one too: 通过|村委会)?"""
    return len(part) >= 2 and bool(head_of(part)[0])


@functools.cache
def _outside_words() -> frozenset[str]:
    """Function words of the dictionary that the training splits never find inside a name (只有, 通过;
    not 家庭 or 最高, common words that the small splits just happen to miss)."""
    return org_outside() & lexicon.function_words()


def _named_part(part: str) -> bool:
    """Is ``part`` a name by itself: known, or a head word with words of its own before it (not a
    bare head: 临时非常|委员会 stays whole)?"""
    return len(part) >= 2 and bool(lookup(part) or head_of(part)[0] and not veto(part, model=True))


def _unit_name(rest: str) -> bool:
    """Does ``rest``, what a recognizer span adds after a known organization's name, name a unit of
    it: two characters or more, no one-character function word, whose last word ends organization
    names in the training splits at least as often as it stands elsewhere (艺术团, 禁毒署), or is a
    single character or a word the dictionary does not know ending in a character that ends many
    of them (农村科技|司; not 决策|部署, 粉丝团 of a fan page)?"""
    words = _words(rest)
    func = lexicon.function_words()
    if len(rest) < 2 or not words or any(len(w) == 1 and w in func for w in words):
        return False
    last = words[-1]
    ends, seen = org_ends().get(last, (0, 0))
    if ends and 2 * ends >= seen:
        return True
    return last[-1] in org_end_chars() and (len(last) == 1 or lexicon.word_freq(last) == 0)


def _split_coordination(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A span that coordinates names with a head word each (食环署及路政署) is two mentions."""
    form = text[s:e]
    parts = [m.span() for m in COORD_RE.finditer(form)]
    if len(parts) < 2 or not all(head_of(form[a:b])[0] or lookup(form[a:b]) for a, b in parts):
        return [(s, e)]
    return [(s + a, s + b) for a, b in parts]


COMPANY_TAILS = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司", "集团")


def _known_inside(form: str) -> str:
    """Canonical name of a known company inside a company name (深圳市顺丰速运有限公司 is 顺丰,
    东方航空公司 is 东方航空), or of a known company and a word a full name may add to it (拼多多|平台,
    滴滴|出行), or ''."""
    gaz = gazetteer()
    words = org_words("company_word")
    for s, e, _, c in _gazetteer_hits(form, gaz):
        if s == 0 and e < len(form) and form[e:] in words and gaz.types.get(c) == "company":
            return c
    head, typ = head_of(form)
    if typ != "company":
        return ""
    inner = set()
    for body in {form[:-len(head)], *(form[:-len(t)] for t in COMPANY_TAILS if form.endswith(t))}:
        inner |= {c for _, _, _, c in _gazetteer_hits(body, gaz) if gaz.types.get(c) == "company"}
    return inner.pop() if len(inner) == 1 else ""


def _ends_in_known(form: str) -> bool:
    """Does ``form`` end in a known organization's name after more words (美国|国务院, 香港|文汇报,
    萨帕塔全国民族|解放军)?  Read by the recognizer as one name, it is a name of its own."""
    hits = _gazetteer_hits(form, gazetteer())
    return bool(hits) and hits[-1][1] == len(form) and hits[-1][0] > 0


def _starts_known(form: str) -> bool:
    """Does ``form`` start with a known organization's name (国务院|法制)?"""
    return any(h[0] == 0 for h in _gazetteer_hits(form, gazetteer()))


def best_spans(mentions: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: a span that ends in a head word or is a known name first, the
    recognizer's left edge before a head word's walk, longer before shorter."""
    def rank(m: Mention):
        broken = m.source == "model" and veto(m.form, model=True) == "function-word"
        anchored = bool(m.head) or (m.source == "gazetteer") or bool(m.canon)
        if not anchored and m.source == "model" and _ends_in_known(m.form):
            anchored = True                                   # 美国|国务院, 人民|解放军: a name of its own
        if not anchored and m.source == "model":
            parent, rel = shape(m.form, set())
            anchored = bool(rel and (head_of(parent)[0] or _starts_known(parent)))   # 某某中心|调度室, 国务院法制|办公室
        return (not broken, anchored, m.source == "model", m.end - m.start, -m.start)

    # a head word's name that carries a recognizer span on to a head of its own (人民日报社|医院) is the longer name
    models = [m for m in mentions if m.source == "model"]
    heads = [h for h in mentions if h.source == "head"]
    longer = {id(h) for h in heads if any(m.start == h.start and m.end < h.end and m.head for m in models)}
    # and a head word's name that carries a recognizer span which is one common word (总医院, 中心医院) on to
    # the left: the recognizer took the common noun, the walk the name it ends (台北荣民|总医院)
    longer |= {id(h) for h in heads if any(
        m.end == h.end and h.start < m.start and _common_word(m.form) for m in models)}
    # and a recognizer span that carries a head word's name on to a unit of it (某某学院|企业管理系)
    longer |= {id(m) for m in models if any(
        h.start == m.start and h.end < m.end and _unit_name(m.form[h.end - h.start:]) for h in heads)}
    taken: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (id(m) in longer, *rank(m)), reverse=True):
        if all(m.end <= t.start or t.end <= m.start for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def _common_word(form: str) -> bool:
    """Is ``form`` one word of the dictionary, not a name (总医院, 中心医院; not 清华, 协和医院)?"""
    return lexicon.word_freq(form) > 0 and not lexicon.is_proper_or_unknown(form) and not lookup(form)


def _role_word(s: str) -> bool:
    from analysis.extract.names import cues

    return any(s.endswith(r) for r in cues().roles)


def _source_lines(raw: str) -> list[str]:
    """Raw lines that may name a source (来源: X), read as the clean text reads them: simplified
    script, inserted pinyin dropped (來(lái)源:大眾網 -> 来源:大众网)."""
    from analysis import resources

    conv = None
    out = []
    for line in raw.splitlines():
        if not any(ch in line for ch in "源自处"):
            continue
        if conv is None:
            conv = resources.opencc_converter("t2s")
        out.append(PINYIN_RE.sub("", conv.convert(line)))
    return out


def source_name(value: str) -> str | None:
    """Canonical name of an organization a source line names: an outlet (see ``outlet_name``), or a
    name that ends in an organization's head word (资料来源:卫生福利部)."""
    canon = outlet_name(value)
    if canon:
        return canon
    head, typ = head_of(value)
    if head and typ in ("media", "government", "company", "hospital", "school") and len(value) >= 3 \
            and not veto(value):
        return value
    return None


# ---- credits ----------------------------------------------------------------------------------

def meta_orgs(doc: Document) -> list[tuple[str, str]]:
    """(surface, canonical) of organizations named in credits and front matter."""
    out = []
    meta = doc.meta or {}
    for c in meta.get("credits") or ():
        if not isinstance(c, dict):
            continue
        outlet = c.get("outlet")
        if outlet:
            out.append((str(outlet), lookup(str(outlet)) or str(outlet)))
        name = c.get("name")
        if name and lookup(str(name)):
            out.append((str(name), lookup(str(name))))
    for line in _source_lines(doc.raw if isinstance(doc.raw, str) else ""):
        for m in SOURCE_RE.finditer(line):
            value = PLACE_NOTE_RE.sub("", m.group(1))    # 来源:云信网(昆明): the outlet, not its city
            canon = source_name(value) or (value if _source_value_names_org(value, latin=True)
                                           and not _credit_words(value) else None)
            if canon:                          # 来源:中国邮政网, 资料来源:卫生福利部, 来源:IT之家
                out.append((value, canon))
    fields = meta.get("fields") if isinstance(meta.get("fields"), dict) else {}
    for value in (meta.get("author"), meta.get("source"), fields.get("author"), fields.get("source")):
        for v in _values(value):
            canon = outlet_name(v)
            if canon:
                out.append((v, canon))
    for v in _values(meta.get("source")) + _values(fields.get("source")):
        if not outlet_name(v) and _source_value_names_org(v):
            out.append((v, v))                 # 来源: 学习强国: a source that names no person is an outlet
    out += standalone_orgs(doc.raw if isinstance(doc.raw, str) else "")
    out += chrome_outlets(meta.get("name_lines") or ())
    return out


def chrome_outlets(lines) -> list[tuple[str, str]]:
    """(surface, canonical) of the one known outlet that the page's removed lines name (看更多！请加入
    自由时报粉丝团): the publishing outlet, named in its own chrome; none when they name several."""
    gaz = gazetteer()
    found = {(f, c) for line in lines if isinstance(line, str)
             for _, _, f, c in _gazetteer_hits(line, gaz) if gaz.types.get(c) == "media" and f not in gaz.weak}
    return sorted(found) if len({c for _, c in found}) == 1 else []


NAME_LINE_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
# (中央流行疫情指挥中心提供), (图/卫福部提供): the organization, without the credit's own word (图/, 照片：)
CREDIT_SOURCE_RE = re.compile(r"[(（](?:[^()（）\s/／:：]{1,4}[/／:：])?([^()（）\s/／:：]{3,20}?)提供[)）]")


def standalone_orgs(raw: str) -> list[tuple[str, str]]:
    """(surface, canonical) of organizations that a short line of the page names alone (臺北市立聯合醫院
    over the article, 香港文汇报 under a photo) or credits with a picture ((中央流行疫情指挥中心提供)):
    such lines are often removed from the body, but their names count."""
    from analysis import resources

    conv = None
    out = []
    for line in raw.splitlines():
        line = line.strip()
        if not line or len(line) > 60:
            continue
        if conv is None:
            conv = resources.opencc_converter("t2s")
        line = PINYIN_RE.sub("", conv.convert(line))
        found = [m.group(1) for m in CREDIT_SOURCE_RE.finditer(line)]
        bare = line.strip(" \t·•◆■●【】[]()（）")
        if 4 <= len(bare) <= 20 and bare not in found and NAME_LINE_RE.fullmatch(bare):
            found.append(bare)
        for name in found:
            canon = lookup(name)
            head, typ = head_of(name)
            if canon or (head and typ in ("media", "government", "company", "hospital", "school")
                         and len(name) > len(head) + 1 and not veto(name)):
                out.append((name, canon or name))
    return out


def _credit_words(value: str) -> bool:
    """Does a source line's value credit someone rather than name an outlet (受访者供图, 网友提供,
    新华社发): a word of credit lines at its end, or a word that stands where a credit names nobody
    at its start?"""
    from analysis.resources import yaml_data

    words = yaml_data("boilerplate_words.yaml")
    return value.endswith(("提供", "发", *words["credit_roles"])) or value.startswith(tuple(words["not_credit_names"]))


def _source_value_names_org(value: str, *, latin: bool = False) -> bool:
    """Is a front-matter source (来源: X) an organization: Chinese, three characters or more, no digit,
    not a person's name, not the house outlet, not a generic word (网络, 综合)?  With ``latin``, Latin
    letters may stand with Chinese ones (IT之家), not alone (a site's domain)."""
    from analysis import resources

    han = sum("\u4e00" <= ch <= "\u9fff" for ch in value)
    latin_ok = latin and han >= 2 and all("\u4e00" <= ch <= "\u9fff" or ch.isascii() and ch.isalpha() for ch in value)
    if len(value) < 3 or len(value) > 12 or not (han == len(value) or latin_ok):
        return False
    if any(value.startswith(h) for h in org_words("house")) or veto(value, generic_ok=True) in REFUSED:
        return False
    return not (len(value) <= 3 and value[0] in resources.word_list("surnames.txt") and not head_of(value)[0])


# ---- removed lines ----------------------------------------------------------------------------

SENTENCE_LINE = 15       # characters a removed line needs, ending in 。！？, to read as a sentence of the article


def _sentence_line(line: str) -> bool:
    """Is a removed line written as a sentence (fifteen characters or more, ending in 。, ！ or ？)
    rather than page furniture (天美九一厂制作, a menu, a byline)?  A closing quote may follow (…的电话。”)."""
    line = line.strip().rstrip("”’」』\"'")
    return len(line) >= SENTENCE_LINE and line[-1] in "。！？!?"


def with_removed_lines(body: str, recognized, lines) -> tuple[str, tuple]:
    """The text and the recognizer's spans with the removed credit, caption, chrome and editor's note lines that
    are written as sentences (``_sentence_line``) read as further lines, as the people extractor
    reads removed lines: a sentence taken for page furniture still names its organizations."""
    from analysis.extract import ner

    extra = PINYIN_RE.sub("", "\n".join(x for x in lines if isinstance(x, str) and _sentence_line(x)))
    if not extra.strip():
        return body, recognized
    offset = len(body) + 1
    spans = tuple(recognized) + tuple((ty, a + offset, b + offset) for ty, a, b in ner.recognize_document(extra))
    return body + "\n" + extra, spans
