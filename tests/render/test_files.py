"""Pictures as files: PNG pixels, SVG text, PDF pages, and the headless ``rolemap export``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from rolemap.core.fileformat import save
from rolemap.core.layout.maplayout import layout_map
from rolemap.core.layout.views import picture
from rolemap.render.files import render_image, write_pdf, write_svg
from rolemap.resources import template_path
from tests.core.picture_charts import big_chart, small_chart
from tests.helpers import child_env

pytestmark = pytest.mark.usefixtures("qapp")


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def test_png_shows_each_card_striped_in_its_accountable_colour() -> None:
    pic = layout_map(small_chart())
    image = render_image(pic, scale=2.0)
    assert (image.width(), image.height()) == (round(pic.width * 2), round(pic.height * 2))
    for ref, colour in ((("task", "poster"), "#2f6fde"), (("task", "sms"), "#e07b39")):
        card = next(b for b in pic.boxes if b.ref == ref and b.role == "card")
        x, y = (card.rect.x + 6) * 2, card.rect.cy * 2
        assert image.pixelColor(round(x), round(y)).name() == colour
    white = QColor("#ffffff")
    assert image.pixelColor(2, 2) == white


def test_huge_pictures_are_scaled_down_to_what_an_image_can_hold() -> None:
    pic = picture(big_chart(1500), "matrix")  # capped rows, still tall
    image = render_image(pic, scale=2.0)
    assert 0 < image.height() <= 32_000 and not image.isNull()


def test_svg_keeps_chinese_text(tmp_path: Path) -> None:
    chart = small_chart().model_copy(update={"title": "校园单车职责图"})
    out = tmp_path / "map.svg"
    write_svg(layout_map(chart), str(out), chart.title)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text
    assert "校园单车职责图" in text and "品牌侧" in text


def test_pdf_matrix_is_paged_with_every_row(tmp_path: Path) -> None:
    out = tmp_path / "matrix.pdf"
    write_pdf(picture(big_chart(120), "matrix", paged=True), str(out))
    assert out.read_bytes().startswith(b"%PDF")
    assert pdf_pages(out) >= 3
    one = tmp_path / "map.pdf"
    write_pdf(picture(small_chart(), "map"), str(one))
    assert pdf_pages(one) == 1


def export(*args: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    env = child_env()
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "rolemap", "export", *map(os.fspath, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("fmt", "view", "magic"),
    [("png", "map", b"\x89PNG"), ("svg", "heatmap", b"<?xml"), ("pdf", "matrix", b"%PDF")],
)
def test_cli_exports_pictures_without_a_display(
    fmt: str, view: str, magic: bytes, tmp_path: Path
) -> None:
    chart = tmp_path / "图表.yaml"
    chart.write_bytes(template_path("marketing-vs-operations", "zh").read_bytes())
    proc = export(chart, "--format", fmt, "--view", view)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / f"图表-{view}.{fmt}"
    assert str(out) in proc.stdout
    assert out.read_bytes().startswith(magic)
    assert "Traceback" not in proc.stderr


def test_cli_export_errors_are_one_line_messages(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rolemap: 1\ntitle: [unclosed\n", encoding="utf-8")
    proc = export(bad, "--format", "png")
    assert proc.returncode == 2 and "bad.yaml" in proc.stderr and "Traceback" not in proc.stderr
    good = tmp_path / "good.yaml"
    save(small_chart(), good)
    proc = export(good, "--format", "pdf", "-o", "-")
    assert proc.returncode == 2 and "-o FILE" in proc.stderr
    proc = export(good, "--format", "png", "-o", tmp_path / "no-such-dir" / "x.png")
    assert proc.returncode == 2 and "cannot write" in proc.stderr
    proc = export(good, "--format", "markdown")
    assert proc.returncode == 2 and "needs -o" in proc.stderr


def test_png_export_of_a_chart_matches_the_picture(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    save(small_chart(), path)
    proc = export(path, "--format", "png", "--view", "map", "-o", tmp_path / "m.png")
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(tmp_path / "m.png"))
    pic = layout_map(small_chart())
    assert (image.width(), image.height()) == (round(pic.width * 2), round(pic.height * 2))
