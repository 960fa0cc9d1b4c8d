"""Cross-validated scores of the framing, narratives and genre models on their training data.

    .venv/bin/python bench/eval_framing.py [--folds 5] [--seed 13] [--only framing|narratives|genre]

Folds are drawn by article (a mention is never scored by a model that saw its
article). Each fold fits the model exactly as the training scripts do, from the
training folds only; anything tuned (thresholds) is tuned inside those folds.

- SemEval-2025 T10 subtask 1 (entity framing), as the official scorer: exact match
  ratio (a mention's fine-role set equals the gold set), micro-F1 over fine roles,
  and main-role accuracy.
- SemEval-2025 T10 subtask 2 (narratives): samples-F1 over narratives and over
  subnarratives, ``Other`` counted as a label like any other.
- SemEval-2023 T3 subtask 1 (genre): macro-F1 over opinion, reporting, satire.

Needs the training extra (scikit-learn) and the data under ``../shared/data``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

import train_framing
import train_genre
import train_narratives
from train_narratives import ArticleExample

from newsgraph.analysis.framing import FramingModel
from newsgraph.analysis.genre import NEWS_PRIOR, UNIFORM_PRIOR
from newsgraph.analysis.narratives import predict_narratives
from quality_gate import add_gate_option, enforce

SEED = 13


def article_folds(article_ids: Sequence[str], folds: int, seed: int) -> dict[str, int]:
    """Each article's fold, articles shuffled with ``seed`` and dealt round-robin."""
    unique = sorted(set(article_ids))
    order = np.random.default_rng(seed).permutation(len(unique))
    return {unique[i]: n % folds for n, i in enumerate(order)}


def set_scores(gold: Sequence[set[str]], predicted: Sequence[set[str]]) -> dict[str, float]:
    """Exact match ratio, micro-F1 and samples-F1 of label sets."""
    exact = np.mean([g == p for g, p in zip(gold, predicted, strict=True)])
    tp = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, predicted, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, predicted, strict=True))
    micro = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    samples = np.mean([_f1(g, p) for g, p in zip(gold, predicted, strict=True)])
    return {"exact": float(exact), "micro_f1": micro, "samples_f1": float(samples)}


def _f1(gold: set[str], predicted: set[str]) -> float:
    if not gold and not predicted:
        return 1.0
    hits = len(gold & predicted)
    return 2 * hits / (len(gold) + len(predicted)) if hits else 0.0


FoldRunner = Callable[[np.ndarray, np.ndarray], list]  # (train indices, test indices) -> test predictions


def cross_validate(ids: Sequence[str], folds: int, seed: int, run_fold: FoldRunner) -> list:
    """Predictions for every item, each from the model fitted on the other folds."""
    fold_of = article_folds(ids, folds, seed)
    assignment = np.array([fold_of[i] for i in ids])
    predictions: list = [None] * len(ids)
    for fold in range(folds):
        test = np.flatnonzero(assignment == fold)
        train = np.flatnonzero(assignment != fold)
        for index, prediction in zip(test, run_fold(train, test), strict=True):
            predictions[index] = prediction
    return predictions


def eval_framing(folds: int, seed: int, params: train_framing.FramingParams) -> dict[str, float]:
    """The stance model of each fold never sees the fold's test articles."""
    examples = train_framing.framing_examples()
    articles = train_framing.stance_articles()
    by_id = {a.article_id: a for a in articles}

    def run_fold(train: np.ndarray, test: np.ndarray) -> list:
        held_out = frozenset(examples[i].article_id for i in test)
        model = train_framing.fit_framing([examples[i] for i in train], params, articles, held_out)
        predicted = []
        for i in test:
            stance = _stance(model, by_id[examples[i].article_id])
            mains, fines = model.scores([examples[i].bag], stance)
            predicted.append(model.decide(mains[0], fines[0]))
        return predicted

    roles = cross_validate([e.article_id for e in examples], folds, seed, run_fold)
    scores = set_scores([set(e.fine) for e in examples], [set(r.fine) for r in roles])
    main_accuracy = np.mean([e.main == r.main for e, r in zip(examples, roles, strict=True)])
    return {"mentions": len(examples), "emr": scores["exact"], "micro_f1": scores["micro_f1"],
            "main_accuracy": float(main_accuracy)}  # fmt: skip


def _stance(model: FramingModel, article: ArticleExample) -> np.ndarray | None:
    """An article's stance scores, as ``StanceModel.article`` computes them from its doc."""
    return None if model.stance is None else model.stance.of_bag(article.bag)


def eval_narratives(folds: int, seed: int, params: train_narratives.NarrativeParams) -> dict[str, float]:
    examples = train_narratives.narrative_examples()
    descriptions = train_narratives.description_examples(params.description_weight)

    def run_fold(train: np.ndarray, test: np.ndarray) -> list:
        model = train_narratives.fit_narratives([examples[i] for i in train], params, descriptions)
        return predict_narratives(model, [examples[i].bag for i in test])

    predicted = cross_validate([e.article_id for e in examples], folds, seed, run_fold)
    coarse = set_scores([set(e.narratives) for e in examples], [{n.narrative for n in p} for p in predicted])
    fine = set_scores([set(e.subnarratives) for e in examples],
                      [{n.subnarrative or "Other" for n in p} for p in predicted])  # fmt: skip
    return {"articles": len(examples), "narratives_samples_f1": coarse["samples_f1"],
            "subnarratives_samples_f1": fine["samples_f1"]}  # fmt: skip


def eval_genre(folds: int, seed: int, params: train_genre.GenreParams) -> dict[str, float]:
    """Folds stratified by genre (10 satire pieces in all: two per fold)."""
    examples = train_genre.genre_examples()
    rng = np.random.default_rng(seed)
    fold = np.empty(len(examples), dtype=int)
    for genre in train_genre.GENRES:
        members = rng.permutation([i for i, e in enumerate(examples) if e.genre == genre])
        fold[members] = np.arange(len(members)) % folds
    scores = np.zeros((len(examples), len(train_genre.GENRES)))
    models = {}
    for k in range(folds):
        models[k] = train_genre.fit_genre([e for e, f in zip(examples, fold, strict=True) if f != k], params)
        test = np.flatnonzero(fold == k)
        scores[test] = models[k].scores([examples[i].bag for i in test])
    gold = [e.genre for e in examples]
    result: dict[str, float] = {"articles": len(examples)}
    for name, prior in (("balanced", UNIFORM_PRIOR), ("news_prior", NEWS_PRIOR)):
        predicted = [models[0].decide(row, prior)[0] for row in scores]
        result[f"macro_f1_{name}"] = train_genre.macro_f1(gold, predicted)
        result |= {f"{name}_{g}": predicted.count(g) for g in train_genre.GENRES}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, action="append", help="fold seed (repeatable); default 13")
    parser.add_argument("--only", choices=("framing", "narratives", "genre"), action="append")
    add_gate_option(parser)
    args = parser.parse_args()
    seeds = args.seed or [SEED]
    tasks = args.only or ["framing", "narratives", "genre"]
    runs = {
        "framing": ("subtask-1", eval_framing, train_framing.FramingParams()),
        "narratives": ("subtask-2", eval_narratives, train_narratives.NarrativeParams()),
        "genre": ("genre", eval_genre, train_genre.GenreParams()),
    }
    results = {}
    for seed in seeds:
        started = time.perf_counter()
        for task in (task for task in runs if task in tasks):
            label, evaluate, params = runs[task]
            results[f"{task}:seed-{seed}"] = result = evaluate(args.folds, seed, params)
            print(f"{label} seed {seed}: " + _fmt(result), flush=True)
        print(f"({time.perf_counter() - started:.0f}s)")
    if args.gate:
        sys.exit(enforce(results))


def _fmt(result: dict[str, float]) -> str:
    return "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in result.items())


if __name__ == "__main__":
    main()
