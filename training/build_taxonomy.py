"""Derive the label lists of SemEval-2025 Task 10 into ``analysis/models/taxonomy.json``.

    .venv/bin/python training/build_taxonomy.py

Only label names are kept (facts): the 3 main roles with their 22 fine roles, and
the narratives with their subnarratives (each with its ``…: Other``), plus ``Other``.
"""

from __future__ import annotations

import json

from common import DATA

from newsgraph.analysis.textvec import model_path

TAXONOMY = DATA / "semeval2025-t10" / "taxonomy"


def roles() -> dict[str, list[str]]:
    """Main role → fine roles, from ``subtask1_roles.txt`` (the scorer's lists)."""
    found: dict[str, list[str]] = {}
    for line in (TAXONOMY / "subtask1_roles.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            main, fine = line.split("\t")
            found[main.strip()] = [f.strip() for f in fine.split(",")]
    return found


def narratives() -> dict[str, list[str]]:
    """Narrative → its subnarratives (full labels, as the scorer writes them); ``Other`` has none."""
    subs = json.loads((TAXONOMY / "subtask2_subnarratives.json").read_text(encoding="utf-8"))
    names = [n.strip() for n in (TAXONOMY / "subtask2_narratives.txt").read_text("utf-8").splitlines()]
    found = {name: sorted(subs.get(name, {})) for name in names if name}
    found.setdefault("Other", [])
    return found


def main() -> None:
    taxonomy = {"roles": roles(), "narratives": narratives()}
    path = model_path("taxonomy.json")
    path.write_text(json.dumps(taxonomy, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    fine = sum(len(v) for v in taxonomy["roles"].values())
    subs = sum(len(v) for v in taxonomy["narratives"].values())
    print(
        f"{len(taxonomy['roles'])} main / {fine} fine roles, {len(taxonomy['narratives'])} narratives / "
        f"{subs} subnarratives -> {path}"
    )


if __name__ == "__main__":
    main()
