"""The HTTP API: every endpoint answers on a small store, bad parameters get a 4xx with a message
(never a 500), ingest needs the flag and the token, and every response carries the CSP."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from newsgraph import queries
from newsgraph.records import Actor, Analysis, Event, Mention
from newsgraph.store.duckdb import DuckDBStore
from newsgraph.store.search import build_search_index, search_articles
from newsgraph.web.app import create_app
from newsgraph.web.highlight import Span, highlight

from factories import full_analysis, stored

TOKEN = "s3cret-token"


class EmptyPipeline:
    """Stands in for the spaCy pipeline: an empty analysis per article, instantly."""

    def analyze_many(self, articles):
        for article in articles:
            yield Analysis(article)


def second_analysis() -> Analysis:
    """A later article where Serbia threatens Kosovo: a dyad with a conflict score."""
    text = "Serbia warned Kosovo on Monday. Serbia threatened Kosovo again."
    analysis = full_analysis()
    analysis.article.id, analysis.article.text, analysis.article.date = "a/2", text, "2019-02-04"
    analysis.article.outlet = "Balkan Ledger"
    analysis.actors = [
        Actor(
            "Q403", "Serbia", "country", "SRB", "GOV", [Mention(0, 6, "Serbia"), Mention(32, 38, "Serbia")]
        ),
        Actor("Q1246", "Kosovo", "country", "XKX", None, [Mention(14, 20, "Kosovo")]),
    ]
    analysis.quotes, analysis.narratives = [], []
    analysis.events = [Event("THREATEN", "Q403", "Q1246", "warned", 7, 13, date="2019-02-04")]
    return analysis


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "api.duckdb"
    with DuckDBStore(path) as store:
        store.write([stored(full_analysis()), stored(second_analysis())])
    return path


@pytest.fixture
def client(db):
    with TestClient(create_app(db)) as test_client:
        yield test_client


@pytest.fixture
def writer(db):
    app = create_app(db, allow_ingest=True, token=TOKEN, pipeline_factory=EmptyPipeline)
    with TestClient(app) as test_client:
        yield test_client


def test_listings_answer_with_pages(client):
    for url in (
        "/api/articles",
        "/api/actors",
        "/api/events",
        "/api/quotes",
        "/api/dyads",
        "/api/narratives",
    ):
        body = client.get(url, params={"limit": 1}).json()
        assert set(body) >= {"total", "limit", "offset", "items"}, url
        assert body["limit"] == 1 and len(body["items"]) <= 1, url
    assert client.get("/api/articles").json()["total"] == 2
    assert client.get("/api/articles", params={"offset": 5}).json()["items"] == []


def test_filters_narrow_the_rows(client):
    assert client.get("/api/articles", params={"outlet": "Balkan Ledger"}).json()["total"] == 1
    assert client.get("/api/articles", params={"actor": "Q403", "since": "2019-02-01"}).json()["total"] == 1
    assert client.get("/api/articles", params={"narrative": "URW: Praise of Russia"}).json()["total"] == 1
    assert client.get("/api/articles", params={"type": "THREATEN"}).json()["items"][0]["id"] == "a/2"
    events = client.get("/api/events", params={"type": "threaten"}).json()
    assert events["total"] == 1 and events["items"][0]["target_name"] == "Kosovo"
    assert client.get("/api/events", params={"actor": "Q1246"}).json()["total"] == 1
    assert client.get("/api/events", params={"until": "2019-01-31"}).json()["items"][0]["type"] == "CONSULT"
    assert client.get("/api/quotes", params={"speaker": "Ana Perić"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"speaker": "nobody"}).json()["total"] == 0
    assert (
        client.get("/api/actors", params={"q": "serb", "kind": "country"}).json()["items"][0]["id"] == "Q403"
    )
    assert client.get("/api/dyads", params={"actor": "Q7747"}).json()["items"][0]["source"] == "Q222031"
    narratives = client.get("/api/narratives").json()["items"]
    assert narratives == [
        {"narrative": "URW: Praise of Russia", "subnarrative": None, "articles": 1, "mean_score": 0.61,
         "outlets": {"Danube Wire": 1}}
    ]  # fmt: skip


def test_article_actor_and_dyad_records(client):
    record = client.get("/api/articles/a%2F2").json()
    assert record["article"]["id"] == "a/2" and record["events"][0]["type"] == "THREATEN"
    actor = client.get("/api/actors/Q403").json()
    assert actor["name"] == "Serbia" and actor["articles"] == 1 and actor["mentions"] == 2
    assert actor["does"][0]["type"] == "THREATEN" and actor["does"][0]["actors"][0]["other"] == "Q1246"
    assert actor["receives"] == [] and actor["roles_by_outlet"][0]["outlet"] == "Balkan Ledger"
    assert actor["timeline"] == [
        {"period": "2019-02-01", "articles": 1, "done": 1, "received": 0, "score_done": -6.0}
    ]
    dyad = client.get("/api/dyads/Q403/Q1246").json()
    assert dyad["rule"] == {"window_weeks": 4, "drop": 1.0}
    assert [w["escalation"] for w in dyad["weeks"]] == [True]
    assert dyad["weeks"][0]["items"][0]["trigger"] == "warned"


def test_graph_summary_facets_and_search(client):
    graph = client.get("/api/graph").json()
    assert {n["id"] for n in graph["nodes"]} == {"Q222031", "Q7747", "Q403", "Q1246"}
    assert {(e["source"], e["target"], e["weight"]) for e in graph["edges"]} == {
        ("Q222031", "Q7747", 1),
        ("Q403", "Q1246", 1),
    }
    assert client.get("/api/graph", params={"type": "CONSULT"}).json()["edges"][0]["score"] == 1.0
    capped = client.get("/api/graph", params={"max_edges": 1}).json()
    assert capped["truncated"] and len(capped["edges"]) == 1
    assert client.get("/api/graph", params={"min_weight": 2}).json() == {
        "nodes": [], "edges": [], "truncated": False, "max_edges": 3000
    }  # fmt: skip
    assert client.get("/api/summary").json()["events"] == 2
    facets = client.get("/api/facets").json()
    assert facets["outlets"] == ["Balkan Ledger", "Danube Wire"] and facets["first_date"] == "2019-01-17"
    found = client.get("/api/search", params={"q": "threatened"}).json()
    assert found["mode"] == "ilike" and [r["id"] for r in found["items"]] == ["a/2"]


BAD_REQUESTS = [
    ("/api/articles", {"limit": 0}),
    ("/api/articles", {"limit": 501}),
    ("/api/articles", {"limit": "x"}),
    ("/api/articles", {"offset": -1}),
    ("/api/articles", {"since": "2023-02-31"}),
    ("/api/articles", {"until": "yesterday"}),
    ("/api/articles", {"status": "lost"}),
    ("/api/actors", {"kind": "planet"}),
    ("/api/actors", {"country": "SERBIA"}),
    ("/api/actors/Q403", {"period": "decade"}),
    ("/api/events", {"type": "HUG"}),
    ("/api/events", {"since": "99999-01-01"}),
    ("/api/quotes", {"limit": 10**12}),
    ("/api/dyads", {"min_weight": 0}),
    ("/api/dyads/Q403/Q1246", {"limit": 0}),
    ("/api/graph", {"max_edges": 0}),
    ("/api/graph", {"max_edges": 10**9}),
    ("/api/graph", {"min_weight": "many"}),
    ("/api/narratives", {"since": "2019-1-1"}),
    ("/api/search", {}),
    ("/api/search", {"q": ""}),
    ("/api/search", {"q": "x" * 501}),
]


@pytest.mark.parametrize(("url", "params"), BAD_REQUESTS)
def test_bad_parameters_are_4xx_with_a_message(client, url, params):
    response = client.get(url, params=params)
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["detail"]


def test_unknown_ids_are_404(client):
    for url in ("/api/articles/nope", "/api/actors/Q0", "/api/dyads/Q403/Q0", "/api/dyads/Q0/Q403"):
        response = client.get(url)
        assert response.status_code == 404 and "no " in response.json()["detail"], url
    assert client.get("/api/nothing-here").status_code == 404


def test_odd_but_valid_input_is_not_an_error(client):
    for q in ("'; DROP TABLE articles; --", "%", "_", "ÄÖÜ", "<script>"):
        assert client.get("/api/search", params={"q": q}).status_code == 200
        assert client.get("/api/actors", params={"q": q}).status_code == 200
        assert client.get("/api/quotes", params={"speaker": q}).status_code == 200
    assert client.get("/api/articles/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_ingest_is_off_unless_enabled_with_a_token(client, db):
    response = client.post("/articles", json={"id": "n1", "text": "Some text."})
    assert response.status_code == 403 and "--allow-ingest" in response.json()["detail"]
    with pytest.raises(ValueError, match="token"):
        create_app(db, allow_ingest=True)


def test_ingest_checks_the_bearer_token(writer):
    record = {"id": "n1", "text": "Serbia and Kosovo met in Brussels on Monday to talk about trade."}
    assert writer.post("/articles", json=record).status_code == 401
    wrong = writer.post("/articles", json=record, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"].startswith("Bearer")
    posted = writer.post("/articles", json=record, headers={"Authorization": f"Bearer {TOKEN}"})
    assert posted.status_code == 201, posted.text
    assert posted.json()["articles"] == [{"id": "n1", "href": "/articles/n1"}]
    assert writer.get("/api/articles/n1").json()["article"]["text"].startswith("Serbia and Kosovo")
    again = writer.post("/api/articles", json=[record], headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 201 and again.json()["already_stored"] == 1


def test_ingest_rejects_bad_records(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert writer.post("/articles", json={"id": "n2"}, headers=auth).status_code == 422
    assert writer.post("/articles", json={"id": "n2", "text": ""}, headers=auth).status_code == 422
    assert writer.post("/articles", json=[], headers=auth).status_code == 422
    many = [{"id": f"m{i}", "text": "text"} for i in range(101)]
    assert writer.post("/articles", json=many, headers=auth).status_code == 422
    no_id = writer.post("/articles", json={"text": "Words without an id or a URL."}, headers=auth)
    assert no_id.status_code == 422 and "neither 'id' nor 'url'" in no_id.json()["detail"]
    assert writer.post("/articles", content=b"{not json", headers=auth).status_code == 422


def test_every_response_carries_the_csp(client):
    for url in ("/", "/api/summary", "/static/app.css", "/api/articles/nope", "/docs"):
        policy = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'self'" in policy, url
        assert "unsafe-inline" not in policy


PAGES = (
    "/", "/network", "/actors", "/actors/Q403", "/dyads", "/dyads/Q403/Q1246", "/articles", "/articles/a1",
    "/events", "/quotes", "/narratives", "/search?q=Serbia", "/docs",
)  # fmt: skip


def test_pages_have_no_inline_script_or_style(client):
    for url in PAGES:
        page = client.get(url)
        assert page.status_code == 200, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", page.text), url
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", page.text), url
        assert not re.search(
            r"(src|href)=\"(https?:)?//", page.text.replace('href="https://example.org/a1"', "")
        ), url


def test_pages_link_rows_to_article_offsets(client):
    assert 'href="/articles/a%2F2#o-7-13"' in client.get("/events").text
    assert 'href="/articles/a1#o-30-45"' in client.get("/quotes").text
    assert 'href="/articles/a%2F2#o-7-13"' in client.get("/dyads/Q403/Q1246").text
    assert 'href="/articles/a1#o-6-9"' in client.get("/actors/Q222031").text


def test_html_errors_for_pages(client):
    page = client.get("/actors/Q0")
    assert page.status_code == 404 and "no actor with id" in page.text and "<html" in page.text
    assert client.get("/events", params={"since": "13/13/2013"}).status_code == 422


def test_local_hosts_only_when_bound_to_loopback(db):
    app = create_app(db, hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1") as local:
        assert local.get("/api/summary").status_code == 200
        assert local.get("/api/summary", headers={"host": "evil.example"}).status_code == 400


def test_search_uses_the_index_and_finds_what_it_lacks(db):
    with DuckDBStore(db) as store:
        assert build_search_index(store)
        later = second_analysis()
        later.article.id, later.article.text = "a3", "Kosovo threatened nobody; a later article, unindexed."
        store.write([stored(later)])
    with DuckDBStore(db, read_only=True) as store:
        found = search_articles(store, "threatened", 10, 0)
        assert found["mode"] == "fts" and {r["id"] for r in found["items"]} == {"a/2", "a3"}
        assert found["items"][0]["id"] == "a/2"  # ranked by BM25 above the ILIKE match
        hit = found["items"][0]
        assert store.get_analysis("a/2").article.text[hit["start"] : hit["end"]] == "threatened"
        assert search_articles(store, "Belgrade visit", 10, 0)["total"] == 1
        assert search_articles(store, "!!!", 10, 0)["total"] == 0


def test_escalation_rule_flags_the_onset_of_a_fall():
    week = [date(2024, 1, 1), date(2024, 1, 8), date(2024, 2, 5), date(2024, 4, 1)]
    series = [
        {"period": week[0], "events": 1, "types": {"AID": 1}, "score": 7.0},
        {"period": week[1], "events": 1, "types": {"ACCUSE": 1}, "score": -2.0},
        {"period": week[2], "events": 2, "types": {"THREATEN": 2}, "score": -12.0},
        {"period": week[3], "events": 1, "types": {"ACCUSE": 1}, "score": -2.0},
    ]
    weeks = queries.escalation_series(series)
    assert len(weeks) == 14 and weeks[2]["score"] == 0.0  # quiet weeks filled in
    flagged = [w["period"] for w in weeks if w["escalation"]]
    assert flagged == [week[2]]
    assert weeks[5]["rolling"] == -3.0 and weeks[5]["previous"] == 1.25
    assert not any(w["escalation"] for w in queries.escalation_series(series[:2]))


def test_highlight_escapes_each_piece():
    text = 'Serbia <img src=x onerror="alert(1)"> warned.'
    html = highlight(text, [Span(0, 6, "actor", "<b>Serbia</b>"), Span(39, 45, "event", "THREATEN")])
    assert "<img" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert 'title="&lt;b&gt;Serbia&lt;/b&gt;"' in html and '<a class="anchor" id="o-39-45"></a>' in html
    assert (
        re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"') == text
    )


def test_actor_page_shows_framing_per_outlet(client):
    page = client.get("/actors/Q222031").text
    framing = page[page.index('id="framing"') : page.index('id="timeline"')]
    assert "<td>Danube Wire</td><td>1</td>" in framing and "Peacemaker ×1" in framing
    assert "No framing recorded yet" in client.get("/actors/Q7747").text


def test_serve_refuses_ingest_without_a_token(cli, db, monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_TOKEN", raising=False)
    result = cli("serve", "--db", db, "--allow-ingest")
    assert result.code == 2 and "--allow-ingest needs --token" in result.err


def test_ingest_answers_503_when_the_pipeline_cannot_load(db):
    def broken():
        raise FileNotFoundError("models/framing.npz")

    app = create_app(db, allow_ingest=True, token=TOKEN, pipeline_factory=broken)
    with TestClient(app) as client:
        record = {"id": "n9", "text": "Serbia and Kosovo met in Brussels on Monday to talk about trade."}
        response = client.post("/articles", json=record, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 503 and "framing.npz" in response.json()["detail"]
        assert client.get("/api/articles/n9").status_code == 404  # nothing half-written
