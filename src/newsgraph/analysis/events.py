"""Events stage: who did what to whom, coded in PLOVER, with modality, negation, claims and dates.

Per sentence, from the dependency parse: a verb (or an event noun: "Putin's
visit to Belgrade") found in the dictionary (``knowledge/data/plover_*.tsv``)
gives the type and mode; its subject is the source, its object or the
preposition the dictionary names is the target; a passive swaps them ("Kosovo
was recognised by 117 countries"). Verbs that take another verb are frames:
"agreed to", "offered to", "promised to" make an AGREE of what follows;
"threatened to" a THREATEN; "refused to", "failed to" a REJECT; "urged X to",
"called on X to" a REQUEST aimed at X; "plans to", "will" make it future.

PLOVER codes intentions, not the acts intended: a future or promised
cooperative act is AGREE and a future hostile act THREATEN. Negation never
turns an event into its opposite: "have not recognised" stays SUPPORT with
``negated`` set. An event inside a quote is claimed by the quote's speaker.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.analysis.event_grammar import (
    ADJECTIVE_FRAMES,
    CEASE_VERBS,
    COOPERATIVE,
    DEMAND_VERBS,
    DOMESTIC,
    FRAMES,
    HOMELANDS,
    HOSTILE,
    LIGHT_VERBS,
    OBJECT_DEPS,
    OBLIGATION,
    OWN_AGENTS,
    PERSONAL_PRONOUNS,
    RECIPROCAL,
    RELATIVE_PRONOUNS,
    STATEMENT_VERBS,
    Coded,
    Entry,
    addressed,
    admission_or_idiom,
    alleged_acts,
    blocks_a_place,
    by_arrival,
    ceases_hostilities,
    compelled,
    conjuncts,
    dates,
    dictionary_lemma,
    done_to,
    fallback_relations,
    frames_its_own,
    framing,
    inside_condition,
    is_background,
    light_verb_entry,
    load_dictionary,
    modality,
    nearest_subject,
    negated,
    noun_entry,
    on_condition,
    outside_relative_clauses,
    plover_intent,
    purpose_clauses,
    reciprocal,
    request_mode,
    unique,
    unnamed_owner,
    xcomp_chain,
)
from newsgraph.analysis.implied import ImpliedCountries
from newsgraph.analysis.participants import by_object, only_qualifies, persons_own
from newsgraph.analysis.registry import register_stage
from newsgraph.analysis.speakers import RELATIONAL_NOUNS, ActorIndex, plural_speaker
from newsgraph.analysis.temporal import EventDates
from newsgraph.knowledge.gazetteer import load_gazetteer
from newsgraph.records import Analysis, Event, Quote


@register_stage("events")
class EventStage:
    """Fills ``analysis.events`` from the parse, the actors and the quotes."""

    name = "events"

    def __init__(self, nlp: Language) -> None:
        self.verbs = load_dictionary("verbs")
        self.nouns = load_dictionary("nouns")
        self.gazetteer = load_gazetteer()

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        coder = SentenceCoder(doc, analysis, self)
        dates = EventDates(doc, analysis.article.date)
        events = []
        for coded in coder.code():
            events.extend(coder.records(coded, dates))
        analysis.events = events
        analysis.actors.extend(coder.implied.actors({e.source for e in events} | {e.target for e in events}))


_SITUATIONS = frozenset({"war", "conflict", "fighting", "violence", "crisis", "unrest", "hostilities"})


class SentenceCoder:
    """Codes the events of one article, sentence by sentence."""

    def __init__(self, doc: Doc, analysis: Analysis, stage: EventStage) -> None:
        self.doc = doc
        self.verbs, self.nouns, self.gazetteer = stage.verbs, stage.nouns, stage.gazetteer
        self.actors = ActorIndex(doc, analysis)
        self.quotes = analysis.quotes
        self.sectors = {actor.id: actor.sector for actor in analysis.actors}
        # countries events name that the actors stage did not
        self.implied = ImpliedCountries(doc, analysis.actors, stage.gazetteer)

    def code(self) -> Iterator[Coded]:
        consumed: set[int] = set()  # verbs already coded inside a frame
        for token in self.doc:
            if token.i in consumed:
                continue
            if is_background(token):
                consumed.update(t.i for t in token.subtree)  # nothing inside it is news either
                continue
            if token.pos_ in ("VERB", "AUX"):
                coded = (
                    self._demand(token, consumed)
                    or self._frame(token, consumed)
                    or self._light_verb(token, consumed)
                    or self._verb(token, consumed)
                )
            elif token.pos_ == "NOUN":
                coded = self._noun(token)
            else:
                coded = None
            if coded is not None and coded.sources:
                yield coded

    # -- verbs ---------------------------------------------------------------------------

    def _verb(self, verb: Token, consumed: set[int] | None = None) -> Coded | None:
        entry = self._entry(verb)
        if entry is None or framing(verb):
            return None  # "sought to assure the audience" seeks nothing from anyone
        if entry.type == "REJECT" and dictionary_lemma(verb, self.verbs) == "block" and blocks_a_place(verb):
            entry = Entry("PROTEST", "obstruct", (), False)  # "blocked the roads": a blockade
        entry = by_arrival(verb, entry)
        if admission_or_idiom(verb, entry):
            return None
        if consumed is not None:
            consumed.update(purpose_clauses(verb))  # "demonstrated to demand…" is one PROTEST
            if entry.type in ("ACCUSE", "REQUEST", "THREATEN"):
                consumed.update(alleged_acts(verb))  # "accused X of shelling…": part of the accusation
        sources, targets = self._participants(verb, entry)
        marching = verb.lemma_.lower() == "march" and sources
        if marching and all(self._state_or_army(a) for a in sources):
            return None  # "Russia is poised to march in": an army's march is no demonstration
        coded = Coded(verb, entry.type, entry.mode, sources, targets)
        self._modality(coded, verb)
        return plover_intent(coded)

    def _entry(self, verb: Token) -> Entry | None:
        """The verb's dictionary entry: with its particle first ("call on", "step down"), then the
        first entry whose target relation the sentence has."""
        lemma = dictionary_lemma(verb, self.verbs)
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        # "called on Monday" is a call, not "call on"
        preps = [c.lower_ for c in verb.children if c.dep_ == "prep" and not dates(c)]
        # "called for the Bank to expand": the "for" opens the clause the parse hangs on the verb
        clauses = [c for c in verb.children if c.dep_ in ("advcl", "ccomp")]
        preps += [g.lower_ for c in clauses for g in c.children if g.dep_ == "mark"]
        for word in particles + preps:
            if f"{lemma} {word}" in self.verbs:
                return self.verbs[f"{lemma} {word}"][0]
        entries = self.verbs.get(lemma, ())
        for entry in entries:
            if any(self._target_token(verb, relation) is not None for relation in entry.targets):
                return by_object(verb, entry)
        optional = [e for e in entries if not e.required]
        return by_object(verb, optional[0]) if optional else None

    def _frame(self, verb: Token, consumed: set[int]) -> Coded | None:
        """ "agreed to cooperate", "threatened to ban", "urged Serbia to join", "is willing to
        withdraw": one event."""
        kind = FRAMES.get(verb.lemma_.lower())
        inner = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        state = None
        if kind is None and verb.lemma_ == "be":
            state = next((c for c in verb.children if c.dep_ in ("acomp", "attr")), None)
            kind = ADJECTIVE_FRAMES.get(state.lemma_.lower()) if state is not None else None
            inner = next((c for c in state.children if c.dep_ == "xcomp"), None) if kind else None
        if kind is None or inner is None:
            return None
        # "promised to democratize … and establish" is one promise; "urged calm and called on the
        # West to impose sanctions" (the parse hangs "called" on "calm") a second act of its own
        consumed.update([inner.i, *(c.i for c in conjuncts(inner) if not frames_its_own(c))])
        if inner.lemma_.lower() in CEASE_VERBS:
            # "pressed India to stop buying Russian oil": the buying is what is to stop, not an act
            consumed.update(c.i for c in inner.children if c.dep_ == "xcomp")
        entry = self._entry(inner)
        sources = self._actors_of_subject(verb)
        party = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if kind == "compel" and party is not None and party.lemma_.lower() not in OWN_AGENTS:
            coded = compelled(verb, inner, entry, sources, self._actors_at(party) or [None])
        elif kind == "request":
            relations = ("dobj", "dative", "prep:on", "prep:to")
            addressee = self._first_actor(verb, relations[:2], relations[2:])
            # "asked candidate countries to align with its sanctions on Russia": the countries,
            # unnamed, are asked; the act's own target is not the addressee
            unnamed = any(self._target_token(verb, r) is not None for r in relations)
            targets = (
                [addressee] if addressee else [None] if unnamed else self._targets(inner, entry, sources)
            )
            coded = Coded(verb, "REQUEST", request_mode(entry), sources, targets)
        elif entry is None and kind not in ("commit", "threaten", "refuse"):
            return None
        else:
            coded = self._framed(verb, kind, inner, entry, sources)
        self._modality(coded, verb)
        if kind == "future" and coded.modality == "asserted":
            coded.modality = "future"
        if state is not None and coded.trigger.i == verb.i:
            coded.trigger = state  # "said it was ready to act": the word that carries it is "ready"
        return plover_intent(coded) if kind in ("future", "aspect", "attempt", "compel") else coded

    def _framed(self, verb: Token, kind: str, inner: Token, entry: Entry | None, sources: list[str]) -> Coded:
        targets = self._targets(inner, entry, sources)
        if kind == "commit":
            hostile = entry is not None and entry.type in HOSTILE and not ceases_hostilities(inner)
            return Coded(verb, "THREATEN" if hostile else "AGREE", None, sources, targets)
        if kind == "threaten":
            # a conditional threat is aimed at whoever must meet the condition, not at the place
            # or thing the threatened act would touch ("ban voting in East Jerusalem if Hamas runs")
            targets = self._threatened_by_condition(verb, inner) or targets
            return Coded(verb, "THREATEN", entry.mode if entry else None, sources, targets)
        if kind == "refuse":
            if len(sources) > 1 and inner.lemma_.lower() in RECIPROCAL:
                targets = [None]  # "Palestinians and Israelis failed to reach agreement": each rejects
            return Coded(verb, "REJECT", None, sources, targets)
        assert entry is not None
        return Coded(inner, entry.type, entry.mode, sources, targets)

    def _threatened_by_condition(self, *verbs: Token) -> list[str]:
        """A threat is aimed at whoever must meet its condition: "threatened to stop the talks if the
        United States goes ahead", "will boycott the vote unless the president steps down"."""
        for verb in verbs:
            for clause in verb.children:
                if clause.dep_ == "advcl" and inside_condition(clause):
                    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    found = self._actors_at(subject) if subject is not None else []
                    if found:
                        return found
        return []

    def _demand(self, verb: Token, consumed: set[int]) -> Coded | None:
        """ "demanded that the US cancel…", "said Sudan must return…": a REQUEST aimed at the
        subject of the clause; the act demanded is not coded as having happened."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return None
        lemma = verb.lemma_.lower()
        obliged = any(c.lower_ in OBLIGATION for c in clause.children if c.dep_ == "aux")
        if lemma not in DEMAND_VERBS and not (obliged and lemma in STATEMENT_VERBS):
            return None
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        targets = self._actors_at(subject) if subject is not None else []
        consumed.update(t.i for t in clause.subtree if t.pos_ in ("VERB", "AUX"))
        coded = Coded(
            verb,
            "REQUEST",
            request_mode(self._entry(clause)),
            self._actors_of_subject(verb),
            targets or [None],
        )
        self._modality(coded, verb)
        return coded

    def _light_verb(self, verb: Token, consumed: set[int]) -> Coded | None:
        """ "staged demonstrations", "held talks", "launched an investigation", "imposed a curfew":
        the noun is the event."""
        if dictionary_lemma(verb, LIGHT_VERBS) not in LIGHT_VERBS:
            return None
        noun = next((c for c in verb.children if c.dep_ == "dobj" and self._noun_entry(c)), None)
        if noun is None:
            return None
        light = dictionary_lemma(verb, LIGHT_VERBS)
        entry = light_verb_entry(light, noun, self._noun_entry(noun), lambda: self._armed(verb))
        if entry is None:
            return None
        targets = self._targets(noun, entry)
        if targets == [None]:
            targets = self._targets(verb, entry)
        consumed.add(noun.i)
        consumed.update(purpose_clauses(verb))
        sources = self._actors_of_subject(verb)
        if light == "take" and noun.lemma_.lower() == "delivery":
            # "Serbia took delivery of a Chinese system": the subject receives what a supplier gave
            sources, targets = [t for t in targets if t is not None], sources
            if not sources:
                return None
        coded = Coded(verb, entry.type, entry.mode, sources, targets)
        self._modality(coded, verb)
        return coded

    def _noun_entry(self, noun: Token) -> Entry | None:
        return noun_entry(noun, self.nouns, self._names_a_country)

    def _armed(self, verb: Token) -> bool:
        """The verb's subject is a state or its military, not its workers."""
        subject = nearest_subject(verb)
        if subject is None:
            return False
        sector = self.gazetteer.agent_sector(subject.lower_)
        if sector is not None:
            return sector == "MIL"  # "the Armed Forces", not "Serbian workers"
        return any(self._state_or_army(a) for a in self._actors_at(subject))

    def _person(self, token: Token) -> bool:
        actor_id = self.actors.by_token.get(token.i)
        return actor_id is not None and self.actors.kinds.get(actor_id) == "person"

    def _state_or_army(self, actor_id: str) -> bool:
        return self.actors.kinds.get(actor_id) == "country" or self.sectors.get(actor_id) == "MIL"

    def _victim(self, modifier: Token) -> bool:
        return modifier.dep_ == "compound" and self._names_a_country(modifier)

    def _names_a_country(self, token: Token) -> bool:
        return self.actors.kinds.get(self.actors.by_token.get(token.i, "")) == "country"

    # -- nouns ---------------------------------------------------------------------------

    def _noun(self, noun: Token) -> Coded | None:
        """ "Putin's visit to Belgrade", "Russian sanctions against Ukraine"; not the object of an
        event already coded ("rejected an Australian ultimatum" is one REJECT)."""
        entry = self._noun_entry(noun) if noun.dep_ != "compound" else None
        if entry is None or self._object_of_event(noun):
            return None
        sources = []
        for child in noun.children:
            if (entry.type == "ASSAULT" and self._victim(child)) or done_to(noun, child):
                continue  # "the Ukraine invasion", "Putin's arrest": done to them, not by them
            if entry.type == "SANCTION" and self._person(child):
                continue  # "Deripaska's sanctions": states sanction, people are sanctioned
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < noun.i:
                sources += self._actors_at(child)
            elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                sources += [a for c in child.children if c.dep_ == "pobj" for a in self._actors_at(c)]
        if not sources:
            return None
        coded = Coded(noun, entry.type, entry.mode, unique(sources), self._targets(noun, entry))
        coded.modality = self._claimed_modality(noun) or "asserted"
        return coded

    def _object_of_event(self, noun: Token) -> bool:
        verb = noun.head
        if noun.dep_ not in ("dobj", "nsubjpass", "attr") or verb.pos_ not in ("VERB", "AUX"):
            return False
        lemma = dictionary_lemma(verb, self.verbs)
        return lemma in self.verbs or lemma in FRAMES

    # -- participants --------------------------------------------------------------------

    def _participants(self, verb: Token, entry: Entry) -> tuple[list[str], list[str | None]]:
        passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if passive_subject is not None:
            # "Kosovo was recognised by 117 countries": the agent acts on the subject
            sources = [
                a for c in (agent.children if agent else ()) if c.dep_ == "pobj" for a in self._actors_at(c)
            ]
            targets = self._actors_at(passive_subject)
            if not targets:
                targets = self._first_actors_inside(passive_subject)  # "a camp for Congolese refugees"
            return sources, targets or [None]
        sources = self._actors_of_subject(verb)
        targets = self._targets(verb, entry, sources)
        if entry.symmetric and len(sources) > 1 and targets == [None]:
            return sources, [None]  # "Hungary and Romania agreed": both act, no recipient
        return sources, targets

    def _actors_of_subject(self, verb: Token) -> list[str]:
        subject = nearest_subject(verb)
        if subject is None and addressed(verb):
            return []  # "when asked whether Russia would help, Putin said": Putin asks nothing
        while subject is None and verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and verb.head.i != verb.i:
            if self._leaves_quotation(verb):
                return []  # "“Humiliated and destroyed…,” Zakharova said": she destroyed nothing
            verb = verb.head  # "…and imposed sanctions": the subject of the first verb
            subject = nearest_subject(verb)
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return self._actors_at(verb.head)  # "Serbia, which bought Chinese drones": Serbia bought
        if subject is None or subject.lower_ in ("this", "that", "which", "what", "there"):
            return []
        # "the EU's foreign policy chief, Josep Borrell, condemned…": Borrell, not the EU
        person = (
            self.actors.in_apposition(subject, ("person",)) if subject.i not in self.actors.by_token else None
        )
        if person is None and subject.i not in self.actors.by_token and self._hostile_act(subject):
            return self._act_of(subject)  # "the Ukraine invasion forced it out": the invader
        found = [person] if person else self._actors_at(subject)
        situation = subject.lemma_.lower() in _SITUATIONS  # "the war in Ukraine has killed…": no one
        if not found and subject.pos_ != "PRON" and not situation:
            found = self._first_actors_inside(subject)  # "students throughout Indonesia"
        if not found and subject.lower_ in PERSONAL_PRONOUNS:
            # "Hungary said it will support…": the pronoun is the speaker the clause is reported
            # from; inside a speaker's own words only "I" and "we" are the speaker
            quote = self._quote_around(subject)
            own = quote is not None and (not quote.direct or subject.lower_ in ("i", "we"))
            if own and quote is not None and subject.lower_ == "they":
                # "they joined, the New York Times reported": not the Times
                own = plural_speaker(self.doc, quote)
            found = [quote.speaker] if own and quote.speaker is not None else []
        return found

    def _targets(self, token: Token, entry: Entry | None, sources: Iterable[str] = ()) -> list[str | None]:
        """The recipient: by the entry's relations, else the first actor named inside the object
        ("continue military aid to Mozambique"), else the country the action takes place in. The
        sources themselves do not count ("reneged on his commitment to the Zambian people")."""
        relations = entry.targets if entry is not None else ("dobj",)
        for relation in relations:
            found = self._target_token(token, relation)
            if found is not None and found.lower_ in RELATIVE_PRONOUNS:
                found = self._antecedent(token)  # "Kosovo, which Russia refuses to recognise"
            if found is not None and reciprocal(found):
                return list(sources) if len(sources) > 1 else [None]  # "would recognise each other"
            if (
                found is not None
                and entry is not None
                and entry.type == "ACCUSE"
                and self._hostile_act(found)
            ):
                # "condemned the invasion of Ukraine" is aimed at whoever invaded: named by a
                # possessor or an adjective ("Russia's", "the Russian invasion"), else no one
                return [a for a in self._act_of(found) if a not in sources][:1] or [None]
            if found is not None:
                actors = [
                    a for a in self._actors_at(found) or self.implied.place_country(found) if a not in sources
                ]
                if actors:
                    return actors
                if unnamed_owner(found, self.actors.by_token):
                    return [None]  # "condemned its referendums in occupied Ukraine": its owner's, unnamed
        for relation in fallback_relations(entry):
            found = self._target_token(token, relation)
            inner = self._first_actors_inside(found, sources) if found is not None else []
            if inner:
                return inner
        return [None]

    def _antecedent(self, verb: Token) -> Token | None:
        """The noun a relative clause hangs on, from the clause's verb or a verb it governs."""
        clause = next((v for v in xcomp_chain(verb) if v.dep_ == "relcl"), None)
        return clause.head if clause is not None else None

    def _first_actors_inside(self, head: Token, besides: Iterable[str] = ()) -> list[str]:
        """The first actors named inside a phrase, with their coordination ("scores of Sierra Leonean
        and Liberian refugees"), or the country of the first capital named as a place; not inside a
        relative clause ("police units, a move Belgrade called…" are not sent to Belgrade). A
        phrase whose owner is no actor names no one ("blocked its northern neighbour's path into
        NATO" is not aimed at NATO)."""
        if unnamed_owner(head, self.actors.by_token):
            return []
        for token in outside_relative_clauses(head):
            actor = self.actors.by_token.get(token.i)
            if actor is not None and only_qualifies(token, self.actors.kinds.get(actor), self.gazetteer):
                actor = None  # "restored the Lenin statue", "warned Serbia's allies"
            if actor is not None and actor not in besides:
                phrase = token.head if token.dep_ in ("amod", "compound", "nmod", "poss") else token
                return [a for a in unique([actor, *self._actors_at(phrase)]) if a not in besides]
            places = self.implied.place_country(token) if token.dep_ == "pobj" else []
            if places:
                return places[:1]
        return []

    def _target_token(self, token: Token, relation: str) -> Token | None:
        if relation.startswith("prep:"):
            word = relation[5:]
            for child in token.children:
                if child.dep_ in ("prep", "agent", "dative") and child.lower_ == word:
                    return next((c for c in child.children if c.dep_ == "pobj"), None)
            return None
        deps = OBJECT_DEPS.get(relation, (relation,))
        return next((c for c in token.children if c.dep_ in deps), None)

    def _first_actor(self, token: Token, deps: tuple[str, ...], preps: tuple[str, ...]) -> str | None:
        for relation in (*deps, *preps):
            found = self._target_token(token, relation)
            if found is not None and self._actors_at(found):
                return self._actors_at(found)[0]
        return None

    def _actors_at(self, head: Token) -> list[str]:
        """Actors a noun phrase names: its head's and its conjuncts', or a name in apposition to them
        ("its NATO ally Finland"), its nationality modifiers' ("Hungarian and Romanian officials"),
        its possessor's rather than its compounds' ("Kosovo's UN membership"), or an "of"/"from"
        complement's ("the government of Serbia")."""
        found: list[str] = []
        for token in (head, *conjuncts(head)):
            named = token.i in self.actors.by_token
            if named:
                found.append(self.actors.by_token[token.i])
            elif (appositive := self.actors.in_apposition(token, ("country",))) is not None:
                found.append(appositive)  # "its NATO ally Finland": Finland, not NATO
                continue
            # "Sudan's Supreme Court": the court acts, not its owner
            found += self._modifier_actors(token, owners=not named)
        return unique(found)

    def _act_of(self, noun: Token) -> list[str]:
        """Who an act noun names as its agent: a possessor, an adjective or a "by" phrase."""
        by_token = self.actors.by_token
        # a country compounded before it is the victim: "the Ukraine invasion"
        agents = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound") and not self._victim(c)]
        agents += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children]
        return [by_token[t.i] for t in agents if t.i in by_token]

    def _hostile_act(self, noun: Token) -> bool:
        entry = self._noun_entry(noun) if noun.pos_ == "NOUN" else None
        return entry is not None and entry.type in ("ASSAULT", "COERCE")

    def _modifier_actors(self, token: Token, owners: bool = True) -> list[str]:
        by_token = self.actors.by_token
        if token.lemma_.lower() in RELATIONAL_NOUNS:
            # "Serbia's allies", "a U.S. ally" are others; "its EU partners" are the EU's members
            compounds = [by_token[c.i] for c in token.children if c.dep_ == "compound" and c.i in by_token]
            return [a for a in compounds if self.actors.kinds.get(a) != "country"]
        possessors = [c for c in token.children if c.dep_ == "poss" and c.i in by_token]
        if possessors and not owners:
            return []
        modifiers = possessors or [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        found = [by_token[t.i] for m in modifiers for t in (m, *conjuncts(m)) if t.i in by_token]
        if not possessors and not persons_own(token, self.gazetteer):
            # "restored the Lenin statue": a person's name before a thing only says which thing
            found = [a for a in found if self.actors.kinds.get(a) != "person"]
        if token.lemma_.lower() in HOMELANDS:
            # "his nation is ready to join forces", "the Zelensky government": a leader's country
            found = [c for c in (self.implied.country_of(a) or a for a in found) if c is not None]
        if not found and token.i not in by_token:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                    pobjs = [c for c in child.children if c.dep_ == "pobj"]
                    found += [by_token[t.i] for c in pobjs for t in (c, *conjuncts(c)) if t.i in by_token]
        return found

    # -- modality ------------------------------------------------------------------------

    def _modality(self, coded: Coded, verb: Token) -> None:
        """Negation, and the modality the verb's auxiliaries and clause give ("will withdraw
        unless…" is a threat)."""
        coded.negated = negated(verb)
        coded.modality = modality(verb, claimed=self.claimed_by(verb) is not None)
        if coded.type in COOPERATIVE and on_condition(verb, "unless"):
            coded.type, coded.modality = "THREATEN", "future"

    def _claimed_modality(self, token: Token) -> str | None:
        return "reported" if self.claimed_by(token) is not None else None

    def claimed_by(self, token: Token) -> str | None:
        """The speaker of the quote an event sits in, if it sits in one."""
        quote = self._quote_around(token)
        return quote.speaker if quote is not None else None

    def _leaves_quotation(self, verb: Token) -> bool:
        """The verb is inside a direct quotation and the verb it hangs on is outside it."""
        quote = next((q for q in self.quotes if q.direct and q.start <= verb.idx < q.end), None)
        return quote is not None and not quote.start <= verb.head.idx < quote.end

    def _quote_around(self, token: Token) -> Quote | None:
        """The quote with a speaker that holds the token, if any."""
        return next((q for q in self.quotes if q.start <= token.idx < q.end and q.speaker is not None), None)

    # -- records -------------------------------------------------------------------------

    def records(self, coded: Coded, dates: EventDates) -> Iterator[Event]:
        trigger = coded.trigger
        home = coded.type in DOMESTIC and coded.targets == [None]
        if home:  # protests, repression and concessions with no one named are aimed at home
            coded.targets = [self.implied.country_of(coded.sources[0])]
        claimed = self.claimed_by(trigger)
        date = dates.date_of(trigger)
        for source in coded.sources:
            for target in coded.targets:
                if target == source and len(coded.targets) > 1:
                    continue  # "Kosovo and Israel would recognise each other": each the other
                if target == source and not home and coded.type not in HOSTILE:
                    target = None  # "would deny entry to the United States": no actor acts on itself
                yield Event(
                    type=coded.type, source=source, target=target, trigger=trigger.text,
                    start=trigger.idx, end=trigger.idx + len(trigger.text), mode=coded.mode, date=date,
                    negated=coded.negated, modality=coded.modality, claimed_by=claimed,  # type: ignore[arg-type]
                )  # fmt: skip
