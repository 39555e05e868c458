"""rolemap's own load error: every problem found in a file, each with where and what to do."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

# Every character str.splitlines() breaks at, shown escaped so a problem stays on one line.
_ONE_LINE = {ord(ch): repr(ch)[1:-1] for ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file. ``line`` and ``column`` are 1-based; None when unknown."""

    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None

    def format(self, file: str) -> str:
        """One line: file:line:column: path: message (line breaks in quoted values escaped)."""
        where = file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}".translate(_ONE_LINE)


class ChartLoadError(Exception):
    """A file could not be loaded as a role chart. Carries every problem found."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = sorted(
            problems, key=lambda p: (p.line if p.line is not None else 0, p.column or 0)
        )
        super().__init__(self.format())

    def format(self) -> str:
        return "\n".join(p.format(self.file) for p in self.problems)


def format_path(loc: tuple[int | str, ...]) -> str:
    """A field path as users read it: ``tasks[3].goals[0]``."""
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{step}" if out else str(step)
    return out


def did_you_mean(value: object, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, or ``""`` when none is close."""
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=cutoff)
    return f"; did you mean '{close[0]}'?" if close else ""
