"""Tests for the actor gazetteer (newsgraph.knowledge.gazetteer); no spaCy needed."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from newsgraph.knowledge.gazetteer import (
    Gazetteer,
    GazetteerActor,
    Metonym,
    Office,
    load_gazetteer,
    match_key,
)

ID_RE = re.compile(r"^(Q[0-9]+|local:[a-z0-9][a-z0-9-]*)$")
CODE_RE = re.compile(r"^[A-Z]{3}$")

# Words an alias must never be on its own (an alias all in capitals and at most four
# letters long is exempt: it only matches all-caps text, so "US" never matches "us").
COMMON_WORDS = set(
    """a about above after again against all also am an and any are as at away back be
    because been before being below between both but by call came can come could day did
    do does doing done down during each even every few first for from further get give go
    good got great had has have having he her here hers him his how i if in into is it its
    just keep know last leave let like little long look made make man many march may me
    might more most much must my never new next no nor not now of off old on once one only
    or other our out over own part people place put right said same say see seem she
    should show since so some still such take tell than that the their them then there
    these they thing think this those though three through time to too two under until up
    upon us use very want was way we well went were what when where which while who whom
    why will with within without work would year yet you young your august june july april
    monday friday war peace state states union general government army police court
    council party bank office press media world west east north south central national
    federal international republic kingdom island islands city capital china turkey chad
    jordan georgia guinea niger jersey mali mark bill will rose hope grace faith sky sun
    king queen male poo dev kent avon essex war""".split()
)
FIRST_NAMES = set(
    """john james robert michael william david richard joseph thomas charles mary patricia
    jennifer linda elizabeth barbara susan jessica sarah karen victoria santiago george paul
    peter andrew daniel anna maria ana ivan igor sergey sergei vladimir dmitry alexander
    aleksandar milos nikola marko stefan luka jovan petar mohammed muhammad ali ahmed omar
    hassan hussein jordan chad israel donald joe emmanuel olaf boris angela""".split()
)
# Country and territory names that are also common words or first names: they stay
# the name of their own actor and nothing else.
OWN_NAME_EXCEPTIONS = {"china", "turkey", "chad", "jordan", "georgia", "guinea", "niger",
                       "jersey", "israel", "mali"}  # fmt: skip


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return load_gazetteer()


def ids(actors: list[GazetteerActor]) -> list[str]:
    return [actor.id for actor in actors]


def test_loads_once_and_is_shared() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_match_key() -> None:
    assert match_key("U.S.") == match_key("US") == "us"
    assert match_key("Vučić") == "vucic"
    assert match_key("  Bosnia-Herzegovina ") == "bosnia herzegovina"
    assert match_key("People’s Republic") == match_key("People's Republic")


def test_every_id_and_country_code_is_well_formed(g: Gazetteer) -> None:
    actors = list(g.actors())
    assert len(actors) > 5000
    for actor in actors:
        assert ID_RE.match(actor.id), actor.id
        assert actor.kind in {"country", "person", "organization", "group", "other"}
        assert actor.country is None or CODE_RE.match(actor.country), (actor.id, actor.country)
        for office in actor.offices:
            assert office.country is None or CODE_RE.match(office.country), (actor.id, office)
        for member in actor.members:
            assert g.get(member) is not None, (actor.id, member)


def test_no_alias_is_a_common_word_or_bare_first_name(g: Gazetteer) -> None:
    for actor in g.actors():
        for alias in actor.aliases:
            letters = [ch for ch in alias if ch.isalpha()]
            if 0 < len(letters) <= 4 and all(ch.isupper() for ch in letters):
                continue  # all-caps acronym: matches all-caps text only
            key = match_key(alias)
            if key in OWN_NAME_EXCEPTIONS and actor.kind in {"country", "other"}:
                assert key == match_key(actor.name), (actor.id, alias)
                continue
            assert key not in COMMON_WORDS, (actor.id, alias)
            assert key not in FIRST_NAMES, (actor.id, alias)


def test_person_aliases_are_full_names(g: Gazetteer) -> None:
    for actor in g.actors():
        if actor.kind == "person":  # a mononym ('Akihito') is the one exception
            assert all(len(a.split()) >= 2 or a == actor.name for a in actor.aliases), actor


def test_countries_by_alias_and_qid(g: Gazetteer) -> None:
    for text, qid in [("Serbia", "Q403"), ("Republic of Serbia", "Q403"), ("Russia", "Q159"),
                      ("Russian Federation", "Q159"), ("Kosovo", "Q1246"), ("NATO", "Q7184"),
                      ("Nato", "Q7184"), ("EU", "Q458"), ("European Union", "Q458")]:  # fmt: skip
        assert qid in ids(g.by_alias(text)), text
    assert g.get("Q403").name == "Serbia"
    assert g.get("Q1246").country == "XKX"
    assert g.get("Q7747").name == "Vladimir Putin"
    assert g.get("Q7184").kind == "organization" and g.get("Q7184").country == "IGO"
    assert len(g.get("Q7184").members) == 32
    assert "Q403" not in g.get("Q7184").members and "Q36" in g.get("Q7184").members


def test_united_states_and_the_all_caps_rule(g: Gazetteer) -> None:
    for text in ["U.S.", "US", "United States", "USA", "the United States", "the U.S"]:
        assert ids(g.by_alias(text)) == ["Q30"], text
    assert g.by_alias("us") == []
    assert g.by_alias("Us") == []
    assert g.by_alias("who") == [] and ids(g.by_alias("WHO")) == ["Q7817"]
    assert g.by_alias("eu") == []


def test_person_aliases_with_and_without_diacritics(g: Gazetteer) -> None:
    assert ids(g.by_alias("Aleksandar Vučić")) == ["Q222031"]
    assert ids(g.by_alias("Aleksandar Vucic")) == ["Q222031"]
    assert "Q3874799" in ids(g.by_alias("Volodymyr Zelensky"))
    assert g.by_alias("Vucic") == []  # bare surnames are not aliases


@pytest.mark.parametrize(
    "text, qid",
    [("Serbian", "Q403"), ("Serbs", "Q403"), ("serbs", "Q403"), ("Serb", "Q403"),
     ("Russians", "Q159"), ("Russian", "Q159"), ("Kosovar", "Q1246"), ("Kosovars", "Q1246"),
     ("American", "Q30"), ("British", "Q145"), ("Britons", "Q145"), ("North Macedonian", "Q221")],
)  # fmt: skip
def test_demonyms(g: Gazetteer, text: str, qid: str) -> None:
    actor = g.by_demonym(text)
    assert actor is not None and actor.id == qid


@pytest.mark.parametrize(
    "text, people",
    [("Serbs", "Serbs"), ("Serb", "Serbs"), ("serbs", "Serbs"), ("Croat", "Croats"),
     ("Albanians", "Albanians"), ("Serbian", None), ("Albanian", None), ("Russians", None)],
)  # fmt: skip
def test_a_people_across_borders_is_known_by_its_plural(g: Gazetteer, text: str, people: str | None) -> None:
    assert g.people(text) == people


def test_ambiguous_demonym_is_on_no_country(g: Gazetteer) -> None:
    assert g.by_demonym("Congolese") is None


@pytest.mark.parametrize(
    "text, qid, sector",
    [("the Kremlin", "Q159", "GOV"), ("Kremlin", "Q159", "GOV"), ("Belgrade", "Q403", "GOV"),
     ("Brussels", "Q458", None), ("Pentagon", "Q30", "MIL"), ("the White House", "Q30", "GOV"),
     ("Downing Street", "Q145", "GOV"), ("Élysée", "Q142", "GOV"), ("Elysee", "Q142", "GOV"),
     ("Washington", "Q30", "GOV"), ("Moscow", "Q159", "GOV"), ("Kyiv", "Q212", "GOV"),
     ("Kiev", "Q212", "GOV"), ("Pristina", "Q1246", "GOV"), ("Prishtina", "Q1246", "GOV"),
     ("Sarajevo", "Q225", "GOV"), ("Banja Luka", "Q11196", "GOV"), ("Beijing", "Q148", "GOV")],
)  # fmt: skip
def test_metonyms(g: Gazetteer, text: str, qid: str, sector: str | None) -> None:
    found = g.by_metonym(text)
    assert found is not None, text
    actor, metonym = found
    assert actor.id == qid and isinstance(metonym, Metonym) and metonym.sector == sector


def test_tel_aviv_is_not_a_metonym(g: Gazetteer) -> None:
    assert g.by_metonym("Tel Aviv") is None


@pytest.mark.parametrize(
    "role, country, day, qid",
    [("head_of_state", "SRB", "2019-01-17", "Q222031"),
     ("head_of_state", "RUS", "2010-06-01", "Q23530"),
     ("head_of_state", "RUS", "2019-01-17", "Q7747"),
     ("head_of_government", "RUS", "2010-06-01", "Q7747"),
     ("head_of_state", "XKX", "2022-05-01", "Q13047644"),
     ("head_of_government", "XKX", "2022-05-01", "Q441633"),
     ("foreign_minister", "RUS", "2022-05-01", "Q58217"),
     ("head_of_state", "UKR", "2023-01-01", "Q3874799")],
)  # fmt: skip
def test_office_holders_by_date(g: Gazetteer, role: str, country: str, day: str, qid: str) -> None:
    assert ids(g.office_holders(role, country, day)) == [qid]


def test_igo_posts_share_the_igo_code(g: Gazetteer) -> None:
    holders = ids(g.office_holders("secretary_general", "IGO", "2020-01-01"))
    assert set(holders) == {"Q57665", "Q311440"}  # NATO's and the UN's


def test_dmitry_medvedev_by_name(g: Gazetteer) -> None:
    medvedev = g.office_holders("head_of_state", "RUS", "2010-06-01")[0]
    assert medvedev.name == "Dmitry Medvedev"


def test_successor_closes_an_open_spell(g: Gazetteer) -> None:
    # Peppercat (Jan 2023) leaves Shoigu's spell open; Belousov's appointment ends it.
    assert ids(g.office_holders("defence_minister", "RUS", "2023-06-01")) == ["Q32024"]
    assert "Q32024" not in ids(g.office_holders("defence_minister", "RUS", "2025-01-01"))


def test_office_held_on() -> None:
    office = Office("head_of_state", "RUS", "President of Russia", "2012-05-07", None)
    assert office.held_on("2012-05-07") and office.held_on("2020-01-01")
    assert not office.held_on("2012-05-06")
    assert office.held_on(None)
    closed = Office("head_of_government", "RUS", None, "2008-05-08", "2012-05-07")
    assert closed.held_on("2012-05-07") and not closed.held_on("2012-05-08")


def test_putin_record(g: Gazetteer) -> None:
    putin = g.get("Q7747")
    assert putin.kind == "person" and putin.country == "RUS" and putin.sector == "GOV"
    assert "Vladimir Vladimirovich Putin" in putin.aliases
    spell = [o for o in putin.offices if o.role == "head_of_state" and o.start == "2012-05-07"]
    assert spell and spell[0].end is None and spell[0].title == "President of Russia"


@pytest.mark.parametrize("surname", ["Vucic", "Vučić", "vucic", "VUČIĆ"])
def test_surnames_with_and_without_diacritics(g: Gazetteer, surname: str) -> None:
    assert ids(g.by_surname(surname))[:1] == ["Q222031"]


def test_surname_property(g: Gazetteer) -> None:
    assert g.get("Q222031").surname == "Vučić"
    assert g.get("Q403").surname is None
    assert "Q58217" in ids(g.by_surname("Lavrov"))
    assert "Q15031" in ids(g.by_surname("Xi"))  # family name first


@pytest.mark.parametrize(
    "word, sector",
    [("officials", "GOV"), ("troops", "MIL"), ("soldier", "MIL"), ("police", "COP"),
     ("rebels", "REB"), ("opposition", "OPP"), ("judge", "JUD"), ("parliament", "LEG"),
     ("diplomat", "GOV"), ("embassy", "GOV"), ("ministry", "GOV"), ("army", "MIL"),
     ("government", "GOV"), ("armies", "MIL"), ("Troops", "MIL"), ("lawmakers", "LEG")],
)  # fmt: skip
def test_agent_sectors(g: Gazetteer, word: str, sector: str) -> None:
    assert g.agent_sector(word) == sector


def test_agent_unknown_and_dropped_words(g: Gazetteer) -> None:
    assert g.agent_sector("banana") is None
    assert g.agent_sector("people") is None
    assert g.agent_sector("spokesman") is None


def test_country_codes_and_de_facto_states(g: Gazetteer) -> None:
    assert g.by_country_code("SRB").id == "Q403"
    assert g.by_country_code("srb").id == "Q403"
    assert g.by_country_code("XKX").id == "Q1246"
    assert g.by_country_code("GEO").id == "Q230"  # not Abkhazia or South Ossetia
    assert g.by_country_code("UKR").id == "Q212"  # not the DPR
    assert g.by_country_code("ZZZ") is None
    abkhazia = g.get("Q23334")
    assert abkhazia.kind == "country" and abkhazia.country == "GEO"
    assert ids(g.by_alias("DPR")) == ["Q16150196"]
    srpska = g.get("Q11196")
    assert (srpska.kind, srpska.country, srpska.sector) == ("other", "BIH", "GOV")


def test_groups(g: Gazetteer) -> None:
    wagner = g.by_alias("Wagner Group")[0]
    assert wagner.id == "local:wagner-group"
    assert (wagner.kind, wagner.country, wagner.sector) == ("group", "RUS", "MIL")
    west = g.by_alias("the West")[0]
    assert west.kind == "group" and "Q30" in west.members and "Q145" in west.members
    assert g.by_alias("West") == []


def test_surface_forms(g: Gazetteer) -> None:
    forms = set(g.surface_forms())
    assert ("Kremlin", "Q159", "metonym") in forms
    assert ("Serbian", "Q403", "demonym") in forms
    assert ("U.S.", "Q30", "alias") in forms
    assert ("Kharkiv", "Q212", "place") in forms
    assert all(kind in {"alias", "demonym", "metonym", "place"} for _, _, kind in forms)


def test_places_name_the_country_they_lie_in_and_are_no_actors(g: Gazetteer) -> None:
    assert g.by_place("Zubin Potok").id == "Q1246"
    assert g.by_place("Kharkov").id == g.by_place("Kharkiv").id == "Q212"
    assert g.by_place("Belgrade") is None  # a capital is its government's metonym
    assert g.by_alias("Kharkiv") == [] and g.by_metonym("Kharkiv") is None


def test_persons_have_a_recent_office(g: Gazetteer) -> None:
    for actor in g.actors():
        if actor.kind == "person" and actor.offices:
            assert any(o.end is None or o.end >= "1990-01-01" for o in actor.offices), actor.id
            assert all(o.role in ROLES for o in actor.offices), actor.id


ROLES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
         "interior_minister", "finance_minister", "minister", "deputy_head_of_government",
         "ambassador", "spokesperson", "secretary_general", "other"}  # fmt: skip


def test_data_file_is_small_enough() -> None:
    data = resources.files("newsgraph.knowledge").joinpath("data")
    assert len(data.joinpath("actors.jsonl").read_bytes()) < 8_500_000
