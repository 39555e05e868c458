"""Every question the window asks the user, in one place (tests replace these methods)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from rolemap.core.model import Chart
from rolemap.ui.dialogs import DeleteFunctionDialog, KpiDialog, show_load_error
from rolemap.ui.i18n import tr
from rolemap.ui.recovery import RecoveryEntry


class Prompts:
    """Modal questions and error reports, parented to one window."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def show_error(self, path: str, message: str) -> None:
        """Report a file that cannot be opened."""
        show_load_error(self.parent, path, message)

    def ask_unsaved(self, path: str | None) -> str:
        """'save', 'discard' or 'cancel'."""
        B = QMessageBox.StandardButton
        answer = QMessageBox.warning(
            self.parent,
            tr("Unsaved changes"),
            tr("Save the changes to '%s' before closing?")
            % (os.path.basename(path or "") or tr("Untitled")),
            B.Save | B.Discard | B.Cancel,
            B.Save,
        )
        return {B.Save: "save", B.Discard: "discard"}.get(answer, "cancel")

    def ask_overwrite_external(self, path: str | None) -> str:
        """The file changed on disk since it was loaded: 'overwrite', 'save_as' or 'cancel'."""
        B = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("File changed on disk"),
            tr("%s was changed by another program since you opened it. Overwrite those changes?")
            % path,
            B.Save | B.SaveAll | B.Cancel,
            self.parent,
        )
        box.button(B.Save).setText(tr("&Overwrite"))
        box.button(B.SaveAll).setText(tr("Save &As…"))
        box.setDefaultButton(B.Cancel)
        answer = box.exec()
        return {B.Save: "overwrite", B.SaveAll: "save_as"}.get(B(answer), "cancel")

    def ask_discard_broken(self, problems: str) -> bool:
        """Recovery data that cannot be used: True to delete it, False to keep it for later."""
        B = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Recovery files"),
            tr("Some recovery data from an earlier session cannot be used:") + "\n\n" + problems,
            B.Discard | B.Ignore,
            self.parent,
        )
        box.button(B.Ignore).setText(tr("&Keep for now"))
        box.setDefaultButton(B.Ignore)
        return bool(box.exec() == B.Discard)

    def confirm_recovered_path(self, path: str) -> bool:
        """The first save of recovered work goes to the path its recovery data named: ask."""
        B = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.parent,
            tr("Save recovered work"),
            tr("Save the recovered chart to\n%s?\n(This path comes from the recovery data.)")
            % path,
            B.Save | B.Cancel,
            B.Save,
        )
        return bool(answer == B.Save)

    def ask_overwrite_read_only(self, path: str) -> str:
        """'overwrite', 'save_as' or 'cancel' for a file whose permissions say read-only."""
        B = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Read-only file"),
            tr("%s is read-only. Overwrite it anyway (it stays read-only)?") % path,
            B.Save | B.SaveAll | B.Cancel,
            self.parent,
        )
        box.button(B.Save).setText(tr("&Overwrite"))
        box.button(B.SaveAll).setText(tr("Save &As…"))
        box.setDefaultButton(B.SaveAll)
        answer = box.exec()
        return {B.Save: "overwrite", B.SaveAll: "save_as"}.get(B(answer), "cancel")

    def ask_save_failed(self, path: str, reason: str) -> bool:
        """The old file is untouched; True when the user wants to Save As elsewhere."""
        B = QMessageBox.StandardButton
        answer = QMessageBox.critical(
            self.parent,
            tr("Cannot save"),
            tr(
                "%s could not be saved: %s\nThe file on disk is unchanged and your changes are still here.\nSave them somewhere else?"
            )
            % (path, reason),
            B.Save | B.Cancel,
            B.Save,
        )
        return answer == B.Save

    def ask_external_change(self, path: str | None) -> str:
        """'reload', 'keep' or 'save_as'."""
        B = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("File changed on disk"),
            tr("%s was changed by another program, and you have unsaved changes.") % path,
            B.Reset | B.Ignore | B.SaveAll,
            self.parent,
        )
        box.button(B.Reset).setText(tr("&Reload theirs (discard mine)"))
        box.button(B.Ignore).setText(tr("&Keep mine"))
        box.button(B.SaveAll).setText(tr("Save mine &As…"))
        box.setDefaultButton(B.Ignore)
        answer = box.exec()
        return {B.Reset: "reload", B.SaveAll: "save_as"}.get(B(answer), "keep")

    def ask_recovery(self, entry: RecoveryEntry) -> str:
        """'recover', 'later' or 'discard'."""
        B = QMessageBox.StandardButton
        name = entry.original or tr("an untitled chart")  # the full path: no look-alike names
        text = tr("rolemap found unsaved work on %s (“%s”), autosaved at %s.") % (
            name,
            entry.title,
            entry.saved_at,
        )
        if entry.original_changed():
            text += "\n" + tr("The file on disk has changed since then.")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Recover unsaved work"),
            text,
            B.Open | B.Ignore | B.Discard,
            self.parent,
        )
        box.button(B.Open).setText(tr("&Recover"))
        box.button(B.Ignore).setText(tr("&Later"))
        box.setDefaultButton(B.Open)
        answer = box.exec()
        return {B.Open: "recover", B.Discard: "discard"}.get(B(answer), "later")

    def ask_function_references(
        self, chart: Chart, row: int, goals: int, tasks: int
    ) -> str | bool | None:
        """A function id to reassign to, None to unassign, False to cancel."""
        dialog = DeleteFunctionDialog(chart, row, goals, tasks, self.parent)
        if dialog.exec() != DeleteFunctionDialog.DialogCode.Accepted:
            return False
        return dialog.reassign_to()

    def ask_kpis(self, name: str, kpis: list[str]) -> list[str] | None:
        dialog = KpiDialog(name, kpis, self.parent)
        if dialog.exec() != KpiDialog.DialogCode.Accepted:
            return None
        return dialog.kpis()

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        value, ok = QInputDialog.getText(self.parent, title, label, text=text)
        return value if ok else None
