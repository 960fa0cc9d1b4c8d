"""Evaluate the quotes stage on PolNeAR (brat standoff: Source, Cue, Content joined by Attributions).

    .venv/bin/python bench/eval_quotes.py [--split dev] [--data ../shared/data/polnear/data]

A predicted quote matches a gold content when their word-token Jaccard is at
least 0.5 (greedy one-to-one, best pairs first). Content precision, recall and
F1 count matches; source accuracy is, over matched pairs whose gold attribution
names a source, the share whose predicted speaker span overlaps the gold
source span. Documents annotated twice are scored on their first annotation.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from newsgraph import api
from newsgraph.records import Analysis, Article, Quote
from quality_gate import add_gate_option, enforce

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear" / "data"
_WORD = re.compile(r"\w+")
MATCH_JACCARD = 0.5


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]  # possibly discontinuous
    source: tuple[int, int] | None
    cue: tuple[int, int] | None


def read_annotations(path: Path) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("T") and line.count("\t") >= 2:
            tid, info, _ = line.split("\t", 2)
            kind, offsets = info.split(" ", 1)
            pieces = tuple(tuple(map(int, piece.split())) for piece in offsets.split(";"))
            spans[tid] = (kind, pieces)  # type: ignore[assignment]
        elif line.startswith("E"):
            roles = {}
            for part in line.split("\t")[1].split():
                role, tid = part.split(":")
                roles.setdefault(role, tid)
            events.append(roles)
    gold = []
    for roles in events:
        if "Content" not in roles or not ({"Attribution", "Attribution-no-source"} & set(roles)):
            continue
        source = spans[roles["Source"]][1] if "Source" in roles else None
        cue = spans[roles["Cue"]][1] if "Cue" in roles else None
        gold.append(
            GoldAttribution(
                spans[roles["Content"]][1],
                (source[0][0], source[-1][1]) if source else None,
                (cue[0][0], cue[-1][1]) if cue else None,
            )
        )
    return gold


def documents(data: Path, split: str) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(id, text, gold) per document; the first annotation file of a document wins."""
    found = {}
    for path in sorted((data / split / "attributions").glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        if name not in found:
            text = (data / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
            found[name] = (name, text, read_annotations(path))
    return list(found.values())


def words(text: str, pieces: tuple[tuple[int, int], ...]) -> set[tuple[int, int]]:
    return {(m.start() + a, m.end() + a) for a, b in pieces for m in _WORD.finditer(text[a:b])}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def match(
    text: str, predicted: list[Quote], gold: list[GoldAttribution]
) -> list[tuple[Quote, GoldAttribution]]:
    pairs = []
    for p in predicted:
        pw = words(text, ((p.start, p.end),))
        for g in gold:
            score = jaccard(pw, words(text, g.content))
            if score >= MATCH_JACCARD:
                pairs.append((score, id(p), id(g), p, g))
    used_p, used_g, matched = set(), set(), []
    for _, pid, gid, p, g in sorted(pairs, key=lambda x: -x[0]):
        if pid not in used_p and gid not in used_g:
            used_p.add(pid)
            used_g.add(gid)
            matched.append((p, g))
    return matched


def source_correct(p: Quote, g: GoldAttribution) -> bool:
    if g.source is None or p.speaker_start is None or p.speaker_end is None:
        return False
    return p.speaker_start < g.source[1] and g.source[0] < p.speaker_end


def evaluate(data: Path, split: str, last: int = 0) -> dict[str, float]:
    docs = documents(data, split)[-last:] if last else documents(data, split)
    pipeline = api.load_pipeline(stages=("actors", "quotes"))
    started = time.perf_counter()
    articles = [Article(id=name, text=text) for name, text, _ in docs]
    n_pred = n_gold = n_match = n_src = n_src_ok = n_direct = n_direct_match = 0
    for (_, text, gold), result in zip(docs, pipeline.analyze_many(articles), strict=True):
        assert isinstance(result, Analysis)
        predicted = result.quotes
        matched = match(text, predicted, gold)
        n_pred, n_gold, n_match = n_pred + len(predicted), n_gold + len(gold), n_match + len(matched)
        n_direct += sum(q.direct for q in predicted)
        n_direct_match += sum(p.direct for p, _ in matched)
        with_source = [(p, g) for p, g in matched if g.source is not None]
        n_src += len(with_source)
        n_src_ok += sum(source_correct(p, g) for p, g in with_source)
    precision, recall = n_match / max(1, n_pred), n_match / max(1, n_gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    elapsed = time.perf_counter() - started
    print(f"PolNeAR {split}: {len(docs)} documents, {n_gold} gold attributions, {n_pred} predicted quotes "
          f"({n_direct} direct), {elapsed:.0f} s")  # fmt: skip
    print("| content P | content R | content F1 | source accuracy (matched, gold source) |")
    print("|---:|---:|---:|---:|")
    print(
        f"| {precision:.3f} | {recall:.3f} | {f1:.3f} | {n_src_ok / max(1, n_src):.3f} ({n_src_ok}/{n_src}) |"
    )
    print(f"direct quotes matched: {n_direct_match}/{n_direct}")
    return {"content_f1": f1, "source_accuracy": n_src_ok / max(1, n_src)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--last", type=int, default=0, help="only the last N documents (a held-out part)")
    add_gate_option(parser)
    args = parser.parse_args()
    scores = evaluate(args.data, args.split, args.last)
    if args.gate:
        sys.exit(enforce({f"quotes:{args.split}" + (f"-last-{args.last}" if args.last else ""): scores}))


if __name__ == "__main__":
    main()
