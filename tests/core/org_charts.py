"""A small organisation on disk: team charts in folders, a non-chart, a broken chart, an org file."""

from __future__ import annotations

from pathlib import Path

from rolemap.core.fileformat import dumps
from tests.core.analysis_charts import F, G, T, make_chart


def growth_chart() -> str:
    return dumps(
        make_chart(
            [F("mkt", name="Marketing"), F("ops", name="Operations")],
            [
                G("g-new", "ops", "acquisition", ["New users"]),
                G("g-aw", "mkt", "awareness", ["brand recall"]),
            ],
            [
                T("wechat", {"ops": "A"}, ["g-new"], "WeChat article: safe riding guide"),
                T("promo", {"ops": "A", "mkt": "C"}, ["g-new"], "First-ride promo codes"),
            ],
            title="Growth team",
        )
    )


def brand_chart() -> str:
    return dumps(
        make_chart(
            [F("marketing", name="marketing"), F("pr", name="PR")],
            [
                G("reach", "marketing", "awareness", ["new users "]),
                G("press", "pr", "reputation", ["press mentions"]),
            ],
            [
                T("article", {"marketing": "A"}, ["reach"], "WeChat article – safe-riding guide!"),
                T("launch", {"pr": "A"}, ["press"], "Press launch event"),
            ],
            title="Brand team",
        )
    )


def make_org(root: Path, *, org_file: str | None = None) -> Path:
    (root / "growth").mkdir(parents=True)
    (root / "brand").mkdir()
    (root / "growth" / "team.yaml").write_text(growth_chart(), encoding="utf-8")
    (root / "brand" / "team.yml").write_text(brand_chart(), encoding="utf-8")
    (root / "notes.yaml").write_text("owner: someone\nrolemap_like: no\n", encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "old.yaml").write_text("rolemap: 1\ntitle: [\n", encoding="utf-8")
    if org_file is not None:
        (root / "rolemap-org.yaml").write_text(org_file, encoding="utf-8")
    return root
