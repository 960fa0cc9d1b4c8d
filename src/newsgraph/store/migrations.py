"""Forward-only schema migrations: numbered SQL files applied in order, each in a transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from newsgraph.errors import Code, NewsgraphError

_FILE = re.compile(r"^(\d{4})_(\w+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """Every migration shipped in ``newsgraph/store/migrations``, oldest first."""
    folder = resources.files("newsgraph.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _FILE.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


def latest_version() -> int:
    return available_migrations()[-1].version


def current_version(con: Any) -> int:
    """The newest migration applied to the database behind ``con`` (0 for a new one)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def check_not_newer(con: Any, path: str) -> int:
    version = current_version(con)
    if version > latest_version():
        message = (
            f"{path} has schema version {version}, newer than this newsgraph knows "
            f"({latest_version()}); upgrade newsgraph to read it"
        )
        raise NewsgraphError(Code.STORE_NEWER, message)
    return version


def migrate(con: Any, path: str, target: int | None = None) -> list[int]:
    """Apply the migrations the database lacks, up to ``target``; return the versions applied."""
    version = check_not_newer(con, path)
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
        "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    applied = []
    for migration in available_migrations():
        if migration.version <= version or (target is not None and migration.version > target):
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
