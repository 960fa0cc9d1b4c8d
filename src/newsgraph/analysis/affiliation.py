"""Whose an actor the gazetteer does not know is: the country its words around it name.

A person's title or apposition ("British Defence Secretary Tom King", "a researcher at the Lovćen
Civic Lab in Podgorica"), or an organisation's owner ("Sudan's Supreme Court"), gives the country
by its name, demonym or capital, or an international body named in it gives "IGO".
"""

from __future__ import annotations

from spacy.tokens import Span

from newsgraph.knowledge.gazetteer import Gazetteer


def country_around(name: Span, gazetteer: Gazetteer) -> str | None:
    """The country a title before a name or an apposition after it gives ("British Defence
    Secretary Tom King", "Serbia's foreign minister, Ivica Dačić")."""
    head, doc = name.root, name.doc
    words = [t for t in head.children if t.dep_ in ("compound", "amod", "nmod") and t.i < name.start]
    words += [t for t in (head.head,) if head.dep_ == "appos" and head.head.pos_ == "NOUN"]
    words += [c for c in head.children if c.dep_ == "appos"]
    for word in words:
        title = doc[word.left_edge.i : word.right_edge.i + 1]
        country = country_inside(title, gazetteer) or _organisation_country_inside(title, gazetteer)
        if country is not None:
            return country
    return None


def _organisation_country_inside(span: Span, gazetteer: Gazetteer) -> str | None:
    """The affiliation an organisation named in a title gives ("Arab League Secretary-General"):
    IGO for international organisations, the country for national ones."""
    for size in range(min(4, len(span)), 0, -1):
        for i in range(len(span) - size + 1):
            for actor in gazetteer.by_alias(span[i : i + size].text):
                if actor.kind == "organization" and actor.country:
                    return actor.country
    return None


def country_inside(span: Span, gazetteer: Gazetteer) -> str | None:
    """The country a phrase names by name, demonym, capital or town ("a lorry driver from
    Leposavić"); a seat of an international body says where, not whose ("a fellow at a think tank
    in Brussels" is no EU official)."""
    for token in span:
        for actor in gazetteer.by_alias(token.text):
            if actor.kind == "country":
                return actor.country
        seats = gazetteer.by_metonym(token.text)
        seat = seats[0] if seats and seats[0].kind == "country" else None
        found = gazetteer.by_demonym(token.text) or seat or gazetteer.by_place(token.text)
        if found is not None:
            return found.country
    return None


def possessor_country(span: Span, gazetteer: Gazetteer) -> str | None:
    """The country that owns an organisation named outside its span ("Sudan's Supreme Court")."""
    owners = [c for c in span.root.children if c.dep_ == "poss" and c.i < span.start]
    for owner in owners:
        words = span.doc[owner.left_edge.i : owner.i + 1]
        named = [a.country for a in gazetteer.by_alias(words.text) if a.kind == "country"]
        country = named[0] if named else country_inside(words, gazetteer)
        if country is not None:
            return country
    return None
