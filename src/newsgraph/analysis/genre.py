"""Genre stage: is the article reporting, opinion or satire (SemEval-2023 Task 3 subtask 1)?

Features: the article vectors and lemmas of ``narratives.document_bag`` plus a few
style rates that separate the genres whatever the topic (first- and second-person
pronouns, quotation marks, reporting verbs, questions, exclamations, sentence length).
The training data is mostly opinion, news at large is mostly reporting: the model is
trained with class-balanced weights (its probabilities assume the three genres equally
likely), then its probabilities are re-weighted to a news-at-large prior (Bayes' rule
for a change of class prior), so that reporting wins whenever the model is unsure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from spacy.attrs import ENT_TYPE, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsgraph.analysis.narratives import DocumentBag, document_bag
from newsgraph.analysis.registry import register_stage
from newsgraph.analysis.textvec import LinearModel, Vocabulary, model_path
from newsgraph.records import Analysis

MODEL_FILE = "genre.npz"
GENRES = ("opinion", "reporting", "satire")
DEFAULT = "reporting"
# Assumed share of each genre in the news newsgraph reads (opinion, reporting, satire);
# an assumption, not a measurement: most outlets publish mostly reporting.
NEWS_PRIOR = (0.25, 0.7, 0.05)
UNIFORM_PRIOR = (1 / 3, 1 / 3, 1 / 3)  # the training balance: scores on SemEval-like data
_FIRST = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
_SECOND = {"you", "your", "yours", "yourself", "yourselves"}
_REPORTING = {"say", "tell", "announce", "report", "state", "add", "according", "confirm", "claim"}
_QUOTES = set('"“”«»')


# What outlets write over or under a piece, or in its address, to say what kind of piece it is:
# "Opinion: …", "… | Comment", "/commentisfree/". A label the outlet gave beats any model.
_LABELS = {
    "opinion": "opinion", "comment": "opinion", "commentary": "opinion", "editorial": "opinion",
    "op-ed": "opinion", "oped": "opinion", "column": "opinion", "viewpoint": "opinion",
    "letters": "opinion", "commentisfree": "opinion", "satire": "satire",
}  # fmt: skip
_TITLE_LABEL = re.compile(r"^\s*([A-Za-z-]+)\s*[:|]|[|–—]\s*([A-Za-z-]+)\s*$")
_URL_SECTION = re.compile(r"/([a-z-]+)/")


def labelled_genre(title: str | None, url: str | None) -> str | None:
    """The genre the outlet labelled the piece with in its title or its address, if any."""
    match = _TITLE_LABEL.search(title or "")
    if match:
        label = _LABELS.get((match.group(1) or match.group(2)).lower())
        if label:
            return label
    path = urlsplit(url or "").path.lower()
    return next((_LABELS[s] for s in _URL_SECTION.findall(path) if s in _LABELS), None)


def style_features(doc: Doc) -> np.ndarray:
    """Rates per 100 tokens (and mean sentence length / 10): topic-free marks of genre."""
    # One read of the token attributes as arrays, rather than a pass of Token objects per count.
    columns = doc.to_array([IS_PUNCT, IS_SPACE, LOWER, LEMMA, ORTH, LIKE_NUM, ENT_TYPE])
    punct, space, lower, lemma, orth, like_num, ent_type = columns.T
    words = (punct == 0) & (space == 0)
    if not words.any():
        words = np.ones(len(doc), dtype=bool)
    n = max(int(words.sum()), 1)
    sentences = sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 1
    counts = [
        _count(lower[words], _FIRST),
        _count(lower[words], _SECOND),
        _count_lemmas(doc, lemma[words], _REPORTING),
        _count(orth, _QUOTES),
        _count(orth, {"?"}),
        _count(orth, {"!"}),
        int(like_num[words].sum()),
        _count(ent_type[words], {"PERSON", "ORG", "GPE"}),
    ]
    rates = [100.0 * c / n for c in counts]
    return np.array([*rates, n / max(sentences, 1) / 10.0, np.log1p(n)], dtype=np.float32)


def _count(ids: np.ndarray, strings: set[str]) -> int:
    """How many of the string ids (hashes) are those of ``strings``."""
    return int(np.isin(ids, [get_string_id(s) for s in strings]).sum())


def _count_lemmas(doc: Doc, lemmas: np.ndarray, wanted: set[str]) -> int:
    """How many lemmas, lowercased, are in ``wanted``."""
    found = [h for h in set(lemmas.tolist()) if doc.vocab.strings[h].lower() in wanted]
    return int(np.isin(lemmas, found).sum())


def genre_bag(doc: Doc, title: str | None = None) -> DocumentBag:
    bag = document_bag(doc, title)
    return DocumentBag(np.concatenate([bag.dense, style_features(doc)]), bag.terms)


class GenreModel:
    """Vocabulary, one softmax regression (balanced classes) and the prior its scores are shifted to."""

    def __init__(self, vocabulary: Vocabulary, classifier: LinearModel,
                 prior: Sequence[float] = NEWS_PRIOR) -> None:  # fmt: skip
        self.vocabulary = vocabulary
        self.classifier = classifier
        self.prior = np.asarray(prior, dtype=np.float64)  # in GENRES order

    def scores(self, bags: Sequence[DocumentBag]) -> np.ndarray:
        x = np.vstack([np.concatenate([b.dense, self.vocabulary.vector(b.terms)]) for b in bags])
        return self.classifier.scores(x)

    def decide(self, scores: np.ndarray, prior: Sequence[float] | None = None) -> tuple[str, float]:
        """The likeliest genre once the balanced scores are moved to ``prior`` (the model's by default)."""
        shifted = np.asarray(scores, dtype=np.float64) * (self.prior if prior is None else np.asarray(prior))
        shifted /= shifted.sum() or 1.0
        best = int(np.argmax(shifted))
        if np.isclose(shifted[best], shifted[GENRES.index(DEFAULT)]):
            best = GENRES.index(DEFAULT)  # a tie goes to reporting
        return GENRES[best], float(shifted[best])

    def save(self, path: str | Path) -> None:
        arrays = self.vocabulary.to_arrays("vocabulary.") | self.classifier.to_arrays("genre.")
        np.savez_compressed(path, prior=self.prior, **arrays)

    @classmethod
    def load(cls, path: str | Path) -> GenreModel:
        with np.load(path, allow_pickle=False) as data:
            vocabulary, classifier = (
                Vocabulary.from_arrays(data, "vocabulary."),
                LinearModel.from_arrays(data, "genre."),
            )
            return cls(vocabulary, classifier, tuple(float(p) for p in data["prior"]))


@functools.lru_cache(maxsize=1)
def load_model() -> GenreModel:
    return GenreModel.load(model_path(MODEL_FILE))


def predict_genres(
    model: GenreModel, bags: Sequence[DocumentBag], prior: Sequence[float] | None = None
) -> list[str]:
    return [model.decide(row, prior)[0] for row in model.scores(bags)]


@register_stage("genre")
class GenreStage:
    """Sets ``article.genre`` unless the input already gave one: the outlet's own label
    ("Opinion: …"), else the model's."""

    name = "genre"

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.model = load_model()

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        article = analysis.article
        if article.genre is None:
            article.genre = labelled_genre(article.title, article.url)  # type: ignore[assignment]
        if article.genre is None and len(doc):
            bag = genre_bag(doc, article.title)
            article.genre = predict_genres(self.model, [bag])[0]  # type: ignore[assignment]
