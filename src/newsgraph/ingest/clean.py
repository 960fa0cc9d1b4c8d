"""Normalise article text and strip the page furniture that extractors leave in.

Rules work on paragraphs (blocks separated by an empty line) and on single
lines, and only remove a block when it is short and matches a known shape, so
that a sentence of reporting that merely contains the word "subscribe" stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Characters that only make offsets and matching harder.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_CLOSED_AGAINST_WORD = re.compile(r"([,.!?][”’])(?=[A-Z])")
_PRIME_AS_CLOSE = re.compile(r"([,.!?])″")

# A whole line (paragraph) that is furniture. Each pattern is anchored at both ends.
_FURNITURE_LINES = [
    r"getting your .{0,60}? ?player ready.{0,5}",
    r"(listen to (this|the) (article|story)|audio version)( \(?\d+ ?min\)?)?",
    r"(must read|latest( articles?| news| stories)?|more (articles|stories|from \w+)"
    r"|related( articles| stories| news| coverage)?|see also|see related"
    r"|read more( (on|in|from|at|about) [\w .'’-]{1,40}| [\w '’-]{1,30} stories)?"
    r"|(read|follow) our [\w '’–—-]{0,40}live (blog|coverage|updates)\b.{0,80}"
    r"|recommended( for you)?|most (read|popular)|trending( now)?|top stories)"
    r"\s*(?:[:|–-]\s*.{0,200})?",
    r"[\w .'’-]{2,60}\s*\+\s*posts",
    r"(share|tweet|print|copy link|click to share)( (this|the) (article|story|page|post))?"
    r"( (on|via|to|with) .{0,60})?",
    r"(share on|post on) (facebook|x|twitter|linkedin|whatsapp|telegram|reddit|email)( \(.{0,40}\))?",
    r"(facebook|twitter|x|linkedin|whatsapp|telegram|reddit|email|print|pinterest)(\s*[|·•,]\s*\w+)*",
    r"quickly share this .{0,120}",
    r"(share your experiences|thank you for sharing your (thoughts|feedback)).{0,160}",
    r"(subscribe|sign up)( now| today| for free| here)?\b.{0,160}",
    r"(follow|like) us on .{0,200}",
    r"you can unsubscribe .{0,200}",
    r"read all the latest news.{0,200}",
    r"(advertisement|advertising|sponsored( content)?|ad|skip to (main )?content)",
    r"(©|\(c\)|copyright\s*(©|\d{4})).{0,160}",
    r"all rights reserved.{0,80}",
    r"(tags|topics|filed under)\s*:.{0,200}",
    r"(photo|image|video|file photo|picture)( credit)?\s*:.{0,160}",
]
_FURNITURE = re.compile(r"^\W{0,3}(?:" + "|".join(_FURNITURE_LINES) + r")\W{0,3}$", re.IGNORECASE)
_NEWSLETTER_LINE = re.compile(
    r"\b(newsletter|inbox|mailing list)\b.*\b(subscrib\w*|sign up|signing up)\b"
    r"|\b(subscrib\w*|sign up)\b.*\b(newsletter|inbox|mailing list|channel)\b",
    re.IGNORECASE,
)
_INLINE_RELATED = re.compile(r"\s*\((?:RELATED|Related|SEE ALSO|See also|READ MORE|Read more):[^()]{0,300}\)")
_ABOUT_AUTHOR = re.compile(r"^(about the author|about the writer|author bio)\s*:?$", re.IGNORECASE)
_NAME = r"(?:[A-Z][\w'’.-]+\s){1,3}"
_BIO_START = re.compile(
    _NAME + r"(?:is|has been)\s+(?:an?|the)\s+(?:[\w,'’-]+\s+){0,5}?"
    r"(?:journalist|reporter|correspondent|editor|writer|columnist|contributor|author|freelancer"
    r"|photographer|producer)s?\b"
    r"|" + _NAME + r"(?:writes|covers|reports)\s+(?:about|on|for)\b"
)
_BIO_MAX_WORDS = 90
_FURNITURE_MAX_WORDS = 45


def normalize_text(text: str) -> str:
    """NFC, one kind of newline, no invisible characters, single spaces, at most one blank line,
    a closing mark for a double prime after punctuation, and a space after a quotation closed
    against the next word ("…device,”Polyansky explained")."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _PRIME_AS_CLOSE.sub(r"\1”", text)  # "…our allies,″ Cicio said": a double prime typed for ”
    text = _CLOSED_AGAINST_WORD.sub(r"\1 ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def is_furniture(line: str) -> bool:
    """True for a line that is page furniture rather than reporting."""
    stripped = line.strip()
    if not stripped:
        return False
    if len(stripped.split()) > _FURNITURE_MAX_WORDS:
        return False
    return bool(_FURNITURE.match(stripped) or _NEWSLETTER_LINE.search(stripped))


def strip_trailing_bio(paragraphs: list[str], byline: Sequence[str] = ()) -> list[str]:
    """Drop an author box at the end: "About the author", or a short "<Name> is a reporter…"."""
    kept = list(paragraphs)
    while len(kept) > 1:
        last = kept[-1]
        short = len(last.split()) <= _BIO_MAX_WORDS
        by_author = any(name and last.startswith(name + " ") for name in byline)
        if _ABOUT_AUTHOR.match(last) or (short and (by_author or _BIO_START.match(last))):
            kept.pop()
        else:
            break
    return kept


def clean_text(text: str, byline: Sequence[str] = ()) -> str:
    """Normalised body text without page furniture, inline "(RELATED: …)" teasers or author bios."""
    text = _INLINE_RELATED.sub("", normalize_text(text))
    paragraphs = []
    for block in text.split("\n\n"):
        lines = [line for line in block.split("\n") if not is_furniture(line)]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(strip_trailing_bio(paragraphs, byline))
