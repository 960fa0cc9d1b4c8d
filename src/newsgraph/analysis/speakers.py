"""Who holds a cue: the speaker of a quote, from the parse and the actors stage.

The cue's subject (or passive agent, or a noun cue's possessor), climbing from a second verb to
the first ("…, adding that"), from a relative clause to the noun it describes, from an adjective
to the copula's subject; resolved to an actor through the mentions the actors stage found, a
name in apposition ("the EU's foreign policy chief, Josep Borrell"), or an earlier mention with
the same head noun ("the embassy"). Subjects a claim is about rather than by ("Dodik is expected
to…", "the deal was announced") are no speakers.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.analysis.cues import is_speech_verb
from newsgraph.records import Analysis, Quote

SUBJECT_DEPS = ("nsubj", "nsubjpass")
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "acl"})
_RELATIVE = frozenset({"which", "that", "who"})
_TOPIC_PREPOSITIONS = frozenset({"on", "about", "over", "against", "into", "regarding", "concerning"})
# nouns whose owner or modifier names the other side of a relation: "Serbia's allies",
# "one Ukrainian neighbour", "Russia's partners" are not Serbia, Ukraine or Russia
RELATIONAL_NOUNS = frozenset(
    """neighbour neighbor ally partner enemy foe rival adversary opponent critic creditor""".split()
)
_NOT_SPEAKERS = frozenset({"there", "that", "which", "what"})
_SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_RAISING = frozenset(
    "expect say believe think report consider know rumour rumor allege suppose understand see estimate "
    "presume assume claim reckon fear".split()
)


# "X has drawn criticism (or praise) from Y": Y speaks
_RECEIVING = frozenset({"draw", "receive", "face", "attract", "earn", "meet"})
_JUDGEMENTS = frozenset("criticism condemnation praise rebuke backlash fire ire protest".split())
# "“…” ― Dragan Ilić": a quotation signed, after a dash, with a name that ends its line (a
# comma, bracket or full stop may follow it: "― Ana Lopez, 34, Phoenix")
_SIGNATURE = re.compile(
    r"[”\"’»]*[^\S\n]*([―—–]|(?<= )-(?= ))[^\S\n]*([A-Z][^\n,;(]{1,60}?)[^\S\n.]*(?:[,;(][^\n]*)?$", re.M
)
_SIGNATURE_WORDS = 5
_LINE_OPENING = ' \t\u00a0“”"«»„‘'  # what may come before a signed quotation's words on its line


@dataclass(slots=True)
class Speaker:
    text: str | None
    actor_id: str | None
    start: int | None = None  # character offsets of the speaker mention
    end: int | None = None


class ActorIndex:
    """Token → actor id, from the mentions the actors stage resolved."""

    def __init__(self, doc: Doc, analysis: Analysis) -> None:
        self.doc = doc
        self.by_token: dict[int, str] = {}
        self.heads: dict[str, list[tuple[int, str]]] = {}  # head noun -> [(token, actor id)]
        self.kinds = {actor.id: actor.kind for actor in analysis.actors}
        for actor in analysis.actors:
            for mention in actor.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    self.by_token.setdefault(token.i, actor.id)
                self.heads.setdefault(span.root.lemma_.lower(), []).append((span.root.i, actor.id))

    def speaker_for(self, span: Span) -> Speaker:
        """The actor a subject span names: its head's mention, else any mention in its name part."""
        name = name_part(span)
        actor_id = self._owned_person(name) or self.by_token.get(name.root.i)
        if actor_id is None:
            actor_id = self.in_apposition(name.root)
        if actor_id is None:
            actor_id = self._named_inside(name)
        if actor_id is None and name.root.pos_ == "NOUN":
            actor_id = self._earlier_same_head(name.root)  # "the embassy" -> the Russian embassy
        text = name.text.rstrip()  # a subtree can end on the line break after "said E."
        return Speaker(text, actor_id, name.start_char, name.start_char + len(text))

    def _owned_person(self, name: Span) -> str | None:
        """ "University of Alberta's Olav Rueppell": the person the organisation's "'s" owns."""
        last = self.by_token.get(name[-1].i)
        owned = any(t.tag_ == "POS" for t in name[:-1])
        return last if owned and last is not None and self.kinds.get(last) == "person" else None

    def _named_inside(self, name: Span) -> str | None:
        """The actor a speaker's phrase names inside it: the person whose name ends it ("chair of
        the Foreign Affairs Committee Alicia Kearns"), else the first actor, not one it is about
        ("the key line on the Ukraine conflict") nor the other side of a relation ("one Ukrainian
        neighbour", "Serbia's allies", "a U.S. ally"; "NATO allies" are NATO's)."""
        others = name.root.lemma_.lower() in RELATIONAL_NOUNS
        named = [
            self.by_token[t.i]
            for t in name
            if t.i in self.by_token
            and not (
                others and (t.dep_ in ("poss", "amod") or self.kinds.get(self.by_token[t.i]) == "country")
            )
            and not _about(t, name.root)
        ]
        last = self.by_token.get(name[-1].i)
        if last is not None and self.kinds.get(last) == "person" and last in named:
            return last
        return named[0] if named else None

    def in_apposition(self, head: Token, kinds: tuple[str, ...] | None = None) -> str | None:
        """The actor a noun names in apposition ("the EU's foreign policy chief, Josep Borrell"),
        of one of ``kinds`` if given."""
        named = (self.by_token.get(c.i) for c in head.children if c.dep_ == "appos")
        return next((a for a in named if a is not None and (kinds is None or self.kinds[a] in kinds)), None)

    def _earlier_same_head(self, head: Token) -> str | None:
        earlier = [actor for index, actor in self.heads.get(head.lemma_.lower(), ()) if index < head.i]
        return earlier[-1] if earlier else None


def _about(token: Token, root: Token) -> bool:
    """The token is inside a phrase that says what the speaker's phrase is about ("on", "over")."""
    while token.i != root.i and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ in _TOPIC_PREPOSITIONS:
            return True
        token = token.head
    return False


def plural_speaker(doc: Doc, quote: Quote) -> bool:
    """The quote's speaker is named in the plural ("officials said they…")."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return False
    name = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    return name is not None and (name.root.tag_ in ("NNS", "NNPS") or any(t.dep_ == "conj" for t in name))


def speaker_is_topic(speaker: Speaker, content: Span, cue: Token) -> bool:
    """A subject inside the content of a cue that is no speech verb ("Manafort seemed to be…",
    "the ruling was welcomed") or of a passive one ("the deal was announced") is what the content
    is about, not its source; an active speech verb's or a relative clause's is ("which critics
    said was…")."""
    if speaker.start is None or speaker.end is None:
        return False
    if is_speech_verb(cue) and not _passive(cue):
        return False  # but "the deal was announced" is no announcement by the deal
    return cue.dep_ != "relcl" and speaker.start < content.end_char and content.start_char < speaker.end


def speaker_of(cue: Token, actors: ActorIndex) -> Speaker | None:
    """The cue's subject; for "…, adding that" or "by accusing him of" the subject of the clause
    it hangs from; for "a poll, which showed" the noun the relative clause describes; for "raised
    concerns" whoever raised them; for a speech verb the parse left without any, the name
    before it."""
    critic = _critic(cue)
    if critic is not None:
        return actors.speaker_for(_phrase(critic))  # "…has drawn criticism from EU officials"
    subject, verb = subject_of(cue), cue
    if subject is None and cue.pos_ == "ADJ":
        verb = cue.head  # "the senators are hopeful that…": the copula's subject holds the hope
        subject = subject_of(verb)
    owner = _named_owner(cue, actors) if subject is None and cue.pos_ == "NOUN" else None
    if owner is not None:
        return actors.speaker_for(cue.doc[owner.i : owner.i + 1])  # "the European promise": Europe's
    if subject is None and cue.pos_ == "NOUN" and cue.dep_ == "dobj":
        verb = cue.head  # "the Commission raised concerns about…": who raised them holds them
        subject = subject_of(verb)
    named = name_right_before(cue) if subject is None and is_speech_verb(cue) else None
    if named is not None:
        return actors.speaker_for(named)  # "…,” Tulsa police Chief Chuck Jordan said": the parse lost him
    if _passive(cue) and cue.pos_ == "VERB" and cue.lemma_.lower() in ADDRESSING:
        # "Serbs do not need to be told what…": whoever is told is no speaker, only a "by" agent
        agent = _agent(cue)
        return actors.speaker_for(_phrase(agent)) if agent is not None else None
    while subject is None and verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
        if verb.dep_ == "acl" and is_speech_verb(verb) and verb.head.pos_ == "NOUN":
            # "The EU's foreign policy chief, Josep Borrell, called for…" parsed as a noun phrase
            # with "called" hanging on "chief": the noun is the speaker, not its possessor. A
            # passive participle on a noun in a clause of its own names what is called
            # ("elections called to fill…"), not who calls
            passive = verb.tag_ == "VBN" and verb.head.dep_ != "ROOT"
            subject = None if passive else verb.head
            break
        verb = verb.head.head if verb.dep_ == "pcomp" else verb.head
        subject = subject_of(verb)
    second_speech = cue.dep_ in ("conj", "advcl") and is_speech_verb(cue)
    if verb.i != cue.i and second_speech and _inside_speech(verb):
        # "denied that the army had crossed the line and insisted that…", "said that…, noting
        # that…": the parse hangs the second speech verb on the reported clause; it is the
        # first speaker's
        subject = subject_of(verb.head) or subject
    if subject is None and is_speech_verb(cue):
        name = _name_before_aside(cue)
        return actors.speaker_for(name) if name is not None else None
    if subject is None:
        return None
    if subject.lower_ in _RELATIVE and cue.dep_ == "relcl":
        # "Kurti, who said…": the speaker is named by "who"; the actor is the noun it refers to
        noun = actors.speaker_for(cue.doc[cue.head.left_edge.i : cue.head.i + 1])
        if subject.lower_ != "who":
            return noun  # "a statement that said…": the statement speaks, not "that"
        return Speaker(subject.text, noun.actor_id, subject.idx, subject.idx + len(subject.text))
    if subject.lower_ in _NOT_SPEAKERS:
        return None
    phrase = _phrase(subject)
    if phrase.start <= cue.i < phrase.end:  # "a report in The Sun saying…": the cue is not the speaker
        phrase = cue.doc[phrase.start : max(subject.i + 1, cue.left_edge.i)]
    return actors.speaker_for(phrase)


# verbs whose passive subject is the one addressed, not the speaker ("was told", "when asked")
ADDRESSING = frozenset(
    """tell ask question inform warn assure advise remind urge brief promise request invite order
    press summon""".split()
)


def signed_by(text: str, doc: Doc, region: tuple[int, int], actors: ActorIndex) -> tuple[Speaker, str] | None:
    """The speaker who signs a quotation (``region``: inside its marks) that opens its line, and
    the dash that signs it; None when no name follows a dash after it ("…called it “a disgrace”
    — Kurti, Osmani and Hoxha agreed" is the writer's sentence going on)."""
    start, closing = region
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(_LINE_OPENING):
        return None
    found = _SIGNATURE.match(text, closing)
    if found is None:
        return None
    name = doc.char_span(found.start(2), found.end(2), alignment_mode="expand")
    words = [t for t in name or () if not (t.is_punct or t.is_space)]
    if not words or len(words) > _SIGNATURE_WORDS or not all(t.text[:1].isupper() for t in words):
        return None
    return actors.speaker_for(name), found.group(1)


def _agent(verb: Token) -> Token | None:
    """The object of a passive verb's "by" ("was rejected by the court")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _critic(cue: Token) -> Token | None:
    """Who criticises when a subject "drew criticism from" them: the object of "from"."""
    if cue.lemma_.lower() not in _RECEIVING:
        return None
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.lemma_.lower() in _JUDGEMENTS]
    holders = [cue, *objects] if objects else []
    froms = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from"]
    return next((g for c in froms for g in c.children if g.dep_ == "pobj"), None)


def _phrase(head: Token) -> Span:
    return head.doc[head.left_edge.i : head.right_edge.i + 1]


def _named_owner(noun: Token, actors: ActorIndex) -> Token | None:
    """An actor named by an adjective or a name before a noun cue ("Russian claims", "US warnings")."""
    return next((c for c in noun.lefts if c.dep_ in ("amod", "compound") and c.i in actors.by_token), None)


def _inside_speech(verb: Token) -> bool:
    """A verb that is no speech verb, heading the reported clause of one."""
    return verb.dep_ == "ccomp" and is_speech_verb(verb.head) and not is_speech_verb(verb)


def name_right_before(cue: Token) -> Span | None:
    """A person or organisation named right before a speech verb that has no subject of its own
    ("Chuck Jordan said", "footage of Hillary Clinton asking"); before a participle only a person
    ("documents signed at a ceremony in the Kremlin claiming…" are no Kremlin's words)."""
    if cue.i <= cue.sent.start:
        return None
    finite = cue.tag_ in ("VBD", "VBZ", "VBP")
    return _entity_at(cue.doc, cue.i - 1, ("PERSON", "ORG") if finite else ("PERSON",))


def _name_before_aside(cue: Token) -> Span | None:
    """A named speaker right before the cue, or before a comma-enclosed aside that separates it
    from the cue, when the parse gave the cue no subject ("Arta Hoxha, who sells car insurance,
    said…" read with the name in apposition to the place before it)."""
    doc, start = cue.doc, cue.sent.start
    i = cue.i - 1
    if i > start and doc[i].text == ",":
        i -= 1
        while i > start and doc[i].text != ",":
            i -= 1
        i -= 1
    return _entity_at(doc, i, _SPEAKER_ENTITIES) if i >= start else None


def _entity_at(doc: Doc, i: int, types: Collection[str]) -> Span | None:
    """The named entity of one of ``types`` that token ``i`` belongs to."""
    if doc[i].ent_type_ not in types:
        return None
    return next((e for e in doc.ents if e.start <= i < e.end), None)


def subject_of(verb: Token) -> Token | None:
    """The verb's passive agent ("was rejected by the court") or subject; for a noun cue ("his
    claim", "Clinton's comments") its possessor."""
    by_whom = _agent(verb)
    if by_whom is not None:
        return by_whom
    deps = (*SUBJECT_DEPS, "poss") if verb.pos_ == "NOUN" else SUBJECT_DEPS
    if _raised(verb):
        return None  # "Dodik is expected to travel": whoever expects it is not named
    return own_subject([c for c in verb.children if c.dep_ in deps and not c.is_punct], verb)


def own_subject(subjects: list[Token], verb: Token) -> Token | None:
    """Of two subjects the parse gives one verb, the nearer before it ("whose appointment it
    refuses to accept": "it"; "KYIV—Russia struck": Russia), unless that one is a common noun
    after a name, the name's description ("Milan Radoičić, until last week the vice-president
    of Srpska Lista, admitted")."""
    before = [s for s in subjects if s.i < verb.i]
    if len(before) < 2:
        return before[0] if before else subjects[0] if subjects else None
    nearer, farther = before[-1], before[-2]
    described = nearer.pos_ == "NOUN" and farther.pos_ == "PROPN"
    return farther if described else nearer


def _raised(verb: Token) -> bool:
    """A passive belief or report verb whose subject is raised from the clause it governs
    ("is expected to", "was said to have"): the subject is what the claim is about."""
    return (
        _passive(verb) and verb.lemma_.lower() in _RAISING and any(c.dep_ == "xcomp" for c in verb.children)
    )


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _when(token: Token) -> bool:
    """A date the parse hung on a name ("Vladimir Putin on Sept. 21 accused…")."""
    objects = [c for c in token.children if c.dep_ == "pobj"] if token.dep_ == "prep" else [token]
    return any(o.ent_type_ in ("DATE", "TIME") for o in objects) and token.dep_ in ("prep", "npadvmod")


def name_part(span: Span) -> Span:
    """ "Milena Stojković, a researcher at the Lab," -> "Milena Stojković" (drop appositions and
    relative clauses: "a shop owner who asked not to be named" -> "a shop owner"); a place the
    parse hung on the name before a comma ("In Banja Luka, Nebojša Vujić") and a preposition left
    without its object ("the authorities in") and a date ("Putin on Sept. 21") are no part of it
    either."""
    start, end = span.start, span.end
    for token in span:
        aside = token.text in (",", "(", "—", "–") or token.dep_ in ("relcl", "appos") or _when(token)
        if token.i > span.root.i and aside:
            end = max(token.left_edge.i, span.root.i + 1)
            break
    start = max([start, *(t.i + 1 for t in span.doc[start : span.root.i] if t.text == ",")])
    while start < span.root.i and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1  # a closing quotation mark the parse gave the speaker: ”, Ireland's minister said
    while end - 1 > span.root.i and span.doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT"):
        end -= 1
    return span.doc[start:end] if end > start else span
