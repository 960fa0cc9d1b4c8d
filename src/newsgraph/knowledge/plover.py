"""PLOVER event types and the cooperation–conflict weight of each (``data/plover_types.tsv``).

A dyad's score adds, for each event between two actors, the type's weight
(+7 AID … −10 ASSAULT) times how sure the text is that it happened: 1 for
asserted and reported events, 0.5 for future ones, 0.25 for hypothetical
ones, and 0 for negated ones ("has not recognised").
"""

from __future__ import annotations

import functools
from importlib import resources

MODALITY_FACTORS = {"asserted": 1.0, "reported": 1.0, "future": 0.5, "hypothetical": 0.25}


@functools.lru_cache(maxsize=1)
def event_weights() -> dict[str, float]:
    """PLOVER type -> weight, from +7 (AID) to -10 (ASSAULT)."""
    text = resources.files("newsgraph.knowledge").joinpath("data", "plover_types.tsv").read_text("utf-8")
    weights = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, weight, _ = line.split("\t", 2)
            weights[kind] = float(weight)
    return weights


def score_sql(alias: str = "e") -> str:
    """A SQL expression for one event's contribution to a dyad score (needs the ``w`` CTE)."""
    factors = " ".join(f"WHEN '{m}' THEN {f}" for m, f in MODALITY_FACTORS.items())
    return (
        f"(CASE WHEN {alias}.negated THEN 0 ELSE w.weight * (CASE {alias}.modality {factors} ELSE 1 END) END)"
    )


def weights_cte() -> tuple[str, list[object]]:
    """``w(type, weight)`` as a parameterised VALUES list, to join events on."""
    pairs = event_weights()
    values = ", ".join("(?, ?)" for _ in pairs)
    params: list[object] = [x for kind, weight in pairs.items() for x in (kind, weight)]
    return f"w(type, weight) AS (VALUES {values})", params
