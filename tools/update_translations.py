"""Regenerate the translation sources and the compiled catalogue: ``python tools/update_translations.py``.

1. ``pyside6-lupdate`` collects every ``tr("...")`` and ``QT_TR_NOOP("...")`` of rolemap/ui into
   resources/translations/rolemap_zh_CN.ts (new strings arrive unfinished, vanished ones are dropped);
2. translate the unfinished ones (Qt Linguist: ``pyside6-linguist``, or edit the XML);
3. ``pyside6-lrelease`` compiles the .ts into the .qm that the app loads (both are committed).

Run it again after translating; ``--check`` only reports strings that lack a translation.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "rolemap_zh_CN.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    """A PySide6 tool: next to this Python (a virtualenv's bin) or on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials into this Python")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "rolemap" / "ui").rglob("*.py"))


def extract(ts: Path) -> None:
    """Write every translatable string of the UI into ``ts`` (keeping translations it has)."""
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources(), "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def untranslated(ts: Path) -> list[str]:
    """Source texts of ``ts`` whose Chinese translation is missing or unfinished."""
    missing = []
    for message in ET.parse(ts).iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if (
            translation is None
            or translation.get("type") in ("unfinished", "obsolete", "vanished")
            or not (translation.text or "").strip()
        ):
            missing.append(source)
    return missing


def missing_now() -> list[str]:
    """Strings in the code now that the committed .ts does not translate (the .ts is untouched)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / TS.name
        shutil.copyfile(TS, copy)
        extract(copy)
        return untranslated(copy)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        missing = missing_now()
        for text in missing:
            print(f"untranslated: {text!r}")
        return 1 if missing else 0
    extract(TS)
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    missing = untranslated(TS)
    print(f"{TS.relative_to(ROOT)}: {len(missing)} string(s) still to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
