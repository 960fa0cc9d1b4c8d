"""Geometry for the small SVG charts the templates draw (numbers only: no markup, no script)."""

from __future__ import annotations

from typing import Any

WIDTH, HEIGHT, PAD = 860, 160, 24


def timeline_bars(timeline: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Grouped bars per period: articles naming the actor, events it did, events done to it."""
    if not timeline:
        return None
    top = max(max(row["articles"], row["done"], row["received"]) for row in timeline) or 1
    slot = (WIDTH - 2 * PAD) / len(timeline)
    bar = max(1.0, slot / 3.5)
    bars, labels = [], []
    for i, row in enumerate(timeline):
        x0 = PAD + i * slot
        for j, key in enumerate(("articles", "done", "received")):
            h = (HEIGHT - 2 * PAD) * row[key] / top
            title = f"{row['period']}: {row[key]} {_LEGEND[key]}"
            bars.append({"x": round(x0 + j * bar, 1), "y": round(HEIGHT - PAD - h, 1), "w": round(bar, 1),
                         "h": round(h, 1), "cls": f"bar-{key}", "title": title})  # fmt: skip
        if i == 0 or _year(row["period"]) != _year(timeline[i - 1]["period"]):
            labels.append({"x": round(x0, 1), "text": str(_year(row["period"]))})
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "labels": labels, "top": top}


_LEGEND = {"articles": "articles", "done": "events done", "received": "events received"}


def dyad_chart(weeks: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The weekly scores as dots, the rolling mean as a line, and escalation onsets as markers."""
    if not weeks:
        return None
    values = [w["score"] for w in weeks] + [w["rolling"] for w in weeks] + [0.0]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(1, len(weeks) - 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD), 1)

    line = " ".join(f"{round(PAD + i * step, 1)},{y(w['rolling'])}" for i, w in enumerate(weeks))
    dots, marks, labels = [], [], []
    for i, week in enumerate(weeks):
        x = round(PAD + i * step, 1)
        if week["events"]:
            cls = "dot-coop" if week["score"] > 0 else "dot-conflict" if week["score"] < 0 else "dot-neutral"
            dots.append({"x": x, "y": y(week["score"]), "cls": cls, "title": _dot_title(week)})
        if week["escalation"]:
            marks.append({"x": x, "title": f"escalation in the week of {week['period']}"})
        if i == 0 or week["period"].year != weeks[i - 1]["period"].year:
            labels.append({"x": x, "text": str(week["period"].year)})
    return {"width": WIDTH, "height": HEIGHT, "line": line, "dots": dots, "marks": marks,
            "labels": labels, "zero": y(0.0), "low": low, "high": high}  # fmt: skip


def _dot_title(week: dict[str, Any]) -> str:
    types = ", ".join(f"{k} ×{v}" for k, v in sorted(week["types"].items()))
    return f"week of {week['period']}: score {week['score']} ({types}); rolling {week['rolling']}"


def _year(value: Any) -> int | None:
    return getattr(value, "year", None)
