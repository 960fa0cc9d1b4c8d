"""Shared by the training scripts and ``bench/eval_framing.py``: where the data is, the gold
labels, and the spaCy parses of the articles (cached, since parsing is the slow part).

The data stays where it is (``../shared/data`` next to the repository, or ``$NEWSGRAPH_DATA``);
nothing from it is copied into the repository.
"""

from __future__ import annotations

import csv
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

from newsgraph.analysis.pipeline import load_language
from newsgraph.analysis.textvec import model_path
from newsgraph.semeval import (
    Document,
    MentionLine,
    fix_offsets,
    read_documents,
    read_genres,
    read_mentions,
    read_narratives,
)

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NEWSGRAPH_DATA", REPO.parent / "shared" / "data"))
T10 = DATA / "semeval2025-t10" / "en" / "train"
T3 = DATA / "semeval2023-t3" / "en"
TAXONOMY = DATA / "semeval2025-t10" / "taxonomy"
CACHE = Path(os.environ.get("NEWSGRAPH_TRAINING_CACHE", "/tmp/newsgraph-training"))
SEED = 13


@dataclass
class FramingData:
    documents: list[Document]
    mentions: list[MentionLine]
    narratives: dict[str, tuple[list[str], list[str]]]
    fixed_offsets: int


def framing_data() -> FramingData:
    """SemEval-2025 T10 English train: articles, subtask-1 mentions (offsets repaired), subtask-2 gold."""
    documents = read_documents(T10 / "raw-documents")
    by_id = {d.id: d for d in documents}
    mentions = read_mentions(T10 / "subtask-1-annotations.txt")
    fixed = sum(fix_offsets(by_id[m.article_id].text, m) for m in mentions)
    narratives = read_narratives(T10 / "subtask-2-annotations.txt")
    return FramingData(documents, mentions, narratives, fixed)


def subnarrative_descriptions() -> dict[str, list[str]]:
    """The organisers' definition and example sentences of each subnarrative, by full label
    ("URW: <narrative>: <subnarrative>")."""
    found: dict[str, list[str]] = {}
    with (TAXONOMY / "subnarrative_definitions.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            examples = [line for line in row["examples"].splitlines() if line.strip()]
            found.setdefault(row["subnarrative"].replace("’", "'"), []).extend([row["definition"], *examples])
    for name, domain in (("War_in_Ukraine", "URW"), ("ClimateChange", "CC")):
        path = TAXONOMY / f"Narrative_Description_{name}-sentences.tsv"
        with path.open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file, delimiter="\t"):
                label = f"{domain}: {row['Narrative'].strip()}: {row['Subnarrative'].strip()}"
                found.setdefault(label, []).append(row["Description"])
    return found


def genre_data() -> tuple[list[Document], dict[str, str]]:
    documents = read_documents(T3 / "train-articles-subtask-1", genre_ids=True)
    return documents, read_genres(T3 / "train-labels-subtask-1.txt")


def parsed(name: str, texts: list[str]) -> list[Doc]:
    """The spaCy parse of each text (a document's whole text, title line included), cached on
    disk under ``name`` and the pipeline's components."""
    nlp = load_language()  # the parse the stages see
    path = CACHE / f"{name}-{'+'.join(nlp.pipe_names)}.spacy"  # a new component parses again
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts, strict=True)):
            return docs
    docs = list(nlp.pipe(texts, batch_size=16))
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def save_model(model: Any, file_name: str, summary: str, started: float) -> None:
    """Write a trained model into ``analysis/models`` and say what was written, how big, how fast."""
    path = model_path(file_name)
    model.save(path)
    size, seconds = path.stat().st_size / 1e6, time.perf_counter() - started
    print(f"{summary} -> {path} ({size:.2f} MB, {seconds:.0f}s)")
