"""How an article uses a name NER found, when the name alone does not say what it names.

NER reads many towns, crossings and rivers of the region as people ("near Avdiivka", "the
Jarinje crossing") or organisations ("the town of Ohrid"), and some people as organisations
("Mimoza Rexhepi, a nurse on her way to a shift"). The words around a name decide, and
``relabel_surnames`` corrects NER's label before the actors stage resolves the name.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsgraph.analysis.coref import gender_from_context
from newsgraph.analysis.mentions import Mention
from newsgraph.knowledge.gazetteer import NAME_SUFFIXES, Gazetteer, ascii_fold
from newsgraph.knowledge.names import first_name_gender

# News outlets and companies the tagger often reads as people; none is anyone's usual surname
_COMPANIES_AND_OUTLETS = frozenset(
    name.strip()
    for name in """Politico|Axios|Newsweek|Breitbart|Stratfor|Bloomberg|Reuters|Interfax|Sputnik|TASS|Xinhua|
    Euronews|Twitter|Facebook|Instagram|Telegram|TikTok|YouTube|WhatsApp|Google|Microsoft|Boeing|
    Raytheon|Gazprom|Rosneft|Rosatom|Naftogaz|Fitch|Al Jazeera|Northrop Grumman|Lockheed Martin|
    Washington Post|New York Times|Wall Street Journal|Financial Times|Daily Mail|Fox News|Sky News|
    RIA Novosti|Forbes|South China Morning Post|Kyiv Independent|Kyiv Post|Moscow Times|
    Meduza|Le Monde|Der Spiegel|Spiegel|Bild|Die Welt|Welt|Haaretz|Kommersant|Izvestia|Vedomosti|
    Politika|Blic|Danas|Informer|Kurir|Yle""".split("|")
)
_OUTLETS_BY_FIRST_WORD: dict[str, list[str]] = {}
for _name in sorted(_COMPANIES_AND_OUTLETS, key=len, reverse=True):  # longest first
    _OUTLETS_BY_FIRST_WORD.setdefault(_name.split()[0], []).append(_name)
_OUTLET_FIRST_WORD_IDS = np.array([get_string_id(w) for w in _OUTLETS_BY_FIRST_WORD], dtype=np.uint64)
# prepositions after which a lone name is a place: "in Leposavić" is the town, not a minister
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
_DIRECTIONS = frozenset({"towards", "toward", "into", "along", "via"})
_ONLY_PLACES_AFTER = frozenset({"near", "outside", "around", "across", "throughout", "towards", "toward"})
_TRAVEL_VERBS = frozenset("go travel fly drive return move head come walk march flee sail".split())
# what a name can be the name of, other than someone: "the Jarinje crossing", "the lakeside town
# of Ohrid", and things named after people ("the Nikola Tesla airport", "the Sakharov prize")
_PLACE_NOUNS = frozenset(
    """crossing region oblast province river city town village port airport border district
    municipality valley area bridge street square avenue boulevard road university school
    hospital station stadium arena museum park prize award foundation centre center hall""".split()
)


_HELD_LAND = frozenset({"occupied", "annexed", "liberated", "recaptured"})


def reads_as_place(token: Token) -> bool:
    """A word used as a place: named as one (below), or after a place preposition ("in Kherson",
    "towards Rostov", "drive to Raška")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "poss":
        return False  # "outside Vučić's office": the office is the place
    if named_as_place(token):
        return True
    doc, i = token.doc, token.i
    if i > 0 and doc[i - 1].lower_ == "the":
        i -= 1  # "via the Danube"
    before = doc[i - 1] if i > 0 else None
    if before is None:
        return False
    travelled = before.lower_ == "to" and before.head.lemma_.lower() in _TRAVEL_VERBS  # "drive to Raška"
    hyphenated = before.text == "-" and i > 1 and doc[i - 2].lower_ in ("on", "upon")  # "Rostov-on-Don"
    return before.lower_ in _PLACE_PREPOSITIONS or before.lower_ in _DIRECTIONS or travelled or hyphenated


def named_as_place(token: Token) -> bool:
    """The name of a crossing, a town, a held land or a thing named after someone: "the Jarinje
    crossing", "Luhansk region", "the lakeside town of Ohrid", "occupied Crimea", "Belgrade's
    Nikola Tesla airport"."""
    doc = token.doc
    after = doc[token.i + 1].lemma_.lower() if token.i + 1 < len(doc) else ""
    if token.i > 0 and doc[token.i - 1].lower_ in _HELD_LAND:
        return True  # "occupied Crimea", "Russian-occupied Kherson"
    described = token.dep_ in ("compound", "nmod") and token.head.lemma_.lower() in _PLACE_NOUNS
    of_place = (
        token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in _PLACE_NOUNS
    )
    # "University of Alberta's Olav Rueppell": the parse hangs the person on "of"
    owned = token.left_edge.i > 0 and doc[token.left_edge.i - 1].tag_ == "POS"
    of_place = of_place and not owned
    return described or of_place or after in _PLACE_NOUNS


def organisation_as_place(name: Span) -> bool:
    """An ORG of NER's named as a place, or after a preposition no organisation follows ("copper
    mines around Bor"); "in" and "at" are left out: "in Congress", "at the Institute"."""
    before = name.doc[name.start - 1].lower_ if name.start > 0 else ""
    return named_as_place(name.root) or before in _ONLY_PLACES_AFTER


def reads_as_person(name: Span) -> bool:
    """A known first name ("Petar Jović"), or a name an apposition describes as someone's ("Mimoza
    Rexhepi, a nurse on her way to a shift"; "Dragan Pešić, a farmer and father of two")."""
    if _starts_with_first_name(name):
        return True
    words = [t for t in name if t.is_alpha]
    if not 2 <= len(words) <= 3 or not all(t.pos_ == "PROPN" and t.is_title for t in words):
        return False
    described = [c for c in name.root.children if c.dep_ == "appos" and c.i >= name.end]
    return any(t.lower_ in ("his", "her") for a in described for t in a.subtree) or (
        gender_from_context(name.doc, name.start, name.end) is not None
    )


# what an apposition calls a name when the name is an organisation's: "Srpska Lista, the main
# Kosovo Serb party", "Alternativna Televizija, a Banja Luka broadcaster"
_ORGANISATION_NOUNS = frozenset(
    """party broadcaster channel newspaper daily weekly outlet agency company firm bank group
    movement coalition alliance network station publisher operator manufacturer producer
    institute foundation association union organisation organization magazine tabloid
    website""".split()
)


def reads_as_organisation(name: Span) -> bool:
    """A name an apposition after it, or the noun right before it, describes as an organisation
    ("the American magazine Forbes")."""
    described = [c for c in name.root.children if c.dep_ == "appos" and c.i >= name.end]
    before = name.doc[name.start - 1] if name.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and name.start <= before.head.i < name.end:
        described.append(before)
    return any(a.lemma_.lower() in _ORGANISATION_NOUNS for a in described)


def _starts_with_first_name(span: Span) -> bool:
    words = [t for t in span if t.is_alpha]
    return (
        2 <= len(words) <= 3
        and all(t.pos_ == "PROPN" and t.is_title for t in words)
        and first_name_gender(span.text) is not None
    )


def hyphenated_end(token: Token) -> int:
    """Where a name that starts at ``token`` ends: past "-Rose" when the tokens are glued."""
    doc = token.doc
    if token.whitespace_ or token.i + 2 >= len(doc):
        return token.i + 1  # most names end where a space follows
    hyphen = doc[token.i + 1]
    glued = hyphen.text == "-" and not hyphen.whitespace_
    return token.i + 3 if glued else token.i + 1


_APOSTROPHE_NAME = re.compile(r"^[A-Z][a-z]?['’][A-Z]\w+$")


def name_words(span: Span) -> list[str]:
    """The words of a person's name, hyphenated ones whole ("Sam Ashworth-Hayes": two words),
    initials and apostrophes kept ("J.D. Vance", "Mitch O'Farrell": two words) and "Jr." dropped."""
    words: list[str] = []
    glued = False
    for token in span:
        initials = token.text.replace(".", "").isalpha() and token.text.endswith(".")
        apostrophe = _APOSTROPHE_NAME.match(token.text) is not None  # "O'Farrell", "D’Alema"
        if (
            not (token.is_alpha or token.text == "-" or initials or apostrophe)
            or token.lower_ in NAME_SUFFIXES
        ):
            glued = False
            continue
        if glued and words:
            words[-1] += token.text
        else:
            words.append(token.text)
        glued = not token.whitespace_
    return [w for w in words if w.strip("-")]


def add_untagged_outlets(doc: Doc, mentions: list[Mention]) -> None:
    """ "Axios reported…" where NER tagged nothing: a known outlet or company is an organisation."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    # only the tokens that can start a name become Token objects: most words never do
    starts = np.flatnonzero(np.isin(doc.to_array([ORTH]), _OUTLET_FIRST_WORD_IDS))
    for token in (doc[int(i)] for i in starts):
        if token.i in taken or _in_credit(token):
            continue
        for name in _OUTLETS_BY_FIRST_WORD[token.text]:
            end = token.i + len(name.split())
            if doc[token.i : end].text == name and not taken & set(range(token.i, end)):
                mentions.append(Mention(token.i, end, "ORG", "ner"))
                taken.update(range(token.i, end))
                break
    mentions.sort(key=lambda m: m.start)


def _in_credit(token: Token) -> bool:
    """ "(Xinhua/Guo Xulei)": a photo credit names no actor."""
    doc = token.doc
    return any(0 <= i < len(doc) and doc[i].text == "/" for i in (token.i - 1, token.i + 1))


def relabel_surnames(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer | None = None) -> None:
    """NER often calls a person an organisation or a place ("Petar Jović" as ORG, a lone
    "Vučić" as GPE): a known first name, or the article's full names, decide."""
    organisations = _names_after_the(doc, mentions)
    for mention in mentions:
        if mention.how == "ner":
            _take_first_name(doc, mention)
            span = mention.span(doc)
            # "Politico reported", "Fitch downgraded", "the magazine Forbes": NER's people, or a
            # surname of the gazetteer's, that the article shows is an organisation
            if span.text in _COMPANIES_AND_OUTLETS or reads_as_organisation(span):
                mention.label = "ORG"
                organisations.add(span.text)
            elif mention.label in ("ORG", "LOC") and reads_as_person(span):
                mention.label = "PER"
    surnames = set()
    for mention in mentions:
        words = name_words(mention.span(doc))
        if mention.label == "PER" and len(words) >= 2:
            surnames.add(ascii_fold(words[-1]).casefold())
    for mention in mentions:
        lone_name = mention.how == "ner" and mention.end - mention.start == 1
        word = doc[mention.start].text
        if lone_name and word in organisations and ascii_fold(word).casefold() not in surnames:
            mention.label = "ORG"
            continue
        lone_name = lone_name and mention.label != "PER"
        if lone_name and ascii_fold(word).casefold() in surnames:
            mention.label = "PER"
        elif lone_name and _known_surname(doc[mention.start], gazetteer):
            mention.label = "PER"  # a known person's surname NER took for a place: "Vučić said"


def _names_after_the(doc: Doc, mentions: list[Mention]) -> set[str]:
    """Lone names the article writes after "the", heading their phrase ("The Sun", "the
    Guardian"): no one's surname takes "the" ("the Biden administration" is another matter), so
    every lone use of the word is that organisation ("a Sun investigation")."""
    found = set()
    for mention in mentions:
        word = doc[mention.start]
        lone = mention.how == "ner" and mention.end - mention.start == 1
        the = doc[mention.start - 1] if mention.start > 0 else None
        # a capital "The" inside a sentence is part of a title ("most read in The Sun")
        titled = the is not None and the.text == "The" and not the.is_sent_start
        named = titled or (mention.label in ("PER", "ORG") and not reads_as_place(word))
        after_the = the is not None and the.lower_ == "the" and named
        # "the Bali talks": a name before a noun modifies it
        heads = word.i + 1 == len(doc) or doc[word.i + 1].pos_ not in ("NOUN", "PROPN")
        if lone and after_the and heads and word.tag_ != "NNPS" and word.dep_ != "compound":
            found.add(word.text)
    return found


def _take_first_name(doc: Doc, mention: Mention) -> None:
    """ "Ana Perić" when NER found only "Perić": a capitalised first name just before joins."""
    if mention.end - mention.start != 1 or mention.start == 0:
        return
    before = doc[mention.start - 1]
    if before.pos_ == "PROPN" and before.is_title and first_name_gender(f"{before.text} x"):
        mention.start -= 1
        mention.label = "PER"


def _known_surname(token: Token, gazetteer: Gazetteer | None) -> bool:
    """A gazetteer person's surname, unless the text uses it as a place ("In Leposavić, …")."""
    if gazetteer is None or not gazetteer.by_surname(token.text):
        return False
    return not reads_as_place(token)
