"""Entity mentions in a parsed doc: gazetteer names merged with spaCy's NER, noise removed.

The gazetteer is matched over token n-grams with the gazetteer's own
normalisation (diacritics, case and periods ignored: "Vucic" finds "Vučić",
"U.S." finds "US"), so known actors are never missed; spaCy's NER adds the
names the gazetteer does not know. Each mention gets a CoNLL-style label
(PER, ORG, LOC, or MISC for demonyms) so the detector can be scored on its own.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span, Token

from newsgraph.analysis.coref import HONORIFICS
from newsgraph.knowledge.gazetteer import Gazetteer, GazetteerActor, match_key
from newsgraph.knowledge.names import first_name_gender

# spaCy label -> CoNLL label
NER_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"}
KIND_LABELS = {"person": "PER", "organization": "ORG", "group": "ORG", "country": "LOC", "other": "LOC"}
MAX_NGRAM = 7
_COUNTRY_SIMILARITY = 88
_PREFIXES = {"pro", "anti", "non"}  # "pro-Putin" is a stance, not a mention of Putin
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_POSSESSIVE_IN_NAME = re.compile(r"(\w)'s\b")
_NOISE = re.compile(
    r"^(must read|read more|related|latest|trending|share|subscribe|advertisement|getting your|"
    r"follow us|sign up|breaking|exclusive|watch|video|photo|opinion|analysis|editorial|update|gmt|utc|"
    r"verdict|spoiler|fact check)\b",
    re.IGNORECASE,
)
_NOT_NAME_WORDS = frozenset({"ADV", "CCONJ", "SCONJ", "INTJ"})
_FINITE_VERBS = frozenset({"VBZ", "VBP", "VBD", "MD"})
_NAME_ENDS = frozenset({"(", "[", "to", "“", "”", '"', "«", "»", "„", "•", "|", "·", "‘"})
_DANGLING = frozenset({"of", "the", "for", "and", "&", "in", "on", "at"})
# "the capital Kyiv", "the city of Mariupol": the kind of place is no part of its name
_PLACE_WORDS = frozenset({"the", "a", "an", "capital", "city", "town", "village", "region", "province"})
_NAME_PARTICLES = frozenset("van von der den de da di du la le bin ibn ter ten".split())
_WATERS = frozenset("sea ocean gulf bay strait river lake channel".split())
# prepositions a Title Case headline capitalises and a name seldom does more than once
_HEADLINE_PREPOSITIONS = frozenset("along in to into on at for from with after over against amid".split())
# last words of a name that make it an organisation's, whatever place it names
_ORGANISATION_HEADS = frozenset(
    "post times news journal herald tribune gazette telegraph press agency university institute".split()
)
_DASHES = frozenset({"-", "–", "—"})
_HONORIFICS = frozenset({*HONORIFICS, "dr", "prof", "professor"})  # the gendered ones and the rest
# Words that may stand before a name inside one NER span without making it another entity.
_RANKS = frozenset(
    """general major colonel lieutenant captain admiral sergeant corporal brigadier marshal
    commander gen maj col lt capt adm sgt""".split()
)
_TRADES = frozenset("writer reporter correspondent photographer columnist editor".split())
_TITLE_WORDS = (
    frozenset(
        """president prime minister premier chancellor foreign defence defense interior finance
    secretary state general spokesman spokeswoman spokesperson leader king queen emir sheikh
    ambassador envoy special representative deputy vice former acting head chief commander
    mr mrs ms dr prof professor sir lord lady senator congressman congresswoman mp rep gen lt col adm
    treasurer top senior lawyer attorney chair chairman chairwoman mep
    high commissioner mayor governor councilman councilwoman councillor pope patriarch archbishop the of
    sergeant captain colonel lieutenant corporal brigadier marshal admiral major""".split()
    )
    | _TRADES
)


@dataclass(slots=True)
class Mention:
    """A span of the doc that names (or may name) an actor."""

    start: int  # token indices into the doc, end exclusive
    end: int
    label: str  # PER, ORG, LOC or MISC
    how: str  # alias, demonym, metonym, place, group, ner
    actors: list[GazetteerActor] = field(default_factory=list)

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]

    @property
    def actor(self) -> GazetteerActor | None:
        return self.actors[0] if self.actors else None


class MentionFinder:
    """Finds gazetteer and NER mentions in a doc; one instance per pipeline."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # the doc's full names as (first word, last word): "Ukraine Kissinger" (a subheading run
        # into the text) after "Henry Kissinger" is Kissinger
        self._full_names: list[tuple[str, str]] = []
        # Every surface form's key, and the longest name starting with each first word: the
        # n-gram scan only asks the gazetteer about keys that can match.
        self._keys: set[str] = set()
        self._longest: dict[str, int] = {}
        self._countries: dict[str, GazetteerActor] = {}  # alias key -> country, for misspellings
        # A fuzzy search over every country name per place NER finds; places recur, so remember.
        self._misspelt_country_key = functools.lru_cache(maxsize=4096)(
            functools.partial(_misspelt_country_key, countries=self._countries)
        )
        for text, actor_id, how in gazetteer.surface_forms():
            actor = gazetteer.get(actor_id)
            key = match_key(text)
            if how == "alias" and actor is not None and actor.kind == "country" and len(text) >= 5:
                self._countries[key] = actor
            # the tokenizer splits "People's" into "People" and "'s": so do the n-gram keys
            words = _POSSESSIVE_IN_NAME.sub(r"\1 's", key).removeprefix("the ").split()
            if words:
                self._keys.add(" ".join(words))
                self._longest[words[0]] = max(self._longest.get(words[0], 0), len(words))

    def __call__(self, doc: Doc) -> list[Mention]:
        found = _merge_groups(doc, self.gazetteer_mentions(doc))
        taken = {i for m in found for i in range(m.start, m.end)}
        ents = _with_particles(doc.ents)  # doc.ents is built anew on every read: read once
        self._full_names = [(e[0].text, e[-1].text) for e in ents if e.label_ == "PERSON" and len(e) > 1]
        for ent in (part for whole in ents for part in _split_people(whole)):
            mention = self._from_entity(doc, ent, found, taken)
            if mention is not None:
                found.append(mention)
                taken.update(range(mention.start, mention.end))
        found = [m for m in found if not _is_noise(doc, m)]
        return sorted(found, key=lambda m: m.start)

    def gazetteer_mentions(self, doc: Doc) -> list[Mention]:
        """Longest gazetteer matches, left to right, proper names only."""
        keys = [_token_key(token) for token in doc]
        found: list[Mention] = []
        i = 0
        while i < len(doc):
            mention = self._longest_match(doc, keys, i) if keys[i] in self._longest else None
            if mention is None:
                i += 1
                continue
            found.append(mention)
            i = mention.end
        return found

    def _longest_match(self, doc: Doc, keys: list[str], i: int) -> Mention | None:
        """The longest name from token ``i`` whose key is a gazetteer key and whose shape fits."""
        longest = min(len(doc), i + min(MAX_NGRAM, self._longest[keys[i]] + 2))
        for end in range(longest, i, -1):
            if not keys[end - 1]:
                continue  # a name never ends on punctuation ("the Council of Europe." at a full stop)
            key = " ".join(k for k in keys[i:end] if k)
            if key in self._keys:
                span = doc[i:end]
                mention = self._lookup(span) if _looks_like_a_name(span) else None
                if mention is None and i > 0 and doc[i - 1].lower_ == "the":
                    mention = self._lookup(doc[i - 1 : end])  # names that need their "the": the West
                if mention is not None:
                    return mention
        return None

    def _surname(self, word: str, besides: Span) -> bool:
        """Whether another full name of the doc ends with the word."""
        return any(last == word and first != besides[0].text for first, last in self._full_names)

    def _lookup(self, span: Span) -> Mention | None:
        text = span.text
        actors = [a for a in self.gazetteer.by_alias(text) if not _acronym_as_word(span, a)]
        if actors:
            start = _with_article(span)
            return Mention(start, span.end, KIND_LABELS.get(actors[0].kind, "ORG"), "alias", actors)
        metonym = self.gazetteer.by_metonym(text)
        if metonym is not None:
            return Mention(_with_article(span), span.end, "LOC", "metonym", [metonym[0]])
        country = self.gazetteer.by_demonym(text) if len(span) <= 3 else None  # "South Korean"
        if country is not None:
            return Mention(span.start, span.end, "MISC", "demonym", [country])
        country = self.gazetteer.by_place(text)  # "Kharkiv": a place in Ukraine, no actor
        if country is not None:
            return Mention(span.start, span.end, "LOC", "place", [country])
        return None

    def _misspelt_country(self, ent: Span) -> GazetteerActor | None:
        """ "Ethopia": a place NER found that is one or two letters off a country's name."""
        key = match_key(ent.text)
        if len(key) < 5 or not ent.text[:1].isupper():
            return None
        return self._misspelt_country_key(key)

    def _from_entity(self, doc: Doc, ent: Span, found: list[Mention], taken: set[int]) -> Mention | None:
        """An NER entity becomes a mention unless a gazetteer match already explains it."""
        label = _entity_label(ent)
        if label is None:
            return None
        whole, ent = ent, _trim(ent, person=label == "PER")
        if len(ent) == 0 or (len(ent) == 1 and ent[0].pos_ in ("ADV", "ADP", "SCONJ")):
            return None  # a lone "Sharply" or "Despite" that opens a sentence is no name
        if label == "PER" and len(ent) == 1 and ent[0].tag_ in ("NNS", "JJ"):
            return None  # "Many Teslas have been recalled", "Windy, with gales": no one
        inside = [m for m in found if whole.start <= m.start and m.end <= whole.end]
        place = next((m for m in inside if m.start == ent.start and m.label == "LOC"), None)
        rest = doc[place.end : ent.end].text if place is not None else ""
        named = place is not None and (first_name_gender(rest) is not None or self._surname(rest, whole))
        if named and place is not None and place.end < ent.end:
            # "ambassador to Washington Anatoly Antonov": the place before a name is not in it
            whole = ent = doc[place.end : ent.end]
            inside = [m for m in inside if m.start >= ent.start]
        overlapping = [m for m in found if m.start < whole.end and whole.start < m.end]
        if not overlapping:
            country = self._misspelt_country(ent) if whole.label_ == "GPE" or len(ent) == 1 else None
            if country is not None:
                return Mention(ent.start, ent.end, "LOC", "alias", [country])
            return Mention(ent.start, ent.end, label, "ner")
        for mention in overlapping:
            same = (mention.start, mention.end) == (ent.start, ent.end)
            if mention.how == "metonym" and same and label == "ORG":
                mention.label = label  # the Pentagon, the State Department: institutions, not places
        country = next((m for m in inside if m.how == "alias" and m.label == "LOC"), None)
        if label == "LOC" and country is not None and _region_of(whole, country):
            return None  # "South Lebanon", "northern Kosovo": a region names its country
        if len(overlapping) == len(inside) and not _explains(ent, inside):
            # A longer proper name around gazetteer words: "University of Belgrade",
            # "Serbian Progressive Party". The name wins over the words inside it.
            for mention in inside:
                found.remove(mention)
                taken.difference_update(range(mention.start, mention.end))
            return Mention(ent.start, ent.end, label, "ner")
        return None


def _entity_label(ent: Span) -> str | None:
    """The mention label an NER entity gets (PER, ORG, LOC, MISC), or None when it is no name."""
    label = NER_LABELS.get(ent.label_)
    if label is None or _not_a_name(ent, label):
        return None
    # "Prof Tahir Mamman" read as an organisation: an honorific says it is a person, and so
    # does a rank before a first name ("Major General Igor Konashenkov")
    if len(ent) > 1 and (ent[0].lower_.rstrip(".") in _HONORIFICS or _ranked_name(ent)):
        return "PER"
    if any(t.lower_ in _TRADES for t in ent[1:-1]):
        return "PER"  # "Xinhua writer Shi Hao": a byline
    if label == "LOC" and len(ent) > 1 and ent[-1].lower_ in _ORGANISATION_HEADS:
        return "ORG"  # "the South China Morning Post" is a newspaper, not a region of China
    return label


def _not_a_name(ent: Span, label: str) -> bool:
    """A photo credit, a headline, a portfolio or a disease that NER took for a name."""
    if label == "PER" and any(ch.isdigit() for ch in ent.text):
        return True  # "COVID-19" is no one ("APT28" goes too: as organisations, CoNLL's person
        # names with digits cost more than they gain)
    if label == "ORG" and _portfolio(ent):
        return True  # "Minister of State for Development and International Partnerships"
    if any(t.text == "/" for t in ent):
        return True  # a photo credit ("Xinhua/Guo Xulei") or a pair of terms, not one name
    if any(t.tag_ in _FINITE_VERBS for t in ent):
        return True  # a Title Case headline NER took for a name: "NATO Troops Are Operating…"
    # "Putin Deploys Troops Along Finland Border In Response To NATO…"
    return sum(t.lower_ in _HEADLINE_PREPOSITIONS and t.text[0].isupper() for t in ent[1:]) >= 2


def _portfolio(ent: Span) -> bool:
    """A name right after "minister of", "secretary for" and the like: the office's portfolio."""
    doc = ent.doc
    holder = doc[ent.start - 2] if ent.start >= 2 and doc[ent.start - 1].lower_ in ("of", "for") else None
    return holder is not None and holder.lemma_.lower() in ("minister", "secretary", "commissioner")


def _cut_at_dash(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A hyphenated word after a name describes something else ("a Bill Gates-connected
    official"); a dateline's spaced dash ends the place ("Karachi - Unity Foods"), and elsewhere
    the name."""
    end = next((t.i for t in doc[start + 1 : end - 1] if _hyphen_suffix(t)), end)
    dash = next((t.i for t in doc[start + 1 : end] if t.text in _DASHES and t.whitespace_), None)
    if dash is None:
        return start, end
    line_start = start == 0 or doc[start - 1].is_space or "\n" in doc[start - 1].whitespace_
    return (dash + 1, end) if line_start else (start, dash)


def _hyphen_suffix(token: Token) -> bool:
    """A hyphen glued between a name and a lowercase word ("Gates-connected")."""
    doc = token.doc
    glued = not doc[token.i - 1].whitespace_ and not token.whitespace_
    return token.text == "-" and glued and doc[token.i + 1].is_lower


def _with_particles(ents: tuple[Span, ...]) -> list[Span]:
    """ "Caroline van" + "der" + "Plas" as NER splits them: one person whose name has particles."""
    joined: list[Span] = []
    for ent in ents:
        last = joined[-1] if joined else None
        between = ent.doc[last.end : ent.start] if last is not None else None
        particles = between is not None and all(t.lower_ in _NAME_PARTICLES for t in between)
        ends_in_particle = last is not None and last[-1].lower_ in _NAME_PARTICLES
        if (
            last is not None
            and last.label_ == ent.label_ == "PERSON"
            and particles
            and (len(between) or ends_in_particle)
        ):
            joined[-1] = Span(ent.doc, last.start, ent.end, label="PERSON")
        else:
            joined.append(ent)
    return joined


def _split_people(ent: Span) -> list[Span]:
    """ "Biden and Harris" as one PERSON entity: two people ("Johnson & Johnson" is a company)."""
    joint = next((t for t in ent[1:-1] if t.lower_ == "and"), None)
    if ent.label_ != "PERSON" or joint is None or not ent.doc[joint.i + 1].is_title:
        return [ent]
    return [
        Span(ent.doc, ent.start, joint.i, label="PERSON"),
        Span(ent.doc, joint.i + 1, ent.end, label="PERSON"),
    ]


def _region_of(whole: Span, country: Mention) -> bool:
    """Whether a place name around a country's name is a part of it ("South Lebanon", "Brexit
    Britain"), not a place elsewhere named after it ("New Jersey", "New Mexico") or a sea ("the
    South China Sea")."""
    around = [t for t in whole if not country.start <= t.i < country.end]
    return not any(t.text == "New" for t in around) and whole[-1].lower_ not in _WATERS


def _merge_groups(doc: Doc, found: list[Mention]) -> list[Mention]:
    """ "Kosovo Serbs", "Bosnian Serbs": a place or nationality followed by a people is one group,
    of the place's country, not two countries."""
    merged: list[Mention] = []
    for mention in found:
        last = merged[-1] if merged else None
        people = mention.how == "demonym" and doc[mention.end - 1].tag_ in ("NNPS", "NNS")
        joins = last is not None and people and last.end == mention.start and last.label in ("LOC", "MISC")
        if (
            joins
            and last.how in ("alias", "demonym")
            and last.actor is not None
            and last.actor.kind == "country"
        ):
            merged[-1] = Mention(last.start, mention.end, "MISC", "group", [last.actor])
            continue
        merged.append(mention)
    return merged


def _token_key(token: Token) -> str:
    """A token's match key; most tokens are plain ASCII words, which need no normalising."""
    text = token.text
    if text.isascii() and text.isalpha():
        return text.lower()
    return match_key(text)


def _acronym_as_word(span: Span, actor: GazetteerActor) -> bool:
    """ "Share" is not SHARE: a known acronym written like a word must be tagged a proper noun."""
    if span.text.isupper():
        return False
    key = match_key(span.text)
    forms = [alias for alias in actor.aliases if match_key(alias) == key]
    acronym = bool(forms) and all(alias.isupper() for alias in forms)
    return acronym and any(token.tag_ not in ("NNP", "NNPS") for token in span)


def _with_article(span: Span) -> int:
    """Start a name at its "the" ("the Kremlin", "the United States") unless "the" is another noun's."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ == "the" and span.root.dep_ not in ("compound", "amod"):
        return span.start - 1
    return span.start


def _misspelt_country_key(key: str, countries: dict[str, GazetteerActor]) -> GazetteerActor | None:
    close = process.extractOne(key, list(countries), scorer=fuzz.ratio, score_cutoff=_COUNTRY_SIMILARITY)
    return countries[close[0]] if close else None


def _explains(ent: Span, inside: list[Mention]) -> bool:
    """True if gazetteer matches cover an entity, or a known name does up to its titles."""
    covered = {i for m in inside for i in range(m.start, m.end)}
    uncovered = [t for t in ent if t.i not in covered and not t.is_punct and t.lower_ not in _POSSESSIVES]
    if not uncovered:
        return True
    has_name = any(m.how == "alias" for m in inside)
    return has_name and all(t.lower_ in _TITLE_WORDS for t in uncovered)


def _trim(ent: Span, person: bool) -> Span:
    """Trim an NER span to the name: drop leading determiners, kinds of place, adverbs and
    conjunctions (and titles, for people); end it at a bracket, a quotation mark, a line break,
    "to" or a participle opening a clause ("The Sun saying Kyiv said…"); drop a trailing
    possessive (unless it is a company's own "'s"), punctuation or a dangling "of"."""
    start, end = ent.start, ent.end
    doc = ent.doc
    leading = _TITLE_WORDS | _PLACE_WORDS if person else _PLACE_WORDS
    # "Xinhua writer Shi Hao": a trade after an outlet ends a byline's prefix
    trade = next((t.i for t in ent[1:-1] if t.lower_ in _TRADES), None) if person else None
    start = trade + 1 if trade is not None else start
    # a capitalised sentence opener NER took into the name: "Sometimes Kiev shows…"
    while start < end - 1 and (
        doc[start].lower_ in leading
        or doc[start].is_punct
        or doc[start].pos_ in _NOT_NAME_WORDS
        or doc[start].tag_ == "VBG"  # "Following Russian bombing campaigns, …"
    ):
        start += 1
    # "Movement for Democratic Change (MDC": the bracketed acronym is a mention of its own; a
    # name ends at a line break or a quotation mark ("X.\n\n“Hamas") and before "to" ("Russian
    # Armed Forces to Kyiv")
    end = next(
        (
            t.i
            for t in doc[start + 1 : end]
            if t.text in _NAME_ENDS or t.is_space or t.text.startswith("@") or _opens_clause(t)
        ),
        end,
    )
    if any(dash in ent.text for dash in _DASHES):
        start, end = _cut_at_dash(doc, start, end)
    # "McDonald's said": an "'s" that owns nothing is part of a company's name
    keeps_s = ent.label_ == "ORG" and not (
        end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
    )
    while end > start and _trailing_non_name(doc[end - 1], keeps_s):
        end -= 1
    return doc[start:end]


def _ranked_name(ent: Span) -> bool:
    ranks = 0
    while ranks < len(ent) and ent[ranks].lower_.rstrip(".") in _RANKS:
        ranks += 1
    return 0 < ranks < len(ent) - 1 and first_name_gender(ent[ranks:].text) is not None


def _opens_clause(token: Token) -> bool:
    """A participle heading a clause of its own inside an NER span: "The Sun saying Kyiv…"."""
    return token.tag_ == "VBG" and token.pos_ == "VERB" and token.dep_ in ("acl", "advcl", "xcomp", "ccomp")


def _trailing_non_name(token: Token, keeps_s: bool) -> bool:
    """A possessive, a punctuation mark or a dangling "of" at the end of an NER span."""
    possessive = token.tag_ == "POS" or token.lower_ in _POSSESSIVES
    if possessive:
        return not keeps_s
    # "Communist Party of"; "Alex Bruesewitz 🇺🇸": a symbol ends no name
    return token.is_punct or token.lower_ in _DANGLING or not any(ch.isalnum() for ch in token.text)


def _looks_like_a_name(span: Span) -> bool:
    """Proper-name shape: the first content word is capitalised (so "turkey" and "us" never match)."""
    words = [t for t in span if _has_letters(t)]
    if not words:
        return False
    first = words[0] if words[0].lower_ != "the" or len(words) == 1 else words[1]
    # a possessive inside a known name is part of it ("the People's Republic of China")
    if (
        any(t.is_space for t in span)
        or span[-1].lower_ in _POSSESSIVES
        or span[-1].is_punct
        or span[0].is_punct
    ):
        return False
    return first.text[:1].isupper()


def _is_noise(doc: Doc, mention: Mention) -> bool:
    """Page furniture, stance prefixes, and spans without a capitalised word."""
    span = mention.span(doc)
    if _NOISE.match(span.text) and mention.how == "ner":
        return True
    if mention.start >= 2 and doc[mention.start - 1].text in {"-", "–"}:
        before = doc[mention.start - 2]
        if before.lower_ in _PREFIXES and not before.whitespace_ and not doc[mention.start - 1].whitespace_:
            return True
    if mention.start >= 1 and doc[mention.start - 1].text.lower().rstrip("-") in _PREFIXES:
        previous = doc[mention.start - 1]
        if previous.text.endswith("-") and not previous.whitespace_:
            return True
    if not any(t.text[:1].isupper() for t in span if _has_letters(t)):
        return True
    return mention.how == "ner" and all(t.is_stop or not _has_letters(t) for t in span)


def _has_letters(token: Token) -> bool:
    return any(ch.isalpha() for ch in token.text)
