"""Cheap text features for the framing, narratives and genre models, in plain numpy.

Two kinds, both computed from spaCy tokens that the pipeline already has:

- ``StaticEmbedder``: a static vector per WordPiece token, distilled from MiniLM
  (model2vec style: each vocabulary token run through the encoder alone, mean
  pooled, PCA-reduced, weighted by a Zipf estimate of its frequency; see
  ``training/build_static_embeddings.py``). A text's vector is the mean of its
  pieces' vectors: thousands of times cheaper than running the encoder.
- ``Vocabulary``: a fixed list of lowercased lemma n-grams with idf weights, for
  sparse bag-of-words features (a tf-idf vector, L2-normalised).

Both load from ``.npz`` files shipped in ``analysis/models``.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

MODELS = "newsgraph.analysis.models"
_MAX_WORD = 100  # BERT's WordPiece gives up on longer words


def model_path(name: str) -> Path:
    """A file shipped in ``newsgraph/analysis/models``."""
    return Path(str(resources.files(MODELS).joinpath(name)))


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def basic_split(word: str) -> list[str]:
    """BERT's basic tokenizer on one (already whitespace-free) word: lowercase, strip
    accents, split punctuation off as tokens of their own."""
    word = unicodedata.normalize("NFD", word.lower())
    pieces: list[str] = []
    current = []
    for char in word:
        if unicodedata.category(char) == "Mn":
            continue
        if _is_punctuation(char):
            if current:
                pieces.append("".join(current))
                current = []
            pieces.append(char)
        elif not char.isspace():
            current.append(char)
    if current:
        pieces.append("".join(current))
    return pieces


class StaticEmbedder:
    """WordPiece token vectors; ``embed(words)`` is their mean (zeros when nothing is known)."""

    def __init__(self, vocab: Sequence[str], vectors: np.ndarray) -> None:
        self.index = {token: i for i, token in enumerate(vocab)}
        self.vectors = vectors.astype(np.float32)
        self.dim = self.vectors.shape[1]
        self._ids = functools.lru_cache(maxsize=200_000)(self._word_ids)

    @classmethod
    def load(cls, path: str | Path) -> StaticEmbedder:
        with np.load(path, allow_pickle=False) as data:
            vectors = data["vectors"].astype(np.float32) * data["scales"][:, None]
            return cls([str(t) for t in data["vocab"]], vectors)

    def save(self, path: str | Path) -> None:
        """int8 rows with a float32 scale each: a quarter of the float32 size."""
        scales = np.abs(self.vectors).max(axis=1) / 127.0
        scales[scales == 0] = 1.0
        quantised = np.round(self.vectors / scales[:, None]).astype(np.int8)
        vocab = np.array(list(self.index), dtype=str)
        np.savez_compressed(path, vocab=vocab, vectors=quantised, scales=scales.astype(np.float32))

    def _word_ids(self, word: str) -> tuple[int, ...]:
        ids: list[int] = []
        for piece in basic_split(word):
            ids.extend(self._wordpiece(piece))
        return tuple(ids)

    def _wordpiece(self, piece: str) -> list[int]:
        """Greedy longest-match-first, as BERT does; an unknown word gives no ids."""
        if len(piece) > _MAX_WORD:
            return []
        ids, start = [], 0
        while start < len(piece):
            end, found = len(piece), None
            while start < end:
                candidate = piece[start:end] if start == 0 else "##" + piece[start:end]
                found = self.index.get(candidate)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return []
            ids.append(found)
            start = end
        return ids

    def ids(self, words: Iterable[str]) -> list[int]:
        found: list[int] = []
        for word in words:
            found.extend(self._ids(word))
        return found

    def embed(self, words: Iterable[str]) -> np.ndarray:
        ids = self.ids(words)
        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        return self.vectors[ids].mean(axis=0)


@functools.lru_cache(maxsize=1)
def load_embedder() -> StaticEmbedder:
    return StaticEmbedder.load(model_path("static_embeddings.npz"))


class Vocabulary:
    """Terms with idf weights; ``vector(terms)`` is the L2-normalised tf-idf of a bag of terms."""

    def __init__(self, terms: Sequence[str], idf: np.ndarray) -> None:
        self.terms = list(terms)
        self.index = {term: i for i, term in enumerate(self.terms)}
        self.idf = np.asarray(idf, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.terms)

    def vector(self, terms: Iterable[str]) -> np.ndarray:
        # counted by bincount at once: a numpy scalar update per term cost more than all the rest
        found = [i for i in map(self.index.get, terms) if i is not None]
        counts = np.bincount(found, minlength=len(self.terms)).astype(np.float32)
        weighted = np.log1p(counts) * self.idf  # sublinear tf: one word repeated is not ten words
        norm = float(np.linalg.norm(weighted))
        return weighted / norm if norm > 0 else weighted

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}terms": np.array(self.terms, dtype=str), f"{prefix}idf": self.idf}

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray] | np.lib.npyio.NpzFile, prefix: str) -> Vocabulary:
        return cls([str(t) for t in data[f"{prefix}terms"]], data[f"{prefix}idf"])


def fit_vocabulary(
    documents: Iterable[Iterable[str]],
    min_df: int = 2,
    max_terms: int = 20_000,
    weights: Iterable[float] | None = None,
) -> Vocabulary:
    """Terms seen in at least ``min_df`` documents, the most frequent first (training only).
    A document of weight w counts as w documents."""
    bags = [list(terms) for terms in documents]
    counted = [1.0] * len(bags) if weights is None else list(weights)
    df: dict[str, float] = {}
    total = 0.0
    for terms, weight in zip(bags, counted, strict=True):
        total += weight
        for term in set(terms):
            df[term] = df.get(term, 0.0) + weight
    kept = sorted((t for t, n in df.items() if n >= min_df), key=lambda t: (-df[t], t))[:max_terms]
    idf = np.array([np.log((1 + total) / (1 + df[t])) + 1.0 for t in kept], dtype=np.float32)
    return Vocabulary(kept, idf)


class TokenVectors:
    """Prefix sums of a doc's WordPiece vectors: the mean vector of any token range in O(1)."""

    def __init__(self, words: Sequence[str], embedder: StaticEmbedder) -> None:
        ids: list[int] = []
        starts = [0]
        for word in words:
            ids.extend(embedder._ids(word))
            starts.append(len(ids))
        self.starts = np.array(starts, dtype=np.int64)
        self.sums = np.zeros((len(ids) + 1, embedder.dim))
        if ids:
            # widened to float64 first, then summed in place: the same sums, and numpy's cumsum is
            # several times slower when it also has to cast or write elsewhere
            self.sums[1:] = embedder.vectors[ids]
            np.cumsum(self.sums[1:], axis=0, out=self.sums[1:])
        self.dim = embedder.dim
        self._means: dict[tuple[int, int], np.ndarray] = {}

    def mean(self, start: int, end: int) -> np.ndarray:
        """Mean piece vector of tokens ``start:end`` (zeros when they have no known piece).
        Remembered per range (the stages ask for each sentence's many times): do not modify it."""
        first, last = self.starts[max(start, 0)], self.starts[min(end, len(self.starts) - 1)]
        key = (int(first), int(last))
        if key not in self._means:
            if last <= first:
                self._means[key] = np.zeros(self.dim, dtype=np.float32)
            else:
                self._means[key] = ((self.sums[last] - self.sums[first]) / (last - first)).astype(np.float32)
        return self._means[key]


@dataclass(slots=True)
class DocContext:
    """What the framing, narratives and genre models read from one parsed doc, computed once."""

    doc: Doc
    vectors: TokenVectors
    lemmas: list[str]  # per token: lowercased lemma of a content word, else ""
    sentence_of: np.ndarray  # token index -> index into ``sentences``
    sentences: list[tuple[int, int]]  # token ranges

    def sentence_range(self, token: int) -> tuple[int, int]:
        return self.sentences[int(self.sentence_of[token])]

    def terms(self, start: int, end: int) -> list[str]:
        return [lemma for lemma in self.lemmas[start:end] if lemma]


# The context of the last doc seen: the stages run one doc at a time, so each stage after the
# first reuses it. Kept here rather than in ``doc.user_data``: a context refers to its doc, and
# spaCy's Doc does not take part in Python's cycle collection, so that cycle would never be freed.
_LAST: list[DocContext] = []


def doc_context(doc: Doc) -> DocContext:
    """The doc's context, computed once for all the stages that read it."""
    if _LAST and _LAST[0].doc is doc:
        return _LAST[0]
    sentences = _sentences(doc)
    sentence_of = np.zeros(len(doc), dtype=np.int32)
    for number, (start, end) in enumerate(sentences):
        sentence_of[start:end] = number
    vectors = TokenVectors([t.text for t in doc], load_embedder())
    lemmas = [_lemma(t) for t in doc]
    context = DocContext(doc, vectors, lemmas, sentence_of, sentences)
    _LAST[:] = [context]
    return context


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    if len(doc) == 0:
        return [(0, 0)]
    if doc.has_annotation("SENT_START"):
        return [(s.start, s.end) for s in doc.sents]
    return [(0, len(doc))]


def _lemma(token: Token) -> str:
    if not token.is_alpha or token.is_stop or len(token.text) < 2:
        return ""
    return (token.lemma_ or token.text).lower()


class LinearModel:
    """Logistic regression weights trained elsewhere (scikit-learn), applied with numpy.

    ``kind`` is ``softmax`` (one label per row), ``sigmoid`` (independent labels) or ``linear``
    (a ridge regression onto 0/1 targets, clipped to 0..1).
    Inputs are standardised with the stored ``mean``/``scale`` first.
    """

    def __init__(self, labels: Sequence[str], coef: np.ndarray, intercept: np.ndarray,
                 mean: np.ndarray, scale: np.ndarray, kind: str = "softmax") -> None:  # fmt: skip
        self.labels = list(labels)
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.mean = np.asarray(mean, dtype=np.float32)
        self.scale = np.asarray(scale, dtype=np.float32)
        self.kind = kind

    def scores(self, features: np.ndarray) -> np.ndarray:
        """Probabilities, one row per input row and one column per label."""
        x = (np.asarray(np.atleast_2d(features), dtype=np.float32) - self.mean) / self.scale  # no copy
        logits = x @ self.coef.T + self.intercept
        if self.kind == "linear":
            return np.clip(logits, 0.0, 1.0)
        if self.kind == "sigmoid":
            return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {
            f"{prefix}labels": np.array(self.labels, dtype=str),
            f"{prefix}coef": self.coef,
            f"{prefix}intercept": self.intercept,
            f"{prefix}mean": self.mean,
            f"{prefix}scale": self.scale,
            f"{prefix}kind": np.array(self.kind),
        }

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray] | np.lib.npyio.NpzFile, prefix: str) -> LinearModel:
        labels = [str(label) for label in data[f"{prefix}labels"]]
        return cls(labels, data[f"{prefix}coef"], data[f"{prefix}intercept"], data[f"{prefix}mean"],
                   data[f"{prefix}scale"], str(data[f"{prefix}kind"]))  # fmt: skip
