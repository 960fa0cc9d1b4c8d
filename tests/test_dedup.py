"""Exact and near duplicates are linked to their first copy and not analysed twice."""

from __future__ import annotations

import json

import pytest

from newsgraph import api
from newsgraph.ingest.dedup import NEAR_DUPLICATE_JACCARD, content_hash, fingerprint, similarity

ORIGINAL = (
    "Serbia received the first batteries of a Chinese medium-range air-defence system this month, "
    "according to the defence ministry in Belgrade, which confirmed that transport aircraft of the "
    "Chinese air force had landed at the city's airport over the weekend. The delivery made Serbia the "
    "first European country to field the system, and it came weeks after Russia's invasion of Ukraine "
    "had prompted neighbouring NATO members to strengthen their own air defences.\n\n"
    "Officials in Belgrade described the purchase as a routine modernisation of the armed forces, "
    "financed from the state budget and agreed long before the war. Analysts in the region noted that "
    "Serbia has for years balanced military ties with Russia and China against its formal bid to join "
    "the European Union, and that the arrival of the batteries was bound to be watched closely in "
    "Pristina, Zagreb and Brussels."
)
SYNDICATED = ORIGINAL + "\n\nThe ministry did not say how many batteries had been bought."
UNRELATED = (
    "Finland formally joined NATO on Tuesday, doubling the length of the alliance's land border with "
    "Russia and ending decades of military non-alignment. The Finnish flag was raised at the alliance's "
    "headquarters in Brussels after the accession documents were deposited in Washington. Sweden, which "
    "applied at the same time, was still waiting for Turkey and Hungary to ratify its membership."
)


def test_exact_copies_share_a_hash_whatever_the_spacing_and_case():
    assert content_hash(ORIGINAL) == content_hash("  " + ORIGINAL.upper().replace(" ", "   "))
    assert content_hash(ORIGINAL) != content_hash(SYNDICATED)


def test_near_copies_are_similar_and_different_articles_are_not():
    original = fingerprint(ORIGINAL)
    assert similarity(original.signature, fingerprint(SYNDICATED).signature) >= NEAR_DUPLICATE_JACCARD
    assert similarity(original.signature, fingerprint(UNRELATED).signature) < 0.2
    assert set(original.bands) & set(fingerprint(SYNDICATED).bands)


def write_jsonl(path, *records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return str(path)


def articles(db):
    with api.open_store(db, read_only=True) as store:
        return store.query("SELECT id, status, duplicate_of, similarity FROM articles ORDER BY rowid")


@pytest.mark.slow
def test_syndicated_and_exact_copies_in_one_batch_link_to_the_first(tmp_path):
    source = write_jsonl(
        tmp_path / "wire.jsonl",
        {"id": "ledger-1", "title": "Air defence arrives", "text": ORIGINAL, "outlet": "Balkan Ledger"},
        {"id": "wire-7", "title": "Serbia gets missiles", "text": SYNDICATED, "outlet": "Danube Wire"},
        {"id": "mirror-2", "text": ORIGINAL, "outlet": "Mirror Site"},
        {"id": "finland", "text": UNRELATED},
    )  # fmt: skip
    db = tmp_path / "s.duckdb"
    report = api.ingest([source], db)
    assert (report.analyzed, report.duplicates) == (2, 2)
    rows = articles(db)
    assert [(r["id"], r["status"], r["duplicate_of"]) for r in rows] == [
        ("ledger-1", "analyzed", None),
        ("wire-7", "duplicate", "ledger-1"),
        ("mirror-2", "duplicate", "ledger-1"),
        ("finland", "analyzed", None),
    ]
    assert rows[1]["similarity"] >= NEAR_DUPLICATE_JACCARD and rows[2]["similarity"] == 1.0


@pytest.mark.slow
def test_copies_are_recognised_across_runs_and_reingest_adds_nothing(tmp_path):
    db = tmp_path / "s.duckdb"
    first = write_jsonl(tmp_path / "a.jsonl", {"id": "ledger-1", "text": ORIGINAL})
    api.ingest([first], db)
    later = write_jsonl(tmp_path / "b.jsonl", {"id": "wire-7", "text": SYNDICATED})
    report = api.ingest([later], db)
    assert report.duplicates == 1 and report.analyzed == 0
    again = api.ingest([first, later], db)
    assert (again.already_stored, again.stored) == (2, 0)
    assert [r["id"] for r in articles(db)] == ["ledger-1", "wire-7"]


@pytest.mark.slow
def test_an_id_taken_by_other_text_is_renamed_not_overwritten(tmp_path):
    db = tmp_path / "s.duckdb"
    api.ingest([write_jsonl(tmp_path / "a.jsonl", {"id": "story", "text": ORIGINAL})], db)
    problems = []
    api.ingest(
        [write_jsonl(tmp_path / "b.jsonl", {"id": "story", "text": UNRELATED})],
        db,
        on_problem=problems.append,
    )
    renamed = f"story~{content_hash(UNRELATED)[:8]}"
    assert [str(p).split(": ", 2)[-1] for p in problems] == [
        f"id 'story' is stored with other text; storing this one as {renamed!r}"
    ]
    assert [(r["id"], r["status"]) for r in articles(db)] == [("story", "analyzed"), (renamed, "analyzed")]
    api.ingest([str(tmp_path / "b.jsonl")], db)  # the rename is stable: nothing new the second time
    assert len(articles(db)) == 2
