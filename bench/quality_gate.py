"""The evaluation gate: a score that falls below its recorded baseline fails the run.

Every ``bench/eval_*.py`` takes ``--gate``: after printing its tables it compares its scores with
the baselines in ``bench/baselines.json`` (the numbers in RESULTS.md) and exits with status 1,
one line per score that dropped by more than the file's tolerance. A score above its baseline
passes; record it by editing the file in the same commit as the change that earned it. A run
whose evaluation has no baselines at all (another split, another seed) fails too, so that a
gate never passes by checking nothing.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path

BASELINES = Path(__file__).with_name("baselines.json")


def load_baselines(path: Path = BASELINES) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def shortfalls(evaluation: str, scores: Mapping[str, float], baselines: Mapping) -> list[str]:
    """One line per recorded score of ``evaluation`` that ``scores`` misses or falls below."""
    recorded = baselines.get("evaluations", {}).get(evaluation)
    if not recorded:
        return [f"{evaluation}: no baselines recorded in {BASELINES.name}"]
    tolerance = float(baselines.get("tolerance", 0.0))
    found = []
    for name, baseline in sorted(recorded.items()):
        if name not in scores:
            found.append(f"{evaluation}: {name} was not measured (baseline {baseline:.3f})")
        elif round(scores[name], 3) < round(baseline - tolerance, 3):
            found.append(
                f"{evaluation}: {name} {scores[name]:.3f} is below its baseline {baseline:.3f}"
                f" (tolerance {tolerance:.3f})"
            )
    return found


def enforce(results: Mapping[str, Mapping[str, float]], path: Path = BASELINES) -> int:
    """Print the gate's verdict on every evaluation in ``results``; the exit status to use."""
    baselines = load_baselines(path)
    failed = [line for name, scores in results.items() for line in shortfalls(name, scores, baselines)]
    if not results:
        failed = ["nothing was evaluated"]
    for line in failed:
        print(f"gate: FAIL {line}")
    if not failed:
        print(f"gate: pass ({', '.join(results)})")
    return 1 if failed else 0


def add_gate_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gate", action="store_true", help=f"exit with status 1 when a score falls below {BASELINES.name}"
    )
