"""Attribution cues: the words that introduce what someone said, wrote, claimed, found or wants.

The rules are data (``knowledge/data/cues.tsv``), learned by
``scripts/build_cues.py`` from PolNeAR's training split: a cue lemma and the
dependency relation that leads from it to the attributed content, with the
precision the rule had there. ``say ccomp`` covers "said that…";
``criticize dobj`` "criticized the decision"; ``talk prep:about`` "talked about
the war"; ``say ^parataxis`` the parse that hangs "she said" under the content.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

CUE_PARTICLES = frozenset({"out", "up", "on", "for", "back"})  # "pointed out", "called for"
# Verbs that introduce a direct quotation in news whatever the training data saw.
SPEECH_VERBS = frozenset(
    """say tell add warn declare insist claim accuse deny point recall conclude argue reply answer
    respond ask shout write explain note continue tweet admit confirm joke complain agree stress
    state announce observe remark comment caution urge vow promise predict suggest concede
    acknowledge maintain reiterate emphasise emphasize describe call""".split()
)
QUOTE_MARKS = frozenset({"“", "”", '"', "«", "»", "„", "‘", "’"})
_CLOSING = frozenset({"”", '"', "»", "’", "“"})
_OPENERS = {"”": ("“",), '"': ('"',), "»": ("«",), "’": ("‘",), "“": ("„",)}
_NOT_CONTENT = frozenset({"ROOT", "punct", "according_to"})
# what ends a content: the setting of the speech ("during a rally") and a concession after a dash
_SETTINGS = frozenset({"during", "through", "via"})
# "in an interview", "in a statement", "at a press conference": the occasion of speech (lemmas:
# "in his remarks" reads "remark")
_OCCASIONS = frozenset(
    "interview statement speech address briefing conference column tweet post letter remark".split()
)
_DASHES = frozenset({"-", "–", "—", "--"})
_CONCESSIONS = frozenset({"except", "although", "though", "albeit"})


@dataclass(frozen=True, slots=True)
class CueRule:
    lemma: str
    relation: str  # a child relation, "prep:<word>", or "^<relation>" (the cue under the content)
    precision: float


@functools.lru_cache(maxsize=1)
def load_cue_rules() -> dict[str, list[CueRule]]:
    """lemma -> its rules, most precise first."""
    text = resources.files("newsgraph.knowledge").joinpath("data", "cues.tsv").read_text("utf-8")
    rules: dict[str, list[CueRule]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, relation, support, seen = line.split("\t")
        if relation not in _NOT_CONTENT:
            rules.setdefault(lemma, []).append(CueRule(lemma, relation, int(support) / int(seen)))
    for found in rules.values():
        found.sort(key=lambda rule: -rule.precision)
    return rules


def cue_lemma(token: Token) -> str:
    return token.lemma_.lower()


def is_speech_cue(token: Token, rules: dict[str, list[CueRule]]) -> bool:
    """A verb that can introduce a quotation: one with a clausal rule ("said", "told", "added")."""
    if token.pos_ not in ("VERB", "AUX") or urged(token):
        return False
    lemma = cue_lemma(token)
    return lemma in SPEECH_VERBS or any(r.relation in ("ccomp", "^parataxis") for r in rules.get(lemma, ()))


def urged(token: Token) -> bool:
    """ "Let's recognize it for what it is", "let me say": the writer urging, not a report."""
    return token.head.lemma_.lower() == "let" and token.head.i < token.i


def content_of(token: Token, rules: dict[str, list[CueRule]]) -> tuple[Span, CueRule] | None:
    """The attributed content a cue token introduces, by its most precise matching rule."""
    if token.pos_ not in ("VERB", "AUX", "NOUN") or token.dep_ == "amod":
        return None
    for rule in rules.get(cue_lemma(token), ()):
        span = content_of_rule(token, rule.relation)
        if span is not None:
            return span, rule
    return None


def without_trailing_aside(span: Span) -> Span:
    """Cut what ends a content but is not part of it: a non-restrictive relative clause ("likened
    RT to the BBC, which receives some public funding"), an apposition (", the NATO-led
    mission…") or a participle adjunct (", engaging in…"), the writer's asides."""
    doc = span.doc
    for token in span:
        comma = token.left_edge.i - 1
        aside = token.dep_ in ("relcl", "appos") or (token.dep_ in ("advcl", "acl") and token.tag_ == "VBG")
        if aside and comma > span.start and doc[comma].text == "," and token.right_edge.i >= span.end - 2:
            return doc[span.start : comma]
    return span


def without_writers_tail(span: Span) -> Span:
    """A content ends before a concession after a dash, the writer's aside ("…would create
    inflation - except that inflation has fallen since"), and before the setting of the speech
    ("criticised Clinton during a rally", "denied it through a spokeswoman")."""
    doc = span.doc
    for token in span[1:]:
        if token.text in _DASHES and token.i + 1 < span.end and doc[token.i + 1].lower_ in _CONCESSIONS:
            return doc[span.start : token.i]
        if token.dep_ != "prep" or not _sets_the_scene(token):
            continue  # most words are no setting: skip the costlier head tests below
        # the setting of the speech, hung on the cue or on the noun phrase it reports
        on_cue = not span.start <= token.head.i < span.end
        on_noun = token.head == span.root and span.root.pos_ in ("NOUN", "PROPN", "PRON")
        if (on_cue or on_noun) and token.right_edge.i >= span.end - 1:
            return doc[span.start : token.i]
    return span


def _sets_the_scene(prep: Token) -> bool:
    """ "during a rally", "through a spokeswoman", "in an interview", "at a press conference"."""
    if prep.lower_ in _SETTINGS:
        return True
    return prep.lower_ in ("in", "at") and any(c.lemma_ in _OCCASIONS for c in prep.children)


def is_speech_verb(token: Token) -> bool:
    """The token's lemma is one of ``SPEECH_VERBS`` (whatever its part of speech)."""
    return token.lemma_.lower() in SPEECH_VERBS


def coordinated_speech(token: Token) -> bool:
    """A speech verb in coordination ("…, and said that"), a participle after a comma (", noting
    that…") or a concession ("…, though she admitted that…"): a cue with content of its own.
    Verbs only: not "state law"."""
    if token.pos_ != "VERB" or not is_speech_verb(token):
        return False
    if token.dep_ == "conj":
        return True
    if token.dep_ != "advcl":
        return False
    after_comma = token.i > 0 and token.doc[token.i - 1].text == ","
    conceding = any(c.dep_ == "mark" and c.lower_ in _CONCESSIONS for c in token.children)
    return (token.tag_ == "VBG" and after_comma) or conceding


def cut_before(doc: Doc, start: int, token: Token) -> int:
    """Where a stretch from ``start`` ends before ``token``'s phrase and the "and" or comma
    joining it."""
    cut = max(start, token.left_edge.i)
    while cut > start and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct):
        cut -= 1
    return cut


def content_of_rule(cue: Token, relation: str) -> Span | None:
    """The content span one rule relation reaches from a cue (its first, when the parse gives the
    cue two children of that relation), or None."""
    found = contents_of_rule(cue, relation)
    return found[0] if found else None


def contents_of_rule(cue: Token, relation: str) -> list[Span]:
    """Every content span one rule relation reaches from a cue: a parse can hang two clauses on
    one verb ("Asked by a panel that agreed the mayor lost, Kovač noted that…"). Each stops
    before a second speech verb coordinated inside it ("said that A, and said that B", "…,
    adding that B"): what follows is that verb's content."""
    found = []
    for span in _reach(cue, relation):
        second = next((t for t in span[1:] if coordinated_speech(t)), None)
        end = span.end if second is None else cut_before(span.doc, span.start, second)
        found.append(span.doc[span.start : end])
    return found


def _reach(cue: Token, relation: str) -> list[Span]:
    """The spans a relation leads to from the cue, before any cut."""
    doc = cue.doc
    if relation == "self":
        # a relative clause is about the noun it describes, never a content of its own (nor is
        # one the parse hangs as a modifier: "an act that Putin described as…")
        relative = cue.dep_ == "relcl" or (cue.dep_ == "acl" and any(c.dep_ == "nsubj" for c in cue.children))
        return [] if relative else [doc[cue.left_edge.i : cue.right_edge.i + 1]]
    if relation.startswith("^"):
        if cue.dep_ != relation[1:] or cue.head.i == cue.i or _conditional(cue):
            return []
        head = cue.head
        left = doc[head.left_edge.i : cue.left_edge.i]
        right = doc[cue.right_edge.i + 1 : head.right_edge.i + 1]
        return [left if len(left) >= len(right) else right]
    if relation.startswith("prep:"):
        word = relation[5:]
        for child in cue.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ == word:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return [doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]]
        return []
    if ">" in relation:
        first, second = relation.split(">", 1)
        for child in cue.children:
            if child.dep_ == first:
                for grandchild in child.children:
                    if grandchild.dep_ == second:
                        return [doc[grandchild.left_edge.i : grandchild.right_edge.i + 1]]
        return []
    return [span for child in cue.children if child.dep_ == relation for span in _child_reach(cue, child)]


def _child_reach(cue: Token, child: Token) -> list[Span]:
    """What one child of the cue reaches: its phrase (with the complements after an object), the
    noun a fronted relative pronoun stands for, or nothing."""
    doc = cue.doc
    if child.dep_ == "dobj" and any(c.dep_ == "ccomp" and cue.i < c.i < child.i for c in cue.children):
        return []  # "say [the money would…], the NATO-led mission": an aside misread as object
    relative = child.tag_ in ("WDT", "WP") or child.lower_ in ("that", "which", "who", "whom")
    if child.i < cue.i and relative and cue.dep_ in ("relcl", "acl"):
        antecedent = _antecedent(cue)  # "referendums that Kyiv dismissed as a sham"
        return [antecedent] if antecedent is not None else []
    # a clause reaching back over its own cue ("a broadcaster that it said Dodik had
    # acquired": the relative "that" hangs on "acquired") starts after the cue
    start = cue.i + 1 if child.left_edge.i <= cue.i < child.i else child.left_edge.i
    return [doc[start : _clause_end(cue, child) + 1]]


def _conditional(cue: Token) -> bool:
    """ "…if the war continues": a condition reports nothing of the clause it qualifies."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cue.children)


def _antecedent(cue: Token) -> Span | None:
    """The noun phrase a relative clause describes, without the clause; None after "an act of
    aggression", where the clause may describe either noun."""
    noun = cue.head
    if noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        return None
    span = cue.doc[noun.left_edge.i : cue.left_edge.i]
    return span if len(span) > 0 else None


def _clause_end(cue: Token, child: Token) -> int:
    """Where the content of a cue's object ends: with the object, or, for an object followed by
    its complements ("criticized the group for promoting links"), at the end of the cue's clause
    (before a coordinated clause or a closing punctuation mark)."""
    end = child.right_edge.i
    if child.dep_ not in ("dobj", "xcomp"):
        return end
    for sibling in cue.children:
        if sibling.i <= end:
            continue
        if child.dep_ == "dobj" and sibling.dep_ in ("cc", "punct") and _joins_object(sibling):
            continue
        if child.dep_ == "dobj" and _coordinated_object(sibling):
            end = sibling.right_edge.i
            continue
        if sibling.dep_ in ("cc", "conj", "punct", "advcl", "npadvmod", "advmod", "parataxis"):
            break
        if sibling.dep_ in ("prep", "dative", "oprd", "ccomp", "xcomp", "acomp"):
            end = sibling.right_edge.i
    return end


def _joins_object(token: Token) -> bool:
    """An "and" or comma right before a second object of the same verb."""
    doc = token.doc
    second = next((c for c in token.head.children if c.i > token.i and c.dep_ not in ("cc", "punct")), None)
    if second is None or not _coordinated_object(second):
        return False
    return all(t.dep_ in ("cc", "punct") for t in doc[token.i : second.left_edge.i])


def _coordinated_object(token: Token) -> bool:
    """A noun the parse joins to the cue verb ("called [the citation] and [the demand]…"):
    verbs coordinate with verbs, so it is a second object."""
    return (
        token.dep_ == "conj"
        and token.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    )


def content_span(span: Span) -> Span:
    """A rule's match as attributed content: no writer's aside, no linking word in front ("called
    for the contract to be “torn up”": the call is the clause), no stray punctuation."""
    return without_link(trim_span(with_closing_mark(without_trailing_aside(without_writers_tail(span)))))


def without_link(span: Span) -> Span:
    """A content without the word that links it to its cue: a preposition whose head is outside
    ("responded to [the minister's claim]") or the "for" of "called for the contract to be…"."""
    first = span[0] if len(span) > 1 else None
    dangling = first is not None and first.dep_ == "prep" and not span.start <= first.head.i < span.end
    if dangling or (first is not None and first.dep_ == "mark" and first.lower_ == "for"):
        return span[1:]
    return span


def trim_span(span: Span) -> Span:
    """Drop leading and trailing punctuation from a content span, but keep the closing mark of
    a quotation that opens inside it (the “butcher of democracy”)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    # a clause's subtree can end on the "and" that joins the next clause to its verb
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].pos_ == "CCONJ"):
        if doc[end - 1].text in _CLOSING and _opens_inside(doc[start : end - 1], doc[end - 1].text):
            break
        end -= 1
    return doc[start:end]


def with_closing_mark(span: Span) -> Span:
    """Take in the closing quotation mark right after a span that opened one."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in _CLOSING and _opens_inside(span, doc[span.end].text):
        return doc[span.start : span.end + 1]
    return span


def _opens_inside(span: Span, closing: str) -> bool:
    marks = [t.text for t in span if t.text in QUOTE_MARKS]
    return bool(marks) and marks[-1] in _OPENERS.get(closing, ())
