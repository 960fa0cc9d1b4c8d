"""The actors stage: every way an article names an actor resolves to one canonical actor."""

from __future__ import annotations

import pytest

from newsgraph import api
from newsgraph.records import Analysis, Article

pytestmark = pytest.mark.slow  # loads the spaCy model and the gazetteer once for the module

PUTIN_VISIT = (
    "Russian President Vladimir Putin arrived in Belgrade on Thursday for talks with Serbian President "
    "Aleksandar Vučić, who greeted him at the airport. Tens of thousands of people gathered in front of "
    "the Church of Saint Sava to welcome the Russian leader.\n\n"
    "Moscow has backed Serbia in its refusal to recognise Kosovo, and the Kremlin said the visit would "
    "deepen cooperation in energy. Belgrade, for its part, bought Russian fighter jets last year. "
    "Putin praised Serbia as a reliable partner. He also warned the West against expanding NATO in the "
    "Balkans.\n\n"
    "Vučić said Serbia would not join sanctions against anyone. The Serbian president added that his "
    "country wanted to join the European Union."
)


@pytest.fixture(scope="module")
def pipeline():
    return api.load_pipeline(stages=("actors",))


def analyse(pipeline, text: str, date: str | None = "2019-01-17", title: str | None = None) -> Analysis:
    return pipeline.analyze(Article(id="t", text=text, date=date, title=title))


def by_id(analysis: Analysis) -> dict[str, list[str]]:
    return {actor.id: [m.text for m in actor.mentions] for actor in analysis.actors}


def actor(analysis: Analysis, actor_id: str):
    return next(a for a in analysis.actors if a.id == actor_id)


def test_putin_visit_to_belgrade(pipeline):
    result = analyse(pipeline, PUTIN_VISIT, title="Putin visits Belgrade")
    actors = by_id(result)
    putin, vucic = actor(result, "Q7747"), actor(result, "Q222031")
    assert (putin.name, putin.kind, putin.country) == ("Vladimir Putin", "person", "RUS")
    assert (vucic.name, vucic.kind, vucic.country) == ("Aleksandar Vučić", "person", "SRB")
    assert actors["Q7747"] == ["Vladimir Putin", "him", "the Russian leader", "Putin", "He"]
    assert actors["Q222031"] == ["Aleksandar Vučić", "Vučić", "The Serbian president", "his"]
    assert actors["Q159"] == ["Moscow", "the Kremlin", "Russian"]  # "Russian" fighter jets
    assert "Belgrade" in actors["Q403"] and actors["Q403"].count("Belgrade") == 1  # acting, not "in Belgrade"
    assert actor(result, "Q7747").salience.in_title and actor(result, "Q403").salience.in_title
    for found in result.actors:
        for mention in found.mentions:
            assert result.article.text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("sentence", "acting"),
    [
        ("Moscow warned Kyiv against joining NATO.", True),
        ("The Kremlin said the talks had been useful.", True),
        ("The EU urged Belgrade to align its foreign policy.", True),
        ("Sanctions against Moscow have hurt the economy.", True),
        ("Talks with Pristina resumed in Brussels on Monday.", True),
        ("Pristina's decision angered Serbian officials.", True),
        ("The ministers met in Moscow on Monday.", False),
        ("She flew to Belgrade for the funeral.", False),
        ("Protesters filled the streets of Belgrade.", False),
        ("He was born in Pristina in 1975.", False),
    ],
)
def test_capitals_count_as_governments_only_when_they_act(pipeline, sentence, acting):
    capital = next(c for c in ("Moscow", "Belgrade", "Pristina", "Kremlin") if c in sentence)
    mentions = [m for ms in by_id(analyse(pipeline, sentence)).values() for m in ms]
    assert any(capital in mention for mention in mentions) is acting, mentions


def test_demonyms_and_compound_mentions(pipeline):
    text = (
        "Hungarian and Romanian officials agreed on Wednesday to cooperate on refugees. "
        "Serbs in the north of Kosovo blocked the roads, and Russian troops stayed in their barracks."
    )
    actors = by_id(analyse(pipeline, text))
    assert actors["Q28"] == ["Hungarian"]
    assert actors["Q218"] == ["Romanian officials"]
    assert actors["local:serbs"] == ["Serbs"]  # a people living in Kosovo, not Serbia
    assert "Q403" not in actors
    assert actors["Q159"] == ["Russian troops"]


def test_titles_resolve_to_the_holder_on_the_article_date(pipeline):
    text = (
        "The Russian president met the Kosovo prime minister's critics. Russia's foreign minister was absent."
    )
    in_2010 = by_id(analyse(pipeline, text, date="2010-06-01"))
    assert in_2010["Q23530"] == ["The Russian president"]  # Dmitry Medvedev
    in_2022 = by_id(analyse(pipeline, text, date="2022-05-01"))
    assert in_2022["Q7747"] == ["The Russian president"]
    assert in_2022["Q441633"] == ["the Kosovo prime minister"]  # Albin Kurti
    assert in_2022["Q58217"] == ["Russia's foreign minister"]  # Sergey Lavrov


def test_the_president_refers_to_the_president_named_before(pipeline):
    text = (
        "Vjosa Osmani addressed parliament in Pristina on Tuesday. "
        "The president said Kosovo would apply to join the Council of Europe."
    )
    actors = by_id(analyse(pipeline, text, date="2022-05-10"))
    assert actors["Q13047644"] == ["Vjosa Osmani", "The president"]


def test_pronouns_follow_the_person_who_acts_or_speaks(pipeline):
    text = (
        "Albin Kurti met Ana Perić, a researcher at the Balkan Policy Forum, in Pristina. "
        "She told reporters the meeting had been useful. He later left for Brussels, "
        "where his talks with EU officials lasted four hours."
    )
    actors = by_id(analyse(pipeline, text, date="2022-05-10"))
    assert actors["local:ana-peric"] == ["Ana Perić", "She"]
    assert actors["Q441633"] == ["Albin Kurti", "He", "his"]


def test_spelling_variants_diacritics_and_typos(pipeline):
    text = (
        "Aleksandar Vucic spoke to reporters. Later, Vucic and Slobodan Milosevic's former aides were "
        "compared in a documentary. Critics said Vučićc had learned from Milošević."
    )
    actors = by_id(analyse(pipeline, text, date="2019-03-01"))
    assert actors["Q222031"] == ["Aleksandar Vucic", "Vucic", "Vučićc"]
    assert actors["Q47139"] == ["Slobodan Milosevic", "Milošević"]


def test_unknown_people_and_organisations_get_stable_local_ids(pipeline):
    text = (
        "Jelena Glušac of the Danube Policy Institute said the plan would fail. "
        "Glušac added that the Danube Policy Institute would publish a study."
    )
    first = by_id(analyse(pipeline, text))
    second = by_id(analyse(pipeline, "Critics quoted Jelena Glušac at length."))
    assert first["local:jelena-glusac"] == ["Jelena Glušac", "Glušac"]
    assert first["local:danube-policy-institute"] == ["Danube Policy Institute"] * 2
    assert "local:jelena-glusac" in second


@pytest.mark.parametrize(
    "text",
    [
        "Must read: the democratic opposition and the pro-Putin camp clash again.",
        "Share on Facebook\n\nLatest articles\n\nSubscribe to our newsletter",
        "Turkey and chicken prices rose, and us consumers paid more, the report said.",
    ],
)
def test_noise_never_becomes_an_actor(pipeline, text):
    actors = by_id(analyse(pipeline, text))
    assert "Q7747" not in actors  # "pro-Putin" is a stance
    assert not any(mention.lower().startswith(("must", "share", "latest", "subscribe", "democratic"))
                   for mentions in actors.values() for mention in mentions)  # fmt: skip
    if text.startswith("Turkey"):
        assert "Q30" not in actors  # lower-case "us" is a pronoun


def test_a_bracketed_acronym_names_the_organisation_before_it(pipeline):
    text = (
        "The Movement for Democratic Change (MDC) said on Monday it would contest the vote. "
        "Later the MDC named its candidates."
    )
    actors = by_id(analyse(pipeline, text))
    assert actors["local:movement-for-democratic-change"] == [
        "Movement for Democratic Change",
        "MDC",
        "it",  # the movement said it would contest the vote
        "MDC",
    ]


def test_an_owner_or_an_organisation_in_a_title_gives_the_affiliation(pipeline):
    text = (
        "Sudan's Supreme Court upheld the ruling. Arab League Secretary-General Samir Haddad welcomed it, "
        "and President Omar El Bashir thanked the judges."
    )
    result = analyse(pipeline, text, date="2005-03-01")
    assert actor(result, "local:supreme-court").country == "SDN"
    assert actor(result, "local:samir-haddad").country == "IGO"  # a fictional secretary-general
    assert by_id(result)["Q57265"] == ["Omar El Bashir"]  # "Omar al-Bashir" in the gazetteer


def test_an_ethnic_group_is_not_its_kin_state(pipeline):
    text = "Ethnic Albanians in the valley protested, and Albania's government urged calm."
    result = analyse(pipeline, text)
    assert actor(result, "local:albanians").kind == "group"
    assert by_id(result)["local:albanians"] == ["Ethnic Albanians"]
    assert by_id(result)["Q222"] == ["Albania"]
    russians = by_id(analyse(pipeline, "Ethnic Russians in Latvia were asked to register."))
    assert russians["local:ethnic-russians"] == ["Ethnic Russians"]


@pytest.mark.parametrize(
    ("text", "people", "states"),
    [
        (
            "Thousands of Serbs protested in northern Kosovo against the new licence plates.",
            "Serbs",
            ["Q1246"],
        ),
        ("A Serb was arrested at the crossing near Jarinje on Sunday.", "Serb", []),
        ("Croats and Bosniaks share power in the federation, while Serbia watches.", "Croats", ["Q403"]),
        (
            "Albanians in North Macedonia voted, and the Albanian government welcomed it.",
            "Albanians",
            ["Q221", "Q222"],
        ),
        # "Bosniak" is one letter off "Bosnia", and no misspelling of it
        ("Bosniak parties protested against the new law, and Bosniaks in Mostar voted.", "Bosniaks", []),
    ],
)
def test_a_people_across_borders_is_not_the_state_of_its_name(pipeline, text, people, states):
    actors = by_id(analyse(pipeline, text))
    group = f"local:{people.lower().rstrip('s')}s"
    assert actors[group] == [people]
    assert sorted(i for i in actors if i.startswith("Q")) == states


def test_a_people_named_as_a_modifier_is_not_the_state(pipeline):
    text = (
        "In January 2022 the United States sanctioned Milorad Dodik, the Serb member of Bosnia's "
        "presidency, whose base is the Serb-run entity."
    )
    actors = by_id(analyse(pipeline, text))
    assert "Q403" not in actors and "local:serbs" not in actors
    assert actors["Q335688"] == ["Milorad Dodik"] and actors["Q225"] == ["Bosnia"]
    assert actors["Q30"] == ["the United States"]
    clashes = by_id(analyse(pipeline, "Soldiers were injured in clashes with Serb protesters in Zvečan."))
    assert clashes["local:serb-protesters"] == ["Serb protesters"] and "Q403" not in clashes
    leaders = by_id(
        analyse(pipeline, "Serb leaders in the north rejected the plan, and Serbian leaders backed them.")
    )
    assert leaders["local:serb-leaders"] == ["Serb leaders"] and leaders["Q403"] == ["Serbian leaders"]


def test_a_surname_after_a_place_preposition_stays_a_place(pipeline):
    # Leposavić is a town in Kosovo and the surname of a Montenegrin minister in the gazetteer
    text = "In Leposavić, a shop owner said the roads were quiet. Protesters gathered outside Vučić's office."
    actors = by_id(analyse(pipeline, text, date="2023-09-25"))
    assert "Q101208326" not in actors
    assert actors["Q222031"] == ["Vučić"]


def test_a_bare_surname_is_someone_in_office_near_the_articles_date(pipeline):
    text = "Protesters carried portraits of Milošević through the centre of Belgrade."
    assert by_id(analyse(pipeline, text, date="1999-03-24"))["Q47139"] == ["Milošević"]


def test_a_name_given_to_a_place_is_no_person(pipeline):
    text = "Chinese military transport aircraft landed at Belgrade's Nikola Tesla airport at the weekend."
    result = analyse(pipeline, text, date="2022-04-11")
    assert [a.kind for a in result.actors] == ["country"]  # China, from "Chinese"


def test_a_bare_name_that_starts_a_groups_name_is_the_group_where_its_country_is_named(pipeline):
    # "Wagner" is also the surname of a Peruvian minister in the gazetteer; Peru is not named here
    text = "Wagner fighters seized a headquarters of Russia's army. Wagner has operated in Syria and Libya."
    actors = by_id(analyse(pipeline, text, date="2023-06-26"))
    assert actors["local:wagner-group"] == ["Wagner", "Wagner"]


def test_a_military_rank_is_no_part_of_the_name(pipeline):
    text = "Sergeant Marko Lekić was wounded near the crossing, and Captain Ana Pavlović led the patrol."
    actors = by_id(analyse(pipeline, text, date="2023-09-25"))
    assert actors["local:marko-lekic"] == ["Marko Lekić"]
    assert actors["local:ana-pavlovic"] == ["Ana Pavlović"]


def test_a_lone_name_used_as_a_place_is_no_person(pipeline):
    # NER reads these towns, crossings and rivers as people; how the article uses them says otherwise
    text = (
        "Fighting continued near Avdiivka on Monday. Wagner fighters took over the headquarters in "
        "Rostov-on-Don and sent a column towards Moscow. Serbs blocked the Jarinje and Brnjak crossings, "
        "and one driver said he only wanted to drive to Raška. Grain still moves via the Danube."
    )
    actors = by_id(analyse(pipeline, text, date="2023-06-26"))
    assert actors["local:serbs"] == ["Serbs"]
    assert [
        i for i in actors if i.startswith("local:") and i not in ("local:serbs", "local:wagner-group")
    ] == []


def test_a_town_named_as_one_is_no_organisation(pipeline):
    text = (
        "The leaders met after a long day of talks in the lakeside town of Ohrid. Chinese companies own "
        "copper mines around Bor. A US aid package remains stuck in Congress."
    )
    actors = by_id(analyse(pipeline, text))
    assert "local:ohrid" not in actors and "local:bor" not in actors
    assert actors["local:congress"] == ["Congress"]  # "in" is no proof of a place


def test_it_after_a_state_acting_is_that_state(pipeline):
    text = (
        "Belgrade believed that it could keep a foot in each camp. It condemns the invasion of "
        "Ukraine at the United Nations, then refuses to join sanctions."
    )
    assert by_id(analyse(pipeline, text))["Q403"] == ["Belgrade", "it", "It"]
    # the nearest subject decides: here "it" is the deal, and "it is clear" is no one
    other = "Serbia signed a deal in May. The deal was criticised. It gives Serbia cheap gas. It is clear."
    assert by_id(analyse(pipeline, other))["Q403"] == ["Serbia", "Serbia"]


def test_its_owning_the_subject_after_a_state_is_that_state(pipeline):
    text = "Serbia has chosen a different path. Its parliament declared military neutrality in 2007."
    assert by_id(analyse(pipeline, text))["Q403"] == ["Serbia", "Its"]
    # partners named by a body of their own are that body's, whoever "its" is
    other = "Greece demanded that its European Community partners refuse to recognise Macedonia."
    assert by_id(analyse(pipeline, other))["Q41"] == ["Greece"]


def test_a_council_named_short_after_its_full_name_is_the_same_council(pipeline):
    text = (
        "Albania, which holds a seat on the UN Security Council this year, drafted the text. The "
        "Security Council met again on Friday. A veto only shows that the Council cannot stop a "
        "permanent member that breaks the rules."
    )
    actors = by_id(analyse(pipeline, text, date="2022-09-30"))
    assert actors["Q37470"][1:] == ["Security Council", "Council"]
    assert not [a for a in actors if a.startswith("local:")]


def test_a_name_its_apposition_calls_a_party_or_a_broadcaster_is_an_organisation(pipeline):
    text = (
        "Milan Radoičić, until last week the vice-president of Srpska Lista, the main Kosovo Serb "
        "party, admitted organising the group. The Treasury also blacklisted Alternativna Televizija, "
        "a Banja Luka broadcaster."
    )
    found = analyse(pipeline, text, date="2023-10-02")
    assert actor(found, "local:srpska-lista").kind == "organization"
    assert [m.text for m in actor(found, "local:srpska-lista").mentions] == [
        "Srpska Lista",
        "Kosovo Serb party",
    ]
    assert actor(found, "local:alternativna-televizija").kind == "organization"


def test_occupied_land_and_a_title_of_state_are_no_actors(pipeline):
    text = (
        "An attack damaged the road bridge linking Russia with occupied Crimea. Ukraine's foreign "
        "minister later met US Secretary of State Antony Blinken in Washington."
    )
    actors = by_id(analyse(pipeline, text, date="2023-07-17"))
    assert not [a for a in actors if a.startswith("local:")]
    assert actors["Q7821917"] == ["Antony Blinken"]


def test_a_seat_of_an_international_body_says_where_someone_works_not_for_whom(pipeline):
    text = (
        "“The EU has chosen ambiguity,” said Pieter Van Damme, a senior fellow at a policy desk in Brussels."
    )
    assert actor(analyse(pipeline, text, date="2023-02-28"), "local:pieter-van-damme").country is None


def test_it_passes_over_a_subject_inside_a_clause_another_verb_governs(pipeline):
    text = (
        "Russia does not recognise Schmidt as High Representative, arguing that his appointment was "
        "never approved by the UN Security Council, and it has called for his office to be closed. "
        "Peskov said that Russia would return to the deal only once its demands had been met."
    )
    mentions = by_id(analyse(pipeline, text, date="2022-10-03"))["Q159"]
    assert mentions == ["Russia", "it", "Russia", "its"]


def test_western_officials_and_diplomats_are_the_west(pipeline):
    text = (
        "Western diplomats warned that the plan could unravel the post-war order. Western officials agreed."
    )
    assert by_id(analyse(pipeline, text, date="2022-01-06")) == {
        "local:the-west": ["Western diplomats", "Western officials"]
    }


def test_a_possessive_inside_a_known_name_is_part_of_it(pipeline):
    text = "The People’s Republic of China is ready to join forces with Russia, Wang Yi said."
    assert "Q865" not in by_id(analyse(pipeline, text, date="2023-03-01"))  # not the Republic of China
    assert by_id(analyse(pipeline, text, date="2023-03-01"))["Q148"] == ["The People’s Republic of China"]


def test_a_sentence_opening_adverb_is_no_part_of_a_name(pipeline):
    text = "Sometimes Kiev shows more ingenuity. Kiev recruits couriers."
    assert by_id(analyse(pipeline, text, date="2023-03-01")) == {"Q212": ["Kiev", "Kiev"]}


def test_an_undated_articles_title_is_the_office_holder_it_names(pipeline):
    # with no date, the headline's office is held by whoever of the article held it, not today's
    text = (
        "Estonian Prime Minister calls for long-range missiles for Ukraine.\n\n"
        "Kaja Kallas said on Monday that partners should do more."
    )
    actors = by_id(analyse(pipeline, text, date=None))
    assert actors["Q11869065"] == ["Estonian Prime Minister", "Kaja Kallas"]


def test_honorifics_and_rank_words_are_no_part_of_a_name(pipeline):
    text = (
        "Prof Tahir Mamman spoke at the briefing in Abuja. Mamman advised the scholars. "
        "Top Zelensky aide Andrii Yermak warned that the coming year will decide the war."
    )
    actors = by_id(analyse(pipeline, text, date="2023-12-11"))
    assert actors["local:tahir-mamman"] == ["Tahir Mamman", "Mamman"]
    assert actors["Q3874799"] == ["Zelensky"]
    assert not [a for a in actors if "prof" in a or "top" in a]


def test_towns_and_regions_are_no_actors(pipeline):
    text = "The fall of Avdiivka came in February. Serbs in Zubin Potok blocked roads, Mitrovica stayed calm."
    assert [a for a in by_id(analyse(pipeline, text, date="2024-02-20")) if a != "local:serbs"] == []
    text = "Serbia's largest oil company, NIS, is majority-owned by Gazprom Neft."
    assert "local:nis" in by_id(analyse(pipeline, text, date="2022-05-30"))  # not the town of Niš


def test_the_minister_is_the_minister_the_article_named(pipeline):
    text = (
        "Russian Defense Minister Sergey Shoigu said 1,000 foreigners remain in the Ukrainian ranks. "
        "The Russian minister added that NATO officers are in Kiev."
    )
    assert by_id(analyse(pipeline, text, date="2023-01-05"))["Q32024"] == [
        "Sergey Shoigu",
        "The Russian minister",
    ]
    assert by_id(analyse(pipeline, "The minister said the talks had failed.", date="2023-01-05")) == {}


def test_an_s_that_owns_nothing_is_part_of_a_companys_name(pipeline):
    text = "American fast-food giant McDonald's said it will exit Russia."
    actors = by_id(analyse(pipeline, text, date="2022-05-16"))
    assert actors["local:mcdonald-s"] == ["McDonald's", "it"]
    assert not [a for a in actors if a.startswith("Q") and a not in ("Q30", "Q159")]  # no Mr McDonald
    # a known name's "'s" is a possessive, whatever follows it
    text = "Albania, whose bid has been tied to Skopje's, waits alongside it."
    assert not [a for a in by_id(analyse(pipeline, text, date="2022-06-24")) if a.startswith("local:")]


def test_a_place_or_its_kind_before_a_name_is_no_part_of_it(pipeline):
    text = "Russia's ambassador to Washington Anatoly Antonov said the talks had failed."
    assert "local:anatoly-antonov" in by_id(analyse(pipeline, text, date="2023-01-05"))
    text = (
        "Ukrainian forces are holding on to Kharkiv and Kyiv.\n\n"
        "Capital Kyiv remains under Ukrainian control with the nearest Russian troops 15 miles away."
    )
    actors = by_id(analyse(pipeline, text, date="2022-03-25"))
    assert not [a for a in actors if "capital" in a]


def test_a_town_in_a_description_gives_a_local_actor_its_country(pipeline):
    text = "Nenad Jovanović, a 38-year-old lorry driver from Leposavić, said the protesters would stay."
    assert actor(analyse(pipeline, text, date="2021-09-27"), "local:nenad-jovanovic").country == "XKX"


def test_a_surname_spelt_as_the_article_spells_it_is_a_mention(pipeline):
    text = (
        "President Volodymyr Zelenskiy spoke in Kyiv on Friday.\n\n"
        "Zelenskiy said Ukraine had retaken two villages near the border."
    )
    mentions = by_id(analyse(pipeline, text, date="2022-05-14"))["Q3874799"]
    assert mentions.count("Zelenskiy") == 1 and "Volodymyr Zelenskiy" in mentions


def test_a_chain_of_pronouns_carries_its_person_past_the_window(pipeline):
    text = (
        "Marko Petrović arrived in Novi Sad on Monday. He met the city council. He then walked "
        "across the new bridge. He also opened a school. He left for Belgrade on Tuesday."
    )
    petrovic = actor(analyse(pipeline, text), "local:marko-petrovic")
    assert [m.text for m in petrovic.mentions].count("He") == 4


def test_a_long_quotation_does_not_move_its_speaker_out_of_reach(pipeline):
    text = (
        "Milica Jovanović, the mayor of Novi Sad, spoke to reporters on Monday.\n\n"
        "“The bridge is finished. The road is finished. The school is finished. We are proud of "
        "all three.”\n\n"
        "She said the town would hold a festival in May."
    )
    mayor = actor(analyse(pipeline, text), "local:milica-jovanovic")
    assert "She" in [m.text for m in mayor.mentions]


def test_an_undated_title_names_the_latest_holder_the_article_names(pipeline):
    text = (
        "Boris Johnson spoke to reporters in London. Vladimir Putin has massed troops on the "
        "border. The PM will travel to Kyiv on Tuesday."
    )
    found = analyse(pipeline, text, date=None)
    assert "The PM" in by_id(found)["Q180589"]
    assert "The PM" not in by_id(found)["Q7747"]
    assert all("PM" not in m for m in by_id(analyse(pipeline, "The talks ended at 5 PM in London.")).values())


def test_a_name_ends_before_a_participle_that_opens_a_clause(pipeline):
    text = "The row began after a report in The Sun saying Kyiv would use the missiles."
    assert all("saying" not in a.name for a in analyse(pipeline, text).actors)


def test_a_participle_opening_the_sentence_is_no_part_of_a_name(pipeline):
    text = (
        'The mayor spoke on Sunday. "We see how unfriendly the soldiers are in our land."\n\n'
        "Following Russian bombing campaigns on Monday, the Kyiv mayor surveyed scenes of damage in "
        "the city alongside his brother."
    )
    assert all(not a.name.startswith("Following") for a in analyse(pipeline, text).actors)


def test_a_pronoun_tells_the_gender_of_a_name_the_article_never_gendered(pipeline):
    text = (
        "In Prizren, Drita Berisha, a teacher, said the school had reopened. “The children are back,” "
        "she said. “That is enough for now.”\n\n"
        "In Leposavić, a shop owner who asked not to be named said the road was closed. “Nobody told "
        "us,” he said."
    )
    berisha = actor(analyse(pipeline, text), "local:drita-berisha")
    assert [m.text for m in berisha.mentions] == ["Drita Berisha", "she"]


def test_a_hyphenated_name_keeps_its_hyphen_and_its_surname(pipeline):
    text = (
        "Sam Ashworth-Hayes, a researcher in London, spoke on Monday. Mr Ashworth-Hayes said the "
        "risk of escalation was small."
    )
    found = analyse(pipeline, text)
    assert by_id(found)["local:sam-ashworth-hayes"] == ["Sam Ashworth-Hayes", "Ashworth-Hayes"]
    assert actor(found, "local:sam-ashworth-hayes").name == "Sam Ashworth-Hayes"


def test_a_name_ends_at_a_bullet(pipeline):
    found = analyse(pipeline, "Written for The Balkan Review • March 20, 2023 • 1,200 words")
    assert all("•" not in a.name and "March" not in a.name for a in found.actors)


def test_a_name_after_the_is_no_ones_surname(pipeline):
    text = (
        "According to The Sun, the warning came in the general's first speech since he took "
        "command of the army this month."
    )
    found = analyse(pipeline, text, date="2024-01-25")
    assert all(a.kind != "person" or a.name != "Sun Chunlan" for a in found.actors)
    assert "Q195379" not in by_id(found)
    text = "Donald Trump spoke. Hackers attacked people in both the Trump and the Biden campaign."
    assert by_id(analyse(pipeline, text, date="2020-10-01"))["Q22686"] == ["Donald Trump", "Trump"]
    text = "Last year, a Sun investigation revealed what the official had done. Most read in The Sun."
    assert "Q195379" not in by_id(analyse(pipeline, text, date="2024-01-25"))
    text = "The Senate blocked the measure after the Biden administration warned it could split the allies."
    assert by_id(analyse(pipeline, text, date="2022-01-14"))["Q6279"] == ["Biden"]


def test_the_diplomat_is_the_minister_the_article_named(pipeline):
    text = (
        "Russia's Foreign Minister Sergey Lavrov said the US was using the dollar as a weapon. The "
        "Russian diplomat noted that the trade body had been blocked. A Western diplomat disagreed."
    )
    assert by_id(analyse(pipeline, text))["Q58217"] == ["Sergey Lavrov", "The Russian diplomat"]
    text = (
        "Russia's UN ambassador Vasily Nebenzya spoke on Monday. The diplomat said Kyiv was to blame. "
        "The Russian ambassador added that talks were possible."
    )
    found = by_id(analyse(pipeline, text, date="2023-02-10"))["Q1000053"]
    assert found == ["Vasily Nebenzya", "The diplomat", "The Russian ambassador"]


def test_a_knight_is_named_by_his_first_name(pipeline):
    text = (
        "The army's new chief, General Sir Patrick Sanders, told soldiers to prepare. Sir Patrick "
        "said there was a burning imperative to forge a new army."
    )
    assert by_id(analyse(pipeline, text))["local:patrick-sanders"] == ["Patrick Sanders", "Patrick"]


def test_a_military_rank_before_a_first_name_makes_a_person(pipeline):
    text = (
        "Russian Defence Ministry spokesman Major General Igor Konashenkov said the strikes hit "
        "their targets. Konashenkov added that more would follow."
    )
    found = by_id(analyse(pipeline, text))
    assert found["local:igor-konashenkov"] == ["Igor Konashenkov", "Konashenkov"]
    assert "local:general-motors" in by_id(analyse(pipeline, "General Motors said its profits rose."))


def test_towns_of_the_donbas_are_places(pipeline):
    text = "Shells fell on Horlivka and Makiivka overnight, local officials said."
    assert all(a.kind == "country" or a.id.startswith("Q") for a in analyse(pipeline, text).actors)
    text = "The rouble weakened past 100 per dollar at 0700 GMT on Monday, Reuters reported."
    assert [a.name for a in analyse(pipeline, text).actors] == ["Reuters"]


def test_he_prefers_the_subject_before_a_name_whose_gender_is_known(pipeline):
    text = (
        "General Kyrylo Budanov claimed the doubles are used to hide Putin's loss of control.\n\n"
        "He claimed the secret services had seen three doubles."
    )
    assert by_id(analyse(pipeline, text, date="2023-04-01"))["local:kyrylo-budanov"] == [
        "Kyrylo Budanov",
        "He",
    ]


def test_a_dateline_after_a_headline_and_a_standfirst_names_no_one(pipeline):
    text = (
        "Top court rules against Russia\n\n"
        "The ruling cites abuses in Crimea\n\n"
        "THE HAGUE, Netherlands — A European court has ruled that Russia was responsible for abuses."
    )
    assert all("hague" not in a.name.lower() for a in analyse(pipeline, text).actors)


def test_a_chair_is_a_title_not_a_first_name(pipeline):
    text = "The decision effectively ends Chair Jay Powell's push for inclusive growth."
    assert "local:jay-powell" in by_id(analyse(pipeline, text))


def test_a_name_with_initials_is_a_full_name_and_its_surname_follows(pipeline):
    text = 'Tucker Carlson and J.D. Vance defended the deal. "I do not care," said Vance on a podcast.'
    assert by_id(analyse(pipeline, text, date="2023-03-01"))["local:j-d-vance"] == ["J.D. Vance", "Vance"]


def test_a_headline_name_holding_a_country_takes_no_later_mention_of_the_country(pipeline):
    text = (
        "Zelensky Seeks To Cancel Russia At UN\n\n"
        "Zelensky Seeks To Cancel Russia At UN\n\n"
        "Ukraine's president asked the UN to expel Russia. Russia rejected the demand."
    )
    found = by_id(analyse(pipeline, text, date="2022-09-22"))
    assert found["Q159"].count("Russia") == 2
    assert all(found[actor_id].count("Russia") == 0 for actor_id in found if actor_id != "Q159")


def test_a_first_name_alone_is_the_article_person_who_bears_it(pipeline):
    text = "Tucker Carlson said the war was not America's business. Pence disagreed with Tucker on Friday."
    assert by_id(analyse(pipeline, text, date="2023-07-14"))["local:tucker-carlson"] == [
        "Tucker Carlson",
        "Tucker",
    ]


def test_an_undated_bare_surname_needs_the_persons_country_or_office_named(pipeline):
    text = (
        "Meta changed its rules for posts about the war. Meta said users may not call for violence "
        "against heads of state, and Meta removed thousands of posts."
    )
    assert "Q727132" not in by_id(analyse(pipeline, text, date=None))  # Ilir Meta of Albania
    text = "NATO will raise its rapid reaction forces, Secretary General Stoltenberg said in Vilnius."
    assert "Q57665" in by_id(analyse(pipeline, text, date=None))


def test_a_lone_adverb_opening_a_quotation_is_no_name(pipeline):
    text = (
        "Four agencies called for urgent aid on Wednesday.\n\n"
        '"Sharply higher prices for food and fuel are pushing millions into poverty," the agency '
        "heads said in a statement."
    )
    assert all(a.name != "Sharply" for a in analyse(pipeline, text).actors)


def test_a_leaders_administration_is_the_leaders_country(pipeline):
    text = (
        "The Barack Obama Administration armed Ukraine, the writer claims. The Obama Administration "
        "denied it."
    )
    assert by_id(analyse(pipeline, text, date=None))["Q30"] == [
        "Barack Obama Administration",
        "Obama Administration",
    ]


def test_outlets_and_companies_the_tagger_reads_as_people_are_organisations(pipeline):
    text = "Politico reported that only a few billion dollars remain. Al Jazeera said the talks failed."
    found = {a.name: a.kind for a in analyse(pipeline, text).actors}
    assert found == {"Politico": "organization", "Al Jazeera": "organization"}


def test_an_outlet_the_article_calls_one_is_no_ones_surname(pipeline):
    text = (
        "Ukraine moved the brigade to Rabotino, according to the American magazine Forbes. "
        "Britain had sent the tanks."
    )
    found = analyse(pipeline, text, date=None)
    assert "Q24039479" not in by_id(found)  # Kate Forbes, a Scottish politician
    assert actor(found, "local:forbes").kind == "organization"
    text = "“The war changed views of the US,” the South China Morning Post quoted a survey author."
    found = analyse(pipeline, text)
    assert "Q148" not in by_id(found)
    assert actor(found, "local:south-china-morning-post").kind == "organization"


def test_a_title_case_headline_is_no_organisation(pipeline):
    text = (
        "Putin Deploys Troops Along Finland Border In Response To NATO Accession\n\n"
        "Russian President Vladimir Putin said on Tuesday that troops would move to the Finnish border."
    )
    found = analyse(pipeline, text, date="2023-04-05")
    assert {a.id for a in found.actors} == {"Q7747", "Q33", "Q7184"}


def test_a_place_stays_a_place_before_a_noun(pipeline):
    text = "Ministers meet for talks in Bali on Thursday. The Bali talks will last two days."
    assert analyse(pipeline, text, date="2022-07-14").actors == []


def test_named_groups_by_a_short_name_and_a_spelt_out_number(pipeline):
    text = (
        "The raid was claimed by the Freedom of Russia Legion, a unit of Russian volunteers. "
        "Moscow said members of the Legion had crossed the border."
    )
    found = by_id(analyse(pipeline, text, date="2023-05-23"))
    assert found["local:freedom-of-russia-legion"] == ["the Freedom of Russia Legion", "Legion"]
    found = by_id(analyse(pipeline, "Group of 20 finance ministers meet in Bali.", date="2022-07-14"))
    assert found == {"local:g20": ["Group of 20"]}


def test_a_former_office_holder_is_no_one_in_office_today(pipeline):
    text = "Henry Kissinger spoke at the forum. The former US Secretary of State called for talks."
    found = analyse(pipeline, text, date="2025-05-10")
    assert {a.id for a in found.actors} == {"local:henry-kissinger"}
    text = (
        "Germany's ex-interior minister lashes out at the government\n\nOtto Schily, who served as "
        "interior minister from 1998 to 2005, said the sanctions were wrong."
    )
    assert by_id(analyse(pipeline, text, date=None))["Q60788"][0] == "Germany's ex-interior minister"
    text = "Boris Tadic spoke in Belgrade. The former Serbian president said he was worried."
    found = by_id(analyse(pipeline, text, date="2019-05-10"))
    assert found["Q483290"] == ["Boris Tadic", "The former Serbian president", "he"]


def test_a_subheading_run_into_the_text_leaves_the_name_whole(pipeline):
    text = (
        "Henry Kissinger spoke at the forum. US should support Ukraine Kissinger argued that the "
        "US should keep arming Ukraine."
    )
    found = by_id(analyse(pipeline, text, date=None))
    assert found["local:henry-kissinger"] == ["Henry Kissinger", "Kissinger"]
    assert found["Q212"] == ["Ukraine", "Ukraine"]


def test_plural_names_datelines_and_seats_of_courts_are_no_people(pipeline):
    found = by_id(analyse(pipeline, "Many Teslas have been recalled. Tesla said the batteries were safe."))
    assert found == {"local:tesla": ["Tesla"]}
    text = "Karachi - Unity Foods has partnered with a recycling firm. Unity Foods will collect the waste."
    found = by_id(analyse(pipeline, text))
    assert list(found) == ["local:unity-foods"] and found["local:unity-foods"][0] == "Unity Foods"
    text = "Two activists attacked the painting in The Hague. Police arrested them."
    assert analyse(pipeline, text).actors == []


def test_a_country_inside_another_places_name_is_no_mention_of_it(pipeline):
    text = "Democrats in New York and New Jersey backed the cull. The governor of New Mexico did not."
    assert analyse(pipeline, text, date="2023-05-01").actors == []
    found = by_id(analyse(pipeline, "Fighting continued in South Lebanon and northern Kosovo."))
    assert found == {"Q822": ["Lebanon"], "Q1246": ["Kosovo"]}
    text = "Tensions rose in the South China Sea. Brexit Britain is one of Moscow's fiercest opponents."
    assert list(by_id(analyse(pipeline, text))) == ["Q145", "Q159"]
    text = "The Republic of Macedonia officially became the Republic of North Macedonia on Tuesday."
    assert list(by_id(analyse(pipeline, text))) == ["Q221"]


def test_credits_labels_and_joined_names_are_read_apart(pipeline):
    text = "The lab opened on Friday. (Xinhua/Guo Xulei)\n\nVerdict: False. NASA has no such plan."
    assert [a.name for a in analyse(pipeline, text).actors] == ["NASA"]
    text = "A Bill Gates-connected official spoke. Bill Gates denied it."
    assert by_id(analyse(pipeline, text))["local:bill-gates"] == ["Bill Gates", "Bill Gates"]
    text = "Putin and Lukashenko met in Minsk on Friday."
    found = by_id(analyse(pipeline, text, date="2023-06-09"))
    assert found["Q7747"] == ["Putin"] and found["Q2866"] == ["Lukashenko"]


def test_a_name_given_in_part_is_the_same_person(pipeline):
    text = "Malik Riaz Hussain founded the firm in 1995. Malik Riaz said the project would help the poor."
    found = by_id(analyse(pipeline, text))
    assert found == {"local:malik-riaz-hussain": ["Malik Riaz Hussain", "Malik Riaz"]}


def test_bylines_and_diseases_are_read_as_such(pipeline):
    text = "Solar makers look abroad\n\nby Xinhua writer Shi Hao\n\nBEIJING, Jan. 10 -- Demand rose."
    assert "local:shi-hao" in by_id(analyse(pipeline, text))
    text = "He noted that COVID-19 was the first such disease. Tedros Adhanom Ghebreyesus agreed."
    assert [a.name for a in analyse(pipeline, text, date="2024-01-17").actors if a.kind == "person"] == [
        "Tedros Adhanom Ghebreyesus"
    ]


def test_a_first_name_only_one_person_bears_is_that_person(pipeline):
    text = (
        "WHO Director-General Tedros Adhanom Ghebreyesus spoke in Davos. WHO Tedros describes the "
        "plan as a blueprint. He says the next pandemic is a matter of when."
    )
    found = by_id(analyse(pipeline, text, date=None))
    assert found["Q16196017"] == ["Tedros Adhanom Ghebreyesus", "Tedros", "He"]


def test_a_junior_rank_and_a_portfolio_name_no_one(pipeline):
    text = (
        "President Emmanuel Macron, once an economy minister, spoke first. “We must act,” said "
        "France’s Minister of State for Development and International Partnerships, Chrysoula "
        "Zacharopoulou."
    )
    found = by_id(analyse(pipeline, text, date=None))
    assert found["Q3052772"] == ["Emmanuel Macron"]
    assert set(found) == {"Q3052772", "Q142", "local:chrysoula-zacharopoulou"}


def test_a_surname_with_an_apostrophe_is_whole(pipeline):
    text = "Former Los Angeles City Councilman Mitch O'Farrell spoke first. O'Farrell was the first to speak."
    assert by_id(analyse(pipeline, text)) == {"local:mitch-o-farrell": ["Mitch O'Farrell", "O'Farrell"]}


def test_an_untagged_hyphenated_surname_is_its_person(pipeline):
    text = "Adam Hartstone-Rose studied zoos. Seven years ago, tortoises did nothing, Hartstone-Rose said."
    found = by_id(analyse(pipeline, text))
    assert found == {"local:adam-hartstone-rose": ["Adam Hartstone-Rose", "Hartstone-Rose"]}


def test_the_king_is_no_president(pipeline):
    text = (
        "Monarch honours K-pop stars\n\nDuring the state visit by South Korean President Yoon Suk Yeol, "
        "the King honoured the band."
    )
    assert by_id(analyse(pipeline, text, date=None))["Q16090635"] == ["Yoon Suk Yeol"]
    assert by_id(analyse(pipeline, "The Spanish king opened parliament.", date="2022-05-01")) == {
        "Q191045": ["The Spanish king"]
    }


def test_a_surname_takes_its_first_name_from_the_headline(pipeline):
    title = "Sanctions have failed, says Peter Szijjarto"
    found = analyse(
        pipeline, "Szijjarto said the sanctions had hurt Europe more than Russia.", date=None, title=title
    )
    assert by_id(found)["Q685293"] == ["Szijjarto"]


def test_handles_symbols_and_a_treasurer_end_or_leave_a_name(pipeline):
    text = (
        "West Virginia Treasurer Riley Moore agreed. Riley Moore said so.\n\n"
        "— Alex Bruesewitz 🇺🇸 (@alexbruesewitz) June 1, 2023\n\nFollow me on Truth Social @WarnerToddHuston."
    )
    assert by_id(analyse(pipeline, text)) == {
        "local:riley-moore": ["Riley Moore", "Riley Moore"],
        "local:alex-bruesewitz": ["Alex Bruesewitz"],
        "local:truth-social": ["Truth Social"],
    }


def test_a_known_outlet_ner_missed_is_an_organisation(pipeline):
    found = by_id(analyse(pipeline, "Axios reported that the bank's president would step down in June."))
    assert found == {"local:axios": ["Axios"]}


def test_a_name_with_particles_ner_split_is_one_person(pipeline):
    text = "Dutch politician Caroline van der Plas said farmers would fight. Van der Plas leads the party."
    found = by_id(analyse(pipeline, text))
    assert found["local:caroline-van-der-plas"][0] == "Caroline van der Plas"
    assert "local:plas" not in found
