"""The cue model: whether a cue attributes anything, and which of its readings is the content."""

from __future__ import annotations

import pytest

from newsgraph.analysis.cue_model import CueModel, candidates, choose, comparisons
from newsgraph.analysis.cues import CueRule
from newsgraph.analysis.pipeline import load_language

pytestmark = pytest.mark.slow

DEFENDED = "The minister defended the process, though not the results, in a long interview on Sunday."


@pytest.fixture(scope="module")
def defended():
    """The cue "defended" and its two readings under a ``defend dobj`` rule: the object alone, and
    the object with the rest of its clause but for the occasion of the speech."""
    doc = load_language()(DEFENDED)
    cue = next(token for token in doc if token.lemma_ == "defend")
    matches = candidates(cue, [CueRule("defend", "dobj", 0.5)])
    # the occasion of the speech ("in a long interview on Sunday") is cut from every reading
    assert sorted(m.content.text for m in matches) == ["the process", "the process, though not the results"]
    return cue, sorted(matches, key=lambda m: len(m.content))


def test_readings_are_compared_by_length_and_by_what_they_add(defended):
    _, (short, long) = defended
    short_row, long_row = comparisons([short, long])
    assert {"length_rank=shortest", "adds=nothing"} <= set(short_row)
    assert {"length_rank=longest", "adds_first=though", "adds_mark=,", "adds=advcl"} <= set(long_row)
    assert not any(f.startswith("adds") and f != "adds=nothing" for f in short_row)


def test_the_ranker_chooses_the_reading_and_the_best_probability_stays_the_cues(defended):
    cue, matches = defended
    # the probability model likes the parse's short reading; the ranker likes a trailing "though"
    weights = {"extent=parse": 2.0, "extent=sentence_end": -1.0}
    alone = CueModel(weights, bias=-1.0, threshold=0.5)
    ranked = CueModel(weights, bias=-1.0, threshold=0.5, extent_weights={"adds_first=though": 1.5})
    kept, probability = choose(alone, cue, matches)
    assert kept.content.text == "the process"
    chosen, same = choose(ranked, cue, matches)
    assert chosen.content.text.startswith("the process, though not the results")
    assert same == probability == pytest.approx(1 / (1 + 2.718281828**-1.0), abs=1e-6)


def test_readings_say_whether_they_close_their_marks_and_what_they_leave(defended):
    _, (short, long) = defended
    short_row, long_row = comparisons([short, long])
    # the short reading leaves ", though not the results, …" of its sentence
    assert {"to_end=False", "leaves_mark=,", "leaves_first=though", "balanced=True"} <= set(short_row)
    # the long one leaves the occasion of the speech, cut from every reading
    assert {"to_end=False", "leaves_mark=,", "leaves_first=in", "balanced=True"} <= set(long_row)
    doc = load_language()('The mayor called the plan "a betrayal of the north, and she would resist it.')
    cue = next(token for token in doc if token.lemma_ == "call")
    rows = comparisons(candidates(cue, [CueRule("call", "dobj", 0.5)]))
    assert any("balanced=False" in row for row in rows)  # a mark opened and never closed
    doc = load_language()("The minister described the plan as a basis for further talks.")
    cue = next(token for token in doc if token.lemma_ == "describe")
    rows = comparisons(candidates(cue, [CueRule("describe", "dobj", 0.5)]))
    assert all("to_end=True" in row for row in rows)  # the whole rest of its sentence


def test_a_cue_with_two_clauses_of_one_relation_has_a_reading_of_each():
    # the parse hangs both the clause of the opening phrase and the one after the speaker on "noted"
    doc = load_language()(
        "Asked by a panel that mostly agreed the mayor lost the vote, Ana Kovač noted that the turnout "
        "in the north was decisive."
    )
    cue = next(token for token in doc if token.lemma_ == "note")
    readings = {m.content.text for m in candidates(cue, [CueRule("note", "ccomp", 0.5)])}
    assert "that the turnout in the north was decisive" in readings
    assert any(reading.startswith("Asked by a panel") for reading in readings)
