"""Which cue-rule matches really attribute something: a small logistic model over parse features.

A cue rule ("support dobj") matches far more often than it attributes: "Do you
support Trump?" is a question, not a claim. For every rule that applies to a
token, the model scores the match from features of the cue, its subject and
the content (``features``); the quotes stage keeps the best match if its
probability clears the threshold. Weights are learned by
``scripts/build_cues.py`` on PolNeAR's training split and shipped as JSON.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Span, Token

from newsgraph.analysis.cues import CueRule, content_of_rule

_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they"})
_MARKS = frozenset({"“", "”", '"', "«", "»"})
_OPENERS = frozenset({"that", "whether", "if", "to", "how", "why", "what", "for", "of", "about"})
MODEL_FILE = "cue_model.json"


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: list[str]) -> float:
        total = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


@functools.lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The shipped model, or None when the package has none (rules alone then decide)."""
    path = resources.files("newsgraph.knowledge").joinpath("data", MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return CueModel(data["weights"], data["bias"], data["threshold"])


def candidates(token: Token, rules: list[CueRule]) -> list[tuple[CueRule, Span]]:
    """Every rule of the token's lemma that finds a content span, with that span."""
    found = []
    for rule in rules:
        span = content_of_rule(token, rule.relation)
        if span is not None and len(span) > 0:
            found.append((rule, span))
    return found


def features(cue: Token, rule: CueRule, content: Span) -> list[str]:
    """Sparse binary features of one rule match (names are stable: they key the weights)."""
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    sentence = cue.sent
    found = [
        f"rule={rule.lemma}|{rule.relation}",
        f"lemma={rule.lemma}",
        f"relation={rule.relation}",
        f"precision={min(9, int(rule.precision * 10))}",
        f"tag={cue.tag_}",
        f"dep={cue.dep_}",
        f"subject={_subject_kind(subject)}",
        f"length={_bucket(len(content))}",
        f"content_root={content.root.pos_}",
        f"question={sentence.text.rstrip().endswith('?')}",
        f"first_sentence={sentence.start == 0}",
        f"negated={any(c.dep_ == 'neg' for c in cue.children)}",
        f"quoted={any(t.text in _MARKS for t in content)}",
    ]
    kind = _subject_kind(subject)
    found += [
        f"relation|subject={rule.relation}|{kind}",
        f"lemma|subject={rule.lemma}|{kind}",
        f"lemma|tag={rule.lemma}|{cue.tag_}",
        f"content_first={_opening(content)}",
        f"modal={any(c.dep_ == 'aux' and c.tag_ == 'MD' for c in cue.children)}",
        f"content_clause={_has_clause(content)}",
        f"cue_quoted={_inside_quotation(cue)}",
    ]
    return found


def _opening(content: Span) -> str:
    """The word a content opens with when it is a complementiser ("that", "whether"), else its POS."""
    first = content[0]
    return first.lower_ if first.lower_ in _OPENERS else first.pos_


def _has_clause(content: Span) -> bool:
    """A subject inside the content whose verb is inside it too: a clause, not a bare phrase."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and content.start <= t.head.i < content.end for t in content)


def _inside_quotation(cue: Token) -> bool:
    """An odd number of quotation marks before the cue in its sentence: the cue is in someone's words."""
    sentence = cue.sent
    return sum(t.text in _MARKS for t in cue.doc[sentence.start : cue.i]) % 2 == 1


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
