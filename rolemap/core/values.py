"""Strict readings of values pydantic's lax mode would guess at (dates from numbers, ...)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def review_date(value: Any) -> Any:
    """A review date is written YYYY-MM-DD: ``0`` or ``86400`` are not 1970 dates."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a real date; write it as YYYY-MM-DD") from None
    if isinstance(value, dt.datetime):
        found = f"a date and time ({value.isoformat(sep=' ')})"
        example = value.date().isoformat()
    else:
        found = f"'{value}'" if isinstance(value, str) else f"the number {value}"
        example = "2024-11-24"
    raise ValueError(f"a date is written YYYY-MM-DD, e.g. {example}; found {found}")


def nfc(value: Any) -> Any:
    """Text in Unicode NFC form ('é' as one character, not 'e' + a combining accent)."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def normalise_ids(root: dict[str, Any]) -> list[tuple[tuple[int | str, ...], str]]:
    """Ids in the raw file data, in place, as NFC: 'café' typed two ways is one id.

    Returns the RACI entries that became the same function once normalised (path, id).
    """
    clashes: list[tuple[tuple[int | str, ...], str]] = []
    for section in ("functions", "goals", "tasks"):
        items = root.get(section)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            for key in ("id", "owner"):
                if key in item:
                    item[key] = nfc(item[key])
            goals = item.get("goals")
            if section == "tasks" and isinstance(goals, list):
                goals[:] = [nfc(g) for g in goals]
            raci = item.get("raci")
            if (
                section == "tasks"
                and isinstance(raci, dict)
                and not all(unicodedata.is_normalized("NFC", k) for k in raci if isinstance(k, str))
            ):
                entries = list(raci.items())
                raci.clear()
                for fid, letters in entries:
                    norm = nfc(fid)
                    if norm in raci:
                        clashes.append(((section, i, "raci"), norm))
                        continue
                    raci[norm] = letters
    reviews = root.get("reviews")
    if isinstance(reviews, list):
        for review in reviews:
            if isinstance(review, dict) and "warning" in review:
                review["warning"] = nfc(review["warning"])
    return clashes
