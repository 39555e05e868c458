"""The app's worker process: holds a copy of the open chart, analyses it, loads and serialises.

The desktop app keeps its window responsive by doing the heavy work here, in another process
(a Python thread would hold the GIL and stall the event loop). The app starts it with
``serve()`` as the entry point and sends requests as pickled tuples, length-prefixed, to its
stdin; replies come back on its stdout (see rolemap.ui.workerclient):

    ("load", req, path, gen, lang)   -> ("loaded", req, head, chunks), then ("tasks", req,
                                        i, tasks) per chunk, then ("file", req, header,
                                        sha256, data); the chart read is the document as
                                        generation gen; or ("failed", req, message in
                                        lang), the chart unchanged
    ("set", gen, chart)              this chart is now the document
    ("delta", gen, delta)            the document was edited (rolemap.core.chartsync)
    ("layout", layout)               the file text saves start from (roundtrip.Layout)
    ("render", req, header, shape)   -> ("rendered", req, bytes) or ("failed", req, message):
                                        the text a save writes (comments kept, see roundtrip),
                                        refused when this copy's chartsync.shape differs
    ("saved", req)                   the rendered text was written: it is the new layout
    ("autosave", req, chart_path, meta)
                                     -> ("autosaved", req, path, error): the recovery files
    ("remove", paths)                remove these files (after the autosaves asked before)
    ("resend",)                      analyse again and send that analysis in full
    ("stop",)

After every batch of requests that changed the chart, the newest chart is analysed on the
process's analysis thread (one at a time; an older one is never queued behind it) and sent as
("analysis", gen, serial, payload): the first in full, the next ones as the warnings that are
new since the one sent before (rolemap.core.analysissync). Loading and saving run on the main
thread meanwhile, so a save does not wait for an analysis. The analysis caches (the near-duplicate join) stay warm
between edits, as in the app's own process.
"""

from __future__ import annotations

import gc
import hashlib
import os
import struct
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from rolemap.core import chartsync
from rolemap.core.errors import ChartLoadError
from rolemap.core.fileformat import dumps, loads, read_header, write_atomic
from rolemap.core.gcpause import gc_paused
from rolemap.core.model import Chart
from rolemap.core.roundtrip import Layout, layout_of, render
from rolemap.core.safeio import read_bounded

_LENGTH = struct.Struct("<Q")
# Serialising a save in a forked child keeps it off the analysis thread's GIL (the two shared
# one interpreter: a 10,000-task save took 2-6 s instead of 0.9 s while an analysis ran). This
# process runs no Qt and no other library threads; only Linux, where fork is dependable.
FORK = sys.platform.startswith("linux") and hasattr(os, "fork")


def off_thread(work: Callable[[], bytes]) -> bytes:
    """``work()`` in a forked copy of this process (where available), its bytes sent back."""
    if not FORK:
        return work()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send the bytes, leave without any cleanup
        try:
            os.close(read_fd)
            try:
                data = b"\x00" + work()
            except BaseException:
                data = b"\x01" + traceback.format_exc().encode("utf-8", "replace")
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
        finally:
            os._exit(0)
    os.close(write_fd)
    chunks = []
    try:
        while chunk := os.read(read_fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        os.waitpid(pid, 0)
    data = b"".join(chunks)
    if not data:
        raise RuntimeError("the process serialising the chart ended without an answer")
    if data[:1] != b"\x00":
        raise RuntimeError(data[1:].decode("utf-8", "replace"))
    return data[1:]


def header_of(text: str, prefix: int = 1 << 16) -> str:
    """``read_header(text)``, reading only the start of a long text when the header ends
    there (splitting all 3.5 MB of a 10,000-task file into lines took 13-26 ms)."""
    header = read_header(text[:prefix])
    if len(header) + 2 < min(prefix, len(text)):  # the line after it began in the prefix
        return header
    return read_header(text)


class Channel:
    """Length-prefixed messages over two pipe file descriptors (the worker's stdin and stdout)."""

    def __init__(self, read_fd: int | None, write_fd: int | None) -> None:
        self.read_fd = read_fd
        self.write_fd = write_fd

    def send_bytes(self, data: bytes) -> None:
        assert self.write_fd is not None
        view = memoryview(_LENGTH.pack(len(data)) + data)
        while view:
            view = view[os.write(self.write_fd, view) :]

    def _exactly(self, n: int) -> bytes:
        assert self.read_fd is not None
        buf = bytearray(n)
        view = memoryview(buf)
        got = 0
        while got < n:
            chunk = os.read(self.read_fd, min(n - got, 1 << 20))
            if not chunk:
                raise EOFError
            view[got : got + len(chunk)] = chunk
            got += len(chunk)
        return bytes(buf)

    def recv_bytes(self) -> bytes:
        (n,) = _LENGTH.unpack(self._exactly(_LENGTH.size))
        return self._exactly(n)

    def poll(self) -> bool:
        """True when a message is waiting (POSIX; elsewhere always False, which is fine)."""
        if self.read_fd is None or sys.platform == "win32":
            return False
        import select

        try:
            return bool(select.select([self.read_fd], [], [], 0)[0])
        except (OSError, ValueError):
            return False

    def close(self) -> None:
        for fd in {self.read_fd, self.write_fd} - {None}:
            try:
                os.close(fd)  # type: ignore[arg-type]
            except OSError:
                pass


class _Worker:
    def __init__(self, inbox: Channel, outbox: Channel) -> None:
        self.inbox = inbox
        self.outbox = outbox
        self.send_lock = threading.Lock()
        self.chart: Chart | None = None
        self.gen = -1
        self.layout: Layout | None = None
        self.rendered: dict[int, tuple[str, Chart]] = {}
        # The analysis thread takes the newest (chart, gen) from here.
        self.wanted: tuple[Chart, int] | None = None
        self.encoder: Any = None  # analysissync.Encoder, made and used by the analysis thread
        self.cond = threading.Condition()
        self.stopping = False

    def send(self, message: tuple[Any, ...]) -> None:
        import pickle

        with gc_paused():
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        with self.send_lock:
            self.outbox.send_bytes(data)

    # ------------------------------------------------------------ analysis thread

    def analyser(self) -> None:
        analyse: Callable[[Chart], Any] | None = None
        while True:
            with self.cond:
                while self.wanted is None and not self.stopping:
                    self.cond.wait()
                if self.stopping:
                    return
                assert self.wanted is not None
                chart, gen = self.wanted
                self.wanted = None
            try:
                if analyse is None:
                    analyse = self._import_analysis()
                result = analyse(chart)
            except Exception:
                self.send(("analysis_failed", gen, traceback.format_exc()))
                continue
            self.send(("analysis", gen, *self.encoder.encode(result)))
            # What the analysis keeps for the next one (per-task results, sums, the join's
            # postings) is long-lived: spare the collector rescanning it (as after a load).
            gc.freeze()

    def _import_analysis(self) -> Callable[[Chart], Any]:
        # Imported when the first analysis is wanted, not at start: a worker started early
        # (after the app's first frame, or for a chart named on the command line) reads its
        # first file without importing the analysis first (0.1-0.15 s of CPU; imported
        # while the worker sat idle, it could also collide with that first load).
        from rolemap.core import analysissync
        from rolemap.core.analysis import analyse

        self.encoder = analysissync.Encoder()
        return analyse

    def want_analysis(self) -> None:
        assert self.chart is not None
        with self.cond:
            self.wanted = (self.chart, self.gen)
            self.cond.notify()

    # ------------------------------------------------------------ requests

    def handle(self, message: tuple[Any, ...]) -> bool:
        """Apply one request; True when it changed the chart."""
        kind = message[0]
        if kind == "delta":
            _, gen, delta = message
            assert self.chart is not None
            self.chart, self.gen = chartsync.apply(self.chart, delta), gen
            return True
        if kind == "set":
            _, self.gen, self.chart = message
            return True
        if kind == "resend":
            if self.encoder is not None:
                self.encoder.forget()
            return self.chart is not None
        if kind == "load":
            return self.load(*message[1:])
        if kind == "layout":
            self.layout = message[1]
        elif kind == "render":
            self.render(*message[1:])
        elif kind == "saved":
            done = self.rendered.pop(message[1], None)
            if done is not None:
                self.layout = layout_of(*done)
            self.rendered.clear()
        elif kind == "autosave":
            self.autosave(*message[1:])
        elif kind == "remove":
            for path in message[1]:
                try:
                    os.unlink(path)
                except OSError:
                    pass
        return False

    def load(self, req: int, path: str, gen: int, lang: str = "en") -> bool:
        try:
            data = read_bounded(path)
            chart = loads(data, file=path)
        except ChartLoadError as exc:
            self.send(("failed", req, exc.format(lang=lang)))
            return False
        except OSError as exc:
            self.send(("failed", req, f"{path}: {exc.strerror or exc}"))
            return False
        self.chart, self.gen = chart, gen
        gc.freeze()  # long-lived: spare the collector rescanning it
        # The tasks first: the app unpickles them while the rest is worked out here.
        head, chunks = chartsync.split(chart)
        self.send(("loaded", req, head, len(chunks)))
        for i, part in enumerate(chunks):
            self.send(("tasks", req, i, part))
        self.layout = layout_of(data, chart)
        digest = hashlib.sha256(data).hexdigest()
        self.send(("file", req, header_of(self.layout.text), digest, data))
        return True

    def render(self, req: int, header: str, expected: Any = None) -> None:
        chart, layout = self.chart, self.layout
        assert chart is not None
        if expected is not None and chartsync.shape(chart) != expected:
            self.send(("failed", req, "the worker's copy of the chart is out of step"))
            return
        try:
            data = off_thread(lambda: render(layout, chart, header).encode("utf-8"))
        except Exception:
            self.send(("failed", req, traceback.format_exc()))
            return
        self.rendered[req] = (data.decode("utf-8"), chart)
        self.send(("rendered", req, data))

    def autosave(self, req: int, chart_path: str, meta: bytes, header: str) -> None:
        chart = self.chart
        assert chart is not None

        def write() -> bytes:
            try:
                # The sidecar first: a kill between the two writes leaves an incomplete
                # entry that is reported, never a chart nobody offers back.
                write_atomic(os.path.splitext(chart_path)[0] + ".json", meta)
                write_atomic(chart_path, dumps(chart, header).encode("utf-8"))
            except OSError as exc:
                return str(exc).encode("utf-8")
            return b""

        try:
            error = off_thread(write).decode("utf-8")
        except Exception as exc:
            error = str(exc)
        self.send(("autosaved", req, chart_path, error))

    def run(self) -> None:
        import pickle

        thread = threading.Thread(target=self.analyser, name="rolemap-analysis", daemon=True)
        thread.start()
        while True:
            try:
                data = self.inbox.recv_bytes()
            except (EOFError, OSError):
                break  # the app went away
            changed = False
            while True:
                with gc_paused():
                    message = pickle.loads(data)
                if message[0] == "stop":
                    self.stopping = True
                    break
                changed |= self.handle(message)
                if not self.inbox.poll():
                    break
                data = self.inbox.recv_bytes()
            if self.stopping:
                break
            if changed:
                self.want_analysis()
        with self.cond:
            self.stopping = True
            self.cond.notify()


def serve() -> None:
    """The worker process's entry point: requests on stdin, replies on stdout."""
    out = os.dup(sys.stdout.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not break the stream
    channel = Channel(sys.stdin.fileno(), out)
    _Worker(channel, channel).run()


if __name__ == "__main__":
    serve()
