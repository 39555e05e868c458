"""What the menus hold: every action of the main window, by menu and section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from rolemap.ui.actions import ActionSpec, make_action
from rolemap.ui.i18n import QT_TR_NOOP, tr

if TYPE_CHECKING:
    from rolemap.ui.mainwindow import MainWindow

TEMPLATES = (
    ("marketing-vs-operations", "en", QT_TR_NOOP("Marketing vs Operations (English)")),
    ("marketing-vs-operations", "zh", "市场 vs 运营 (中文)"),
    ("empty", "en", QT_TR_NOOP("Empty chart")),
    ("empty", "zh", "空白职责图 (中文)"),
)


def build_menus(window: MainWindow) -> None:
    menus, files, edits, K = window.menus, window.files, window.editing, QKeySequence.StandardKey
    new_menu = QMenu(tr("&New"), window)
    new_menu.setObjectName("newMenu")
    menus.add_menu("file", "new", new_menu)
    for name, lang, label in TEMPLATES:
        action = make_action(
            window,
            f"new_{name}_{lang}",
            tr(label),
            lambda n=name, lg=lang: files.new_from_template(n, lg),  # type: ignore[misc]
            K.New if (name, lang) == ("marketing-vs-operations", "en") else None,
        )
        new_menu.addAction(action)
        menus.actions[action.objectName()] = action
    undo = window.doc.undo_stack.createUndoAction(window, tr("&Undo"))
    undo.setObjectName("undo")
    undo.setShortcut(K.Undo)
    redo = window.doc.undo_stack.createRedoAction(window, tr("&Redo"))
    redo.setObjectName("redo")
    redo.setShortcut(K.Redo)
    menus.add("edit", "undo", undo)
    menus.add("edit", "undo", redo)
    warnings = window.warnings
    menus.add_specs(
        [
            ActionSpec("open", tr("&Open…"), "file", "open", files.open_dialog, K.Open),
            ActionSpec("save", tr("&Save"), "file", "save", files.save, K.Save),
            ActionSpec("save_as", tr("Save &As…"), "file", "save", files.save_as, K.SaveAs),
            ActionSpec(
                "export_chart",
                tr("Export &role chart (YAML)…"),
                "file",
                "export",
                lambda: files.export("role-chart"),
            ),
            ActionSpec(
                "export_markdown",
                tr("Export &Markdown report…"),
                "file",
                "export",
                lambda: files.export("markdown"),
            ),
            ActionSpec("close", tr("&Close"), "file", "close", files.close_document, K.Close),
            ActionSpec("quit", tr("&Quit"), "file", "close", window.close, K.Quit),
            ActionSpec(
                "add_task",
                tr("&Add task"),
                "edit",
                "tasks",
                window.focus_quick_add,
                "Ctrl+L",
                tr("Type a task and press Enter"),
            ),
            ActionSpec(
                "duplicate",
                tr("D&uplicate tasks"),
                "edit",
                "tasks",
                edits.duplicate_tasks,
                "Ctrl+D",
            ),
            ActionSpec("delete", tr("&Delete"), "edit", "tasks", edits.delete_selection, K.Delete),
            ActionSpec("find", tr("&Filter tasks"), "edit", "chart", window.focus_filter, K.Find),
            ActionSpec("rename_chart", tr("Rename &chart…"), "edit", "chart", edits.rename_chart),
            ActionSpec(
                "add_function",
                tr("Add &function"),
                "edit",
                "chart",
                edits.add_function,
                "Ctrl+Shift+F",
            ),
            ActionSpec(
                "add_goal", tr("Add &goal"), "edit", "chart", edits.add_goal, "Ctrl+Shift+G"
            ),
            ActionSpec("edit_kpis", tr("Edit &KPIs…"), "edit", "chart", edits.edit_kpis, "Ctrl+K"),
            ActionSpec(
                "zoom_in",
                tr("&Larger text"),
                "view",
                "zoom",
                lambda: window.zoomer.zoom(1),
                ("Ctrl++", "Ctrl+="),
            ),
            ActionSpec(
                "zoom_out",
                tr("&Smaller text"),
                "view",
                "zoom",
                lambda: window.zoomer.zoom(-1),
                K.ZoomOut,
            ),
            ActionSpec(
                "zoom_reset",
                tr("&Normal text"),
                "view",
                "zoom",
                lambda: window.zoomer.zoom(0),
                "Ctrl+0",
            ),
            ActionSpec(
                "present",
                tr("&Presentation mode"),
                "view",
                "views",
                window.presentation.toggle,
                "F5",
                tr("Full screen, large type, high contrast (Esc leaves)"),
            ),
            ActionSpec(
                "leave_presentation",
                tr("L&eave presentation mode"),
                "view",
                "views",
                window.presentation.leave,
                "Esc",
            ),
            ActionSpec(
                "focus_matrix",
                tr("Go to the &matrix"),
                "view",
                "focus",
                lambda: window.show_panel(window.matrix.view),
                "Ctrl+M",
            ),
            ActionSpec(
                "focus_tasks",
                tr("Go to &tasks"),
                "view",
                "focus",
                lambda: window.show_panel(window.tasks.view),
                "Ctrl+1",
            ),
            ActionSpec(
                "focus_functions",
                tr("Go to &functions"),
                "view",
                "focus",
                lambda: window.show_panel(window.functions.view),
                "Ctrl+2",
            ),
            ActionSpec(
                "focus_goals",
                tr("Go to &goals"),
                "view",
                "focus",
                lambda: window.show_panel(window.goals.view),
                "Ctrl+3",
            ),
            ActionSpec(
                "focus_warnings",
                tr("Go to &warnings"),
                "view",
                "focus",
                lambda: window.show_panel(window.warnings.tree),
                "Ctrl+4",
            ),
            ActionSpec(
                "acknowledge",
                tr("Ac&knowledge warning"),
                "review",
                "review",
                warnings.acknowledge_current,
                "Ctrl+Shift+K",
            ),
            ActionSpec(
                "accept",
                tr("&Accept warning"),
                "review",
                "review",
                warnings.accept_current,
                "Ctrl+Shift+A",
            ),
            ActionSpec(
                "reopen",
                tr("&Reopen warning"),
                "review",
                "review",
                warnings.reopen_current,
                "Ctrl+Shift+R",
            ),
            ActionSpec("about", tr("&About rolemap"), "help", "help", window.about),
        ]
    )
    menus.add_menu("file", "open", window.recent.menu)
    leave = menus.actions["leave_presentation"]
    leave.setEnabled(False)
    window.presentation.changed = leave.setEnabled
