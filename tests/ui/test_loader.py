"""The app reads chart files with the CLI's bounded loader."""

from __future__ import annotations

from rolemap.core import safeio


def test_the_app_refuses_a_file_over_the_size_limit(window, tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"rolemap: 1\ntitle: big\n" + b"# padding\n" * 200)
    monkeypatch.setattr(safeio, "MAX_FILE_BYTES", 1024)
    before = window.doc.chart
    assert not window.open_path(str(path))
    assert window.doc.chart is before
    assert "MiB" in window.errors[-1][1] and "Is this the right file?" in window.errors[-1][1]


def test_a_missing_file_is_reported_with_its_reason(window, tmp_path):
    assert not window.open_path(str(tmp_path / "gone.yaml"))
    assert "cannot read the file" in window.errors[-1][1]
