"""Viterbi decoding for the recognizer's CRF (``ner_model.py``): many sentences, and the two models of a
pair (``CRF.load_pair``), decoded at once with numpy; the merge of a pair's labels.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def viterbi(scores: np.ndarray, lengths: Sequence[int], transitions: np.ndarray, *,
            cells: int = 1_000_000) -> np.ndarray:
    """Best label indices of the sentences under each of M models decoded side by side:
    ``scores[c, m]`` holds model ``m``'s label scores of character ``c`` (the sentences one after
    another), ``transitions[m]`` its transitions ``[from, to]``; the labels as ``[m, c]``.

    Sentences are decoded together, longest first, in groups of at most ``cells`` (sentences x
    longest length x labels): each step of the recursion is a few numpy operations for the whole
    group and all models, and a sentence's path does not depend on the group it is decoded in.
    The forward pass keeps only the best scores (written over the emissions); the way back
    recomputes, for the one label taken at each step, which previous label led to it."""
    M, nl = transitions.shape[0], transitions.shape[2]
    out = np.zeros((M, len(scores)), dtype=np.intp)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.intp)
    # longest first: at step t the sentences still running are the first ones of their group
    order = sorted((k for k in range(len(lengths)) if lengths[k]), key=lambda k: -lengths[k])
    forward = transitions[:, :, :, None]  # [model, from, to, 1]
    into = np.ascontiguousarray(transitions.transpose(0, 2, 1))  # [model, to, from]
    models = np.arange(M)[:, None]
    b = 0
    while b < len(order):
        T = lengths[order[b]]
        size = max(1, cells // (T * nl))
        group = order[b:b + size]
        b += len(group)
        lens = [lengths[k] for k in group]
        B = len(group)
        # the (step, sentence) cells of the group's characters, and where those characters are
        steps, which = np.nonzero(np.arange(T)[:, None] < np.array(lens))
        at = starts[group][which] + steps
        # [time, model, label, sentence]: the sentences still running at step t are a contiguous
        # block, the last axis; each step overwrites the emissions with the best scores so far
        best = np.zeros((T, M, nl, B))
        best[steps, :, :, which] = scores[at]
        cand = np.empty((M, nl, nl, B))
        top = np.empty((M, nl, B))
        live = B
        for t in range(1, T):
            while lens[live - 1] <= t:
                live -= 1
            # previous label x next label, the maximum over the previous one: a reduction over a
            # middle axis (elementwise over whole blocks)
            c = np.add(best[t - 1, :, :, None, :live], forward, out=cand[..., :live])
            m = np.maximum.reduce(c, axis=1, out=top[..., :live])
            np.add(m, best[t, :, :, :live], out=best[t, :, :, :live])
        rows = np.arange(B)
        ends = np.array(lens) - 1
        state = best[ends, :, :, rows].argmax(axis=2).T  # [model, sentence]: each one's last label
        path = np.zeros((T, M, B), dtype=np.intp)
        live = 0
        for t in range(T - 1, -1, -1):
            while live < B and lens[live] > t:
                live += 1
            path[t, :, :live] = state[:, :live]
            if t:  # the previous label that led to the one taken (ties to the first, as argmax)
                c = best[t - 1, :, :, :live].transpose(0, 2, 1) + into[models, state[:, :live]]
                state[:, :live] = c.argmax(axis=2)
        out[:, at] = path[steps, :, which].T
    return out


def merge(first: np.ndarray, second: np.ndarray, persons: np.ndarray, labels: Sequence[str],
          lengths: Sequence[int] | None = None) -> np.ndarray:
    """The labels of ``first`` with its persons replaced by those of ``second`` (both as indices of
    ``labels``, sentences of ``lengths`` one after another, by default one); an entity of ``first``
    that shares a character with a person of ``second`` is dropped."""
    o = labels.index("O")
    theirs = persons[second]
    out = np.where(persons[first], o, first)
    where = np.flatnonzero(theirs)
    if not len(where):
        return out
    starts = np.cumsum([0, *(lengths or [len(first)])])
    for k in np.unique(np.searchsorted(starts, where, side="right") - 1).tolist():
        drop_met(out[starts[k]:starts[k + 1]], theirs[starts[k]:starts[k + 1]], labels, o)
    return np.where(theirs, second, out)


def drop_met(out: np.ndarray, theirs: np.ndarray, labels: Sequence[str], o: int) -> None:
    """Label O (in place) the entities of one sentence's ``out`` that share a character with ``theirs``."""
    start = -1
    for i in np.flatnonzero(out != o).tolist():  # the entities, by their BIOES labels
        lab = labels[out[i]]
        if lab[0] in "BS" or start < 0 or i == 0 or out[i - 1] == o or labels[out[i - 1]][2:] != lab[2:]:
            start = i
        end = i + 1
        if lab[0] in "ES" or end == len(out) or out[end] == o or labels[out[end]][0] in "BS":
            if theirs[start:end].any():
                out[start:end] = o
            start = -1
