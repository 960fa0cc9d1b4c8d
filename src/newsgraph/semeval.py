"""Readers and writers for the SemEval file layouts that ``newsgraph predict`` speaks.

- SemEval-2025 Task 10 (entity framing, narratives): a folder of ``<id>.txt``
  articles (first line the title, then a blank line, then the body); subtask-1
  mention lines ``article_id, mention, start, end`` with ``end`` *inclusive*;
  subtask-2 lines ``article_id, narratives;…, subnarratives;…``.
- SemEval-2023 Task 3 subtask 1 (genre): ``article<id>.txt`` files and
  ``id<TAB>genre`` lines.

Gold annotation readers live here as well, so that the training scripts, the
evaluation and the tests read the files one way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.records import Article

_GENRE_FILE = re.compile(r"^article(\w+)\.txt$")


@dataclass(slots=True)
class Document:
    """One SemEval article: ``text`` is the whole file, the offsets of the tasks point into it."""

    id: str
    text: str

    @property
    def title(self) -> str | None:
        first, sep, _rest = self.text.partition("\n")
        return first.strip() or None if sep else None

    @property
    def body_start(self) -> int:
        """Offset of the body: after the title line and the blank line that follows it."""
        match = re.match(r"[^\n]*\n[ \t\r]*\n", self.text)
        return match.end() if match else 0

    def article(self) -> Article:
        """The document as newsgraph reads it: a title and a body."""
        start = self.body_start
        title = self.title if start else None
        return Article(id=self.id, text=self.text[start:], title=title)


@dataclass(slots=True)
class MentionLine:
    """One subtask-1 line; ``start``/``end`` as in the file (end inclusive)."""

    article_id: str
    mention: str
    start: int
    end: int
    main: str | None = None
    fine: list[str] = field(default_factory=list)


def read_documents(folder: str | Path, genre_ids: bool = False) -> list[Document]:
    """Every ``*.txt`` of a folder, sorted by name. SemEval-2025 ids keep the file name
    (``EN_UA_001.txt``, as the official scorer wants); SemEval-2023 ids drop the
    ``article`` prefix and the suffix when ``genre_ids`` is set."""
    documents = []
    for path in sorted(Path(folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        documents.append(Document(genre_id(path.name) if genre_ids else path.name, text))
    return documents


def genre_id(file_name: str) -> str:
    match = _GENRE_FILE.match(file_name)
    return match.group(1) if match else Path(file_name).stem


def _rows(path: str | Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\r\n")
            if line.strip():
                yield line.split("\t")


class FormatError(ValueError):
    """A line of a SemEval file that cannot be read; ``line`` counts from 1."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


def read_mentions(path: str | Path) -> list[MentionLine]:
    """Subtask-1 lines; role columns, when the file has them (gold files), are kept.
    Raises ``FormatError`` on the first malformed line."""
    found = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                found.append(_mention(line.rstrip("\r\n").split("\t"), number))
    return found


def _mention(row: list[str], number: int) -> MentionLine:
    if len(row) < 4:
        raise FormatError(
            number, f"expected 4 tab-separated columns (id, mention, start, end), got {len(row)}"
        )
    try:
        start, end = int(row[2]), int(row[3])
    except ValueError:
        raise FormatError(number, f"start and end must be integers, got {row[2]!r} and {row[3]!r}") from None
    if start < 0 or end < start:
        raise FormatError(number, f"bad offsets {start}-{end} (end is inclusive and not before start)")
    roles = [r.strip() for r in row[4:] if r.strip()]
    main, fine = (roles[0], roles[1:]) if roles else (None, [])
    return MentionLine(row[0].strip(), row[1], start, end, main, fine)


def fix_offsets(text: str, line: MentionLine) -> bool:
    """Point ``line`` at its mention text when the given offsets miss it: the occurrence
    nearest to the given start wins. True when the offsets were changed."""
    if text[line.start : line.end + 1] == line.mention:
        return False
    needle = line.mention.strip()
    starts = [m.start() for m in re.finditer(re.escape(needle), text)] if needle else []
    if not starts:
        return False
    best = min(starts, key=lambda s: abs(s - line.start))
    line.start, line.end = best, best + len(needle) - 1
    return True


def read_narratives(path: str | Path) -> dict[str, tuple[list[str], list[str]]]:
    """Subtask-2 gold: article id → (narratives, subnarratives), each deduplicated in order."""
    gold = {}
    for row in _rows(path):
        narratives = _split_labels(row[1] if len(row) > 1 else "")
        subnarratives = _split_labels(row[2] if len(row) > 2 else "")
        gold[row[0].strip()] = (narratives, subnarratives)
    return gold


def _split_labels(cell: str) -> list[str]:
    labels = [label.strip() for label in cell.split(";")]
    return list(dict.fromkeys(label for label in labels if label))


def read_genres(path: str | Path) -> dict[str, str]:
    return {row[0].strip(): row[1].strip() for row in _rows(path) if len(row) > 1}


def mention_line(line: MentionLine, main: str, fine: Iterable[str]) -> str:
    """A subtask-1 prediction line, offsets as given in the input."""
    return "\t".join([line.article_id, line.mention, str(line.start), str(line.end), main, *fine])


def narrative_line(article_id: str, narratives: list[str], subnarratives: list[str]) -> str:
    return f"{article_id}\t{';'.join(narratives)}\t{';'.join(subnarratives)}"


def genre_line(article_id: str, genre: str) -> str:
    return f"{article_id}\t{genre}"
