"""A progress bar for long jobs run from the shell (`kredsraad …`).

On a terminal the bar is redrawn in place; in a log (CI, cron) a line is written for every tenth
of the way, so the log stays short and still shows that the job moves.
"""

import sys
from typing import TextIO

from django.core.management.base import OutputWrapper


class ProgressBar:
    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: TextIO | OutputWrapper | None = None,
        width: int = 30,
    ):
        self.total = max(total, 0)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.done = 0
        self._interactive = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last_tenth = -1

    def __enter__(self):
        self._draw()
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.done = self.total
            self._draw()
        if self._interactive:
            self._write("\n")
        self.stream.flush()

    def advance(self, steps: int = 1) -> None:
        self.done = min(self.done + steps, self.total)
        self._draw()

    def _draw(self) -> None:
        fraction = self.done / self.total if self.total else 1.0
        if not self._interactive:
            tenth = int(fraction * 10)
            if tenth == self._last_tenth:
                return
            self._last_tenth = tenth
        filled = round(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"{self.label} [{bar}] {self.done}/{self.total} ({fraction:.0%})"
        self._write(f"\r{line}" if self._interactive else f"{line}\n")
        self.stream.flush()

    def _write(self, text: str) -> None:
        # A management command's stdout/stderr would end every write with a newline.
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)
