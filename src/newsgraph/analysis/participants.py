"""Whether a dictionary verb is an event with the participants it has here, and of what type.

A verb's entry says what it usually codes; its object and subject decide whether it codes that
here: "lifted the curfew" is a concession, "sent police units" a mobilisation, "sent a signal",
"left the room", "released an interview" or "RTX rallied 4%" nothing at all.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.analysis.event_grammar import (
    HOMELANDS,
    MILITARY_UNITS,
    POLICE_UNITS,
    Entry,
    xcomp_chain,
)
from newsgraph.analysis.speakers import RELATIONAL_NOUNS
from newsgraph.knowledge.gazetteer import Gazetteer

# What a person's name before it makes the person's: "the Trump campaign".
_CAMPS = frozenset({"campaign", "camp", "team", "family", "circle"})
# What is given up in a concession: lifting or accepting it.
CONCESSION_OBJECTS = frozenset(
    """demand condition term ultimatum curfew emergency ban restriction embargo sanction
    lockdown""".split()
)
# What is sent, given or shared without any aid or cooperation passing between actors.
NOT_GIVEN = frozenset(
    """signal message impression border frontier boundary tie history language culture value figure
    detail number estimate date timetable interview speech answer explanation account memo letter
    note email invitation notice reply statement comment remark assessment briefing testimony
    advantage edge opportunity chance presentation overview update insight information
    lecture talk""".split()
)
# What a party can withdraw from by leaving it, besides a named actor or place.
LEFT_BEHIND = frozenset(
    """talk negotiation coalition government alliance agreement deal treaty accord pact union bloc
    mission organisation organization country territory region city town base post office
    parliament institution process body court council assembly zone area position""".split()
)


def _leaves_a_party(verb: Token, objects: set[str]) -> bool:
    """ "left Kherson", "left the coalition": a named place or actor, or a body one belongs to."""
    named = any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in verb.children)
    return named or bool(objects & LEFT_BEHIND)


# Who can be recalled in a sanction, and what travels without visiting anyone.
RECALLED = frozenset(
    "ambassador envoy diplomat consul representative staff mission troop soldier force".split()
)
VEHICLES = frozenset(
    "aircraft plane jet drone helicopter airliner bomber fighter ship warship airline carrier".split()
)
RELEASED = frozenset(
    """prisoner hostage detainee captive soldier fighter activist journalist crew sailor civilian
    inmate opponent dissident""".split()
)
# what is fought without anyone being attacked: "fight climate change", "combat inflation"
PROBLEMS = frozenset(
    """climate change warming inflation corruption poverty hunger disease pandemic virus covid
    cancer crime fire wildfire drought flood disinformation misinformation racism extremism
    terrorism emission pollution recession unemployment""".split()
)
DISTANCES = frozenset("mile kilometre kilometer km hour".split())
MILESTONES = frozenset("record high low level peak mark target ceiling threshold".split())
MARKETS = frozenset("stock share price market index currency bond dollar euro rouble ruble".split())
# Things that arrive without visiting anyone.
GOODS = frozenset(
    """system missile weapon shipment delivery equipment tank munition ammunition consignment cargo
    package battery launcher""".split()
)
# Who is received on a visit, besides names and office titles.
GUESTS = frozenset(
    """delegation guest visitor counterpart envoy official leader head team mission president
    minister premier chancellor king queen ambassador secretary commander chief pope""".split()
)
# What is imposed as a penalty or restriction even when the text does not say on whom.
PENALTIES = frozenset(
    """sanction measure restriction tariff duty fine penalty ban embargo curfew blockade freeze
    limit quota levy""".split()
)
# What a party meets by fulfilling it, not by meeting anyone.
REQUIREMENTS = frozenset(
    """condition requirement criterion criteria standard target deadline expectation goal obligation
    benchmark""".split()
)


def by_object(verb: Token, entry: Entry) -> Entry | None:
    """Some verbs change type with their object: accepting demands or lifting a curfew, a state
    of emergency or sanctions is a concession (lifting a blockade stays a military retreat), and
    sending troops or police a mobilisation. Some are events only with the right participants
    (``_no_event``)."""
    objects = _object_words(verb)
    lemma = verb.lemma_.lower()
    if objects & CONCESSION_OBJECTS and lemma in ("accept", "lift", "ease", "end", "relax"):
        return Entry("CONCEDE", None, entry.targets, False)
    if lemma in ("send", "dispatch") and objects & (MILITARY_UNITS | POLICE_UNITS):
        # "sent special police units to the crossings": a show of force, not aid
        return Entry("MOBILIZE", "police" if objects & POLICE_UNITS else "troops", entry.targets, False)
    return None if _no_event(verb, lemma, entry, objects) else entry


def _object_words(verb: Token) -> set[str]:
    """The lemmas that say what a verb acts on: its objects, their compounds and "of" complements
    ("a state of emergency", "martial law restrictions")."""
    objects = set()
    for obj in (o for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for o in (c, *c.conjuncts)):
        named = [obj, *(g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)]
        objects.update(t.lemma_.lower() for t in named)
        objects.update(c.lemma_.lower() for c in obj.children if c.dep_ == "compound")
    return objects


def _no_event(verb: Token, lemma: str, entry: Entry, objects: set[str]) -> bool:
    """Words of the dictionary that code nothing with these participants: recalling a bombing is a
    memory, sending a signal or sharing a border passes nothing, leaving a room withdraws from
    nothing, a visit is made by people, an interview released frees no one, a record hit or a
    market rallying is no attack or protest."""
    if objects & NOT_GIVEN and lemma in ("send", "give", "share", "provide"):
        return True  # "sends the wrong signal", "shares a border with Russia"
    if lemma == "send" and any(c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VBG" for c in verb.children):
        return True  # "sent inflation soaring": a cause, not a delivery
    if entry.type == "ASSAULT" and any(
        c.dep_ == "dobj" and c.lower_.endswith(("self", "selves")) for c in verb.children
    ):
        return True  # "shot itself in the foot"
    if lemma == "share" and not _shared_with(verb):
        return True  # "shared a post", "shared a dataset": nothing shared with anyone
    if lemma in ("fight", "combat", "battle", "tackle") and objects & PROBLEMS:
        return True  # "fight climate change": a policy, not an assault
    if lemma == "capture" and _recorded(verb):
        return True  # "captured on video by a CBC journalist"
    if lemma == "recall" and not objects & RECALLED:
        return True
    if lemma == "leave" and not _leaves_a_party(verb, objects):
        return True  # "left the room", "left the door open"
    if entry.mode == "visit" and not _visit_by_people(verb):
        return True
    if lemma == "impose" and not objects & PENALTIES and not _imposed_on_someone(verb):
        return True  # "imposed changes to the election law" punishes no one
    if lemma == "meet" and objects & REQUIREMENTS:
        return True  # "once it met the conditions" meets nobody
    if lemma == "give" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return True  # "gave up neutrality" gives nothing to anyone
    if lemma == "release" and objects and not objects & RELEASED and not _acts_on_a_party(verb):
        return True  # "released a two-hour interview"
    if lemma == "reinforce" and objects and not objects & (MILITARY_UNITS | POLICE_UNITS):
        return True  # "reinforce a message of centrality"
    if lemma == "demonstrate" and any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return True  # "demonstrate little ability", "demonstrated that…": showing
    if lemma in ("hit", "reach") and objects & MILESTONES:
        return True  # "LNG exports hit a record"
    if lemma == "rally" and _market_move(verb):
        return True  # "RTX rallied 4%", "stocks are expected to rally"
    return entry.mode == "phone" and _names_something(verb)  # "what he called an operation"


def _shared_with(verb: Token) -> bool:
    """Someone to share with: "with" on the verb or its object, or subjects sharing among
    themselves ("the two countries share…")."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    with_someone = any(c.dep_ == "prep" and c.lower_ == "with" for h in holders for c in h.children)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return with_someone or any(s.tag_ in ("NNS", "NNPS") or s.conjuncts for s in subjects)


def _recorded(verb: Token) -> bool:
    """Caught "on video", "on camera", "on film": recorded, not captured."""
    media = ("video", "camera", "film", "tape", "footage", "cctv")
    return any(g.lemma_.lower() in media for c in verb.children if c.dep_ == "prep" for g in c.children)


def _acts_on_a_party(verb: Token) -> bool:
    return any(c.dep_ == "dobj" and _is_party(c) for c in verb.children)


def _market_move(verb: Token) -> bool:
    """A price, a share or a stock moving, by so much."""
    subjects = [c for v in xcomp_chain(verb) for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    amounts = [
        c for c in verb.children if c.dep_ in ("dobj", "npadvmod") or (c.dep_ == "prep" and c.lower_ == "by")
    ]
    by_much = any(t.like_num or "%" in t.text or t.lower_ == "percent" for a in amounts for t in a.subtree)
    return by_much or any(s.lemma_.lower() in MARKETS for s in subjects)


def _imposed_on_someone(verb: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in verb.children)


def _visit_by_people(verb: Token) -> bool:
    """A visit is made by people and received as people: not by aircraft or airlines ("the jets
    flew to", "the carrier kept flying to"), not in flying one ("flies MiG-29 fighters"), nor in
    receiving things ("received a Pantsir system", "received ten votes")."""
    subjects = [c for v in xcomp_chain(verb) for c in v.children if c.dep_ == "nsubj"]  # "kept flying"
    # "a number of Patriot systems arrived": what the subject counts
    named = [g for s in subjects for g in (s, *_of_complements(s))]
    if any(s.lemma_.lower() in VEHICLES | GOODS for s in named):
        return False
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in VEHICLES | DISTANCES:
            return False  # "flies MiG-29 fighters", "flew 213,000 miles"
        if child.dep_ == "dobj" and verb.lemma_.lower() == "receive" and not _is_party(child):
            return False
    return True


def _of_complements(noun: Token) -> list[Token]:
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]


def _is_party(noun: Token) -> bool:
    """A name, a pronoun or a noun for people or a body: who can be received as a guest."""
    if noun.pos_ in ("PROPN", "PRON") or noun.ent_type_ in ("PERSON", "NORP", "GPE", "ORG"):
        return True
    return noun.lemma_.lower() in GUESTS


def _names_something(verb: Token) -> bool:
    """ "what he called an operation", "a move Belgrade called a provocation", "as the CCP calls
    it": the object is a name for something, the thing named is the relative clause's noun."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(c.dep_ == "oprd" for c in verb.children) or any(o.lower_ in ("what", "which") for o in objects):
        return True
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return True  # "“unrestricted warfare”, as the CCP calls it"
    return verb.dep_ == "relcl" and bool(objects)


def persons_own(noun: Token, gazetteer: Gazetteer) -> bool:
    """A noun a person's name before it makes theirs: "the Zelensky government", "the Trump
    campaign", "Biden aides"; not "the Lenin statue"."""
    lemma = noun.lemma_.lower()
    return (
        noun.pos_ != "NOUN"
        or lemma in HOMELANDS
        or lemma in _CAMPS
        or bool(gazetteer.agent_sector(noun.lower_))
    )


def only_qualifies(token: Token, kind: str | None, gazetteer: Gazetteer) -> bool:
    """An actor's name that only says which thing or whose relation a phrase is about: a person
    before a thing ("the Lenin statue"), the other side of a relation ("Serbia's allies", "one
    Ukrainian neighbour", "a U.S. ally"; "its EU partners" are the EU's members)."""
    if token.dep_ == "compound" and kind == "person" and not persons_own(token.head, gazetteer):
        return True
    related = token.head.lemma_.lower() in RELATIONAL_NOUNS
    return related and (token.dep_ in ("poss", "amod") or (token.dep_ == "compound" and kind == "country"))
