"""Numbered, one-line problems reported for bad input, and the errors that carry them.

Codes are stable so that scripts can match them:

- E1xx: an input could not be read as an article (the article is skipped)
- W2xx: an input was read, but something about it is worth knowing
- E3xx: the store or the environment cannot go on (the command stops)
- E4xx: input to ``newsgraph predict`` (SemEval layouts) is unusable (the command stops)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    MISSING_PATH = "E101"
    EMPTY = "E102"
    BINARY = "E103"
    UNDECODABLE = "E104"
    TOO_LARGE = "E105"
    MALFORMED_HTML = "E106"
    MALFORMED_FEED = "E107"
    BAD_JSON = "E108"
    BAD_RECORD = "E109"
    NO_TEXT = "E110"
    UNSUPPORTED = "E111"
    UNREADABLE = "E112"
    ANALYSIS_FAILED = "E113"
    REPLACED_BYTES = "W201"
    RECOVERED_FEED = "W202"
    DUPLICATE_ID = "W204"
    STORE_LOCKED = "E301"
    STORE_NEWER = "E302"
    STORE_FAILED = "E303"
    MODEL_MISSING = "E304"
    NO_DOCUMENTS = "E401"
    BAD_MENTION = "E402"
    UNKNOWN_ARTICLE = "E403"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input: where it is and why it matters."""

    code: Code
    path: str
    reason: str
    position: str | None = None  # "line 17", "item 3", "byte 4096"

    @property
    def is_error(self) -> bool:
        return self.code.value.startswith("E")

    def __str__(self) -> str:
        where = f"{self.path}: {self.position}" if self.position else self.path
        kind = "error" if self.is_error else "warning"
        return f"{kind} {self.code.value}: {where}: {self.reason}"


class InputError(Exception):
    """An input that cannot become an article; carries the Problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class NewsgraphError(Exception):
    """A condition that stops the command, with a numbered, actionable message."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(f"error {code.value}: {message}")
        self.code = code
