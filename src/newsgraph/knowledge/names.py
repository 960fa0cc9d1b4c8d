"""Personal names: the gender a first name usually carries, for pronoun resolution.

``knowledge/data/first_names.tsv`` (name, m|f) is rebuilt by
``scripts/build_gazetteer.py`` from the gendered people of the gazetteer's
sources; names used for both are left out.
"""

from __future__ import annotations

import functools
from importlib import resources

from newsgraph.knowledge.gazetteer import match_key


@functools.lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    path = resources.files("newsgraph.knowledge").joinpath("data", "first_names.tsv")
    if not path.is_file():
        return {}
    names = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            name, gender = line.split("\t", 1)
            names[name] = gender.strip()
    return names


def first_name_gender(full_name: str) -> str | None:
    """ "m" or "f" for a name whose first word is a known first name, else None."""
    words = full_name.split()
    if len(words) < 2:
        return None
    return _first_names().get(match_key(words[0]))
