"""Events stage: who did what to whom, coded in PLOVER."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analysis.registry import register_stage
from newsgraph.records import Analysis


@register_stage("events")
class EventStage:
    name = "events"

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        analysis.events = []  # filled once the events model lands
