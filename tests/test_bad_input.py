"""Every bad input gets one clear line (file, position, reason); the rest of the batch goes on."""

from __future__ import annotations

import json

import pytest

from newsgraph.errors import Problem
from newsgraph.ingest.readers import read_inputs

from conftest import FIXTURES

GOOD = "Serbia and Kosovo agreed in Brussels on a plan to normalise relations, the EU's envoy said on Monday."


def problems_of(path) -> list[Problem]:
    return [item for item in read_inputs([str(path)]) if isinstance(item, Problem)]


def one_problem(path) -> str:
    [problem] = problems_of(path)
    return str(problem)


def test_missing_path(tmp_path):
    message = one_problem(tmp_path / "nowhere.txt")
    assert message == f"error E101: {tmp_path / 'nowhere.txt'}: no such file or folder"


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\t\n")
    assert one_problem(tmp_path / "empty.txt").endswith("empty.txt: file is empty; nothing to read")
    assert "E102" in one_problem(tmp_path / "blank.txt")


def test_binary_files_are_named_by_kind(tmp_path):
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 40)
    assert "E103" in one_problem(tmp_path / "scan.txt") and "a PDF document" in one_problem(
        tmp_path / "scan.txt"
    )
    assert "binary file (NUL byte at byte 0)" in one_problem(tmp_path / "blob.txt")


def test_invalid_utf8_is_replaced_with_a_warning_and_the_article_kept(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes(GOOD.encode().replace(b"Brussels", b"Brus\xffsels") + " Vučić".encode())
    items = list(read_inputs([str(path)]))
    warning, article = items
    assert str(warning) == (
        f"warning W201: {path}: byte 32: 1 invalid UTF-8 byte sequence(s) replaced with U+FFFD"
    )
    assert "Brus\ufffdsels" in article.text and article.text.endswith("Vučić")


def test_invalid_utf8_in_a_jsonl_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"id": "ok", "text": "' + GOOD.encode() + b'"}\n{"id": "x", "text": "caf\xe9"}\n')
    items = list(read_inputs([str(path)]))
    assert items[0].id == "ok"
    assert str(items[1]).startswith(f"error E104: {path}: line 2: not UTF-8")


def test_fifty_megabyte_file(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        line = (GOOD + "\n").encode()
        out.write(line * (50 * 1024 * 1024 // len(line) + 1))
    assert one_problem(path) == (
        f"error E105: {path}: 52.4 MB is over the 10 MB limit for one article; split the input"
    )


def test_malformed_html(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><head><title>Talks</title></head><body><div><p>Serbia said the <b>talks</p></div")
    assert one_problem(path) == (
        f"error E106: {path}: malformed HTML (line 1, column 53: Opening and ending tag mismatch: p and b)"
        " and no article text could be recovered"
    )


def test_html_without_article_text(tmp_path):
    path = tmp_path / "index.html"
    path.write_text("<html><body><nav><a href='/a'>Home</a> <a href='/b'>World</a></nav></body></html>")
    assert "E110" in one_problem(path) and "no main article text" in one_problem(path)


def test_malformed_xml_feed(tmp_path):
    truncated = tmp_path / "cut.xml"
    truncated.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><item><ti')
    assert one_problem(truncated).startswith(f"error E107: {truncated}: malformed XML feed: ")
    recovered = tmp_path / "amp.xml"
    recovered.write_text(
        '<?xml version="1.0"?><rss><channel><title>X</title><item><title>A & B</title>'
        f"<description>{GOOD}</description></item></channel></rss>"
    )
    warning, article = read_inputs([str(recovered)])
    assert str(warning).startswith(f"warning W202: {recovered}: feed is not well-formed XML")
    assert article.text == GOOD
    other = tmp_path / "books.xml"
    other.write_text('<?xml version="1.0"?><catalog><book>Dune</book></catalog>')
    assert one_problem(other) == f"error E107: {other}: XML that is not an RSS or Atom feed"


def test_jsonl_line_that_is_not_json_and_records_without_text(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": "a", "text": GOOD}), "{not json", "", '["a list"]', '{"id": "b"}',
             json.dumps({"id": "c", "text": GOOD + " Again."})]  # fmt: skip
    path.write_text("\n".join(lines) + "\n")
    items = list(read_inputs([str(path)]))
    assert [getattr(i, "id", None) for i in items] == ["a", None, None, None, "c"]
    assert [str(i) for i in items if isinstance(i, Problem)] == [
        f"error E108: {path}: line 2: not valid JSON "
        "(Expecting property name enclosed in double quotes at column 2)",
        f"error E109: {path}: line 4: expected a JSON object, got str",
        f"error E109: {path}: line 5: record has no non-empty 'text' field",
    ]


@pytest.mark.slow
def test_ingest_reports_each_bad_input_and_stores_the_rest(tmp_path, cli):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "broken.jsonl").write_text('{"id": "j1", "text": "' + GOOD + '"}\n{oops\n')
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "good.txt").write_text("Plan agreed\n\n" + GOOD)
    db = tmp_path / "store.duckdb"
    result = cli("ingest", str(folder), str(tmp_path / "missing"), "--db", str(db), "--quiet")
    assert result.code == 1
    lines = result.err.splitlines()
    for expected in [
        f"error E103: {folder / 'binary.txt'}: binary file (a PNG image)",
        f"error E102: {folder / 'empty.txt'}: file is empty; nothing to read",
        f"error E108: {folder / 'broken.jsonl'}: line 2: not valid JSON",
        f"error E111: {folder / 'notes.docx'}: unsupported file type '.docx'; skipped",
        f"error E101: {tmp_path / 'missing'}: no such file or folder",
    ]:
        assert sum(line.startswith(expected) for line in lines) == 1, expected
    assert any(line.startswith("Stored 2 article(s)") for line in lines)
    assert "Skipped 5 input(s):" in lines
    exported = cli("export", "--db", str(db), "--table", "articles")
    assert [row["id"] for row in exported.jsonl()] == ["j1", "good"]


def test_fixture_folder_has_no_problems():
    assert [p for p in read_inputs([str(FIXTURES)]) if isinstance(p, Problem)] == []
