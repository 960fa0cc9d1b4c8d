"""Where a text is inside quotation marks: “…”, "…", «…», „…“, ‘…’ used as quotes, and the
typewriter pairs ``…'' and ''…'' some wire services still send.

Paragraph breaks end an unclosed quotation, except that a paragraph opening
with a quotation mark continues it (the press convention for quotes that run
over several paragraphs, where the closing mark is left off in between).
"""

from __future__ import annotations

import re

# opening mark -> the marks that close it; „ closes with “ in German style, with ” in Polish; a
# closing ” typed where the quotation opens (”Fear. I am…”) still opens one, and a curly quotation
# closed with a straight mark (“…") or the other way round ("…”) still closes
_PAIRS = {
    "“": ("”", '"'), "«": ("»",), "„": ("“", "”"), "‘": ("’",), '"': ('"', "”"), "»": ("«",),
    "``": ("''",), "''": ("''",), "”": ("”",),
}  # fmt: skip
# An opening mark: at the start, or after a space, bracket or dash; followed by a non-space (a
# closing ” only when a letter follows: a word cannot end right after a space).
_OPENING = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))(``|''|[“«„‘\"»](?=[^\s'])|”(?=\w))", re.MULTILINE)


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges (inside the marks) of every quotation in ``text``, in order."""
    regions = []
    position = 0
    while True:
        opening = _OPENING.search(text, position)
        if opening is None:
            return regions
        start = opening.end()
        end = _closing(text, start, _PAIRS[opening.group(1)])
        if end is None:
            position = start
            continue
        regions.append((start, end))
        position = end + 1


def _closing(text: str, start: int, marks: tuple[str, ...]) -> int | None:
    """Index of the first closing mark, or None; a quote may go on past a paragraph that reopens it."""
    index = start
    while index < len(text):
        for mark in marks:
            if text.startswith(mark, index) and (mark != "’" or not _is_apostrophe(text, index)):
                return index
        if text.startswith("\n\n", index):
            following = text[index:].lstrip()
            reopening = next((mark for mark in _PAIRS if following.startswith(mark)), None)
            if reopening is None:
                return None
            # the mark reopening the next paragraph is no closing one (a straight " is both)
            index = len(text) - len(following) + len(reopening)
            continue
        index += 1
    return None


def _is_apostrophe(text: str, index: int) -> bool:
    """’ between letters (don’t, Kosovo’s) is an apostrophe, not a closing quote."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return before.isalpha() and after.isalpha()


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in regions)
