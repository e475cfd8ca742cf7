"""The QApplication: right to left, Vazirmatn, Persian translation and locale; services wired once."""

from __future__ import annotations

import logging
import sys


def _keep_no_source_text() -> None:
    """PySide6's import hook reads the source of every module imported after it (looking for
    ``__feature__`` imports) through :mod:`linecache`, which keeps it: 14 MB of source text held for
    the life of the kiosk (measured after a full intake: 161 MB → 147 MB). Lines are still read for a
    traceback, only not kept. (A frozen bundle has no source files, so there it changes nothing.)"""
    import linecache

    if getattr(linecache.updatecache, "_kiosk", False):
        return
    original = linecache.updatecache

    def updatecache(filename, module_globals=None):
        lines = original(filename, module_globals)
        linecache.cache.pop(filename, None)
        return lines

    updatecache._kiosk = True
    linecache.updatecache = updatecache


_keep_no_source_text()

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator  # noqa: E402
from PySide6.QtGui import QFont, QFontDatabase  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402



def _no_feature_scan() -> None:
    """After every import, PySide6 reads the new module's whole source (``inspect.getsource``) to learn
    whether it names PySide6, in case it imports a ``__feature__`` (snake_case, true_property). The kiosk uses no
    feature, so every module is marked as not using one without reading it: about 0.2 ms per module, some
    thirty before the first paint and hundreds after. If PySide6 changes this private hook, nothing is done."""
    feature = sys.modules.get("shibokensupport.feature") or sys.modules.get("PySide6.support.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: False


_no_feature_scan()

from kiosk.paths import resource, translation_file  # noqa: E402

log = logging.getLogger(__name__)

FONT_FAMILY = "Vazirmatn"


def load_fonts() -> str:
    family = FONT_FAMILY
    for path in sorted(resource("fonts").glob("Vazirmatn-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font %s could not be loaded", path.name)
        else:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


def configure(app: QApplication, point_size: int = 12, keyboard: bool = True) -> QTranslator:
    """Makes an existing QApplication Persian: shared by the kiosk and the GUI tests. ``keyboard``: install
    the counter's keyboard habits now (the kiosk does it after its first paint: see install_keyboard)."""
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    QLocale.setDefault(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
    family = load_fonts()
    app.setFont(QFont(family, point_size))
    # Qt's own Persian (file and print dialogs, standard buttons, context menus) first; the kiosk's
    # catalogue, installed after it, is asked first and fills what Qt's leaves in English.
    qt_translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(QLocale(QLocale.Language.Persian, QLocale.Country.Iran), "qtbase", "_", qt_folder):
        app.installTranslator(qt_translator)
    else:
        log.warning("Qt's Persian catalogue (qtbase_fa.qm) is missing from %s: Qt's dialogs stay in English", qt_folder)
    translator = QTranslator(app)
    qm = translation_file("fa")
    if translator.load(str(qm)):
        app.installTranslator(translator)
    else:
        log.error("Persian translation %s is missing: run scripts/setup.sh", qm)
    qss = resource("kiosk.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    if keyboard:
        install_keyboard(app)
    return translator


def install_keyboard(app: QApplication) -> None:
    """Enter presses the focused button; the focused field scrolls into view. The first is an application-wide
    event filter written in Python: every event then crosses into Python, and each first event about a kind of
    Qt object makes PySide6 build that class's Python type and enums — 50 ms while the first window is built
    (its scroll area's bars, viewport and layouts). Installed after the first paint, that cost is paid while the
    clerk reads the screen."""
    from kiosk.ui.keys import install_enter_presses_buttons, install_scroll_to_focus

    install_enter_presses_buttons(app)
    install_scroll_to_focus(app)


def create_application(argv: list[str] | None = None, point_size: int = 12, keyboard: bool = True) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("isfahan-kiosk")
    app._kiosk_translator = configure(app, point_size, keyboard)  # keep a reference: Qt does not own it
    app.setApplicationDisplayName(QCoreApplication.translate("App", "Isfahan citizen services counter"))
    return app
