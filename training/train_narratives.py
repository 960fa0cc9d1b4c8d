"""Train the narratives model (SemEval-2025 Task 10 subtask 2) into ``analysis/models/narratives.npz``.

    .venv/bin/python training/train_narratives.py

Features as the stage computes them (``narratives.document_bag``). One regression for
the domain (URW or CC, from the article's labels), and one ridge regression onto
the 0/1 indicators of every narrative and subnarrative (closed form, in the dual:
a few hundred articles, thousands of features). The three decision thresholds
(narrative, subnarrative, Other) are tuned for samples-F1 on out-of-fold scores from an
inner cross-validation over the training articles only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from common import SEED, framing_data, parsed, save_model
from sklearn.linear_model import LogisticRegression

from newsgraph.analysis.narratives import (
    MODEL_FILE,
    OTHER,
    DocumentBag,
    NarrativeModel,
    document_bag,
    domain_of,
    narrative_labels,
)
from newsgraph.analysis.textvec import LinearModel, fit_vocabulary

THRESHOLDS = np.round(np.arange(0.05, 0.7, 0.025), 3)


@dataclass
class NarrativeParams:
    c: float = 0.05  # the domain regression
    ridge: float = 1000.0
    dense_weight: float = 1.0
    terms_weight: float = 50.0
    min_df: int = 2
    max_terms: int = 6000
    inner_folds: int = 3


@dataclass
class ArticleExample:
    article_id: str
    bag: DocumentBag
    narratives: list[str]
    subnarratives: list[str]

    @property
    def domain(self) -> str:
        found = [domain_of(n) for n in self.narratives + self.subnarratives if domain_of(n)]
        return found[0] if found else ("URW" if "_UA_" in self.article_id else "CC")


def narrative_examples() -> list[ArticleExample]:
    data = framing_data()
    docs = parsed("t10-train", [d.text for d in data.documents])
    examples = []
    for document, doc in zip(data.documents, docs, strict=True):
        narratives, subnarratives = data.narratives.get(document.id, ([OTHER], [OTHER]))
        examples.append(
            ArticleExample(document.id, document_bag(doc, document.title), narratives, subnarratives)
        )
    return examples


def fit_narratives(examples: list[ArticleExample], params: NarrativeParams) -> NarrativeModel:
    """Fit on ``examples``; thresholds from an inner cross-validation over them."""
    model = fit_models(examples, params, (0.5, 0.5, 0.5))
    model.thresholds = tune_thresholds(examples, params)
    return model


Thresholds = tuple[float, float, float]  # narrative, subnarrative, Other


def fit_models(
    examples: list[ArticleExample], params: NarrativeParams, thresholds: Thresholds
) -> NarrativeModel:
    """The vocabulary and the three regressions on ``examples``, with ``thresholds`` as given."""
    vocabulary = fit_vocabulary((e.bag.terms for e in examples), params.min_df, params.max_terms)
    model = NarrativeModel(vocabulary, *(_empty(),) * 3, thresholds)
    x = model.features([e.bag for e in examples])
    dim = examples[0].bag.dense.shape[0]
    mean = np.concatenate([x[:, :dim].mean(axis=0), np.zeros(x.shape[1] - dim)])
    scale = np.concatenate([(x[:, :dim].std(axis=0) + 1e-6) / params.dense_weight,
                            np.full(x.shape[1] - dim, 1.0 / params.terms_weight)])  # fmt: skip
    xs = (x - mean) / scale
    narratives, subnarratives = narrative_labels()
    domain = LogisticRegression(C=params.c, max_iter=2000, random_state=SEED).fit(
        xs, [e.domain for e in examples]
    )
    model.domain = LinearModel(list(domain.classes_), *_two_class(domain), mean, scale, "softmax")
    model.narratives = _ridge(xs, [e.narratives for e in examples], narratives, params.ridge, mean, scale)
    model.subnarratives = _ridge(
        xs, [e.subnarratives for e in examples], subnarratives, params.ridge, mean, scale
    )
    return model


def _empty() -> LinearModel:
    return LinearModel([], np.zeros((0, 0)), np.zeros(0), np.zeros(0), np.ones(0))


def _two_class(classifier: LogisticRegression) -> tuple[np.ndarray, np.ndarray]:
    """A binary regression's single row as two softmax rows (logits -z/2, z/2 give the same odds)."""
    coef, intercept = classifier.coef_[0] / 2, classifier.intercept_[0] / 2
    return np.vstack([-coef, coef]), np.array([-intercept, intercept])


def _ridge(x: np.ndarray, label_sets: list[list[str]], labels: list[str], penalty: float,
           mean: np.ndarray, scale: np.ndarray) -> LinearModel:  # fmt: skip
    """Ridge regression of every label's 0/1 indicator at once, solved in the dual (n << d)."""
    y = np.array([[label in found for label in labels] for found in label_sets], dtype=np.float64)
    prior = y.mean(axis=0)
    dual = np.linalg.solve(x @ x.T + penalty * np.eye(len(x)), y - prior)
    return LinearModel(labels, (x.T @ dual).T, prior, mean, scale, "linear")


def tune_thresholds(examples: list[ArticleExample], params: NarrativeParams) -> Thresholds:
    """The (narrative, subnarrative, Other) thresholds with the best inner out-of-fold samples-F1."""
    order = np.random.default_rng(SEED).permutation(len(examples))
    fold = np.empty(len(examples), dtype=int)
    fold[order] = np.arange(len(examples)) % params.inner_folds
    scored = []
    for k in range(params.inner_folds):
        kept = [e for e, f in zip(examples, fold, strict=True) if f != k]
        model = fit_models(kept, params, (0.5, 0.5, 0.5))
        held = [e for e, f in zip(examples, fold, strict=True) if f == k]
        scored.append((model, held, model.scores([e.bag for e in held])))
    best = [0.3, 0.15, 0.3]
    for _round in range(3):  # coordinate ascent: one threshold at a time, the others held
        for i in range(3):
            trials = [(*best[:i], float(t), *best[i + 1 :]) for t in THRESHOLDS]
            best = list(max(trials, key=lambda triple: _inner_f1(scored, triple)))
    return best[0], best[1], best[2]


def _inner_f1(scored: list, thresholds: Thresholds) -> float:
    total, count = 0.0, 0
    for model, held, (domains, narratives, subnarratives) in scored:
        model.thresholds = thresholds
        for example, row in zip(held, zip(domains, narratives, subnarratives, strict=True), strict=True):
            predicted = model.decide(*row)
            total += _f1(set(example.narratives), {n.narrative for n in predicted})
            total += _f1(set(example.subnarratives), {n.subnarrative or OTHER for n in predicted})
            count += 1
    return total / count


def _f1(gold: set[str], predicted: set[str]) -> float:
    hits = len(gold & predicted)
    return 2 * hits / (len(gold) + len(predicted)) if hits else 0.0


def main() -> None:
    started = time.perf_counter()
    examples = narrative_examples()
    model = fit_narratives(examples, NarrativeParams())
    save_model(model, MODEL_FILE, f"{len(examples)} articles, thresholds {model.thresholds}", started)


if __name__ == "__main__":
    main()
