"""Titles that name a person by office: "the Serbian president", "Russia's foreign minister".

A title phrase is found from its head noun in the parse; its country comes from
a demonym, a country name or a seat among its modifiers ("the Kremlin leader")
or from an "of" phrase ("the president of Kosovo"); its role from the words.
Resolving it to the holder on the article's date happens in the actors stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.knowledge.gazetteer import Gazetteer, GazetteerActor, Office

# head lemma -> role, for heads that need no modifier to say which office
_HEAD_ROLES = {
    "president": "head_of_state",
    "premier": "head_of_government",
    "pm": "head_of_government",  # "the PM", as the British press writes it
    "chancellor": "head_of_government",
    "king": "head_of_state",
    "queen": "head_of_state",
    "emir": "head_of_state",
    "monarch": "head_of_state",
    "leader": "leader",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
    "ambassador": "ambassador",
}
# a title's role -> the offices that hold it
ROLE_OFFICES = {
    "leader": ("head_of_state", "head_of_government"),
    "diplomat": ("foreign_minister", "ambassador"),
}
# roles held by many at once: only a holder the article names is meant
NAMED_ONLY = frozenset({"minister", "diplomat", "ambassador"})
# modifier lemma (of "minister" or "secretary") -> role
_MINISTER_ROLES = {
    "prime": "head_of_government",
    "foreign": "foreign_minister",
    "defence": "defence_minister",
    "defense": "defence_minister",
    "interior": "interior_minister",
    "finance": "finance_minister",
}
_PLAIN_WORDS = frozenset({"the", *_MINISTER_ROLES})
# Words that make "president" someone else's: "Commission President", "club president".
_NOT_STATE = frozenset(
    """commission council parliament assembly bank club party court union federation company
    association committee university board vice""".split()
)


@dataclass(frozen=True, slots=True)
class Title:
    """A title phrase: token span, the office it names, and the office's country if said."""

    start: int
    end: int
    head: int  # token index of the title's head noun
    role: str
    country: str | None  # alpha-3
    plain: bool  # only "the" and office words before the head: "the (prime) minister"
    past: bool = False  # "the former secretary of state": not the holder on the article's date
    monarch: bool = False  # "the King": a head of state who reigns, no president


_MONARCHS = frozenset({"king", "queen", "monarch", "emir"})


def find_titles(doc: Doc, gazetteer: Gazetteer) -> list[Title]:
    """Every title phrase in the doc, in order."""
    titles = []
    for token in doc:
        role = title_role(token)
        if role is None or token.tag_ in ("NNS", "NNPS") or _belongs_elsewhere(token):
            continue  # "the two presidents" names two people, not one
        start, end, country = _extent_and_country(token, gazetteer)
        plain = all(t.lower_ in _PLAIN_WORDS for t in doc[start : token.i])
        past = _past(doc[min(start, max(token.i - 2, 0)) : token.i])
        monarch = token.lemma_.lower() in _MONARCHS
        titles.append(Title(start, end, token.i, role, country, plain, past, monarch))
    return titles


def title_role(token: Token) -> str | None:
    """The office a title head noun names ("minister" needs "prime", "foreign", …)."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = token.lemma_.lower()
    if lemma == "pm" and (token.text != "PM" or (token.i > 0 and token.doc[token.i - 1].like_num)):
        return None  # "at 5 PM", "pm" in a time
    if lemma in _HEAD_ROLES:
        return _HEAD_ROLES[lemma]
    if lemma in ("minister", "secretary"):
        for child in token.children:
            if child.dep_ in ("amod", "compound") and child.lower_ in _MINISTER_ROLES:
                return _MINISTER_ROLES[child.lower_]
        if lemma == "secretary" and _followed_by(token, "of state"):
            return "foreign_minister"
        if lemma == "minister" and _followed_by(token, "of state"):
            return None  # "France's Minister of State for Development": a junior rank, no office
        if lemma == "minister":
            return "minister"  # "the Russian minister added": whichever minister the article named
    if lemma == "diplomat":
        return "diplomat"  # "the Russian diplomat noted": the minister or ambassador the article named
    return None


def _past(before_head: Span) -> bool:
    """ "former", "late", "ex-": an office once held."""
    return any(t.lower_ in ("former", "late", "ex") for t in before_head)


def _belongs_elsewhere(token: Token) -> bool:
    """ "Commission President", "vice president", "party leader": not a state office."""
    return any(child.lower_ in _NOT_STATE for child in token.children if child.i < token.i)


def _extent_and_country(head: Token, gazetteer: Gazetteer) -> tuple[int, int, str | None]:
    """The phrase's tokens (determiner to head, plus "of <country>" or "of State") and the country
    named."""
    doc = head.doc
    start = head.i
    country = None
    for child in head.children:
        if child.i < head.i and child.dep_ in ("det", "amod", "compound", "poss", "nmod"):
            start = min(start, child.left_edge.i)
            country = country or _country_of(doc[child.left_edge.i : child.i + 1].text, gazetteer)
    end = head.i + 3 if _followed_by(head, "of state") else head.i + 1  # "Secretary of State"
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == head.i + 1:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                named = _country_of(doc[objects[0].left_edge.i : objects[0].i + 1].text, gazetteer)
                if named:
                    country, end = named, objects[0].i + 1
    return start, end, country


def _country_of(text: str, gazetteer: Gazetteer) -> str | None:
    """Alpha-3 of the country a modifier names: "Serbian", "Serbia's", "the Kremlin", "Kosovo"."""
    text = text.removesuffix("'s").removesuffix("’s").strip()
    for word in (text, text.removeprefix("the ").removeprefix("The ")):
        for actor in gazetteer.by_alias(word):
            if actor.kind == "country":
                return actor.country
        country = gazetteer.by_demonym(word)
        if country is not None:
            return country.country
        metonym = gazetteer.by_metonym(word)
        if metonym is not None and metonym[0].kind == "country":
            return metonym[0].country
    return None


def _followed_by(token: Token, words: str) -> bool:
    following = token.doc[token.i + 1 : token.i + 1 + len(words.split())]
    return following.text.lower() == words


def fills(office: Office, roles: tuple[str, ...]) -> bool:
    """The office is one of the roles; any ministry is a "minister"'s."""
    return office.role in roles or ("minister" in roles and office.role.endswith("minister"))


def holds(actor: GazetteerActor | None, roles: tuple[str, ...], country: str | None, day: str | None) -> bool:
    """Whether the actor held one of the roles (of the country, if given) on the day, or ever."""
    return actor is not None and any(
        fills(o, roles) and (country is None or o.country == country) and (day is None or o.held_on(day))
        for o in actor.offices
    )


def last_held(actor: GazetteerActor | None, roles: tuple[str, ...]) -> str:
    """When the actor last held one of the roles ('9999' while in office)."""
    offices = actor.offices if actor is not None else ()
    return max((o.end or "9999" for o in offices if fills(o, roles)), default="")


def reigns(actor: GazetteerActor | None) -> bool:
    """A head of state none of whose offices is a presidency: "the King" is no president."""
    return actor is not None and not any("President" in (o.title or "") for o in actor.offices)
