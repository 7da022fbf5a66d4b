"""The line model: logistic regression over named features, then a context pass.

Weights are a readable table (``data/boilerplate_model.tsv``: feature, weight),
trained by ``benchmarks/train_boilerplate.py``; the sidecar
``data/boilerplate_model.json`` says on what data, with which settings, and
with which cross-validated scores, and holds the decision thresholds.

The context pass follows jusText: a line the model is sure of keeps its class;
a short or unsure line takes the class of its nearest confident neighbours
when both agree; a link-block heading (相关新闻, 推荐阅读 ...) turns the short
lines after it into furniture.
"""
from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from analysis.resources import data_path

MODEL_TSV = "boilerplate_model.tsv"
MODEL_JSON = "boilerplate_model.json"


@dataclass(frozen=True)
class LineModel:
    weights: Mapping[str, float]
    threshold: float = 0.5          # probability of furniture above which a line is removed
    sure: float = 0.8               # a neighbour counts as confident furniture above this
    sure_body: float = 0.2          # ... and as confident body below this
    info: Mapping = field(default_factory=dict)

    def probability(self, features: Mapping[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items() if v)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@functools.cache
def load() -> LineModel:
    weights = {}
    with data_path(MODEL_TSV).open(encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#") or line.startswith("feature\t"):
                continue
            name, value = line.rstrip("\n").split("\t")[:2]
            weights[name] = float(value)
    info = json.loads(data_path(MODEL_JSON).read_text(encoding="utf-8"))
    d = info.get("decision", {})
    return LineModel(weights, d.get("threshold", 0.5), d.get("sure", 0.8), d.get("sure_body", 0.2), info)


def decide(probs: Sequence[float], feats: Sequence[Mapping[str, float]], model: LineModel) -> list[str | None]:
    """Per line: None (body) or the reason it is furniture ('model', 'context', 'link-block')."""
    n = len(probs)
    # a long paragraph of prose (an anchor of the zones) is never removed by the model
    out: list[str | None] = ["model" if p >= model.threshold and not f["anchor"] else None
                             for p, f in zip(probs, feats)]
    confident = [p >= model.sure or p <= model.sure_body for p in probs]
    for i in range(n):
        if confident[i] or feats[i]["len.le12"] == 0.0 or feats[i]["headline"]:
            continue
        up = next((j for j in range(i - 1, -1, -1) if confident[j]), None)
        down = next((j for j in range(i + 1, n) if confident[j]), None)
        sides = [probs[j] >= model.sure for j in (up, down) if j is not None]
        if sides and all(sides) and probs[i] >= model.sure_body:
            out[i] = out[i] or "context"
        elif sides and not any(sides) and len(sides) == 2:
            out[i] = None
    # a link-block heading: the short unpunctuated lines after it are links
    for i in range(n):
        if feats[i]["link_head"] and probs[i] >= model.sure_body:
            out[i] = out[i] or "link-block"
            for j in range(i + 1, n):
                if feats[j]["anchor"] or feats[j]["len.le25"] == 0.0:
                    break
                out[j] = out[j] or "link-block"
    return out
