"""Turning a sheet whose layout is known into a role chart, noting everything it reinterprets
or cannot read."""

from __future__ import annotations

import unicodedata
from collections import Counter

from rolemap.core.catalogue import Archetype, GoalKind
from rolemap.core.model import Chart, Function, Goal, Task
from rolemap.core.spreadsheet import notation as nt
from rolemap.core.spreadsheet.cells import fuze_letter
from rolemap.core.spreadsheet.layout import Column, Layout
from rolemap.core.spreadsheet.parts import (
    Companions,
    Ids,
    ImportResult,
    guess_archetype,
    parse_kind,
)
from rolemap.core.spreadsheet.reader import Sheet
from rolemap.core.spreadsheet.rows import Row, RowReader
from rolemap.core.spreadsheet.summary import Note, Summary

ACTION_LETTERS = "write one or more of {letters} (or leave the cell blank)"


class Builder:
    def __init__(self, sheet: Sheet, layout: Layout, file: str, companions: Companions) -> None:
        self.sheet = sheet
        self.layout = layout
        self.companions = companions
        self.summary = Summary(
            file=file,
            sheet=sheet.name,
            layout=layout.kind,
            header_row=layout.header_row,
            encoding=sheet.encoding,
            delimiter=sheet.delimiter,
        )
        self.ids = Ids()
        self.function_by_name: dict[str, Function] = {}
        self.function_by_key: dict[str, Function] = {}

    def note(
        self,
        group: str,
        message: str,
        row: int | None = None,
        col: Column | None = None,
        value: str = "",
        action: str = "",
    ) -> None:
        self.summary.add(
            Note(
                group,
                message,
                sheet=self.sheet.name,
                row=row,
                column=None if col is None else col.index + 1,
                header="" if col is None else col.header,
                value=value,
                action=action,
            )
        )

    # ------------------------------------------------------------ functions

    def function(self, name: str, row: int | None = None, col: Column | None = None) -> Function:
        key = unicodedata.normalize("NFKC", name).strip().casefold()
        if key in self.function_by_key:
            found = self.function_by_key[key]
            if found.name != name and row is not None:
                self.note("info", f"matched to the function '{found.name}'", row, col, name)
            return found
        known = self.companions.functions.get(name)
        if known is not None and self.ids.valid(known.id):
            self.ids.used.add(known.id)
            function = known
        else:
            fid = self.ids.take("f", name)
            function = Function(id=fid, name=name, archetype=guess_archetype(name))
            if function.archetype is not Archetype.OTHER:
                self.note(
                    "info",
                    f"function '{name}' given the archetype '{function.archetype.value}' "
                    "from its name; change it in rolemap if that is wrong",
                )
        self.function_by_key[key] = function
        self.function_by_name[name] = function
        return function

    # ------------------------------------------------------------ letters

    def letters(self, rows: list[Row]) -> list[dict[str, str]]:
        """Per row: function id -> letters in the chart's notation."""
        fuze = self._fuze(rows)
        counts: Counter[str] = Counter()
        for item in rows:
            for _col, parsed in item.cells:
                counts.update(fuze.get(letter, letter) for letter, _ in parsed.letters or ())
            counts.update(fuze.get(col.letter, col.letter) for col, _ in item.named)
        notation = nt.choose(counts)
        self.summary.notation = notation
        if self.layout.kind == "matrix":
            seen: set[str] = set()
            for col in self.layout.of_kind("function"):
                key = unicodedata.normalize("NFKC", col.header).strip().casefold()
                if key in seen:
                    self.note(
                        "info",
                        "a second column with this function's name: its letters "
                        "are merged with the first",
                        col=col,
                        value=col.header,
                    )
                seen.add(key)
                self.function(col.header, col=col)
        fid_of = {c.index: self.function(c.header).id for c in self.layout.of_kind("function")}
        result: list[dict[str, str]] = []
        order = nt.supported().get(notation, nt.RACI)
        letters_hint = ", ".join(order)
        for item in rows:
            raci: dict[str, list[tuple[str, bool]]] = {}
            cols: dict[str, Column] = {}
            for col, parsed in item.cells:
                if parsed.letters and not parsed.changes:  # the common case: nothing to say
                    fid = fid_of[col.index]
                    raci.setdefault(fid, []).extend((fuze.get(x, x), c) for x, c in parsed.letters)
                    cols[fid] = col
                    continue
                value = self._value(item.number, col)
                if not parsed.ok:
                    self.note(
                        "unreadable",
                        "is not a role letter; the cell was left empty",
                        item.number,
                        col,
                        value,
                        ACTION_LETTERS.format(letters=letters_hint),
                    )
                    continue
                if parsed.no_role_mark:
                    self.note("no-role", "read as no role", item.number, col, value)
                for change in parsed.changes:
                    self.note(change.group, change.detail, item.number, col, value)
                if parsed.letters:
                    fid = fid_of[col.index]
                    raci.setdefault(fid, []).extend((fuze.get(x, x), c) for x, c in parsed.letters)
                    cols[fid] = col
            for col, name in item.named:
                fid = self.function(name, item.number, col).id
                raci.setdefault(fid, []).append((fuze.get(col.letter, col.letter), False))
                cols[fid] = col
            converted: dict[str, str] = {}
            for fid, letters in raci.items():
                text, notes, problem = nt.convert(tuple(letters), notation)
                if text and not notes and not problem:
                    converted[fid] = text
                    continue
                col = cols[fid]
                value = self._value(item.number, col)
                for message in notes:
                    self.note("translated", message, item.number, col, value)
                if problem:
                    self.note(
                        "unreadable",
                        problem + "; the cell was left empty",
                        item.number,
                        col,
                        value,
                        "change the letter, or use one notation in the sheet",
                    )
                elif text:
                    converted[fid] = text
            result.append(converted)
        return result

    def _fuze(self, rows: list[Row]) -> dict[str, str]:
        """{"F": "R" or "A"} when the sheet uses 负责 (see cells.fuze_letter), else {}."""
        used = any(x == "F" for r in rows for _, p in r.cells for x, _ in p.letters or ())
        used = used or any(c.letter == "F" for c in self.layout.columns)
        if not used:
            return {}
        if self.layout.kind == "matrix":
            texts = [self._value(r.number, c) for r in rows for c, _ in r.cells]
        else:
            texts = [c.header for c in self.layout.columns if c.letter]
        letter, why = fuze_letter(texts)
        self.note("label", why)
        return {"F": letter}

    def _value(self, number: int, col: Column) -> str:
        row = self.sheet.rows[number - 1]
        return row[col.index] if col.index < len(row) else ""

    # ------------------------------------------------------------ goals and tasks

    def goals(self, rows: list[Row]) -> tuple[list[Goal], list[tuple[str, ...]]]:
        known = {g.name: g for g in self.companions.goals}
        known.update({g.id: g for g in self.companions.goals})
        goals: dict[str, Goal] = {}
        for g in self.companions.goals:
            self.ids.used.add(g.id)
            goals[g.name] = g
        per_row: list[tuple[str, ...]] = []
        goal_col = self.layout.first("goal")
        kind_col = self.layout.first("kind")
        for item in rows:
            kind = parse_kind(item.kind) if item.kind else None
            if item.kind and kind is None:
                choices = ", ".join(k.value for k in GoalKind)
                self.note(
                    "unreadable",
                    "is not a goal kind; the goal keeps its kind",
                    item.number,
                    kind_col,
                    item.kind,
                    f"use one of: {choices}",
                )
            ids: list[str] = []
            for name in item.goals:
                goal = known.get(name) or goals.get(name)
                if goal is None:
                    goal = Goal(id=self.ids.take("g", name), name=name, kind=kind or GoalKind.OTHER)
                    goals[name] = goal
                    self.note(
                        "info",
                        "goal created from the goal column, with no owner; set "
                        "its owner and KPIs in rolemap",
                        item.number,
                        goal_col,
                        name,
                    )
                elif kind is not None and goal.kind is GoalKind.OTHER and goal.name not in known:
                    goals[name] = goal = goal.model_copy(update={"kind": kind})
                if goal.id not in ids:
                    ids.append(goal.id)
            per_row.append(tuple(ids))
        return list(goals.values()), per_row

    def tasks(
        self, rows: list[Row], raci: list[dict[str, str]], goal_ids: list[tuple[str, ...]]
    ) -> list[Task]:
        id_col = self.layout.first("id")
        tasks: list[Task] = []
        for item, letters, gids in zip(rows, raci, goal_ids, strict=True):
            preferred = item.ident if id_col is not None else ""
            tid = self.ids.take("t", "", preferred)
            if preferred and tid != preferred:
                self.note(
                    "id",
                    f"cannot be used as a task id (not a valid id, or used twice); "
                    f"the task got the id '{tid}'",
                    item.number,
                    id_col,
                    preferred,
                )
            extra = {"effort": self._effort(item)} if item.effort else {}
            tasks.append(
                Task(
                    id=tid,
                    title=item.title,
                    description="\n".join(item.description) or None,
                    goals=gids,
                    raci=letters,
                    tags=tuple(dict.fromkeys(item.tags)),
                    **extra,
                )
            )
        return tasks

    def _effort(self, item: Row) -> float | None:
        """The Effort column as a number > 0 (format 2), or None with a note."""
        try:
            value = float(item.effort)
        except ValueError:
            value = -1.0
        if "effort" not in Task.model_fields:
            message, action = "not kept: this rolemap has no task effort", ""
        elif 0 < value <= 1_000_000:
            return value
        else:
            message, action = "is not a number above 0; the task has no effort", "write e.g. 3"
        col = self.layout.first("effort")
        self.note("unreadable", message, item.number, col, item.effort, action)
        return None

    def build(self) -> ImportResult:
        reader = RowReader(self.sheet, self.layout, self.note)
        title = reader.preamble()
        rows = reader.rows()
        reader.column_notes()
        for function in self.companions.functions.values():
            self.function(function.name)
        raci = self.letters(rows)
        goals, goal_ids = self.goals(rows)
        tasks = self.tasks(rows, raci, goal_ids)
        functions = list(dict.fromkeys(self.function_by_key.values()))
        known_fids = {f.id for f in functions}
        goals = [
            g if g.owner in known_fids or g.owner is None else g.model_copy(update={"owner": None})
            for g in goals
        ]
        chart = Chart(
            title=title or self.sheet.name,
            functions=tuple(functions),
            goals=tuple(goals),
            tasks=tuple(tasks),
            reviews=tuple(self.companions.reviews),
            **nt.chart_fields(self.summary.notation),
        )
        self.summary.functions = len(functions)
        self.summary.tasks = len(tasks)
        self.summary.goals = len(goals)
        return ImportResult(chart, self.summary)
