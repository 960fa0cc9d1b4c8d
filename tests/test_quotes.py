"""The quotes stage: direct and reported speech in every common style, with the right speaker."""

from __future__ import annotations

import json

import pytest

from newsgraph import api
from newsgraph.analysis.quotemarks import quoted_regions
from newsgraph.analysis.speakers import ActorIndex, signed_by
from newsgraph.records import Analysis, Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline():
    return api.load_pipeline(stages=("actors", "quotes"))


def quotes(pipeline, text: str, date: str = "2022-05-10") -> list[tuple[str | None, str | None, str, bool]]:
    """(speaker id, speaker text, quote text, direct) in order; offsets checked against the text."""
    result: Analysis = pipeline.analyze(Article(id="q", text=text, date=date))
    for quote in result.quotes:
        assert result.article.text[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None:
            assert result.article.text[quote.speaker_start : quote.speaker_end] == quote.speaker_text
    return [(q.speaker, q.speaker_text, q.text, q.direct) for q in result.quotes]


def who_said_what(found: list[tuple[str | None, str | None, str, bool]]) -> list[tuple[str | None, str]]:
    """(speaker text, quote text) of each quote, in order."""
    return [(speaker_text, quoted) for _, speaker_text, quoted, _ in found]


def spoken_by(found: list[tuple[str | None, str | None, str, bool]], speaker_text: str) -> tuple:
    """The first quote whose speaker mention reads ``speaker_text``."""
    return next(q for q in found if q[1] == speaker_text)


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"), ("„", "”"), ("``", "''"), ("''", "''")],
)
def test_direct_quotes_in_every_style(pipeline, opening, closing):
    words = "We will never recognise the independence of the north,"
    text = f"{opening}{words}{closing} said Ana Perić, a local councillor."
    [(speaker, speaker_text, quoted, direct)] = quotes(pipeline, text)
    assert (speaker, speaker_text, direct) == ("local:ana-peric", "Ana Perić", True)
    assert quoted == "We will never recognise the independence of the north,"


def test_cue_before_after_and_in_the_middle(pipeline):
    text = (
        "Marko Ilić, a retired teacher, said: “The border crossing has been closed for three days.”\n\n"
        "“Nobody tells us anything,” he said, “and the shops are running out of bread.”"
    )
    found = quotes(pipeline, text)
    assert [q[0] for q in found] == ["local:marko-ilic", "local:marko-ilic"]
    assert found[0][2] == "The border crossing has been closed for three days."
    assert found[1][2].startswith("Nobody tells us anything,") and found[1][2].endswith(
        "running out of bread."
    )


def test_a_quote_running_over_several_paragraphs(pipeline):
    text = (
        "Jelena Vuković, who runs a bakery in Zvečan, described the night of the clashes.\n\n"
        "“We closed at six and watched from the window. The soldiers came first, then the crowd.\n\n"
        "“By midnight the street was full of glass,” she said."
    )
    [(speaker, _, quoted, _)] = [q for q in quotes(pipeline, text) if q[3]]
    assert speaker == "local:jelena-vukovic"
    assert quoted.startswith("We closed at six") and quoted.endswith("full of glass,")
    assert "\n\n“By midnight" in quoted


def test_partial_quote_inside_a_sentence(pipeline):
    text = (
        "Opposition leader Dragan Savić calls the new law the “butcher of democracy” "
        "and has promised to repeal it."
    )
    found = quotes(pipeline, text)
    speakers = {q[0] for q in found}
    assert speakers == {"local:dragan-savic"}
    assert any("“butcher of democracy”" in q[2] and q[3] for q in found)


def test_a_quoted_fragment_is_attributed_with_its_clause(pipeline):
    text = (
        "Mayor Lena Horvat called for the contract to be “torn up” before the winter, "
        "and the council agreed to review it."
    )
    found = quotes(pipeline, text)
    assert (
        "local:lena-horvat",
        "Mayor Lena Horvat",
        "the contract to be “torn up” before the winter",
        True,
    ) in found


def test_the_writers_aside_is_not_part_of_the_content(pipeline):
    text = "Marko Ilić likened the new channel to the old state broadcaster, which closed in 2001."
    [(_, _, content, direct)] = quotes(pipeline, text)
    assert (content, direct) == ("the new channel to the old state broadcaster", False)


def test_reported_speech_with_its_cue_and_source(pipeline):
    text = (
        "Albin Kurti declared that Kosovo would not back down. "
        "Serbia will never recognise Kosovo, Aleksandar Vučić insisted on Tuesday. "
        "According to the Kosovo police, three officers were injured in the clashes."
    )
    found = quotes(pipeline, text)
    assert ("Q441633", "Albin Kurti", "that Kosovo would not back down", False) in found
    assert ("Q222031", "Aleksandar Vučić", "Serbia will never recognise Kosovo", False) in found
    according = next(q for q in found if q[2].startswith("three officers"))
    assert according[1] == "the Kosovo police"


def test_pronoun_speaker_two_sentences_after_the_name(pipeline):
    text = (
        "Vjosa Osmani travelled to Washington on Monday. The visit had been planned for months. "
        "“Kosovo is ready for the next step,” she said."
    )
    [(speaker, speaker_text, _, _)] = quotes(pipeline, text)
    assert (speaker, speaker_text) == ("Q13047644", "she")


def test_two_speakers_alternating_in_one_paragraph(pipeline):
    text = (
        "Petar Jović and Mirela Dobre disagreed about the talks. "
        "“The deal is dead,” said Jović. “It is only sleeping,” said Dobre. "
        "“Then wake it up,” he replied. “That is Brussels' job,” she answered."
    )
    found = quotes(pipeline, text)
    assert [(q[0], q[2]) for q in found] == [
        ("local:petar-jovic", "The deal is dead,"),
        ("local:mirela-dobre", "It is only sleeping,"),
        ("local:petar-jovic", "Then wake it up,"),
        ("local:mirela-dobre", "That is Brussels' job,"),
    ]


def test_titles_and_institutions_as_speakers(pipeline):
    text = (
        "The Russian embassy in Belgrade issued a statement on Friday. "
        "The embassy warned that Russia would have to react to any deployment. "
        "The Serbian president added that Belgrade would stay neutral."
    )
    found = {q[2]: q for q in quotes(pipeline, text, date="2022-05-10")}
    warned = found["that Russia would have to react to any deployment"]
    assert (warned[0], warned[1]) == ("Q159", "The embassy")
    added = found["that Belgrade would stay neutral"]
    assert (added[0], added[1]) == ("Q222031", "The Serbian president")


def test_unresolvable_speaker_keeps_its_text_and_no_id(pipeline):
    text = "“We are tired of promises,” one protester shouted at the rally in Mitrovica."
    [(speaker, speaker_text, _, _)] = quotes(pipeline, text)
    assert speaker is None and speaker_text == "one protester"


def test_scare_quotes_and_titles_are_not_quotes(pipeline):
    text = (
        "Moscow calls the war a “special military operation”. The film “War and Peace in the Balkans” "
        "opened in Belgrade on Friday."
    )
    assert all("War and Peace" not in q[2] for q in quotes(pipeline, text))


def test_a_name_given_to_a_group_is_no_quote(pipeline):
    text = "A group of climate activists called the Tyre Extinguishers has deflated the tyres of 40 cars."
    assert quotes(pipeline, text) == []
    text = "NEW: FIRST ACTION IN PORTUGAL! LISBON SUVS DISARMED OVERNIGHT BY ACTIVISTS"
    assert quotes(pipeline, text) == []
    # calling someone something is still speech
    text = "One lawmaker called Trump “the orange prince of American self-publicity.”"
    [(speaker_text, reported)] = who_said_what(quotes(pipeline, text))
    assert speaker_text == "One lawmaker" and reported.startswith("Trump “the orange prince")


def test_quotes_are_stored_and_listed_by_speaker_and_topic(cli, tmp_path):
    article = tmp_path / "talks.txt"
    article.write_text(
        "Talks in Brussels\n\n"
        "Albin Kurti said Serbia was not serious about the agreement. "
        "Aleksandar Vučić said Kosovo had broken its promises."
    )
    db = tmp_path / "q.duckdb"
    assert cli("ingest", article, "--db", db, "-q").code == 0
    by_kurti = cli("quotes", "--db", db, "--speaker", "Kurti", "--format", "jsonl").jsonl()
    assert [q["text"] for q in by_kurti] == ["Serbia was not serious about the agreement"]
    about_kosovo = cli("quotes", "--db", db, "--about", "Q1246", "--format", "jsonl").jsonl()
    assert [q["speaker_id"] for q in about_kosovo] == ["Q222031"]
    exported = [json.loads(line) for line in cli("export", "--db", db, "--table", "quotes").out.splitlines()]
    assert {q["speaker_id"] for q in exported} == {"Q441633", "Q222031"}


def test_a_line_led_by_its_speaker(pipeline):
    text = (
        "Kurti: Kosovo Will Not Give Up Its Seat at the Table\n\n"
        "MODERATOR: Do you expect the talks to resume this year?\n\n"
        "Photo: Delegates leave the hall in Brussels on Friday"
    )
    found = quotes(pipeline, text)
    assert [(q[1], q[2]) for q in found] == [
        ("Kurti", "Kosovo Will Not Give Up Its Seat at the Table"),
        ("MODERATOR", "Do you expect the talks to resume this year?"),
    ]
    assert found[0][0] in (None, "Q441633")  # never a wrong actor


def test_a_second_cue_in_the_same_sentence_gets_its_own_quote(pipeline):
    text = "Mira Kostić promised to keep campaigning and said she would stand up to the attacks."
    found = [(q[1], q[2]) for q in quotes(pipeline, text)]
    assert ("Mira Kostić", "she would stand up to the attacks") in found
    assert all("said" not in content for _, content in found)


def test_a_quotation_never_takes_its_cue_from_the_next_paragraph(pipeline):
    text = (
        "“The convoy was stopped twice,” said Dragan Petrović, a truck driver. “Nobody would "
        "tell us why. We waited four hours in the rain.”\n\n"
        "Looking back on the week, Milica Savić explained why the drivers had stopped trusting the police."
    )
    found = quotes(pipeline, text)
    run = next(q for q in found if q[2].startswith("The convoy"))
    assert run[1] == "Dragan Petrović" and run[2].endswith("four hours in the rain.")
    assert not any(q[1] == "Milica Savić" and "four hours" in q[2] for q in found)


def test_the_halves_of_a_quote_around_a_long_description_of_its_speaker_stay_apart(pipeline):
    text = (
        "“This is not a budget,” said Vesna Đorđević, an economist who spent twenty years at the "
        "central bank and now teaches at a private university in Novi Sad. “It is a list of promises.”"
    )
    # joined, the quote would be more description than words of hers: two quotes, both hers
    found = quotes(pipeline, text)
    assert [(speaker, speaker_text, direct) for speaker, speaker_text, _, direct in found] == [
        ("local:vesna-dordevic", "Vesna Đorđević", True),
        ("local:vesna-dordevic", "Vesna Đorđević", True),
    ]
    assert [quoted for _, _, quoted, _ in found] == ["This is not a budget,", "It is a list of promises."]


def test_the_halves_of_a_quote_around_a_short_description_of_its_speaker_join(pipeline):
    text = (
        "“This is not a budget,” said Vesna Đorđević, an economist in Novi Sad, “but a list of promises "
        "that nobody in the government expects to keep.”"
    )
    [(speaker, _, quoted, direct)] = quotes(pipeline, text)
    assert (speaker, direct) == ("local:vesna-dordevic", True)
    assert quoted.startswith("This is not a budget") and quoted.endswith("expects to keep.")


def test_a_quoted_word_ending_with_its_full_stop_takes_the_clause(pipeline):
    text = "Nikola Jovanović, a farmer, responded to the minister's claim that the new tariffs were ''fair.''"
    [(_, speaker_text, quoted, direct)] = quotes(pipeline, text)
    # the claim, and the word "fair" in it, are the minister's: Jovanović's response is not given
    assert speaker_text == "the minister's" and direct
    assert "the new tariffs were" in quoted


def test_noun_cues_and_things_that_speak(pipeline):
    text = (
        "Goran Babić, the union leader, stayed away. His claim that the mine had been sold below its "
        "value was rejected by the court.\n\n"
        "A video released by the council shows police officers pushing protesters off the bridge. "
        "It shows that the officers were not wearing their badges."
    )
    found = {q[2]: (q[0], q[1]) for q in quotes(pipeline, text)}
    assert found["that the mine had been sold below its value"] == ("local:goran-babic", "His")
    assert found["that the officers were not wearing their badges"] == (None, "It")


def test_a_state_law_is_not_a_second_cue(pipeline):
    text = "The lawsuit says the company violated federal and state law by dumping waste into the river."
    [(_, _, quoted, _)] = quotes(pipeline, text)
    assert quoted == "the company violated federal and state law by dumping waste into the river"


def test_a_line_wrapped_in_mid_sentence_is_not_a_paragraph(pipeline):
    text = "Interior minister Ivica Dačić said on Monday that the\ncrossing at Jarinje would stay closed."
    [(_, speaker_text, quoted, direct)] = quotes(pipeline, text)
    assert (speaker_text, direct) == ("Interior minister Ivica Dačić", False)
    assert quoted == "that the\ncrossing at Jarinje would stay closed"


def test_an_outer_source_holds_the_claim_inside_it(pipeline):
    text = (
        "The mayor of Tuzla resigned after allegations that he had taken bribes from a building "
        "firm, according to papers filed with the cantonal court."
    )
    found = quotes(pipeline, text)
    assert who_said_what(found) == [
        (
            "papers filed with the cantonal court",
            "The mayor of Tuzla resigned after allegations that he had taken bribes from a building firm",
        )
    ]


def test_a_passive_cue_is_spoken_by_its_agent(pipeline):
    text = "It was announced by the interior ministry that the crossing at Jarinje would reopen on Friday."
    [(_, speaker_text, quoted, direct)] = quotes(pipeline, text)
    assert (speaker_text, quoted, direct) == (
        "the interior ministry",
        "that the crossing at Jarinje would reopen on Friday",
        False,
    )


def test_a_preposition_introduces_a_clause(pipeline):
    text = "Speaking in Mostar, the minister talked about raising the tax on coal exports."
    [(_, speaker_text, quoted, _)] = quotes(pipeline, text)
    assert (speaker_text, quoted) == ("the minister", "raising the tax on coal exports")


def test_according_to_takes_the_side_its_clause_is_on(pipeline):
    # the clause after the source is longer, but "according to" qualifies the one before it
    text = (
        "Serbia has signed a new gas contract with Gazprom, according to the energy ministry, "
        "ending months of difficult negotiations over the price and the length of the deal."
    )
    according = spoken_by(quotes(pipeline, text), "the energy ministry")
    assert according[2] == "Serbia has signed a new gas contract with Gazprom"


def test_according_to_left_unattached_keeps_its_source_short(pipeline):
    # the parser leaves "According" as the root and hangs the whole clause on "Sava Herald"
    text = (
        "According to Sava Herald, 571 of the 714 delegates — a group made up of influential "
        "party leaders — supported Marković, with less than 100 still uncommitted."
    )
    according = spoken_by(quotes(pipeline, text), "Sava Herald")
    assert according[2].startswith("571 of the 714 delegates")
    assert according[2].endswith("still uncommitted")


def test_a_likelier_inner_reading_wins_over_the_phrase_holding_it(pipeline):
    # "published an article … in which he argued …": the argument is what is attributed
    text = (
        "Milena Kovač published an article last week in which she argued that the new customs "
        "rules would ruin local farmers."
    )
    [(_, _, quoted, _)] = quotes(pipeline, text)
    assert quoted == "that the new customs rules would ruin local farmers"


@pytest.mark.parametrize(
    ("text", "speaker", "first", "second"),
    [
        (  # a speech verb coordinated with the cue has content of its own
            "The mayor of Mitrovica said that the bridge was safe for pedestrians, and said that the "
            "repairs would start in May.",
            "The mayor of Mitrovica",
            "that the bridge was safe for pedestrians",
            "that the repairs would start in May",
        ),
        (  # so has a participle after a comma
            "The ministry said the crossing would stay closed until Friday, adding that the police "
            "would patrol the road.",
            "The ministry",
            "the crossing would stay closed until Friday",
            "that the police would patrol the road",
        ),
        (  # the parse hangs "insisted" on the reported clause: the army insists nothing
            "The spokesman denied that the army had crossed the line and insisted that the patrols "
            "stayed on their side.",
            "The spokesman",
            "that the army had crossed the line",
            "that the patrols stayed on their side",
        ),
    ],
)
def test_a_second_speech_verb_has_content_of_its_own_and_the_same_speaker(
    pipeline, text, speaker, first, second
):
    assert who_said_what(quotes(pipeline, text)) == [(speaker, first), (speaker, second)]


def test_a_cue_set_inside_its_clause_reports_both_sides(pipeline):
    text = "Though the first handover was smooth, the envoy said, replacing the mission would be far harder."
    assert who_said_what(quotes(pipeline, text)) == [
        (
            "the envoy",
            "Though the first handover was smooth, the envoy said, replacing the mission would be far harder",
        )
    ]


def test_an_aside_after_the_reported_clause_is_no_object_of_the_cue(pipeline):
    # the parser reads "the NATO-led mission" as what the deputies "say"
    text = (
        "Opposition deputies say the money would be better spent on the joint patrols with KFOR, "
        "the NATO-led mission that has kept the peace since 1999."
    )
    [(_, speaker_text, quoted, _)] = quotes(pipeline, text)
    assert speaker_text == "Opposition deputies"
    assert quoted.startswith("the money would be better spent on the joint patrols with KFOR")


def test_a_subject_that_only_seems_is_no_speaker(pipeline):
    text = "Aleksandar Vučić seemed to be preparing for early elections after the protests in Belgrade."
    assert all(speaker_text != "Aleksandar Vučić" for _, speaker_text, _, _ in quotes(pipeline, text))


def test_a_reported_clause_holds_a_quotation_ending_in_its_full_stop(pipeline):
    text = (
        'In a letter to the court, the ministry confirmed that it was "reviewing every licence '
        'issued to the company." The firm declined to comment on the "scope of the review."'
    )
    found = quotes(pipeline, text)
    confirmed = spoken_by(found, "the ministry")
    # with or without the closing mark and the full stop inside it
    assert (confirmed[2].rstrip('."'), confirmed[3]) == (
        'that it was "reviewing every licence issued to the company',
        True,
    )
    assert all("The firm" not in quoted for _, _, quoted, _ in found)


def test_scare_quotes_after_a_quote_are_not_its_continuation(pipeline):
    text = (
        "“The queues were a disgrace,” said Dragana Petrović, 41, who waited in an “endless line "
        "winding twice around the town hall” for four hours before she could vote in Mitrovica."
    )
    found = quotes(pipeline, text)
    assert ("local:dragana-petrovic", "Dragana Petrović", "The queues were a disgrace,", True) in found
    assert all(speaker_text is None for _, speaker_text, quoted, _ in found if "endless line" in quoted)


def test_a_raised_subject_is_not_the_source(pipeline):
    # whoever expects the visit is not named; Dodik is what the expectation is about
    text = "Milorad Dodik is expected to travel to Moscow next week. The minister was said to have resigned."
    found = quotes(pipeline, text)
    assert found and all(speaker is None and speaker_text is None for speaker, speaker_text, _, _ in found)


def test_a_wire_dateline_is_neither_speaker_nor_content(pipeline):
    text = (
        "MOSCOW (Danube Wire) – Russia said on Monday that it would not extend the grain deal.\n\n"
        "BRUSSELS (Danube Wire) – The plan is dead, the EU's foreign policy chief said."
    )
    found = quotes(pipeline, text)
    assert ("Q159", "Russia", "that it would not extend the grain deal", False) in found
    assert not any(
        "Danube Wire" in quoted or "Danube Wire" in (speaker_text or "")
        for _, speaker_text, quoted, _ in found
    )


def test_a_dateline_after_a_headline_is_parsed_apart(pipeline):
    text = (
        "Moscow ends the grain deal\n\n"
        "MOSCOW (Danube Wire) – Russia said on Monday that it would not extend the grain deal."
    )
    sentences = [s.text.strip() for s in pipeline.nlp(text).sents]
    assert sentences[-1] == "Russia said on Monday that it would not extend the grain deal."


def test_a_relative_clause_is_not_its_own_content(pipeline):
    # what was dismissed is the referendums, not the clause that describes them
    text = (
        "The referendums that Western governments have dismissed as a sham ended on Tuesday with "
        "official turnout figures above 80 percent."
    )
    assert not any(quoted.startswith("that Western") for _, _, quoted, _ in quotes(pipeline, text))


def test_a_noun_cue_is_held_by_whoever_voices_it(pipeline):
    text = "The European Commission has raised concerns about the new media law in Serbia."
    found = quotes(pipeline, text)
    assert found and all(speaker_text == "The European Commission" for _, speaker_text, _, _ in found)


def test_a_named_speaker_before_an_aside_when_the_parse_finds_no_subject(pipeline):
    # the parser hangs the name on the place before it and leaves "said" without a subject
    text = (
        "In the southern part of Mitrovica, Arta Hoxha, who sells car insurance, said she had lived "
        "with the same rule from the other side for years."
    )
    found = quotes(pipeline, text)
    assert who_said_what(found) == [
        ("Arta Hoxha", "she had lived with the same rule from the other side for years")
    ]


def test_a_question_takes_the_cue_after_its_closing_mark(pipeline):
    # the parser starts a new sentence after “…?”, but the cue that follows is the question's
    text = "“Who will pay for the new crossing?” Albin Kurti asked the reporters in Pristina."
    direct = [q for q in quotes(pipeline, text) if q[3]]
    assert direct == [("Q441633", "Albin Kurti", "Who will pay for the new crossing?", True)]


def test_a_name_inside_the_speakers_description_does_not_break_a_run(pipeline):
    text = (
        "“We are not ready to sign anything this week,” said Ana Kovač, an adviser to Prime Minister "
        "Albin Kurti. “The talks need more time and a clear text.”"
    )
    direct = [q for q in quotes(pipeline, text) if q[3]]
    assert direct and all(speaker_text == "Ana Kovač" for _, speaker_text, _, _ in direct)


@pytest.mark.parametrize(
    ("between", "continues"),
    [
        # someone named in the cue's own sentence is not a new speaker
        (" on Friday at a dinner in Podgorica, where Mrs. Petrović also spoke.", True),
        # someone who comes on stage in a sentence of their own may be
        (" on Friday in Podgorica. Ivan Petrović shook his head.", False),
    ],
)
def test_a_quote_without_a_cue_continues_its_speaker(pipeline, between, continues):
    text = f"“We are ready to sign the text this week,” Ana Kovač said{between} “The rest is up to Belgrade.”"
    found = quotes(pipeline, text)
    [rest] = [q for q in found if "up to Belgrade" in q[2]]
    assert (rest[1] == "Ana Kovač") is continues


def test_a_cue_before_the_opening_mark(pipeline):
    text = (
        "Then Milena Stojković said it plainly. "
        '"Nobody asked us, and nobody ever asks the people who live here."'
    )
    direct = [q for q in quotes(pipeline, text) if q[3]]
    assert [speaker_text for _, speaker_text, _, _ in direct] == ["Milena Stojković"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the writer's relative clause is no part of what was condemned
        ("The embassy condemned the attack on the monastery, which left one police officer dead.",
         "the attack on the monastery"),
        # the contrast belongs to the description; the circumstances of the interview do not
        ("The minister described the plan as a basis for further talks but not as a final settlement.",
         "the plan as a basis for further talks but not as a final settlement"),
        ("The foreign minister defended the agreement, though not the way it was signed, in an "
         "interview on Sunday.", "the agreement"),
    ],
)  # fmt: skip
def test_the_ranker_chooses_how_far_a_content_runs(pipeline, text, content):
    assert [quoted for _, _, quoted, _ in quotes(pipeline, text)] == [content]


def test_the_subject_of_a_passive_speech_verb_is_not_its_speaker(pipeline):
    text = "The deal was announced as European Union leaders gathered in Brussels to discuss an oil ban."
    assert all(speaker_text != "The deal" for _, speaker_text, _, _ in quotes(pipeline, text))


def test_a_relative_clause_is_no_part_of_the_speakers_name(pipeline):
    text = "A shop owner who asked not to be named said residents were staying indoors."
    found = quotes(pipeline, text)
    assert spoken_by(found, "A shop owner")[2] == "residents were staying indoors"


@pytest.mark.parametrize(
    ("text", "holder", "content"),
    [
        ("The senators are hopeful that the bill will pass this week.", "The senators",
         "that the bill will pass this week"),
        ("Local traders were worried that the new crossing rules would cut their sales in half.",
         "Local traders", "that the new crossing rules would cut their sales in half"),
        ("Officials in Brussels are confident that the talks will resume next month.",
         "Officials in Brussels", "that the talks will resume next month"),
    ],
)  # fmt: skip
def test_a_predicate_adjective_attributes_a_belief_to_its_subject(pipeline, text, holder, content):
    assert [(speaker, quoted) for _, speaker, quoted, _ in quotes(pipeline, text)] == [(holder, content)]


def test_an_adjective_that_reports_nothing_is_no_cue(pipeline):
    assert quotes(pipeline, "The bridge is wide enough for two lorries, and the road is quiet again.") == []


def test_a_place_before_the_speakers_name_is_no_part_of_it(pipeline):
    text = "In Banja Luka, Nebojša Vujić, a shop owner, said the outcome would be fought over for weeks."
    found = quotes(pipeline, text)
    assert spoken_by(found, "Nebojša Vujić")[2] == "the outcome would be fought over for weeks"


def test_the_second_half_of_a_split_quote_read_as_the_cues_clause_joins_the_first(pipeline):
    # the parse makes the second half the reported clause of "said", not a quotation of its own
    text = (
        "Senators from both parties joined the hearing on Tuesday.\n\n"
        "“Every time you say that,” Tester said, referring to the one percent excuse, “you give "
        "ammunition to the people who want to break up the big banks.”"
    )
    found = [q for q in quotes(pipeline, text) if q[1] == "Tester"]
    assert len(found) == 1
    assert found[0][2].startswith("Every time you say that,”") and found[0][2].endswith("big banks")


def test_a_name_its_apposition_describes_as_someones_is_a_person_and_speaks_again_as_she(pipeline):
    # NER reads the name as an organisation; "a nurse on her way" says it is a woman's
    text = (
        "In Prishtina, Mimoza Rexhepi, a nurse on her way to a hospital shift, said the sergeant's death "
        "had shaken the city. “He went to work on a Sunday morning and did not come home,” she said."
    )
    found = quotes(pipeline, text)
    assert [q[0] for q in found] == ["local:mimoza-rexhepi", "local:mimoza-rexhepi"]


def test_a_title_with_the_name_in_apposition_speaks_as_that_person(pipeline):
    # the parse hangs "called" on "chief" as a modifier; the speaker is the chief, named Borrell
    text = (
        "The EU's foreign policy chief, Josep Borrell, called for the barricades to be removed and "
        "warned that attacks on the mission would not be tolerated."
    )
    found = quotes(pipeline, text, date="2022-12-12")
    assert [(q[0], q[1]) for q in found] == [("Q312901", "The EU's foreign policy chief")] * 2


def test_a_cue_the_parse_left_without_a_subject_takes_the_name_right_before_it(pipeline):
    # the parse reads "Tulsa" as a verb and hangs "said" on the quotation's own verb
    text = (
        "The shooting is under investigation.\n"
        "“I will just make this promise to you: We will achieve justice in this case,” Tulsa police "
        "Chief Chuck Jordan said Monday. “I want to assure our community: We will achieve justice.”"
    )
    [(_, speaker_text, quoted, direct)] = quotes(pipeline, text)
    assert speaker_text == "Chuck Jordan" and direct
    assert quoted.startswith("I will just make") and quoted.endswith("We will achieve justice.")


def test_the_police_named_again_are_the_police_named_first(pipeline):
    text = (
        "Kosovo police arrested a former police officer on Saturday. "
        "Police said he was suspected of involvement in attacks on election officials."
    )
    [(speaker, speaker_text, _, _)] = quotes(pipeline, text, date="2022-12-12")
    assert (speaker, speaker_text) == ("Q1246", "Police")


def test_a_place_named_before_a_participle_is_not_its_speaker(pipeline):
    text = (
        "Hours earlier, President Vladimir Putin had signed documents at a ceremony in the Kremlin "
        "claiming to annex the Donetsk, Luhansk, Zaporizhzhia and Kherson regions."
    )
    assert all(
        speaker_text != "Kremlin" for _, speaker_text, _, _ in quotes(pipeline, text, date="2022-09-30")
    )


@pytest.mark.parametrize(
    "text, speaker",
    [
        # whoever is told or asked is no speaker; the one who tells them is
        ("Serbs do not need to be told what the alliance is capable of.", None),
        ("Kosovo was told by Brussels that the door to membership would stay open.", "Brussels"),
    ],
)
def test_the_one_addressed_by_a_passive_speech_verb_is_not_its_speaker(pipeline, text, speaker):
    assert [q[1] for q in quotes(pipeline, text)] == [speaker]


def test_of_two_subjects_the_nearer_speaks(pipeline):
    # the parse makes "appointment" a second subject of "refuses"
    text = (
        "Moscow sided with Milorad Dodik against Christian Schmidt, whose appointment last year "
        "Russia refuses to accept because it was not endorsed by the UN Security Council."
    )
    assert spoken_by(quotes(pipeline, text), "Russia")[0] == "Q159"


def test_a_reported_clause_does_not_reach_back_over_its_cue(pipeline):
    text = (
        "It also blacklisted Alternativna Televizija, a broadcaster that the Treasury said Dodik "
        "had acquired for his personal use."
    )
    assert who_said_what(quotes(pipeline, text)) == [
        ("the Treasury", "Dodik had acquired for his personal use")
    ]


def test_a_noun_cue_is_held_by_the_actor_its_adjective_names(pipeline):
    # not the analysts, who only take the warnings seriously
    text = "Few analysts took seriously Russian warnings that the drones had come from Kosovo."
    assert quotes(pipeline, text) == [("Q159", "Russian", "that the drones had come from Kosovo", False)]


def test_a_noun_a_passive_participle_describes_is_not_its_speaker(pipeline):
    text = "Local elections called to fill the vacant mayoral posts were boycotted by Serb parties."
    assert all(speaker_text is None for _, speaker_text, _, _ in quotes(pipeline, text))


def test_a_headline_names_its_speaker_before_a_colon_even_when_tagged_a_noun(pipeline):
    text = "Stoltenberg: Allies will stay in Kosovo as long as needed.\n\nNATO's chief spoke on Monday."
    expected = [("Stoltenberg", "Allies will stay in Kosovo as long as needed.")]
    assert who_said_what(quotes(pipeline, text)) == expected
    text = "Analysis: Serbia has run out of room.\n\nThe government met on Monday."
    assert quotes(pipeline, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In the latest Ipsos poll, the ruling party leads the opposition by nine points.",
            [("the latest Ipsos poll", "the ruling party leads the opposition by nine points")],
        ),
        ("The ruling party, which is struggling in the polls, met on Monday.", []),
    ],
)
def test_a_poll_is_the_source_of_the_finding_it_is_cited_for(pipeline, text, expected):
    assert who_said_what(quotes(pipeline, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a condition reports nothing of the clause it qualifies
        "But Putin in his fresh remarks stressed that not only do Russian forces have the clear upper "
        "hand, but he emphasized for the first time that Ukrainian statehood itself risks an "
        "“irreparable” blow if the war continues.",
        # a relative clause the parse hangs as a modifier holds no content of its own cue
        "This would be an act of aggression that Russian President Vladimir Putin described as "
        "guaranteed to draw a harsh military response from Russia.",
    ],
)
def test_no_content_holds_its_own_cue(pipeline, text):
    result = pipeline.analyze(Article(id="q", text=text, date="2024-01-16"))
    assert all(not (q.start <= text.index(q.cue) < q.end) for q in result.quotes if q.cue in text)
    assert all(q.cue not in ("continues", "described") for q in result.quotes)


def test_a_quotation_ending_in_a_comma_takes_its_cue_past_a_line_break(pipeline):
    text = (
        "Otto Schily criticised the coalition because the Greens insist on it.\n\n"
        "“Now it is becoming even clearer that giving up nuclear power was foolish,”\n\n"
        "he pointed out."
    )
    found = quotes(pipeline, text)
    assert spoken_by(found, "he")[:2] == ("Q60788", "he")
    assert all(speaker_text != "the Greens" for _, speaker_text, _, _ in found)


def test_a_description_the_parse_makes_a_second_subject_does_not_speak(pipeline):
    text = (
        "Milan Radoičić, until last week the vice-president of Srpska Lista, the main Kosovo Serb "
        "party, admitted that he organised the group."
    )
    assert who_said_what(quotes(pipeline, text)) == [("Milan Radoičić", "that he organised the group")]


def test_a_closing_mark_is_no_part_of_the_speakers_name(pipeline):
    text = "“This is not welcome,” Ireland’s foreign minister, Simon Coveney, said on Monday."
    assert all(not (speaker_text or "").startswith("”") for _, speaker_text, _, _ in quotes(pipeline, text))
    text = (
        "Speaking on Monday, ” Ireland’s foreign minister said Russia is planning to hold war games "
        "near Ireland’s coast."
    )
    assert [q[1] for q in quotes(pipeline, text)] == ["Ireland’s foreign minister"]


def test_a_quotation_with_no_cue_continues_the_reported_speaker_before_it(pipeline):
    text = (
        "Ana Kovač said she was grateful to the volunteers who rebuilt the bridge.\n\n"
        "“This is what a town does for its own people.”"
    )
    found = quotes(pipeline, text)
    assert [(speaker_text, direct) for _, speaker_text, _, direct in found] == [
        ("Ana Kovač", False),
        ("Ana Kovač", True),
    ]


def test_a_content_never_ends_on_the_and_before_the_next_clause(pipeline):
    text = (
        "The general said Ukraine on Friday shot down the 200th Russian aircraft of the war and he "
        "noted Russia's heavy losses in tanks, armoured vehicles, helicopters and drones."
    )
    reported = "Ukraine on Friday shot down the 200th Russian aircraft of the war"
    assert ("The general", reported) in who_said_what(quotes(pipeline, text))


def test_a_relative_pronoun_speaks_as_the_noun_it_stands_for(pipeline):
    text = "Ivana Marić posted a statement on Facebook that said the talks would resume in June."
    assert [speaker_text for _, speaker_text, _, _ in quotes(pipeline, text)] == ["a statement"]


def test_the_cue_is_no_part_of_the_speakers_phrase(pipeline):
    text = "The row began after a report in The Sun saying Kyiv would use the missiles."
    assert [speaker_text for _, speaker_text, _, _ in quotes(pipeline, text)] == ["a report in The Sun"]


def test_a_neighbour_speaks_for_no_country_its_adjective_names(pipeline):
    text = "Russia struck the power grid again. One Ukrainian neighbour reported outages after the attack."
    found = quotes(pipeline, text)
    assert spoken_by(found, "One Ukrainian neighbour")[0] is None
    assert [speaker for speaker, _, _, _ in quotes(pipeline, "A U.S. ally said the deal was fair.")] == [None]


def test_a_concession_after_a_dash_is_the_writers_not_the_speakers(pipeline):
    text = (
        "The senator warned that the plan would create too much inflation - except that inflation "
        "has fallen to record lows since then."
    )
    reported = "that the plan would create too much inflation"
    assert who_said_what(quotes(pipeline, text)) == [("The senator", reported)]


def test_the_setting_of_the_speech_is_no_part_of_what_it_reports(pipeline):
    text = "The senator criticised the governor's plan during a rally in Ohio."
    assert who_said_what(quotes(pipeline, text)) == [("The senator", "the governor's plan")]
    found = who_said_what(quotes(pipeline, "The senator denied the accusations through a spokeswoman."))
    assert found == [("The senator", "the accusations")]


def test_a_second_object_the_parse_joins_to_the_verb_is_still_content(pipeline):
    text = (
        "The mayor's spokesman called the contempt citation and the demand for a public hearing "
        "a political ploy."
    )
    found = who_said_what(quotes(pipeline, text))
    reported = "the contempt citation and the demand for a public hearing a political ploy"
    assert found == [("The mayor's spokesman", reported)]


def test_a_city_before_a_colon_is_a_dateline_not_a_speaker(pipeline):
    text = (
        "Russia wants a UN probe into the pipeline blasts\n\n"
        "Moscow: Russia will ask the UN Security Council for an investigation into the blasts."
    )
    assert all(speaker_text != "Moscow" for _, speaker_text, _, _ in quotes(pipeline, text))
    text = (
        "Election in Nigeria triggers misinformation\n\n"
        "New Delhi: Ahead of the presidential election in Nigeria, there has been an explosion of "
        "fake news across social media platforms."
    )
    assert all(speaker_text != "New Delhi" for _, speaker_text, _, _ in quotes(pipeline, text))
    text = (
        "Kissinger changes his view\n\n"
        "Davos: Henry Kissinger, who once feared a war over the issue, now calls it a good outcome. "
        "He spoke to the forum in Davos, Switzerland, by video link."
    )
    assert all(speaker_text != "Davos" for _, speaker_text, _, _ in quotes(pipeline, text))


def test_a_speakers_phrase_names_the_person_it_ends_with_not_what_it_is_about(pipeline):
    text = (
        "Conservative MP and chair of the Foreign Affairs Select Committee Alicia Kearns responded "
        "that the reporter was not the risk."
    )
    [(speaker, _, _, _)] = quotes(pipeline, text)
    assert speaker == "local:alicia-kearns"
    text = "The key line on the Ukraine conflict in the draft communique echoes the message of the summit."
    assert all(speaker is None for speaker, _, _, _ in quotes(pipeline, text))
    text = "A spokesman for the Russian embassy said the claims were false."
    assert [speaker for speaker, _, _, _ in quotes(pipeline, text)] == ["Q159"]


def test_a_phone_number_is_nothing_said(pipeline):
    assert quotes(pipeline, "For tips, call 212 416 4552 or write to the desk.") == []


def test_a_date_is_no_part_of_the_speakers_name(pipeline):
    text = "Russian President Vladimir Putin on Sept. 21 accused Western powers of nuclear blackmail."
    assert [speaker_text for _, speaker_text, _, _ in quotes(pipeline, text)] == [
        "Russian President Vladimir Putin"
    ]


def test_an_outlets_fact_check_or_interview_label_is_no_speaker(pipeline):
    for text in (
        "FACT CHECK: Viral image purporting to show the activist holding a book is digitally altered",
        "Interview: Green energy transition inspires countries worldwide",
    ):
        assert all(
            speaker_text not in ("FACT CHECK", "Interview")
            for _, speaker_text, _, _ in quotes(pipeline, text)
        )


def test_a_headings_kicker_before_a_colon_is_no_speaker(pipeline):
    kickers = {"The Latest", "Revealed", "The Talks Go On"}
    for text in (
        "The Latest: Kosovo police close the main bridge in Mitrovica.",
        "Revealed: What the leaked budget plans for the army this year.",
        "The Talks Go On: Negotiators from Belgrade and Pristina meet again in Brussels.",
    ):
        assert all(speaker_text not in kickers for _, speaker_text, _, _ in quotes(pipeline, text))


def test_a_speaker_ends_before_the_line_break(pipeline):
    text = (
        "Models can help scientists solve hard problems, said E Weinan, a professor.\n\n"
        "The field needs four pillars: models and software, data, databases and computing platforms, "
        "said E.\n\nThe ministry started a project in March."
    )
    speakers = [speaker_text for _, speaker_text, _, _ in quotes(pipeline, text)]
    assert "E." in speakers and all(s is None or s == s.strip() for s in speakers)


def test_the_writer_urging_is_no_quote(pipeline):
    text = "To the editor: Let’s recognize “carbon capture” for what it is — a gift to the oil industry."
    assert quotes(pipeline, text) == []


def test_the_person_an_organisation_owns_speaks(pipeline):
    text = "“Dogs notice what their owners do,” said University of Alberta's Olav Rueppell."
    [(speaker, speaker_text, _, _)] = quotes(pipeline, text)
    assert (speaker, speaker_text) == ("local:olav-rueppell", "University of Alberta's Olav Rueppell")


def test_who_criticism_comes_from_speaks(pipeline):
    text = (
        "BELGRADE – Serbia's decision to sign a plan for foreign policy consultations with Russia has "
        "drawn criticism from European officials."
    )
    speakers = [speaker_text for _, speaker_text, _, _ in quotes(pipeline, text)]
    assert speakers and all(s in ("European officials", "Serbia's") for s in speakers)


def test_a_closing_mark_typed_where_a_quotation_opens(pipeline):
    text = "”We will not leave our homes,” said Milica Jovanović, a teacher in Gračanica."
    [(_, speaker_text, quoted, direct)] = quotes(pipeline, text)
    assert (speaker_text, quoted, direct) == ("Milica Jovanović", "We will not leave our homes,", True)


def test_a_curly_quotation_closed_with_a_straight_mark(pipeline):
    text = (
        "“We will meet again on Monday,\" said Ana Kovač, the union's negotiator. "
        '"Nothing has been signed yet,” she added.'
    )
    found = quotes(pipeline, text)
    assert [(quoted, direct) for _, _, quoted, direct in found] == [
        ("We will meet again on Monday,", True),
        ("Nothing has been signed yet,", True),
    ]


def test_quotations_signed_with_a_dash_and_a_name(pipeline):
    # readers' voices, each signed on its own line; a no-break space before the dash or after the name
    text = (
        "What our readers told us about the bridge.\n\n"
        "“The bridge has been closed for a year and nobody tells us why.” ― Dragan Ilić\n"
        "“We cross by the old road now, and the trip takes an hour.”\u00a0― Mira Lukić, 54, Zvečan\n"
        "“Our children go to school on the other side.”― Petar Novak.\u00a0\n"
    )
    result = pipeline.analyze(Article(id="q", text=text, date="2022-05-10"))
    signed = [(q.speaker_text, q.cue, q.direct) for q in result.quotes]
    assert signed == [("Dragan Ilić", "―", True), ("Mira Lukić", "―", True), ("Petar Novak", "―", True)]
    assert [q.speaker for q in result.quotes][:2] == ["local:dragan-ilic", "local:mira-lukic"]
    # a dash after a quotation inside the writer's sentence goes on with that sentence
    text = "For the north it was “a disgrace” — Marko Ilić, Ana Perić and the council agreed on that."
    analysis = pipeline.analyze(Article(id="q", text=text))
    [region] = quoted_regions(text)
    assert signed_by(text, pipeline.nlp(text), region, ActorIndex(pipeline.nlp(text), analysis)) is None


def test_a_title_in_the_setting_of_the_cue_is_no_quote(pipeline):
    text = "In an interview with the weekly “Vreme,” Ana Kovač said the talks had stalled."
    assert who_said_what(quotes(pipeline, text)) == [("Ana Kovač", "the talks had stalled")]


def test_a_one_word_content_can_name_something_but_a_pronoun_says_nothing(pipeline):
    text = "The farmers' union endorses Marković. The teachers' union rejected it on Monday."
    found = who_said_what(quotes(pipeline, text))
    assert ("The farmers' union", "Marković") in found
    assert all(quoted != "it" for _, quoted in found)


def test_the_clause_after_the_speaker_is_what_she_noted(pipeline):
    # the parse hangs the opening phrase's clause on "noted" as well
    text = (
        "Asked by a panel that mostly agreed the mayor lost the vote, Ana Kovač noted that the turnout "
        "in the north was decisive."
    )
    found = who_said_what(quotes(pipeline, text))
    assert ("Ana Kovač", "that the turnout in the north was decisive") in found


def test_a_content_ends_before_the_occasion_of_the_speech(pipeline):
    # the occasion is named by its noun's lemma: "remarks" as well as "remark"
    for text in (
        "The minister criticised the new tariffs in his remarks to reporters.",
        "The minister criticised the new tariffs at a press conference in Belgrade.",
    ):
        assert who_said_what(quotes(pipeline, text)) == [("The minister", "the new tariffs")]


def test_a_content_ends_before_a_concession_with_a_cue_of_its_own(pipeline):
    text = (
        "Ana Kovač said the union planned a strike for Monday, though she admitted it was unlikely "
        "to go ahead."
    )
    assert who_said_what(quotes(pipeline, text)) == [
        ("Ana Kovač", "the union planned a strike for Monday"),
        ("she", "it was unlikely to go ahead"),
    ]
