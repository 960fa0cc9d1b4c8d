"""Readers for every input newsgraph takes: text, HTML, JSON Lines, RSS/Atom, folders and stdin.

Each reader yields clean ``Article`` records and ``Problem`` lines; a bad input
becomes one Problem and the stream goes on with the next one.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Literal

import feedparser
import trafilatura
from lxml import etree
from lxml import html as lxml_html

from newsgraph.errors import Code, InputError, Problem
from newsgraph.ingest.clean import clean_text, normalize_text
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.language import detect_language
from newsgraph.ingest.metadata import (
    PageMetadata,
    json_ld_metadata,
    meta_tag_metadata,
    parse_date,
    parse_dateline,
    split_names,
)
from newsgraph.records import Article

Format = Literal["text", "html", "jsonl", "feed"]
ReadItem = Article | Problem

MAX_FILE_BYTES = 10 * 1024 * 1024  # one article (text or HTML) or one JSONL line
MAX_FEED_BYTES = 32 * 1024 * 1024
MAX_TEXT_CHARS = 500_000  # longer bodies are not news articles; spaCy would need GBs for them
MIN_HTML_WORDS = 20  # less than this from a page is a teaser, an index or a broken page
SUFFIX_FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
}
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article"}
_SLUG = re.compile(r"[^a-z0-9]+")
_FOLDER_DOCS = re.compile(r"^(README|LICENSE|LICENCE|COPYING|CHANGELOG|NOTICE)(\.[a-z]+)?$", re.IGNORECASE)
_HARMLESS_FEED_ERRORS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def read_inputs(paths: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[ReadItem]:
    """Articles and problems from files, folders (recursively) and ``-`` (standard input)."""
    for raw in paths:
        if raw == "-":
            yield from read_stream(stdin if stdin is not None else sys.stdin.buffer, "<stdin>")
            continue
        path = Path(raw)
        if path.is_dir():
            for file in iter_folder(path):
                yield from read_file(file, in_folder=True)
        elif path.exists():
            yield from read_file(path)
        else:
            yield Problem(Code.MISSING_PATH, raw, "no such file or folder")


def estimate_count(paths: Iterable[str]) -> int | None:
    """A quick count of the articles in ``paths`` for progress and ETA; None for stdin."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = iter_folder(path) if path.is_dir() else [path] if path.exists() else []
        total += sum(_estimate_file(file) for file in files)
    return total


def _estimate_file(path: Path) -> int:
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt not in ("jsonl", "feed"):
        return 1 if fmt else 0
    pattern = re.compile(rb"\n\s*\S") if fmt == "jsonl" else re.compile(rb"<(item|entry)[\s>]")
    count = 0
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                count += len(pattern.findall(chunk))
    except OSError:
        return 0
    return count + (fmt == "jsonl")


def iter_folder(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in a stable order, skipping hidden files and a folder's own docs."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not _FOLDER_DOCS.match(name):
                yield Path(root) / name


def read_stream(stream: BinaryIO, source: str) -> Iterator[ReadItem]:
    """Articles from a stream of unknown format: JSON Lines are streamed, anything else is read whole."""
    head = stream.read(1024)
    if head.lstrip().startswith(b"{"):
        first_lines = (head + stream.readline()).splitlines(keepends=True)
        yield from read_jsonl(itertools.chain(first_lines, stream), source)
    else:
        yield from read_bytes(head + stream.read(MAX_FEED_BYTES), source, None, "stdin")


def read_file(path: Path, in_folder: bool = False) -> Iterator[ReadItem]:
    """Everything in one file; its format comes from the suffix, else from its content."""
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None and in_folder:
        reason = f"unsupported file type {path.suffix or '(no suffix)'!r}; skipped"
        yield Problem(Code.UNSUPPORTED, str(path), reason)
        return
    try:
        if fmt == "jsonl":
            with path.open("rb") as stream:
                yield from read_jsonl(stream, str(path))
            return
        data = _read_limited(path, MAX_FEED_BYTES if fmt == "feed" else MAX_FILE_BYTES)
    except OSError as exc:
        yield Problem(Code.UNREADABLE, str(path), exc.strerror or str(exc))
        return
    except InputError as exc:
        yield exc.problem
        return
    yield from read_bytes(data, str(path), fmt, path.stem)


def read_bytes(data: bytes, source: str, fmt: Format | None, default_id: str) -> Iterator[ReadItem]:
    """Articles from the bytes of one input (a file's content, stdin, an upload)."""
    try:
        limit = MAX_FEED_BYTES if fmt in ("feed", "jsonl", None) else MAX_FILE_BYTES
        if len(data) > limit:
            raise InputError(_too_large(source, len(data), limit=limit))
        text, warnings = decode_bytes(data, source)
        yield from warnings
        fmt = fmt or sniff_format(text)
        if fmt == "jsonl":
            yield from read_jsonl(iter(data.splitlines()), source)
        elif fmt == "feed":
            yield from read_feed(data, source)
        elif fmt == "html":
            yield html_article(text, _stdin_id(default_id, data), source)
        else:
            yield text_article(text, _stdin_id(default_id, data), source)
    except InputError as exc:
        yield exc.problem


def sniff_format(text: str) -> Format:
    """Guess the format of an input that has no telling suffix."""
    head = text.lstrip()[:1024].lower()
    if head.startswith(("{", "[")):
        return "jsonl"
    if head.startswith("<?xml") or head.startswith(("<rss", "<feed", "<rdf")):
        return "html" if "<html" in head else "feed"
    if head.startswith("<") and re.search(r"<(!doctype html|html|body|head|p|div|article)\b", head):
        return "html"
    return "text"


def text_article(text: str, article_id: str, source: str) -> Article:
    """A plain-text article; a first line followed by an empty line is its title."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = None
    if len(lines) > 2 and lines[0].strip() and not lines[1].strip() and len(lines[0]) <= 300:
        title, text = lines[0], "\n".join(lines[2:])
    return make_article(article_id, text, source, PageMetadata(title=title))


def html_article(page: str, article_id: str, source: str) -> Article:
    """An HTML page: main text with trafilatura (precision first), metadata JSON-LD first."""
    parser = lxml_html.HTMLParser(recover=True)
    try:
        tree = lxml_html.document_fromstring(page, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(Problem(Code.MALFORMED_HTML, source, f"malformed HTML: {exc}")) from exc
    markup_errors = [f"line {e.line}, column {e.column}: {e.message}" for e in parser.error_log]
    meta = json_ld_metadata(tree)
    meta.fill_from(meta_tag_metadata(tree))
    extracted = trafilatura.bare_extraction(
        tree, favor_precision=True, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (extracted.text or "") if extracted is not None else ""
    if len(text.split()) < MIN_HTML_WORDS:
        if markup_errors:
            reason = f"malformed HTML ({markup_errors[0]}) and no article text could be recovered"
            raise InputError(Problem(Code.MALFORMED_HTML, source, reason))
        reason = "no main article text found in the HTML (an index page, a stub, or a login wall?)"
        raise InputError(Problem(Code.NO_TEXT, source, reason))
    meta.fill_from(
        PageMetadata(
            title=extracted.title,
            date=parse_date(extracted.date),
            byline=[a.strip() for a in (extracted.author or "").split(";") if a.strip()],
            outlet=extracted.sitename,
            url=extracted.url,
        )
    )
    return make_article(article_id, _paragraphs_without_headline(text, meta.title), source, meta)


def _paragraphs_without_headline(text: str, title: str | None) -> str:
    """trafilatura puts one paragraph per line and often repeats the <h1> first."""
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and title and normalize_text(lines[0]).casefold() == normalize_text(title).casefold():
        lines = lines[1:]
    return "\n\n".join(lines)


def read_jsonl(lines: Iterable[bytes], source: str) -> Iterator[ReadItem]:
    """One article per JSON object; a JSON array of objects is read the same way."""
    for number, raw in enumerate(lines, start=1):
        position = f"line {number}"
        if not raw.strip():
            continue
        try:
            if len(raw) > MAX_FILE_BYTES:
                raise InputError(_too_large(source, len(raw), position))
            records = _parse_json_line(raw, source, position)
            for index, record in enumerate(records, start=1):
                where = position if len(records) == 1 else f"{position}, item {index}"
                yield record_article(record, source, where)
        except InputError as exc:
            yield exc.problem


def record_article(record: Any, source: str, position: str) -> Article:
    """An article from one JSON object with id/title/text/date/url/outlet/byline."""
    if not isinstance(record, dict):
        kind = type(record).__name__
        raise InputError(Problem(Code.BAD_RECORD, source, f"expected a JSON object, got {kind}", position))
    text = record.get("text") or record.get("body") or record.get("content")
    if not isinstance(text, str) or not text.strip():
        reason = "record has no non-empty 'text' field"
        raise InputError(Problem(Code.BAD_RECORD, source, reason, position))
    byline = record.get("byline") or record.get("authors") or []
    meta = PageMetadata(
        title=_optional_str(record.get("title")),
        date=parse_date(record.get("date") or record.get("published")),
        byline=split_names(byline) if isinstance(byline, str) else [str(b) for b in byline],
        outlet=_optional_str(record.get("outlet") or record.get("source")),
        url=_optional_str(record.get("url")),
        genre=record.get("genre") if record.get("genre") in ("opinion", "reporting", "satire") else None,
    )
    article_id = str(record.get("id") or _slug(record.get("url") or "") or "")
    if not article_id:
        raise InputError(Problem(Code.BAD_RECORD, source, "record has neither 'id' nor 'url'", position))
    return make_article(article_id, text, f"{source}:{position}", meta)


def read_feed(data: bytes, source: str) -> Iterator[ReadItem]:
    """Articles from the items of an RSS or Atom feed (full text from content:encoded if given)."""
    parsed = feedparser.parse(data)
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(error, _HARMLESS_FEED_ERRORS):
        error = None
    if error and not any(_entry_body(entry).strip() for entry in parsed.entries):
        raise InputError(Problem(Code.MALFORMED_FEED, source, f"malformed XML feed: {error}"))
    if not parsed.entries:
        raise InputError(Problem(Code.MALFORMED_FEED, source, "XML that is not an RSS or Atom feed"))
    if error:
        reason = f"feed is not well-formed XML ({error}); read {len(parsed.entries)} item(s) anyway"
        yield Problem(Code.RECOVERED_FEED, source, reason)
    outlet = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries, start=1):
        try:
            yield feed_entry_article(entry, outlet, source, f"item {index}")
        except InputError as exc:
            yield exc.problem


def _entry_body(entry: Any) -> str:
    """The fullest text a feed item carries: content:encoded / Atom content, else its summary."""
    contents = entry.get("content") or []
    return (contents[0].get("value") if contents else entry.get("summary")) or ""


def feed_entry_article(entry: Any, outlet: str | None, source: str, position: str) -> Article:
    body = _entry_body(entry)
    if not body.strip():
        raise InputError(Problem(Code.NO_TEXT, source, "feed item has no text", position))
    authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
    meta = PageMetadata(
        title=entry.get("title"),
        date=parse_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        byline=authors or ([entry["author"]] if entry.get("author") else []),
        outlet=outlet,
        url=entry.get("link"),
    )
    article_id = _slug(entry.get("id") or entry.get("link") or "") or _slug(entry.get("title", ""))
    return make_article(article_id, html_fragment_text(body), f"{source}:{position}", meta)


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment with one paragraph per block element."""
    if "<" not in fragment:
        return fragment
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter():
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    return root.text_content()


def make_article(article_id: str, text: str, source: str, meta: PageMetadata) -> Article:
    """Clean the body, fill date and outlet from a dateline, detect the language."""
    body = clean_text(text, meta.byline)
    if not body:
        raise InputError(Problem(Code.NO_TEXT, source, "no article text left after removing page furniture"))
    if len(body) > MAX_TEXT_CHARS:
        reason = f"body has {len(body):,} characters, over the {MAX_TEXT_CHARS:,} limit for one article"
        raise InputError(Problem(Code.TOO_LARGE, source, reason))
    meta.fill_from(parse_dateline(body))
    return Article(
        id=article_id,
        text=body,
        title=normalize_text(meta.title) if meta.title else None,
        byline=meta.byline,
        date=meta.date,
        outlet=meta.outlet,
        url=meta.url,
        language=detect_language(body),
        genre=meta.genre,  # type: ignore[arg-type]
        source=source,
    )


def _parse_json_line(raw: bytes, source: str, position: str) -> list[Any]:
    try:
        value = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise InputError(Problem(Code.UNDECODABLE, source, f"not UTF-8: {exc.reason}", position)) from exc
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON ({exc.msg} at column {exc.colno})"
        raise InputError(Problem(Code.BAD_JSON, source, reason, position)) from exc
    return value if isinstance(value, list) else [value]


def _read_limited(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise InputError(_too_large(str(path), size, limit=limit))
    return path.read_bytes()


def _too_large(source: str, size: int, position: str | None = None, limit: int = MAX_FILE_BYTES) -> Problem:
    reason = f"{size / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB limit for one article; split the input"
    return Problem(Code.TOO_LARGE, source, reason, position)


def _stdin_id(default_id: str, data: bytes) -> str:
    """Standard input has no file name: name it by a hash of its content, stable across runs."""
    if default_id != "stdin":
        return default_id
    return f"stdin-{hashlib.sha1(data).hexdigest()[:12]}"


def _slug(value: str) -> str:
    """A readable, stable id from a URL or guid: its last path segments, lower-case, dashed."""
    tail = re.sub(r"^[a-z]+://[^/]+", "", value.strip().lower()).strip("/") or value.lower()
    return _SLUG.sub("-", tail).strip("-")[-100:].strip("-")


def _optional_str(value: Any) -> str | None:
    return str(value).strip() if value not in (None, "") and str(value).strip() else None
