"""Train the entity-framing model (SemEval-2025 Task 10 subtask 1) into ``analysis/models/framing.npz``.

    .venv/bin/python training/train_framing.py

Reads the English training articles and mentions (see ``common.py``), builds each
mention's features with the same code the stage runs (``framing.mention_bag``), and
fits two logistic regressions with scikit-learn: main role (3-way) and fine role
(22-way, class-balanced; a mention with two fine roles gives two half-weight rows).
The main-role regression also reads the article's stance crossed with the mention
vector (``framing.StanceModel``): a narratives model fitted on the subtask-2 articles,
whose scores for the training mentions' own articles come from an inner
cross-validation (models that never saw those articles), as they will at run time.
Deterministic (lbfgs, fixed seed). ``bench/eval_framing.py`` runs the
same fitting inside 5-fold cross-validation.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from common import SEED, framing_data, parsed, save_model
from sklearn.linear_model import LogisticRegression
from train_narratives import ArticleExample, NarrativeParams, fit_models

from newsgraph.analysis.framing import (
    MENTION_DIM,
    MODEL_FILE,
    TERM_GROUPS,
    FramingModel,
    MentionBag,
    StanceModel,
    mention_bag,
    name_spans,
    role_labels,
    stance_scores,
    token_span,
)
from newsgraph.analysis.narratives import OTHER, NarrativeModel, document_bag
from newsgraph.analysis.textvec import LinearModel, doc_context, fit_vocabulary


@dataclass
class FramingParams:
    c_main: float = 0.005
    c_fine: float = 0.1
    dense_weight: float = 1.0
    group_weights: tuple[float, ...] = (30.0, 30.0, 30.0, 30.0)  # in TERM_GROUPS order
    min_df: int = 2
    max_terms: int = 4000
    second_ratio: float = 1.0  # 1.0: one fine role per mention (91% of gold mentions have one)
    balanced_main: bool = False  # main-role accuracy suffers from balancing; fine roles gain from it
    stance_rank: int = 8  # mention-vector axes crossed with the article's stance; 0: no stance
    stance_weight: float = 10.0
    stance_folds: int = 3  # inner folds for the training mentions' article scores


@dataclass
class MentionExample:
    article_id: str
    bag: MentionBag
    main: str
    fine: list[str]


def framing_examples() -> list[MentionExample]:
    """One example per gold mention, features from the cached parses."""
    data = framing_data()
    texts = [d.text for d in data.documents]
    docs = {d.id: doc for d, doc in zip(data.documents, parsed("t10-train", texts), strict=True)}
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


def stance_articles() -> list[ArticleExample]:
    """Every subtask-2 article with its narratives, features as ``StanceModel.article`` reads them."""
    data = framing_data()
    docs = parsed("t10-train", [d.text for d in data.documents])
    return [
        ArticleExample(d.id, document_bag(doc), *data.narratives.get(d.id, ([OTHER], [OTHER])))
        for d, doc in zip(data.documents, docs, strict=True)
    ]


def _dense_scaling(dense: np.ndarray, weight: float) -> tuple[np.ndarray, np.ndarray]:
    mean = dense.mean(axis=0)
    scale = dense.std(axis=0) + 1e-6
    return mean, scale / weight


def fit_framing(examples: list[MentionExample], params: FramingParams,
                articles: list[ArticleExample] | None = None, held_out: frozenset[str] = frozenset()
                ) -> FramingModel:  # fmt: skip
    """Fit vocabularies and both regressions on ``examples``; the stance (when ``articles`` are
    given and ``params.stance_rank``) on the articles outside ``held_out``."""
    model, xs, mean, scale = _scaled_features(examples, params)
    mains, fines, _parent = role_labels()
    main_weight = "balanced" if params.balanced_main else None
    xm, main_mean, main_scale = xs, mean, scale
    if articles and params.stance_rank:
        model.stance, cross = fit_stance(examples, xs[:, :MENTION_DIM], articles, held_out, params)
        xm = np.hstack([xs, cross])
        main_mean = np.concatenate([mean, np.zeros(cross.shape[1])])
        main_scale = np.concatenate([scale, np.ones(cross.shape[1])])
    labels = [e.main for e in examples]
    model.main = _fit(xm, labels, None, mains, params.c_main, main_mean, main_scale, main_weight)
    rows = [(i, f) for i, e in enumerate(examples) for f in e.fine]
    weights = np.array([1.0 / len(examples[i].fine) for i, _f in rows])
    idx = np.array([i for i, _f in rows])
    model.fine = _fit(xs[idx], [f for _i, f in rows], weights, fines, params.c_fine, mean, scale, "balanced")
    return model


def _scaled_features(examples: list[MentionExample], params: FramingParams
                     ) -> tuple[FramingModel, np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """A model holding the fitted vocabularies, and the standardised features with their mean/scale."""
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
    return model, (x - mean) / scale, mean, scale


def fit_stance(examples: list[MentionExample], mentions: np.ndarray, articles: list[ArticleExample],
               held_out: frozenset[str], params: FramingParams
               ) -> tuple[StanceModel, np.ndarray]:  # fmt: skip
    """The stance model (from every article outside ``held_out``) and the training mentions'
    cross features, their articles scored by inner-fold models that did not see them."""
    narrative = _stance_narratives(articles, held_out)
    own = sorted({e.article_id for e in examples})
    order = np.random.default_rng(SEED).permutation(len(own))
    raw: dict[str, np.ndarray] = {}
    for k in range(params.stance_folds):
        held = {own[i] for i in order[k :: params.stance_folds]}
        inner = _stance_narratives(articles, held_out | held)
        raw |= _article_scores(inner, [a for a in articles if a.article_id in held])
    scores = np.vstack([raw[e.article_id] for e in examples])
    mean, scale = scores.mean(axis=0), scores.std(axis=0) + 1e-6
    _u, _s, vt = np.linalg.svd(mentions - mentions.mean(axis=0), full_matrices=False)
    axes = vt[: params.stance_rank]
    axes /= (mentions @ axes.T).std(axis=0)[:, None]
    stance = StanceModel(narrative.vocabulary, narrative.domain, narrative.narratives,
                         mean, scale, axes.astype(np.float32), params.stance_weight)  # fmt: skip
    return stance, stance.cross(mentions, (scores - mean) / scale)


def _stance_narratives(articles: list[ArticleExample], held_out: set[str] | frozenset[str]
                       ) -> NarrativeModel:  # fmt: skip
    """A narratives model (``train_narratives`` fitting) over the articles outside ``held_out``."""
    kept = [a for a in articles if a.article_id not in held_out]
    return fit_models(kept, NarrativeParams(), (0.5, 0.5, 0.5))


def _article_scores(model: NarrativeModel, articles: list[ArticleExample]) -> dict[str, np.ndarray]:
    """Each article's raw stance scores from one narratives model."""
    scores = stance_scores(model.domain, model.narratives, model.features([a.bag for a in articles]))
    return dict(zip([a.article_id for a in articles], scores, strict=True))


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
    model = fit_framing(examples, FramingParams(), stance_articles())
    save_model(model, MODEL_FILE, f"{len(examples)} mentions", started)


if __name__ == "__main__":
    main()
