"""The grammar the events stage reads: the PLOVER dictionary (``knowledge/data/plover_*.tsv``),
the verbs that frame another verb, the words of modality, and predicates over parsed tokens."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token

from newsgraph.analysis.speakers import ADDRESSING, own_subject
from newsgraph.records import EVENT_TYPES

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
HOSTILE = frozenset({"THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
DOMESTIC = frozenset({"PROTEST", "COERCE", "CONCEDE"})  # with no recipient named: the actor's own country
# Verbs that take another verb, and what they make of it.
FRAMES = {
    **dict.fromkeys(("agree", "offer", "promise", "pledge", "vow", "swear", "undertake", "commit"), "commit"),
    **dict.fromkeys(("threaten",), "threaten"),
    **dict.fromkeys(("refuse", "decline", "fail", "reject"), "refuse"),
    **dict.fromkeys(
        "urge ask call appeal press push demand implore request convince persuade encourage".split(),
        "request",
    ),
    **dict.fromkeys(("plan", "intend", "prepare", "aim", "want", "hope", "expect", "seek", "move"), "future"),
    **dict.fromkeys(("try", "attempt"), "attempt"),
    **dict.fromkeys(("begin", "start", "continue", "resume", "decide", "manage"), "aspect"),
    **dict.fromkeys(("order", "force", "compel", "oblige"), "compel"),
}
# "is willing to", "are ready to": adjectives that frame the verb after them.
ADJECTIVE_FRAMES = {
    **dict.fromkeys(("willing", "ready", "prepared", "committed", "determined", "eager"), "commit"),
    **dict.fromkeys(("unwilling", "reluctant"), "refuse"),
    **dict.fromkeys(("likely", "expected", "set", "due", "about"), "future"),
}
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "'d"})
CONDITIONS = frozenset({"if", "unless"})
OBJECT_DEPS = {"dobj": ("dobj",), "dative": ("dative", "iobj")}
PERSONAL_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
DEMAND_VERBS = frozenset({"demand", "insist", "urge", "request", "ask", "order", "require"})
STATEMENT_VERBS = frozenset({"say", "announce", "declare", "conclude", "state", "tell", "add", "argue"})
OBLIGATION = frozenset({"must", "should", "ought"})
FALLBACK_TARGETS = (
    "dobj", "xcomp", "prep:against", "prep:with", "prep:for", "prep:in", "prep:into", "prep:to", "prep:on",
    "prep:at", "prep:near",
)  # fmt: skip
EFFORT_NOUNS = frozenset({"effort", "campaign", "mission", "process", "operation", "bid", "plan"})
RECIPROCAL = frozenset({"reach", "meet", "agree", "talk", "negotiate", "sign", "settle"})
PASSAGES = frozenset(
    """road street highway bridge border crossing entrance access traffic transport railway port
    airport square route motorway junction""".split()
)
TIME_WORDS = frozenset("today yesterday tomorrow week weekend month year day night season".split())
LIGHT_VERBS = frozenset(
    """stage hold launch begin start continue mount lodge issue open conduct carry make take file
    announce organise organize resume end impose declare halt suspend""".split()
)


@dataclass(frozen=True, slots=True)
class Entry:
    type: str
    mode: str | None
    targets: tuple[str, ...]  # "dobj", "dative", "prep:<word>"
    symmetric: bool
    required: bool = False  # "dobj!": only an event when the relation is there ("returned the land")


@dataclass(slots=True)
class Coded:
    """One event before it becomes records: the tokens that carry it and what they mean."""

    trigger: Token
    type: str
    mode: str | None
    sources: list[str]
    targets: list[str | None]
    negated: bool = False
    modality: str = "asserted"


@functools.lru_cache(maxsize=2)
def load_dictionary(name: str) -> dict[str, list[Entry]]:
    """``verbs`` or ``nouns``: lemma (with a particle, "call on") -> entries, in file order."""
    text = resources.files("newsgraph.knowledge").joinpath("data", f"plover_{name}.tsv").read_text("utf-8")
    entries: dict[str, list[Entry]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, kind, mode, target = [*line.split("\t"), "", "", ""][:4]
        if kind not in EVENT_TYPES:
            raise ValueError(f"plover_{name}.tsv: {lemma!r} has type {kind!r}, not one of PLOVER's 16")
        relations = tuple(t.rstrip("!") for t in target.split(",") if t)
        entry = Entry(
            kind, mode or None, tuple(r for r in relations if r != "sym"), "sym" in relations, "!" in target
        )
        entries.setdefault(lemma, []).append(entry)
    return entries


def modality(verb: Token, claimed: bool) -> str:
    """Future ("will", "would" in reported speech), hypothetical (a condition, "could", "would
    have"), reported (in a quote, ``claimed``), or asserted."""
    chain = xcomp_chain(verb)  # "will not apply to join NATO": join is negated and future
    if verb.dep_ == "conj" and not any(c.dep_ in ("aux", "neg") for c in verb.children):
        chain.append(verb.head)  # "would not recognise Kosovo or accept…": one "would not" for both
    auxiliaries = {c.lower_ for v in chain for c in v.children if c.dep_ in ("aux", "auxpass")}
    reported = any(v.dep_ == "ccomp" for v in (verb, chain[-1])) or claimed
    # "would have condemned": what did not happen, in reported speech or not
    counterfactual = bool(auxiliaries & HYPOTHETICAL_AUX) and bool(auxiliaries & {"have", "'ve"})
    if inside_condition(verb) or counterfactual or _yes_no_question(verb):
        return "hypothetical"
    if auxiliaries & FUTURE_AUX or going_to(verb) or ("would" in auxiliaries and reported):
        return "future"
    if auxiliaries & HYPOTHETICAL_AUX:
        return "hypothetical"
    return "reported" if claimed else "asserted"


def _yes_no_question(verb: Token) -> bool:
    """ "Did Russia destroy the dam?": asked, not asserted (a "why" question presupposes it)."""
    sentence = verb.sent
    opener = next((t for t in sentence if not t.is_punct and not t.is_space), None)
    asked = sentence.text.rstrip().rstrip("\"'”’").endswith("?")
    return asked and opener is not None and opener.head == verb and opener.dep_ in ("aux", "auxpass")


def noun_entry(
    noun: Token, nouns: dict[str, list[Entry]], names_a_country: Callable[[Token], bool]
) -> Entry | None:
    """The event noun's entry, a compound first ("hunger strike", "air strike"); a state's
    strikes are attacks ("its strikes caused blackouts", "strikes on Kyiv"), a union's a walkout."""
    lemma = noun.lemma_.lower()
    compounds = [c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")]
    for word in compounds:
        if nouns.get(f"{word} {lemma}"):
            return nouns[f"{word} {lemma}"][0]
    if lemma == "strike" and _military_strike(noun, names_a_country):
        return Entry("ASSAULT", None, ("prep:on", "prep:against"), False)
    if nouns.get(lemma):
        return nouns[lemma][0]
    if lemma in EFFORT_NOUNS:  # "a mediation effort", "a peace campaign"
        for child in noun.children:
            if child.dep_ == "compound" and nouns.get(child.lemma_.lower()):
                return nouns[child.lemma_.lower()][0]
    return None


def _military_strike(noun: Token, names_a_country: Callable[[Token], bool]) -> bool:
    if any(c.dep_ == "prep" and c.lower_ == "on" for c in noun.children):
        return True
    return any(c.dep_ in ("poss", "amod") and names_a_country(c) for c in noun.children)


def compelled(
    verb: Token, inner: Token, entry: Entry | None, sources: list[str], targets: list[str | None]
) -> Coded:
    """An order to another party: coercion when it must give something up ("ordered the paper
    to suspend publication", "forced the army to withdraw"), else a demand ("ordered him to
    appear for questioning")."""
    if (entry is not None and entry.type in YIELDING) or inner.lemma_.lower() in CEASE_VERBS:
        return Coded(verb, "COERCE", None, sources, targets)
    return Coded(verb, "REQUEST", request_mode(entry), sources, targets)


def light_verb_entry(light: str, noun: Token, entry: Entry | None, armed: Callable[[], bool]) -> Entry | None:
    """What a light verb and its event noun code together ("held talks", "lodged a protest")."""
    if entry is None or (light == "hold" and noun.lemma_.lower() == "veto"):
        return None  # "Russia, which holds a veto": a power it has, not one it used
    if light == "make" and entry.mode == "demo":
        return None  # "made a game demonstration": one shows something, one stages a protest
    if light == "lodge" and entry.type == "PROTEST":
        return Entry("ACCUSE", "disapprove", ("prep:with", "prep:to"), False)  # a diplomatic protest
    if light in ("end", "halt", "suspend", "break") and entry.type in COOPERATIVE:
        return Entry("SANCTION", "discontinue", entry.targets, False)  # "ended mediation efforts"
    if entry.mode == "strike" and armed():
        return Entry("ASSAULT", None, entry.targets, False)  # "the armed forces carried out a strike"
    return entry


def fallback_relations(entry: Entry | None) -> tuple[str, ...]:
    """Where to look for a recipient the entry's own relations did not find, by the event's type."""
    if entry is None:
        return FALLBACK_TARGETS
    if entry.type == "CONSULT" and "dobj" not in entry.targets:
        dropped: tuple[str, ...] = ("dobj", "xcomp")  # a meeting's object is its topic
    elif entry.type in HOSTILE:
        # "carried out air strikes with U.S. forces", "is fighting for the West": partners
        dropped = ("prep:with", "prep:for") if entry.type == "ASSAULT" else ("prep:with",)
    elif entry.type in COOPERATIVE:
        dropped = ("prep:against",)  # "help Ukraine defend itself against Russia"
    elif entry.type == "REQUEST":
        dropped = ("prep:for",)  # "pushing for war against Russia": what is asked for, not of whom
    else:
        dropped = ()
    return tuple(r for r in FALLBACK_TARGETS if r not in dropped)


def nearest_subject(verb: Token) -> Token | None:
    """The verb's own subject (``speakers.own_subject``: the nearer of two)."""
    return own_subject([c for c in verb.children if c.dep_ == "nsubj"], verb)


def addressed(verb: Token) -> bool:
    """A passive participle of asking with no subject of its own ("when asked whether…"): the
    subject of the clause it hangs on is who was asked, not who asks."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "acl")
        and verb.lemma_.lower() in ADDRESSING
        and not any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in verb.children)
    )


def admission_or_idiom(verb: Token, entry: Entry) -> bool:
    """A verb whose entry codes no event here: an admission ("officials concede that the measures
    will land a limited blow") or an idiom ("shot himself in the foot", "fired back")."""
    if verb.lemma_.lower() in _ADMISSIONS and any(c.dep_ == "ccomp" for c in verb.children):
        return True
    if verb.lemma_.lower() == "fire" and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children
    ):
        return True
    return entry.type == "ASSAULT" and any(
        c.dep_ == "dobj" and c.lower_.endswith("self") for c in verb.children
    )


def done_to(noun: Token, owner: Token) -> bool:
    """An act noun whose owner is who it is done to: "Putin's arrest", "Navalny's poisoning"; not
    when an "of" names that ("Russia's arrest of the journalist")."""
    patient_named = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    return (
        noun.lemma_.lower() in _DONE_TO and owner.dep_ in ("poss", "amod", "compound") and not patient_named
    )


def framing(verb: Token) -> bool:
    """A verb of intent or aspect with the verb it frames ("sought to assure", "hopes to join"),
    which means nothing of its own; "ordered units to move" is still an order."""
    return FRAMES.get(verb.lemma_.lower()) in ("future", "aspect", "attempt") and any(
        c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children
    )


def plover_intent(coded: Coded) -> Coded:
    """PLOVER codes what is promised or planned as AGREE, and hostile intentions as THREATEN."""
    if coded.modality == "future" and not coded.negated:
        if coded.type in COOPERATIVE - {"AGREE"}:
            coded.type, coded.mode = "AGREE", None
        elif coded.type in HOSTILE - {"THREATEN"}:
            coded.type = "THREATEN"
    return coded


def request_mode(entry: Entry | None) -> str | None:
    if entry is None:
        return None
    return {"CONSULT": "meet", "AID": "assist", "RETREAT": "yield", "CONCEDE": "yield"}.get(
        entry.type, "change"
    )


def inside_condition(verb: Token) -> bool:
    """The verb of an "if"/"unless" clause."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children)


def on_condition(verb: Token, word: str) -> bool:
    """The verb governs a condition clause: "will withdraw unless they pay"."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == word for m in c.children)
        for c in verb.children
    )


POLICE_UNITS = frozenset("police gendarmerie officer".split())
# what a leader's name before or owning it makes the leader's country's
_ADMISSIONS = frozenset({"concede", "admit", "acknowledge"})
_DONE_TO = frozenset(
    """arrest detention killing assassination murder abduction kidnapping execution expulsion
    extradition release deportation imprisonment jailing sentencing conviction trial poisoning""".split()
)
HOMELANDS = frozenset(
    "country nation homeland motherland fatherland government administration regime".split()
)

MILITARY_UNITS = frozenset(
    """troop soldier peacekeeper force contingent deployment battalion brigade unit army navy warship
    column convoy tank warplane mercenary""".split()
)


# What a party made to act gives up: ordering it to is coercion, not a demand.
YIELDING = frozenset({"SANCTION", "RETREAT", "REJECT", "CONCEDE"})
CEASE_VERBS = frozenset("stop halt cease close shut suspend quit leave abandon surrender".split())
# What a party stops doing when it de-escalates: "agreed to suspend its campaign" is no threat.
HOSTILE_ACTIVITIES = frozenset(
    """campaign attack offensive operation strike protest blockade boycott fighting hostility
    shelling bombing raid""".split()
)


def ceases_hostilities(inner: Token) -> bool:
    """ "suspend its campaign", "halt the attacks": an act of stopping one's own hostile action."""
    objects = {c.lemma_.lower() for c in inner.children if c.dep_ == "dobj"}
    return inner.lemma_.lower() in CEASE_VERBS and bool(objects & HOSTILE_ACTIVITIES)


# Whom an order to act leaves acting on the giver's behalf ("ordered troops to withdraw").
OWN_AGENTS = MILITARY_UNITS | frozenset(
    "police official officer ministry agency staff diplomat embassy government authority".split()
)


def by_arrival(verb: Token, entry: Entry) -> Entry:
    """Troops that arrive are deployed, not visiting: peacekeepers are aid, other forces a
    mobilisation ("the first NATO peacekeeping troops arrived in Bosnia")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if entry.mode != "visit" or subject is None or subject.lemma_.lower() not in MILITARY_UNITS:
        return entry
    if any(t.lower_.startswith("peacekeep") for t in subject.subtree):
        return Entry("AID", None, entry.targets, False)
    return Entry("MOBILIZE", "troops", entry.targets, False)


def is_background(token: Token) -> bool:
    """Relative clauses, participle modifiers and "…, killing one person" adjuncts describe the
    background of the sentence's event, not news of their own: they are not coded."""
    if token.dep_ == "acl":
        return True
    return (
        token.dep_ == "advcl" and token.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in token.children)
    )


def dictionary_lemma(token: Token, known: object) -> str:
    """The token's lemma, mended where the lemmatiser dropped an "e" ("staged" -> "stag")."""
    lemma = token.lemma_.lower()
    if lemma not in known and f"{lemma}e" in known and token.lower_.startswith(f"{lemma}e"):  # type: ignore[operator]
        return f"{lemma}e"
    return lemma


def purpose_clauses(verb: Token) -> list[int]:
    """Verbs of "to"-clauses that give the purpose of an event ("…to demand reforms")."""
    return [
        t.i
        for clause in verb.children
        if clause.dep_ in ("advcl", "xcomp")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        for t in clause.subtree
        if t.pos_ in ("VERB", "AUX")
    ]


def alleged_acts(verb: Token) -> list[int]:
    """Verbs in the "of"/"for" complement of an accusation or a demand."""
    return [
        t.i
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for")
        for t in prep.subtree
        if t.pos_ in ("VERB", "AUX")
    ]


def blocks_a_place(verb: Token) -> bool:
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.lemma_.lower() in PASSAGES for o in objects)


def going_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and verb.head.lemma_ == "go"


def conjuncts(token: Token) -> list[Token]:
    found, frontier = [], [token]
    while frontier:
        current = frontier.pop()
        for child in current.children:
            if child.dep_ == "conj":
                found.append(child)
                frontier.append(child)
    return found


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def xcomp_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it is the open complement of ("apply" above "to join")."""
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.i != chain[-1].i and len(chain) < 4:
        chain.append(chain[-1].head)
    return chain


def dates(prep: Token) -> bool:
    """The preposition's object is a date or time ("on Monday", "in the evening")."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def frames_its_own(verb: Token) -> bool:
    """A verb with its own "to"-clause ("called on X to impose"): the head of a frame of its own."""
    return any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)


def reciprocal(token: Token) -> bool:
    """ "each other", "one another"."""
    doc, word = token.doc, token.lower_
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    # the parse heads "one another" on either word
    return (before, word) in (("each", "other"), ("one", "another")) or (word, after) == ("one", "another")


def unnamed_owner(head: Token, actor_tokens: Mapping[int, str]) -> bool:
    """The phrase has an owner that names no actor ("its northern neighbour's path", "the
    government's plan"). A time is no owner ("last week's attack"), and a possessive pronoun is
    most often the subject's own ("agreed to suspend its campaign against Kosovo")."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if (
        owner is None
        or owner.pos_ == "PRON"
        or owner.ent_type_ in ("DATE", "TIME")
        or owner.lower_ in TIME_WORDS
    ):
        return False
    return not any(t.i in actor_tokens for t in owner.subtree)


def _participle_clause(token: Token) -> bool:
    """ "a crisis brought about by the war in Ukraine": a clause of its own inside the phrase."""
    return token.dep_ == "acl" and token.tag_ == "VBN" and any(c.dep_ == "agent" for c in token.children)


def outside_relative_clauses(head: Token) -> list[Token]:
    """The phrase's tokens in order, less its relative and passive participle clauses."""
    found, frontier = [], [head]
    while frontier:
        token = frontier.pop()
        found.append(token)
        # a passive clause deeper in the phrase describes something else in it ("…to much of
        # Europe, a continent in a crunch brought about by the war in Ukraine")
        deeper = token is not head
        frontier.extend(
            c for c in token.children if c.dep_ != "relcl" and not (deeper and _participle_clause(c))
        )
    return sorted(found, key=lambda t: t.i)


def negated(verb: Token) -> bool:
    """ "did not", "never", "neither recognise … nor support": both; "would not recognise … or
    accept": the second too (a verb joined by "and" takes no negation from the first)."""
    if _has_negation(xcomp_chain(verb)):
        return True
    if verb.dep_ != "conj":
        return False
    joined = _joined_by(verb)
    return joined == "nor" or (joined == "or" and _has_negation([verb.head]))


def _has_negation(verbs: list[Token]) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "neither") for v in verbs for c in v.children)


def _joined_by(conjunct: Token) -> str | None:
    """The coordinating word before a conjunct ("or" in "recognise Kosovo or accept")."""
    cc = [c for c in conjunct.head.children if c.dep_ == "cc" and c.i < conjunct.i]
    return cc[-1].lower_ if cc else None
