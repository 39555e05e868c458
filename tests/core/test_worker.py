"""The worker process on its own: load, follow edits, analyse, render a save, over its pipes."""

from __future__ import annotations

import hashlib
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from rolemap.core import analysissync, chartsync
from rolemap.core import edit as E
from rolemap.core.analysis import analyse
from rolemap.core.fileformat import dumps, load, loads, read_header
from rolemap.core.worker import Channel, off_thread
from rolemap.resources import template_path

ROOT = Path(__file__).resolve().parents[2]


def _start() -> tuple[subprocess.Popen[bytes], Channel, Channel]:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from rolemap.core.worker import serve; serve()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None
    return proc, Channel(None, proc.stdin.fileno()), Channel(proc.stdout.fileno(), None)


def _end(proc: subprocess.Popen[bytes]) -> None:
    proc.kill()
    proc.wait()
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            pipe.close()


def _send(ch: Channel, *message: object) -> None:
    ch.send_bytes(pickle.dumps(message))


def _until(ch: Channel, kind: str) -> tuple:
    """The next message of ``kind`` (others, such as analyses, are skipped)."""
    while True:
        message = pickle.loads(ch.recv_bytes())
        if message[0] == kind:
            return message


def test_load_edit_analyse_render_over_the_pipes(tmp_path):
    source = template_path("marketing-vs-operations", "en")
    path = tmp_path / "chart.yaml"
    text = "# kept comment\n" + source.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    chart = load(path)
    proc, to, fro = _start()
    try:
        _send(to, "load", 1, str(path), 7, "en")
        loaded = _until(fro, "loaded")
        parts = [_until(fro, "tasks")[3] for _ in range(loaded[3])]
        assert chartsync.join(loaded[2], parts) == chart
        file = _until(fro, "file")
        digest = hashlib.sha256(text.encode()).hexdigest()
        assert file[1:] == (1, read_header(text), digest, text.encode())
        assert file[2].startswith("# kept comment\n")
        analyses = analysissync.Decoder()
        first = _until(fro, "analysis")
        assert first[1] == 7 and analyses.decode(*first[2:]) == analyse(chart)

        edited = E.update_row(chart, "tasks", 0, "t", title="Poster run").after
        _send(to, "delta", 8, chartsync.diff(chart, edited))
        second = _until(fro, "analysis")
        assert isinstance(second[3], analysissync.AnalysisDelta)  # only what is new
        assert second[1] == 8 and analyses.decode(*second[2:]) == analyse(edited)

        _send(to, "render", 2, "# kept comment\n")
        rendered = _until(fro, "rendered")
        assert rendered[1] == 2
        assert rendered[2].startswith(b"# kept comment\n")
        assert load_text(rendered[2]) == edited

        _send(to, "load", 3, str(tmp_path / "missing.yaml"), 9, "zh")
        failed = _until(fro, "failed")
        assert failed[1] == 3 and "missing.yaml" in failed[2]
        assert any("\u4e00" <= c <= "\u9fff" for c in failed[2])  # in the reader's language
        _send(to, "stop")
        assert proc.wait(20) == 0
    finally:
        _end(proc)


def test_autosave_writes_the_sidecar_and_the_chart(tmp_path):
    chart = load(template_path("marketing-vs-operations", "zh"))
    proc, to, fro = _start()
    try:
        _send(to, "set", 1, chart)
        target = tmp_path / "abc.yaml"
        _send(to, "autosave", 5, str(target), b'{"original": null}', "# h\n")
        done = _until(fro, "autosaved")
        assert done[1:] == (5, str(target), "")
        assert target.read_text(encoding="utf-8") == dumps(chart, "# h\n")
        assert (tmp_path / "abc.json").read_bytes() == b'{"original": null}'
    finally:
        _end(proc)


def load_text(data: bytes) -> object:
    return loads(data)


def test_work_done_in_a_forked_copy_comes_back_whole_or_as_an_error():
    big = bytes(range(256)) * 20_000  # larger than a pipe's buffer
    assert off_thread(lambda: big) == big

    def broken() -> bytes:
        raise ValueError("no such field")

    with pytest.raises(RuntimeError, match="no such field"):
        off_thread(broken)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment",
        "# one\n# two\r\ntitle: x\n",
        "\ufeff# bom\ntitle: x\n" + "#" * 70_000,
        "# " + "long " * 20_000 + "\ntitle: x\n",
        "# a\n" * 20_000 + "title: x\n",
        "# a\n" * 16_383 + "#\r\ntitle: x\n",
    ],
)
def test_the_header_is_read_from_the_start_of_the_text_alone_when_it_ends_there(text):
    from rolemap.core.worker import header_of

    assert header_of(text) == read_header(text)
