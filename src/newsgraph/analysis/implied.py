"""Countries an event needs that the actors stage did not list: the country of a capital or a
town named only as a place ("a curfew in Algiers", "shelled Kharkiv"), and the home country of
a local actor ("protests in the capital" are aimed at home). The events stage adds them as
actors, with the place as their mention."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.knowledge.gazetteer import Gazetteer
from newsgraph.records import Actor, Mention


class ImpliedCountries:
    """Country actors one article's events imply, each with the token that named it, if any."""

    def __init__(self, doc: Doc, actors: list[Actor], gazetteer: Gazetteer) -> None:
        self.doc, self.gazetteer = doc, gazetteer
        self.countries = {actor.id: actor.country for actor in actors}  # actor id -> alpha-3
        self.implied: dict[str, Token | None] = {}

    def country_of(self, actor_id: str) -> str | None:
        """The country actor of an actor: itself for a country, its affiliation otherwise."""
        actor = self.gazetteer.get(actor_id)
        if actor is not None and actor.kind == "country":
            return actor.id
        code = self.countries.get(actor_id)
        country = self.gazetteer.by_country_code(code) if code and code not in ("IGO", "NGO") else None
        if country is None:
            return None
        self.implied.setdefault(country.id, None)
        return country.id

    def place_country(self, token: Token) -> list[str]:
        """A capital or a town named as a place ("arrived in Belgrade", "shelled Kharkiv") stands
        for its country here."""
        name = self.doc[min([token.i, *(c.i for c in token.lefts if c.dep_ == "compound")]) : token.i + 1]
        metonym = self.gazetteer.by_metonym(token.text)
        country = (
            metonym[0]
            if metonym
            else self.gazetteer.by_place(name.text) or self.gazetteer.by_place(token.text)
        )
        if country is None or country.kind != "country":
            return []
        self.implied.setdefault(country.id, token)
        return [country.id]

    def actors(self, used: set[str | None]) -> list[Actor]:
        """The implied countries the events use, as actors, with the place as mention."""
        actors = []
        for actor_id, token in self.implied.items():
            known = self.gazetteer.get(actor_id)
            if actor_id not in used or actor_id in self.countries or known is None:
                continue
            mentions = (
                [Mention(token.idx, token.idx + len(token.text), token.text)] if token is not None else []
            )
            actors.append(Actor(known.id, known.name, known.kind, known.country, known.sector, mentions))  # type: ignore[arg-type]
            self.countries[actor_id] = known.country
        return actors
