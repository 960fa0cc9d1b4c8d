"""``newsgraph predict``: the framing, narratives and genre models on SemEval inputs, official formats out.

    newsgraph predict framing --documents DIR --mentions FILE   # SemEval-2025 T10 subtask 1
    newsgraph predict narratives --documents DIR                # SemEval-2025 T10 subtask 2
    newsgraph predict genre --documents DIR                     # SemEval-2023 T3 subtask 1

Each document is parsed once (whole file, title line included, so that the given
offsets point into it) and read by the same models the analysis stages use.
Unusable input stops the command with one line on stderr and exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from spacy.tokens import Doc

from newsgraph.errors import Code, Problem
from newsgraph.semeval import (
    Document,
    FormatError,
    MentionLine,
    fix_offsets,
    genre_line,
    mention_line,
    narrative_line,
    read_documents,
    read_mentions,
)

EXIT_BAD_INPUT = 2  # the CLI's usage-error code: nothing was predicted

predict_app = typer.Typer(
    help="SemEval predictions: entity framing, narratives, genre (official line formats on stdout).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DocumentsOption = Annotated[Path, typer.Option("--documents", help="Folder of <id>.txt articles.")]
MentionsOption = Annotated[
    Path, typer.Option("--mentions", help="Subtask-1 mention lines (id, text, start, end).")
]


def fail(code: Code, path: Path | str, reason: str, position: str | None = None) -> typer.Exit:
    """Report one problem on stderr; the caller raises the returned Exit."""
    print(Problem(code, str(path), reason, position), file=sys.stderr)
    return typer.Exit(EXIT_BAD_INPUT)


def load_documents(folder: Path, genre_ids: bool = False) -> list[Document]:
    if not folder.is_dir():
        raise fail(Code.NO_DOCUMENTS, folder, "no such folder" if not folder.exists() else "not a folder")
    documents = read_documents(folder, genre_ids=genre_ids)
    if not documents:
        raise fail(Code.NO_DOCUMENTS, folder, "no .txt documents in this folder")
    return documents


def parse(documents: list[Document]) -> Iterator[tuple[Document, Doc]]:
    """Each document with its spaCy parse (the whole file text)."""
    from newsgraph.analysis.pipeline import load_language

    nlp = load_language()
    yield from zip(documents, nlp.pipe((d.text for d in documents), batch_size=16), strict=True)


def _write(line: str) -> None:
    sys.stdout.write(line + "\n")


@predict_app.command("framing")
def predict_framing(documents: DocumentsOption, mentions: MentionsOption) -> None:
    """Main and fine roles for each mention line, as subtask-1 prediction lines."""
    from newsgraph.analysis.framing import load_model, mention_role
    from newsgraph.analysis.textvec import doc_context

    docs = load_documents(documents)
    lines = load_mentions(mentions, {d.id: d for d in docs}, documents)
    model = load_model()
    by_article: dict[str, list[MentionLine]] = {}
    for line in lines:
        by_article.setdefault(line.article_id, []).append(line)
    roles = {}
    for document, doc in parse([d for d in docs if d.id in by_article]):
        context = doc_context(doc)
        for line in by_article[document.id]:
            found = _located(document, line)
            roles[id(line)] = mention_role(model, context, found.start, found.end + 1, found.mention)
    for line in lines:
        role = roles[id(line)]
        main, fine = (role.main, role.fine) if role else ("Antagonist", ["Conspirator"])  # the commonest
        _write(mention_line(line, main, fine))


def _located(document: Document, line: MentionLine) -> MentionLine:
    """A copy of ``line`` pointing at its mention text (input offsets are sometimes off by a few)."""
    copy = MentionLine(line.article_id, line.mention, line.start, line.end)
    fix_offsets(document.text, copy)
    return copy


def load_mentions(path: Path, documents: dict[str, Document], folder: Path) -> list[MentionLine]:
    if not path.is_file():
        raise fail(Code.BAD_MENTION, path, "no such file" if not path.exists() else "not a file")
    try:
        lines = read_mentions(path)
    except FormatError as exc:
        raise fail(Code.BAD_MENTION, path, exc.reason, f"line {exc.line}") from None
    except UnicodeDecodeError:
        raise fail(Code.BAD_MENTION, path, "not UTF-8 text") from None
    for number, line in enumerate(lines, start=1):
        document = documents.get(line.article_id)
        if document is None:
            raise fail(
                Code.UNKNOWN_ARTICLE,
                path,
                f"article {line.article_id!r} is not in {folder}",
                f"line {number}",
            )
        if line.end >= len(document.text):
            size = len(document.text)
            reason = f"offsets {line.start}-{line.end} run past the end of {line.article_id} ({size} chars)"
            raise fail(Code.BAD_MENTION, path, reason, f"line {number}")
    return lines


@predict_app.command("narratives")
def predict_narratives(documents: DocumentsOption) -> None:
    """Narratives and subnarratives of each article, as subtask-2 prediction lines."""
    from newsgraph.analysis.narratives import OTHER, document_bag, load_model
    from newsgraph.analysis.narratives import predict_narratives as predict

    model = load_model()
    for document, doc in parse(load_documents(documents)):
        found = predict(model, [document_bag(doc, document.title)])[0]
        narratives = list(dict.fromkeys(n.narrative for n in found))
        subnarratives = list(dict.fromkeys(n.subnarrative or OTHER for n in found))
        _write(narrative_line(document.id, narratives, subnarratives))


@predict_app.command("genre")
def predict_genre(documents: DocumentsOption) -> None:
    """Genre of each article (opinion, reporting or satire) as ``id<TAB>genre`` lines."""
    from newsgraph.analysis.genre import genre_bag, load_model, predict_genres

    model = load_model()
    for document, doc in parse(load_documents(documents, genre_ids=True)):
        _write(genre_line(document.id, predict_genres(model, [genre_bag(doc, document.title)])[0]))
