"""Framing stage: how the article casts each actor (SemEval-2025 Task 10 entity roles).

For each mention the model reads cheap features from the doc the pipeline already
parsed (``textvec.doc_context``): static MiniLM vectors of the mention, its sentence,
a window around it, every sentence that names the same entity and the whole article,
plus tf-idf bags of the lemmas there and of the mention's syntactic position (the
verb it is the subject or object of). Two logistic regressions score the 3 main and
the 22 fine roles; a fine role is always one that nests under the chosen main role.
An actor's role in an article is the mean of its mentions' scores.

The main-role regression also reads the article's side (``StanceModel``): its narrative
scores (which camp the article argues for) crossed with the mention vector's first
principal axes (which camp the actor belongs to), so that a linear model can learn
"Russia in an article that blames Russia: antagonist" from a few hundred mentions.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analysis.registry import register_stage
from newsgraph.analysis.textvec import DocContext, LinearModel, Vocabulary, doc_context, model_path
from newsgraph.records import Actor, Analysis, Role

if TYPE_CHECKING:  # narratives imports this module
    from newsgraph.analysis.narratives import DocumentBag

MODEL_FILE = "framing.npz"
TERM_GROUPS = ("sentence", "entity", "mention", "syntax")
WINDOW = 8  # tokens either side of a mention
_GOVERNOR_HOPS = 4  # how far up the tree to look for the verb that governs a mention
MENTION_DIM = 256  # the mention vector: the first block of the dense features

Span = tuple[int, int]  # token range, end exclusive
TermVectors = dict[tuple[str, tuple[str, ...]], np.ndarray]  # (group, terms) -> tf-idf vector


@functools.lru_cache(maxsize=1)
def taxonomy() -> dict[str, dict[str, list[str]]]:
    """The shipped label lists: ``roles`` (main → fine) and ``narratives`` (narrative → subnarratives)."""
    return json.loads(model_path("taxonomy.json").read_text(encoding="utf-8"))


def role_labels() -> tuple[list[str], list[str], dict[str, str]]:
    """Main roles, fine roles, and the main role each fine role nests under."""
    roles = taxonomy()["roles"]
    parent = {fine: main for main, fines in roles.items() for fine in fines}
    return list(roles), list(parent), parent


@dataclass(slots=True)
class MentionBag:
    """The raw features of one mention: dense vectors, and term lists per group."""

    dense: np.ndarray
    terms: dict[str, list[str]] = field(default_factory=dict)


@dataclass(slots=True)
class EntityPart:
    """The features every mention of one entity shares: computed once for all its mentions."""

    sentences: list[Span]  # every sentence that names the entity, in order
    vector: np.ndarray  # mean vector of those sentences
    terms: list[str]  # their lemmas
    syntax: list[str]  # the syntax terms of every mention
    article: np.ndarray  # the whole article's vector


def entity_part(context: DocContext, spans: Sequence[Span], target: Span | None = None) -> EntityPart:
    """What the mentions at ``spans`` (and at ``target``, if it is not among them) share."""
    vectors = context.vectors
    found = {context.sentence_range(s) for s, _e in spans}
    if target is not None:
        found.add(context.sentence_range(target[0]))
    sentences = sorted(found)
    return EntityPart(
        sentences,
        np.mean([vectors.mean(s, e) for s, e in sentences], axis=0),
        [t for s, e in sentences for t in context.terms(s, e)],
        [t for s, e in spans for t in syntax_terms(context.doc, s, e)],
        vectors.mean(0, len(context.doc)),
    )


def mention_bag(
    context: DocContext, target: Span, spans: Sequence[Span], entity: EntityPart | None = None
) -> MentionBag:
    """Features of the mention at ``target``; ``spans`` are all mentions of the same entity, and
    ``entity`` what they share (``entity_part(context, spans)``), when the caller has it."""
    vectors, (start, end) = context.vectors, target
    sentence = context.sentence_range(start)
    if entity is None or sentence not in entity.sentences:
        entity = entity_part(context, spans, target)
    dense = np.concatenate([
        vectors.mean(start, end),
        vectors.mean(*sentence),
        vectors.mean(start - WINDOW, end + WINDOW),
        entity.vector,
        entity.article,
    ])  # fmt: skip
    terms = {
        "sentence": context.terms(*sentence),
        "entity": entity.terms,
        "mention": [t.lower_ for t in context.doc[start:end] if t.is_alpha],
        "syntax": entity.syntax,
    }
    return MentionBag(dense, terms)


def syntax_terms(doc: Doc, start: int, end: int) -> list[str]:
    """The mention's dependency label and the verb that governs it: ``nsubj``, ``gov:attack``…"""
    root = doc[start:end].root
    dep = "pobj_" + root.head.lower_ if root.dep_ == "pobj" else root.dep_
    terms = [f"dep:{dep}"]
    head, hops = root.head, 0
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and hops < _GOVERNOR_HOPS:
        head, hops = head.head, hops + 1
    if head.pos_ in ("VERB", "AUX") and head.i != root.i:
        lemma = head.lemma_.lower()
        terms += [f"gov:{lemma}", f"{root.dep_}:{lemma}"]
        if any(child.dep_ == "neg" for child in head.children):
            terms.append("neg:gov")
    return terms


def stance_scores(domain: LinearModel, narratives: LinearModel, x: np.ndarray) -> np.ndarray:
    """P(URW) and every narrative's score, one row per article feature row."""
    urw = domain.labels.index("URW")
    return np.hstack([domain.scores(x)[:, [urw]], narratives.scores(x)])


@dataclass(slots=True)
class StanceModel:
    """The article's side, crossed with the mention's place in embedding space.

    ``domain``/``narratives`` score the article as the narratives stage does (a model of its
    own, fitted on the same data, without the title); the scores are standardised with
    ``mean``/``scale``. ``axes`` project a standardised mention vector onto its principal axes.
    """

    vocabulary: Vocabulary
    domain: LinearModel
    narratives: LinearModel
    mean: np.ndarray
    scale: np.ndarray
    axes: np.ndarray  # (rank, MENTION_DIM), rows pre-divided by the projections' spread
    weight: float

    def article(self, doc: Doc) -> np.ndarray:
        """The article's standardised domain and narrative scores."""
        from newsgraph.analysis.narratives import document_bag  # that module imports this one

        return self.of_bag(document_bag(doc))

    def of_bag(self, bag: DocumentBag) -> np.ndarray:
        """The standardised scores of an article's features (``narratives.document_bag``)."""
        x = np.concatenate([bag.dense, self.vocabulary.vector(bag.terms)])
        return (stance_scores(self.domain, self.narratives, x[None, :])[0] - self.mean) / self.scale

    def cross(self, mentions: np.ndarray, article: np.ndarray) -> np.ndarray:
        """Article scores and their products with the mention's axes, one row per mention
        (``article``: one row of scores for all the mentions, or one row per mention)."""
        projected = mentions @ self.axes.T
        tiled = np.broadcast_to(np.atleast_2d(article), (len(mentions), np.shape(article)[-1]))
        products = (projected[:, :, None] * tiled[:, None, :]).reshape(len(mentions), -1)
        return self.weight / np.sqrt(len(self.axes)) * np.hstack([tiled, products])

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        arrays = self.vocabulary.to_arrays(f"{prefix}vocabulary.") | self.domain.to_arrays(f"{prefix}domain.")
        arrays |= self.narratives.to_arrays(f"{prefix}narratives.")
        return arrays | {f"{prefix}{k}": getattr(self, k) for k in ("mean", "scale", "axes", "weight")}

    @classmethod
    def from_arrays(cls, data: np.lib.npyio.NpzFile, prefix: str) -> StanceModel:
        parts = [LinearModel.from_arrays(data, f"{prefix}{name}.") for name in ("domain", "narratives")]
        arrays = [data[f"{prefix}{k}"] for k in ("mean", "scale", "axes")]
        vocabulary = Vocabulary.from_arrays(data, f"{prefix}vocabulary.")
        return cls(vocabulary, *parts, *arrays, float(data[f"{prefix}weight"]))


class FramingModel:
    """Vocabularies, group weights, the main/fine role regressions and the stance cross, in one ``.npz``."""

    def __init__(self, vocabularies: dict[str, Vocabulary], main: LinearModel, fine: LinearModel,
                 second_ratio: float = 1.0, stance: StanceModel | None = None) -> None:  # fmt: skip
        self.vocabularies = vocabularies
        self.main = main
        self.fine = fine
        self.second_ratio = second_ratio  # a second fine role when its score is this close to the first
        self.stance = stance  # None: the main regression reads the mention features alone
        self.parent = role_labels()[2]

    def features(self, bags: Sequence[MentionBag], memo: TermVectors | None = None) -> np.ndarray:
        """One feature row per bag. An entity's mentions share their entity and syntax terms, and
        mentions in one sentence their sentence terms: each distinct bag of terms is vectorised
        once (per call, or per ``memo``, which a caller may keep for a whole doc)."""
        vectors: TermVectors = {} if memo is None else memo
        rows = []
        for bag in bags:
            parts = [bag.dense]
            for group in TERM_GROUPS:
                key = (group, tuple(bag.terms.get(group, ())))
                if key not in vectors:
                    vectors[key] = self.vocabularies[group].vector(key[1])
                parts.append(vectors[key])
            rows.append(np.concatenate(parts))
        return np.vstack(rows)

    def scores(self, bags: Sequence[MentionBag], article: np.ndarray | None = None,
               memo: TermVectors | None = None) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
        """Main-role and fine-role probabilities, one row per bag; ``article`` is the
        article's ``StanceModel.article`` scores (needed when the model has a stance)."""
        x = self.features(bags, memo)
        return self.main.scores(self.with_stance(x, article)), self.fine.scores(x)

    def with_stance(self, x: np.ndarray, article: np.ndarray | None) -> np.ndarray:
        """The main regression's input: the features, then the stance cross when there is one."""
        if self.stance is None:
            return x
        if article is None:
            raise ValueError("this framing model needs the article's stance scores")
        mentions = (x[:, :MENTION_DIM] - self.fine.mean[:MENTION_DIM]) / self.fine.scale[:MENTION_DIM]
        return np.hstack([x, self.stance.cross(mentions, article)])

    def decide(self, main_scores: np.ndarray, fine_scores: np.ndarray) -> Role:
        """The best main role, and the fine roles under it that score near the best one."""
        best = int(np.argmax(main_scores))
        main = self.main.labels[best]
        under = [(float(s), label) for s, label in zip(fine_scores, self.fine.labels, strict=True)
                 if self.parent[label] == main]  # fmt: skip
        under.sort(reverse=True)
        fine = [label for s, label in under if s >= under[0][0] * self.second_ratio][:2]
        return Role(main, fine or [under[0][1]], round(float(main_scores[best]), 4))

    def save(self, path: str | Path) -> None:
        arrays: dict[str, np.ndarray] = {"second_ratio": np.array(self.second_ratio)}
        for group, vocabulary in self.vocabularies.items():
            arrays |= vocabulary.to_arrays(f"{group}.")
        arrays |= self.main.to_arrays("main.") | self.fine.to_arrays("fine.")
        if self.stance is not None:
            arrays |= self.stance.to_arrays("stance.")
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: str | Path) -> FramingModel:
        with np.load(path, allow_pickle=False) as data:
            vocabularies = {g: Vocabulary.from_arrays(data, f"{g}.") for g in TERM_GROUPS}
            main, fine = LinearModel.from_arrays(data, "main."), LinearModel.from_arrays(data, "fine.")
            stance = StanceModel.from_arrays(data, "stance.") if "stance.weight" in data else None
            return cls(vocabularies, main, fine, float(data["second_ratio"]), stance)


@functools.lru_cache(maxsize=1)
def load_model() -> FramingModel:
    return FramingModel.load(model_path(MODEL_FILE))


# The stance of the last doc seen: ``mention_role`` runs once per mention of the same doc.
_LAST_STANCE: list[tuple[StanceModel, DocContext, np.ndarray]] = []


def article_stance(model: FramingModel, context: DocContext) -> np.ndarray | None:
    """The doc's stance scores, computed once per doc (None when the model has no stance)."""
    if model.stance is None:
        return None
    if _LAST_STANCE and _LAST_STANCE[0][0] is model.stance and _LAST_STANCE[0][1] is context:
        return _LAST_STANCE[0][2]
    scores = model.stance.article(context.doc)
    _LAST_STANCE[:] = [(model.stance, context, scores)]
    return scores


def token_span(doc: Doc, start: int, end: int) -> Span | None:
    """Token range covering characters ``start:end`` (end exclusive), or None when empty."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def name_spans(doc: Doc, text: str, target: Span) -> list[Span]:
    """Every mention of the same name in the doc (whole words, any case), the target included:
    the entity's mentions when no actor resolution is at hand (SemEval input)."""
    spans = {target}
    needle = text.strip()
    if needle:
        for match in re.finditer(r"\b" + re.escape(needle) + r"\b", doc.text, flags=re.IGNORECASE):
            span = token_span(doc, match.start(), match.end())
            if span is not None:
                spans.add(span)
    return sorted(spans)


def mention_role(model: FramingModel, context: DocContext, start: int, end: int, text: str) -> Role | None:
    """The role of one mention at characters ``start:end`` (end exclusive); None when it covers no token."""
    target = token_span(context.doc, start, end)
    if target is None:
        return None
    bag = mention_bag(context, target, name_spans(context.doc, text, target))
    main_scores, fine_scores = model.scores([bag], article_stance(model, context))
    return model.decide(main_scores[0], fine_scores[0])


def actor_role(
    model: FramingModel, context: DocContext, spans: Sequence[Span], memo: TermVectors | None = None
) -> Role:
    """One role for an actor: its mentions' scores averaged; ``memo`` is shared by the actors of
    one doc (see ``FramingModel.features``)."""
    entity = entity_part(context, spans)
    bags = [mention_bag(context, span, spans, entity) for span in spans]
    main_scores, fine_scores = model.scores(bags, article_stance(model, context), memo)
    return model.decide(main_scores.mean(axis=0), fine_scores.mean(axis=0))


@register_stage("framing")
class FramingStage:
    """Sets ``actor.roles`` to one aggregated role per actor with at least one mention."""

    name = "framing"
    max_mentions = 12  # an actor's first mentions are enough to read its role, and keep cost flat

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.model = load_model()

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        if not analysis.actors or len(doc) == 0:
            return
        context = doc_context(doc)
        memo: TermVectors = {}  # actors named in one sentence share its term vectors
        for actor in analysis.actors:
            spans = self._spans(doc, actor)
            if spans:
                actor.roles = [actor_role(self.model, context, spans, memo)]

    def _spans(self, doc: Doc, actor: Actor) -> list[Span]:
        found = (token_span(doc, m.start, m.end) for m in actor.mentions[: self.max_mentions])
        return sorted({span for span in found if span is not None})
