"""The Analysis record and its JSON Schema (newsgraph.analysis/1)."""

from __future__ import annotations

import copy

from newsgraph.records import Analysis

from factories import full_analysis


def test_round_trip_through_json_dict():
    analysis = full_analysis()
    again = Analysis.from_dict(analysis.to_dict())
    again.article.source = analysis.article.source  # the store keeps it; the JSON does not
    assert again == analysis


def test_full_record_is_schema_valid(analysis_schema):
    errors = list(analysis_schema.iter_errors(full_analysis().to_dict()))
    assert errors == []


def test_article_keys_follow_the_contract():
    assert list(full_analysis().to_dict()["article"]) == [
        "id", "title", "byline", "date", "outlet", "url", "language", "genre", "text",
    ]  # fmt: skip


def test_schema_rejects_what_the_contract_forbids(analysis_schema):
    base = full_analysis().to_dict()
    broken = []
    for path, value in [
        (("events", 0, "type"), "VISIT"),  # not a PLOVER type
        (("actors", 0, "id"), "Serbia"),  # neither a QID nor local:
        (("article", "date"), "17/01/2019"),
        (("quotes", 0, "start"), -1),
        (("actors", 0, "roles", 0, "main"), "Hero"),
    ]:
        record = copy.deepcopy(base)
        target = record
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        broken.append(record)
    for record in broken:
        assert not analysis_schema.is_valid(record), record
