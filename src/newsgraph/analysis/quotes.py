"""Quotes stage: who said what, direct (in quotation marks) and reported, with the right speaker.

Reported speech comes from the parse: a cue and its content by the learned
rules of ``cues.py`` ("warned that…", "Serbia will not join, Vučić said",
"criticized the plan"), and "according to X". Direct quotes come from the
quotation marks (``quotemarks.py``) and take the cue and speaker nearest to
them: after (“…,” she said), before (Kurti said: “…”), between the halves of a
split quote, or, for a quote standing alone, the speaker of the quote before.
A quoted phrase inside a reported clause ("calls him the “butcher of
democracy”") makes that clause a direct quote rather than a quote of its own.
Speakers are the cue's subject, resolved through the actors stage (names,
titles, pronouns, a possessor: "his claim") or to the institution named before
("the embassy"); an unresolvable speaker keeps its text and a null id, never a
guessed actor, and content with no speaker at all ("it is expected that…") is
kept with neither.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.analysis.cue_model import CueModel, candidates, choose, load_cue_model
from newsgraph.analysis.cues import (
    CUE_PARTICLES,
    QUOTE_MARKS,
    CueRule,
    content_of,
    content_span,
    is_speech_cue,
    is_speech_verb,
    load_cue_rules,
    trim_span,
    urged,
)
from newsgraph.analysis.name_usage import reads_as_place
from newsgraph.analysis.quotemarks import quoted_regions
from newsgraph.analysis.registry import register_stage
from newsgraph.analysis.settle import Candidate, merge_runs, settle
from newsgraph.analysis.speakers import (
    SUBJECT_DEPS,
    ActorIndex,
    Speaker,
    name_right_before,
    signed_by,
    speaker_is_topic,
    speaker_of,
    subject_of,
)
from newsgraph.records import Analysis, Quote

_MAX_CUE_DISTANCE = 12  # tokens between a quote and a cue outside it
_MIN_PRECISION = 0.16  # learned rules below this precision are not used
_LOOK_BACK = 40  # characters read before a quotation to tell whether it opens its sentence
_OPENING_MARKS = " \t“\"‘«„'`"
_SENTENCE_OPENERS = frozenset('.!?:;,—–-\n”’»"')
_END_PUNCTUATION = " \t\n.,;:!?…"

# "Pence: Flowers won't be at the debate", "WALLACE: Do you really see…": a line led by who speaks
_COLON_LINE = re.compile(r"^[ \t]*[\"“]?([A-Z][^\n:]{0,60}?)[ \t]*:[ \t]+(\S[^\n]*)", re.MULTILINE)
_NOT_A_SPEAKER_LABEL = frozenset(
    "photo photos image video watch listen note update updated source sources related read more "
    "see also tags filed under subscribe sign up editor's editor’s correction clarification warning caption "
    "q a opinion comment commentary editorial analysis exclusive breaking explainer live factbox timeline "
    "satire review fact factcheck interview podcast new the".split()  # "The Latest: …"
)
_NAMING_VERBS = frozenset({"call", "name", "dub", "label", "title", "nickname", "brand"})
_DATELINE_SENTENCE = 12  # words after "Moscow:" that make a reporter's sentence, not a headline
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "prep", "oprd", "attr", "dative"})


@register_stage("quotes")
class QuoteStage:
    """Fills ``analysis.quotes`` from the parse and the actors already resolved."""

    name = "quotes"

    def __init__(
        self,
        nlp: Language | None = None,
        rules: dict[str, list[CueRule]] | None = None,
        model: CueModel | None = None,
    ) -> None:
        """The shipped cue rules and model, or others (the training script tunes with its own)."""
        self.all_rules = rules if rules is not None else load_cue_rules()
        self.rules = {
            lemma: [r for r in found if r.precision >= _MIN_PRECISION]
            for lemma, found in self.all_rules.items()
        }
        self.model = model if model is not None else load_cue_model()

    def __call__(self, doc: Doc, analysis: Analysis) -> None:
        actors = ActorIndex(doc, analysis)
        text = analysis.article.text  # the doc's text; Doc.text would rebuild it on every use
        regions = [(s, e) for s, e in quoted_regions(text) if text[s:e].strip()]
        reported = _colon_lines(doc, text, actors) + self._reported(doc, actors)
        # each quotation without its closing full stop or comma, for telling what holds it
        cores = [(s, _word_end(text, s, e)) for s, e in regions]
        direct = merge_runs(text, self._direct(doc, text, regions, cores, actors, reported))
        analysis.quotes = sorted(settle(text, direct, reported, cores), key=lambda q: q.start)

    # -- reported speech -----------------------------------------------------------------

    def _reported(self, doc: Doc, actors: ActorIndex) -> list[Candidate]:
        found = []
        for token in doc:
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                candidate = _according_to(doc, token, actors)
            elif token.lower_ == "in" and token.dep_ == "prep":
                candidate = _in_a_poll(doc, token, actors)
            elif token.lemma_.lower() in self.all_rules:  # most words are never cues: skip them fast
                candidate = self._by_rule(token, actors)
            else:
                continue
            if candidate is not None:
                found.append(candidate)
        return found

    def _by_rule(self, cue: Token, actors: ActorIndex) -> Candidate | None:
        content, probability = self._best_content(cue)
        if content is None or not _says_something(content):
            return None
        speaker = speaker_of(cue, actors) or Speaker(None, None)
        if speaker_is_topic(speaker, content, cue):
            speaker = Speaker(None, None)
        return _reported_candidate(content, speaker, cue, _cue_text(cue), probability)

    def _best_content(self, cue: Token) -> tuple[Span | None, float]:
        """The cue's content and its probability: the reading (rule and cut) the model chooses when
        the cue clears its threshold, or, with no model shipped, the most precise rule that matches."""
        adjective_cue = cue.pos_ == "ADJ" and cue.dep_ in ("acomp", "oprd")
        if (cue.pos_ not in ("VERB", "AUX", "NOUN") and not adjective_cue) or cue.dep_ == "amod":
            return None, 0.0
        if urged(cue):
            return None, 0.0
        if cue.dep_ == "acl" and cue.lemma_.lower() in _NAMING_VERBS and _names_its_noun(cue):
            return None, 0.0  # "a group called the Tyre Extinguishers" names the group
        if self.model is None:
            found = content_of(cue, self.rules)
            return (content_span(found[0]), 1.0) if found is not None else (None, 0.0)
        matches = candidates(cue, self.all_rules.get(cue.lemma_.lower(), []))
        if not matches:
            return None, 0.0
        match, probability = choose(self.model, cue, matches)
        return (match.content, probability) if probability >= self.model.threshold else (None, 0.0)

    # -- direct quotes -------------------------------------------------------------------

    def _direct(
        self,
        doc: Doc,
        text: str,
        regions: list[tuple[int, int]],
        cores: list[tuple[int, int]],
        actors: ActorIndex,
        reported: list[Candidate],
    ) -> list[Candidate]:
        found: list[Candidate] = []
        previous: Quote | None = None
        for (start, end), core in zip(regions, cores, strict=True):
            span = doc.char_span(start, end, alignment_mode="expand")
            inside = _inside_reported(text, *core, reported)
            if span is None or inside or _labelled(start, end, reported):
                continue
            if previous is not None and start < previous.end:
                continue  # a fragment inside the clause the previous quotation was widened to
            opens = _opens_sentence(text, start)
            signed = signed_by(text, doc, (start, end), actors)  # “…” ― Dragan Ilić
            cue = self._cue_for(doc, span, opens) if signed is None else None
            if cue is not None and _in_setting(cue, span):
                continue  # "On Sunday's broadcast of “Face the Nation,” the senator said…": a title
            speaker = speaker_of(cue, actors) if cue is not None else None
            cue_text = _cue_text(cue) if cue is not None else None
            if signed is not None:
                speaker, cue_text = signed
            before = _latest_before(start, previous, reported)
            if speaker is None and before is not None and opens and _continues(doc, before, span):
                named = (before.speaker_start, before.speaker_end)  # where the speaker was named
                speaker, cue_text = Speaker(before.speaker_text, before.speaker, *named), before.cue
            if speaker is None and not _stands_alone(span):
                continue  # a title, a name or scare quotes, not someone's words
            speaker = speaker or Speaker(None, None)
            clause = self._clause_around(cue, span) if cue is not None else None
            if clause is not None:  # calls him the “butcher of democracy”: the whole clause is his
                start, end = clause.start_char, clause.end_char
            words = text[start:end].strip()
            quote = Quote(speaker.actor_id, speaker.text, words, start, start + len(words), True, cue_text)
            quote.speaker_start, quote.speaker_end = speaker.start, speaker.end
            found.append(Candidate(quote, cue.idx if cue is not None else None))
            previous = quote
        return found

    def _clause_around(self, cue: Token, quote: Span) -> Span | None:
        """The content clause of the cue, when a quotation is only a fragment inside it."""
        if _stands_alone(quote):
            return None
        quote = trim_span(quote) or quote  # “smart.”: the full stop inside the marks hangs on the cue
        # a quotation inside the clause is evidence enough: any rule's match will do, else the
        # cue's complement that holds the quotation
        best = self._best_content(cue)[0]
        spans = [best] if best is not None else []
        found = content_of(cue, self.all_rules)
        spans += [content_span(found[0])] if found is not None else []
        spans += [
            content_span(cue.doc[c.left_edge.i : c.right_edge.i + 1])
            for c in cue.children
            if c.dep_ in _COMPLEMENTS and c.left_edge.i <= quote.start and quote.end <= c.right_edge.i + 1
        ]
        for clause in spans:
            if clause.start <= quote.start and quote.end <= clause.end and len(clause) > len(quote) + 1:
                return clause
        return _rest_of_sentence(cue, quote)

    def _cue_for(self, doc: Doc, quote: Span, opens: bool = True) -> Token | None:
        """The cue of a quote: the first past its closing marks when it ends in a comma, question
        or exclamation mark (“…,” she said), else the verb the parse hangs it on, else the nearest
        cue after it in its sentence or, for a quotation that opens its sentence, before it."""
        # past the closing marks; the parser often starts a sentence there after “…?” and “…!”,
        # but "“Did you know?” Todd asked" is one sentence
        first = quote.end
        while first < len(doc) and doc[first].text in QUOTE_MARKS:
            first += 1
        if quote.text.rstrip().endswith(","):
            while first < len(doc) and doc[first].is_space:
                first += 1  # “…,”\n\nhe pointed out: a comma leaves the cue to come, past a line break
        after = self._nearest_cue(doc[first : min(len(doc), first + _MAX_CUE_DISTANCE)])
        if after is not None and quote.text.rstrip().endswith((",", "?", "!")):
            return after
        for token in quote:
            head = token.head
            if not quote.start <= head.i < quote.end and is_speech_cue(head, self.rules):
                return head
        if first < len(doc) and doc[first].is_sent_start:
            after = None  # “We will win.” Kurti said on Monday that…: a sentence of its own
        if after is not None and not _governs(after, quote):
            after = None  # "an “irreparable” blow if the war continues": the cue says nothing of it
        if after is not None or not opens:
            return after  # a quotation inside the writer's phrase takes no cue from before it
        last = quote.start  # before the opening marks: 'she said, "I read it once over…"'
        while last > 0 and doc[last - 1].text in QUOTE_MARKS:
            last -= 1
        before = doc[max(0, last - _MAX_CUE_DISTANCE) : last]
        return self._nearest_cue(list(reversed(before)), backwards=True)

    def _nearest_cue(self, window: Span | list[Token], backwards: bool = False) -> Token | None:
        """The first speech cue with a subject in ``window`` (tokens after a quote, or before it
        in reverse), not past another quotation mark or into another sentence."""
        for n, token in enumerate(window):
            if token.text in QUOTE_MARKS or (n > 0 and token.is_sent_start and not backwards):
                break
            if is_speech_cue(token, self.rules) and (_has_subject(token) or name_right_before(token)):
                return token
            if backwards and token.is_sent_start:
                break  # this token opened the quote's sentence
        return None


def _in_setting(cue: Token, quote: Span) -> bool:
    """The quotation is inside a phrase that sets the scene of the cue before it ("In an interview
    with “Face the Nation,” she said")."""
    return any(t.dep_ == "prep" and t.head == cue and t.i < cue.i for t in quote[0].ancestors)


def _governs(cue: Token, quote: Span) -> bool:
    """The cue's clause holds the quotation, or the quotation's sentence the cue as an aside."""
    inside = [t for t in quote if not t.is_punct] or list(quote)
    return any(cue in t.ancestors for t in inside) or any(t in cue.ancestors for t in inside)


def _colon_lines(doc: Doc, text: str, actors: ActorIndex) -> list[Candidate]:
    """Headlines and transcripts that name the speaker before a colon ("Pence: …", "WALLACE: …")."""
    found = []
    for line in _COLON_LINE.finditer(text):
        words = line.group(2).rstrip()
        name = doc.char_span(line.start(1), line.end(1), alignment_mode="expand")
        if name is None or len(words.split()) < 3 or not _is_speaker_label(name):
            continue
        speaker = actors.speaker_for(name)
        place = name.root.ent_type_ in ("GPE", "LOC") or _named_as_place_elsewhere(name)
        if place and (speaker.actor_id is None or len(words.split()) >= _DATELINE_SENTENCE):
            continue  # "New Delhi: Ahead of the election in Nigeria, there has been…": a dateline
        quote = Quote(
            speaker.actor_id, name.text, words, line.start(2), line.start(2) + len(words), False, ":"
        )
        quote.speaker_start, quote.speaker_end = name.start_char, name.end_char
        found.append(Candidate(quote, line.end(1)))
    return found


def _names_its_noun(cue: Token) -> bool:
    """ "a group called the Tyre Extinguishers": one name and no object or subject of its own (the
    parse also hangs "rabbis called for a boycott" and "a lawmaker called Trump "the…"" on the
    noun)."""
    if cue.sent.root.pos_ not in ("VERB", "AUX"):
        return False  # "Stevens, a strategist, called X childish": "called" is the main verb
    deps = [c.dep_ for c in cue.children]
    return deps.count("oprd") == 1 and not set(deps) & {"dobj", "nsubj", "prep"}


def _named_as_place_elsewhere(name: Span) -> bool:
    """ "Davos: …" where the article also says "in Davos, Switzerland"."""
    others = (t for t in name.doc if t.text == name.text and t.i != name.start)
    return len(name) == 1 and any(reads_as_place(t) for t in others)


def _is_speaker_label(name: Span) -> bool:
    """A name and nothing else: up to four proper nouns or capitalised words, not a heading. A
    headline's first word is often tagged a common noun ("Sanders: Clinton needs…", "Poll: …")."""
    if len(name) > 4 or name[0].lower_ in _NOT_A_SPEAKER_LABEL:
        return False
    if any(t.pos_ in ("ADP", "VERB", "AUX") for t in name):
        return False  # "The Talks Go On: …", "Deal Over Gas: …" are headings
    return all(t.pos_ == "PROPN" or t.is_upper or t.is_title or t.is_punct for t in name)


def _according_to(doc: Doc, according: Token, actors: ActorIndex) -> Candidate | None:
    """ "According to the ministry, 30 soldiers were hurt": the rest of the clause is the content."""
    to = doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    source_span = doc[source.left_edge.i : source.right_edge.i + 1]
    if according.dep_ == "ROOT":
        # a parse that failed to attach "According" also hangs the clause on the source:
        # the source then ends at its first comma
        comma = next((t.i for t in source_span if t.text == ","), source_span.end)
        source_span = doc[source_span.start : comma]
    sentence = according.sent  # the whole sentence, on either side of "according to X"
    left, right = trim_span(doc[sentence.start : according.i]), trim_span(doc[source_span.end : sentence.end])
    # the side that holds the clause "according to" qualifies; a root "According" (a parse
    # that failed to attach it) opens the sentence, so its clause follows
    holds_clause = left if according.head.i < according.i else right
    content = holds_clause if len(holds_clause) >= 3 else (right if holds_clause is left else left)
    if len(content) < 3:
        return None
    return _reported_candidate(content, actors.speaker_for(source_span), according, "according to")


_POLLS = frozenset({"poll", "survey"})


def _in_a_poll(doc: Doc, prep: Token, actors: ActorIndex) -> Candidate | None:
    """ "In the latest CNN poll, Clinton leads by five points": the poll's finding is the clause
    the phrase hangs on, the poll its source."""
    poll = next((c for c in prep.children if c.dep_ == "pobj"), None)
    clause = prep.head
    if poll is None or poll.lemma_.lower() not in _POLLS or clause.pos_ not in ("VERB", "AUX"):
        return None
    if clause.dep_ in ("relcl", "acl") or not _has_subject(clause):
        return None  # "…, who is struggling in the polls": the poll says nothing of its own
    source = doc[poll.left_edge.i : poll.right_edge.i + 1]
    if prep.i < clause.i:
        content = trim_span(doc[prep.right_edge.i + 1 : clause.right_edge.i + 1])
    else:
        content = trim_span(doc[clause.left_edge.i : prep.i])
    if len(content) < 3:
        return None
    return _reported_candidate(content, actors.speaker_for(source), prep, "in")


def _has_subject(cue: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ == "agent" for c in cue.children)


def _word_end(text: str, start: int, end: int) -> int:
    """Where a quotation's words end, before the full stop or comma it ends with: a reported
    clause cut before its full stop still holds “… a private email server.”"""
    return start + len(text[start:end].rstrip(_END_PUNCTUATION))


def _inside_reported(text: str, start: int, end: int, reported: list[Candidate]) -> bool:
    """A quoted phrase inside a longer reported clause (one with words of its own, not only the
    quotation marks) belongs to that clause."""
    return any(
        c.quote.start <= start
        and end <= c.quote.end
        and _has_words(text[c.quote.start : start] + text[end : c.quote.end])
        for c in reported
    )


def _says_something(content: Span) -> bool:
    """A content with a word in it ("call 212 416 4552" has none), and more than a pronoun
    ("insist on it"): "endorses Clinton" says something, "defended it" does not."""
    return any(t.is_alpha for t in content) and not (len(content) == 1 and content[0].pos_ == "PRON")


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _labelled(start: int, end: int, reported: list[Candidate]) -> bool:
    """A quotation that holds a "SPEAKER: words" line is read as that line."""
    return any(c.quote.cue == ":" and c.quote.start < end and start < c.quote.end for c in reported)


def _stands_alone(span: Span) -> bool:
    """A quotation with no speaker is kept only if it reads as a sentence someone said."""
    words = [t for t in span if t.is_alpha]
    capitalised = sum(t.text[:1].isupper() for t in words)
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    return len(words) >= 6 and has_verb and capitalised <= len(words) / 2


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a quotation opens its sentence or a split quote's second half: only marks and
    spaces back to a sentence's end, a colon, a comma, a dash or a line break ("… an
    “extraordinarily long line” …" does not)."""
    before = text[max(0, start - _LOOK_BACK) : start].rstrip(_OPENING_MARKS)
    return not before or before[-1] in _SENTENCE_OPENERS


def _rest_of_sentence(cue: Token, quote: Span) -> Span | None:
    """What the cue introduces when the parse links it to none of its complements: the rest of
    its sentence after the cue, or before its subject when the cue comes last."""
    sentence = cue.sent
    if cue.i < quote.start:
        span = cue.doc[cue.i + 1 : sentence.end]
    else:
        subject = subject_of(cue)
        end = min(cue.i, subject.left_edge.i) if subject is not None else cue.i
        span = cue.doc[sentence.start : end]
    clause = trim_span(span)
    inside = clause.start <= quote.start and quote.end <= clause.end
    return clause if inside and len(clause) > len(quote) + 1 else None


def _latest_before(start: int, previous: Quote | None, reported: list[Candidate]) -> Quote | None:
    """The last quote before ``start`` with a speaker, direct or reported: a quotation with no
    cue after "Zelenskiy said he was thankful…" is his too."""
    said = [c.quote for c in reported if c.quote.end <= start and c.quote.speaker_text]
    latest = max(said, key=lambda q: q.end, default=None)
    if previous is None or (latest is not None and latest.end > previous.end):
        return latest
    return previous


def _continues(doc: Doc, previous: Quote, span: Span) -> bool:
    """A quote with no cue of its own continues the previous speaker's, unless more than two
    sentences separate them or someone else is named in between, outside the sentence that names
    the speaker ("…,” she said at the dinner, where Mr. Novak also spoke. “…” is still hers)."""
    between = doc.char_span(previous.end, span.start_char, alignment_mode="expand")
    if between is None:
        return True
    name = _speaker_name(doc, previous)
    speaker, own = _described(name), name.sent if name is not None else None
    others = [t for t in between if t.ent_type_ == "PERSON" and t.idx not in speaker and t.sent != own]
    return sum(1 for t in between if t.is_sent_start) <= 2 and not others


def _speaker_name(doc: Doc, quote: Quote) -> Span | None:
    """The mention of a quote's speaker, when the text names one."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    return doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")


def _described(name: Span | None) -> range:
    """Characters of a speaker's mention with the description that hangs on it: "Alex Conant, a
    senior aide with Sen. Marco Rubio's campaign" names one speaker, not two."""
    if name is None:
        return range(0)
    last = name.root.right_edge
    return range(min(name.start_char, name.root.left_edge.idx), max(name.end_char, last.idx + len(last.text)))


def _cue_text(cue: Token) -> str:
    particles = [c for c in cue.children if c.dep_ == "prt" and c.lower_ in CUE_PARTICLES]
    return cue.text + "".join(" " + p.text for p in particles)


def _reported_candidate(
    content: Span, speaker: Speaker, cue: Token, cue_text: str, probability: float = 1.0
) -> Candidate:
    """A reported reading; its content can hold another's words when a verb heads it."""
    root = content.root
    clause = root.pos_ in ("VERB", "AUX")
    quote = _quote(content, speaker, cue_text, direct=False)
    # "his claim that…", "a statement that said…": the noun is someone's words, or their speaker
    voiced = any(c.dep_ == "poss" or (c.dep_ == "relcl" and is_speech_verb(c)) for c in root.children)
    owned = root.i != cue.i and root.pos_ == "NOUN" and voiced
    return Candidate(quote, cue.idx, clause, probability, owned)


def _quote(content: Span, speaker: Speaker, cue: str, direct: bool) -> Quote:
    quote = Quote(
        speaker.actor_id, speaker.text, content.text, content.start_char, content.end_char, direct, cue
    )
    quote.speaker_start, quote.speaker_end = speaker.start, speaker.end
    return quote
