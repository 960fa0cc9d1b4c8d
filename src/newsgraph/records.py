"""Typed records that flow through newsgraph: an Article in, an Analysis out.

This module is the ground floor: it imports nothing else from the package.
Every record converts to and from the JSON shape of ``newsgraph.analysis/1``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

SCHEMA = "newsgraph.analysis/1"

ActorKind = Literal["country", "person", "organization", "group", "other"]
Genre = Literal["opinion", "reporting", "satire"]
Modality = Literal["asserted", "future", "hypothetical", "reported"]

EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(slots=True)
class Article:
    """One news article with its clean body text and metadata."""

    id: str
    text: str
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    date: str | None = None  # ISO date, YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    genre: Genre | None = None
    source: str | None = None  # where it was read from: "path" or "path:line"

    def to_dict(self) -> dict[str, Any]:
        """The article as it appears in the Analysis JSON (``source`` stays in the store)."""
        return {
            "id": self.id,
            "title": self.title,
            "byline": list(self.byline),
            "date": self.date,
            "outlet": self.outlet,
            "url": self.url,
            "language": self.language,
            "genre": self.genre,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(**_known_fields(cls, data))


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Role:
    main: str
    fine: list[str] = field(default_factory=list)
    score: float = 0.0


@dataclass(slots=True)
class Salience:
    """How prominent an actor is in one article."""

    mentions: int
    first: int  # offset of the first mention
    in_title: bool
    score: float  # 0..1: share of the article's mentions, early position, presence in the title


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind = "other"
    country: str | None = None
    sector: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    salience: Salience | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        values = _known_fields(cls, data)
        values["mentions"] = [Mention(**m) for m in data.get("mentions", [])]
        values["roles"] = [Role(**r) for r in data.get("roles", [])]
        values["salience"] = Salience(**data["salience"]) if data.get("salience") else None
        return cls(**values)


@dataclass(slots=True)
class Quote:
    speaker: str | None
    speaker_text: str | None
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    speaker_start: int | None = None  # offsets of the speaker mention, when the text names one
    speaker_end: int | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(**_known_fields(cls, data))


@dataclass(slots=True)
class Event:
    type: str
    source: str
    target: str | None
    trigger: str
    start: int
    end: int
    mode: str | None = None
    date: str | None = None
    negated: bool = False
    modality: Modality = "asserted"
    claimed_by: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(**_known_fields(cls, data))


@dataclass(slots=True)
class Narrative:
    narrative: str
    subnarrative: str | None = None
    score: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Narrative:
        return cls(**_known_fields(cls, data))


@dataclass(slots=True)
class Analysis:
    """Everything newsgraph learned from one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "article": self.article.to_dict(),
            "actors": [asdict(a) for a in self.actors],
            "quotes": [asdict(q) for q in self.quotes],
            "events": [asdict(e) for e in self.events],
            "narratives": [asdict(n) for n in self.narratives],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"expected schema {SCHEMA!r}, got {data.get('schema')!r}")
        return cls(
            article=Article.from_dict(data["article"]),
            actors=[Actor.from_dict(a) for a in data.get("actors", [])],
            quotes=[Quote.from_dict(q) for q in data.get("quotes", [])],
            events=[Event.from_dict(e) for e in data.get("events", [])],
            narratives=[Narrative.from_dict(n) for n in data.get("narratives", [])],
        )


def _known_fields(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Keep the keys that are fields of ``cls``, so newer minor fields do not break reading."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
