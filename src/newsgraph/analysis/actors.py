"""Actors stage: the countries, governments, leaders and organisations an article names."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analysis.registry import register_stage
from newsgraph.records import Analysis


@register_stage("actors")
class ActorStage:
    name = "actors"

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        analysis.actors = []
