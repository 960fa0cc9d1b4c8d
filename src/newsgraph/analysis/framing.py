"""Framing stage: how the article casts each actor (SemEval-2025 Task 10 entity roles).

For each mention the model reads cheap features from the doc the pipeline already
parsed (``textvec.doc_context``): static MiniLM vectors of the mention, its sentence,
a window around it, every sentence that names the same entity and the whole article,
plus tf-idf bags of the lemmas there and of the mention's syntactic position (the
verb it is the subject or object of). Two logistic regressions score the 3 main and
the 22 fine roles; a fine role is always one that nests under the chosen main role.
An actor's role in an article is the mean of its mentions' scores.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analysis.registry import register_stage
from newsgraph.analysis.textvec import DocContext, LinearModel, Vocabulary, doc_context, model_path
from newsgraph.records import Actor, Analysis, Role

MODEL_FILE = "framing.npz"
TERM_GROUPS = ("sentence", "entity", "mention", "syntax")
WINDOW = 8  # tokens either side of a mention
_GOVERNOR_HOPS = 4  # how far up the tree to look for the verb that governs a mention

Span = tuple[int, int]  # token range, end exclusive


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


def mention_bag(context: DocContext, target: Span, spans: Sequence[Span]) -> MentionBag:
    """Features of the mention at ``target``; ``spans`` are all mentions of the same entity."""
    vectors, (start, end) = context.vectors, target
    sentence = context.sentence_range(start)
    entity_sentences = sorted({context.sentence_range(s) for s, _e in spans} | {sentence})
    entity = np.mean([vectors.mean(s, e) for s, e in entity_sentences], axis=0)
    dense = np.concatenate([
        vectors.mean(start, end),
        vectors.mean(*sentence),
        vectors.mean(start - WINDOW, end + WINDOW),
        entity,
        vectors.mean(0, len(context.doc)),
    ])  # fmt: skip
    terms = {
        "sentence": context.terms(*sentence),
        "entity": [t for s, e in entity_sentences for t in context.terms(s, e)],
        "mention": [t.lower_ for t in context.doc[start:end] if t.is_alpha],
        "syntax": [t for s, e in spans for t in syntax_terms(context.doc, s, e)],
    }
    return MentionBag(dense, terms)


def syntax_terms(doc: Doc, start: int, end: int) -> list[str]:
    """The mention's dependency label and the verb that governs it: ``nsubj``, ``gov:attack``…"""
    root = doc[start:end].root
    dep = "pobj_" + root.head.lower_ if root.dep_ == "pobj" else root.dep_
    terms = [f"dep:{dep}"]
    head, hops = root.head, 0
    while head.pos_ not in ("VERB", "AUX") and head.head is not head and hops < _GOVERNOR_HOPS:
        head, hops = head.head, hops + 1
    if head.pos_ in ("VERB", "AUX") and head is not root:
        lemma = head.lemma_.lower()
        terms += [f"gov:{lemma}", f"{root.dep_}:{lemma}"]
        if any(child.dep_ == "neg" for child in head.children):
            terms.append("neg:gov")
    return terms


class FramingModel:
    """Vocabularies, group weights and the main/fine role regressions, in one ``.npz`` file."""

    def __init__(self, vocabularies: dict[str, Vocabulary], main: LinearModel, fine: LinearModel,
                 second_ratio: float = 1.0) -> None:  # fmt: skip
        self.vocabularies = vocabularies
        self.main = main
        self.fine = fine
        self.second_ratio = second_ratio  # a second fine role when its score is this close to the first
        self.parent = role_labels()[2]

    def features(self, bags: Sequence[MentionBag]) -> np.ndarray:
        rows = []
        for bag in bags:
            parts = [bag.dense] + [self.vocabularies[g].vector(bag.terms.get(g, [])) for g in TERM_GROUPS]
            rows.append(np.concatenate(parts))
        return np.vstack(rows)

    def scores(self, bags: Sequence[MentionBag]) -> tuple[np.ndarray, np.ndarray]:
        """Main-role and fine-role probabilities, one row per bag."""
        x = self.features(bags)
        return self.main.scores(x), self.fine.scores(x)

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
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: str | Path) -> FramingModel:
        with np.load(path, allow_pickle=False) as data:
            vocabularies = {g: Vocabulary.from_arrays(data, f"{g}.") for g in TERM_GROUPS}
            main, fine = LinearModel.from_arrays(data, "main."), LinearModel.from_arrays(data, "fine.")
            return cls(vocabularies, main, fine, float(data["second_ratio"]))


@functools.lru_cache(maxsize=1)
def load_model() -> FramingModel:
    return FramingModel.load(model_path(MODEL_FILE))


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
    main_scores, fine_scores = model.scores(
        [mention_bag(context, target, name_spans(context.doc, text, target))]
    )
    return model.decide(main_scores[0], fine_scores[0])


def actor_role(model: FramingModel, context: DocContext, spans: Sequence[Span]) -> Role:
    """One role for an actor: its mentions' scores averaged."""
    bags = [mention_bag(context, span, spans) for span in spans]
    main_scores, fine_scores = model.scores(bags)
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
        for actor in analysis.actors:
            spans = self._spans(doc, actor)
            if spans:
                actor.roles = [actor_role(self.model, context, spans)]

    def _spans(self, doc: Doc, actor: Actor) -> list[Span]:
        found = (token_span(doc, m.start, m.end) for m in actor.mentions[: self.max_mentions])
        return sorted({span for span in found if span is not None})
