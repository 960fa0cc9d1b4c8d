#!/usr/bin/env python3
"""Rebuild newsgraph's actor gazetteer from the shared reference data.

Usage, from the repository root::

    .venv/bin/python scripts/build_gazetteer.py --data ../shared/data \
        --out src/newsgraph/knowledge/data

Reads (all research-use inputs under ``--data``; see the generated SOURCES.md):

* ``kb/territories_rigour.jsonl``: countries, territories, de facto states, QIDs, names.
* ``kb/extras/countries_mledoze.json``: English short and official names, capitals, demonyms.
* ``kb/leaders_cfmessias_history_2025-10.csv``: heads of state and government with dates.
* ``kb/leaders_peppercat_historic_2023-01-18.csv``: Kosovo and de facto leaders, ministers.
* ``kb/extras/peppercat_catalog_to_rigour.csv``: Peppercat catalog -> rigour territory.
* ``kb/intl_orgs_supraverden.csv``: international organisations with QIDs and acronyms.
* ``events/dictionaries/Phoenix.Countries.actors.txt``: name variants, demonyms, leaders.
* ``events/dictionaries/Phoenix.agents.txt``: agent words -> CAMEO sectors.
* ``scripts/gazetteer_manual.jsonl``: hand-written actors and corrections.

Writes ``actors.jsonl`` (one actor per line, sorted by id), ``agents.tsv``
(phrase, sector; sorted), ``first_names.tsv`` (first name, m|f; for
``newsgraph.knowledge.names``) and ``SOURCES.md`` into ``--out``. The output depends
only on the inputs: no clocks, no network, no randomness, stable sort orders.
Only facts are kept (names, codes, dates, offices); the inputs' own layouts and
selections are not reproduced.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsgraph.knowledge.gazetteer import ascii_fold, match_key  # noqa: E402

csv.field_size_limit(10_000_000)

ROLES = (
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "interior_minister", "finance_minister", "minister", "deputy_head_of_government",
    "ambassador", "spokesperson", "secretary_general", "other",
)  # fmt: skip
KINDS = ("country", "person", "organization", "group", "other")
ID_RE = re.compile(r"^(Q[0-9]+|local:[a-z0-9][a-z0-9-]*)$")
CODE_RE = re.compile(r"^[A-Z]{3}$")
DAY_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")

# ---------------------------------------------------------------- territories

# De facto states: the QID of the de facto state (rigour's primary QID for
# Abkhazia is Georgia's autonomous republic; the state, Q23334, is in other_qids)
# and the English name news uses. They take their parent's alpha-3 as country.
DE_FACTO = {
    "ge-ab": ("Q23334", "Abkhazia"),
    "x-so": (None, "South Ossetia"),
    "md-pmr": (None, "Transnistria"),
    "cy-trnc": (None, "Northern Cyprus"),
    "so-som": (None, "Somaliland"),
    "ua-dpr": (None, "Donetsk People's Republic"),
    "ua-lpr": (None, "Luhansk People's Republic"),
}
EXTRA_COUNTRIES = {"xk", "tw", "ps"}  # partially recognised, listed as countries
SUBNATIONAL_ACTORS = {"ba-srp": ("BIH", "GOV")}  # kind "other" with their country and sector
SKIP_TERRITORIES = {"aq", "bv", "hm", "um", "tf", "io", "gs", "ip", "zz", "cp", "dg"}
# Names rigour lists for a territory that denote a place inside it, not the actor.
ALIAS_BLOCK = {
    "ua-dpr": {"donetsk"},
    "ua-lpr": {"luhansk", "lugansk"},
    "ps": {"gaza", "gaza strip", "west bank", "judea and samaria", "palestinian territories"},
    "ge-ab": {"autonomous republic of abkhazia", "abkhazian autonomous republic"},
    "cn": {"prc"},
    "cg": {"congo"},  # news uses bare "Congo" for both Congos, most often the DRC
    "us": {"us of a"},
    "za": {"suid -afrika"},
}
# Capitals that are not the seat of government news names (The Hague, La Paz, ...).
CAPITAL_NOT_SEAT = {"NLD": {"amsterdam"}, "BOL": {"sucre"}, "CIV": {"yamoussoukro"},
                    "BEN": {"porto novo"}, "LKA": {"sri jayawardenepura kotte"}}  # fmt: skip
# Demonyms several countries claim: the dominant reading, or None to list it on none.
DEMONYM_OWNER = {
    "dominican": "DOM", "dominicans": "DOM", "congolese": None, "guinean": "GIN",
    "guineans": "GIN", "korean": None, "koreans": None, "sudanese": "SDN",
    "chinese": "CHN", "samoan": "WSM", "samoans": "WSM", "irish": "IRL",
}  # fmt: skip
DEMONYM_SUFFIXES = ("an", "ans", "ese", "ish", "i", "is", "ic", "ot", "ots", "er", "ers",
                    "man", "men", "ine", "ines")  # fmt: skip
PHOENIX_CODE_FIX = {"KSV": "XKX", "TMP": "TLS", "ROM": "ROU", "ZAR": "COD"}

# Words and first names no alias may be on its own (checked after match_key).
COMMON_WORDS = frozenset(
    """a about after all also am an and any are as at be because been but by can could
    day did do does down even first for from get go good great had has have he her here
    him his how i if in into is it its just know like look make man march may me might
    more most much must my new no not now of off on one only or other our out over own
    people said same say see she should so some such take than that the their them then
    there these they this those time to two up us use very was way we well were what when
    which who will with would year you your april august june july may monday sunday
    war peace poo dev en eng kent rut avon war essex surrey sussex devon cornwall
    general union state states republic kingdom island islands city capital government
    army police court council party bank fund office press media west east north south
    central national federal international world europe africa asia americas
    male female guy bill mark will rose grace hope faith joy sky sun star king queen""".split()
)
FIRST_NAMES = frozenset(
    """john james robert michael william david richard joseph thomas charles mary patricia
    jennifer linda elizabeth barbara susan jessica sarah karen victoria santiago george
    paul peter andrew daniel anna maria ana ivan igor sergey vladimir dmitry alexander
    aleksandar milos nikola marko stefan luka jovan petar mohammed muhammad ali ahmed omar
    hassan hussein jordan chad israel shashank sasa""".split()
)
# Country names that are also common words or names stay aliases of their country.
NAME_WORD_EXCEPTIONS = frozenset({"chad", "jordan", "israel", "georgia", "turkey", "china",
                                  "guinea", "niger", "jersey"})  # fmt: skip

# ---------------------------------------------------------------- offices

SINGLE_HOLDER_ROLES = ("head_of_state", "head_of_government", "foreign_minister",
                       "defence_minister", "interior_minister", "finance_minister")  # fmt: skip
# Heads of state that are several people at once (collective or co-presidencies, rival
# claimants): a later spell does not end an earlier one there.
SHARED_HEADS_OF_STATE = {"BIH", "CHE", "SMR", "AND", "NIC", "VEN"}
JUNIOR_RE = re.compile(
    r"\b(deputy|vice|assistant|associate|under[- ]secretary|state secretary|minister of state|"
    r"ministers? delegate|minister-delegate|parliamentary|shadow|in the ministry|at the ministry|"
    r"at the department|chief secretary|financial secretary|economic secretary|exchequer secretary|"
    r"commercial secretary|permanent secretary|lord of the treasury|secretary general|"
    r"secretary-general|director|head of|chief of staff)\b"
)
HOS_RE = re.compile(
    r"^(president|president of the republic( of [\w ]+)?|head of state|head of the republic|"
    r"king|queen|emir|sultan|grand duke|chief executive|supreme leader)$"
)
HOG_RE = re.compile(
    r"^(prime minister|premier|chairman of the council of ministers|"
    r"chairman of the cabinet of ministers|chairman of the government)$"
)
FOREIGN_RE = re.compile(
    r"\b(minister|secretary)\b.*\b(foreign affairs|external affairs|external relations|"
    r"foreign action|foreign and commonwealth)\b|^foreign (minister|secretary)$|"
    r"^minister (of|for) europe and foreign affairs$"
)
DEFENCE_RE = re.compile(r"\b(minister|secretary)\b.*\b(defen[cs]e|armed forces)\b")
DEFENCE_NOT = re.compile(r"civil defen|home front|defen[cs]e (industry|materiel|equipment|"
                         r"procurement|production|science|people|and space)")  # fmt: skip
INTERIOR_RE = re.compile(
    r"\b(minister|secretary)\b.*\b(interior|home affairs|internal affairs|home department|"
    r"homeland security)\b|^home secretary$"
)
FINANCE_RE = re.compile(
    r"\b(minister|secretary)\b.*\b(finance|finances|treasury)\b|^chancellor of the exchequer$"
)
FINANCE_NOT = re.compile(r"financial services|microfinance|treasury board")
DEPUTY_HOG_RE = re.compile(
    r"^((first|second|third) )?(deputy prime minister|vice[- ]premier|vice[- ]chancellor|"
    r"deputy chairman of the (council|cabinet) of ministers)\b"
)
SPOKES_RE = re.compile(r"\bspokes?(person|man|woman)\b|\bspokeperson\b|\bpress secretary\b")
SECGEN_RE = re.compile(r"^secretary[- ]general of the (united nations|north atlantic treaty)")
MIL_CHIEF_RE = re.compile(
    r"^(chief of (the )?(general|defen[cs]e) staff|chief of defen[cs]e|commander[- ]in[- ]chief of "
    r"the armed forces|chief of the general staff of the armed forces)$"
)
IGO_LEADER_RE = re.compile(
    r"^(president of the european (commission|council|parliament)|high representative|"
    r"secretary[- ]general of the united nations|director[- ]general of the world)"
)
GENERIC_TITLES = frozenset(
    """president|prime minister|premier|vice president|vice-president|king|queen|emir|
    sultan|chancellor|federal chancellor|deputy prime minister|first deputy prime minister|
    vice premier|head of the republic|chief executive|governor-general|monarch|
    head of state|head of government|supreme leader""".replace("\n", "").split("|")
)
TITLE_OVERRIDES = {  # (catalog, position) -> (office country, title)
    ("Bosnia and Herzegovina", "High Representative"): (
        "IGO", "High Representative for Bosnia and Herzegovina"),
}  # fmt: skip
SECTOR_HINTS = (
    (re.compile(r"court|judge|justice of|prosecutor|ombudsman"), "JUD"),
    (re.compile(r"intelligence|security service|secret service|security agency"), "SPY"),
    (
        re.compile(
            r"general staff|defence staff|defence force|armed forces|commander|"
            r"chief of (the )?(army|navy|air force|defence|joint)"
        ),
        "MIL",
    ),
    (re.compile(r"speaker|parliament|assembly|senate|chamber|congress|duma|rada|deputies"), "LEG"),
    (re.compile(r"police|gendarmerie"), "COP"),
)
PERSON_TITLE_WORDS = frozenset(
    """president prime minister foreign defence defense general gen dr mr mrs ms sir lord
    king queen prince princess sheikh shaikh emir sultan chairman secretary ambassador leader
    chief former premier russian american british col colonel lt capt spokesman""".split()
)

# cfmessias gives some people only a Portuguese label; their English names.
NAME_FIXES = {
    "Q444": "Lech Wałęsa", "Q989": "Pope John Paul II", "Q12976": "Baudouin of Belgium",
    "Q69103": "Hassan II of Morocco", "Q146906": "Hussein of Jordan", "Q154912": "Olav V",
    "Q161319": "Guillaume, Grand Duke of Luxembourg", "Q185025": "Rainier III",
    "Q1004037": "Frederik X", "Q2657043": "Ibrahim Iskandar of Johor", "Q6109517": "Pope Leo XIV",
}  # fmt: skip
# Rows that are not what they claim: a fictional US president, a queen consort listed as
# head of state, and Haiti's Transitional Presidential Council (a body, not a person).
DROP_SPELLS = {("Q107054330", "head_of_state", "USA"), ("Q209532", "head_of_state", "BTN")}
DROP_PERSONS = {"Q124846311"}

# ---------------------------------------------------------------- organisations

NGO_FAMILIES = {"International Red Cross and Red Crescent Movement entities"}
AMBIGUOUS_ACRONYMS = frozenset(
    "ESA ERA FRA WB EP APT PBC NIB NPI VPI SPC AMF AWO ACP JIU ICO IPU ISA NDF SDF".split()
)
GENERIC_ORG_WORDS = frozenset(
    """council commission court organization organisation agency bank fund office secretariat
    committee ministers union assembly parliament international world of the for and joint
    inspection unit general human rights centre center institute board tribunal group
    conference system programme program forum""".split()
)

# ---------------------------------------------------------------- agents

AGENT_MACROS = {
    "!PERSON!": ["man", "men", "woman", "women", "person"],
    "!MINIST!": ["minister", "ministers", "ministry", "ministries"],
}
AGENT_STEMS = {
    "minist": ["minister", "ministry"], "compan": ["company"], "industr": ["industry"],
    "authorit": ["authority"], "ministr": ["ministry"],
}  # fmt: skip
AGENT_DROP = frozenset(
    """man|men|woman|women|person|persons|people|child|children|girl|girls|mother|mothers|
    infant|infants|retired|actor|actors|waiter|waiters|waitress|waitresses|cabinetmaker|
    cabinetmakers|monger|mongers|oiler|oilers|producer|producers|deputy|deputies|village|
    villages|neighborhood|neighborhoods|neighbourhood|neighbourhoods|community|communities|
    population|populations|settlement|settlements|rabble|mob|mobs|polity|polities|governance|
    kingdom|kingdoms|semi-official|state-owned|official source|official sources|security check|
    security checks|the poor|small town|small towns|victim|victims|prison|prisons|prison house|
    state prison|police post|police district|barracks|echelon|echelons|garrison|garrisons|
    military base|naval base|fighting position|mortar position|naval|weapons storage facility|
    military presence|military led|intelligence information|intelligence activity|
    intelligence operation|the court|a cabinet meeting|tourer|tourers|constituent|
    constituents|electorate|electorates|men|islamics|fuerzas especiales|soldiers and their families|
    soldiers with their families""".replace("\n", "").split("|")
)
AGENT_DROP_WORDS = frozenset(
    """missile missiles aircraft jet plane planes helicopter helicopters gunship drone drones
    tank ship vessel destroyer frigate cruiser corvette warship battleship battlewagon
    submersible torpedo artillery gun humvee hmmwv raptor hornet predator reaper tomahawk
    osprey chinook apache mig kfir phalanx eurofighter sukhoi harrier falcon orion poseidon
    nighthawk tomcat vehicle boat trainer uav jetfighter warplane airliner jetliner
    freighter tanker supertanker containership spokesman spokesmen spokeswoman spokeswomen
    spokesperson""".split()
)
AGENT_SUPPLEMENT = {  # common agent words the Phoenix file lacks (manual)
    "official": "GOV", "officials": "GOV", "opposition": "OPP", "troops": "MIL",
    "forces": "MIL", "armed forces": "MIL", "regime": "GOV", "leader": "GOV", "leaders": "GOV",
    "leadership": "GOV",
}  # fmt: skip
AGENT_SECTOR_RANK = {"GOV": 0, "MIL": 1, "COP": 2, "JUD": 3, "LEG": 4, "SPY": 5}


# ================================================================= helpers


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def clean(text: str | None) -> str:
    """Collapse whitespace; None becomes ''."""
    return re.sub(r"\s+", " ", text or "").strip()


def strip_parens(text: str | None) -> str:
    """'Abkhazia (Occupied Georgia)' -> 'Abkhazia'."""
    return clean(re.sub(r"\s*\([^)]*\)", "", text or ""))


def is_latin(text: str) -> bool:
    """True when every letter folds to ASCII (English-script names only)."""
    folded = ascii_fold(text)
    return bool(text) and all(ord(ch) < 128 for ch in folded if ch.isalpha())


def is_common(text: str) -> bool:
    """A common English word or a bare first name: never an alias on its own.

    All-caps aliases of up to four letters ('US', 'WHO') only match all-caps text, so
    they are not common words.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if 0 < len(letters) <= 4 and all(ch.isupper() for ch in letters):
        return False
    key = match_key(text)
    return key in COMMON_WORDS or key in FIRST_NAMES


def iso_day(value: str | None, *, is_end: bool) -> tuple[bool, str | None]:
    """Parse 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or an xsd dateTime; (ok, ISO day or None).

    A partial start becomes the first day of its period, a partial end the last.
    """
    value = clean(value)
    if not value:
        return True, None
    match = DAY_RE.match(value)
    if not match or int(match.group(1)) < 1000:
        return False, None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if month is None:
        return True, f"{year}-12-31" if is_end else f"{year}-01-01"
    if day is None:
        last = "31" if month in {"01", "03", "05", "07", "08", "10", "12"} else "30"
        last = "28" if month == "02" else last
        return True, f"{year}-{month}-{last}" if is_end else f"{year}-{month}-01"
    return True, f"{year}-{month}-{day}"


def _cap(part: str) -> str:
    """'MCCAIN' -> 'McCain', "O'BRIEN" -> "O'Brien", 'PUTIN' -> 'Putin'."""
    word = part.capitalize()
    if word.startswith("Mc") and len(word) > 2:
        word = "Mc" + word[2:].capitalize()
    return re.sub(r"'(\w)", lambda m: "'" + m.group(1).upper(), word) if len(word) > 3 else word


def phoenix_case(name: str) -> str:
    """'VLADIMIR V. PUTIN' -> 'Vladimir V. Putin'; short dotted or vowel-less tokens stay caps."""
    words = []
    for token in name.strip("_ ").replace("_", " ").split():
        letters = re.sub(r"[^A-Za-z]", "", token)
        if ("." in token and len(letters) <= 3) or (letters and not re.search(r"[AEIOUY]", letters)):
            words.append(token)
        elif token.lower() in {"of", "the", "and", "de", "da", "du", "al", "el", "bin", "van"}:
            words.append(token.lower())
        else:
            words.append("-".join(_cap(part) for part in token.split("-")))
    return " ".join(words)


def plural_forms(demonym: str) -> list[str]:
    """'Serbian' -> ['Serbian', 'Serbians']; 'British' and 'Swiss' have no plural noun."""
    lower = demonym.lower()
    if lower.endswith(("ese", "ish", "ch", "sh", "ss", "s", "x", "z", "men")):
        return [demonym]
    if lower.endswith(("woman", "shman", "chman", "sman", "xman")):
        return [demonym, demonym[:-3] + "men"]
    return [demonym, demonym + "s"]


def spelling_key(text: str) -> tuple[str, bool]:
    """Spellings that differ only in case or spacing are one, unless one is an all-caps
    acronym ('NATO' and 'Nato' are two, as are 'U.S.' and 'US')."""
    letters = [ch for ch in text if ch.isalpha()]
    acronym = 0 < len(letters) <= 4 and all(ch.isupper() for ch in letters)
    return re.sub(r"\s+", " ", text).strip().casefold(), acronym


def unique(items: Iterable[str]) -> list[str]:
    """Drop duplicate spellings (case-insensitive), keeping the first."""
    seen: set[tuple[str, bool]] = set()
    kept = []
    for item in items:
        key = spelling_key(item)
        if item and key[0] and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def with_folded(names: Iterable[str]) -> list[str]:
    """Each name followed by its ASCII-folded spelling when that differs."""
    out = []
    for name in names:
        out.append(name)
        folded = ascii_fold(name)
        if folded != name:
            out.append(folded)
    return list(dict.fromkeys(out))


def new_actor(actor_id: str, name: str, kind: str, **fields: object) -> dict:
    """An actor record in output shape; ``sources`` is joined into 'source' at the end."""
    actor: dict = {"id": actor_id, "name": name, "kind": kind, "country": None, "sector": None,
                   "aliases": [], "demonyms": [], "metonyms": [], "offices": [], "members": [],
                   "sources": []}  # fmt: skip
    actor.update(fields)
    return actor


# ================================================================= Phoenix actors


@dataclass
class PhoenixEntry:
    """One Phoenix dictionary entry: its names and its [CODE date] tags."""

    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, date spec)


def parse_phoenix(path: Path) -> list[PhoenixEntry]:
    """Parse a TABARI/PETRARCH .actors file into entries (primary name, '+' synonyms, codes)."""
    entries: list[PhoenixEntry] = []
    code_re = re.compile(r"\[([A-Z~]+)\s*([^\]]*)\]")
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = code_re.findall(line)
        text = clean(code_re.sub("", line))
        if line.startswith("+") and entries:
            entries[-1].names.append(text.lstrip("+").strip())
        elif line[0] in " \t" and entries:
            entries[-1].codes.extend(codes)
        elif text and not text.startswith("["):
            entries.append(PhoenixEntry(names=[text], codes=list(codes)))
        elif entries:
            entries[-1].codes.extend(codes)
    for entry in entries:
        entry.names = [n for n in (clean(n.replace("_", " ")) for n in entry.names) if n]
    return entries


def phoenix_country_names(entries: list[PhoenixEntry], alpha3s: set[str]) -> dict[str, list[str]]:
    """Names of the country-level entries, by alpha-3 (codes with no end date only)."""
    names: dict[str, list[str]] = collections.defaultdict(list)
    for entry in entries:
        for code, spec in entry.codes:
            code = PHOENIX_CODE_FIX.get(code, code)
            closed = spec.startswith("<") or re.match(r"^\d+-\d+$", spec.strip())
            if code in alpha3s and not closed:
                names[code].extend(entry.names)
    return names


def phoenix_person_names(entries: list[PhoenixEntry], alpha3s: set[str]) -> dict[str, list]:
    """Person-like entries (codes such as RUSGOV) indexed by the match key of each name."""
    index: dict[str, list[tuple[set[str], list[str]]]] = collections.defaultdict(list)
    for entry in entries:
        countries = {PHOENIX_CODE_FIX.get(c[:3], c[:3]) for c, _ in entry.codes if len(c) > 3}
        countries &= alpha3s
        if not countries or len(entry.names) < 2:
            continue
        for name in entry.names:
            index[match_key(name)].append((countries, entry.names))
    return index


# ================================================================= countries


@dataclass
class Territory:
    """A rigour territory that becomes an actor, with what the other sources say about it."""

    rec: dict
    kind: str
    country: str
    qid: str
    name: str
    mledoze: dict | None
    parent_code: str | None = None


def territory_scope(rigour: dict[str, dict], mledoze: dict[str, dict]) -> list[Territory]:
    """Sovereign states, Kosovo, Taiwan, Palestine, de facto states; dependencies as 'other'."""
    scope = []
    for code, rec in sorted(rigour.items()):
        ml = mledoze.get(code)
        if rec.get("is_historical") or code in SKIP_TERRITORIES:
            continue
        if code in DE_FACTO:
            qid, name = DE_FACTO[code]
            parent = rigour[rec["parent"]]
            scope.append(Territory(rec, "country", parent["alpha3"].upper(), qid or rec["qid"],
                                   name, ml, rec["parent"]))  # fmt: skip
        elif code in SUBNATIONAL_ACTORS:
            scope.append(Territory(rec, "other", SUBNATIONAL_ACTORS[code][0], rec["qid"],
                                   strip_parens(rec["name"]), ml))  # fmt: skip
        elif rec.get("alpha3") and (rec.get("is_country") or ml):
            sovereign = code in EXTRA_COUNTRIES or bool(ml and ml.get("independent"))
            kind = "country" if sovereign else "other"
            scope.append(Territory(rec, kind, rec["alpha3"].upper(), rec["qid"],
                                   strip_parens(rec["name"]), ml))  # fmt: skip
    return scope


def territory_name_sources(t: Territory, phoenix: list[str]) -> tuple[list[str], list[list[str]]]:
    """(names taken as they are, candidate lists that need a second source to agree)."""
    rec, ml = t.rec, t.mledoze
    base = [t.name, strip_parens(rec.get("full_name")), strip_parens(rec.get("in_sentence"))]
    if ml:
        base += [ml["name"]["common"], ml["name"]["official"]]
    base = [re.sub(r"^the ", "", name, flags=re.I) for name in base if name]
    alt = [s for s in (ml or {}).get("altSpellings", []) if s.upper() != (ml or {}).get("cca2")]
    candidates = [list(rec.get("names_strong") or []), alt, [phoenix_case(p) for p in phoenix]]
    return base, candidates


def territory_aliases(t: Territory, phoenix: list[str], reserved: set[str]) -> list[str]:
    """Trusted names plus names at least two sources agree on; no demonyms, capitals, oddities."""
    base, candidate_lists = territory_name_sources(t, phoenix)
    votes: collections.Counter[str] = collections.Counter()
    spelling: dict[str, str] = {}
    for names in candidate_lists:
        for name in {match_key(n): n for n in names if n}.values():
            key = match_key(name)
            votes[key] += 1
            if key not in spelling or spelling[key] == spelling[key].lower():
                spelling[key] = name  # prefer a capitalised spelling
    agreed = [spelling[key] for key, n in sorted(votes.items()) if n >= 2]
    blocked = ALIAS_BLOCK.get(t.rec["code"], set())
    aliases = []
    for name in unique(base + agreed):
        key = match_key(name)
        if not is_latin(name) or "," in name or "(" in name or key in blocked or key in reserved:
            continue
        if is_common(name) and key not in NAME_WORD_EXCEPTIONS:
            continue
        aliases.append(name)
    return with_folded(aliases)


def looks_like_demonym(name: str, stems: list[str]) -> bool:
    """A one-word Phoenix name that ends like a demonym and starts like the known one."""
    key = match_key(name)
    if not key or " " in key or "(" in name or not key.endswith(DEMONYM_SUFFIXES):
        return False
    return any(len(stem) >= 4 and key[:4] == stem[:4] for stem in stems)


def territory_demonyms(t: Territory, phoenix: list[str], country_keys: set[str]) -> list[str]:
    """Demonyms from mledoze (English) and Phoenix adjectives, singular and plural."""
    found = []
    ml_dem = ((t.mledoze or {}).get("demonyms") or {}).get("eng") or {}
    for gender in ("m", "f"):
        found += [clean(d) for d in re.split(r",| or ", ml_dem.get(gender) or "") if clean(d)]
    stems = [match_key(d) for d in found] or [match_key(t.name)]
    for name in phoenix:
        key = match_key(name)
        # Phoenix also lists misspelt country names ('Kazakstan'): a demonym must end
        # like a known one and be about as long.
        similar = any(key[-2:] == s[-2:] and len(key) <= len(s) + 3 for s in stems)
        if looks_like_demonym(name, stems) and similar and key not in country_keys:
            found.append(phoenix_case(name))
    forms = [form for demonym in unique(found) for form in plural_forms(demonym)]
    return [d for d in unique(forms) if is_latin(d) and match_key(d) not in country_keys]


def capitals(t: Territory) -> list[str]:
    """The capitals mledoze lists (seats of government only), with ASCII-folded spellings."""
    names = [clean(c) for c in (t.mledoze or {}).get("capital", []) if clean(c)]
    not_seat = CAPITAL_NOT_SEAT.get(t.country, set())
    return with_folded(n for n in names if is_latin(n) and not is_common(n) and match_key(n) not in not_seat)


def build_territories(rigour: dict, mledoze: dict, phoenix: list[PhoenixEntry]) -> list[dict]:
    """Country and territory actors with aliases, demonyms and capitals."""
    scope = territory_scope(rigour, mledoze)
    by_alpha3 = phoenix_country_names(phoenix, {t.country for t in scope})
    capital_keys = {match_key(c) for t in scope if t.kind == "country" for c in capitals(t)}
    names_of = {t.rec["code"]: by_alpha3.get(t.country, []) if not t.parent_code else []
                for t in scope}  # fmt: skip
    name_keys = {match_key(n) for t in scope for n in territory_name_sources(t, [])[0]}
    demonyms = {t.rec["code"]: territory_demonyms(t, names_of[t.rec["code"]], name_keys)
                for t in scope if t.kind == "country"}  # fmt: skip
    reserved = capital_keys | {match_key(d) for ds in demonyms.values() for d in ds}
    actors = []
    for t in scope:
        aliases = territory_aliases(t, names_of[t.rec["code"]], reserved)
        actor = new_actor(t.qid, t.name, t.kind, country=t.country, aliases=aliases,
                          sources=["rigour"] + (["mledoze"] if t.mledoze else []))  # fmt: skip
        if t.parent_code:
            actor["parent"] = rigour[t.parent_code]["qid"]
        if t.rec["code"] in SUBNATIONAL_ACTORS:
            actor["sector"] = SUBNATIONAL_ACTORS[t.rec["code"]][1]
        actors.append((t, actor))
    for t, actor in actors:
        if t.kind == "country":
            actor["demonyms"] = demonyms[t.rec["code"]]
            own = {match_key(a) for a in actor["aliases"]} | {match_key(t.name)}
            actor["metonyms"] = [{"text": c, "sector": "GOV"} for c in capitals(t) if match_key(c) not in own]
            if names_of[t.rec["code"]]:
                actor["sources"].append("phoenix")
    return [actor for _, actor in actors]


# ================================================================= organisations


def acronym_ok(acronym: str) -> bool:
    """Keep acronyms that are unambiguous in news ('NATO', 'OSCE'; not 'ESA' for Euratom)."""
    letters = re.sub(r"[^A-Za-z]", "", acronym)
    return len(letters) >= 2 and acronym not in AMBIGUOUS_ACRONYMS and is_latin(acronym)


def alt_name_ok(name: str) -> bool:
    """An alternative org name needs one distinctive word ('Council of ministers' has none)."""
    words = re.findall(r"[A-Za-z]+", name.lower())
    return is_latin(name) and any(w not in GENERIC_ORG_WORDS for w in words)


def build_organisations(rows: list[dict[str, str]]) -> list[dict]:
    """International organisations from supraverden (rows without a QID are skipped)."""
    actors: dict[str, dict] = {}
    primary = {match_key(clean(row.get("Name_en"))) for row in rows}
    for row in rows:
        qid = clean(row.get("Wikidata_code"))
        name = clean(row.get("Name_en"))
        if not re.fullmatch(r"Q\d+", qid) or not name:
            continue
        country = "NGO" if row.get("Org_family") in NGO_FAMILIES else "IGO"
        actor = actors.setdefault(
            qid, new_actor(qid, name, "organization", country=country, sources=["supraverden"])
        )
        names = [name] + [clean(row.get(k)) for k in ("Name_other_en", "Name_other_2_en")]
        actor["aliases"] += [
            n for n in names if n and (n == name or (alt_name_ok(n) and match_key(n) not in primary))
        ]
        acronym = clean(row.get("Abbreviation_en"))
        if acronym and acronym_ok(acronym):
            actor["aliases"].append(acronym)
    for actor in actors.values():
        actor["aliases"] = with_folded(unique(actor["aliases"]))
    return list(actors.values())


# ================================================================= persons


@dataclass
class Catalog:
    """Where a Peppercat catalog's offices belong."""

    label: str  # the catalog as Peppercat names it
    country: str  # alpha-3, or 'IGO'
    name: str  # English name for titles ('Russia', 'the United States')
    own_code: bool  # False for de facto states and UK nations: their roles become 'other'
    covered: bool  # heads of state/government come from cfmessias instead


def catalogs(rows: list[dict], rigour: dict, covered: set[str]) -> dict[str, Catalog]:
    """Map each Peppercat catalog to its office country via the catalog -> rigour table."""
    result = {}
    for row in rows:
        rec = rigour.get(row["rigour_code"])
        if rec is None:
            continue
        if row["rigour_code"] in {"eu", "un"}:
            result[row["catalog"]] = Catalog(row["catalog"], "IGO", row["catalog"], True, True)
            continue
        own = bool(rec.get("alpha3")) and row["rigour_code"] not in DE_FACTO
        code_rec = rec if own else rigour.get(rec.get("parent") or "", {})
        if not code_rec.get("alpha3"):
            continue
        name = strip_parens(rec.get("in_sentence") or rec["name"])
        if row["rigour_code"] in DE_FACTO:
            name = DE_FACTO[row["rigour_code"]][1]
        alpha3 = code_rec["alpha3"].upper()
        result[row["catalog"]] = Catalog(row["catalog"], alpha3, name, own, own and alpha3 in covered)
    return result


def classify(position: str, country: str) -> list[str]:
    """Office roles for a Peppercat position label (usually one)."""
    p = clean(position).lower()
    if SPOKES_RE.search(p):
        return ["spokesperson"]
    if SECGEN_RE.search(p):
        return ["secretary_general"]
    if p.startswith(("ambassador", "permanent representative")):
        return ["ambassador"]
    roles = ["deputy_head_of_government"] if DEPUTY_HOG_RE.search(p) else []
    if HOS_RE.match(p):
        return ["head_of_state"]
    if HOG_RE.match(p):
        return ["head_of_government"]
    for part in re.split(r"\band (?=minister\b)", p):
        if not DEPUTY_HOG_RE.search(part.strip()):
            roles += _minister_roles(part.strip(), country)
    return list(dict.fromkeys(roles)) or ["other"]


def _minister_roles(p: str, country: str) -> list[str]:
    """Cabinet-level roles for one position phrase; junior posts become 'minister'."""
    if country == "USA" and p == "secretary of state":
        return ["foreign_minister"]
    junior = bool(JUNIOR_RE.search(p)) or (p.startswith("secretary of state") and country != "GBR")
    checks = (
        (FOREIGN_RE.search(p), "foreign_minister"),
        (DEFENCE_RE.search(p) and not DEFENCE_NOT.search(p), "defence_minister"),
        (INTERIOR_RE.search(p), "interior_minister"),
        (FINANCE_RE.search(p) and not FINANCE_NOT.search(p), "finance_minister"),
    )
    found = [role for ok, role in checks if ok]
    if found and not junior:
        return found[:1]
    if re.search(r"\bminister\b|^secretary (of|for)\b|commissioner for", p):
        return ["minister"]
    return []


def office_title(position: str, catalog: Catalog) -> str:
    """'President' -> 'President of Russia'; specific titles stay as they are."""
    position = clean(position).replace("Spokeperson", "Spokesperson")
    title = position[:1].upper() + position[1:]
    if position.lower() in GENERIC_TITLES and catalog.country != "IGO":
        return f"{title} of {catalog.name}"
    return title


def sector_for(office: dict) -> str | None:
    """CAMEO sector an office gives its holder (IGO posts: none)."""
    if office["country"] in {"IGO", "NGO"}:
        return None
    if office["role"] != "other":
        return "GOV"
    title = (office.get("title") or "").lower()
    for pattern, sector in SECTOR_HINTS:
        if pattern.search(title):
            return sector
    return "GOV"


@dataclass
class PersonDraft:
    """Everything the inputs say about one person before it becomes an actor."""

    qid: str
    names: list[tuple[int, str]] = field(default_factory=list)  # (priority, name)
    offices: list[dict] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)


def portuguese_label(label: str) -> bool:
    """cfmessias labels some royals in Portuguese ('Harald V da Noruega')."""
    return bool(re.search(r"\b[IVX]+ (da|do|de|dos|das) ", label)) or " dos " in label


def office_ok(start: str | None, end: str | None, since: str) -> bool:
    """Keep offices that end on or after ``since``; an open office must have started after 1960."""
    if start is None and end is None:
        return False
    if end is None:
        return start >= "1960-01-01"
    return end >= since


def read_cfmessias(rows: list[dict], drafts: dict[str, PersonDraft], stats: collections.Counter):
    """Heads of state and government, 1990 onward, from cfmessias."""
    for row in rows:
        qid = clean(row["person_qid"])
        ok_start, start = iso_day(row["start"], is_end=False)
        ok_end, end = iso_day(row["end"], is_end=True)
        if not re.fullmatch(r"Q\d+", qid) or not (ok_start and ok_end):
            stats["cfmessias rows skipped (no QID or bad date)"] += 1
            continue
        if not office_ok(start, end, "1990-01-01") or qid in DROP_PERSONS:
            continue
        if (qid, row["role"], row["iso3"]) in DROP_SPELLS:
            stats["cfmessias rows dropped as wrong (see DROP_SPELLS)"] += 1
            continue
        draft = drafts.setdefault(qid, PersonDraft(qid))
        if qid in NAME_FIXES:
            draft.names.append((-1, NAME_FIXES[qid]))
        label = clean(row["person"])
        if label and not re.fullmatch(r"Q\d+", label) and not portuguese_label(label):
            draft.names.append((2, label))
        draft.offices.append({"role": row["role"], "country": row["iso3"], "title": None,
                              "start": start, "end": end, "_src": "cfmessias"})  # fmt: skip
        draft.sources.add("cfmessias")


@dataclass
class PepperRow:
    """One Peppercat row, classified."""

    qid: str
    names: list[str]
    catalog: Catalog
    position: str
    roles: list[str]
    start: str | None
    end: str | None


def pepper_rows(rows: list[dict], cats: dict[str, Catalog]) -> Iterator[PepperRow]:
    """Peppercat rows with a QID, a known catalog and parseable dates."""
    for row in rows:
        qid, cat = clean(row["personID"]), cats.get(row["catalog"])
        ok_start, start = iso_day(row["start"], is_end=False)
        ok_end, end = iso_day(row["end"], is_end=True)
        if not re.fullmatch(r"Q\d+", qid) or cat is None or not (ok_start and ok_end):
            continue
        names = [strip_parens(row.get("enwiki")), clean(row.get("person"))]
        roles = classify(row["position"], cat.country)
        yield PepperRow(qid, [n for n in names if n], cat, clean(row["position"]), roles,
                        start, end)  # fmt: skip


# Posts near the top that news names often: chiefs of staff, security councils, spy chiefs.
KEY_OTHER_RE = re.compile(
    r"^(head of the (office|administration) of the president|chief of staff of the presidential|"
    r"white house chief of staff|downing street chief of staff|national security advis[eo]r$|"
    r"secretary of the (national )?security (council|and defen[cs]e council)|"
    r"director of (the )?(cia|national intelligence|federal security service|"
    r"security intelligence agency)|head of (the )?(foreign intelligence|security service|"
    r"defen[cs]e intelligence|main intelligence))"
)
MINISTERS_SINCE = "2015-01-01"  # other cabinet ministers: only those in office since 2015
UN_ENVOY_TITLES = {"permanent representative to the united nations", "ambassador to the united nations"}
KEY_ROLES = {"foreign_minister", "defence_minister", "interior_minister", "finance_minister",
             "deputy_head_of_government", "spokesperson", "secretary_general"}  # fmt: skip


def is_key_row(row: PepperRow) -> bool:
    """Rows that make a person worth listing on their own (not just via another office)."""
    igo = row.catalog.country == "IGO" or (row.catalog.label, row.position) in TITLE_OVERRIDES
    if igo and IGO_LEADER_RE.search(row.position.lower()):
        return office_ok(row.start, row.end, "1990-01-01")
    if MIL_CHIEF_RE.match(row.position.lower()) and row.catalog.own_code:
        return office_ok(row.start, row.end, "2000-01-01")
    if {"head_of_state", "head_of_government"} & set(row.roles) and not row.catalog.covered:
        return office_ok(row.start, row.end, "1990-01-01")
    if row.position.lower() in UN_ENVOY_TITLES and row.catalog.own_code:
        return office_ok(row.start, row.end, "2000-01-01")
    if KEY_OTHER_RE.search(row.position.lower()) and row.catalog.own_code:
        return office_ok(row.start, row.end, MINISTERS_SINCE)
    if "minister" in row.roles and row.catalog.own_code and not JUNIOR_RE.search(row.position.lower()):
        return office_ok(row.start, row.end, MINISTERS_SINCE)
    return bool(KEY_ROLES & set(row.roles)) and office_ok(row.start, row.end, "2000-01-01")


def pepper_office(row: PepperRow, role: str) -> dict:
    """The office dict for one role of a Peppercat row, demoted to 'other' where needed."""
    country, title = TITLE_OVERRIDES.get((row.catalog.label, row.position), (None, None))
    country = country or row.catalog.country
    if not row.catalog.own_code or (
        row.catalog.country == "IGO" and role not in {"secretary_general", "ambassador", "minister"}
    ):
        role = "other"  # fmt: skip
    title = title or office_title(row.position, row.catalog)
    if not row.catalog.own_code and row.catalog.name.lower() not in title.lower():
        title = f"{title} ({row.catalog.name})"
    return {"role": role, "country": country, "title": title, "start": row.start,
            "end": row.end, "_src": "peppercat"}  # fmt: skip


def read_peppercat(rows: list[PepperRow], drafts: dict[str, PersonDraft]) -> None:
    """Add key people, then every other 1990+ office of everyone selected so far."""
    selected = set(drafts) | {row.qid for row in rows if is_key_row(row)}
    for row in rows:
        if row.qid not in selected or not office_ok(row.start, row.end, "1990-01-01"):
            continue
        draft = drafts.setdefault(row.qid, PersonDraft(row.qid))
        draft.names += [(0, row.names[0]), *((1, n) for n in row.names[1:])]
        draft.sources.add("peppercat")
        for role in row.roles:
            if role in {"head_of_state", "head_of_government"} and row.catalog.covered:
                continue
            draft.offices.append(pepper_office(row, role))


def title_index(rows: list[PepperRow]) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    """(qid, country, role) -> [(start, title)] from Peppercat, to title cfmessias offices."""
    index: dict[tuple[str, str, str], list[tuple[str, str]]] = collections.defaultdict(list)
    for row in rows:
        p = row.position.lower()
        role = "head_of_state" if HOS_RE.match(p) else "head_of_government" if HOG_RE.match(p) else ""
        if role and row.catalog.own_code:
            index[(row.qid, row.catalog.country, role)].append(
                (row.start or "", office_title(row.position, row.catalog))
            )
    return index


def usual_titles(titles: dict) -> dict[tuple[str, str], str]:
    """(country, role) -> the title Peppercat uses most often for that office."""
    counts: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for (_, country, role), spells in titles.items():
        counts[(country, role)].update(title for _, title in spells)
    return {key: counter.most_common(1)[0][0] for key, counter in sorted(counts.items())}


def title_cfmessias(drafts: dict[str, PersonDraft], titles: dict, names: dict[str, str]) -> None:
    """Title cfmessias offices: Peppercat's for the same spell, else the country's usual one."""
    usual = usual_titles(titles)
    for draft in drafts.values():
        for office in draft.offices:
            if office["title"] is not None:
                continue
            key = (office["country"], office["role"])
            near = [
                t
                for s, t in titles.get((draft.qid, *key), [])
                if office["start"] and s and abs(int(s[:4]) - int(office["start"][:4])) <= 1
            ]
            generic = "Head of State" if office["role"] == "head_of_state" else "Head of Government"
            fallback = usual.get(key, f"{generic} of {names.get(key[0], key[0])}")
            office["title"] = near[0] if near else fallback


def merge_offices(offices: list[dict]) -> list[dict]:
    """Merge duplicate and overlapping spells of the same role, country and title."""
    groups: dict[tuple, list[dict]] = collections.defaultdict(list)
    for office in offices:
        groups[(office["role"], office["country"], office["title"])].append(office)
    merged = []
    for spells in groups.values():
        spells.sort(key=lambda o: (o["start"] or "", o["end"] or "9999"))
        current = dict(spells[0])
        for spell in spells[1:]:
            if current["end"] is None or (spell["start"] or "") <= current["end"]:
                ends = [current["end"], spell["end"]]
                current["end"] = None if None in ends else max(ends)
            else:
                merged.append(current)
                current = dict(spell)
        merged.append(current)
    return sorted(merged, key=lambda o: (o["start"] or "", o["role"], o["country"] or ""))


def person_aliases(names: list[str], variants: list[str]) -> list[str]:
    """Full names only: at least two words, English script, no titles."""
    keep = []
    for name in unique([*names, *variants]):
        words = name.split()
        if len(words) < 2 or not is_latin(name) or is_common(name) or words[-1][0].islower():
            continue
        if match_key(words[0]) in PERSON_TITLE_WORDS or re.search(r"\d|[,;/()]", name):
            continue
        keep.append(name)
    return with_folded(keep)


def phoenix_variants(names: list[str], countries: set[str], index: dict) -> list[str]:
    """Name variants Phoenix lists for the same person ('Vladimir Vladimirovich Putin')."""
    surnames = {match_key(n.split()[-1]) for n in names if len(n.split()) >= 2}
    firsts = {match_key(n.split()[0]) for n in names if len(n.split()) >= 2}
    found = []
    for name in names:
        for entry_countries, entry_names in index.get(match_key(name), []):
            if not entry_countries & countries:
                continue
            for variant in entry_names:
                words = match_key(variant).split()
                if (
                    len(words) < 2
                    or words[-1] not in surnames
                    or not all(re.fullmatch(r"[a-z][a-z'\-]*", w) or re.fullmatch(r"[a-z]", w) for w in words)
                ):
                    continue
                first = words[0]
                stem = any(f != first and f.startswith(first) for f in firsts)
                if not stem and any(f[:3] == first[:3] for f in firsts):
                    found.append(phoenix_case(variant))
    return found


def best_name(draft: PersonDraft) -> str | None:
    """Peppercat's English Wikipedia title, else its label, else the cfmessias label."""
    for _, name in sorted(draft.names, key=lambda pn: pn[0]):
        if is_latin(name) and len(name.split()) >= 1 and not re.fullmatch(r"Q\d+", name):
            return name
    return None


def build_persons(kb: Path, rigour: dict, phoenix: list[PhoenixEntry], stats) -> list[dict]:
    """Person actors from cfmessias and Peppercat, merged by QID."""
    cf_rows = read_csv(kb / "leaders_cfmessias_history_2025-10.csv")
    covered = {clean(r["iso3"]) for r in cf_rows}
    cats = catalogs(read_csv(kb / "extras/peppercat_catalog_to_rigour.csv"), rigour, covered)
    prows = list(pepper_rows(read_csv(kb / "leaders_peppercat_historic_2023-01-18.csv"), cats))
    drafts: dict[str, PersonDraft] = {}
    read_cfmessias(cf_rows, drafts, stats)
    read_peppercat(prows, drafts)
    country_names = {r["alpha3"].upper(): strip_parens(r.get("in_sentence") or r["name"])
                     for r in rigour.values() if r.get("alpha3")}  # fmt: skip
    title_cfmessias(drafts, title_index(prows), country_names)
    alpha3s = set(country_names) | {"XKX"}
    index = phoenix_person_names(phoenix, alpha3s)
    actors = []
    for qid in sorted(drafts, key=lambda q: int(q[1:])):
        actor = person_actor(drafts[qid], index)
        if actor is None:
            stats["persons skipped (no usable name or office)"] += 1
            continue
        actors.append(actor)
    return actors


def person_actor(draft: PersonDraft, index: dict) -> dict | None:
    """Turn a draft into an actor (country and sector are set after the manual merge)."""
    name = best_name(draft)
    offices = merge_offices([o for o in draft.offices if o["role"] in ROLES])
    if name is None or not offices:
        return None
    names = [n for _, n in sorted(draft.names, key=lambda pn: pn[0])]
    countries = {o["country"] for o in offices}
    variants = phoenix_variants(unique(names), countries, index)
    sources = sorted(draft.sources) + (["phoenix"] if variants else [])
    aliases = person_aliases([name, *names], variants)
    return new_actor(draft.qid, name, "person", aliases=aliases, offices=offices,
                     sources=sources)  # fmt: skip


# ================================================================= manual additions


def merge_manual(actors: dict[str, dict], manual: list[dict]) -> None:
    """Add hand-written actors; for ids the data already has, override and extend."""
    for row in manual:
        row = {k: v for k, v in row.items() if k not in {"note", "source"}}
        current = actors.get(row["id"])
        if current is None:
            actor = new_actor(row["id"], row["name"], row["kind"], sources=["manual"])
            actors[row["id"]] = actor
            current = actor
        else:
            current["sources"].append("manual")
        for key in ("name", "kind", "country", "sector", "parent"):
            if key in row and (row[key] is not None or key in {"country", "sector"}):
                current[key] = row[key]
        for key in ("aliases", "demonyms", "members"):
            current[key] = unique([*row.get(key, []), *current[key]])
        current["ethnonyms"] = unique([*row.get("ethnonyms", []), *current.get("ethnonyms", [])])
        current["_manual_metonyms"] = current.get("_manual_metonyms", []) + row.get("metonyms", [])
        current["metonyms"] = row.get("metonyms", []) + current["metonyms"]
        current["offices"] = manual_offices(current["offices"], row.get("offices", []))


def manual_offices(data: list[dict], manual: list[dict]) -> list[dict]:
    """Manual offices replace data offices with the same role, country and start."""
    keys = {(o["role"], o["country"], o.get("start")) for o in manual}
    kept = [o for o in data if (o["role"], o["country"], o.get("start")) not in keys]
    added = [{**o, "_src": "manual"} for o in manual]
    return sorted(kept + added, key=lambda o: (o.get("start") or "", o["role"]))


# ================================================================= consistency


def single_holder_key(office: dict) -> tuple | None:
    """Offices one person holds at a time: the main roles by country, other ministers by title."""
    if office["role"] in SINGLE_HOLDER_ROLES:
        return (office["role"], office["country"])
    title = (office.get("title") or "").lower()
    if office["role"] == "minister" and not re.search(r"without portfolio|of state|deputy|"
                                                      r"commissioner|delegate", title):  # fmt: skip
        return (office["role"], office["country"], title)
    return None


def close_superseded(actors: dict[str, dict]) -> int:
    """An open spell in a one-holder office ends when someone else's spell starts later.

    Heads of state count only for sovereign countries outside SHARED_HEADS_OF_STATE.
    """
    sovereign = {a["country"] for a in actors.values() if a["kind"] == "country" and not a.get("parent")}
    spells: dict[tuple, list[tuple[str, str, dict]]] = collections.defaultdict(list)
    for actor in actors.values():
        for office in actor["offices"]:
            if office["role"] == "head_of_state" and (
                office["country"] in SHARED_HEADS_OF_STATE or office["country"] not in sovereign
            ):
                continue
            key = single_holder_key(office)
            if key and office.get("start"):
                spells[key].append((office["start"], actor["id"], office))
    closed = 0
    for items in spells.values():
        items.sort(key=lambda item: item[0])
        for start, holder, office in items:
            if office["end"] is not None or office.get("_src") == "manual":
                continue
            later = [s for s, other, _ in items if s > start and other != holder]
            if later:
                office["end"] = later[0]
                closed += 1
    return closed


def resolve_demonyms(actors: Iterable[dict]) -> list[str]:
    """Give each demonym to one country (DEMONYM_OWNER) or none; returns notes."""
    owners: dict[str, list[dict]] = collections.defaultdict(list)
    for actor in actors:
        for demonym in actor["demonyms"]:
            owners[match_key(demonym)].append(actor)
    notes = []
    for key, claimants in sorted(owners.items()):
        codes = sorted({a["country"] for a in claimants})
        if len(claimants) < 2 and key not in DEMONYM_OWNER:
            continue
        winner = DEMONYM_OWNER.get(key) if key in DEMONYM_OWNER else None
        for actor in claimants:
            if actor["country"] != winner:
                actor["demonyms"] = [d for d in actor["demonyms"] if match_key(d) != key]
        if len(claimants) > 1:
            outcome = f"listed on {winner}" if winner else "on none"
            notes.append(f"`{key}` ({', '.join(codes)}): {outcome}")
    return notes


def resolve_metonyms(actors: Iterable[dict]) -> list[str]:
    """Each metonym stands for one actor: manual entries win, other clashes are dropped."""
    claims: dict[str, list[tuple[bool, dict]]] = collections.defaultdict(list)
    for actor in actors:
        manual = {match_key(m["text"]) for m in actor.get("_manual_metonyms", [])}
        actor["metonyms"] = list({m["text"]: m for m in reversed(actor["metonyms"])}.values())
        for key in dict.fromkeys(match_key(m["text"]) for m in actor["metonyms"]):
            claims[key].append((key in manual, actor))
    notes = []
    for key, claimants in sorted(claims.items()):
        if len(claimants) < 2:
            continue
        winners = [a for is_manual, a in claimants if is_manual][:1]
        for _, actor in claimants:
            if actor not in winners:
                actor["metonyms"] = [m for m in actor["metonyms"] if match_key(m["text"]) != key]
        names = ", ".join(a["name"] for _, a in claimants)
        notes.append(f"`{key}` ({names}): {'kept for ' + winners[0]['name'] if winners else 'dropped'}")
    return notes


def resolve_acronyms(actors: Iterable[dict]) -> list[str]:
    """An all-caps acronym two organisations share is dropped from both unless manual."""
    holders: dict[str, list[dict]] = collections.defaultdict(list)
    for actor in actors:
        if actor["kind"] == "organization":
            for alias in actor["aliases"]:
                if alias.isupper() and len(alias) <= 6:
                    holders[match_key(alias)].append(actor)
    notes = []
    for key, owners in sorted(holders.items()):
        if len({a["id"] for a in owners}) > 1 and not any("manual" in a["sources"] for a in owners):
            for actor in owners:
                actor["aliases"] = [a for a in actor["aliases"] if match_key(a) != key]
            notes.append(f"`{key.upper()}` ({', '.join(sorted({a['name'] for a in owners}))})")
    return notes


def set_person_affiliation(actor: dict) -> None:
    """A person's country and sector come from the latest office (open spells count as latest)."""
    if actor["kind"] != "person" or not actor["offices"]:
        return
    rank = {role: i for i, role in enumerate(ROLES)}
    latest = max(actor["offices"], key=lambda o: (o["end"] or "9999-12-31", o["start"] or "",
                                                  -rank.get(o["role"], 99)))  # fmt: skip
    actor["country"] = latest["country"]
    actor["sector"] = sector_for(latest)


# ================================================================= agents


def agent_phrases(raw: str) -> tuple[list[str], bool]:
    """Expand one Phoenix agent pattern into plain lower-case phrases; True when a macro
    or stem already supplied the plural forms."""
    text = raw.strip().lower()
    for macro, words in AGENT_MACROS.items():
        if macro.lower() in text:
            head, _, tail = text.partition(macro.lower())
            expanded = [agent_phrases(f"{head}{w}{tail}")[0] for w in words]
            return [p for phrases in expanded for p in phrases], True
    text = clean(text.replace("_", " "))
    last = text.split()[-1] if text else ""
    if last in AGENT_STEMS:
        stems = [f"{text[: -len(last)]}{stem}".strip() for stem in AGENT_STEMS[last]]
        return stems + [regular_plural(stem) for stem in stems], True
    return ([text] if text else []), False


def _plural_word(word: str) -> str:
    """'army' -> 'armies', 'boss' -> 'bosses'; words that already look plural stay as they are."""
    if re.search(r"([^s]s|men|ren|people|ae|ies|affaires)$", word):
        return word
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def regular_plural(phrase: str) -> str:
    """English regular plural: of the head noun before 'of'/'for'/'in'/'to', else the last word."""
    words = phrase.split()
    for i, word in enumerate(words):
        if i and word in {"of", "for", "in", "to", "at"}:
            return " ".join([*words[: i - 1], _plural_word(words[i - 1]), *words[i:]])
    return " ".join([*words[:-1], _plural_word(words[-1])]) if words else phrase


def agent_ok(phrase: str) -> bool:
    """Drop fragments, codes, weapons and words that are not agents in English news."""
    words = phrase.split()
    if not words or phrase in AGENT_DROP or any(w in AGENT_DROP_WORDS for w in words):
        return False
    if re.search(r"[^a-z .'\-]", phrase) or len(words) > 5 or words[0] in {"a", "an", "the"}:
        return False
    return words[-1] not in {"of", "in", "to", "for", "at", "the", "and", "de"}


def parse_agents(path: Path) -> dict[str, str]:
    """Phoenix.agents.txt -> {phrase: sector}, singular and plural forms."""
    line_re = re.compile(r"^(?P<phrase>[^{\[#]+?)\s*(\{(?P<plural>[^}]*)\})?\s*\[~(?P<code>[A-Z]+)")
    found: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = line_re.match(raw.strip())
        if not match or (raw.startswith(("#", "!")) and "!MINIST!" not in raw[:9]):
            continue
        sector = match.group("code")[:3]
        plural = match.group("plural")
        phrases, has_plurals = agent_phrases(match.group("phrase"))
        for phrase in phrases:
            forms = [phrase]
            if plural is None and not has_plurals:
                forms.append(regular_plural(phrase))
            elif plural and plural.strip():
                forms += agent_phrases(plural)[0]
            for form in forms:
                add_agent(found, form, sector)
    return found


def add_agent(found: dict[str, str], phrase: str, sector: str) -> None:
    """Keep one sector per phrase: GOV beats MIL beats COP ... beats the rest."""
    if not agent_ok(phrase):
        return
    current = found.get(phrase)
    if current is None or AGENT_SECTOR_RANK.get(sector, 9) < AGENT_SECTOR_RANK.get(current, 9):
        found[phrase] = sector


# ================================================================= first names


def person_genders(rows: list[dict[str, str]]) -> dict[str, tuple[str, str]]:
    """QID -> (name, 'm'|'f') for Peppercat's people with a stated gender."""
    people: dict[str, tuple[str, str]] = {}
    for row in rows:
        qid, gender = clean(row.get("personID")), clean(row.get("gender"))
        name = strip_parens(row.get("enwiki")) or clean(row.get("person"))
        if re.fullmatch(r"Q\d+", qid) and gender in {"male", "female"} and name:
            people.setdefault(qid, (name, gender[0]))
    return people


def build_first_names(rows: list[dict[str, str]]) -> dict[str, str]:
    """First name (match key) -> 'm'|'f', one vote per person, for names that at least two
    people bear and at least nine in ten of them share one gender (the rest are left out)."""
    votes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name, gender in person_genders(rows).values():
        words = name.split()
        first = match_key(words[0]) if len(words) >= 2 else ""
        if len(first) >= 2 and first.isalpha() and first not in PERSON_TITLE_WORDS:
            votes[first][gender] += 1
    names = {}
    for first, counter in sorted(votes.items()):
        gender, count = counter.most_common(1)[0]
        if count >= 2 and count >= 0.9 * sum(counter.values()):
            names[first] = gender
    return names


# ================================================================= output


def id_sort_key(actor_id: str) -> tuple[int, int, str]:
    if actor_id.startswith("Q"):
        return (0, int(actor_id[1:]), "")
    return (1, 0, actor_id)


def folded_metonyms(metonyms: list[dict]) -> list[dict]:
    """Sorted metonyms, each spelling with diacritics followed by its ASCII-folded one."""
    out: dict[str, dict] = {}
    for m in sorted(metonyms, key=lambda m: (match_key(m["text"]), m["text"])):
        for text in with_folded([m["text"]]):
            out.setdefault(text, {"text": text, "sector": m["sector"]})
    return list(out.values())


def finalise(actor: dict) -> dict:
    """Output shape: fixed key order, sorted names, internal keys dropped."""
    name = actor["name"]
    aliases = unique(with_folded([name, *sorted(actor["aliases"], key=lambda a: (match_key(a), a))]))
    mixed = {match_key(a) for a in aliases if not a.isupper()}
    aliases = [a for a in aliases if not (a.isupper() and len(a) > 4 and match_key(a) in mixed)]
    bare = actor["kind"] == "person" and len(name.split()) == 1 and len(name) < 7
    if bare or not is_latin(name) or (is_common(name) and match_key(name) not in NAME_WORD_EXCEPTIONS):
        aliases = [a for a in aliases if a != name]  # short mononyms ('Sasa') collide with first names
    offices = [{k: o.get(k) for k in ("role", "country", "title", "start", "end")}
               for o in sorted(actor["offices"], key=lambda o: (o["start"] or "", o["role"]))]  # fmt: skip
    out = {
        "id": actor["id"], "name": name, "kind": actor["kind"], "country": actor["country"],
        "sector": actor["sector"], "aliases": aliases,
        "demonyms": unique(actor["demonyms"]),
        "metonyms": folded_metonyms(actor["metonyms"]),
        "offices": offices, "members": sorted(set(actor["members"]), key=id_sort_key),
        "source": "+".join(dict.fromkeys(actor["sources"])),
    }  # fmt: skip
    if actor.get("parent"):
        out["parent"] = actor["parent"]
    if actor.get("ethnonyms"):  # only the few peoples that live across borders carry the key
        out["ethnonyms"] = unique(actor["ethnonyms"])
    return out


def validate(actors: list[dict]) -> list[str]:
    """Contract checks; returns the problems found (the build fails on any)."""
    ids = {a["id"] for a in actors}
    problems = []
    for a in actors:
        where = f"{a['id']} {a['name']}"
        if not ID_RE.match(a["id"]) or a["kind"] not in KINDS:
            problems.append(f"{where}: bad id or kind")
        if a["country"] is not None and not CODE_RE.match(a["country"]):
            problems.append(f"{where}: bad country {a['country']}")
        problems += [f"{where}: unknown member {m}" for m in a["members"] if m not in ids]
        for o in a["offices"]:
            if o["role"] not in ROLES or (o["country"] and not CODE_RE.match(o["country"])):
                problems.append(f"{where}: bad office {o}")
        if a["kind"] == "person" and not a["offices"] and "manual" not in a["source"]:
            problems.append(f"{where}: person without office")
        demonyms = {match_key(d) for d in a["demonyms"]}
        problems += [
            f"{where}: ethnonym {e} is no demonym"
            for e in a.get("ethnonyms", ())
            if match_key(e) not in demonyms
        ]
    return problems


def write_outputs(
    out: Path, actors: list[dict], agents: dict[str, str], names: dict[str, str], report: str
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "actors.jsonl").open("w", encoding="utf-8", newline="\n") as handle:
        for actor in actors:
            handle.write(json.dumps(actor, ensure_ascii=False) + "\n")
    with (out / "agents.tsv").open("w", encoding="utf-8", newline="\n") as handle:
        for phrase in sorted(agents):
            handle.write(f"{phrase}\t{agents[phrase]}\n")
    with (out / "first_names.tsv").open("w", encoding="utf-8", newline="\n") as handle:
        for name in sorted(names):
            handle.write(f"{name}\t{names[name]}\n")
    (out / "SOURCES.md").write_text(report, encoding="utf-8", newline="\n")


# ================================================================= report

INPUTS = (  # (input, repository @ commit, licence, what was taken)
    (
        "`kb/territories_rigour.jsonl`",
        "opensanctions/rigour @ 8f4044dd (file 357aefba)",
        "MIT",
        (
            "territories in scope, QIDs, alpha-3 codes, parents; names and full names; "
            "`names_strong` only where a second source agrees"
        ),
    ),
    (
        "`kb/extras/countries_mledoze.json`",
        "mledoze/countries @ 5e9f3700 (dist/countries.json)",
        "ODbL 1.0",
        (
            "English short and official names, alternative spellings (where a second source "
            "agrees), capitals (as metonyms), English demonyms, independence"
        ),
    ),
    (
        "`kb/leaders_cfmessias_history_2025-10.csv`",
        "cfmessias/geografia @ 2e1e3b9c (data/leaders_history.csv)",
        "none stated (Wikidata SPARQL output)",
        "heads of state and government with QIDs and dates, offices ending 1990 or later",
    ),
    (
        "`kb/extras/countries_profiles_cfmessias.csv`",
        "cfmessias/geografia @ 1483469c",
        "none stated",
        "consulted only (its capital names are Portuguese; mledoze's are used)",
    ),
    (
        "`kb/leaders_peppercat_historic_2023-01-18.csv`",
        "peppercatorg/site-build @ 269ad347 (docs/leaders/*/leaders-historic.csv)",
        "CC BY-NC 4.0",
        (
            "heads of state and government where cfmessias has none (Kosovo, de facto "
            "states); foreign, defence, interior and finance ministers, deputy heads of "
            "government, spokespeople, UN ambassadors, chiefs of general staff and IGO "
            "leaders in office 2000 or later; other cabinet ministers, presidential chiefs of"
            " staff, security-council secretaries and intelligence chiefs in office 2015 or "
            "later; every other 1990+ office of the people selected; English names (Wikipedia"
            " titles)"
        ),
    ),
    (
        "`kb/extras/peppercat_catalog_to_rigour.csv`",
        "derived from the above (kb/SOURCES.md)",
        "—",
        "Peppercat catalog -> territory",
    ),
    (
        "`kb/intl_orgs_supraverden.csv` (export of `general_list.yaml`)",
        "confirmordeny/supraverden @ 59ab4fa0 (file d7b5b1b6)",
        "CC BY-SA 4.0",
        "organisations with a QID: English names, acronyms, alternative names",
    ),
    (
        "`events/dictionaries/Phoenix.Countries.actors.txt`",
        "openeventdata/petrarch2 @ 676801cd",
        "MIT",
        ("spellings that agree with another source, adjectives as demonyms, leaders' name variants"),
    ),
    (
        "`events/dictionaries/Phoenix.agents.txt`",
        "openeventdata/petrarch2 @ 676801cd",
        "MIT",
        "agent words and their CAMEO sector (first three letters of the code)",
    ),
    (
        ("`events/dictionaries/Phoenix.International.actors.txt`, `Phoenix.MilNonState.actors.txt`"),
        "openeventdata/petrarch2 @ 676801cd",
        "MIT",
        ("consulted for spellings of the hand-written groups and organisations; not read by the build"),
    ),
    (
        "`scripts/gazetteer_manual.jsonl`",
        "this repository",
        "Apache-2.0 (project)",
        'hand-written actors and corrections, each with `"source": "manual"` and a note',
    ),
)


def inputs_table() -> str:
    """The INPUTS as a Markdown table."""
    lines = ["| input | repository @ commit | licence | taken |", "|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in INPUTS]
    return "\n".join(lines)


SOURCES_HEAD = """# Actor gazetteer: sources

Generated by `scripts/build_gazetteer.py`; do not edit by hand. Rebuild from the
repository root with

    .venv/bin/python scripts/build_gazetteer.py --data ../shared/data \\
        --out src/newsgraph/knowledge/data

The facts below (names, codes, QIDs, dates of office, capitals, demonyms) come
from Wikidata (CC0) by way of the inputs listed here. Only facts are kept, one
actor per line; no input file's layout or selection is reproduced. Each input's
own licence is listed with what was taken from it.

{inputs}

Each actor's `source` field names the inputs it came from (`rigour`, `mledoze`,
`phoenix`, `cfmessias`, `peppercat`, `supraverden`, `manual`). The `NGEC_*`
dictionaries (no licence stated) are not used.

## What the build does

- **Countries**: current sovereign states (rigour `is_country`, mledoze
  `independent`), plus Kosovo (`XKX`), Taiwan and Palestine, plus the de facto
  states Abkhazia (Q23334, the state, not rigour's primary QID), South Ossetia,
  Transnistria, Northern Cyprus, Somaliland and the Donetsk and Luhansk
  "people's republics", which take their parent's alpha-3 and carry `"parent"`
  (the parent's QID) so that `by_country_code` still returns the parent.
  Dependencies and Western Sahara are kind `other` with their own alpha-3;
  Republika Srpska is kind `other`, country `BIH`, sector `GOV`.
- **Aliases** of territories: rigour's name, full name and `in_sentence`, and
  mledoze's common and official names are taken as they are; any other name
  (rigour `names_strong`, mledoze `altSpellings`, Phoenix) needs two of these
  three sources to agree. `names_weak` is not used (it mixes in foreign
  translations, counties and cities). Non-English scripts, names with commas or
  brackets, capitals, demonyms, common words and first names are dropped (a
  country's own name stays: Chad, Jordan, Turkey, Georgia...). Person aliases
  are full names only (two words or more, no titles); every name with
  diacritics also gets its ASCII-folded spelling.
- **Demonyms**: mledoze's English demonyms and Phoenix adjectives that end like a
  demonym and start like the country's name, each with its plural.
- **Metonyms**: capitals from mledoze (sector GOV); seats and buildings are manual.
- **Persons**: merged by QID; rows without a QID, with unparseable dates, with
  neither start nor end, or open-ended with a start before 1960 (e.g. a fictional
  "President of the United States" from 1837) are skipped. Partial dates become
  the first (start) or last (end) day of their period. Overlapping spells of the
  same office are merged. An open spell of a one-holder office (head of
  government, foreign, defence, interior and finance minister) ends when another
  person's spell of that office starts. A person's `country` and `sector` come
  from their latest office (IGO posts: country `IGO`, sector null). Offices of
  de facto states and of the UK's nations are role `other` under the parent's
  alpha-3, so `office_holders("head_of_state", "GEO", ...)` never returns
  Abkhazia's president. Peppercat ends in January 2023: an open office from it
  means "in office on 2023-01-18" unless a later source or a manual line closes it.
- **Organisations**: all supraverden entries with a QID (`IGO`; Red Cross bodies
  `NGO`); acronyms that are ambiguous in news or shared by two organisations are
  dropped, and so are alternative names that are another organisation's name.
- **Manual lines** (`scripts/gazetteer_manual.jsonl`) have the output shape plus
  `source` and `note`. For an id the data already has, `name`, `kind`, `country`
  and `sector` override, names and members are added, metonyms win any clash,
  and an office replaces the data's office with the same role, country and start
  (that is how spells Peppercat leaves open are closed).
- **Agents** (`agents.tsv`): Phoenix patterns with `!PERSON!`/`!MINIST!` macros and
  truncated stems (`MINIST`, `AUTHORIT`, ...) expanded, underscores turned into
  spaces, regular plurals added (irregular ones from the file's `{...}`), sector =
  the first three letters of the code (`~GOVMIL` -> GOV; when a phrase has two,
  GOV > MIL > COP > JUD > LEG > SPY > the rest). Dropped: weapons and vehicles,
  places, fragments, non-English phrases, generic words (man, people, deputy...)
  and spokes* (Phoenix codes them MED; a spokesperson speaks for someone else). A
  few common words Phoenix lacks are added by hand: official(s), opposition,
  troops, forces, armed forces, regime.
- **First names** (`first_names.tsv`, read by `newsgraph.knowledge.names`): the
  first word of each Peppercat person's name with Peppercat's gender, one vote per
  person; a name is kept when at least two people bear it and nine in ten of them
  share one gender. Keys are match keys (ASCII-folded, lower case).
- **Matching notes for the stage**: demonyms are looked up case-insensitively, so
  a matcher should require a capital letter ("Polish", "French"); the all-caps rule
  covers aliases only. Surnames are indexed from the last word of every alias, and
  also the first word for people from China, Taiwan, Hong Kong, Macao, the Koreas
  and Vietnam ("Xi").
"""


def render_sources(actors: list[dict], agents: dict, stats: collections.Counter,
                   notes: dict[str, list[str]], manual: list[dict]) -> str:  # fmt: skip
    """SOURCES.md: provenance, method, counts and every collision the build resolved."""
    kinds = collections.Counter(a["kind"] for a in actors)
    offices = sum(len(a["offices"]) for a in actors)
    lines = [SOURCES_HEAD.replace("{inputs}", inputs_table()), "## Counts\n"]
    lines += [f"- {kind}: {kinds[kind]}" for kind in KINDS]
    lines += [f"- offices: {offices}", f"- agent phrases: {len(agents)}"]
    lines += [f"- {key}: {value}" for key, value in sorted(stats.items())]
    locals_ = sorted(a["id"] for a in actors if a["id"].startswith("local:"))
    lines += ["", "## Manual additions\n",
              f"{len(manual)} lines in `scripts/gazetteer_manual.jsonl`: seats and metonyms, "
              "armed groups and PMCs, groups of countries, institutions, NGOs, and people with "
              "offices the inputs lack or end too early. A QID is used only where an input file "
              "has it; everything else has a local id:", "",
              ", ".join(f"`{i}`" for i in locals_), ""]  # fmt: skip
    for title, items in notes.items():
        lines += [f"## {title}\n", *(f"- {item}" for item in items), ""]
    return "\n".join(lines)


# ================================================================= main


def load_inputs(data: Path) -> tuple[dict, dict, list[PhoenixEntry]]:
    kb = data / "kb"
    rigour = {r["code"]: r for r in read_jsonl(kb / "territories_rigour.jsonl")}
    countries = json.loads((kb / "extras/countries_mledoze.json").read_text(encoding="utf-8"))
    mledoze = {c["cca2"].lower(): c for c in countries}
    phoenix = parse_phoenix(data / "events/dictionaries/Phoenix.Countries.actors.txt")
    return rigour, mledoze, phoenix


@dataclass
class Outputs:
    """Everything the build writes."""

    actors: list[dict]
    agents: dict[str, str]
    first_names: dict[str, str]
    report: str


def build_actors(data: Path, manual: list[dict], stats: collections.Counter) -> tuple[list, dict]:
    """All actors in output shape, plus notes on the collisions resolved."""
    rigour, mledoze, phoenix = load_inputs(data)
    actors: dict[str, dict] = {}
    for actor in [*build_territories(rigour, mledoze, phoenix),
                  *build_organisations(read_csv(data / "kb/intl_orgs_supraverden.csv")),
                  *build_persons(data / "kb", rigour, phoenix, stats)]:  # fmt: skip
        if actor["id"] in actors:
            raise SystemExit(f"duplicate id from the inputs: {actor['id']}")
        actors[actor["id"]] = actor
    merge_manual(actors, manual)
    stats["open offices closed by a successor"] = close_superseded(actors)
    for actor in actors.values():
        set_person_affiliation(actor)
    notes = {
        "Demonyms claimed by several countries": resolve_demonyms(actors.values()),
        "Metonyms claimed by several actors": resolve_metonyms(actors.values()),
        "Acronyms dropped (shared by two organisations)": resolve_acronyms(actors.values()),
    }
    final = [finalise(actors[i]) for i in sorted(actors, key=id_sort_key)]
    problems = validate(final)
    if problems:
        raise SystemExit("gazetteer invalid:\n" + "\n".join(problems[:50]))
    return final, notes


def build(data: Path, manual_path: Path) -> Outputs:
    """Run every step."""
    stats: collections.Counter = collections.Counter()
    manual = read_jsonl(manual_path)
    actors, notes = build_actors(data, manual, stats)
    agents = parse_agents(data / "events/dictionaries/Phoenix.agents.txt")
    agents.update(AGENT_SUPPLEMENT)
    first_names = build_first_names(read_csv(data / "kb/leaders_peppercat_historic_2023-01-18.csv"))
    stats["first names with a gender (first_names.tsv)"] = len(first_names)
    report = render_sources(actors, agents, stats, notes, manual)
    return Outputs(actors, agents, first_names, report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "src/newsgraph/knowledge/data")
    parser.add_argument("--manual", type=Path, default=REPO / "scripts/gazetteer_manual.jsonl")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    out = build(args.data, args.manual)
    write_outputs(args.out, out.actors, out.agents, out.first_names, out.report)
    kinds = collections.Counter(a["kind"] for a in out.actors)
    print(f"{len(out.actors)} actors {dict(sorted(kinds.items()))}, {len(out.agents)} agent phrases, "
          f"{time.perf_counter() - began:.1f}s -> {args.out}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
