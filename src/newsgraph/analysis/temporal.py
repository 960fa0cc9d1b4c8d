"""When an event happened: a date phrase attached to it ("on February 24", "in September 2021",
"last year", "since 2012"), anchored to the article's date with dateparser, else the article's date.

Dates are ISO days; a month or a year stands for its first day ("in September 2021" ->
2021-09-01), and weekdays and relative phrases fall in the past of the article.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime

import dateparser
from spacy.tokens import Doc, Span, Token

_LEADING = re.compile(r"^(on|in|since|from|by|during|until|at|of|the)\s+", re.IGNORECASE)
_DECADE = re.compile(r"\b(1[89]\d0|20\d0)s\b")
_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_MONTH_OF_YEAR": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


class EventDates:
    """Resolves event dates in one article, parsing each date phrase once."""

    def __init__(self, doc: Doc, article_date: str | None) -> None:
        self.article_date = article_date
        self.base = datetime.fromisoformat(article_date) if article_date else None
        self.phrases = [ent for ent in doc.ents if ent.label_ == "DATE"]
        self._sentences: list[int] | None = None  # each phrase's sentence start, found once
        self._parsed: dict[int, str | None] = {}

    def date_of(self, trigger: Token) -> str | None:
        """The date of the phrase that modifies the trigger (or, for an event noun that is a
        subject, its verb: "the visit … was on January 17"), else the article's date."""
        if not self.phrases:
            return self.article_date
        if self._sentences is None:  # Span.sent walks the doc: once per phrase, not per event
            self._sentences = [phrase.sent.start for phrase in self.phrases]
        anchors = [trigger]
        if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass"):
            anchors.append(trigger.head)
        for anchor in anchors:
            sentence = anchor.sent.start
            for phrase, start in zip(self.phrases, self._sentences, strict=True):
                if start == sentence and _modifies(phrase, anchor):
                    parsed = self._parse(phrase)
                    if parsed is not None:
                        return parsed
        return self.article_date

    def _parse(self, phrase: Span) -> str | None:
        if phrase.start not in self._parsed:
            self._parsed[phrase.start] = parse_date_phrase(phrase.text, self.base)
        return self._parsed[phrase.start]


def parse_date_phrase(text: str, base: datetime | None) -> str | None:
    """ISO date of a date phrase relative to ``base`` (the article date), or None."""
    decade = _DECADE.search(text)
    if decade:
        return f"{decade.group(1)}-01-01"
    cleaned = _LEADING.sub("", text.strip())
    if base is None:  # relative to today: not cached, today changes
        return _parse_cleaned(cleaned, None)
    return _parse_relative(cleaned, base)


# dateparser takes milliseconds a phrase, and the articles of one day ask it the same phrases
# ("on Monday", "last year") again and again: the answer depends only on the phrase and the base.
@functools.lru_cache(maxsize=4096)
def _parse_relative(cleaned: str, base: datetime) -> str | None:
    return _parse_cleaned(cleaned, base)


def _parse_cleaned(cleaned: str, base: datetime | None) -> str | None:
    settings = dict(_SETTINGS, RELATIVE_BASE=base) if base else _SETTINGS
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None or (base is not None and parsed.year > base.year + 1):
        return None
    return parsed.date().isoformat()


def _modifies(phrase: Span, trigger: Token) -> bool:
    """The phrase hangs off the trigger, directly or through prepositions and nouns ("on
    Thursday", "visit to Belgrade on January 17") but not through another verb."""
    token = phrase.root
    for _ in range(5):
        token = token.head
        if token == trigger:
            return True
        if token.pos_ in ("VERB", "AUX") or token.head == token:
            return False
    return False
