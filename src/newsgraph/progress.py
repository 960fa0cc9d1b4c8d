"""Progress and closing summaries for long runs, on a terminal or in a log."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from newsgraph.runner import IngestReport
from newsgraph.runner import Progress as RunProgress

_PLAIN_EVERY_SECONDS = 5.0


class ProgressReporter:
    """A rich progress bar on a terminal; a plain line per few seconds when stderr is a file."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        self.console = console
        self.enabled = enabled
        self._bar: Progress | None = None
        self._task = None
        self._last_plain = 0.0

    def __enter__(self) -> ProgressReporter:
        if self.enabled and self.console.is_terminal:
            self._bar = Progress(
                TextColumn("ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("articles · {task.fields[rate]:.1f}/s · ETA"),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("ingest", total=None, rate=0.0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def update(self, progress: RunProgress) -> None:
        rate = progress.done / progress.elapsed if progress.elapsed > 0 else 0.0
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=progress.done, total=progress.total, rate=rate)
        elif self.enabled and time.monotonic() - self._last_plain >= _PLAIN_EVERY_SECONDS:
            self._last_plain = time.monotonic()
            self.console.print(plain_progress_line(progress, rate), markup=False)


def plain_progress_line(progress: RunProgress, rate: float) -> str:
    total = f"/{progress.total}" if progress.total else ""
    line = f"ingest: {progress.done}{total} articles, {rate:.1f} articles/s"
    if progress.total and rate > 0 and progress.total > progress.done:
        line += f", ETA {_duration((progress.total - progress.done) / rate)}"
    return line


def format_report(report: IngestReport, db: str | Path) -> list[str]:
    """The closing summary: what was stored, what was skipped and why."""
    rate = report.stored / report.elapsed if report.elapsed else 0.0
    lines = [
        f"Stored {report.stored} article(s) in {db} in {_duration(report.elapsed)} ({rate:.1f} articles/s): "
        f"{report.analyzed} analysed, {report.duplicates} duplicate(s) linked to their first copy, "
        f"{sum(report.not_analyzed.values())} not in English; {report.already_stored} already stored."
    ]
    if report.not_analyzed:
        languages = ", ".join(f"{lang}: {n}" for lang, n in report.not_analyzed.most_common())
        lines.append(
            f"Analysis is English-only for now: stored without analysis ({languages}); "
            "they stay searchable and are flagged with their language."
        )
    if report.skipped:
        lines.append(f"Skipped {sum(report.skipped.values())} input(s):")
        lines += [f"  {code} ×{n}: {report.reasons[code]}" for code, n in sorted(report.skipped.items())]
    if report.warnings:
        lines.append("Warnings: " + ", ".join(f"{c} ×{n}" for c, n in sorted(report.warnings.items())))
    return lines


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
