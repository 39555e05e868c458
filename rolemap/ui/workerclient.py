"""The GUI side of the worker process (rolemap.core.worker): start it, keep it in step, listen.

Nothing here blocks the event loop for long:
- requests are pickled and written by a sender thread (a full pipe waits there, GIL released);
- replies are read by a receiver thread into an inbox and decoded on the GUI thread a few
  at a time, at most ``BUDGET_S`` per event-loop turn (a loaded chart arrives in chunks), the
  rest after the loop's timers and paints;
- a caller that needs an answer before it can go on (open, save) waits in a nested event
  loop that keeps painting and ignores input, like a modal progress dialog without the dialog.

The worker is ``python -P -c "from rolemap.core.worker import serve; serve()"`` with pipes on its
stdin and stdout: a fresh interpreter (never a fork of this process, whose Qt threads a fork
would leave broken) that imports only the core, not this program's main module.

The worker's copy of the chart is kept in step by ``sync``: the difference between the chart
it holds and the document's, found by row identity (rolemap.core.chartsync). If the worker
dies, every waiting caller gets ``None`` and does the work itself; the next request starts a
new worker (at most ``MAX_STARTS`` times a session) and sends it the whole chart.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer, Signal

import rolemap
from rolemap.core import analysissync, chartsync
from rolemap.core.gcpause import gc_paused
from rolemap.core.model import Chart
from rolemap.core.roundtrip import Layout
from rolemap.core.worker import Channel

BUDGET_S = 0.025
MAX_STARTS = 4
T = TypeVar("T")

_INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
    QEvent.Type.InputMethod,
    QEvent.Type.Drop,
    QEvent.Type.Close,
    QEvent.Type.TouchBegin,
    QEvent.Type.ContextMenu,
}


class _InputBlocker(QObject):
    """Swallows user input (and window closes) while a nested wait runs; paints go on."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        return event.type() in _INPUT_EVENTS


def on_disk_thread(work: Callable[[], T]) -> T:
    """``work()`` on a Python thread while a nested event loop keeps painting (input ignored,
    as in ``WorkerClient.wait``); its result, or its exception raised here.

    For disk work that releases the GIL (writing and flushing a file, reading and hashing
    one): done on the GUI thread, a 10,000-task save's write, fsync and hash held the window
    30-60 ms, longer on a busy disk."""
    box: list[Any] = []

    def run() -> None:
        try:
            box.append((True, work()))
        except BaseException as exc:  # handed to the caller
            box.append((False, exc))

    thread = threading.Thread(target=run, name="rolemap-disk", daemon=True)
    thread.start()
    thread.join(0.002)  # a small file is written before a loop is worth starting
    if thread.is_alive():
        loop = QEventLoop()
        blocker = _InputBlocker()
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(blocker)
        poll = QTimer()
        poll.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
        poll.start(2)
        try:
            loop.exec()
        finally:
            poll.stop()
            if app is not None:
                app.removeEventFilter(blocker)
        thread.join()
    ok, value = box[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


class WorkerClient(QObject):
    analysed = Signal(object, int)  # Analysis, generation
    analysis_failed = Signal(int, str)  # generation, traceback
    autosaved = Signal(int, str, str)  # request, recovery file, error ("" when fine)
    died = Signal()
    _arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: Any = None
        self._out: queue.SimpleQueue[tuple[Any, ...] | None] | None = None
        self._inbox: deque[bytes | None] = deque()
        self._arrived.connect(self._drain)
        self._resuming = False  # a timer will go on draining the inbox
        self._closed = False
        self._receiver: threading.Thread | None = None
        self.starts = 0
        self._req = 0
        self.gen = 0
        # What the worker holds, as far as the messages sent so far go (None: unknown).
        self.synced_chart: Chart | None = None
        self.synced_layout: Layout | None = None
        self.replies: dict[int, tuple[Any, ...]] = {}
        self._loops: list[tuple[QEventLoop, Callable[[], bool]]] = []
        self._autosaves: set[int] = set()
        self._partial: dict[int, list[Any]] = {}
        # Called with the chart's head and its first tasks, on a turn of its own, while a
        # load's other tasks are still on their way (rolemap.ui.textwarm).
        self.on_first_rows: Callable[[Chart, tuple[Any, ...]], None] | None = None
        # The worker's last analysis: the next one comes as the warnings that are new.
        self._analyses = analysissync.Decoder()

    # ------------------------------------------------------------ process

    def alive(self) -> bool:
        return self._process is not None

    def starts_left(self) -> bool:
        """False once the worker died ``MAX_STARTS`` times: everything runs in this process."""
        return self._process is not None or self.starts < MAX_STARTS

    def ensure(self) -> bool:
        """Start the worker if it is not running; False when it cannot be (given up)."""
        if self._process is not None:
            return True
        if self.starts >= MAX_STARTS or self._closed or getattr(sys, "frozen", False):
            return False  # a frozen app's executable is not a Python to run the worker with
        self.starts += 1
        try:
            process = subprocess.Popen(
                # -P: not the current folder first on the path, where another checkout
                # of rolemap may be (its worker would speak another protocol).
                [sys.executable, "-P", "-c", "from rolemap.core.worker import serve; serve()"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=_child_env(),
            )
        except OSError:
            return False
        assert process.stdin is not None and process.stdout is not None
        to_worker = Channel(None, process.stdin.fileno())
        from_worker = Channel(process.stdout.fileno(), None)
        out: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._process, self._out = process, out
        self._inbox = deque()
        threading.Thread(
            target=_send_loop, args=(out, to_worker), name="rolemap-worker-send", daemon=True
        ).start()
        self._receiver = threading.Thread(
            target=self._receive_loop,
            args=(from_worker, self._inbox),
            name="rolemap-worker-receive",
            daemon=True,
        )
        self._receiver.start()
        self.synced_chart = None
        self.synced_layout = None
        self._analyses = analysissync.Decoder()
        return True

    def pid(self) -> int | None:
        return None if self._process is None else int(self._process.pid)

    def stop(self) -> None:
        """End the worker for good (the window closes): later requests are done in-process."""
        self._closed = True
        if self._process is None:
            return
        process, self._process = self._process, None
        if self._out is not None:
            self._out.put(("stop",))
            self._out.put(None)
        _end(process, 2)
        self._forget()

    def _receive_loop(self, conn: Channel, inbox: deque[bytes | None]) -> None:
        while True:
            try:
                data: bytes | None = conn.recv_bytes()
            except (EOFError, OSError):
                data = None  # the worker is gone
            inbox.append(data)
            try:
                self._arrived.emit()
            except RuntimeError:
                return  # this client was deleted with its window
            if data is None:
                return

    def _forget(self) -> None:
        """The worker is gone: nothing it held is known, every wait ends without an answer."""
        self.synced_chart = None
        self.synced_layout = None
        self._partial.clear()
        self._autosaves.clear()
        self._wake()

    def _died(self) -> None:
        process, self._process = self._process, None
        if self._out is not None:
            self._out.put(None)
            self._out = None
        if process is not None:
            _end(process, 0.5)
        self._forget()
        self.died.emit()

    # ------------------------------------------------------------ sending

    def post(self, message: tuple[Any, ...]) -> None:
        assert self._out is not None
        self._out.put(message)

    def next_req(self) -> int:
        self._req += 1
        return self._req

    def sync(self, chart: Chart) -> bool:
        """Bring the worker's chart to ``chart``; False when there is no worker."""
        if not self.ensure():
            return False
        old = self.synced_chart
        if old is chart:
            return True
        self.gen += 1
        if old is None:
            self.post(("set", self.gen, chart))
        else:
            self.post(("delta", self.gen, chartsync.diff(old, chart)))
        self.synced_chart = chart
        return True

    # ------------------------------------------------------------ requests with an answer

    def load(self, path: str, lang: str = "en") -> tuple[Any, ...] | None:
        """("loaded", chart, header, sha256, the file's text) or ("failed", message in
        ``lang``); None: no worker."""
        if not self.ensure():
            return None
        req = self.next_req()
        self.gen += 1
        gen = self.gen
        self.synced_chart = None  # until the answer: the worker may hold either chart
        # What exists now (modules, the window, the old chart) is long-lived: keep the
        # collector from rescanning it while the new chart's objects arrive (a full
        # collection of a started app took 0.16 s, a stall in the middle of the opening).
        gc.freeze()
        self.post(("load", req, path, gen, lang))
        reply = self.wait(req)
        if reply is None:
            return None
        if reply[0] == "loaded" and self.gen == gen:
            self.synced_chart = reply[1]
        return reply

    def render(self, layout: Layout | None, chart: Chart, header: str) -> tuple[int, bytes] | None:
        """The bytes a save writes, serialised by the worker; None: do it yourself."""
        if not self.sync(chart):
            return None
        if layout is not self.synced_layout:
            self.post(("layout", layout))
            self.synced_layout = layout
        req = self.next_req()
        # The save must write this chart: the worker checks its copy agrees (ids, sizes).
        self.post(("render", req, header, chartsync.shape(chart)))
        reply = self.wait(req)
        if reply is None or reply[0] != "rendered":
            if reply is not None and self.synced_chart is chart:
                self.synced_chart = None  # out of step or failed: send the whole chart next
                self.synced_layout = None
            return None
        return req, reply[2]

    def saved(self, req: int, layout: Layout) -> None:
        """The rendered bytes of ``req`` were written; ``layout`` is their text."""
        if self._process is not None:
            self.post(("saved", req))
            self.synced_layout = layout

    def autosave(self, chart: Chart, chart_path: str, meta: bytes, header: str) -> int | None:
        """Ask the worker to write the recovery files; ``autosaved`` tells when it did."""
        if not self.sync(chart):
            return None
        req = self.next_req()
        self.post(("autosave", req, chart_path, meta, header))
        self._autosaves.add(req)
        return req

    def has_pending_autosaves(self) -> bool:
        return bool(self._autosaves) and self._process is not None

    def remove_files(self, paths: list[str]) -> None:
        """Remove ``paths`` once the worker has done what it was asked before (autosaves)."""
        self.post(("remove", paths))

    def wait_autosaves(self, timeout: float = 60.0) -> None:
        """Until the autosaves asked for are written (or the worker is gone)."""
        self._spin(lambda: not self._autosaves, timeout)

    def wait(self, req: int, timeout: float = 600.0) -> tuple[Any, ...] | None:
        """The reply to ``req``, running a nested event loop (input ignored) until it comes;
        None when the worker died or did not answer in time."""
        self._spin(lambda: req in self.replies, timeout)
        return self.replies.pop(req, None)

    def _spin(self, done: Callable[[], bool], timeout: float) -> None:
        if done() or self._process is None:
            return
        loop = QEventLoop()
        entry = (loop, done)
        self._loops.append(entry)
        blocker = _InputBlocker()
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(blocker)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(int(timeout * 1000))
        # A worker that is gone without a word (its reader thread ended) ends the wait too.
        pulse = QTimer()
        pulse.timeout.connect(self._check_alive)
        pulse.start(250)
        try:
            loop.exec()
        finally:
            pulse.stop()
            timer.stop()
            if app is not None:
                app.removeEventFilter(blocker)
            self._loops.remove(entry)

    def _check_alive(self) -> None:
        process, receiver = self._process, self._receiver
        if process is None:
            self._wake()
        elif process.poll() is not None or receiver is None or not receiver.is_alive():
            QTimer.singleShot(300, self._drain)  # its last replies first, then the end
            if receiver is not None and not receiver.is_alive() and not self._inbox:
                self._died()

    def _wake(self) -> None:
        for loop, done in self._loops:
            if self._process is None or done():
                # On a timer: the loop first lets the event loop's timers and paints run. The
                # caller goes on from here (an open: every view reset and the window painted)
                # and the turn that decoded the answer, in chunks up to BUDGET_S, is over.
                QTimer.singleShot(1, loop, loop.quit)

    # ------------------------------------------------------------ receiving

    def _drain(self) -> None:
        # Re-entrant on purpose: a slot called from here may wait for the worker in a
        # nested loop, and that loop must go on decoding replies.
        if self._resuming:
            return  # over budget: a timer goes on with the rest, after the loop's other work
        start = time.perf_counter()
        while self._inbox:
            data = self._inbox.popleft()
            if data is None:
                self._died()
                return
            with gc_paused():
                message = pickle.loads(data)
            self._dispatch(message)
            if self._inbox and time.perf_counter() - start > BUDGET_S:
                # Resumed by a timer, not a queued call: the loop runs the queued calls
                # (one per reply that arrived) one after another, so each drained its budget
                # in turn and a 10,000-task load's chunks held the window 60-80 ms at once.
                # At least one reply a turn, whatever the budget.
                self._resuming = True
                QTimer.singleShot(1, self, self._resume)
                return

    def _resume(self) -> None:
        self._resuming = False
        self._drain()

    def _dispatch(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "analysis":
            _, gen, serial, payload = message
            try:  # every analysis, even one for an older chart: the next builds on it
                analysis = self._analyses.decode(serial, payload)
            except analysissync.OutOfStep:
                # Never seen (the pipe keeps order); if it were: the next one in full.
                self._analyses = analysissync.Decoder()
                if self._out is not None:
                    self.post(("resend",))
                return
            gc.freeze()  # see _loaded
            if gen == self.gen:
                # What every view asks first (each task's and goal's warnings, the counts),
                # worked out in this turn rather than in the one that shows the analysis.
                analysis.by_entity.get("")
                analysis.counts()
            # Shown on a later turn of the event loop: unpickling a large analysis (20-35 ms
            # at 10,000 tasks) and showing it (every view updated and repainted) in one turn
            # were the longest stall of the first analysis after opening a chart. A queued
            # call, not a timer: what it posts (the views' layouts and the repaint) then waits
            # for the loop's next timers; called from a timer, it ran on into them.
            QTimer.singleShot(0, self, lambda: self._analysed(analysis, gen))
        elif kind == "analysis_failed":
            self.analysis_failed.emit(message[1], message[2])
        elif kind == "loaded":
            _, req, head, chunks = message
            self._partial[req] = [head, chunks, [], None]
        elif kind == "tasks":
            part = self._partial.get(message[1])
            if part is not None:
                part[2].append(message[3])
                hook = self.on_first_rows
                if len(part[2]) == 1 and hook is not None:
                    req, head, rows = message[1], part[0], message[3]
                    # Skipped when the whole chart has arrived meanwhile: the window shows it.
                    QTimer.singleShot(0, self, lambda: req in self._partial and hook(head, rows))
        elif kind == "file":
            part = self._partial.get(message[1])
            if part is not None and len(part[2]) == part[1]:
                part[3] = message[2:]
                self._loaded(message[1])
        elif kind == "autosaved":
            self._autosaves.discard(message[1])
            self.autosaved.emit(message[1], message[2], message[3])
            self._wake()
        else:  # rendered, failed
            self._answer(message[1], message)

    def _analysed(self, analysis: Any, gen: int) -> None:
        if gen == self.gen:  # else a newer chart was sent meanwhile: its analysis follows
            self.analysed.emit(analysis, gen)

    def _loaded(self, req: int) -> None:
        head, _n, parts, (header, digest, data) = self._partial.pop(req)
        with gc_paused():
            chart = chartsync.join(head, parts)
        # The chart lives until the next one: keep the collector from rescanning its objects
        # (a full collection after a 10,000-task load took 0.48 s, a stall whenever it ran).
        # Frozen objects are still freed when no longer referenced.
        gc.freeze()
        # The file's text for the window's Layout, decoded here: this turn ends before the
        # open goes on (see _wake) to reset every view and paint, 6-10 ms later at 10,000 tasks.
        text = data.decode("utf-8", "replace")
        self._answer(req, ("loaded", chart, header, digest, text))

    def _answer(self, req: int, message: tuple[Any, ...]) -> None:
        self.replies[req] = message
        self._wake()


def _child_env() -> dict[str, str]:
    """This process's environment, with the folder rolemap was imported from on the path."""
    env = dict(os.environ)
    here = os.path.dirname(os.path.dirname(os.path.abspath(rolemap.__file__)))
    env["PYTHONPATH"] = os.pathsep.join([here, *filter(None, [env.get("PYTHONPATH")])])
    return env


def _end(process: subprocess.Popen[bytes], grace: float) -> None:
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(2)
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            try:
                pipe.close()
            except OSError:
                pass


def _send_loop(out: queue.SimpleQueue[tuple[Any, ...] | None], conn: Channel) -> None:
    while True:
        message = out.get()
        if message is None:
            break
        try:
            with gc_paused():
                data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
            conn.send_bytes(data)
        except (OSError, ValueError):
            break  # the worker is gone; the receiver reports it
