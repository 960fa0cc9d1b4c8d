"""Turn the bytes of an input into text: detect binaries and encodings, report damage."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from newsgraph.errors import Code, InputError, Problem

# Leading bytes of formats people drop into a news folder by mistake.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
    b"DUCK": "a DuckDB database",
}
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SNIFF = 8192
_READABLE = "newsgraph reads plain text, HTML, JSON Lines and RSS/Atom feeds"


def decode_bytes(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Decode ``data`` read from ``path``; raise InputError if it is empty, binary or undecodable."""
    if not data.strip():
        raise InputError(Problem(Code.EMPTY, path, "file is empty; nothing to read"))
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(Problem(Code.BINARY, path, f"binary file ({what}); {_READABLE}"))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _check_text(data.decode(encoding, errors="replace"), path), []
    if b"\x00" in data[:_SNIFF]:
        return _decode_nul_bearing(data, path), []
    try:
        return _check_text(data.decode("utf-8"), path), []
    except UnicodeDecodeError as exc:
        return _decode_non_utf8(data, path, exc)


def _decode_nul_bearing(data: bytes, path: str) -> str:
    """NUL bytes mean UTF-16/32 without a BOM, or a binary file."""
    best = charset_normalizer.from_bytes(data[: _SNIFF * 8]).best()
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        return _check_text(data.decode(best.encoding, errors="replace"), path)
    offset = data.index(b"\x00")
    raise InputError(Problem(Code.BINARY, path, f"binary file (NUL byte at byte {offset}); {_READABLE}"))


def _decode_non_utf8(data: bytes, path: str, exc: UnicodeDecodeError) -> tuple[str, list[Problem]]:
    """UTF-8 with a few damaged bytes keeps its text; anything else goes to detection."""
    valid_multibyte = len(_UTF8_MULTIBYTE.findall(data))
    if valid_multibyte:
        text = data.decode("utf-8", errors="replace")
        damaged = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        if damaged <= valid_multibyte:
            reason = f"{damaged} invalid UTF-8 byte sequence(s) replaced with U+FFFD"
            warning = Problem(Code.REPLACED_BYTES, path, reason, f"byte {exc.start}")
            return _check_text(text, path), [warning]
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        reason = f"not valid UTF-8 (byte {exc.start}) and no other text encoding fits; {_READABLE}"
        raise InputError(Problem(Code.UNDECODABLE, path, reason))
    return _check_text(str(best), path), []


def _check_text(text: str, path: str) -> str:
    """Reject decoded text that is mostly control characters: a binary in disguise."""
    sample = text[:_SNIFF]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError(Problem(Code.BINARY, path, f"binary file (control characters); {_READABLE}"))
    if not text.strip():
        raise InputError(Problem(Code.EMPTY, path, "file holds only whitespace; nothing to read"))
    return text
