"""Train the entity-framing model (SemEval-2025 Task 10 subtask 1) into ``analysis/models/framing.npz``.

    .venv/bin/python training/train_framing.py

Reads the English training articles and mentions (see ``common.py``), builds each
mention's features with the same code the stage runs (``framing.mention_bag``), and
fits two class-balanced logistic regressions with scikit-learn: main role (3-way)
and fine role (22-way; a mention with two fine roles gives two half-weight rows).
Deterministic (lbfgs, fixed seed). ``bench/eval_framing.py`` runs the
same fitting inside 5-fold cross-validation.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from common import SEED, framing_data, parsed, save_model
from sklearn.linear_model import LogisticRegression

from newsgraph.analysis.framing import (
    MODEL_FILE,
    TERM_GROUPS,
    FramingModel,
    MentionBag,
    mention_bag,
    name_spans,
    role_labels,
    token_span,
)
from newsgraph.analysis.textvec import LinearModel, doc_context, fit_vocabulary


@dataclass
class FramingParams:
    c_main: float = 0.005
    c_fine: float = 0.005
    dense_weight: float = 1.0
    group_weights: tuple[float, ...] = (30.0, 30.0, 30.0, 30.0)  # in TERM_GROUPS order
    min_df: int = 2
    max_terms: int = 4000
    second_ratio: float = 1.0  # 1.0: one fine role per mention (91% of gold mentions have one)
    balanced_main: bool = False  # main-role accuracy suffers from balancing; fine roles gain from it


@dataclass
class MentionExample:
    article_id: str
    bag: MentionBag
    main: str
    fine: list[str]


def framing_examples() -> list[MentionExample]:
    """One example per gold mention, features from the cached parses."""
    data = framing_data()
    docs = {d.id: doc for d, doc in zip(data.documents, parsed("t10-train", data.documents), strict=True)}
    examples = []
    for line in data.mentions:
        doc = docs[line.article_id]
        target = token_span(doc, line.start, line.end + 1)
        if target is None:
            continue
        spans = name_spans(doc, line.mention, target)
        bag = mention_bag(doc_context(doc), target, spans)
        examples.append(MentionExample(line.article_id, bag, line.main or "", line.fine))
    return examples


def _dense_scaling(dense: np.ndarray, weight: float) -> tuple[np.ndarray, np.ndarray]:
    mean = dense.mean(axis=0)
    scale = dense.std(axis=0) + 1e-6
    return mean, scale / weight


def fit_framing(examples: list[MentionExample], params: FramingParams) -> FramingModel:
    """Fit vocabularies and both regressions on ``examples``."""
    vocabularies = {
        g: fit_vocabulary((e.bag.terms[g] for e in examples), params.min_df, params.max_terms)
        for g in TERM_GROUPS
    }
    placeholder = LinearModel([], np.zeros((0, 0)), np.zeros(0), np.zeros(0), np.ones(0))
    model = FramingModel(vocabularies, placeholder, placeholder, params.second_ratio)
    x = model.features([e.bag for e in examples])
    dim = examples[0].bag.dense.shape[0]
    mean, scale = _dense_scaling(x[:, :dim], params.dense_weight)
    sparse_scale = np.concatenate(
        [
            np.full(len(vocabularies[g]), 1.0 / w)
            for g, w in zip(TERM_GROUPS, params.group_weights, strict=True)
        ]
    )
    mean = np.concatenate([mean, np.zeros(len(sparse_scale))])
    scale = np.concatenate([scale, sparse_scale])
    xs = (x - mean) / scale
    mains, fines, _parent = role_labels()
    main_weight = "balanced" if params.balanced_main else None
    model.main = _fit(xs, [e.main for e in examples], None, mains, params.c_main, mean, scale, main_weight)
    rows = [(i, f) for i, e in enumerate(examples) for f in e.fine]
    weights = np.array([1.0 / len(examples[i].fine) for i, _f in rows])
    idx = np.array([i for i, _f in rows])
    model.fine = _fit(xs[idx], [f for _i, f in rows], weights, fines, params.c_fine, mean, scale, "balanced")
    return model


def _fit(x: np.ndarray, y: list[str], weights: np.ndarray | None, labels: list[str], c: float,
         mean: np.ndarray, scale: np.ndarray, class_weight: str | None) -> LinearModel:  # fmt: skip
    """A multinomial regression, as a LinearModel over every label of the taxonomy."""
    classifier = LogisticRegression(C=c, class_weight=class_weight, max_iter=2000, random_state=SEED)
    classifier.fit(x, y, sample_weight=weights)
    coef = np.zeros((len(labels), x.shape[1]), dtype=np.float32)
    intercept = np.full(len(labels), -30.0, dtype=np.float32)  # labels never seen: never chosen
    for row, label in enumerate(classifier.classes_):
        coef[labels.index(label)] = classifier.coef_[row]
        intercept[labels.index(label)] = classifier.intercept_[row]
    return LinearModel(labels, coef, intercept, mean, scale, "softmax")


def main() -> None:
    started = time.perf_counter()
    examples = framing_examples()
    model = fit_framing(examples, FramingParams())
    save_model(model, MODEL_FILE, f"{len(examples)} mentions", started)


if __name__ == "__main__":
    main()
