"""Actor gazetteer: who a text can name (countries, people, organisations, groups) and how.

The data lives in ``knowledge/data/actors.jsonl`` (one actor per line) and
``knowledge/data/agents.tsv`` (agent word -> CAMEO sector); both are rebuilt by
``scripts/build_gazetteer.py``. ``load_gazetteer()`` reads them once per process.

All look-ups go through :func:`match_key`: NFC, ASCII-folded, casefolded,
periods dropped ("U.S." == "US"), hyphens and dashes read as spaces and runs
of whitespace collapsed. An alias that is all capitals and at most four
letters long ("US", "UN", "EU", "NATO") only matches text that is also all
capitals, so "us" and "who" match nothing.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

from rapidfuzz import fuzz, process

_DATA_PACKAGE = "newsgraph.knowledge"
_FOLD = str.maketrans(
    {
        "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
        "œ": "oe", "Œ": "OE", "ß": "ss", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
        "ħ": "h", "Ħ": "H", "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'",
    }
)  # fmt: skip
_DASHES = re.compile(r"[-‐‑‒–—―]+")
_SPACES = re.compile(r"\s+")
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Family name first: index the first token of these people's names as a surname too.
_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM"})
_KIND_ORDER = {"country": 0, "organization": 1, "group": 2, "other": 3, "person": 4}


def ascii_fold(text: str) -> str:
    """Strip diacritics and map a few letters NFKD cannot decompose (đ, ł, ø, ß, ...)."""
    if text.isascii() and "`" not in text:  # most words: nothing to fold (a hot path in actors)
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_key(text: str) -> str:
    """The normalised form every look-up compares: 'U.S.' -> 'us', 'Vučić' -> 'vucic'."""
    folded = ascii_fold(unicodedata.normalize("NFC", text)).casefold()
    folded = _DASHES.sub(" ", folded.replace(".", ""))
    return _SPACES.sub(" ", folded).strip()


def _caps_only(alias: str) -> bool:
    """True for aliases such as 'US', 'U.S.', 'EU', 'NATO': all capitals, at most 4 letters."""
    letters = [ch for ch in alias if ch.isalpha()]
    return 0 < len(letters) <= 4 and all(ch.isupper() for ch in letters)


def _all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


_ARABIC_ARTICLE = re.compile(r"^(al|el|ad|as|ash|at|az)[ -]")
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")


# Cached: every look-up of a name normalises it again, and articles name the same actors over
# and over (a quarter of the actors stage went here). Bounded, so memory stays flat.
@functools.lru_cache(maxsize=16384)
def _variants(text: str) -> tuple[tuple[str, bool], ...]:
    """(key, all-caps?) for the text, then without a leading 'the' and a possessive "'s"."""
    forms = [text.strip()]
    forms.append(_ARTICLE.sub("", forms[0]))
    forms += [_POSSESSIVE.sub("", form) for form in list(forms)]
    return tuple((match_key(form), _all_caps(form)) for form in dict.fromkeys(forms) if form)


@functools.lru_cache(maxsize=16384)
def _keys(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(key for key, _ in _variants(text)))


def _today() -> str:
    return _dt.date.today().isoformat()


@dataclass(frozen=True, slots=True)
class Office:
    """One spell in one office; dates are ISO 'YYYY-MM-DD', None when open or unknown."""

    role: str
    country: str | None
    title: str | None
    start: str | None
    end: str | None

    def held_on(self, day: str | None) -> bool:
        """Whether the office was held on ``day`` (None: today); open ends count as current."""
        when = day or _today()
        if self.start is not None and when < self.start:
            return False
        return self.end is None or when <= self.end


@dataclass(frozen=True, slots=True)
class Metonym:
    """A place or building that stands for an actor, and the sector it stands for."""

    text: str
    sector: str | None


@dataclass(frozen=True, slots=True)
class GazetteerActor:
    """One canonical actor: a Wikidata QID or a ``local:`` id, and its names."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[Metonym, ...]
    offices: tuple[Office, ...]
    members: tuple[str, ...]
    # the demonyms that also name a people living across borders ("Serbs"): not the state
    ethnonyms: tuple[str, ...] = ()

    @property
    def surname(self) -> str | None:
        """Persons: the last token of the name ('Vučić'), skipping 'Jr.' and the like."""
        if self.kind != "person":
            return None
        tokens = [tok for tok in self.name.split() if tok.casefold() not in NAME_SUFFIXES]
        return tokens[-1].strip(",") if tokens else None


def _latest_end(actor: GazetteerActor) -> str:
    """Sort key: the end of the actor's most recent office ('9999' while in office)."""
    ends = [office.end or "9999-12-31" for office in actor.offices]
    return max(ends, default="")


class Gazetteer:
    """Look-ups over the actors: aliases, demonyms, peoples, metonyms, surnames, offices, agents."""

    def __init__(
        self,
        actors: Iterable[GazetteerActor],
        agents: dict[str, str],
        parents: dict[str, str] | None = None,
        places: dict[str, str] | None = None,
    ) -> None:
        """``parents`` maps de facto states to the state they belong to (for alpha-3 look-ups);
        ``places`` names towns and regions (never actors) with the country they lie in."""
        self._actors: dict[str, GazetteerActor] = {}
        self._alias: dict[str, list[tuple[str, bool]]] = {}
        self._demonym: dict[str, str] = {}
        self._people: dict[str, str] = {}
        self._first_word: dict[str, list[str]] = {}  # "wagner" -> organisations named "Wagner …"
        self._metonym: dict[str, tuple[str, Metonym]] = {}
        self._surname: dict[str, list[str]] = {}
        self._country: dict[str, str] = {}
        self._offices: dict[tuple[str, str], list[tuple[str, Office]]] = {}
        self._agents = agents
        self._places = {match_key(name): country for name, country in (places or {}).items()}
        self._place_names = list(places or {})
        for actor in actors:
            self._add(actor)
        self._index_countries(parents or {})

    def _add(self, actor: GazetteerActor) -> None:
        self._actors[actor.id] = actor
        for alias in actor.aliases:
            entry = (actor.id, _caps_only(alias))
            bucket = self._alias.setdefault(match_key(alias), [])
            if entry not in bucket:
                bucket.append(entry)
        for demonym in actor.demonyms:
            self._demonym.setdefault(match_key(demonym), actor.id)
        plural = next((e for e in actor.ethnonyms if e.endswith("s")), None)
        for ethnonym in actor.ethnonyms:
            self._people.setdefault(match_key(ethnonym), plural or ethnonym)
        for metonym in actor.metonyms:
            self._metonym.setdefault(match_key(metonym.text), (actor.id, metonym))
        for office in actor.offices:
            if office.country:
                self._offices.setdefault((office.role, office.country), []).append((actor.id, office))
        if actor.kind == "person":
            self._add_surnames(actor)
        elif actor.kind in ("organization", "group"):
            for alias in actor.aliases:
                if len(alias.split()) >= 2:
                    ids = self._first_word.setdefault(match_key(alias.split()[0]), [])
                    if actor.id not in ids:
                        ids.append(actor.id)

    def _add_surnames(self, actor: GazetteerActor) -> None:
        """Index the surname of the name and of every alias (spelling variants)."""
        keys = set()
        for text in (actor.name, *actor.aliases):
            tokens = [tok for tok in text.split() if tok.casefold() not in NAME_SUFFIXES]
            if len(tokens) >= 2:
                keys.add(match_key(tokens[-1]))
                # "Bashar al-Assad" is also plain "Assad"; "Omar al-Bashir" also "El Bashir"
                keys.add(_ARABIC_ARTICLE.sub("", match_key(tokens[-1])))
                if actor.country in _FAMILY_NAME_FIRST:
                    keys.add(match_key(tokens[0]))
        for key in keys:
            self._surname.setdefault(key, []).append(actor.id)

    def _index_countries(self, parents: dict[str, str]) -> None:
        """Map alpha-3 codes to country actors; de facto states yield to their parent."""
        for actor in self._actors.values():
            if actor.kind != "country" or not actor.country:
                continue
            current = self._country.get(actor.country)
            if current is None or (actor.id not in parents and current in parents):
                self._country[actor.country] = actor.id

    def get(self, actor_id: str) -> GazetteerActor | None:
        return self._actors.get(actor_id)

    def by_alias(self, text: str) -> list[GazetteerActor]:
        """Actors a proper name denotes ('U.S.', 'Republic of Serbia', 'Vucic' is not one)."""
        found: list[str] = []
        for key, caps in _variants(text):
            for actor_id, caps_only in self._alias.get(key, ()):
                if (caps or not caps_only) and actor_id not in found:
                    found.append(actor_id)
        actors = [self._actors[actor_id] for actor_id in found]
        return sorted(actors, key=lambda actor: _KIND_ORDER.get(actor.kind, 9))

    def by_demonym(self, text: str) -> GazetteerActor | None:
        """The country of an adjective or nationality noun ('Serbian', 'serbs')."""
        for key in _keys(text):
            if key in self._demonym:
                return self._actors[self._demonym[key]]
        return None

    def people(self, text: str) -> str | None:
        """The people an ethnonym names, by its plural ('Serb' -> 'Serbs'), or None for a demonym
        that only names a state's nationals."""
        return next((self._people[key] for key in _keys(text) if key in self._people), None)

    def by_metonym(self, text: str) -> tuple[GazetteerActor, Metonym] | None:
        """The actor a capital or seat stands for ('the Kremlin' -> Russia, GOV)."""
        for key in _keys(text):
            if key in self._metonym:
                actor_id, metonym = self._metonym[key]
                return self._actors[actor_id], metonym
        return None

    def by_place(self, text: str) -> GazetteerActor | None:
        """The country a town or region lies in ("Kharkiv" -> Ukraine), if the text names one."""
        country = self._places.get(match_key(_ARTICLE.sub("", text)))
        return self._actors.get(country) if country else None

    def by_surname(self, surname: str) -> list[GazetteerActor]:
        """Persons with this surname, diacritics-insensitive; most recently in office first."""
        key = match_key(surname)
        ids = self._surname.get(key) or self._surname.get(_ARABIC_ARTICLE.sub("", key), [])
        return sorted((self._actors[i] for i in ids), key=_latest_end, reverse=True)

    def by_first_word(self, word: str) -> list[GazetteerActor]:
        """Organisations and groups whose name begins with the word ("Wagner" -> Wagner Group)."""
        return [self._actors[i] for i in self._first_word.get(match_key(word), [])]

    def surname_keys(self) -> list[str]:
        """Every indexed surname key, for fuzzy matching of misspelt names."""
        return list(self._surname)

    def by_country_code(self, code: str) -> GazetteerActor | None:
        """The country actor for an alpha-3 code ('SRB' -> Serbia)."""
        actor_id = self._country.get(code.upper())
        return self._actors[actor_id] if actor_id else None

    def office_holders(self, role: str, country: str, day: str | None) -> list[GazetteerActor]:
        """Who held ``role`` for ``country`` on ``day`` (None: today), latest start first."""
        held = [
            (office.start or "", actor_id)
            for actor_id, office in self._offices.get((role, country.upper()), ())
            if office.held_on(day)
        ]
        ids = dict.fromkeys(actor_id for _, actor_id in sorted(held, reverse=True))
        return [self._actors[actor_id] for actor_id in ids]

    def agent_sector(self, word: str) -> str | None:
        """The CAMEO sector of an agent word or phrase ('troops' -> 'MIL')."""
        key = _SPACES.sub(" ", word.casefold().replace("_", " ")).strip()
        if key in self._agents:
            return self._agents[key]
        for suffix, replacement in (("ies", "y"), ("es", ""), ("s", "")):
            if key.endswith(suffix) and key[: -len(suffix)] + replacement in self._agents:
                return self._agents[key[: -len(suffix)] + replacement]
        return None

    def actors(self) -> Iterator[GazetteerActor]:
        yield from self._actors.values()

    def surface_forms(self) -> Iterator[tuple[str, str, str]]:
        """(text, actor id, 'alias'|'demonym'|'metonym'|'place') for every name, to build a matcher
        (a place's id is its country's)."""
        for actor in self._actors.values():
            for alias in actor.aliases:
                yield alias, actor.id, "alias"
            for demonym in actor.demonyms:
                yield demonym, actor.id, "demonym"
            for metonym in actor.metonyms:
                yield metonym.text, actor.id, "metonym"
        for name in self._place_names:
            yield name, self._places[match_key(name)], "place"


def _actor_from_json(row: dict) -> GazetteerActor:
    return GazetteerActor(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        country=row.get("country"),
        sector=row.get("sector"),
        aliases=tuple(row.get("aliases", ())),
        demonyms=tuple(row.get("demonyms", ())),
        metonyms=tuple(Metonym(m["text"], m.get("sector")) for m in row.get("metonyms", ())),
        offices=tuple(
            Office(o["role"], o.get("country"), o.get("title"), o.get("start"), o.get("end"))
            for o in row.get("offices", ())
        ),
        members=tuple(row.get("members", ())),
        ethnonyms=tuple(row.get("ethnonyms", ())),
    )


def _read_pairs(text: str) -> dict[str, str]:
    """A two-column file (agents.tsv, places.tsv): first column -> second."""
    agents: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#") and "\t" in line:
            phrase, sector = line.split("\t", 1)
            agents.setdefault(phrase.strip(), sector.strip())
    return agents


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read the bundled gazetteer once and return the shared, read-only instance."""
    data = resources.files(_DATA_PACKAGE).joinpath("data")
    actors: list[GazetteerActor] = []
    parents: dict[str, str] = {}
    for line in data.joinpath("actors.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            actors.append(_actor_from_json(row))
            if row.get("parent"):
                parents[row["id"]] = row["parent"]
    agents = _read_pairs(data.joinpath("agents.tsv").read_text(encoding="utf-8"))
    places = _read_pairs(data.joinpath("places.tsv").read_text(encoding="utf-8"))
    return Gazetteer(actors, agents, parents, places)


SURNAME_SIMILARITY = 85  # rapidfuzz ratio on ASCII-folded surnames: "Vucic"/"Vučić" 100, "Vucci" 89
_FULL_NAME_SIMILARITY = 90


def fuzzy_person(gazetteer: Gazetteer, text: str) -> GazetteerActor | None:
    """A known person under a variant spelling: a close surname ("Bouteflicka"), close full name."""
    words = text.split()
    if len(words) < 2:
        return None
    candidates = gazetteer.by_surname(words[-1])
    if not candidates:
        close = _closest_surname(gazetteer, match_key(words[-1]))
        candidates = gazetteer.by_surname(close) if close else []
    for candidate in candidates:
        names = (candidate.name, *candidate.aliases)
        if max(fuzz.WRatio(match_key(text), match_key(n)) for n in names) >= _FULL_NAME_SIMILARITY:
            return candidate
    return None


@functools.lru_cache(maxsize=16384)
def _closest_surname(gazetteer: Gazetteer, key: str) -> str | None:
    """The known surname nearest a misspelt one ("bouteflicka" → "bouteflika"); cached, since the
    same unknown names recur across articles and the search scans every surname."""
    close = process.extractOne(
        key, gazetteer.surname_keys(), scorer=fuzz.ratio, score_cutoff=SURNAME_SIMILARITY
    )
    return close[0] if close else None
