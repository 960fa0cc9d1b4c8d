"""Quotes stage: who said what, direct (in quotation marks) and reported, with the right speaker.

Direct quotes come from the quotation marks (``quotemarks.py``) and take the
cue and the speaker nearest to them: after (“…,” she said), before (Kurti
said: “…”), between the halves of a split quote, or, for a quote standing
alone, the speaker of the quote just before it. Reported speech comes from
the parse: a cue (``cues.py``) with a content clause ("warned that…",
"Serbia will not join, Vučić said") or "according to X". Speakers are the
cue's subject, resolved through the actors stage (names, titles, pronouns)
or to the institution named before ("the embassy"); an unresolvable speaker
keeps its text and a null id.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.analysis.cues import CUE_PARTICLES, is_cue, load_cues
from newsgraph.analysis.quotemarks import quoted_regions
from newsgraph.analysis.registry import register_stage
from newsgraph.records import Analysis, Quote

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
_MIN_QUOTE_TOKENS = 4  # shorter quoted phrases count only with a cue: otherwise they are scare quotes
_MAX_CUE_DISTANCE = 12  # tokens between a quote and the cue outside it


@dataclass(slots=True)
class Speaker:
    text: str | None
    actor_id: str | None
    start: int | None = None  # character offsets of the speaker mention
    end: int | None = None


@register_stage("quotes")
class QuoteStage:
    """Fills ``analysis.quotes`` from the parse and the actors already resolved."""

    name = "quotes"

    def __init__(self, nlp: Language) -> None:
        self.cues = load_cues()

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        actors = ActorIndex(doc, analysis)
        quotes = self._direct_quotes(doc, actors)
        for quote, cue_at in self._reported(doc, actors):
            # one attribution per stretch of text: not inside a direct quote, nor a cue nested in
            # the content of another ("she said the episode showed…")
            if not _overlaps(quote, quotes) and not any(q.start <= cue_at < q.end for q in quotes):
                quotes.append(quote)
        analysis.quotes = sorted(quotes, key=lambda q: q.start)

    # -- direct quotes -------------------------------------------------------------------

    def _direct_quotes(self, doc: Doc, actors: ActorIndex) -> list[Quote]:
        quotes: list[Quote] = []
        previous: Quote | None = None
        for start, end in quoted_regions(doc.text):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue
            cue = self._cue_for(doc, span)
            if cue is None and len(span) < _MIN_QUOTE_TOKENS:
                continue  # "so-called “special military operation”": scare quotes
            speaker = _speaker_of(cue, actors) if cue is not None else None
            if speaker is None and previous is not None and _continues(doc, previous, span):
                speaker = Speaker(previous.speaker_text, previous.speaker)
                cue_text = previous.cue
            else:
                cue_text = _cue_text(cue) if cue is not None else None
            speaker = speaker or Speaker(None, None)
            text = doc.text[start:end].strip()
            quote = Quote(speaker.actor_id, speaker.text, text, start, start + len(text), True, cue_text)
            quote.speaker_start, quote.speaker_end = speaker.start, speaker.end
            quotes.append(quote)
            previous = quote
        return quotes

    def _cue_for(self, doc: Doc, quote: Span) -> Token | None:
        """The cue verb governing a quote: right after it, right before it, or governing it."""
        inside = range(quote.start, quote.end)
        for token in quote:
            head = token.head
            if head.i not in inside and is_cue(head, self.cues):
                return head  # the parse hangs the quote off its cue
        after = [t for t in doc[quote.end : min(len(doc), quote.end + _MAX_CUE_DISTANCE)]]
        before = list(reversed(doc[max(0, quote.start - _MAX_CUE_DISTANCE) : quote.start]))
        for window in (after, before):
            for token in window:
                if token.text in ("“", "”", '"') or (token.is_sent_start and token.i > quote.end):
                    break
                if is_cue(token, self.cues) and _has_subject(token):
                    return token
        return None

    # -- reported speech -----------------------------------------------------------------

    def _reported(self, doc: Doc, actors: ActorIndex) -> list[tuple[Quote, int]]:
        """Reported-speech quotes with the offset of their cue, outermost (earliest cue) first."""
        quotes = []
        for token in doc:
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                quote = self._according_to(doc, token, actors)
            elif is_cue(token, self.cues):
                quote = self._cue_with_clause(doc, token, actors)
            else:
                continue
            if quote is not None:
                quotes.append((quote, token.idx))
        return quotes

    def _cue_with_clause(self, doc: Doc, cue: Token, actors: ActorIndex) -> Quote | None:
        clause = next(
            (c for c in cue.children if c.dep_ in _CONTENT_DEPS and c.pos_ in ("VERB", "AUX")), None
        )
        if clause is None:
            clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return None
        content = _trim(doc[clause.left_edge.i : clause.right_edge.i + 1])
        speaker = _speaker_of(cue, actors)
        if speaker is None or len(content) < 2:
            return None
        return _quote(content, speaker, _cue_text(cue), direct=False)

    def _according_to(self, doc: Doc, according: Token, actors: ActorIndex) -> Quote | None:
        """ "According to the ministry, 30 soldiers were hurt": the rest of the clause is the content."""
        to = doc[according.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        clause = according.head
        if source is None or clause.i == according.i:
            return None
        source_span = doc[source.left_edge.i : source.right_edge.i + 1]
        tokens = [t.i for t in clause.subtree if not (according.i <= t.i <= source_span.end - 1)]
        if not tokens:
            return None
        content = _trim(doc[min(tokens) : max(tokens) + 1])
        if content.start <= according.i < content.end:  # the source sits inside: keep the longer side
            left, right = doc[content.start : according.i], doc[source_span.end : content.end]
            content = _trim(max(left, right, key=len))
        if len(content) < 3:
            return None
        speaker = actors.speaker_for(source_span)
        return _quote(content, speaker, "according to", direct=False)


class ActorIndex:
    """Token → actor id, from the mentions the actors stage resolved."""

    def __init__(self, doc: Doc, analysis: Analysis) -> None:
        self.doc = doc
        self.by_token: dict[int, str] = {}
        self.heads: dict[str, list[tuple[int, str]]] = {}  # head noun -> [(token, actor id)]
        for actor in analysis.actors:
            for mention in actor.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    self.by_token.setdefault(token.i, actor.id)
                self.heads.setdefault(span.root.lemma_.lower(), []).append((span.root.i, actor.id))

    def speaker_for(self, span: Span) -> Speaker:
        """The actor a subject span names: its head's mention, else any mention in the name part."""
        name = _name_part(span)
        actor_id = self.by_token.get(name.root.i)
        if actor_id is None:
            actor_id = next((self.by_token[t.i] for t in name if t.i in self.by_token), None)
        if actor_id is None and name.root.pos_ == "NOUN":
            actor_id = self._earlier_same_head(name.root)  # "the embassy" -> the Russian embassy
        return Speaker(name.text, actor_id, name.start_char, name.end_char)

    def _earlier_same_head(self, head: Token) -> str | None:
        earlier = [actor for index, actor in self.heads.get(head.lemma_.lower(), ()) if index < head.i]
        return earlier[-1] if earlier else None


def _speaker_of(cue: Token, actors: ActorIndex) -> Speaker | None:
    subject = next((c for c in cue.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None and cue.dep_ in ("conj", "advcl", "xcomp") and cue.head is not cue:
        subject = next((c for c in cue.head.children if c.dep_ in _SUBJECT_DEPS), None)  # "…, adding that"
    if subject is None:
        agent = next((c for c in cue.children if c.dep_ == "agent"), None)
        subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subject is None or subject.lower_ in ("it", "there"):
        return None
    doc = cue.doc
    return actors.speaker_for(doc[subject.left_edge.i : subject.right_edge.i + 1])


def _name_part(span: Span) -> Span:
    """ "Milena Stojković, a researcher at the Lab," -> "Milena Stojković" (drop appositions)."""
    doc = span.doc
    end = span.end
    for token in span:
        if token.i > span.root.i and (
            token.text in (",", "(", "—", "–") or token.dep_ in ("relcl", "appos", "prep")
        ):
            end = token.i
            break
    start = span.start
    return doc[start:end] if end > start else span


def _has_subject(cue: Token) -> bool:
    return any(c.dep_ in _SUBJECT_DEPS or c.dep_ == "agent" for c in cue.children)


def _continues(doc: Doc, previous: Quote, span: Span) -> bool:
    """A quote with no cue of its own continues the previous speaker's, unless someone else is
    named in between or more than two sentences separate them."""
    between = doc.char_span(previous.end, span.start_char, alignment_mode="expand")
    if between is None:
        return True
    speaker = range(previous.speaker_start or 0, previous.speaker_end or 0)
    others = [t for t in between if t.ent_type_ == "PERSON" and t.idx not in speaker]
    return sum(1 for t in between if t.is_sent_start) <= 2 and not others


def _cue_text(cue: Token) -> str:
    particles = [c for c in cue.children if c.dep_ == "prt" and c.lower_ in CUE_PARTICLES]
    return cue.text + "".join(" " + p.text for p in particles)


def _trim(span: Span) -> Span:
    """Drop leading and trailing punctuation and quotation marks from a content span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _quote(content: Span, speaker: Speaker, cue: str, direct: bool) -> Quote:
    quote = Quote(
        speaker.actor_id, speaker.text, content.text, content.start_char, content.end_char, direct, cue
    )
    quote.speaker_start, quote.speaker_end = speaker.start, speaker.end
    return quote


def _overlaps(quote: Quote, others: list[Quote]) -> bool:
    return any(quote.start < other.end and other.start < quote.end for other in others)
