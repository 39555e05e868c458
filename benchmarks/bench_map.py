"""Time the role map: lay it out (pure core) and draw it (QPainter), at 100 to 10,000 tasks.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_map.py
    python benchmarks/bench_map.py --sizes 1000 --lang zh

For each size, on a generated chart (benchmarks/generate.py) analysed once beforehand:
- layout: layout_map() (columns, cards, summaries, links);
- first draw: the whole picture painted into an image at 100 % with a fresh painter (every
  text fitted with the real font for the first time, as when the map is first shown);
- redraw: the same with the painter's caches warm (a repaint after a click or a scroll);
- screen: one viewport of 1600x900 painted from a warm painter (what a scroll repaints);
- heat maps: layout_heatmaps() and drawing them;
- PNG export: the picture as `rolemap export --format png` writes it (2x, at most 16 megapixels,
  encoded), and the PDF.
The analysis itself is timed by bench_analysis.py and is not included here.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _path in (ROOT, HERE):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from generate import generate_chart  # noqa: E402
from timing import measure, parse_sizes, revision, table  # noqa: E402

from rolemap.core.analysis import analyse  # noqa: E402
from rolemap.core.layout.heatlayout import layout_heatmaps  # noqa: E402
from rolemap.core.layout.maplayout import layout_map  # noqa: E402


def draw(pic: Any, painter: Any, clip: Any = None) -> Any:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage, QPainter

    w, h = (1600, 900) if clip else (round(pic.width), round(pic.height))
    image = QImage(QSize(w, h), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    painter.paint(p, pic, clip)
    p.end()
    return image


def bench_size(n: int, lang: str, runs: int, out: Path) -> list[str]:
    from PySide6.QtCore import QRectF

    from rolemap.render.files import write_pdf, write_png
    from rolemap.render.painter import PicturePainter

    chart = generate_chart(n, seed=1, lang=lang)
    result = analyse(chart)
    lay = measure(lambda: layout_map(chart, result), runs)
    pic = lay.result
    first = measure(lambda: draw(pic, PicturePainter()), runs)
    warm = PicturePainter()
    draw(pic, warm)
    redraw = measure(lambda: draw(pic, warm), runs)
    screen = measure(lambda: draw(pic, warm, QRectF(0, 0, 1600, 900)), runs)
    heat = measure(lambda: draw(layout_heatmaps(chart, result), PicturePainter()), runs)
    png = measure(lambda: write_png(pic, str(out / "map.png")), max(1, runs // 2))
    pdf = measure(lambda: write_pdf(pic, str(out / "map.pdf")), max(1, runs // 2))
    cards = sum(1 for b in pic.boxes if b.role == "card")
    size = f"{round(pic.width)}x{round(pic.height)}"
    return [
        f"{n:,}",
        f"{cards} cards, {len(pic.links)} links, {size}",
        str(lay),
        str(first),
        str(redraw),
        str(screen),
        str(heat),
        str(png),
        str(pdf),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000,10000")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    from rolemap.render.files import ensure_gui

    ensure_gui()
    print(f"rolemap map benchmark · {revision(ROOT)} · Python {platform.python_version()}")
    print(f"{os.cpu_count()} CPUs · {args.lang} titles · medians of up to {args.runs} runs\n")
    rows = []
    out = Path(tempfile.mkdtemp())
    for n in parse_sizes(args.sizes):
        rows.append(bench_size(n, args.lang, args.runs, out))
        print(f"  {n:,} tasks done", file=sys.stderr)
    print(
        table(
            [
                "tasks",
                "drawn",
                "layout",
                "first draw",
                "redraw",
                "1600x900 view",
                "heat maps",
                "PNG",
                "PDF",
            ],
            rows,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
