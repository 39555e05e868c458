"""The app's own words in the user's language: ``tr()``, the language choice, Qt's translators.

Sources live in ``resources/translations/rolemap_zh_CN.ts``; see docs/translating.md for the one
command that regenerates them. ``pyside6-lupdate`` files a module-level ``tr("...")`` call under the
empty context, so ``tr`` translates in that context. Text kept in data (headers, menu titles) is
marked with ``QT_TR_NOOP`` where it is written and translated with ``tr()`` where it is shown.
Vocabulary that the core already carries in both languages (goal kinds, archetypes, RACI letters)
is picked with ``pick(en, zh)`` rather than translated twice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from rolemap.core.localise import os_error_text
from rolemap.core.roles import LETTER_LABELS
from rolemap.resources import resources_dir

LANGUAGES: dict[str, str] = {"en": "English", "zh": "中文"}
SETTING = "ui/language"
_CONTEXT = ""  # where pyside6-lupdate puts tr("...") calls outside a class's self.tr


def tr(text: str) -> str:
    """``text`` in the installed language (``text`` itself when no translation is loaded)."""
    return QCoreApplication.translate(_CONTEXT, text)


def QT_TR_NOOP(text: str) -> str:
    """Mark ``text`` for extraction; translate it later with ``tr(text)`` where it is shown."""
    return text


class _State:
    language = "en"
    translators: tuple[QTranslator, ...] = ()


def language() -> str:
    """The language of the app's own text now: 'en' or 'zh'."""
    return _State.language


def pick(en: str, zh: str) -> str:
    """The core's bilingual label in the app's language."""
    return zh if _State.language == "zh" else en


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written (the system's words) in the app's language."""
    return os_error_text(str(exc.strerror or exc), _State.language)


def letter_legend(notation: str, letters: str) -> str:
    """'R/A/C/I' in English; each letter with its label in Chinese ('R 执行 / A 负责（问责）…')."""
    if _State.language != "zh":
        return "/".join(letters)
    labels = LETTER_LABELS.get(notation, LETTER_LABELS["raci"])
    return " / ".join(f"{x} {labels[x][1]}" if x in labels else x for x in letters)


def system_language() -> str:
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def chosen_language(settings: QSettings) -> str:
    """The language stored under View > Language, else the system locale's."""
    value = settings.value(SETTING)
    return value if isinstance(value, str) and value in LANGUAGES else system_language()


def translations_dir() -> Path:
    return resources_dir() / "translations"


def install(lang: str) -> bool:
    """Load rolemap's and Qt's translations for ``lang`` into the running application.

    Replaces what an earlier call installed (Qt then sends LanguageChange to every widget).
    Returns False when rolemap's own translation file is missing or unreadable.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing translations")
    for old in _State.translators:
        QCoreApplication.removeTranslator(old)
    _State.translators = ()
    _State.language = "en"
    if lang != "zh":
        return True
    ours = QTranslator(app)
    if not ours.load(str(translations_dir() / "rolemap_zh_CN.qm")):
        return False
    loaded = [ours]
    qt = QTranslator(app)
    if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        loaded.append(qt)
    for translator in loaded:
        QCoreApplication.installTranslator(translator)
    _State.translators = tuple(loaded)
    _State.language = "zh"
    return True
