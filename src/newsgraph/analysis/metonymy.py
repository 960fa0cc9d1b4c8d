"""Is a capital or a seat acting (a metonym for its government) or just a place?

"Moscow warned…", "talks with Belgrade", "Belgrade's refusal", "sanctions
against Moscow" act or are acted on; "in Belgrade", "flew to Moscow", "the
streets of Pristina", "visited the Kremlin" are places. The decision reads the
dependency parse around the name.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Verbs and nouns after which a place is a destination or a target on the map, not an actor.
_MOTION = frozenset(
    """visit tour travel fly arrive leave reach enter return flee move head drive go come depart
    land relocate evacuate bomb shell strike hit attack capture encircle besiege occupy liberate
    surround storm seize take control defend rebuild trip journey flight visit arrival departure
    road route bus train""".split()
)
_PLACE_NOUNS = frozenset(
    """street streets airport centre center outskirts suburb suburbs resident residents citizen
    citizens mayor population skyline square district neighbourhood neighborhood station
    university stadium hotel metro hospital port harbour harbor river bridge region area city
    town inhabitants people""".split()
)
_AGENT_HEADS = frozenset(
    """official officials government authorities authority leadership regime administration
    leader leaders negotiator negotiators diplomat diplomats delegation spokesman spokeswoman
    ministry minister""".split()
)
# Verbs whose object is a government when it is a capital: "thanked Moscow", "urged Belgrade".
_ACTING_OBJECT_VERBS = frozenset(
    """accuse blame criticise criticize condemn denounce rebuke reprimand urge warn threaten thank
    praise support back help aid assist defend protect sanction punish pressure press push
    recognise recognize invite ask tell call contact court woo lobby persuade convince reassure
    remind encourage reject rebuff snub isolate defy challenge oppose confront provoke antagonise antagonize
    anger irritate please embarrass reward engage trust distrust mistrust fear respect fund finance
    arm supply equip force compel draw pull lure tie bind align summon notify inform brief consult
    accommodate appease placate answer contradict mock insult betray abandon""".split()
)
_ACTING_PREPOSITIONS = frozenset({"with", "against", "by", "between", "toward", "towards", "on", "upon"})
_ACTING_AFTER_TO_OR_FROM = frozenset(
    """message appeal warning letter request demand offer call pressure support signal reply
    response threat ultimatum note gift loan aid help concession ally allegiance loyalty
    closer close relations""".split()
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})


def acts(span: Span) -> bool:
    """True if the place named by ``span`` acts, speaks or is acted on as a government."""
    token = span.root
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head  # "Belgrade and Pristina agreed": the first conjunct decides
    dep, head = token.dep_, token.head
    if dep in _SUBJECT_DEPS:
        return not _is_copula_with_place(head)
    if dep == "poss":
        return head.lemma_.lower() not in _PLACE_NOUNS
    if dep in ("compound", "nmod", "amod"):
        return head.lemma_.lower() in _AGENT_HEADS
    if dep in ("dobj", "dative", "iobj"):
        return head.lemma_.lower() in _ACTING_OBJECT_VERBS
    if dep == "pobj":
        return _acting_object_of(head)
    return False


def _acting_object_of(preposition: Token) -> bool:
    word = preposition.lower_
    governor = preposition.head
    if word in _ACTING_PREPOSITIONS:
        if word == "by" and governor.pos_ == "NOUN" and governor.lemma_.lower() in _MOTION:
            return False  # "a trip by Belgrade bus"
        return governor.lemma_.lower() not in _MOTION
    if word in ("to", "from"):
        return governor.lemma_.lower() in _ACTING_AFTER_TO_OR_FROM
    return False


def _is_copula_with_place(verb: Token) -> bool:
    """ "Belgrade is a city of two million": a description of the place."""
    if verb.lemma_ != "be":
        return False
    return any(child.dep_ == "attr" and child.lemma_.lower() in _PLACE_NOUNS for child in verb.children)
