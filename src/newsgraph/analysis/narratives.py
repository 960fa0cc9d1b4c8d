"""Narratives stage: which narratives of the SemEval-2025 Task 10 taxonomy the article pushes.

Article features are cheap reads of the doc the pipeline already parsed: the mean
static MiniLM vector of the body and of the title, and a tf-idf bag of lemmas.
Decisions follow the taxonomy's two levels. ``Other`` (no narrative of the
taxonomy; four articles in ten of the training set) has a score of its own and
wins when it passes its threshold and beats every narrative. Otherwise the
domain (Ukraine–Russia war or climate change) comes first, then every narrative
of that domain whose score passes the threshold (at least the best one), then
the subnarratives of each chosen narrative (``<narrative>: Other`` when none of
them passes).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analysis.framing import taxonomy
from newsgraph.analysis.registry import register_stage
from newsgraph.analysis.textvec import LinearModel, Vocabulary, doc_context, load_embedder, model_path
from newsgraph.records import Analysis, Narrative

MODEL_FILE = "narratives.npz"
OTHER = "Other"
DOMAINS = ("URW", "CC")


@dataclass(slots=True)
class DocumentBag:
    """The raw features of one article: dense vectors and its content lemmas."""

    dense: np.ndarray
    terms: list[str] = field(default_factory=list)


def document_bag(doc: Doc, title: str | None = None) -> DocumentBag:
    """Body and title vectors plus lemmas; the title also counts among the lemmas."""
    context = doc_context(doc)
    body = context.vectors.mean(0, len(doc))
    lead = context.vectors.mean(0, context.sentences[min(2, len(context.sentences) - 1)][1])
    heading = load_embedder().embed(title.split()) if title else lead
    return DocumentBag(np.concatenate([body, heading]), context.terms(0, len(doc)))


def domain_of(label: str) -> str | None:
    prefix = label.split(":", 1)[0]
    return prefix if prefix in DOMAINS else None


class NarrativeModel:
    """Vocabulary, domain / narrative / subnarrative regressions and thresholds, in one ``.npz``."""

    def __init__(self, vocabulary: Vocabulary, domain: LinearModel, narratives: LinearModel,
                 subnarratives: LinearModel, thresholds: tuple[float, float, float]) -> None:  # fmt: skip
        self.vocabulary = vocabulary
        self.domain = domain
        self.narratives = narratives
        self.subnarratives = subnarratives
        self.thresholds = thresholds  # narrative, subnarrative, Other

    def features(self, bags: Sequence[DocumentBag]) -> np.ndarray:
        return np.vstack([np.concatenate([b.dense, self.vocabulary.vector(b.terms)]) for b in bags])

    def scores(self, bags: Sequence[DocumentBag]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        x = self.features(bags)
        return self.domain.scores(x), self.narratives.scores(x), self.subnarratives.scores(x)

    def decide(
        self, domain: np.ndarray, narratives: np.ndarray, subnarratives: np.ndarray
    ) -> list[Narrative]:
        """``Other`` when its own score passes its threshold and beats every narrative; else the
        narratives of the likelier domain that pass (at least the best one), each with its
        subnarratives."""
        other = self.other(domain, narratives)
        if other is not None:
            return [other]
        scored = self._scored(domain, narratives)
        passing = [(s, label) for s, label in scored if s >= self.thresholds[0]] or [max(scored)]
        return [found for s, label in passing for found in self._subnarratives(label, s, subnarratives)]

    def other(self, domain: np.ndarray, narratives: np.ndarray) -> Narrative | None:
        """The ``Other`` decision, when the domain and narrative scores make it (no subnarrative
        score needed then)."""
        scored = self._scored(domain, narratives)
        other = float(narratives[self.narratives.labels.index(OTHER)])
        best = max(scored, default=(0.0, OTHER))
        if not scored or (other >= self.thresholds[2] and other > best[0]):
            return Narrative(OTHER, None, round(other, 4))
        return None

    def _scored(self, domain: np.ndarray, narratives: np.ndarray) -> list[tuple[float, str]]:
        """(score, label) of each narrative of the likelier domain."""
        chosen = self.domain.labels[int(np.argmax(domain))]
        return [(float(s), label) for label, s in zip(self.narratives.labels, narratives, strict=True)
                if domain_of(label) == chosen]  # fmt: skip

    def _subnarratives(self, narrative: str, score: float, subnarratives: np.ndarray) -> list[Narrative]:
        """Subnarratives that pass; else ``<narrative>: Other`` (or the best one, where the
        taxonomy has no ``Other`` for this narrative)."""
        under = [(float(s), label) for label, s in zip(self.subnarratives.labels, subnarratives, strict=True)
                 if label.startswith(narrative + ": ")]  # fmt: skip
        passing = [Narrative(narrative, label, round(s, 4)) for s, label in under if s >= self.thresholds[1]]
        if passing or not under:
            return passing or [Narrative(narrative, None, round(score, 4))]
        fallback = f"{narrative}: Other"
        label = fallback if any(label == fallback for _s, label in under) else max(under)[1]
        return [Narrative(narrative, label, round(score, 4))]

    def save(self, path: str | Path) -> None:
        arrays = self.vocabulary.to_arrays("vocabulary.") | {"thresholds": np.array(self.thresholds)}
        for name in ("domain", "narratives", "subnarratives"):
            arrays |= getattr(self, name).to_arrays(f"{name}.")
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: str | Path) -> NarrativeModel:
        with np.load(path, allow_pickle=False) as data:
            models = [
                LinearModel.from_arrays(data, f"{n}.") for n in ("domain", "narratives", "subnarratives")
            ]
            narrative, subnarrative, other = (float(t) for t in data["thresholds"])
            return cls(Vocabulary.from_arrays(data, "vocabulary."), *models, (narrative, subnarrative, other))


@functools.lru_cache(maxsize=1)
def load_model() -> NarrativeModel:
    return NarrativeModel.load(model_path(MODEL_FILE))


def narrative_labels() -> tuple[list[str], list[str]]:
    """Every narrative (``Other`` last) and every subnarrative of the taxonomy."""
    tree = taxonomy()["narratives"]
    narratives = [*sorted(n for n in tree if n != OTHER), OTHER]
    return narratives, sorted(s for subs in tree.values() for s in subs)


def predict_narratives(model: NarrativeModel, bags: Sequence[DocumentBag]) -> list[list[Narrative]]:
    """The narratives of each bag. The subnarrative regression (the largest, and the one call
    big enough for BLAS to wake its threads) runs only when some bag is not ``Other``."""
    x = model.features(bags)
    domains, narratives = model.domain.scores(x), model.narratives.scores(x)
    others = [model.other(*row) for row in zip(domains, narratives, strict=True)]
    if all(other is not None for other in others):
        return [[other] for other in others if other is not None]
    subnarratives = model.subnarratives.scores(x)
    return [model.decide(*row) for row in zip(domains, narratives, subnarratives, strict=True)]


@register_stage("narratives")
class NarrativeStage:
    name = "narratives"

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.model = load_model()

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        if len(doc) == 0:
            analysis.narratives = []
            return
        bag = document_bag(doc, analysis.article.title)
        analysis.narratives = predict_narratives(self.model, [bag])[0]
