"""Attribution cues: the verbs that introduce what someone said, wrote, claimed or found.

The lexicon is data (``knowledge/data/cues.tsv``: lemma, kind), chosen by
``scripts/build_cues.py`` from how often each verb is an attribution cue in
PolNeAR's training split, plus the speech verbs every newsroom uses.
"""

from __future__ import annotations

import functools
from importlib import resources

from spacy.tokens import Token

CUE_PARTICLES = frozenset({"out", "up", "on", "for", "back"})  # "pointed out", "called for"


@functools.lru_cache(maxsize=1)
def load_cues() -> frozenset[str]:
    """The cue lemmas (lower-case)."""
    text = resources.files("newsgraph.knowledge").joinpath("data", "cues.tsv").read_text("utf-8")
    return frozenset(
        line.split("\t", 1)[0].strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def is_cue(token: Token, cues: frozenset[str]) -> bool:
    """A verb whose lemma is a cue ("said", "warned", "has insisted")."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues and token.dep_ != "amod"
