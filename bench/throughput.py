"""Throughput and peak memory of `newsgraph ingest` against a bare spaCy pass over the same texts.

    .venv/bin/python bench/throughput.py --articles 1000 --articles 10000

For each N, a corpus of N articles is made from the sentences of the bundled
sample corpus (recombined with a fixed seed, so that no two articles are near
duplicates and every one is analysed), then two fresh processes run over it:
the full ingest into a new DuckDB file, and `nlp.pipe` of the same spaCy model
over the same texts. Each reports wall time (model load included) and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
BATCH_SIZE = 32


def sample_sentences() -> tuple[list[str], list[int]]:
    """Sentences of the English sample articles, and each article's sentence count."""
    from newsgraph import api

    sentences, lengths = [], []
    for item in api.read([str(api.sample_corpus())]):
        if getattr(item, "language", None) == "en":
            found = [s for p in item.text.split("\n\n") for s in _SENTENCE.split(p) if s.strip()]
            sentences.extend(found)
            lengths.append(len(found))
    return sentences, lengths


def build_corpus(articles: int, path: Path, seed: int = 13) -> int:
    """Write ``articles`` recombined articles as JSON Lines; return their word count."""
    rng = random.Random(seed)
    sentences, lengths = sample_sentences()
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(articles):
            body = rng.sample(sentences, min(rng.choice(lengths), len(sentences)))
            paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
            text = "\n\n".join(paragraphs)
            words += len(text.split())
            record = {"id": f"bench-{number:06d}", "title": body[0][:80], "text": text, "date": "2023-01-01"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def child_ingest(corpus: str, db: str) -> dict:
    from newsgraph import api

    started = time.perf_counter()
    report = api.ingest([corpus], db, batch_size=BATCH_SIZE)
    return {"seconds": time.perf_counter() - started, "articles": report.analyzed}


def child_spacy(corpus: str, _db: str) -> dict:
    import spacy

    from newsgraph.analysis.pipeline import MODEL_NAME

    started = time.perf_counter()
    nlp = spacy.load(MODEL_NAME)
    with open(corpus, encoding="utf-8") as lines:
        texts = (json.loads(line)["text"] for line in lines)
        count = sum(1 for _ in nlp.pipe(texts, batch_size=BATCH_SIZE))
    return {"seconds": time.perf_counter() - started, "articles": count}


def run_child(mode: str, corpus: Path, db: Path) -> dict:
    """Run one measurement in a fresh process, so that peak RSS is its own."""
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(corpus), str(db)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure(articles: int, folder: Path) -> dict:
    corpus = folder / f"corpus-{articles}.jsonl"
    words = build_corpus(articles, corpus)
    results = {"articles": articles, "words": words}
    for mode in ("spacy", "ingest"):
        result = run_child(mode, corpus, folder / f"bench-{articles}.duckdb")
        result["articles_per_s"] = articles / result["seconds"]
        result["words_per_s"] = words / result["seconds"]
        results[mode] = result
    results["ratio"] = results["ingest"]["articles_per_s"] / results["spacy"]["articles_per_s"]
    return results


def report(rows: list[dict]) -> str:
    lines = [
        f"machine: {platform.machine()}, {_cores()} cores, Python {platform.python_version()}",
        "| articles | words | spaCy art/s | spaCy words/s | spaCy peak MB | ingest art/s | ingest words/s "
        "| ingest peak MB | ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        s, i = r["spacy"], r["ingest"]
        lines.append(
            f"| {r['articles']:,} | {r['words']:,} | {s['articles_per_s']:.1f} | {s['words_per_s']:,.0f} "
            f"| {s['peak_rss_mb']:.0f} | {i['articles_per_s']:.1f} | {i['words_per_s']:,.0f} "
            f"| {i['peak_rss_mb']:.0f} | {r['ratio']:.2f} |"
        )
    if len(rows) > 1:
        first, last = rows[0]["ingest"]["peak_rss_mb"], rows[-1]["ingest"]["peak_rss_mb"]
        lines.append(
            f"ingest peak RSS grows {100 * (last - first) / first:.1f}% from "
            f"{rows[0]['articles']:,} to {rows[-1]['articles']:,} articles"
        )
    return "\n".join(lines)


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "CORPUS", "DB"), help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()
    if args.child:
        mode, corpus, db = args.child
        result = {"ingest": child_ingest, "spacy": child_spacy}[mode](corpus, db)
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for articles in args.articles or [1000]:
            rows.append(measure(articles, Path(folder)))
            print(report(rows[-1:]), flush=True)
    print(report(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
