"""Each reader turns its input into clean Article records with the right metadata."""

from __future__ import annotations

import io

from newsgraph.errors import Problem
from newsgraph.ingest.readers import estimate_count, read_inputs
from newsgraph.records import Article

from conftest import FIXTURES


def read_all(*paths, stdin: bytes | None = None) -> tuple[list[Article], list[Problem]]:
    items = list(read_inputs([str(p) for p in paths], io.BytesIO(stdin) if stdin is not None else None))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def test_semeval_layout_gives_title_and_body():
    [article], problems = read_all(FIXTURES / "semeval_layout.txt")
    assert problems == []
    assert article.id == "semeval_layout"
    assert article.title == "Serbia declines to join sanctions on Russia"
    assert article.text.startswith("Serbia has not joined the European Union's sanctions")
    assert "\n\nOfficials in Belgrade" in article.text
    assert article.language == "en"


def test_text_without_title_keeps_every_line():
    [article], _ = read_all(FIXTURES / "no_title.txt")
    assert article.title is None
    assert article.text.startswith("Montenegro joined NATO in June 2017")
    assert article.text.endswith("disputed election in 2016.")


def test_wire_dateline_gives_date_and_outlet():
    [article], _ = read_all(FIXTURES / "dateline.txt")
    assert article.date == "2022-12-12"
    assert article.outlet == "Danube Wire"
    assert article.text.startswith("PRISTINA, 12 December 2022 (Danube Wire) – Kosovo's government")


def test_a_dateline_without_a_year_gives_no_date(tmp_path):
    path = tmp_path / "no_year.txt"
    path.write_text(
        "Kenya to lift visa rules\n\nNAIROBI, Oct. 28 (Danube Wire) -- Kenya will lift visa rules for "
        "all Africans by the end of the year, its president said on Saturday.\n",
        encoding="utf-8",
    )
    [article], _ = read_all(path)
    assert (article.date, article.outlet) == (None, "Danube Wire")  # not 2028


def test_html_prefers_json_ld_and_strips_furniture():
    [article], problems = read_all(FIXTURES / "page_jsonld.html")
    assert problems == []
    assert article.title == "Lavrov's Belgrade trip called off after neighbours close airspace"
    assert article.date == "2022-06-06"  # JSON-LD, not article:published_time (06-07)
    assert article.byline == ["Ivana Lukić", "Tomas Berg"]
    assert article.outlet == "Adriatic Observer"
    assert article.url == "https://example.org/2022/06/lavrov-trip-called-off"
    assert article.text.startswith("A visit to Belgrade by Russian Foreign Minister Sergey Lavrov")
    assert article.text.endswith("a security risk rather than an opportunity.")
    for furniture in ("player ready", "Must read", "Share on", "+ posts", "correspondent who covers",
                      "Latest articles", "Subscribe", "All rights reserved"):  # fmt: skip
        assert furniture not in article.text


def test_html_without_json_ld_uses_meta_tags():
    [article], _ = read_all(FIXTURES / "page_meta.html")
    assert article.title == "Finland becomes NATO's 31st member"
    assert article.date == "2023-04-04"
    assert article.byline == ["Aino Virtanen"]
    assert article.outlet == "Nordic Desk"
    assert article.url == "https://example.org/finland-joins-nato"
    assert article.text.startswith("Finland formally joined NATO on Tuesday")
    assert "Tweet" not in article.text


def test_jsonl_records_and_free_text_dates():
    articles, problems = read_all(FIXTURES / "articles.jsonl")
    assert problems == []
    assert [a.id for a in articles] == ["wire-001", "wire-002"]
    first, second = articles
    assert first.outlet == "Danube Wire" and first.byline == ["Marko Ilić"]
    assert first.source.endswith("articles.jsonl:line 1")
    assert second.date == "2022-07-22"
    assert second.byline == ["Selin Kaya", "Marko Ilić"]
    assert second.text.count("\n\n") == 1


def test_json_array_of_records_is_read_like_jsonl(tmp_path):
    path = tmp_path / "batch.json"
    text = "The OSCE said its observers would monitor the vote in Montenegro."
    path.write_text(f'[{{"id": "x1", "text": "{text}"}}, {{"id": "x2", "text": "{text} Again."}}]')
    articles, problems = read_all(path)
    assert [a.id for a in articles] == ["x1", "x2"] and problems == []


def test_rss_items_with_full_text_dates_and_outlet():
    articles, problems = read_all(FIXTURES / "feed.rss")
    assert problems == []
    wagner, grain = articles
    assert wagner.id == "efr-2023-0624-wagner"
    assert wagner.outlet == "Eastern Front Review"
    assert wagner.date == "2023-06-24"
    assert wagner.byline == ["Olena Savchuk"]
    assert wagner.url == "https://example.org/efr/2023/07/wagner-halt".replace("07/wagner", "06/wagner")
    assert wagner.text.startswith("Fighters of the Wagner Group turned back")
    assert "\n\nThe Belarusian president" in wagner.text
    assert grain.id == "efr-2023-07-grain-deal-ends"  # slug of a URL guid
    assert grain.text.startswith("Moscow refused to extend")


def test_atom_entries():
    [article], problems = read_all(FIXTURES / "feed.atom")
    assert problems == []
    assert article.title == "Xi Jinping visits Belgrade"
    assert article.outlet == "Sava Post"
    assert article.date == "2024-05-08"
    assert article.byline == ["Dragana Petrović"]
    assert article.text.startswith("Chinese President Xi Jinping arrived in Belgrade")


def test_folders_are_read_recursively_in_order_skipping_hidden(tmp_path):
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    body = "Kosovo's parliament voted on Thursday to approve the new government of the prime minister."
    (tmp_path / "b" / "deeper" / "two.txt").write_text(body)
    (tmp_path / "a.txt").write_text(body.replace("Thursday", "Monday"))
    (tmp_path / ".cache" / "hidden.txt").write_text(body)
    (tmp_path / ".notes.txt").write_text(body)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    articles, problems = read_all(tmp_path)
    assert [a.id for a in articles] == ["a", "two"]
    assert [(p.code.value, p.path.endswith("photo.png")) for p in problems] == [("E111", True)]
    assert estimate_count([str(tmp_path)]) == 2


def test_stdin_text_and_jsonl():
    [text], _ = read_all(
        "-", stdin=b"Kosovo applies to join the Council of Europe\n\nKosovo formally applied."
    )
    assert text.title == "Kosovo applies to join the Council of Europe"
    assert text.id.startswith("stdin-")
    jsonl = (
        b'{"id": "s1", "text": "Serbia and China signed trade agreements."}\n{"id": "s2", "text": "More."}\n'
    )
    articles, _ = read_all("-", stdin=jsonl)
    assert [a.id for a in articles] == ["s1", "s2"]


def test_legacy_and_utf16_encodings_are_detected(tmp_path):
    text = "Žarko Šimić, a café owner in Šabac, said prices had risen sharply since the winter began."
    (tmp_path / "win.txt").write_bytes(text.encode("cp1250"))
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))
    articles, problems = read_all(tmp_path / "win.txt", tmp_path / "wide.txt")
    assert problems == []
    assert [a.text for a in articles] == [text, text]


def test_other_languages_are_flagged():
    [article], _ = read_all(FIXTURES / "german.txt")
    assert article.language == "de"
    assert article.title == "Serbien und die Sanktionen"
