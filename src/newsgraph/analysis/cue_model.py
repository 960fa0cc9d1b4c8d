"""Which cue-rule matches really attribute something: a small logistic model over parse features.

A cue rule ("support dobj") matches far more often than it attributes: "Do you
support Trump?" is a question, not a claim. For every rule that applies to a
token, the model scores the match from features of the cue, its subject and
the content (``features``); the quotes stage keeps the cue if its best
probability clears the threshold. Which of the cue's readings it keeps is a
second question, answered by a ranker that compares the readings with each
other (``choose``): the longest, the shortest, what a longer one adds. Both are
learned by ``scripts/build_cues.py`` on PolNeAR's training split and shipped
as JSON.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from importlib import resources

from spacy.tokens import Doc, Span, Token

from newsgraph.analysis.cues import (
    CueRule,
    content_span,
    contents_of_rule,
    coordinated_speech,
    cut_before,
    trim_span,
    with_closing_mark,
    without_link,
    without_writers_tail,
)

_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they"})
_MARKS = frozenset({"“", "”", '"', "«", "»"})
_OPENERS = frozenset({"that", "whether", "if", "to", "how", "why", "what", "for", "of", "about"})
_FUNCTION_POS = frozenset({"CCONJ", "SCONJ", "ADP", "PRON", "DET", "PART", "ADV"})
MODEL_FILE = "cue_model.json"
_BY_RELATION = ("adds=", "adds_first=")  # what a reading adds, also read per rule relation


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    # the reading ranker's weights; without them the most probable reading is kept
    extent_weights: dict[str, float] = field(default_factory=dict)

    def probability(self, features: list[str]) -> float:
        total = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def extent_score(self, features: list[str]) -> float:
        return sum(self.extent_weights.get(f, 0.0) for f in features)


@functools.lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The shipped model, or None when the package has none (rules alone then decide)."""
    path = resources.files("newsgraph.knowledge").joinpath("data", MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return CueModel(data["weights"], data["bias"], data["threshold"], data.get("extent_weights", {}))


@dataclass(frozen=True, slots=True)
class Match:
    """One reading of a cue: a rule, the content it reaches, and the cuts that give that content."""

    rule: CueRule
    content: Span
    extents: tuple[str, ...]


def candidates(token: Token, rules: list[CueRule]) -> list[Match]:
    """Every rule of the token's lemma that finds a content span, each with the spans its match
    can be cut to (the model then weighs rule and cut together)."""
    found = []
    readings = [(rule, span) for rule in rules for span in contents_of_rule(token, rule.relation)]
    for rule, span in readings:
        if len(span) == 0:
            continue
        cuts: dict[tuple[int, int], list[str]] = {}
        for name, content in [*extents(token, span), *_around(token, rule.relation)]:
            if len(content) > 0:
                cuts.setdefault((content.start, content.end), []).append(name)
        found += [Match(rule, token.doc[a:b], tuple(names)) for (a, b), names in cuts.items()]
    return found


def _around(cue: Token, relation: str) -> list[tuple[str, Span]]:
    """For a cue set inside the clause it reports ("The benefit, it says, would be $300"), that
    whole clause, the cue included: the annotators mark both sides as one content."""
    if not relation.startswith("^") or cue.head.i == cue.i:
        return []
    head, doc = cue.head, cue.doc
    whole = trim_span(doc[head.left_edge.i : head.right_edge.i + 1])
    if whole.start < cue.left_edge.i and cue.right_edge.i + 1 < whole.end:
        return [("around", whole)]
    return []


def extents(cue: Token, span: Span) -> list[tuple[str, Span]]:
    """The ways a rule's match can be read as content. The parse alone often stops short of
    what an annotator marks (a trailing relative clause, the rest of the sentence), or runs past
    it, so the model chooses among: the parse's clause without asides, the whole subtree, and the
    span stretched to the end (or from the start) of the cue's clause and sentence."""
    doc, sentence = cue.doc, cue.sent
    parse = content_span(span)
    found = [("parse", parse), ("subtree", trim_span(with_closing_mark(span)))]
    if span.start > cue.i:
        clause_end = _before_new_clause(doc, span.end, max(span.end, cue.right_edge.i + 1))
        found.append(("clause_end", trim_span(doc[parse.start : clause_end])))
        found.append(
            ("sentence_end", trim_span(doc[parse.start : _before_new_clause(doc, span.end, sentence.end)]))
        )
    elif span.end <= cue.i:
        found.append(("sentence_start", trim_span(doc[sentence.start : span.end])))
    return [(name, without_link(trim_span(without_writers_tail(extent)))) for name, extent in found]


def _before_new_clause(doc: Doc, start: int, end: int) -> int:
    """Where a stretch of text ends before a coordinated clause with a subject of its own
    ("…, and the council agreed to review it" is the writer's, not the speaker's) or a second
    speech verb (", adding that…" has content of its own)."""
    for token in doc[start:end]:
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        new_clause = token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and own_subject
        if new_clause or coordinated_speech(token):
            return cut_before(doc, start, token)
    return end


@dataclass(frozen=True, slots=True)
class CueView:
    """The features of a cue token itself, computed once for all its matches."""

    features: list[str]
    subject_kind: str


def view_of(cue: Token) -> CueView:
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    kind = _subject_kind(subject)
    sentence = cue.sent
    before = cue.doc[sentence.start : cue.i].text
    found = [
        f"tag={cue.tag_}",
        f"dep={cue.dep_}",
        f"subject={kind}",
        f"question={sentence.text.rstrip().endswith('?')}",
        f"first_sentence={sentence.start == 0}",
        f"negated={any(c.dep_ == 'neg' for c in cue.children)}",
        f"modal={any(c.dep_ == 'aux' and c.tag_ == 'MD' for c in cue.children)}",
        # an odd number of quotation marks before the cue in its sentence: it is in someone's words
        f"cue_quoted={sum(before.count(mark) for mark in _MARKS) % 2 == 1}",
    ]
    return CueView(found, kind)


def features(cue: Token, match: Match, view: CueView | None = None) -> list[str]:
    """Sparse binary features of one rule match (names are stable: they key the weights); pass
    the cue's ``view_of`` when scoring several matches of one cue."""
    rule, content = match.rule, match.content
    view = view or view_of(cue)
    text = content.text
    found = [
        *view.features,
        f"rule={rule.lemma}|{rule.relation}",
        f"lemma={rule.lemma}",
        f"relation={rule.relation}",
        f"precision={min(9, int(rule.precision * 10))}",
        f"length={_bucket(len(content))}",
        f"content_root={content.root.pos_}",
        f"quoted={any(mark in text for mark in _MARKS)}",
        f"relation|subject={rule.relation}|{view.subject_kind}",
        f"lemma|subject={rule.lemma}|{view.subject_kind}",
        f"lemma|tag={rule.lemma}|{cue.tag_}",
        f"content_first={_opening(content)}",
        f"content_clause={_has_clause(content)}",
    ]
    following = _following(content)
    for extent in match.extents:
        found += [
            f"extent={extent}",
            f"extent|relation={extent}|{rule.relation}",
            f"extent|after={extent}|{following}",
        ]
    return found


def choose(model: CueModel, cue: Token, matches: list[Match]) -> tuple[Match, float]:
    """The reading of a cue to keep, and the probability that the cue attributes anything at all
    (its most probable reading's). The ranker picks the reading: the probability model mixes
    "is this an attribution" with "is this its extent", and reads each reading alone."""
    view = view_of(cue)
    base = [features(cue, match, view) for match in matches]
    probabilities = [model.probability(row) for row in base]
    best = max(range(len(matches)), key=probabilities.__getitem__)
    if model.extent_weights and len(matches) > 1:
        rows = [row + extra for row, extra in zip(base, comparisons(matches), strict=True)]
        best = max(range(len(matches)), key=lambda i: model.extent_score(rows[i]))
    return matches[best], max(probabilities)


def comparisons(matches: list[Match]) -> list[list[str]]:
    """Features that set each reading of one cue against the others: its place among their
    lengths, and what it adds to the shortest reading of its own rule (a trailing "only if…"
    clause, an "instead of…" phrase, the rest of a coordination)."""
    lengths = sorted({len(match.content) for match in matches})
    shortest: dict[str, Span] = {}
    for match in matches:
        known = shortest.get(match.rule.relation)
        if known is None or len(match.content) < len(known):
            shortest[match.rule.relation] = match.content
    found = []
    for match in matches:
        rank = _length_rank(len(match.content), lengths)
        rule = match.rule
        row = [f"length_rank={rank}", f"length_rank|relation={rank}|{rule.relation}"]
        row += [f"length_rank|lemma={rank}|{rule.lemma}"]
        row += [f"extent|lemma={extent}|{rule.lemma}" for extent in match.extents]
        row += [f"extent|length_rank={extent}|{rank}" for extent in match.extents]
        adds = _additions(match.content, shortest[rule.relation])
        adds += [f"{a}|{rule.relation}" for a in adds if a.startswith(_BY_RELATION) and a != "adds=nothing"]
        found.append(row + adds + _shape(match.content))
    return found


def _shape(content: Span) -> list[str]:
    """Whether a reading closes the quotation marks it opens, and what it leaves of its sentence:
    nothing, or a rest that opens with a mark, a word, a relation, a clause of its own."""
    doc = content.doc
    marks = [t.text for t in content if t.text in _MARKS]
    balanced = marks.count('"') % 2 == 0 and marks.count("“") == marks.count("”")
    end = content.sent.end
    while end > content.end and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    rest = doc[content.end : end]
    found = [f"balanced={balanced}", f"to_end={len(rest) == 0}"]
    if len(rest) > 0:
        first = next((t for t in rest if not t.is_punct), rest[0])
        own_clause = any(t.dep_ in ("nsubj", "nsubjpass") for t in rest)
        found += [f"leaves_mark={_mark(rest[0])}", f"leaves_first={_word_class(first)}"]
        found += [f"leaves_dep={first.dep_}", f"leaves_subject={own_clause}"]
    return found


def _word_class(token: Token) -> str:
    """A function word as itself, any other word as its part of speech."""
    return token.lower_ if token.pos_ in _FUNCTION_POS else token.pos_


def _length_rank(length: int, lengths: list[int]) -> str:
    if len(lengths) == 1:
        return "only"
    return "shortest" if length == lengths[0] else "longest" if length == lengths[-1] else "middle"


def _additions(content: Span, shortest: Span) -> list[str]:
    """What a reading holds beyond the shortest reading of its rule: the relations of the phrases
    it adds, the word that opens them, the mark before them, and how many words they run to."""
    added = [i for i in range(content.start, content.end) if not shortest.start <= i < shortest.end]
    if not added:
        return ["adds=nothing"]
    doc, inside = content.doc, set(added)
    found = {f"adds_length={min(4, len(added) // 5)}", f"adds_mark={_mark(doc[added[0]])}"}
    heads = [doc[i] for i in added if doc[i].head.i not in inside and not doc[i].is_punct]
    found |= {f"adds={head.dep_}" for head in heads} | {f"adds={head.dep_}|{head.tag_}" for head in heads}
    first = next((doc[i] for i in added if not doc[i].is_punct), None)
    if first is not None:
        opening = _word_class(first)
        found |= {f"adds_first={opening}", f"adds_mark_first={_mark(doc[added[0]])}|{opening}"}
    return sorted(found)


def _mark(token: Token) -> str:
    return token.text if token.is_punct else "none"


def _following(content: Span) -> str:
    """What comes right after a content: its sentence's end, a comma, a conjunction, a word."""
    doc = content.doc
    if content.end >= len(doc) or doc[content.end].is_sent_start:
        return "end"
    word = doc[content.end]
    if word.is_punct:
        return word.text if word.text in (",", ".", ":", ";", "(") else "mark"
    return word.lower_ if word.pos_ in ("CCONJ", "SCONJ", "PRON", "ADP") else word.pos_


def _opening(content: Span) -> str:
    """The word a content opens with when it is a complementiser ("that", "whether"), else its POS."""
    first = content[0]
    return first.lower_ if first.lower_ in _OPENERS else first.pos_


def _has_clause(content: Span) -> bool:
    """A subject inside the content whose verb is inside it too: a clause, not a bare phrase."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and content.start <= t.head.i < content.end for t in content)


def _subject_kind(subject: Token | None) -> str:
    if subject is None:
        return "none"
    if subject.lower_ in _PERSONAL:
        return f"pron:{subject.lower_}"
    if subject.ent_type_:
        return f"ent:{subject.ent_type_}"
    return f"pos:{subject.pos_}"


def _bucket(length: int) -> str:
    for limit in (2, 5, 10, 20, 40):
        if length <= limit:
            return f"<={limit}"
    return ">40"
