"""Light, rule-based coreference for people who act or speak: "he", "she", "his", "her".

No model: the antecedent of a personal pronoun is a person mentioned, by name
or by a pronoun already resolved, in the same or the three previous sentences
of the writer's own (sentences quoted whole do not count), of a compatible
gender, preferring the subject of a sentence, then a name whose gender is known,
then the nearest mention. Gender comes from what the text says (Mr, Ms, "a
spokeswoman", "she said"), from the gazetteer, or from first names.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.analysis.quotemarks import inside

PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
_RESOLVED_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "pobj", "dative", "iobj", "agent", "appos"})
_WINDOW_SENTENCES = 3
HONORIFICS = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m",
    "ms": "f", "mrs": "f", "miss": "f", "madam": "f", "lady": "f", "dame": "f",
}  # fmt: skip
_GENDERED_NOUNS = {
    "spokeswoman": "f", "chairwoman": "f", "businesswoman": "f", "congresswoman": "f", "woman": "f",
    "mother": "f", "wife": "f", "daughter": "f", "actress": "f", "queen": "f", "grandmother": "f",
    "spokesman": "m", "chairman": "m", "businessman": "m", "congressman": "m", "man": "m",
    "father": "m", "husband": "m", "son": "m", "king": "m", "grandfather": "m",
}  # fmt: skip


@dataclass(slots=True)
class PersonMention:
    """A mention of a resolved person, as coreference sees it."""

    start: int
    end: int
    actor_id: str
    is_subject: bool


def gender_from_context(doc: Doc, start: int, end: int) -> str | None:
    """Gender the text gives a name: an honorific before it or a gendered noun beside it."""
    if start > 0:
        before = doc[start - 1].lower_.rstrip(".")
        if before in HONORIFICS:
            return HONORIFICS[before]
    root = doc[start:end].root
    for token in (*root.children, root.head):
        if token.dep_ == "appos" or root.dep_ == "appos":
            for word in (token, *token.children):
                if word.lower_ in _GENDERED_NOUNS:
                    return _GENDERED_NOUNS[word.lower_]
    return None


def is_subject(doc: Doc, start: int, end: int) -> bool:
    return doc[start:end].root.dep_ in ("nsubj", "nsubjpass")


def resolvable_pronouns(doc: Doc) -> list[Token]:
    """Personal pronouns in positions where a person acts, speaks or is acted on."""
    return [
        token
        for token in doc
        if token.lower_ in PRONOUN_GENDER and token.pos_ == "PRON" and token.dep_ in _RESOLVED_DEPS
    ]


def person_pronouns(
    doc: Doc, people: list[PersonMention], genders: dict[str, str | None], quotes: list[tuple[int, int]]
) -> Iterator[tuple[Token, str]]:
    """Each pronoun outside the quotations with the actor it refers to. Inside a quotation "he" is
    whoever the speaker talks about, and a person named there is not who "he said" after it means."""
    people = sorted(
        (m for m in people if not inside(quotes, doc[m.start].idx, doc[m.end - 1].idx + 1)),
        key=lambda m: m.start,
    )
    # a speech quoted at length does not move its speaker out of the window: only the writer's
    # own sentences count
    narrated = [sent.start for sent in doc.sents if not _all_quoted(sent, quotes)]
    for pronoun in resolvable_pronouns(doc):
        if inside(quotes, pronoun.idx, pronoun.idx + len(pronoun)):
            continue
        actor_id = antecedent(pronoun, people, genders, narrated)
        if actor_id is not None:
            yield pronoun, actor_id
            # "she said" tells a nameless or foreign name's gender: "he" two lines on is someone else
            genders[actor_id] = genders.get(actor_id) or PRONOUN_GENDER[pronoun.lower_]
            # a chain of "he said" carries its person past the window from the name
            subject = is_subject(doc, pronoun.i, pronoun.i + 1)
            bisect.insort(people, PersonMention(pronoun.i, pronoun.i + 1, actor_id, subject), key=_start)


def _all_quoted(sent: Span, quotes: list[tuple[int, int]]) -> bool:
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    return bool(words) and inside(quotes, words[0].idx, words[-1].idx + len(words[-1]))


def _start(mention: PersonMention) -> int:
    return mention.start


def antecedent(
    pronoun: Token,
    people: list[PersonMention],
    genders: dict[str, str | None],
    sentence_starts: list[int] | None = None,
) -> str | None:
    """The actor id a pronoun most likely refers to, or None if no person fits. The window counts
    the sentences in ``sentence_starts`` (default: all of them)."""
    wanted = PRONOUN_GENDER[pronoun.lower_]
    if sentence_starts is None:
        sentence_starts = [sent.start for sent in pronoun.doc.sents]
    here = _sentence_index(sentence_starts, pronoun.i)
    best: tuple[tuple[int, int, int, int], str] | None = None
    for mention in people:
        if mention.start >= pronoun.i:
            break
        distance = here - _sentence_index(sentence_starts, mention.start)
        if distance > _WINDOW_SENTENCES or genders.get(mention.actor_id) not in (None, wanted):
            continue
        if distance == 0 and _same_clause_object(pronoun, mention):
            continue  # "Putin thanked him": not himself
        known = genders.get(mention.actor_id) == wanted
        key = (-distance, int(mention.is_subject), int(known), mention.start)
        if best is None or key > best[0]:
            best = (key, mention.actor_id)
    return best[1] if best else None


def _sentence_index(starts: list[int], token_index: int) -> int:
    index = 0
    for number, start in enumerate(starts):
        if start <= token_index:
            index = number
    return index


def _same_clause_object(pronoun: Token, mention: PersonMention) -> bool:
    """A non-reflexive object pronoun cannot refer to the subject of its own verb, nor to anyone
    the subject names beside it ("Macron and von der Leyen pressed him"); an owner named inside
    the subject can ("Putin's spokesman defended him")."""
    if pronoun.dep_ not in ("dobj", "dative", "iobj", "pobj"):
        return False
    verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
    if mention.start > verb.i:
        return False
    token = pronoun.doc[mention.start : mention.end].root
    # climb the names and conjuncts the subject is made of (the parse may hang one name on another)
    while token.dep_ in ("conj", "appos", "compound", "nmod") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and token.head == verb


# Verbs whose "it" is usually a dummy subject ("it is clear that", "it seems", "it takes years").
_DUMMY_SUBJECT_HEADS = frozenset("be seem appear remain take matter happen look sound become".split())


def acting_it(doc: Doc) -> list[Token]:
    """ "It" as the subject of a full verb ("It condemns the invasion"), or "its" owning that
    subject ("Its parliament declared…"): the pronouns a state or an organisation is named by
    after its name."""
    found = []
    for token in doc:
        word = token.lower_
        if (word == "it" and _acting_it(token)) or (word == "its" and _owns_subject(token)):
            found.append(token)
    return found


def _acting_it(token: Token) -> bool:
    verb = token.head
    return token.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() not in _DUMMY_SUBJECT_HEADS


def _owns_subject(token: Token) -> bool:
    """ "Its parliament declared…", not "its European Community partners", who are the EC."""
    subject = token.head
    if token.dep_ != "poss" or subject.dep_ not in ("nsubj", "nsubjpass") or subject.head.pos_ != "VERB":
        return False
    return not any(c.dep_ in ("compound", "amod") and c.ent_type_ for c in subject.children)


def body_antecedent(pronoun: Token, bodies: dict[int, str]) -> str | None:
    """The state or organisation "it" refers to: the nearest subject before it, in its sentence or
    the one before, when that subject is one (``bodies``: token index -> actor id). The nearest
    subject decides: after "The deal was signed." an "it" is the deal, not a state named before."""
    sentence = pronoun.sent
    start = pronoun.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    subjects = [t for t in pronoun.doc[start : pronoun.i] if t.dep_ in ("nsubj", "nsubjpass")]
    # a subject inside a clause another verb reports or frames ("…, arguing that his appointment
    # was never approved. It has called…") is passed over, unless the pronoun is in that clause too
    main = [t for t in subjects if not _reported_clause(t.head) or _within(pronoun, t.head)]
    nearest = main[-1] if main else subjects[-1] if subjects else None
    return bodies.get(nearest.i) if nearest is not None else None


def _within(token: Token, verb: Token) -> bool:
    return verb.left_edge.i <= token.i <= verb.right_edge.i


def _reported_clause(verb: Token) -> bool:
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ in ("ccomp", "csubj", "relcl", "acl", "advcl", "xcomp")
