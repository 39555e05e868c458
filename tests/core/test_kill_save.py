"""SIGKILL at random moments while saving (the comment-keeping save, through a symlink and
onto a hard-linked file): the chart is always whole, or its complete new text is beside it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import child_env

HAND = Path(__file__).parent.parent / "data" / "hand-edited.yaml"
SCRIPT = """
import sys
from rolemap.core.fileformat import loads, save
from rolemap.core.roundtrip import layout_of
path = sys.argv[1]
data = open(sys.argv[2], 'rb').read()
chart = loads(data)
layout = layout_of(data, chart)
t = chart.tasks[1]
edited = chart.model_copy(update={"tasks": (chart.tasks[0], t.model_copy(update={"title": "Edited " * 3000}), chart.tasks[2])})
print('go', flush=True)
i = 0
while True:
    save(edited if i % 2 == 0 else chart, path, layout=layout)
    i += 1
"""

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL, links")


def _states() -> tuple[bytes, bytes]:
    from rolemap.core.fileformat import loads
    from rolemap.core.roundtrip import layout_of, render

    data = HAND.read_bytes()
    chart = loads(data)
    t = chart.tasks[1]
    edited = chart.model_copy(
        update={
            "tasks": (
                chart.tasks[0],
                t.model_copy(update={"title": "Edited " * 3000}),
                chart.tasks[2],
            )
        }
    )
    layout = layout_of(data, chart)
    return render(layout, chart).encode(), render(layout, edited).encode()


@posix_only
def test_kill_during_keeping_save_through_a_symlink_leaves_a_whole_file(tmp_path: Path) -> None:
    old, new = _states()
    repo = tmp_path / "repo"
    repo.mkdir()
    real = repo / "chart.yaml"
    real.write_bytes(HAND.read_bytes())
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    rng = random.Random(1)
    for _ in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(link), str(HAND)],
            env=child_env(),
            stdout=subprocess.PIPE,
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(rng.uniform(0.01, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
        assert link.is_symlink()
        assert real.read_bytes() in (old, new)


@posix_only
def test_kill_during_save_of_a_hard_linked_file_never_loses_the_new_text(tmp_path: Path) -> None:
    old, new = _states()
    real = tmp_path / "chart.yaml"
    real.write_bytes(HAND.read_bytes())
    other = tmp_path / "other.yaml"
    os.link(real, other)
    rng = random.Random(2)
    for _ in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(other), str(HAND)],
            env=child_env(),
            stdout=subprocess.PIPE,
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(rng.uniform(0.01, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
        assert os.path.samefile(real, other)
        content = real.read_bytes()
        if content not in (old, new):
            # torn in place: the complete text being written waits beside it
            copies = [p.read_bytes() for p in tmp_path.glob(".chart.yaml.*.tmp")]
            copies += [p.read_bytes() for p in tmp_path.glob(".other.yaml.*.tmp")]
            assert any(c in (old, new) for c in copies), "neither the file nor a copy is whole"
        for p in tmp_path.glob(".*.tmp"):
            p.unlink()
