"""How often a document names a person, over all the forms of the person (``resolve``), and the bare
surname a surname + title form adds (李大娘 -> 李: news annotation tags the surname alone).
"""
from __future__ import annotations

import functools

from analysis import resources
from analysis.extract.names import cues, surname_of

ELDER = "老"    # 胡老, 吕老: the respectful 老 after a surname, a title form of the person


@functools.cache
def titles_after_surname() -> frozenset[str]:
    """Words that follow a surname to name a person by it (先生, 主席, 外长)."""
    c = cues()
    return frozenset(c.title_suffixes | set(c.roles) | set(resources.word_list("ner_titles.txt")))


def add_surnames(groups: dict[str, list[str]]) -> None:
    """Give each person named by a surname + title form (唐外长, 李大娘, 胡老) its bare surname as a form
    (in place), when all such forms of the person share one surname."""
    for forms in groups.values():
        surnames = {f[0] for f in forms if len(f) >= 2 and surname_of(f) == f[0]
                    and (f[1:] in titles_after_surname() or f[1:] == ELDER)}
        if len(surnames) == 1 and surnames <= cues().surnames:
            s = surnames.pop()
            if s not in forms:
                forms.append(s)


def count(text: str, name: str, forms: list[str], single_at: dict[str, tuple[int, ...]]) -> int:
    """Mentions of the person ``name`` by all its ``forms``: the name's occurrences, a longer or shorter form's
    outside the name, a one-character form's where it names someone (``_count_surname``); ``single_at`` gives
    where the recognizer tagged a one-character name alone."""
    return sum(_count_surname(text, f, forms, single_at) if len(f) == 1 else
               text.count(f) if f == name else text.replace(name, "").count(f) for f in forms)


def _count_surname(text: str, s: str, forms: list[str], single_at: dict[str, tuple[int, ...]]) -> int:
    """Mentions by a one-character form, a surname: where the recognizer tagged it alone, after 姓 (姓罗的女士)
    or before a title (江|主席, 胡|老); not every occurrence of the character (长江, 行李) nor one inside a
    longer form counted already (李|大娘)."""
    longer = [f for f in forms if len(f) > 1]
    tagged = set(single_at.get(s, ()))
    titles = titles_after_surname()
    longest = max(map(len, titles), default=0)
    n = 0
    p = text.find(s)
    while p >= 0:
        inside = any(f[o] == s and text.startswith(f, p - o) for f in longer for o in range(len(f)) if p >= o)
        if not inside and (p in tagged or p and text[p - 1] == "姓" or text.startswith(ELDER, p + 1)
                           or any(text[p + 1:p + 1 + k] in titles for k in range(1, longest + 1))):
            n += 1
        p = text.find(s, p + 1)
    return n
