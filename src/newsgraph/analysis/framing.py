"""Framing stage: how the article casts each actor (roles on actors)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analysis.registry import register_stage
from newsgraph.records import Analysis


@register_stage("framing")
class FramingStage:
    name = "framing"

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        return None  # roles are attached to actors once the framing model lands
