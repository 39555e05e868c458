"""The warnings dock: live warnings by severity, their explanation, and review actions."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rolemap.core import edit as E
from rolemap.core import triage
from rolemap.core.analysis import SEVERITIES, Analysis, OverlapWarning
from rolemap.core.analysis.messages import RULES
from rolemap.core.model import Review
from rolemap.ui.document import Document
from rolemap.ui.i18n import tr
from rolemap.ui.models import _severity_colour
from rolemap.ui.warnings_model import WarningTreeModel, count_text


class WarningsPanel(QWidget):
    """Review actions act on the task in focus (all its open warnings) when a task view has
    the focus, else on the warning selected here. The note for accepting is typed inline."""

    entitiesSelected = Signal(list)  # ids of the selected warning's entities

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = document
        self.analysis: Analysis | None = None
        self.task_in_focus: Callable[[], str | None] = lambda: None
        self._pending: list[str] = []  # fingerprints waiting for their note
        self._task_context: str | None = None  # the task the matrix cursor is on
        self._return_focus: QWidget | None = None
        self._highlight: set[str] = set()
        self._restoring = False

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.model = WarningTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName(tr("Warnings"))
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.detail = QTextBrowser()
        self._detail_text = ""  # what the detail pane shows
        self.detail.setOpenLinks(False)

        self.acknowledge_button = QPushButton(tr("Ac&knowledge"))
        self.accept_button = QPushButton(tr("&Accept"))
        self.reopen_button = QPushButton(tr("&Reopen"))
        self.acknowledge_button.setToolTip(tr("Mark as seen; it stays open"))
        self.accept_button.setToolTip(
            tr("Accept the overlap deliberately: type the reason in the note, then Enter")
        )
        self.held_label = QLabel()
        self.held_label.setObjectName("heldBack")
        self.held_label.setWordWrap(True)
        self.held_label.setStyleSheet("color: #555; font-style: italic;")
        self.held_label.hide()
        self.note_label = QLabel(tr("&Note (why the team accepts it):"))
        self.note_label.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("reviewNote")
        self.note.setPlaceholderText(tr("Type the reason, then Enter to accept (Esc: cancel)"))
        self.note_label.setBuddy(self.note)
        self.note.returnPressed.connect(self.accept_current)
        self.note.installEventFilter(self)
        self.reopen_button.setToolTip(tr("Remove the team's decision"))
        self.acknowledge_button.clicked.connect(self.acknowledge_current)
        self.accept_button.clicked.connect(self.accept_current)
        self.reopen_button.clicked.connect(self.reopen_current)
        buttons = QHBoxLayout()
        for b in (self.acknowledge_button, self.accept_button, self.reopen_button):
            buttons.addWidget(b)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(self.note_label)
        lower_layout.addWidget(self.note)
        lower_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.held_label)
        layout.addWidget(splitter)
        self._update_buttons()

    # ------------------------------------------------------------ display

    def set_capture(self, capture: bool) -> None:
        """Capture mode: hold back the 'not assigned yet' warnings, and say how many."""
        self.model.capture = capture
        self.set_analysis(self.analysis)

    def set_analysis(self, analysis: Analysis | None) -> None:
        self.analysis = analysis
        current = self.current_fingerprint()
        collapsed = {
            r
            for r in range(self.model.rowCount())
            if not self.tree.isExpanded(self.model.index(r, 0))
        }
        first = not any(self.model.groups)
        # When the warning under the cursor is replaced the cursor moves: that must not
        # select a warning's tasks (it would replace the user's selection in the table).
        self._restoring = True
        try:
            self.model.set_analysis(analysis)
        finally:
            self._restoring = False
        for r in range(self.model.rowCount()):
            # Low-severity warnings start folded; afterwards the user's choice is kept.
            folded = r == len(SEVERITIES) - 1 if first else r in collapsed
            self.tree.setExpanded(self.model.index(r, 0), not folded)
        held = len(self.model.held_back)
        self.held_label.setVisible(self.model.capture)
        self.held_label.setText(tr("Capture mode: %d 'not assigned yet' warnings held back") % held)
        if analysis is None:
            self.set_pending()
            return
        names = {f.id: f.name for f in self.doc.chart.functions}
        counts = analysis.counts()
        dots = " ".join(
            f"<span style='color:{_severity_colour(s).name()}'>●</span> {counts[s]} {tr(s)}"
            for s in SEVERITIES
        )
        scores = " · ".join(
            f"{html.escape(names.get(c.functions[0], c.functions[0]))} ↔ "
            f"{html.escape(names.get(c.functions[1], c.functions[1]))}: <b>{c.score:.2f}</b>"
            for c in analysis.convergence
        )
        self.summary.setText(tr("%s<br>Convergence: %s") % (dots, scores) if scores else dots)
        if current and self.current_fingerprint() != current:
            # Restoring the user's place must not re-select the warning's tasks either.
            self._restoring = True
            try:
                if not self.select_fingerprint(current):
                    self.tree.selectionModel().clear()  # gone: no warning in its place
            finally:
                self._restoring = False
        self._show_detail()

    def set_pending(self) -> None:
        """The chart changed and its analysis is on its way."""
        if self.analysis is None:
            self.summary.setText("<i>" + tr("Analysing…") + "</i>")

    def warning(self, fingerprint: str | None) -> OverlapWarning | None:
        if self.analysis is None or fingerprint is None:
            return None
        return next((w for w in self.analysis.warnings if w.fingerprint == fingerprint), None)

    def current_fingerprint(self) -> str | None:
        w = self.model.warning_at(self.tree.currentIndex())
        return w.fingerprint if w is not None else None

    def select_fingerprint(self, fingerprint: str) -> bool:
        for g, group in enumerate(self.model.groups):
            for row, w in enumerate(group):
                if w.fingerprint == fingerprint:
                    head = self.model.index(g, 0)
                    index = self.model.index(row, 0, head)
                    self.tree.setExpanded(head, True)
                    self.tree.selectionModel().setCurrentIndex(
                        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    )
                    self.tree.scrollTo(index)
                    return True
        return False

    def highlight_entities(self, ids: set[str]) -> None:
        """Bold the warnings that involve the selected tasks, goals or functions."""
        self._highlight = ids
        self.model.set_highlight(ids)
        self.tree.viewport().update()
        for g, group in enumerate(self.model.groups):
            for row, w in enumerate(group):
                if ids & set(w.entities):
                    self.tree.scrollTo(self.model.index(row, 0, self.model.index(g, 0)))
                    return

    def highlighted(self) -> list[str]:
        """Fingerprints of the warnings shown in bold."""
        return [
            w.fingerprint
            for group in self.model.groups
            for w in group
            if self._highlight & set(w.entities)
        ]

    def _current_changed(self, *_args: object) -> None:
        self._task_context = None
        self._show_detail()
        w = self.warning(self.current_fingerprint())
        if w is not None and not self._restoring:
            self.entitiesSelected.emit(list(w.entities))

    def show_task(self, task_id: str | None) -> None:
        """The matrix cursor moved to a task: explain its warnings; the review buttons and keys
        act on them until a warning is selected here."""
        self._task_context = task_id
        if task_id is None or self.analysis is None:
            self._show_detail()
            return
        found = self.targets()
        self._update_buttons()
        if not found:
            self._show_detail()
            return
        lang = self.analysis.lang
        title = next((t.title for t in self.doc.chart.tasks if t.id == task_id), task_id)
        parts = [
            f"<p><b>{html.escape(title)}</b> — "
            + tr("Ctrl+Shift+K acknowledges, Ctrl+Shift+A accepts with a note:")
            + "</p>"
        ]
        for w in found:
            colour = _severity_colour(w.severity).name()
            parts.append(
                f"<h3 style='color:{colour}'>{html.escape(RULES[w.rule][lang].title)}</h3>"
                f"<p>{html.escape(w.message)}</p>"
                + tr("<p><b>Suggestion:</b> %s</p>")
                % html.escape(w.suggestion)
            )
        self._set_detail("".join(parts))

    def _set_detail(self, text: str) -> None:
        """Show ``text`` below the tree, unless it shows already (each analysis asks again,
        and laying out the same HTML again took 1-2 ms)."""
        if text != self._detail_text:
            self._detail_text = text
            self.detail.setHtml(text)

    def _show_detail(self) -> None:
        if self._task_context is not None and self.targets():
            self.show_task(self._task_context)
            return
        w = self.warning(self.current_fingerprint())
        self._update_buttons()
        if w is None:
            self._set_detail(
                "<p style='color:gray'>"
                + tr("Select a warning to see why it matters and what teams usually do.")
                + "</p>"
            )
            return
        lang = self.analysis.lang if self.analysis else "en"
        parts = [
            f"<h3>{html.escape(RULES[w.rule][lang].title)}</h3>",
            f"<p>{html.escape(w.message)}</p>",
            tr("<p><b>Suggestion:</b> %s</p>") % html.escape(w.suggestion),
        ]
        if w.review is not None:
            status = tr("Accepted") if w.review.status == "accepted" else tr("Acknowledged")
            note = f": {html.escape(w.review.note)}" if w.review.note else ""
            date = f" ({w.review.date.isoformat()})" if w.review.date else ""
            parts.append(f"<p><b>{status}</b>{date}{note}</p>")
        parts.append(f"<p style='color:gray'><code>{html.escape(w.fingerprint)}</code></p>")
        self._set_detail("".join(parts))

    def _update_buttons(self) -> None:
        if self._task_context is not None:
            found = self.targets()
            self.acknowledge_button.setEnabled(
                any(w.review is None or w.review.status != "acknowledged" for w in found)
            )
            self.accept_button.setEnabled(bool(found))
            self.reopen_button.setEnabled(bool(self.targets(reviewed=True)))
            return
        w = self.warning(self.current_fingerprint())
        reviewable = w is not None and w.rule != "stale-review"
        self.acknowledge_button.setEnabled(
            w is not None and reviewable and (w.review is None or w.review.status != "acknowledged")
        )
        self.accept_button.setEnabled(reviewable)
        self.reopen_button.setEnabled(w is not None and w.review is not None)

    # ------------------------------------------------------------ review actions

    def targets(self, reviewed: bool | None = None) -> list[OverlapWarning]:
        """The warnings a review action acts on: the open warnings of the task in focus, or
        the warning selected here. ``reviewed`` keeps only those with (True) or without
        (False) a review."""
        if self.analysis is None:
            return []
        task = self.task_in_focus() or self._task_context
        if task is not None:
            found = [
                w
                for w in self.analysis.for_entity(task)
                if w.rule != "stale-review" and not triage.held_back(w, self.model.capture)
            ]
            if reviewed is None or reviewed is False:
                found = [w for w in found if w.is_open]
        else:
            w = self.warning(self.current_fingerprint())
            found = [w] if w is not None and w.rule != "stale-review" else []
        if reviewed is not None:
            found = [w for w in found if (w.review is not None) == reviewed]
        return found

    def _push_reviews(self, reviews: list[Review], text: str) -> None:
        self.doc.push(E.set_reviews(self.doc.chart, reviews, text))

    def acknowledge_current(self) -> None:
        found = [w for w in self.targets() if w.review is None or w.review.status != "acknowledged"]
        if found:
            reviews = [E.make_review(w.fingerprint, "acknowledged", None) for w in found]
            self._push_reviews(reviews, count_text(tr("Acknowledge"), len(found)))

    def accept_current(self) -> None:
        """With a note typed: accept. Without: ask for the note inline, next to the details."""
        if not self._pending:
            self._pending = [w.fingerprint for w in self.targets()]
            focus = QApplication.focusWidget()
            self._return_focus = focus if focus is not self.note else None
        if not self._pending:
            return
        note = self.note.text().strip()
        if not note:
            count = len(self._pending)
            self.note_label.setText(
                tr("&Note: why does the team accept %s? (required)")
                % (tr("this warning") if count == 1 else tr("these %d warnings") % count)
            )
            self.note.setFocus()
            return
        pending, self._pending = self._pending, []
        reviews = [E.make_review(fp, "accepted", note) for fp in pending]
        self.note.clear()
        self.note_label.setText(tr("&Note (why the team accepts it):"))
        self._push_reviews(reviews, count_text(tr("Accept"), len(reviews)))
        if self._return_focus is not None:
            self._return_focus.setFocus()
            self._return_focus = None

    def cancel_note(self) -> None:
        self._pending = []
        self.note.clear()
        self.note_label.setText(tr("&Note (why the team accepts it):"))
        if self._return_focus is not None:
            self._return_focus.setFocus()
            self._return_focus = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.note
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.cancel_note()
            return True
        return super().eventFilter(watched, event)

    def reopen_current(self) -> None:
        found = self.targets(reviewed=True)
        if found:
            self.doc.push(
                E.remove_reviews(
                    self.doc.chart, [w.fingerprint for w in found], tr("Reopen warning")
                )
            )
