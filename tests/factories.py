"""Hand-built records for tests that need every kind of fact without running the pipeline."""

from __future__ import annotations

from newsgraph.ingest.dedup import fingerprint
from newsgraph.records import Actor, Analysis, Article, Event, Mention, Narrative, Quote, Role
from newsgraph.store.rows import StoredItem


def full_analysis() -> Analysis:
    text = "Vučić met Putin in Belgrade. “We are friends,” said a fictional aide, Ana Perić."
    return Analysis(
        article=Article(
            id="a1", text=text, title="Visit", byline=["Mila Kos"], date="2019-01-17",
            outlet="Danube Wire", url="https://example.org/a1", genre="reporting", source="a1.txt",
        ),
        actors=[
            Actor("Q222031", "Aleksandar Vučić", "person", "SRB", "GOV", [Mention(0, 5, "Vučić")],
                  [Role("Protagonist", ["Peacemaker"], 0.7)]),
            Actor("Q7747", "Vladimir Putin", "person", "RUS", "GOV", [Mention(10, 15, "Putin")]),
            Actor("local:ana-peric", "Ana Perić", "person", None, None, [Mention(74, 83, "Ana Perić")]),
        ],
        quotes=[Quote("local:ana-peric", "Ana Perić", "We are friends,", 30, 45, True, "said")],
        events=[Event("CONSULT", "Q222031", "Q7747", "met", 6, 9, mode="visit", date="2019-01-17")],
        narratives=[Narrative("URW: Praise of Russia", None, 0.61)],
    )  # fmt: skip


def stored(analysis, status="analyzed") -> StoredItem:
    print_ = fingerprint(analysis.article.text)
    return StoredItem(analysis, status, print_.content_hash, print_.signature, print_.bands)
