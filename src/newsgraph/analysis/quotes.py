"""Quotes stage: who said what, direct and reported."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analysis.registry import register_stage
from newsgraph.records import Analysis


@register_stage("quotes")
class QuoteStage:
    name = "quotes"

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        analysis.quotes = []  # filled once the quotes model lands
