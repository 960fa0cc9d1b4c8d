"""Evaluate the actors stage: mention detection on CoNLL-2003 dev, and the sample corpus's actors.

    .venv/bin/python bench/eval_actors.py [--conll ../shared/data/conll2003/eng.testa]

Part 1 scores PER/ORG/LOC mentions (exact span and type, micro-averaged) of
this stage's mention layer (gazetteer + NER, noise removed, lone surnames
relabelled) against bare spaCy NER from the same parse. CoNLL-2003 is IOB1;
documents are joined with single spaces so that offsets map back to its tokens.
A leading "the" is dropped from every span of both systems, as CoNLL leaves it out.

Part 2 runs the whole pipeline over the bundled sample corpus and lists the
canonical actors it found, with their ids, kinds, countries and counts.
"""

from __future__ import annotations

import argparse
import bisect
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from newsgraph import api
from newsgraph.analysis.actors import detect_mentions
from newsgraph.analysis.mentions import NER_LABELS, MentionFinder
from newsgraph.knowledge.gazetteer import load_gazetteer
from newsgraph.records import Analysis
from quality_gate import add_gate_option, enforce

DEFAULT_CONLL = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "conll2003" / "eng.testa"
SCORED = ("PER", "ORG", "LOC")
Span = tuple[int, int, str]  # first token, end token (exclusive), label


def read_conll(path: Path) -> Iterator[tuple[list[str], set[Span]]]:
    """(tokens, gold spans) per document of an IOB1 CoNLL-2003 file."""
    tokens: list[str] = []
    tags: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("-DOCSTART-"):
            if tokens:
                yield tokens, iob1_spans(tags)
            tokens, tags = [], []
        elif line:
            parts = line.split()
            tokens.append(parts[0])
            tags.append(parts[-1])
    if tokens:
        yield tokens, iob1_spans(tags)


def iob1_spans(tags: list[str]) -> set[Span]:
    """Spans of IOB1 tags: I-X continues or starts X; B-X starts X only after another X."""
    spans, start, label = set(), None, None
    for index, tag in enumerate([*tags, "O"]):
        kind = tag[2:] if tag != "O" else None
        begins = tag.startswith("B-") or kind != label
        if start is not None and (kind is None or begins):
            spans.add((start, index, label))
            start, label = None, None
        if kind is not None and start is None:
            start, label = index, kind
    return {s for s in spans if s[2] in SCORED}


def to_token_spans(tokens: list[str], spans: list[tuple[int, int, str]]) -> set[Span]:
    """Character spans over the space-joined text, as CoNLL token spans."""
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    found = set()
    for start, end, label in spans:
        if label not in SCORED:
            continue
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, end - 1) - 1
        while first <= last and tokens[first].lower() == "the":
            first += 1
        if first <= last:
            found.add((first, last + 1, label))
    return found


def score(gold: Counter, predicted: Counter, correct: Counter) -> dict[str, tuple[float, float, float]]:
    table = {}
    for label in (*SCORED, "all"):
        g = sum(gold.values()) if label == "all" else gold[label]
        p = sum(predicted.values()) if label == "all" else predicted[label]
        c = sum(correct.values()) if label == "all" else correct[label]
        precision, recall = (c / p if p else 0.0), (c / g if g else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = (precision, recall, f1)
    return table


def evaluate_conll(path: Path) -> dict[str, float]:
    pipeline = api.load_pipeline(stages=())
    finder = MentionFinder(load_gazetteer())
    documents = list(read_conll(path))
    counts = {name: (Counter(), Counter(), Counter()) for name in ("spacy", "newsgraph")}
    started = time.perf_counter()
    texts = [" ".join(tokens) for tokens, _ in documents]
    for (tokens, gold), doc in zip(documents, pipeline.nlp.pipe(texts, batch_size=32), strict=True):
        bare = [(e.start_char, e.end_char, NER_LABELS.get(e.label_, "-")) for e in doc.ents]
        ours = [(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]), m.label)
                for m in detect_mentions(doc, finder)]  # fmt: skip
        for name, spans in (("spacy", bare), ("newsgraph", ours)):
            predicted = to_token_spans(tokens, spans)
            g, p, c = counts[name]
            g.update(label for *_, label in gold)
            p.update(label for *_, label in predicted)
            c.update(label for *_, label in predicted & gold)
    elapsed = time.perf_counter() - started
    tokens = sum(len(t) for t, _ in documents)
    print(f"CoNLL-2003 dev ({path.name}): {len(documents)} documents, {tokens:,} tokens, {elapsed:.0f} s")
    print("| system | PER F1 | ORG F1 | LOC F1 | P | R | F1 (PER+ORG+LOC) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    tables = {name: score(*count) for name, count in counts.items()}
    for name, table in tables.items():
        precision, recall, f1 = table["all"]
        per, org, loc = (table[label][2] for label in SCORED)
        print(f"| {name} | {per:.3f} | {org:.3f} | {loc:.3f} | {precision:.3f} | {recall:.3f} | {f1:.3f} |")
    return {"f1": tables["newsgraph"]["all"][2]}


def report_sample_corpus(top: int) -> None:
    articles = [a for a in api.read([str(api.sample_corpus())]) if getattr(a, "language", "") == "en"]
    mentions, documents, names = Counter(), Counter(), {}
    for result in api.analyze(articles, api.load_pipeline(stages=("actors",))):
        if isinstance(result, Analysis):
            for actor in result.actors:
                mentions[actor.id] += len(actor.mentions)
                documents[actor.id] += 1
                names[actor.id] = f"{actor.name} ({actor.kind}, {actor.country or '-'})"
    print(f"\nSample corpus: {len(articles)} English articles, {len(mentions)} distinct actors")
    print("| actor | id | articles | mentions |")
    print("|---|---|---:|---:|")
    for actor_id, count in mentions.most_common(top):
        print(f"| {names[actor_id]} | {actor_id} | {documents[actor_id]} | {count} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--conll", type=Path, default=DEFAULT_CONLL)
    parser.add_argument("--top", type=int, default=30)
    add_gate_option(parser)
    args = parser.parse_args()
    results = {}
    if args.conll.exists():
        results[f"actors:{args.conll.name}"] = evaluate_conll(args.conll)
    else:
        print(f"no CoNLL-2003 file at {args.conll}; skipping part 1")
    report_sample_corpus(args.top)
    if args.gate:
        sys.exit(enforce(results))


if __name__ == "__main__":
    main()
