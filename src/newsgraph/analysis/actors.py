"""Actors stage: every way an article names a country, government, leader or organisation,
resolved to one canonical actor (a Wikidata QID, or a stable ``local:`` id).

Order of work over one parsed article:
1. mentions: gazetteer names and NER entities (``mentions.py``);
2. names: gazetteer ids, full name → surname, spelling variants (rapidfuzz), local ids;
3. metonyms: a capital or seat counts only when it acts (``metonymy.py``);
4. titles: "the Serbian president" → the holder on the article's date (``titles.py``);
5. pronouns: "he", "her" for people who act or speak (``coref.py``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from rapidfuzz import fuzz
from spacy.attrs import IS_TITLE, ORTH, POS
from spacy.language import Language
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span

from newsgraph.analysis.affiliation import country_around, country_inside, possessor_country
from newsgraph.analysis.coref import (
    PRONOUN_GENDER,
    PersonMention,
    acting_it,
    body_antecedent,
    gender_from_context,
    is_subject,
    person_pronouns,
)
from newsgraph.analysis.event_grammar import HOMELANDS
from newsgraph.analysis.mentions import Mention, MentionFinder
from newsgraph.analysis.metonymy import acts
from newsgraph.analysis.name_usage import (
    add_untagged_outlets,
    hyphenated_end,
    name_words,
    named_as_place,
    organisation_as_place,
    reads_as_place,
    relabel_surnames,
)
from newsgraph.analysis.quotemarks import inside, quoted_regions
from newsgraph.analysis.registry import register_stage
from newsgraph.analysis.titles import (
    NAMED_ONLY,
    ROLE_OFFICES,
    Title,
    fills,
    find_titles,
    holds,
    last_held,
    reigns,
)
from newsgraph.ingest.metadata import dateline_span
from newsgraph.knowledge.gazetteer import (
    SURNAME_SIMILARITY,
    Gazetteer,
    GazetteerActor,
    ascii_fold,
    fuzzy_person,
    load_gazetteer,
    match_key,
)
from newsgraph.knowledge.names import first_name_gender
from newsgraph.records import Actor, Analysis, Article, Salience
from newsgraph.records import Mention as TextMention

_RECENT_YEARS = 6  # how far from its office a bare surname still names a gazetteer person
_SLUG = re.compile(r"[^a-z0-9]+")
_AGENT_EXTENSION_DEPS = frozenset({"amod", "compound", "nmod"})


@dataclass(slots=True)
class Referent:
    """An actor as this article knows it, gathering its mentions (token spans)."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    spans: list[tuple[int, int]] = field(default_factory=list)
    gender: str | None = None
    surname: str | None = None


@register_stage("actors")
class ActorStage:
    """Fills ``analysis.actors``; one instance per pipeline (the gazetteer loads once)."""

    name = "actors"

    def __init__(self, nlp: Language) -> None:
        self.gazetteer = load_gazetteer()
        self.finder = MentionFinder(self.gazetteer)

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        resolver = ArticleResolver(doc, analysis.article, self.gazetteer)
        analysis.actors = resolver.resolve(detect_mentions(doc, self.finder))


def detect_mentions(doc: Doc, finder: MentionFinder) -> list[Mention]:
    """The stage's mention layer: gazetteer and NER, no dateline, lone surnames as people."""
    start, end = dateline_span(doc.text)  # "BELGRADE, 17 January 2019 (Danube Wire) –" names no actor
    mentions = [m for m in finder(doc) if not start <= doc[m.start].idx < end]
    add_untagged_outlets(doc, mentions)
    relabel_surnames(doc, mentions, finder.gazetteer)
    return mentions


class ArticleResolver:
    """Resolves the mentions of one article; holds what the article has said so far."""

    def __init__(self, doc: Doc, article: Article, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.text = article.text  # the doc's text; Doc.text would rebuild the string on every use
        self.day = article.date
        self.news_window = _news_window(article.date or date.today().isoformat())
        self.title = article.title or ""
        self.title_key = f" {match_key(self.title)} "
        self.places: dict[str, bool] = {}  # lone names, whether the article uses them as places
        self.orths: np.ndarray | None = None
        self.gazetteer = gazetteer
        self.referents: dict[str, Referent] = {}
        self.people: list[PersonMention] = []
        self.mentioned: set[int] = set()
        self.acronyms: dict[str, Referent] = {}  # "(PLO)" after a name: the acronym names that actor
        self.countries_named: set[str] = set()  # by a name, demonym or capital in the article

    def resolve(self, mentions: list[Mention]) -> list[Actor]:
        titles = find_titles(self.doc, self.gazetteer)
        self.countries_named = {
            a.country for m in mentions for a in m.actors if a.kind == "country" and a.country
        }
        # tokens some mention already names: "Russia" is never the surname of a headline's "Cancel Russia"
        self.mentioned = {i for m in mentions for i in range(m.start, m.end)}
        name_spans = [m for m in mentions if m.label == "PER"]
        self._resolve_people(name_spans, titles)
        for mention in mentions:
            if mention.label != "PER":
                self._resolve_other(mention, titles)
        self._add_acronym_mentions()
        self._resolve_titles(titles)
        self._resolve_pronouns()
        return self._actors()

    # -- people --------------------------------------------------------------------------

    def _resolve_people(self, mentions: list[Mention], titles: list[Title]) -> None:
        """Full names first (they define the article's people), then lone surnames; a name that
        names a place or a prize ("Belgrade's Nikola Tesla airport") is no one in the article."""
        mentions = [m for m in mentions if not named_as_place(m.span(self.doc).root)]
        full = [m for m in mentions if len(name_words(m.span(self.doc))) >= 2 or m.how == "alias"]
        single = [m for m in mentions if m not in full]
        for mention in full:
            self._add(self._person_for_full_name(mention), mention.start, mention.end, person=True)
        for mention in single:
            referent = self._person_for_surname(mention)
            if referent is not None:
                self._add(referent, mention.start, mention.end, person=referent.kind == "person")
        self._add_untagged_surnames()

    def _add_untagged_surnames(self) -> None:
        """ "said Dobre" where NER missed the name: a surname of this article's people is a
        mention, and so is a first name only one of them bears ("WHO Tedros describes…")."""
        people = self._people_by_name_word()
        taken = {i for r in self.referents.values() for s, e in r.spans for i in range(s, e)}
        tags = self.doc.to_array([POS, IS_TITLE])  # Token objects only for capitalised proper nouns
        for i in np.flatnonzero((tags[:, 0] == PROPN) & (tags[:, 1] == 1)):
            token = self.doc[int(i)]
            if token.i in taken or token.i in self.mentioned:
                continue
            for end in (hyphenated_end(token), token.i + 1):  # "Hartstone-Rose said"
                referent = people.get(ascii_fold(self.doc[token.i : end].text).casefold())
                if referent is not None:
                    self._add(referent, token.i, end, person=True)
                    break

    def _people_by_name_word(self) -> dict[str, Referent]:
        """The article's people by folded surname, and by a first name only one of them bears."""
        surnames: dict[str, Referent] = {}
        first_names: dict[str, set[str]] = {}
        for r in (r for r in self.referents.values() if r.kind == "person"):
            # the canonical surname and the one the article spells ("Zelenskyy", "Zelenskiy")
            words = [r.surname] if r.surname and len(r.name.split()) >= 2 else []
            for start, end in r.spans:
                name = name_words(self.doc[start:end])
                words += name[-1:] if len(name) >= 2 else []
                # a gazetteer person's, or a known first name ("Disease X" has none)
                if len(name) >= 2 and (not r.id.startswith("local:") or first_name_gender(" ".join(name))):
                    first_names.setdefault(ascii_fold(name[0]).casefold(), set()).add(r.id)
            for word in words:
                surnames.setdefault(ascii_fold(word).casefold(), r)
        unique = {w: self.referents[ids.pop()] for w, ids in first_names.items() if len(ids) == 1}
        return unique | surnames

    def _person_for_full_name(self, mention: Mention) -> Referent:
        span = mention.span(self.doc)
        return self._person_named(" ".join(name_words(span)), mention.actors, span)

    def _person_named(self, name: str, known: list[GazetteerActor], span: Span | None = None) -> Referent:
        """A full name's person: the gazetteer's (or one spelt close to it), else the article's
        local person of that name or part of it, else a new one (gender and country from
        ``span``'s context)."""
        actor = (
            self._pick_person(known) if known else fuzzy_person(self.gazetteer, span.text if span else name)
        )
        if actor is not None:
            return self._referent(actor)
        for referent in self.referents.values():
            local = referent.kind == "person" and referent.id.startswith("local:")
            # "Malik Riaz" beside "Malik Riaz Hussain": one person, named in part
            if local and referent.name == name:
                return referent
            shorter, longer = sorted((name, referent.name), key=len)
            if local and len(shorter.split()) >= 2 and longer.startswith(f"{shorter} "):
                return referent
        context = gender_from_context(self.doc, span.start, span.end) if span is not None else None
        country = country_around(span, self.gazetteer) if span is not None else None
        gender = context or first_name_gender(name)
        return Referent(
            local_id(name), name, "person", country, None, gender=gender, surname=name.split()[-1]
        )

    def _person_for_surname(self, mention: Mention) -> Referent | None:
        word = self.doc[mention.start : mention.end].text
        named_here = self._article_person(ascii_fold(word).casefold()) or self._named_in_title(word)
        if named_here is not None:
            return named_here
        candidates = [a for a in self.gazetteer.by_surname(word) if self._in_the_news(a)]
        named = [a for a in candidates if a.country in self.countries_named or self._office_named(a)]
        groups = [] if named else self.gazetteer.by_first_word(word)
        group = next((g for g in groups if g.country in self.countries_named), None)
        if group is not None:
            return self._referent(group)  # "Wagner's fighters" in an article about Russia: the group
        if named or (candidates and self.day is not None):
            # an undated article must name the person's country or office ("Meta" the company
            # is not Ilir Meta of Albania; "Stoltenberg" beside NATO is its secretary general)
            return self._referent(self._pick_person(named or candidates))
        if self._used_as_place(word):
            return None  # "fighting near Avdiivka", "the Jarinje crossing": NER's person is a place
        return Referent(local_id(word), word, "person", None, None, surname=word)

    def _named_in_title(self, surname: str) -> Referent | None:
        """The person a headline names in full ("New York AG Letitia James wages war…") when the
        text only says "James"."""
        found = re.search(rf"\b([A-Z][a-z]+) {re.escape(surname)}\b", self.title)
        name = f"{found[1]} {surname}" if found is not None else ""
        if not name or first_name_gender(name) is None:
            return None
        return self._person_named(name, self.gazetteer.by_alias(name))

    def _article_person(self, folded: str) -> Referent | None:
        """The article's person with this surname (or one close to it), else the one person whose
        first name it is ("Tucker" after "Tucker Carlson", "Sir Patrick" after "Sir Patrick
        Sanders")."""
        first_named = []
        for referent in self.referents.values():
            if referent.kind != "person" or not referent.surname:
                continue
            surname = ascii_fold(referent.surname).casefold()
            if folded == surname or fuzz.ratio(folded, surname) >= SURNAME_SIMILARITY:
                return referent
            words = referent.name.split()
            if len(words) >= 2 and ascii_fold(words[0]).casefold() == folded:
                first_named.append(referent)
        return first_named[0] if len(first_named) == 1 else None

    def _office_named(self, person: GazetteerActor) -> bool:
        """The article names the international body one of the person's offices is of
        ("Secretary General of NATO")."""
        titles = [o.title for o in person.offices if o.country == "IGO" and o.title and " of " in o.title]
        return any(title.rsplit(" of ", 1)[1] in self.text for title in titles)

    def _used_as_place(self, word: str) -> bool:
        """Whether the article uses the word as a place anywhere (each word read once)."""
        if word not in self.places:
            if self.orths is None:
                self.orths = self.doc.to_array([ORTH])  # one read of the token texts, as ids
            where = np.flatnonzero(self.orths == self.doc.vocab.strings[word])
            self.places[word] = any(reads_as_place(self.doc[int(i)]) for i in where)
        return self.places[word]

    def _in_the_news(self, person: GazetteerActor) -> bool:
        """Whether a bare surname can mean this person when the article never gives the full name:
        someone in office within a few years of its date, either side ("Trump" in 2015 or 2023;
        "Milošević" in 1999 is not a deputy prime minister of 2020)."""
        since, until = self.news_window
        return not person.offices or any(
            (o.start or "") <= until and since <= (o.end or until) for o in person.offices
        )

    def _pick_person(self, candidates: list[GazetteerActor]) -> GazetteerActor:
        """Of several people with one name, the one in office on the article's date."""
        in_office = [a for a in candidates if any(o.held_on(self.day) for o in a.offices)]
        return (in_office or candidates)[0]

    # -- countries, organisations, places -----------------------------------------------

    def _resolve_other(self, mention: Mention, titles: list[Title]) -> None:
        if any(t.start <= mention.start < t.end for t in titles if self._title_is_used(t)):
            return  # "Serbian" in "the Serbian president" is part of a person's title
        if mention.how == "place":
            return  # a town or region is where things happen, not who does them
        if mention.how == "metonym":
            if acts(mention.span(self.doc)):
                self._add(self._referent(mention.actors[0]), mention.start, mention.end)
        elif mention.how == "demonym":
            self._resolve_demonym(mention)
        elif mention.how == "alias":
            actor = mention.actors[0]  # "Kosovo police" is Kosovo's, as "Serbian officials" Serbia's
            end = self._with_agent_noun(mention) if actor.kind == "country" else mention.end
            self._add(self._referent(actor), mention.start, end)
        elif mention.label == "ORG" and not organisation_as_place(mention.span(self.doc)):
            self._add(self._organisation(mention), mention.start, mention.end)
        elif mention.how == "group":
            span = mention.span(self.doc)
            country = mention.actors[0].country
            self._add(
                Referent(local_id(span.text), span.text, "group", country, None), mention.start, mention.end
            )
        elif mention.label == "MISC":
            self._add_group(mention)

    def _ethnic_group(self, mention: Mention) -> bool:
        """ "ethnic Albanians", "ethnic Serbs": a people wherever it lives, not the country."""
        people = self.doc[mention.end - 1].tag_ in ("NNPS", "NNS")
        return people and mention.start > 0 and self.doc[mention.start - 1].lower_ == "ethnic"

    def _resolve_demonym(self, mention: Mention) -> None:
        """ "Serbian officials" are Serbia's; a people ("Serbs", "ethnic Albanians") is a group."""
        ethnic, people = self._ethnic_group(mention), self.gazetteer.people(mention.span(self.doc).text)
        if ethnic or people:
            self._add_people(mention, ethnic, people)
        else:
            self._add(self._referent(mention.actors[0]), mention.start, self._with_agent_noun(mention))

    def _add_people(self, mention: Mention, ethnic: bool, people: str | None) -> None:
        """ "Serbs blocked the roads", "ethnic Albanians": a people, wherever it lives, not the state
        of the same name. As a modifier the word describes someone else: "Serb protesters" are a
        group of their own, "the Serb member of the presidency" and "a Serb-run entity" no actor."""
        word = self.doc[mention.end - 1]
        modifier = word.pos_ not in ("NOUN", "PROPN") or word.dep_ in ("amod", "compound", "npadvmod")
        if modifier and not ethnic:
            end = self._with_agent_noun(mention)
            if end > mention.end:
                group = self.doc[mention.start : end]
                self._add(Referent(local_id(group.text), group.text, "group", None, None), group.start, end)
            return
        start = mention.start - 1 if ethnic else mention.start
        people = people or self.doc[start : mention.end].text  # "ethnic Russians"
        self._add(Referent(local_id(people), people, "group", None, None), start, mention.end)

    def _with_agent_noun(self, mention: Mention) -> int:
        """Extend "Serbian" to "Serbian officials" when it modifies an agent noun."""
        token = self.doc[mention.end - 1]
        head = token.head.head if token.dep_ == "conj" else token.head  # "Hungarian and Romanian officials"
        modifies = token.dep_ in _AGENT_EXTENSION_DEPS or token.dep_ == "conj"
        is_head = head.dep_ not in ("compound", "amod")
        if modifies and 0 < head.i - token.i <= 2 and is_head and self.gazetteer.agent_sector(head.lower_):
            return head.i + 1
        return mention.end

    def _organisation(self, mention: Mention) -> Referent:
        span = mention.span(self.doc)
        name = span.text
        if name in self.acronyms:
            return self.acronyms[name]
        known = self.gazetteer.by_alias(name) or self._leaders_government(span)
        if known:
            referent = self._referent(known[0])
        elif (earlier := self._described(span) or self._named_in_full_before(span)) is not None:
            referent = earlier  # "the Council" after "the UN Security Council"
        else:
            country = country_inside(span, self.gazetteer) or possessor_country(span, self.gazetteer)
            sector = next((s for t in span if (s := self.gazetteer.agent_sector(t.lower_))), None)
            referent = Referent(local_id(name), name, "organization", country, sector)
        self._note_acronym(span, referent)
        return referent

    def _leaders_government(self, span: Span) -> list[GazetteerActor]:
        """ "The Barack Obama Administration", "the Orbán government": the leader's country."""
        if len(span) < 2 or span[-1].lower_ not in HOMELANDS:
            return []
        leader = span[:-1].text.removeprefix("The ").removeprefix("the ")
        people = [a for a in self.gazetteer.by_alias(leader) if a.kind == "person"] or [
            a
            for a in self.gazetteer.by_surname(leader)
            if any(fills(o, ROLE_OFFICES["leader"]) for o in a.offices)
        ]
        country = self.gazetteer.by_country_code(people[0].country) if people and people[0].country else None
        return [country] if country is not None else []

    def _named_in_full_before(self, span: Span) -> Referent | None:
        """The organisation named earlier whose full name ends with this shorter one: "the
        Security Council" or "the Council" after "the UN Security Council"; the latest if several."""
        tail = f" {span.text.casefold()}"
        found = [
            (max(s for s, _ in referent.spans if s < span.start), referent)
            for referent in self.referents.values()
            if referent.kind in ("organization", "group")
            and any(s < span.start for s, _ in referent.spans)
            and any(f" {name.casefold()}".endswith(tail) for name in self._names_of(referent))
        ]
        return max(found, key=lambda pair: pair[0])[1] if found else None

    def _described(self, span: Span) -> Referent | None:
        """The organisation a name in apposition describes: "Srpska Lista, the main Kosovo Serb
        party" is one party."""
        head = span.root.head
        if span.root.dep_ != "appos" or head.i >= span.start:
            return None
        owner = next((r for r in self.referents.values() if any(s <= head.i < e for s, e in r.spans)), None)
        return owner if owner is not None and owner.kind == "organization" else None

    def _names_of(self, referent: Referent) -> set[str]:
        return {referent.name, *(self.doc[s:e].text for s, e in referent.spans)}

    def _add_acronym_mentions(self) -> None:
        """Every later use of a defined acronym, whether or not NER tagged it."""
        if not self.acronyms:
            return
        for token in self.doc:
            referent = self.acronyms.get(token.text)
            if referent is not None and not self._covered(token.i, token.i + 1):
                self._add(referent, token.i, token.i + 1)

    def _note_acronym(self, name: Span, referent: Referent) -> None:
        """The "(ACRONYM)" right after an organisation's name stands for it in the rest of the article,
        unless the gazetteer knows the acronym as another actor."""
        doc, end = self.doc, name.end
        if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
            return
        acronym = doc[end + 1].text
        is_acronym = len(acronym) >= 2 and acronym.isupper() and acronym.isalpha()
        if is_acronym and all(a.id == referent.id for a in self.gazetteer.by_alias(acronym)):
            self.acronyms[acronym] = referent

    def _add_group(self, mention: Mention) -> None:
        """ "Kosovo Serbs", "Bosnian Serbs": a group with the country of the place named."""
        span = mention.span(self.doc)
        country = self.gazetteer.by_demonym(span.text)
        if country is not None:
            self._add(self._referent(country), mention.start, mention.end)
        elif len(span) >= 2 and self.gazetteer.by_demonym(span[-1].text):
            place = (
                country_inside(span[:-1], self.gazetteer) or self.gazetteer.by_demonym(span[-1].text).country
            )
            referent = Referent(local_id(span.text), span.text, "group", place, None)
            self._add(referent, mention.start, mention.end)

    # -- titles and pronouns ------------------------------------------------------------

    def _title_is_used(self, title: Title) -> bool:
        """A title in front of a name ("President Vučić") or resolved on its own."""
        return self._person_at(title.end) is not None or title.past or self._holder(title) is not None

    def _resolve_titles(self, titles: list[Title]) -> None:
        for title in titles:
            if self._person_at(title.end) is not None or self._covered(title.start, title.end):
                continue  # "Russian President Vladimir Putin": the name is the mention
            holder = self._holder(title)
            if holder is not None:
                self._add(holder, title.start, title.end, person=True)

    def _holder(self, title: Title) -> Referent | None:
        """Who a title names here: a person of this article with the office, else the holder."""
        if title.country is None and not title.plain:
            return None  # "the only big leader": a description, not an office
        roles = ROLE_OFFICES.get(title.role, (title.role,))
        people = [m for m in self.people if not title.monarch or reigns(self.gazetteer.get(m.actor_id))]
        before = [m for m in reversed(people) if m.start < title.start]
        if title.past:  # "the former president": someone the article names who once was
            after = [m for m in people if m.start >= title.end]
            named = [
                m.actor_id for m in before + after if self._holds(m.actor_id, roles, title.country, True)
            ]
            return self.referents[named[0]] if named else None
        # an undated article: anyone it names who held the office, first before the title, then
        # after it (a headline's "Estonian Prime Minister" is the Kallas of the text)
        after = [m for m in people if m.start >= title.end] if self.day is None else []
        named = [m.actor_id for m in before + after if self._holds(m.actor_id, roles, title.country)]
        if named and self.day is None and title.role not in NAMED_ONLY:
            # undated: the latest holder it names ("the PM" beside Johnson and Putin, once
            # Russia's prime minister, is Johnson); of many ministers, the nearest
            return self.referents[max(named, key=lambda i: last_held(self.gazetteer.get(i), roles))]
        if named:
            return self.referents[named[0]]
        if title.country is None or title.role in NAMED_ONLY:
            return None  # a minister or an ambassador is only one the article has named
        holders = [h for role in roles for h in self.gazetteer.office_holders(role, title.country, self.day)]
        holders = [h for h in holders if not title.monarch or reigns(h)]
        return self._referent(holders[0]) if holders else None

    def _holds(self, actor_id: str, roles: tuple[str, ...], country: str | None, ever: bool = False) -> bool:
        day = None if ever else self.day
        return holds(self.gazetteer.get(actor_id), roles, country, day)

    def _resolve_pronouns(self) -> None:
        """Pronouns outside quotations: inside one, "he" is whoever the speaker talks about."""
        genders = {r.id: r.gender for r in self.referents.values()}
        quotes = quoted_regions(self.text)
        for pronoun, actor_id in person_pronouns(self.doc, self.people, genders, quotes):
            self.referents[actor_id].spans.append((pronoun.i, pronoun.i + 1))
        bodies = {
            i: r.id for r in self.referents.values() if r.kind in ("country", "organization")
            for start, end in r.spans for i in range(start, end)
        }  # fmt: skip
        for pronoun in acting_it(self.doc):
            actor_id = body_antecedent(pronoun, bodies)
            if actor_id is not None and not inside(quotes, pronoun.idx, pronoun.idx + 2):
                self.referents[actor_id].spans.append((pronoun.i, pronoun.i + 1))
                bodies[pronoun.i] = actor_id  # "Belgrade believed that it could… It condemns…"

    # -- bookkeeping ----------------------------------------------------------------------

    def _referent(self, actor: GazetteerActor) -> Referent:
        if actor.id not in self.referents:
            gender = getattr(actor, "gender", None) or (
                first_name_gender(actor.name) if actor.kind == "person" else None
            )
            self.referents[actor.id] = Referent(
                actor.id, actor.name, actor.kind, actor.country, actor.sector, gender=gender,
                surname=actor.surname,
            )  # fmt: skip
        return self.referents[actor.id]

    def _add(self, referent: Referent, start: int, end: int, person: bool = False) -> None:
        referent = self.referents.setdefault(referent.id, referent)
        referent.spans.append((start, end))
        if person or referent.kind == "person":
            self.people.append(PersonMention(start, end, referent.id, is_subject(self.doc, start, end)))
            if referent.gender is None:
                referent.gender = gender_from_context(self.doc, start, end)

    def _person_at(self, token_index: int) -> str | None:
        for mention in self.people:
            if mention.start == token_index:
                return mention.actor_id
        return None

    def _covered(self, start: int, end: int) -> bool:
        return any(s < end and start < e for r in self.referents.values() for s, e in r.spans)

    def _actors(self) -> list[Actor]:
        actors = []
        for referent in self.referents.values():
            spans = sorted(set(referent.spans))
            if spans:
                mentions = [self._text_mention(s, e) for s, e in spans]
                actor = Actor(referent.id, referent.name, referent.kind, referent.country, referent.sector)  # type: ignore[arg-type]
                actor.mentions = mentions
                actors.append(actor)
        most = max((len(a.mentions) for a in actors), default=1)
        for actor in actors:
            actor.salience = self._salience(actor, most)
        return sorted(actors, key=lambda a: a.mentions[0].start)

    def _salience(self, actor: Actor, most: int) -> Salience:
        """0.5 × mentions relative to the most-mentioned actor, 0.3 × how early, 0.2 × in the title."""
        first = actor.mentions[0].start
        in_title = self._in_title(actor)
        early = 1 - first / max(1, len(self.text))
        score = 0.5 * len(actor.mentions) / most + 0.3 * early + 0.2 * in_title
        return Salience(len(actor.mentions), first, in_title, round(score, 3))

    def _in_title(self, actor: Actor) -> bool:
        if not self.title_key.strip():
            return False
        known = self.gazetteer.get(actor.id)
        names = {actor.name, *(m.text for m in actor.mentions if m.text.lower() not in PRONOUN_GENDER)}
        if known is not None:
            names.update(known.aliases + known.demonyms + tuple(m.text for m in known.metonyms))
            names.add(known.surname or "")
        return any(f" {_key(n)} " in self.title_key for n in names if n)

    def _text_mention(self, start: int, end: int) -> TextMention:
        span = self.doc[start:end]
        return TextMention(span.start_char, span.end_char, span.text)


def _news_window(day: str) -> tuple[str, str]:
    """The dates within ``_RECENT_YEARS`` of an ISO date, either side."""
    year = int(day[:4])
    return f"{year - _RECENT_YEARS:04d}{day[4:]}", f"{year + _RECENT_YEARS:04d}{day[4:]}"


@functools.lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return match_key(name)


def local_id(name: str) -> str:
    """A stable id for an actor the gazetteer does not know: ``local:`` and a slug of its name."""
    slug = _SLUG.sub("-", ascii_fold(name).lower().removeprefix("the ")).strip("-")
    return f"local:{slug or 'unnamed'}"
