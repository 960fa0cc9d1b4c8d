"""Article text as escaped HTML with its actors, quotes and events marked at their stored offsets."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from markupsafe import Markup, escape

from newsgraph.records import Analysis


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # actor | quote | event
    label: str


def analysis_spans(analysis: Analysis) -> list[Span]:
    """Every highlighted stretch of an article: actor mentions, quotes and event triggers."""
    names = {actor.id: actor.name for actor in analysis.actors}
    spans = [Span(m.start, m.end, "actor", actor.name) for actor in analysis.actors for m in actor.mentions]
    for q in analysis.quotes:
        speaker = names.get(q.speaker or "", q.speaker_text or "unknown speaker")
        spans.append(Span(q.start, q.end, "quote", f"quote by {speaker}"))
    for e in analysis.events:
        target = names.get(e.target or "", "—")
        spans.append(Span(e.start, e.end, "event", f"{e.type}: {names.get(e.source, e.source)} → {target}"))
    return spans


def highlight(text: str, spans: list[Span]) -> Markup:
    """The text cut at every span boundary; each piece escaped on its own and wrapped in a
    ``<span data-s>`` (its start offset) with the kinds that cover it, and an empty anchor
    ``<a id="o-START-END">`` where each span begins, so links can jump to any span."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    starts: dict[int, list[Span]] = {}
    for span in valid:
        starts.setdefault(span.start, []).append(span)
    parts: list[str] = []
    for left, right in itertools.pairwise(cuts):
        parts += [f'<a class="anchor" id="o-{s.start}-{s.end}"></a>' for s in starts.get(left, [])]
        covering = [s for s in valid if s.start <= left and right <= s.end]
        parts.append(_segment(text[left:right], left, covering))
    return Markup("".join(parts))


def _segment(piece: str, start: int, covering: list[Span]) -> str:
    if not covering:
        return f'<span class="seg" data-s="{start}">{escape(piece)}</span>'
    kinds = " ".join(sorted({f"hl-{s.kind}" for s in covering}))
    title = escape("; ".join(dict.fromkeys(s.label for s in covering)))
    return f'<span class="seg {kinds}" data-s="{start}" title="{title}">{escape(piece)}</span>'
