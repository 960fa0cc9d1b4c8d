"""Analysis stages registered by name, spaCy style: ``@register_stage("actors")``.

A stage is built once per pipeline from the loaded spaCy ``Language`` (it may
add components to it, so that they run inside the one spaCy pass) and is then
called with each parsed ``Doc`` and the ``Analysis`` that earlier stages filled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import Analysis


class Stage(Protocol):
    name: str

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        """Fill this stage's part of ``analysis`` from ``doc``."""


StageFactory = Callable[[Language], Stage]
_FACTORIES: dict[str, StageFactory] = {}


def register_stage(name: str) -> Callable[[StageFactory], StageFactory]:
    def decorate(factory: StageFactory) -> StageFactory:
        _FACTORIES[name] = factory
        return factory

    return decorate


def create_stage(name: str, nlp: Language) -> Stage:
    if name not in _FACTORIES:
        known = ", ".join(sorted(_FACTORIES))
        raise KeyError(f"no analysis stage named {name!r}; known stages: {known}")
    return _FACTORIES[name](nlp)
