"""Locate bundled resources: in a wheel they live at rolemap/resources, in a checkout at ./resources."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    installed = _PACKAGE_DIR / "resources"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "resources"


def templates_dir() -> Path:
    return resources_dir() / "templates"


def template_names() -> list[str]:
    """Template names, e.g. 'marketing-vs-operations' (each exists per language)."""
    names = {p.name.split(".")[0] for p in templates_dir().glob("*.yaml")}
    return sorted(names)


def template_path(name: str, lang: str = "en") -> Path:
    path = templates_dir() / f"{name}.{lang}.yaml"
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


def glossary_path() -> Path:
    """The built-in bilingual glossary of marketing and operations terms (see core/glossary.py)."""
    return resources_dir() / "glossary" / "terms.yaml"
