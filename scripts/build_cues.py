"""Learn the attribution cue rules of the quotes stage from PolNeAR's training split.

    .venv/bin/python scripts/build_cues.py [--data ../shared/data/polnear/data] [--min-support 2]

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
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from scipy import optimize, sparse
from spacy.tokens import Doc, Span, Token

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from common import parsed as parse_cached  # the training scripts' parse cache

from eval_quotes import GoldAttribution
from eval_quotes import match as match_contents
from newsgraph.analysis.cue_model import MODEL_FILE, CueModel, candidates, comparisons, features, view_of
from newsgraph.analysis.cues import SPEECH_VERBS, CueRule
from newsgraph.analysis.quotes import QuoteStage
from newsgraph.records import Analysis, Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / ".." / "shared" / "data" / "polnear" / "data"
OUTPUT = ROOT / "src" / "newsgraph" / "knowledge" / "data" / "cues.tsv"
TWO_HOP = frozenset({"xcomp", "ccomp", "advcl", "conj", "dobj"})
PREDICATE_DEPS = ("acomp", "oprd")  # "they are hopeful that…": an adjective cue after a copula
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
    """The token of a span whose head lies outside it (the first, if several). A sentence's root
    inside the span (its own head) does not count: in a content of two sentences, or of two
    clauses, it is the other one that hangs from the cue."""
    for token in span:
        if token.is_punct or token.is_space:
            continue  # quotation marks hang off the cue; the content's root is the word inside
        if token.head.i < span.start or token.head.i >= span.end:
            return token
    return span.root


def cue_head(span: Span) -> Token | None:
    """The word a cue turns on: its last full verb, else its head noun ("claims that"), else a
    predicate adjective ("are hopeful that", "is proud of")."""
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in ("be", "have", "do")]
    if verbs:
        return verbs[-1]
    if span.root.pos_ == "NOUN":
        return span_root(span)
    adjectives = [t for t in span if t.pos_ == "ADJ" and t.dep_ in PREDICATE_DEPS]
    return adjectives[-1] if adjectives else None


def relation(cue: Token, content_root: Token) -> str | None:
    """How the cue reaches the content: a child relation, a preposition, or the reverse."""
    if cue.lemma_.lower() == "accord":
        return "according_to"
    if content_root.i == cue.i:
        # "Clinton still seems not to have found her voice": the cue's own clause is the content;
        # a speech verb inside its content is the cue between a split quotation's halves, and a
        # relative clause is never a content of its own (``content_of_rule`` agrees)
        return None if cue.lemma_.lower() in SPEECH_VERBS or cue.dep_ == "relcl" else "self"
    if content_root.head == cue:
        return content_root.dep_
    if content_root.head.head == cue and content_root.head.dep_ in ("prep", "agent", "dative"):
        return f"prep:{content_root.head.lower_}"
    if cue.head == content_root:
        return f"^{cue.dep_}"
    middle = content_root.head
    if middle.head == cue and middle.dep_ in TWO_HOP:
        return f"{middle.dep_}>{content_root.dep_}"  # "refused to endorse Ryan": xcomp>dobj
    return None


def rule_occurrences(token: Token) -> Iterator[str]:
    """Every rule a token could fire: one per child relation, preposition, and its own relation."""
    for child in token.children:
        yield child.dep_
        has_object = any(c.dep_ in ("pobj", "pcomp") for c in child.children)  # "talked about raising"
        if child.dep_ in ("prep", "agent", "dative") and has_object:
            yield f"prep:{child.lower_}"
        if child.dep_ in TWO_HOP:
            yield from {f"{child.dep_}>{grandchild.dep_}" for grandchild in child.children}
    yield f"^{token.dep_}"
    if token.dep_ != "relcl":
        yield "self"


Parsed = list[tuple[Doc, list[tuple[tuple[int, int], tuple[int, int]]]]]


def parse(data: Path, split: str, holdout: int = 0) -> Parsed:
    """Each training document parsed once (cached, by the pipeline the stage runs), with its gold
    (cue span, content span) pairs."""
    docs = list(documents(data, split))
    docs = docs[: len(docs) - holdout]
    texts = [text for text, _ in docs]
    golds = [gold for _, gold in docs]
    return list(zip(parse_cached(f"polnear-{split}-{len(docs)}", texts), golds, strict=True))


def learn_rules(parsed: Parsed) -> tuple[Counter, Counter, int, int]:
    """(lemma, relation) -> gold attributions it links, and how often it occurs at all."""
    support, occurrences = Counter(), Counter()
    total = unhandled = 0
    for doc, gold in parsed:
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


def select_rules(support: Counter, occurrences: Counter, min_precision: float, min_support: int) -> list:
    rules = []
    for (lemma, rule), count in support.items():
        seen = max(occurrences[(lemma, rule)], count)
        # a subject as the content ("the plan was criticized") is rarely one: seen once is not enough
        needed = max(2, min_support) if rule in ("nsubj", "nsubjpass") else min_support
        if count >= needed and count / seen >= min_precision and lemma.isalpha():
            rules.append((lemma, rule, count, seen))
    return sorted(rules, key=lambda r: (-r[2], r[0], r[1]))


# one cue token: each reading's features, its comparison with the cue's other readings, its label
CueExample = tuple[list[list[str]], list[list[str]], list[int]]


def examples(parsed: Parsed, rules: dict[str, list[CueRule]]) -> list[CueExample]:
    """Every token with a matching rule, its readings labelled 1 when they match a gold
    attribution (the cue token inside the gold cue, content token Jaccard >= 0.5 with the gold
    content)."""
    found = []
    for doc, gold in parsed:
        spans = [(tokens_in(doc, *cue), tokens_in(doc, *content)) for cue, content in gold]
        spans = [(c, t) for c, t in spans if c is not None and t is not None]
        for token in doc:
            matches = candidates(token, rules.get(token.lemma_.lower(), []))
            if not matches:
                continue
            view = view_of(token)
            labels = [int(any(_matches(token, m.content, c, t) for c, t in spans)) for m in matches]
            found.append(([features(token, m, view) for m in matches], comparisons(matches), labels))
    return found


def _matches(token: Token, content: Span, cue: Span, gold: Span) -> bool:
    if not cue.start <= token.i < cue.end:
        return False
    ours, theirs = set(range(content.start, content.end)), set(range(gold.start, gold.end))
    return len(ours & theirs) / len(ours | theirs) >= 0.5


def fit_model(cues: list[CueExample], threshold: float) -> CueModel:
    """The probability model over every reading, and the ranker over the readings of the cues
    where some match and some do not (the only ones that say which reading is right)."""
    rows = [row for base, _, _ in cues for row in base]
    labels = [label for _, _, cue_labels in cues for label in cue_labels]
    weights, bias = fit(rows, labels)
    mixed = [(base, extra, y) for base, extra, y in cues if 0 < sum(y) < len(y)]
    ranked = [[b + e for b, e in zip(base, extra, strict=True)] for base, extra, _ in mixed]
    extent_weights = fit_ranker(ranked, [y for _, _, y in mixed])
    return CueModel(weights, bias, threshold, extent_weights)


def _design(rows: list[list[str]]) -> tuple[list[str], sparse.csr_matrix]:
    """Feature names and the binary row-by-feature matrix."""
    names = sorted({f for row in rows for f in row})
    index = {name: i for i, name in enumerate(names)}
    matrix = sparse.csr_matrix(
        (
            np.ones(sum(len(r) for r in rows)),
            ([i for i, r in enumerate(rows) for _ in r], [index[f] for r in rows for f in r]),
        ),
        shape=(len(rows), len(names)),
    )
    return names, matrix


def _kept(names: list[str], weights: np.ndarray) -> dict[str, float]:
    return {name: round(float(w), 4) for name, w in zip(names, weights, strict=True) if abs(w) > 1e-4}


def fit(rows: list[list[str]], labels: list[int], l2: float = 3.0) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression (L-BFGS) over binary features."""
    names, matrix = _design(rows)
    y = np.asarray(labels, dtype=float)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = matrix @ w[1:] + w[0]
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        eps = 1e-9
        value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + l2 * np.sum(w[1:] ** 2) / 2
        grad = np.concatenate([[np.sum(p - y)], matrix.T @ (p - y) + l2 * w[1:]])
        return value, grad

    result = optimize.minimize(
        loss, np.zeros(len(names) + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500}
    )
    return _kept(names, result.x[1:]), float(result.x[0])


def fit_ranker(groups: list[list[list[str]]], labels: list[list[int]], l2: float = 3.0) -> dict[str, float]:
    """A conditional logit over each cue's readings (softmax within the cue), maximising the
    probability that falls on its matching readings. Features shared by all of a cue's readings
    cancel out and end with no weight."""
    if not groups:
        return {}  # no cue with a choice to learn from: the probability model picks alone
    names, matrix = _design([row for group in groups for row in group])
    group = np.concatenate([np.full(len(g), i) for i, g in enumerate(groups)])
    y = np.concatenate([np.asarray(g, dtype=float) for g in labels])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        scores = matrix @ w
        top = np.full(len(groups), -np.inf)
        np.maximum.at(top, group, scores)
        e = np.exp(scores - top[group])
        total, right = np.bincount(group, e, len(groups)), np.bincount(group, e * y, len(groups))
        value = -np.sum(np.log(right) - np.log(total)) + l2 * w @ w / 2
        return value, matrix.T @ (e / total[group] - y * e / right[group]) + l2 * w

    result = optimize.minimize(
        loss, np.zeros(len(names)), jac=True, method="L-BFGS-B", options={"maxiter": 500}
    )
    return _kept(names, result.x)


THRESHOLDS = [round(float(t), 2) for t in np.arange(0.1, 0.42, 0.02)]


def threshold_counts(parsed: Parsed, rules: dict[str, list[CueRule]], model: CueModel) -> np.ndarray:
    """(matched, predicted, gold) of the whole quotes stage on held-out documents, one row per
    threshold in ``THRESHOLDS``: direct quotes take their share of the gold, and a reported
    reading that overlaps one is dropped, so the rule matches alone would ask for too high a
    threshold."""
    counts = np.zeros((len(THRESHOLDS), 3))
    for row, threshold in enumerate(THRESHOLDS):
        stage = QuoteStage(rules=rules, model=CueModel(model.weights, model.bias, threshold))
        for doc, attributions in parsed:
            analysis = Analysis(article=Article(id="held-out", text=doc.text))
            stage(doc, analysis)
            contents = [GoldAttribution((content,), None, None) for _, content in attributions]
            found = len(match_contents(doc.text, analysis.quotes, contents))  # the evaluation's own matching
            counts[row] += (found, len(analysis.quotes), len(contents))
    return counts


def best_threshold(counts: np.ndarray) -> float:
    """The threshold with the best content F1 over the summed counts. The curve is flat near
    its top, so its 3-point moving average is what is maximised."""
    scores = 2 * counts[:, 0] / np.maximum(1, counts[:, 1] + counts[:, 2])
    smoothed = [np.mean(scores[max(0, i - 1) : i + 2]) for i in range(len(scores))]
    return THRESHOLDS[int(np.argmax(smoothed))]


def rules_by_lemma(rules: list[tuple[str, str, int, int]]) -> dict[str, list[CueRule]]:
    found: dict[str, list[CueRule]] = {}
    for lemma, rule, count, seen in rules:
        found.setdefault(lemma, []).append(CueRule(lemma, rule, count / seen))
    return found


def train_model(
    parsed: Parsed, rules: dict[str, list[CueRule]], select: Callable[[Parsed], dict], folds: int = 5
) -> dict:
    """Pick the threshold by cross-validation (rules and weights learned without each fold, the
    folds' counts summed; a single 80/20 split chose anywhere from 0.18 to 0.24 after small
    changes to the rules), then refit the weights on all the documents with the full rule set."""
    counts = np.zeros((len(THRESHOLDS), 3))
    for fold in range(folds):
        held = parsed[fold::folds]
        kept = [item for i, item in enumerate(parsed) if i % folds != fold]
        fold_rules = select(kept)
        model = fit_model(examples(kept, fold_rules), 0.5)
        counts += threshold_counts(held, fold_rules, model)
    threshold = best_threshold(counts)
    cues = examples(parsed, rules)
    model = fit_model(cues, threshold)
    readings, attributions = sum(len(y) for *_, y in cues), sum(sum(y) for *_, y in cues)
    print(f"cue model: {readings} readings of {len(cues)} cues ({attributions} attributions)")
    print(f"{len(model.weights)} weights, {len(model.extent_weights)} ranker weights, threshold {threshold}")
    return {
        "bias": round(model.bias, 4),
        "extent_weights": model.extent_weights,
        "threshold": threshold,
        "weights": model.weights,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="train")
    parser.add_argument("--min-precision", type=float, default=0.05)
    parser.add_argument("--min-support", type=int, default=1)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--holdout", type=int, default=0, help="leave the last N documents out (for tuning)")
    args = parser.parse_args()
    documents_parsed = parse(args.data, args.split, args.holdout)
    support, occurrences, total, unhandled = learn_rules(documents_parsed)
    rules = select_rules(support, occurrences, args.min_precision, args.min_support)
    lines = [
        "# lemma\trelation\tsupport\toccurrences  (attribution cue rules learned from PolNeAR "
        f"{args.split} by scripts/build_cues.py; min precision {args.min_precision}, "
        f"min support {args.min_support})",
        *(f"{lemma}\t{rule}\t{count}\t{seen}" for lemma, rule, count, seen in rules),
    ]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    covered = sum(r[2] for r in rules)
    print(f"{len(rules)} rules covering {covered}/{total} gold attributions ({unhandled} unreachable)")

    def select(part: Parsed) -> dict[str, list[CueRule]]:
        return rules_by_lemma(select_rules(*learn_rules(part)[:2], args.min_precision, args.min_support))

    model = train_model(documents_parsed, rules_by_lemma(rules), select)
    (args.output.parent / MODEL_FILE).write_text(
        json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
