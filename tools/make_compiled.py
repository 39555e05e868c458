"""Regenerate resources/glossary/terms.compiled.json after editing the built-in glossary.

The file holds what the analysis derives from resources/glossary/terms.yaml (cleaned terms and
their Snowball stems) and the punctuation table of this Python's Unicode version, so that no
process computes them again (rolemap/core/analysis/compiled.py). tests/core/test_compiled.py
fails until it is regenerated:

    python tools/make_compiled.py
"""

from __future__ import annotations

from rolemap.core.analysis.compiled import compiled_path, dumps, make


def main() -> None:
    data = make()
    path = compiled_path()
    path.write_text(dumps(data), encoding="utf-8")
    print(f"{len(data['groups'])} groups, {path.stat().st_size} bytes -> {path}")


if __name__ == "__main__":
    main()
