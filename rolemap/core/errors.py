"""rolemap's own load error: every problem found in a file, each with where and what to do."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rolemap.core.localise import localise
from rolemap.core.terminal import one_line

# Beyond this many problems a file is most likely not a role chart at all; listing every one
# helps nobody (a generated 20,000-field file printed 20,000 lines).
MAX_LISTED = 100


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file. ``line`` and ``column`` are 1-based; None when unknown."""

    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None

    def format(self, file: str, lang: str = "en") -> str:
        """One line: file:line:column: path: message (control characters shown escaped).

        ``lang`` 'zh' puts the message into Chinese (rolemap.core.localise)."""
        where = file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.path}:" if self.path else ""
        return one_line(f"{where}:{field} {localise(self.message, lang)}")


class ChartLoadError(Exception):
    """A file could not be loaded as a role chart. Carries every problem found."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = sorted(
            problems, key=lambda p: (p.line if p.line is not None else 0, p.column or 0)
        )
        super().__init__(self.format())

    def format(self, limit: int | None = MAX_LISTED, lang: str = "en") -> str:
        return format_problems(self.file, self.problems, limit, lang)


def format_problems(
    file: str, problems: Sequence[Problem], limit: int | None = MAX_LISTED, lang: str = "en"
) -> str:
    """One line per problem; past ``limit`` problems, one line says how many more."""
    shown = problems if limit is None else problems[:limit]
    lines = [p.format(file, lang) for p in shown]
    if len(problems) > len(shown):
        more = len(problems) - len(shown)
        lines.append(Problem(f"... and {more} more problems; fix these first").format(file, lang))
    return "\n".join(lines)


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
    if not close:
        return ""
    return f"; did you mean '{close[0]}'?{_look_alike(str(value), close[0])}"


def _look_alike(typed: str, known: str) -> str:
    """Name the characters that differ when two ids differ only in non-ASCII look-alikes."""
    if len(typed) != len(known):
        return ""
    pairs = [(a, b) for a, b in zip(typed, known, strict=True) if a != b]
    if not pairs or not all(not a.isascii() or not b.isascii() for a, b in pairs):
        return ""
    a, b = pairs[0]
    return f" (they differ in a look-alike character: '{a}' U+{ord(a):04X} vs '{b}' U+{ord(b):04X})"
