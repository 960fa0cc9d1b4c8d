"""Train the genre model (SemEval-2023 Task 3 subtask 1) into ``analysis/models/genre.npz``.

    .venv/bin/python training/train_genre.py

Features as the stage computes them (``genre.genre_bag``). One multinomial logistic
regression with class-balanced weights, so that the 382 opinion / 41 reporting /
10 satire split of the training data does not become the model's prior; at run time its
scores are shifted to ``genre.NEWS_PRIOR`` (mostly reporting). Strong regularisation
keeps the scores soft on articles unlike the training data (other topics, regions).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from common import SEED, genre_data, parsed, save_model
from sklearn.linear_model import LogisticRegression

from newsgraph.analysis.genre import GENRES, MODEL_FILE, GenreModel, genre_bag
from newsgraph.analysis.narratives import DocumentBag
from newsgraph.analysis.textvec import LinearModel, fit_vocabulary


@dataclass
class GenreParams:
    c: float = 0.0005
    dense_weight: float = 1.0
    terms_weight: float = 30.0
    min_df: int = 3
    max_terms: int = 6000


@dataclass
class GenreExample:
    article_id: str
    bag: DocumentBag
    genre: str


def genre_examples() -> list[GenreExample]:
    documents, labels = genre_data()
    docs = parsed("t3-train", [d.text for d in documents])
    return [
        GenreExample(d.id, genre_bag(doc, d.title), labels[d.id])
        for d, doc in zip(documents, docs, strict=True)
        if d.id in labels
    ]


def _fit_model(examples: list[GenreExample], params: GenreParams) -> GenreModel:
    vocabulary = fit_vocabulary((e.bag.terms for e in examples), params.min_df, params.max_terms)
    model = GenreModel(vocabulary, LinearModel([], np.zeros((0, 0)), np.zeros(0), np.zeros(0), np.ones(0)))
    x = np.vstack([np.concatenate([e.bag.dense, vocabulary.vector(e.bag.terms)]) for e in examples])
    dim = examples[0].bag.dense.shape[0]
    mean = np.concatenate([x[:, :dim].mean(axis=0), np.zeros(x.shape[1] - dim)])
    scale = np.concatenate([(x[:, :dim].std(axis=0) + 1e-6) / params.dense_weight,
                            np.full(x.shape[1] - dim, 1.0 / params.terms_weight)])  # fmt: skip
    classifier = LogisticRegression(C=params.c, class_weight="balanced", max_iter=3000, random_state=SEED)
    classifier.fit((x - mean) / scale, [e.genre for e in examples])
    coef = np.zeros((len(GENRES), x.shape[1]), dtype=np.float32)
    intercept = np.full(len(GENRES), -30.0, dtype=np.float32)
    for row, label in enumerate(classifier.classes_):
        coef[GENRES.index(label)], intercept[GENRES.index(label)] = (
            classifier.coef_[row],
            classifier.intercept_[row],
        )
    model.classifier = LinearModel(list(GENRES), coef, intercept, mean, scale, "softmax")
    return model


def fit_genre(examples: list[GenreExample], params: GenreParams) -> GenreModel:
    return _fit_model(examples, params)


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Macro-F1 over the three genres (a genre absent from both counts as 0, as scikit-learn does)."""
    total = 0.0
    for genre in GENRES:
        tp = sum(g == p == genre for g, p in zip(gold, predicted, strict=True))
        wrong = sum((g == genre) != (p == genre) for g, p in zip(gold, predicted, strict=True))
        total += 2 * tp / (2 * tp + wrong) if tp else 0.0
    return total / len(GENRES)


def main() -> None:
    started = time.perf_counter()
    examples = genre_examples()
    model = fit_genre(examples, GenreParams())
    save_model(model, MODEL_FILE, f"{len(examples)} articles, prior {model.prior.tolist()}", started)


if __name__ == "__main__":
    main()
