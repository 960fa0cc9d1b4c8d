"""The evaluation gate in ``bench/``: recorded scores, and what makes a run fail."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import quality_gate  # noqa: E402

BASELINES = {
    "tolerance": 0.002,
    "evaluations": {"quotes:dev": {"content_f1": 0.731, "source_accuracy": 0.898}},
}


def test_a_score_that_drops_past_the_tolerance_is_named():
    found = quality_gate.shortfalls("quotes:dev", {"content_f1": 0.7284, "source_accuracy": 0.9}, BASELINES)
    assert found == ["quotes:dev: content_f1 0.728 is below its baseline 0.731 (tolerance 0.002)"]


@pytest.mark.parametrize("f1", [0.7294, 0.731, 0.760])
def test_a_score_within_the_tolerance_or_above_passes(f1):
    scores = {"content_f1": f1, "source_accuracy": 0.898}
    assert quality_gate.shortfalls("quotes:dev", scores, BASELINES) == []


def test_a_recorded_score_left_unmeasured_fails():
    found = quality_gate.shortfalls("quotes:dev", {"content_f1": 0.74}, BASELINES)
    assert found == ["quotes:dev: source_accuracy was not measured (baseline 0.898)"]


def test_a_run_with_nothing_recorded_never_passes(tmp_path, capsys):
    path = tmp_path / "baselines.json"
    path.write_text(json.dumps(BASELINES), encoding="utf-8")
    assert quality_gate.enforce({"quotes:train-last-200": {"content_f1": 0.99}}, path) == 1
    assert "no baselines recorded" in capsys.readouterr().out
    assert quality_gate.enforce({}, path) == 1  # e.g. the CoNLL file was missing
    assert capsys.readouterr().out.strip() == "gate: FAIL nothing was evaluated"
    assert quality_gate.enforce({"quotes:dev": {"content_f1": 0.731, "source_accuracy": 0.898}}, path) == 0
    assert capsys.readouterr().out.strip() == "gate: pass (quotes:dev)"


def test_the_recorded_baselines_are_the_scores_in_results():
    """Every baseline is a number RESULTS.md reports, so the two are updated together."""
    baselines = quality_gate.load_baselines()
    results = (BENCH / "RESULTS.md").read_text(encoding="utf-8")
    reported = set(re.findall(r"\b0\.\d{3}\b", results))
    recorded = [(name, key, value) for name, scores in baselines["evaluations"].items()
                for key, value in scores.items()]  # fmt: skip
    assert {"quotes:dev", "events:PLOVER_GSR_dev_half", "framing:seed-13"} <= set(baselines["evaluations"])
    assert [(n, k, v) for n, k, v in recorded if f"{v:.3f}" not in reported] == []
