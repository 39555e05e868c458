"""The sheets a rolemap export writes next to the matrix (functions, goals, warnings), their
headers in English and Chinese, and reading them back so a round trip keeps ids, archetypes,
colours, goals, KPIs and reviews."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from pydantic import ValidationError

from rolemap.core.catalogue import Archetype, GoalKind
from rolemap.core.model import Function, Goal, Review
from rolemap.core.spreadsheet.parts import Companions, parse_kind
from rolemap.core.spreadsheet.reader import Sheet
from rolemap.core.spreadsheet.summary import Note

# sheet key -> (English name, Chinese name)
SHEETS = {
    "functions": ("Functions", "部门"),
    "goals": ("Goals", "目标"),
    "warnings": ("Warnings", "重叠预警"),
    "convergence": ("Convergence", "目标趋同度"),
}
FUNCTION_HEADERS = {
    "id": ("ID", "编号"),
    "name": ("Name", "名称"),
    "archetype": ("Archetype", "职能类型"),
    "color": ("Colour", "颜色"),
    "description": ("Description", "说明"),
}
GOAL_HEADERS = {
    "id": ("ID", "编号"),
    "name": ("Goal", "目标"),
    "owner": ("Owner", "负责部门"),
    "kind": ("Kind", "目标类型"),
    "kpis": ("KPIs", "指标"),
    "description": ("Description", "说明"),
}
WARNING_HEADERS = {
    "severity": ("Severity", "级别"),
    "rule": ("Rule", "规则"),
    "message": ("Warning", "预警"),
    "suggestion": ("Suggestion", "建议"),
    "entities": ("Involves", "涉及"),
    "fingerprint": ("Fingerprint", "指纹"),
    "review": ("Review", "评审结论"),
    "note": ("Note", "备注"),
    "date": ("Date", "日期"),
}
CONVERGENCE_HEADERS = {
    "a": ("Function", "部门"),
    "b": ("Function", "部门"),
    "score": ("Score", "趋同度"),
    "shared": ("Shared", "共同特征"),
}
STATUSES = {
    "accepted": "accepted",
    "已接受": "accepted",
    "acknowledged": "acknowledged",
    "已知悉": "acknowledged",
}


def companion_key(sheet_name: str) -> str | None:
    folded = unicodedata.normalize("NFKC", sheet_name).strip().casefold()
    for key, names in SHEETS.items():
        if folded in (n.casefold() for n in names):
            return key
    return None


def _columns(sheet: Sheet, headers: dict[str, tuple[str, str]]) -> dict[str, int] | None:
    if not sheet.rows:
        return None
    first = [unicodedata.normalize("NFKC", h).strip().casefold() for h in sheet.rows[0]]
    found: dict[str, int] = {}
    for key, names in headers.items():
        for j, text in enumerate(first):
            if text in (n.casefold() for n in names) and j not in found.values():
                found[key] = j
                break
    return found if "id" in found or "fingerprint" in found else None


def _get(row: list[str], cols: dict[str, int], key: str) -> str:
    j = cols.get(key)
    return row[j] if j is not None and j < len(row) else ""


def _bad(sheet: Sheet, number: int, message: str, action: str) -> Note:
    return Note("unreadable", message, sheet=sheet.name, row=number, action=action)


def read_companions(sheets: dict[str, Sheet], notes: list[Note]) -> Companions:
    """Functions, goals and reviews from a rolemap export's extra sheets (by key)."""
    out = Companions()
    by_id: dict[str, Function] = {}
    if "functions" in sheets:
        sheet = sheets["functions"]
        cols = _columns(sheet, FUNCTION_HEADERS)
        for number, row in enumerate(sheet.rows[1:] if cols else [], start=2):
            if not any(row) or cols is None:
                continue
            archetype = _get(row, cols, "archetype").lower() or "other"
            try:
                function = Function(
                    id=_get(row, cols, "id"),
                    name=_get(row, cols, "name"),
                    archetype=Archetype(archetype)
                    if archetype in Archetype._value2member_map_
                    else Archetype.OTHER,
                    color=_get(row, cols, "color") or None,
                    description=_get(row, cols, "description") or None,
                )
            except ValidationError as exc:
                notes.append(
                    _bad(
                        sheet,
                        number,
                        f"not a valid function ({exc.errors()[0]['msg']}); "
                        "the matrix header is used instead",
                        "fix the row or delete it",
                    )
                )
                continue
            out.functions[function.name] = function
            by_id[function.id] = function
    names = {f.name: f.id for f in out.functions.values()}
    if "goals" in sheets:
        sheet = sheets["goals"]
        cols = _columns(sheet, GOAL_HEADERS)
        for number, row in enumerate(sheet.rows[1:] if cols else [], start=2):
            if not any(row) or cols is None:
                continue
            owner_text = _get(row, cols, "owner")
            owner = names.get(owner_text) or (owner_text if owner_text in by_id else None)
            if owner_text and owner is None:
                notes.append(
                    _bad(
                        sheet,
                        number,
                        f"the owner '{owner_text}' is not a function; the goal has no owner",
                        "set the owner in rolemap",
                    )
                )
            kind_text = _get(row, cols, "kind")
            kind = parse_kind(kind_text) if kind_text else GoalKind.OTHER
            if kind is None:
                notes.append(
                    _bad(
                        sheet,
                        number,
                        f"'{kind_text}' is not a goal kind; read as other",
                        "set the kind in rolemap",
                    )
                )
                kind = GoalKind.OTHER
            kpis = tuple(
                k.strip() for k in re.split(r"[\n;；]", _get(row, cols, "kpis")) if k.strip()
            )
            try:
                goal = Goal(
                    id=_get(row, cols, "id"),
                    name=_get(row, cols, "name"),
                    owner=owner,
                    kind=kind,
                    kpis=kpis,
                    description=_get(row, cols, "description") or None,
                )
            except ValidationError as exc:
                notes.append(
                    _bad(
                        sheet,
                        number,
                        f"not a valid goal ({exc.errors()[0]['msg']}); not read",
                        "fix the row",
                    )
                )
                continue
            out.goals.append(goal)
    if "warnings" in sheets:
        sheet = sheets["warnings"]
        cols = _columns(sheet, WARNING_HEADERS)
        seen: set[str] = set()
        for number, row in enumerate(sheet.rows[1:] if cols else [], start=2):
            if cols is None:
                continue
            status = STATUSES.get(_get(row, cols, "review").strip().lower())
            fingerprint = _get(row, cols, "fingerprint")
            if status is None or not fingerprint or fingerprint in seen:
                continue
            seen.add(fingerprint)
            note = _get(row, cols, "note") or None
            if status == "accepted" and note is None:
                notes.append(
                    _bad(
                        sheet,
                        number,
                        "an accepted warning without a note; not kept",
                        "accept it again in rolemap, saying why",
                    )
                )
                continue
            date_text = _get(row, cols, "date")
            try:
                date = _dt.date.fromisoformat(date_text[:10]) if date_text else None
                out.reviews.append(Review(warning=fingerprint, status=status, note=note, date=date))
            except (ValueError, ValidationError):
                notes.append(
                    _bad(
                        sheet,
                        number,
                        "the review cannot be read; not kept",
                        "review the warning again in rolemap",
                    )
                )
    return out
