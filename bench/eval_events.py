"""Evaluate the events stage on the PLOVER gold standard (dev half).

    .venv/bin/python bench/eval_events.py [--gold ../shared/data/events/plover/PLOVER_GSR_dev_half.json]

Each gold sentence is analysed as an article of its own (dated as the gold
says). Gold events become (type, source country, target country) tuples, one
per source and target code (no target: None); the older PLOVER types map to
the current ones (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE,
FIGHT→ASSAULT) and CAMEO's old country codes to ISO (ITL→ITA, JAP→JPN); NGO and
IGO count as one class, as the gold codes Amnesty and the Red Cross as IGO. Our
events become the same tuples through each actor's country (IGO for
international organisations); hypothetical events are left out and negated
cooperative ones count as REJECT, as PLOVER's coders did, and a meeting (CONSULT other than a
visit, a call or a mediation) counts as both parties acting with no recipient, as the codebook
says. Precision and recall are over distinct tuples
per sentence. A looser score on (type, source country) is printed beside.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from newsgraph import api
from newsgraph.analysis.event_grammar import COOPERATIVE
from newsgraph.records import Analysis, Article
from quality_gate import add_gate_option, enforce

DEFAULT_GOLD = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "events"
    / "plover"
    / "PLOVER_GSR_dev_half.json"
)
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
OLD_CODES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}
Tuple3 = tuple[str, str | None, str | None]


def gold_tuples(item: dict) -> set[Tuple3]:
    kind = OLD_TYPES.get(item["event"], item["event"])
    sources = [_code(a) for a in item.get("source") or [] if isinstance(a, dict)] or [None]
    targets = [_code(a) for a in item.get("target") or [] if isinstance(a, dict)] or [None]
    return {(kind, s, t) for s in sources for t in targets}


def _code(actor: dict) -> str | None:
    code = actor.get("code")
    return _class(OLD_CODES.get(code, code)) if code else None


def _class(code: str | None) -> str | None:
    """The gold codes international NGOs (Red Cross, Amnesty) as IGO: both count as one class."""
    return "IGO" if code == "NGO" else code


def predicted_tuples(analysis: Analysis) -> set[Tuple3]:
    """Our events as gold-style tuples. The gold codes what happened or was intended: a
    hypothetical event is not scored, and a negated cooperative one is PLOVER's REJECT."""
    countries = {actor.id: actor.country for actor in analysis.actors}
    found = set()
    for e in analysis.events:
        if e.modality == "hypothetical":
            continue
        kind = "REJECT" if e.negated and e.type in COOPERATIVE else e.type
        source = _class(countries.get(e.source))
        target = _class(countries.get(e.target)) if e.target else None
        if kind == "CONSULT" and e.mode in (None, "multilateral") and target is not None:
            found.update({(kind, source, None), (kind, target, None)})  # a meeting: both act
        else:
            found.add((kind, source, target))
    return found


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision, recall = correct / max(1, predicted), correct / max(1, gold)
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def evaluate(path: Path, show: int) -> dict[str, float]:
    items = [x for x in json.loads(path.read_text(encoding="utf-8")) if x.get("event") != "DOCUMENT"]
    articles = [Article(id=x["id"], text=x["text"].strip(), date=x.get("date")) for x in items]
    started = time.perf_counter()
    counts, loose, by_type = Counter(), Counter(), Counter()
    misses = []
    pipeline = api.load_pipeline(stages=("actors", "quotes", "events"))  # the stages events build on
    for item, result in zip(items, api.analyze(articles, pipeline), strict=True):
        assert isinstance(result, Analysis)
        gold, predicted = gold_tuples(item), predicted_tuples(result)
        counts.update(gold=len(gold), predicted=len(predicted), correct=len(gold & predicted))
        gold2, predicted2 = {g[:2] for g in gold}, {p[:2] for p in predicted}
        loose.update(gold=len(gold2), predicted=len(predicted2), correct=len(gold2 & predicted2))
        kind = next(iter(gold))[0]
        by_type.update({f"{kind} gold": len(gold), f"{kind} correct": len(gold & predicted)})
        if gold - predicted:
            misses.append((item["text"][:140], sorted(gold, key=str), sorted(predicted, key=str)))
    elapsed = time.perf_counter() - started
    p, r, f = prf(counts["correct"], counts["predicted"], counts["gold"])
    lp, lr, lf = prf(loose["correct"], loose["predicted"], loose["gold"])
    print(f"PLOVER GSR dev half: {len(items)} sentences, {counts['gold']} gold tuples, {elapsed:.0f} s")
    print("| tuples | precision | recall | F1 |")
    print("|---|---:|---:|---:|")
    print(f"| (type, source, target) | {p:.3f} | {r:.3f} | {f:.3f} |")
    print(f"| (type, source) | {lp:.3f} | {lr:.3f} | {lf:.3f} |")
    kinds = sorted({k.rsplit(" ", 1)[0] for k in by_type})
    print(
        "recall by type: " + ", ".join(f"{k} {by_type[k + ' correct']}/{by_type[k + ' gold']}" for k in kinds)
    )
    for text, gold, predicted in misses[:show]:
        print(f"- {text}\n    gold {gold}\n    ours {predicted}")
    return {"f1": f, "type_source_f1": lf}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--show", type=int, default=0, help="print this many missed sentences")
    add_gate_option(parser)
    args = parser.parse_args()
    scores = evaluate(args.gold, args.show)
    if args.gate:
        sys.exit(enforce({f"events:{args.gold.stem}": scores}))


if __name__ == "__main__":
    main()
