"""A killed ingest loses nothing it committed; the same command run again finishes the rest."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys

import pytest

from newsgraph.store.duckdb import DuckDBStore

SENTENCES = [
    "{a} and {b} held talks on energy supplies in {city}.",
    "Officials from {a} accused {b} of stoking tension along the border.",
    "{a} said it would not recognise the outcome of the vote in {b}.",
    "Diplomats in {city} expected {a} to raise the question of sanctions.",
    "The government of {a} recalled its ambassador from {b} for consultations.",
    "A delegation from {b} arrived in {city} for two days of meetings.",
    "{a} signed an agreement with {b} on cross-border rail links.",
    "Protesters gathered outside the embassy of {b} in {city}.",
    "{b} denied that its troops had crossed into territory held by {a}.",
    "Ministers from {a} and {b} agreed to meet again before the summit.",
    "{a} offered humanitarian aid to flood-hit regions of {b}.",
    "Observers reported calm in {city} after a night of clashes.",
]
COUNTRIES = ["Serbia", "Kosovo", "Russia", "Ukraine", "Hungary", "Croatia", "Albania", "Montenegro"]
CITIES = ["Belgrade", "Pristina", "Brussels", "Skopje", "Sarajevo", "Podgorica", "Tirana", "Budapest"]
ARTICLES = 240


def corpus(path) -> str:
    rng = random.Random(7)
    with path.open("w") as out:
        for number in range(ARTICLES):
            a, b = rng.sample(COUNTRIES, 2)
            picked = rng.sample(SENTENCES, 4)
            body = " ".join(s.format(a=a, b=b, city=rng.choice(CITIES)) for s in picked)
            body += f" The report was filed on day {number} of the monitoring mission."
            out.write(json.dumps({"id": f"r{number:03d}", "text": body}) + "\n")
    return str(path)


def stored_ids(db) -> list[str]:
    with DuckDBStore(db, read_only=True) as store:
        return [row["id"] for row in store.query("SELECT id FROM articles")]


@pytest.mark.slow
def test_kill_mid_run_then_resume(tmp_path):
    source, db = corpus(tmp_path / "wire.jsonl"), tmp_path / "s.duckdb"
    command = [sys.executable, "-m", "newsgraph", "ingest", source, "--db", str(db), "--batch-size", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    for line in process.stderr:
        if line.startswith("ingest: "):  # printed after a batch is committed
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    first = stored_ids(db)
    assert 0 < len(first) < ARTICLES

    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert f"{len(first)} already stored" in finished.stderr
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == ARTICLES
    assert ids[: len(first)] == first

    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert "Stored 0 article(s)" in again.stderr and f"{ARTICLES} already stored" in again.stderr
    assert len(stored_ids(db)) == ARTICLES
