"""The functions' and goals' table models (the side panels), over the document's sections."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from rolemap.core import edit as E
from rolemap.core.catalogue import ARCHETYPES, KINDS, SIDE_LABELS, Archetype, GoalKind
from rolemap.ui.i18n import QT_TR_NOOP, pick, tr
from rolemap.ui.models import IdsRole, Index, SectionModel, _short


class FunctionModel(SectionModel):
    section = "functions"
    headers = (
        QT_TR_NOOP("Function"),
        QT_TR_NOOP("Archetype"),
        QT_TR_NOOP("Colour"),
        QT_TR_NOOP("Warnings"),
    )
    NAME, ARCHETYPE, COLOUR, WARNINGS = range(4)
    read_only = (WARNINGS,)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self.doc.chart.functions[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.NAME:
                return f.name
            if col == self.ARCHETYPE:
                if role == Qt.ItemDataRole.EditRole:
                    return f.archetype.value
                return pick(*ARCHETYPES[f.archetype])
            if col == self.COLOUR:
                return f.color or ""
            if col == self.WARNINGS:
                return self._warning_count_text(f.id)
        if role == Qt.ItemDataRole.DecorationRole:
            if col == self.COLOUR and f.color:
                return QColor(f.color)
            if col == self.WARNINGS:
                return self._warning_decoration(f.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.WARNINGS:
                return self._warning_tooltip(f.id)
            if col == self.NAME:
                return f.description or f.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, col = index.row(), index.column()
        f = self.doc.chart.functions[row]
        name = _short(f.name)
        if col == self.NAME:
            return self.doc.push(E.rename(self.doc.chart, "functions", row, str(value)))
        if col == self.ARCHETYPE:
            changes, text = {"archetype": Archetype(value)}, tr("Set archetype of '%s'") % name
        elif col == self.COLOUR:
            value = str(value).strip() or None
            if value is not None and not QColor.isValidColorName(value):
                return False
            if value is not None:
                value = QColor(value).name()
            changes, text = {"color": value}, tr("Set colour of '%s'") % name
        else:
            return False
        self.doc.push(E.update_row(self.doc.chart, "functions", row, text, **changes))
        return True


class GoalModel(SectionModel):
    section = "goals"
    headers = (
        QT_TR_NOOP("Goal"),
        QT_TR_NOOP("Owner"),
        QT_TR_NOOP("Kind"),
        QT_TR_NOOP("KPIs"),
        QT_TR_NOOP("Warnings"),
    )
    depends_on = ("functions",)
    NAME, OWNER, KIND, KPIS, WARNINGS = range(5)
    read_only = (KPIS, WARNINGS)  # KPIs: a list editor (Ctrl+K)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        g = self.doc.chart.goals[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.NAME:
                return g.name
            if col == self.OWNER:
                if role == Qt.ItemDataRole.EditRole:
                    return g.owner or ""
                return self.function_name(g.owner) if g.owner else tr("(no owner)")
            if col == self.KIND:
                if role == Qt.ItemDataRole.EditRole:
                    return g.kind.value
                return kind_display(g.kind)
            if col == self.KPIS:
                return " · ".join(g.kpis)
            if col == self.WARNINGS:
                return self._warning_count_text(g.id)
        if role == IdsRole and col == self.KPIS:
            return list(g.kpis)
        if role == Qt.ItemDataRole.DecorationRole and col == self.WARNINGS:
            return self._warning_decoration(g.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.KIND:
                info = KINDS[g.kind]
                return pick(info.hint_en, info.hint_zh)
            if col == self.WARNINGS:
                return self._warning_tooltip(g.id)
            if col == self.NAME:
                return g.description or g.id
            if col == self.KPIS:
                return "\n".join(g.kpis) or None
        if role == Qt.ItemDataRole.ForegroundRole and col == self.OWNER and not g.owner:
            return QColor("#d99a1e")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, col = index.row(), index.column()
        g = self.doc.chart.goals[row]
        name = _short(g.name)
        if col == self.NAME:
            return self.doc.push(E.rename(self.doc.chart, "goals", row, str(value)))
        if col == self.OWNER:
            changes, text = {"owner": value or None}, tr("Set owner of '%s'") % name
        elif col == self.KIND:
            changes, text = {"kind": GoalKind(value)}, tr("Set kind of '%s'") % name
        elif col == self.KPIS:
            return self.doc.push(E.set_kpis(self.doc.chart, row, list(value)))
        else:
            return False
        self.doc.push(E.update_row(self.doc.chart, "goals", row, text, **changes))
        return True


def kind_display(kind: GoalKind) -> str:
    info = KINDS[kind]
    return tr("%(kind)s (%(side)s)") % {
        "kind": pick(info.en, info.zh),
        "side": pick(*SIDE_LABELS[info.side]),
    }
