"""The near-duplicate join started before the chart has loaded, in a forked process.

``rolemap check FILE`` spends its time loading the file, then analysing it, and the largest
part of the analysis is the near-duplicate join, which reads nothing but the titles (and the
chart's glossary). On a machine with a core to spare, ``start`` forks a process that reads
the titles and the glossary straight from the file's text (a quick line scan, not the loader)
and runs the join while this process loads and validates the chart and runs the other rules.

The answer is taken only if the forked process read exactly the titles, glossary and threshold
of the loaded chart (titles compared by digest): a title written across several lines, an
unusual layout or a failed fork only mean that the join runs here, as before. Either way the
warnings are the same.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

# Measured on a 2-core machine running other work (load average 4-5): forking made a 10k
# check 7-18 % slower, so the join is forked only when a core is free.
MIN_IDLE = 0.5
MIN_BYTES = 1_000_000  # smaller charts (under about 2,500 tasks) join in a fraction of a second

_TOP_KEY = re.compile(rb"\n([A-Za-z_][\w-]*)[ \t]*:")  # found after a line break: fast
_ITEM = re.compile(rb"\n([ ]*)-[ ]+([^\s#])")
# A plain scalar read as the text it shows: no indicator first, no ": " or " #" inside, and
# nothing YAML 1.1 would read as a number, a date, a boolean or null (those go to PyYAML).
_PLAIN = re.compile(
    r"[^-?:,\[\]{}#&*!|>'\"%@`\s0-9+.~](?:(?!: | #)[^\t\r])*(?<![\s:])",
)
_NOT_TEXT = frozenset("y n yes no on off true false null".split())


def digest(titles: Sequence[str]) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for title in titles:
        raw = title.encode("utf-8", "surrogatepass")
        h.update(len(raw).to_bytes(8, "little"))
        h.update(raw)
    return h.digest()


def _blocks(data: bytes) -> dict[bytes, tuple[int, int]]:
    """Top-level keys and the byte ranges of their blocks (key line included)."""
    # In b"\n" + data, a match's line break is at the key's offset in data.
    starts = [(m.group(1), m.start()) for m in _TOP_KEY.finditer(b"\n" + data)]
    out: dict[bytes, tuple[int, int]] = {}
    for n, (key, begin) in enumerate(starts):
        end = starts[n + 1][1] if n + 1 < len(starts) else len(data)
        if key in out:
            return {}  # a repeated key: the loader refuses it, nothing to guess
        out[key] = (begin, end)
    return out


def _scalars(values: list[str]) -> list[Any] | None:
    """The values as YAML reads them: plain and simply quoted ones here, the rest by PyYAML."""
    import yaml

    out: list[Any] = []
    hard: list[int] = []
    plain, not_text = _PLAIN.fullmatch, _NOT_TEXT
    for v in values:
        if plain(v) is not None and v.lower() not in not_text:
            out.append(v)
        elif len(v) > 1 and v[0] == v[-1] == "'" and "'" not in v[1:-1].replace("''", ""):
            out.append(v[1:-1].replace("''", "'"))
        else:
            hard.append(len(out))
            out.append(None)
    if hard:
        text = "".join(f"- {values[i]}\n" for i in hard)
        loaded = yaml.load(text, Loader=yaml.CSafeLoader)
        if not isinstance(loaded, list) or len(loaded) != len(hard):
            return None
        for i, value in zip(hard, loaded, strict=True):
            out[i] = value
    return out


def read_titles(data: bytes) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None:
    """(titles, glossary groups) read from a chart's text without loading it, or None.

    A guess: each task's ``title:`` line is taken as written on one line. The caller compares
    the guess with the loaded chart before using anything computed from it.
    """
    import yaml

    blocks = _blocks(data)
    if b"tasks" not in blocks:
        return None
    begin, end = blocks[b"tasks"]
    block = data[begin:end]
    first = _ITEM.search(block)
    if first is None:
        return None
    dash = len(first.group(1))
    key_col = first.start(2) - first.start() - 1
    pattern = re.compile(
        rb"\n(?:[ ]{%d}-[ ]{%d}|[ ]{%d})title:[ \t]*([^\n]*)" % (dash, key_col - dash - 1, key_col),
    )
    raw = pattern.findall(block)
    if not raw:
        return None
    loaded = _scalars([v.decode("utf-8").rstrip(" \t\r") for v in raw])
    if loaded is None or not all(type(t) is str for t in loaded):
        return None
    glossary: tuple[tuple[str, ...], ...] = ()
    if b"glossary" in blocks:
        begin, end = blocks[b"glossary"]
        found = yaml.load(data[begin:end].decode("utf-8"), Loader=yaml.CSafeLoader)
        groups = found.get("glossary") if isinstance(found, dict) else None
        if not isinstance(groups, list):
            return None
        if not all(isinstance(g, list) and all(type(t) is str for t in g) for g in groups):
            return None
        glossary = tuple(tuple(g) for g in groups)
    return tuple(loaded), glossary


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def idle_cores() -> float:
    """Cores not busy over the last minute (this process counts as busy), by load average."""
    cores = usable_cores()
    try:
        return cores - os.getloadavg()[0]
    except (AttributeError, OSError):
        return cores - 1.0


class Pending:
    """A join under way in a forked process; ``answer`` waits for it and checks its inputs."""

    def __init__(self, pid: int, reader: int) -> None:
        self.pid = pid
        self.reader = reader
        self.glossary: tuple[tuple[str, ...], ...] | None = None
        self.vocab: Any = None

    def offer(self, glossary: Sequence[Sequence[str]]) -> None:
        """Offer the answer to the next ``similar_groups``, given the loaded chart's glossary
        (and so the vocabulary the analysis will use)."""
        from rolemap.core.analysis import similarity
        from rolemap.core.analysis.terms import vocabulary

        self.glossary = tuple(tuple(g) for g in glossary)
        self.vocab = vocabulary(self.glossary)
        similarity.prefetched = self

    def close(self) -> None:
        """Withdraw the offer and stop the forked process if it still runs."""
        from rolemap.core.analysis import similarity

        if similarity.prefetched is self:
            similarity.prefetched = None
        self.cancel()

    def answer(self, titles: tuple[str, ...], threshold: float, vocab: Any) -> Any:
        """The forked join's groups if it joined exactly these titles, else None."""
        if self.glossary is None or vocab is not self.vocab:
            self.cancel()
            return None
        message = self._receive()
        if message is None:
            return None
        their_digest, glossary, their_threshold, groups = message
        if glossary != self.glossary or their_threshold != threshold:
            return None
        if their_digest != digest(titles):
            return None
        return groups

    def _receive(self) -> Any:
        chunks = []
        try:
            while True:
                chunk = os.read(self.reader, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            self._close()
        try:
            return pickle.loads(b"".join(chunks)) if chunks else None
        except Exception:  # a broken message only means joining here
            return None

    def _close(self) -> None:
        if self.reader >= 0:
            os.close(self.reader)
            self.reader = -1
        if self.pid > 0:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = -1

    def cancel(self) -> None:
        if self.pid > 0:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._close()


def start_file(path: str, threshold: float) -> Pending | None:
    """``start`` with the bytes of the file at ``path`` (None if the loader would not read
    it: it will say why). Use as: pending = start_file(...); load the chart; if it loaded,
    ``pending.offer(chart.glossary)``; analyse; in any case ``pending.close()``."""
    from rolemap.core.errors import ChartLoadError
    from rolemap.core.safeio import read_bounded

    try:
        if not _worth_forking(os.stat(path).st_size):
            return None  # decided before reading anything (a FIFO's size is 0)
        data = read_bounded(path)  # never a device, a FIFO or more than the loader reads
    except (OSError, ChartLoadError):
        return None  # the loader says why
    return start(data, threshold)


def _worth_forking(size: int) -> bool:
    """Whether a chart of ``size`` bytes is worth a forked join here, and safe to fork."""
    choice = os.environ.get("ROLEMAP_FORK_JOIN", "auto")  # auto | never | always
    if choice == "never" or size < MIN_BYTES or not hasattr(os, "fork"):
        return False
    if choice != "always" and (usable_cores() < 2 or idle_cores() < MIN_IDLE):
        return False  # no core to spare: two processes sharing one are slower than one
    return threading.active_count() == 1  # a fork copies only the calling thread


def start(data: bytes, threshold: float) -> Pending | None:
    """Fork the join of ``data``'s titles, where that can pay and is safe, else None."""
    if not _worth_forking(len(data)):
        return None
    try:
        reader, writer = os.pipe()
    except OSError:
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:  # the forked process: join, send, leave without running any cleanup
        code = 1
        try:
            _die_with(parent)
            os.close(reader)
            message = _join(data, threshold)
            if message is not None:
                payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
                _room_for(writer, len(payload))
                view = memoryview(payload)
                while view:
                    view = view[os.write(writer, view) :]
                code = 0
        except BaseException:  # the parent joins by itself
            pass
        finally:
            os._exit(code)
    os.close(writer)
    return Pending(pid, reader)


def _room_for(writer: int, size: int) -> None:
    """Make the pipe hold the whole answer where the system allows (Linux, up to its pipe
    size limit, 1 MB by default), so that the forked process can leave, and give its memory
    back, while this one is still loading, instead of waiting for it to read."""
    import fcntl

    resize = getattr(fcntl, "F_SETPIPE_SZ", None)
    if resize is None:
        return
    try:
        fcntl.fcntl(writer, resize, min(size + 4096, 1 << 20))
    except OSError:
        pass  # over the limit: the answer waits in the pipe, as before


def _die_with(parent: int) -> None:
    """Linux: have the kernel stop this forked process if its parent dies (a killed check
    must not leave a join running for minutes); elsewhere the parent's ``close`` does it."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _join(data: bytes, threshold: float) -> Any:
    """What the forked process does: the scored groups, as ``similarity.similar_groups``
    finds them (the same functions), keeping nothing for later so that memory stays low."""
    import gc

    from rolemap.core.analysis.rerun import full_join
    from rolemap.core.analysis.similarity import _vectors, scored_groups
    from rolemap.core.analysis.terms import vocabulary

    gc.disable()
    found = read_titles(data)
    if found is None:
        return None
    titles, glossary = found
    vectors = _vectors(titles, vocabulary(glossary))[1]
    edges, totals = full_join(vectors, threshold, groups=True)
    groups = scored_groups(vectors, totals, edges, titles, threshold)
    return digest(titles), glossary, threshold, groups
