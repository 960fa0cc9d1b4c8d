"""Train the narratives model (SemEval-2025 Task 10 subtask 2) into ``analysis/models/narratives.npz``.

    .venv/bin/python training/train_narratives.py

Features as the stage computes them (``narratives.document_bag``). One regression for
the domain (URW or CC, from the article's labels), and one ridge regression onto
the 0/1 indicators of every narrative and subnarrative (closed form, in the dual:
a few hundred articles, thousands of features). Besides the articles, the regressions
learn from the taxonomy itself: each subnarrative's definition and example sentences,
joined, are one more training text labelled with that subnarrative, weighted as three
articles (28 of the 70 named subnarratives have fewer than five training articles). The
three decision thresholds (narrative, subnarrative, Other) are tuned for samples-F1 on
out-of-fold scores from an inner cross-validation over the training articles only.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

import numpy as np
from common import SEED, framing_data, parsed, save_model, subnarrative_descriptions
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
    description_weight: float = 3.0  # a subnarrative's description text, against one article


@dataclass
class ArticleExample:
    article_id: str
    bag: DocumentBag
    narratives: list[str]
    subnarratives: list[str]
    weight: float = 1.0

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


def description_examples(weight: float) -> list[ArticleExample]:
    """One example per subnarrative of the taxonomy that has a description, labelled with it."""
    subnarratives = set(narrative_labels()[1])
    described = {k: v for k, v in sorted(subnarrative_descriptions().items()) if k in subnarratives}
    docs = parsed("t10-descriptions", ["\n".join(texts) for texts in described.values()])
    return [
        ArticleExample(f"description:{label}", document_bag(doc), [label.rsplit(": ", 1)[0]], [label], weight)
        for label, doc in zip(described, docs, strict=True)
    ]


def fit_narratives(
    examples: list[ArticleExample], params: NarrativeParams, descriptions: list[ArticleExample]
) -> NarrativeModel:
    """Fit on ``examples`` and ``descriptions``; thresholds from an inner cross-validation over
    the examples (the descriptions are in every inner training fold, and never scored)."""
    model = fit_models(examples + descriptions, params, (0.5, 0.5, 0.5))
    model.thresholds = tune_thresholds(examples, params, descriptions)
    return model


Thresholds = tuple[float, float, float]  # narrative, subnarrative, Other


def fit_models(
    examples: list[ArticleExample], params: NarrativeParams, thresholds: Thresholds
) -> NarrativeModel:
    """The vocabulary and the three regressions on ``examples`` (each counted by its weight),
    with ``thresholds`` as given."""
    weights = np.array([e.weight for e in examples])
    terms = (e.bag.terms for e in examples)
    vocabulary = fit_vocabulary(terms, params.min_df, params.max_terms, weights)
    model = NarrativeModel(vocabulary, *(_empty(),) * 3, thresholds)
    x = model.features([e.bag for e in examples])
    dim = examples[0].bag.dense.shape[0]
    dense_mean = np.average(x[:, :dim], axis=0, weights=weights)
    dense_std = np.sqrt(np.average((x[:, :dim] - dense_mean) ** 2, axis=0, weights=weights))
    mean = np.concatenate([dense_mean, np.zeros(x.shape[1] - dim)])
    scale = np.concatenate([(dense_std + 1e-6) / params.dense_weight,
                            np.full(x.shape[1] - dim, 1.0 / params.terms_weight)])  # fmt: skip
    xs = (x - mean) / scale
    narratives, subnarratives = narrative_labels()
    domain = LogisticRegression(C=params.c, max_iter=2000, random_state=SEED)
    domain.fit(xs, [e.domain for e in examples], sample_weight=weights)
    model.domain = LinearModel(list(domain.classes_), *_two_class(domain), mean, scale, "softmax")
    ridge = functools.partial(_ridge, xs, weights, penalty=params.ridge, mean=mean, scale=scale)
    model.narratives = ridge([e.narratives for e in examples], narratives)
    model.subnarratives = ridge([e.subnarratives for e in examples], subnarratives)
    return model


def _empty() -> LinearModel:
    return LinearModel([], np.zeros((0, 0)), np.zeros(0), np.zeros(0), np.ones(0))


def _two_class(classifier: LogisticRegression) -> tuple[np.ndarray, np.ndarray]:
    """A binary regression's single row as two softmax rows (logits -z/2, z/2 give the same odds)."""
    coef, intercept = classifier.coef_[0] / 2, classifier.intercept_[0] / 2
    return np.vstack([-coef, coef]), np.array([-intercept, intercept])


def _ridge(x: np.ndarray, weights: np.ndarray, label_sets: list[list[str]], labels: list[str], *,
           penalty: float, mean: np.ndarray, scale: np.ndarray) -> LinearModel:  # fmt: skip
    """Weighted ridge regression of every label's 0/1 indicator at once, solved in the dual
    (n << d): a row of weight w counts as w copies of it."""
    y = np.array([[label in found for label in labels] for found in label_sets], dtype=np.float64)
    prior = np.average(y, axis=0, weights=weights)
    root = np.sqrt(weights)[:, None]
    xw = x * root
    dual = np.linalg.solve(xw @ xw.T + penalty * np.eye(len(x)), (y - prior) * root)
    return LinearModel(labels, (xw.T @ dual).T, prior, mean, scale, "linear")


def tune_thresholds(
    examples: list[ArticleExample], params: NarrativeParams, descriptions: list[ArticleExample]
) -> Thresholds:
    """The (narrative, subnarrative, Other) thresholds with the best inner out-of-fold samples-F1."""
    order = np.random.default_rng(SEED).permutation(len(examples))
    fold = np.empty(len(examples), dtype=int)
    fold[order] = np.arange(len(examples)) % params.inner_folds
    scored = []
    for k in range(params.inner_folds):
        kept = [e for e, f in zip(examples, fold, strict=True) if f != k]
        model = fit_models(kept + descriptions, params, (0.5, 0.5, 0.5))
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
    examples, params = narrative_examples(), NarrativeParams()
    descriptions = description_examples(params.description_weight)
    model = fit_narratives(examples, params, descriptions)
    summary = f"{len(examples)} articles, {len(descriptions)} descriptions, thresholds {model.thresholds}"
    save_model(model, MODEL_FILE, summary, started)


if __name__ == "__main__":
    main()
