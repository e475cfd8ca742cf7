"""The file picker the clerk meets when attaching a document: Qt's own dialog (the same on Windows and
Linux, so it is Persian everywhere, whatever language the PC's Windows is in), right to left with paths
kept left to right, dates in the Jalali calendar in Iran's time, sizes and digits in Persian, folder and
file kinds in Persian, a side bar with the places a counter's documents come from (home, desktop,
documents, downloads, a USB stick), and the last folder of this run remembered."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QIdentityProxyModel, QModelIndex, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QLabel, QListView, QSizePolicy, QStyledItemDelegate, QWidget

from kiosk.domain.digits import format_number, ltr, to_persian_digits
from kiosk.domain.jalali import format_jalali, iran_zone
from kiosk.domain.problems import QT_TRANSLATE_NOOP

# Qt's Persian catalogue (qtbase_fa) leaves these of its file dialog in English; the kiosk's own catalogue,
# installed after Qt's, answers first. Listed here so that scripts/i18n.sh keeps them in the .ts.
QT_STRINGS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "File &name:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "File"),
    QT_TRANSLATE_NOOP("QFileDialog", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Modified"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Date Modified"),
)

log = logging.getLogger(__name__)
NAME, SIZE, KIND, MODIFIED = range(4)
_last_folder: list[str] = []  # this run only: not written anywhere


class PersianFileColumns(QIdentityProxyModel):
    """The file system model as the clerk reads it: «۱۴۰۵/۰۹/۱۶ ۱۷:۰۵» in Iran's time, «۲۴۵ کیلوبایت»,
    «پوشه» / «فایل PDF»; names isolated left to right so «scan-01.pdf» is not drawn «pdf.01-scan»."""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return super().data(index, role)
        source = self.sourceModel()
        info = source.fileInfo(self.mapToSource(index.siblingAtColumn(NAME)))
        column = index.column()
        if column == NAME:
            return ltr(info.fileName()) if info.fileName() else super().data(index, role)
        if column == SIZE:
            if info.isDir():
                return ""
            size = info.size()
            if size < 1024 * 1024:
                return QCoreApplication.translate("FilePicker", "{n} KB").format(n=format_number(max(size / 1024, 1), 0))
            return QCoreApplication.translate("FilePicker", "{n} MB").format(n=format_number(size / 2**20, 1))
        if column == KIND:
            if info.isDir():
                return QCoreApplication.translate("FilePicker", "folder")
            suffix = info.suffix().upper()
            return QCoreApplication.translate("FilePicker", "{kind} file").format(kind=ltr(suffix)) if suffix else \
                QCoreApplication.translate("FilePicker", "file")
        if column == MODIFIED:
            moment = info.lastModified().toSecsSinceEpoch()
            when = dt.datetime.fromtimestamp(moment, iran_zone())
            return format_jalali(when.date()) + " " + to_persian_digits(when.strftime("%H:%M"))
        return super().data(index, role)


class PathLabel(QLabel):
    """The folder being looked in, left to right and elided at its start («…/Downloads/scans»). Stands in
    for Qt's «Look in» combo box, which under a right-to-left layout draws the path reversed
    («tmp/scans/») and, with the kiosk's style sheet, cut to its last letters."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("pickerFolder")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # beside «جستجو در»
        self._path = ""

    def set_path(self, path: str) -> None:
        self._path = str(Path(path)) if path else ""
        self.setToolTip(ltr(self._path))
        self._elide()

    def path(self) -> str:
        return self._path

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        text = self.fontMetrics().elidedText(self._path, Qt.TextElideMode.ElideLeft, max(self.width() - 8, 40))
        self.setText(ltr(text))


def _layout_holding(layout, widget):
    """The layout (``layout`` or one nested in it) that holds ``widget`` directly."""
    if layout is None:
        return None
    if layout.indexOf(widget) >= 0:
        return layout
    for i in range(layout.count()):
        found = _layout_holding(layout.itemAt(i).layout(), widget)
        if found is not None:
            return found
    return None


def _replace_look_in(dialog: QFileDialog) -> PathLabel | None:
    combo = dialog.findChild(QWidget, "lookInCombo")
    holder = _layout_holding(dialog.layout(), combo) if combo is not None else None
    if holder is None:
        return None
    label = PathLabel(dialog)
    holder.replaceWidget(combo, label)
    combo.hide()
    caption = dialog.findChild(QLabel, "lookInLabel")
    if caption is not None:
        caption.setBuddy(None)
    label.set_path(dialog.directory().absolutePath())
    dialog.directoryEntered.connect(label.set_path)
    model = dialog.findChild(QFileSystemModel)
    if model is not None:  # also when the folder is set from code (setDirectory), not only by the clerk
        model.rootPathChanged.connect(label.set_path)
    return label


def _widen_columns(dialog: QFileDialog) -> None:
    """Room for «۱۶ کیلوبایت» and a Jalali date with its time, and for the side bar's names."""
    from PySide6.QtWidgets import QSplitter, QTreeView

    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        header = tree.header()
        for column, width in ((NAME, 300), (SIZE, 120), (KIND, 110), (MODIFIED, 160)):
            header.resizeSection(column, width)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None and splitter.count() == 2:
        splitter.setSizes([190, max(dialog.width() - 190, 400)])


PLACES = {
    "home": QT_TRANSLATE_NOOP("FilePicker", "Personal folder"),
    QStandardPaths.StandardLocation.DesktopLocation: QT_TRANSLATE_NOOP("FilePicker", "Desktop"),
    QStandardPaths.StandardLocation.DocumentsLocation: QT_TRANSLATE_NOOP("FilePicker", "Documents"),
    QStandardPaths.StandardLocation.DownloadLocation: QT_TRANSLATE_NOOP("FilePicker", "Downloads"),
    QStandardPaths.StandardLocation.PicturesLocation: QT_TRANSLATE_NOOP("FilePicker", "Pictures"),
}


def place_names() -> dict[str, str]:
    """The side bar's standard folders by a Persian name: Qt shows a folder's own name, the login («root»,
    «kiosk», «user1») for the home folder and «Desktop» on a Linux PC."""
    names = {str(Path.home()): QCoreApplication.translate("FilePicker", PLACES["home"])}
    for where, name in PLACES.items():
        if where != "home":
            folder = QStandardPaths.writableLocation(where)
            if folder:
                names.setdefault(str(Path(folder)), QCoreApplication.translate("FilePicker", name))
    return names


class PlaceNames(QStyledItemDelegate):
    """Draws the side bar's standard places with their Persian names (Qt's side bar model renames its items
    back to the folder's name whenever the file system model reports a change, so the name is given as
    the item is drawn)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.names = place_names()

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        url = index.data(Qt.ItemDataRole.UserRole + 1)
        if isinstance(url, QUrl) and url.isLocalFile():
            name = self.names.get(str(Path(url.toLocalFile())))
            if name:
                option.text = name


def _name_places(dialog: QFileDialog) -> None:
    bar = dialog.findChild(QListView, "sidebar")
    if bar is not None:
        bar.setItemDelegate(PlaceNames(bar))


def side_bar() -> list[QUrl]:
    from kiosk.platform import removable_media_folders

    places = [QUrl.fromLocalFile(str(Path.home()))]
    for where in (QStandardPaths.StandardLocation.DesktopLocation, QStandardPaths.StandardLocation.DocumentsLocation,
                  QStandardPaths.StandardLocation.DownloadLocation, QStandardPaths.StandardLocation.PicturesLocation):
        folder = QStandardPaths.writableLocation(where)
        if folder and Path(folder).is_dir() and Path(folder) != Path.home():
            places.append(QUrl.fromLocalFile(folder))
    places += [QUrl.fromLocalFile(str(p)) for p in removable_media_folders()]
    places.append(QUrl("file:"))  # «رایانه»: the drives
    return places


def kiosk_folders() -> list[Path]:
    """The kiosk's own folders (the queue, its keys, the spool, the log, the settings): nobody at the
    counter browses them or attaches a file from them."""
    from kiosk import paths

    return [paths.data_dir().resolve(), paths.config_dir().resolve(), paths.log_dir().resolve()]


def allowed(path: str | Path) -> bool:
    """A place the picker may show or return: a regular file or a folder (not a device such as /dev/zero,
    which reads forever, nor a pipe), outside the kiosk's own folders."""
    try:
        where = Path(path).resolve()
    except (OSError, RuntimeError):
        return False
    if any(where == own or own in where.parents for own in kiosk_folders()):
        return False
    return where.is_file() or where.is_dir()


def _keep_out(dialog: QFileDialog) -> None:
    """Typed paths can reach any folder: one of the kiosk's own is left at once for the previous one."""
    previous = [dialog.directory().absolutePath()]

    def entered(folder: str) -> None:
        if allowed(folder):
            previous[0] = folder
        else:
            log.warning("file picker: a folder of the kiosk itself was typed; it is not shown")
            back = previous[0] if allowed(previous[0]) else str(Path.home())
            QTimer.singleShot(0, dialog, lambda: dialog.setDirectory(back))  # after Qt has finished entering it

    dialog.directoryEntered.connect(entered)
    model = dialog.findChild(QFileSystemModel)
    if model is not None:  # a folder typed in the name field enters it without directoryEntered
        model.rootPathChanged.connect(entered)


def file_dialog(parent: QWidget | None, title: str, file_filter: str, many: bool) -> QFileDialog:
    """The dialog, built and not shown (tests look at it; :func:`choose_files` runs it)."""
    start = _last_folder[0] if _last_folder and allowed(_last_folder[0]) else str(Path.home())
    dialog = QFileDialog(parent, title, start, file_filter)
    dialog.setObjectName("filePicker")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Persian and right to left on every OS
    dialog.setOption(QFileDialog.Option.HideNameFilterDetails, True)  # «مدارک», not «(*.pdf *.jpg …)» reversed
    dialog.setOption(QFileDialog.Option.ReadOnly, True)  # no new folder, rename or delete from the counter
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.setSidebarUrls(side_bar())
    _name_places(dialog)
    dialog.setProxyModel(PersianFileColumns(dialog))
    file_name = dialog.findChild(QWidget, "fileNameEdit")
    if file_name is not None:  # a typed name or path reads left to right inside the RTL dialog
        file_name.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    _replace_look_in(dialog)
    _keep_out(dialog)
    screen = (parent.screen() if parent is not None else None)
    size = screen.availableGeometry().size() if screen is not None else None
    dialog.resize(min(960, int(size.width() * 0.9)) if size else 960, min(600, int(size.height() * 0.85)) if size else 600)
    _widen_columns(dialog)
    return dialog


def choose_files(parent: QWidget | None, title: str, file_filter: str, many: bool = False) -> list[str]:
    dialog = file_dialog(parent, title, file_filter, many)
    chosen = dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    dialog.deleteLater()
    chosen = [c for c in chosen if allowed(c) and Path(c).is_file()]
    if chosen:
        _last_folder[:] = [str(Path(chosen[0]).parent)]
    return chosen
