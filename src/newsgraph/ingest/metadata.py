"""Article metadata from the places news keeps it: JSON-LD, meta tags, datelines, free-text dates."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import dateparser
from lxml import html as lxml_html

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_ARTICLE_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "Report",
    "LiveBlogPosting",
}
_OPINION_TYPES = {"OpinionNewsArticle"}
# "BELGRADE, 17 January 2019 (Danube Wire) – " or "KYIV, Ukraine (AP) — "
_DATELINE = re.compile(
    r"^(?P<head>[A-ZÀ-Ž][A-ZÀ-Ž'’.-]+(?:\s[A-ZÀ-Ž][A-ZÀ-Ž'’.-]+)*(?:,[^\n()]{2,60}?)?)"
    r"(?:\s*\((?P<outlet>[^()\n]{2,60})\))?\s*[–—-]{1,2}\s"
)
_YEAR = re.compile(r"(?<!\d)(1[89]|20)\d\d(?!\d)")
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


@dataclass(slots=True)
class PageMetadata:
    """What a page says about itself; every field may be missing."""

    title: str | None = None
    date: str | None = None
    byline: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    genre: str | None = None

    def fill_from(self, other: PageMetadata) -> None:
        """Take ``other``'s values where this one has none (first source wins)."""
        self.title = self.title or other.title
        self.date = self.date or other.date
        self.byline = self.byline or other.byline
        self.outlet = self.outlet or other.outlet
        self.url = self.url or other.url
        self.genre = self.genre or other.genre


def parse_date(value: Any) -> str | None:
    """An ISO date string (YYYY-MM-DD) from an ISO stamp, a struct_time, a datetime or free text."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%d", value)
    text = str(value).strip()
    match = _ISO_DATE.match(text)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    if not _YEAR.search(text[:80]):
        return None  # "Oct. 28": dateparser would read the day as the year 2028
    parsed = dateparser.parse(text[:80], languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None and any(ch.isdigit() for ch in text):  # "2. März 2022": other languages, slower
        parsed = dateparser.parse(text[:80], settings=_DATEPARSER_SETTINGS)
    return parsed.strftime("%Y-%m-%d") if parsed else None


def parse_dateline(body: str) -> PageMetadata:
    """Date and outlet from a wire-style dateline at the start of ``body``."""
    match = _DATELINE.match(body)
    if not match:
        return PageMetadata()
    found = PageMetadata(outlet=match["outlet"].strip() if match["outlet"] else None)
    for piece in reversed(match["head"].split(",")[1:]):
        found.date = parse_date(piece)
        if found.date:
            break
    return found


def dateline_end(body: str) -> int:
    """Characters taken by a wire dateline at the start of ``body`` (0 if there is none)."""
    match = _DATELINE.match(body)
    return match.end() if match else 0


def dateline_span(body: str, paragraphs: int = 3) -> tuple[int, int]:
    """Where a wire dateline opening one of the first lines of ``body`` is, after a headline
    and a standfirst ("THE HAGUE, Netherlands —"); (0, 0) if there is none."""
    offset = 0
    for _ in range(paragraphs):
        found = dateline_end(body[offset:])
        if found:
            return offset, offset + found
        newline = body.find("\n", offset)
        if newline < 0:
            break
        offset = len(body) - len(body[newline:].lstrip())
    return 0, 0


def json_ld_metadata(tree: lxml_html.HtmlElement) -> PageMetadata:
    """Metadata from the first schema.org article object in the page's JSON-LD."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue  # a broken JSON-LD block is common; other sources follow
        item = _find_article_object(data)
        if item is not None:
            return _from_article_object(item)
    return PageMetadata()


def meta_tag_metadata(tree: lxml_html.HtmlElement) -> PageMetadata:
    """Metadata from Open Graph and classic <meta> tags."""

    def meta(*names: str) -> str | None:
        for name in names:
            for attr in ("property", "name", "itemprop"):
                values = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
                if values and values[0].strip():
                    return values[0].strip()
        return None

    author = meta("author", "article:author", "byl", "dc.creator")
    return PageMetadata(
        title=meta("og:title", "twitter:title", "dc.title"),
        date=parse_date(meta("article:published_time", "datePublished", "date", "dc.date", "pubdate")),
        byline=split_names(author) if author and not author.startswith("http") else [],
        outlet=meta("og:site_name", "application-name", "publisher"),
        url=meta("og:url") or _canonical_link(tree),
    )


def _canonical_link(tree: lxml_html.HtmlElement) -> str | None:
    links = tree.xpath('//link[@rel="canonical"]/@href')
    return links[0].strip() if links else None


def _find_article_object(data: Any) -> dict[str, Any] | None:
    if isinstance(data, list):
        for item in data:
            found = _find_article_object(item)
            if found is not None:
                return found
        return None
    if not isinstance(data, dict):
        return None
    types = data.get("@type")
    types = set(types) if isinstance(types, list) else {types}
    if types & _ARTICLE_TYPES:
        return data
    return _find_article_object(data.get("@graph", []))


def _from_article_object(item: dict[str, Any]) -> PageMetadata:
    types = item.get("@type")
    types = set(types) if isinstance(types, list) else {types}
    publisher = item.get("publisher")
    entity = item.get("mainEntityOfPage")
    url = item.get("url") or (entity.get("@id") if isinstance(entity, dict) else entity)
    return PageMetadata(
        title=_text(item.get("headline") or item.get("name")),
        date=parse_date(item.get("datePublished") or item.get("dateCreated")),
        byline=_person_names(item.get("author")),
        outlet=_text(publisher.get("name")) if isinstance(publisher, dict) else _text(publisher),
        url=_text(url),
        genre="opinion" if types & _OPINION_TYPES else None,
    )


def _person_names(author: Any) -> list[str]:
    if isinstance(author, list):
        return [name for a in author for name in _person_names(a)]
    if isinstance(author, dict):
        return _person_names(author.get("name"))
    if isinstance(author, str) and author.strip() and not author.startswith("http"):
        return split_names(author)
    return []


def split_names(value: str) -> list[str]:
    """ "By Ana Kovač and Ivo Marić" -> ["Ana Kovač", "Ivo Marić"]."""
    value = re.sub(r"^\s*by\s+", "", value, flags=re.IGNORECASE)
    parts = re.split(r"\s*(?:;|,|\band\b|&)\s*", value)
    return [p.strip() for p in parts if p.strip()]


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
