"""Entity-level NER benchmark: ``analysis.extract.ner.recognize`` vs a jieba.posseg baseline.

Scores exact spans (same start, end and type) per type on the public sets in
``../shared/benchmarks/ner`` (label mapping as in that folder's README):

    MSRA test, People's Daily test, CLUENER2020 dev, Weibo NER test

and prints P/R/F1 for PER and ORG (LOC for information), chars/s of both
taggers, and that speed as a multiple of a plain jieba ``lcut`` pass over the
same sentences (``x lcut``), all measured in the same process.  kefu tags all the
sentences of a set in one ``recognize_many`` call (as a document's sentences are).  The CRF shipped in ``analysis/data`` is
trained on 80% of CLUENER dev (see ``benchmarks/train_ner.py``), so CLUENER is
also scored on the held-out fifth alone (``cluener-heldout``).

    python benchmarks/ner.py                 # all sets, full
    python benchmarks/ner.py --sample 500    # quick run (fixed random sample per set)
    python benchmarks/ner.py --sets msra,pd --no-baseline

The readers below are also used by ``benchmarks/train_ner.py``.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "benchmarks" / "ner"

Span = tuple[str, int, int]
Sentence = tuple[str, frozenset[Span]]

CLUENER_MAP = {"name": "PER", "organization": "ORG", "company": "ORG", "government": "ORG",
               "address": "LOC", "scene": "LOC"}
WEIBO_MAP = {"PER.NAM": "PER", "ORG.NAM": "ORG", "LOC.NAM": "LOC", "GPE.NAM": "LOC"}
TYPES = ("PER", "ORG", "LOC")


# ---------------------------------------------------------------- readers

def tags_to_spans(tags: list[str]) -> list[Span]:
    """Decode BIO / BMES / BIOES tags (``B-PER``, ``M-ORG``, ``I-LOC``...) into spans.

    An ``I``/``M``/``E`` tag that does not continue an open span of the same type
    starts a new one (the Weibo test file has four of those).
    """
    spans: list[Span] = []
    start, typ = None, ""
    for i, tag in enumerate(tags):
        if tag == "O" or "-" not in tag:
            if start is not None:
                spans.append((typ, start, i))
            start = None
            continue
        prefix, _, ty = tag.partition("-")
        if prefix in ("B", "S") or start is None or ty != typ:
            if start is not None:
                spans.append((typ, start, i))
            start, typ = i, ty
        if prefix in ("E", "S"):
            spans.append((typ, start, i + 1))
            start = None
    if start is not None:
        spans.append((typ, start, len(tags)))
    return spans


def _read_char_columns(path: Path, *, weibo: bool = False, tab: bool = False,
                       labels: dict[str, str] | None = None) -> list[Sentence]:
    """``char tag`` lines (``char<TAB>tag`` with ``tab``; Weibo's ``char+digit<TAB>tag`` with ``weibo``),
    a blank line between sentences.  ``labels`` maps the set's entity types to PER / ORG / LOC (others: O)."""
    out: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if chars:
            out.append(("".join(chars), frozenset(tags_to_spans(tags))))
        chars.clear()
        tags.clear()

    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                flush()
                continue
            if weibo:
                tok, _, tag = line.partition("\t")
                tok = tok.rstrip("0123456789") or tok[:1]
                ch = tok if len(tok) == 1 else "\ufffd"  # broken emoji bytes -> one character
                label, _, ty = tag.partition("-")
                mapped = WEIBO_MAP.get(ty)
                tag = f"{label}-{mapped}" if mapped else "O"
            else:
                ch, _, tag = line.partition("\t" if tab else " ")
                ch = ch or " "
                if labels is not None:
                    label, _, ty = tag.strip().partition("-")
                    mapped = labels.get(ty)
                    tag = f"{label}-{mapped}" if mapped else "O"
            chars.append(ch)
            tags.append(tag.strip() or "O")
    flush()
    return out


def read_msra(data: Path) -> list[Sentence]:
    return _read_char_columns(data / "msra" / "test.txt")


def read_pd(data: Path, split: str = "test") -> list[Sentence]:
    return _read_char_columns(data / "peoples_daily" / f"example.{split}")


def read_weibo(data: Path, split: str = "test") -> list[Sentence]:
    return _read_char_columns(data / "weibo" / f"weiboNER_2nd_conll.{split}", weibo=True)


def read_cluener(data: Path, split: str = "dev") -> list[Sentence]:
    """CLUENER2020 dev (``cluener2020/dev.json``) or train (``train/cluener_train.json``)."""
    out: list[Sentence] = []
    path = data / "cluener2020" / "dev.json" if split == "dev" else data / "train" / "cluener_train.json"
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            spans = set()
            for label, mentions in rec.get("label", {}).items():
                ty = CLUENER_MAP.get(label)
                if ty is None:
                    continue
                for positions in mentions.values():
                    for s, e in positions:
                        spans.add((ty, s, e + 1))
            out.append((rec["text"], frozenset(spans)))
    return out


def read_weibo_train(data: Path) -> list[Sentence]:
    """Weibo NER train (``train/weibo_train.txt``, names only as in the scorer), without the sentences that
    also occur in the Weibo test file."""
    test = {t for t, _ in read_weibo(data, "test")}
    sents = _read_char_columns(data / "train" / "weibo_train.txt", tab=True, labels=WEIBO_MAP)
    return [s for s in sents if s[0] not in test]


RESUME_MAP = {"NAME": "PER", "ORG": "ORG", "LOC": "LOC", "CONT": "LOC"}


def read_resume(data: Path, titles: Iterable[str] = ()) -> list[Sentence]:
    """Resume NER train (``train/resume_train_bio.txt``) in the news convention of the other sets.

    NAME -> PER without a trailing title (黄教授 -> 黄, as 王先生 -> 王); ORG -> ORG unless it is a bare
    noun or a self-reference (公司, 集团, 本公司, 本行), which news sets leave unlabelled; CONT (nationality)
    -> LOC of the country (中国国籍 -> 中国); LOC (native place) -> LOC without the trailing 人 (云南建水人);
    titles, degrees, majors and ethnicity -> O.
    """
    titles = sorted(titles, key=len, reverse=True)
    out: list[Sentence] = []
    for text, spans in _read_char_columns(data / "train" / "resume_train_bio.txt", tab=True, labels=RESUME_MAP):
        kept = set()
        for ty, s, e in spans:
            word = text[s:e]
            if ty == "PER":
                for t in titles:
                    if len(word) > len(t) and word.endswith(t):
                        e -= len(t)
                        break
            elif ty == "ORG":
                if len(word) <= 2 or word[0] in "本该":
                    continue
            else:
                for affix in ("国籍：", "国籍"):
                    if word.startswith(affix):
                        s += len(affix)
                for affix in ("国籍", "籍", "公民", "人"):
                    if text[s:e].endswith(affix):
                        e -= len(affix)
                        break
                if e - s < 2:
                    continue
            kept.add((ty, s, e))
        out.append((text, frozenset(kept)))
    return out


def cluener_heldout(sents: list[Sentence]) -> list[Sentence]:
    """The fifth of CLUENER dev that ``train_ner.py`` never trains on (index % 5 == 4)."""
    return [s for i, s in enumerate(sents) if i % 5 == 4]


def org_word_sets(data: Path, *, pd: bool = True) -> dict[str, list[Sentence]]:
    """The sets the organization word lists are counted on (``train_org_ends.py``, ``train_org_outside.py``):
    the training splits, CLUENER and Weibo dev, and People's Daily dev unless ``pd`` is false."""
    sets = {
        "cluener-train": read_cluener(data, "train"),
        "cluener-dev": read_cluener(data, "dev"),
        "weibo-train": read_weibo_train(data),
        "weibo-dev": read_weibo(data, "dev"),
        "resume-train": read_resume(data),
    }
    if pd:
        sets["pd-dev"] = read_pd(data, "dev")
    return sets


def load_sets(data: Path, names: Iterable[str]) -> dict[str, list[Sentence]]:
    readers: dict[str, Callable[[], list[Sentence]]] = {
        "msra": lambda: read_msra(data),
        "pd": lambda: read_pd(data, "test"),
        "cluener": lambda: read_cluener(data),
        "cluener-heldout": lambda: cluener_heldout(read_cluener(data)),
        "weibo": lambda: read_weibo(data, "test"),
    }
    return {n: readers[n]() for n in names}


# ---------------------------------------------------------------- scoring

def score(gold: list[frozenset[Span]], pred: list[Iterable[Span]]) -> dict[str, tuple[int, int, int]]:
    """Per type: (true positives, predicted, gold)."""
    res = {t: [0, 0, 0] for t in (*TYPES, "PER+ORG")}
    for g, p in zip(gold, pred):
        p = set(p)
        for ty in TYPES:
            gs = {s for s in g if s[0] == ty}
            ps = {s for s in p if s[0] == ty}
            for key in (ty, "PER+ORG") if ty != "LOC" else (ty,):
                res[key][0] += len(gs & ps)
                res[key][1] += len(ps)
                res[key][2] += len(gs)
    return {k: tuple(v) for k, v in res.items()}


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ---------------------------------------------------------------- taggers

def jieba_baseline() -> Callable[[str], list[Span]]:
    """README variant ``strict``: nr -> PER, nt -> ORG, ns -> LOC, contiguous same-type tokens merged."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    pos = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    mapping = {"nr": "PER", "nt": "ORG", "ns": "LOC"}

    def tag(text: str) -> list[Span]:
        spans: list[list] = []
        i = 0
        for pair in pos.cut(text, HMM=True):
            w, flag = pair.word, pair.flag
            ty = mapping.get(flag)
            if ty:
                if spans and spans[-1][0] == ty and spans[-1][2] == i:
                    spans[-1][2] = i + len(w)
                else:
                    spans.append([ty, i, i + len(w)])
            i += len(w)
        return [tuple(s) for s in spans]

    tag("预热")  # load the dictionary outside the timed loop
    return tag


def run(tagger: Callable[[str], list[Span]], sents: list[Sentence],
        many: Callable[[list[str]], list[list[Span]]] | None = None) -> tuple[dict, float]:
    """Scores and chars/s of ``tagger`` (or of ``many``, which tags all the sentences in one call)."""
    t0 = time.perf_counter()
    preds = many([text for text, _ in sents]) if many else [tagger(text) for text, _ in sents]
    dt = time.perf_counter() - t0
    nchars = sum(len(t) for t, _ in sents)
    return score([g for _, g in sents], preds), nchars / dt if dt else float("inf")


def fmt(counts: tuple[int, int, int]) -> str:
    p, r, f = prf(*counts)
    return f"{100 * p:5.1f} {100 * r:5.1f} {100 * f:5.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the public NER sets")
    ap.add_argument("--sample", type=int, default=0, help="score a fixed random sample of N sentences per set")
    ap.add_argument("--sets", default="msra,pd,cluener,cluener-heldout,weibo")
    ap.add_argument("--no-baseline", action="store_true", help="skip the jieba.posseg baseline")
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON here")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    from analysis.extract import ner

    ner.recognize("预热")  # load model and tokenizer outside the timed loop
    taggers = {"kefu": ner.recognize}
    if not args.no_baseline:
        taggers["jieba"] = jieba_baseline()

    from analysis import resources

    tok = resources.tokenizer()

    def lcut(text: str) -> list[Span]:  # speed reference only: plain jieba.lcut (private tokenizer)
        tok.lcut(text)
        return []

    sets = load_sets(args.data, [s for s in args.sets.split(",") if s])
    results: dict = {}
    print(f"{'set':16} {'tagger':6} {'sents':>5} | {'PER  P     R     F1':19} | {'ORG  P     R     F1':19} |"
          f" {'P+O F1':6} | {'LOC F1':6} | {'chars/s':>8} | x lcut")
    for name, sents in sets.items():
        if args.sample and len(sents) > args.sample:
            idx = sorted(random.Random(42).sample(range(len(sents)), args.sample))
            sents = [sents[i] for i in idx]
        _, lcut_speed = run(lcut, sents)
        for tname, tagger in taggers.items():
            res, speed = run(tagger, sents, ner.recognize_many if tname == "kefu" else None)
            results.setdefault(name, {})[tname] = {
                "sentences": len(sents), "chars_per_s": round(speed), "lcut_chars_per_s": round(lcut_speed),
                **{k: dict(zip(("tp", "pred", "gold"), v)) for k, v in res.items()},
            }
            print(f"{name:16} {tname:6} {len(sents):5} | {fmt(res['PER'])} | {fmt(res['ORG'])} |"
                  f"  {100 * prf(*res['PER+ORG'])[2]:5.1f} |  {100 * prf(*res['LOC'])[2]:5.1f} | {speed:8.0f} |"
                  f" {speed / lcut_speed:5.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
