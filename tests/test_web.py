"""The web app over a store: pages render, the JSON API answers, article text is escaped."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from newsgraph.store.duckdb import DuckDBStore
from newsgraph.web.app import create_app

from factories import full_analysis, stored


@pytest.fixture
def client(tmp_path):
    hostile = full_analysis()
    hostile.article.id = "x<1>"
    hostile.article.title = "<script>alert('title')</script>"
    hostile.article.text = 'Serbia <img src=x onerror="alert(1)"> said <script>alert(2)</script> no.'
    hostile.article.url = "javascript:alert(3)"
    hostile.actors, hostile.quotes, hostile.events = [], [], []
    db = tmp_path / "w.duckdb"
    with DuckDBStore(db) as store:
        store.write([stored(full_analysis()), stored(hostile)])
    with TestClient(create_app(db)) as test_client:
        yield test_client


def test_index_lists_articles_and_counts(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "2 articles" in page.text and "Aleksandar Vučić" in page.text
    assert 'href="/articles/a1"' in page.text


def test_article_page_and_api(client):
    page = client.get("/articles/a1")
    # The text is cut into highlighted segments; without the tags it reads as stored.
    assert page.status_code == 200 and "Vučić met Putin in Belgrade." in re.sub(r"<[^>]+>", "", page.text)
    assert '<a class="anchor" id="o-6-9"></a><span class="seg hl-event" data-s="6"' in page.text
    record = client.get("/api/articles/a1").json()
    assert record["schema"] == "newsgraph.analysis/1" and record["events"][0]["type"] == "CONSULT"
    listing = client.get("/api/articles", params={"limit": 1}).json()
    assert listing["total"] == 2 and len(listing["items"]) == 1
    assert client.get("/api/summary").json()["events"] == 1


def test_missing_and_bad_parameters_are_4xx_with_a_message(client):
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/api/articles", params={"limit": 0}).status_code == 422
    assert client.get("/api/articles", params={"offset": "x"}).status_code == 422


def test_hostile_article_text_is_escaped(client):
    page = client.get("/articles/x%3C1%3E")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and 'onerror="alert' not in page.text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page.text
    assert "javascript:" not in page.text
    assert "<script>alert" not in client.get("/").text
