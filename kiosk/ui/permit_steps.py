"""The steps of the building-permit wizard. Each reads and writes the visit's PermitIntake; each says
what is wrong beside the field before anything is sent."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFrame, QGridLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton, QRadioButton, QSpinBox, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from kiosk import formatting as fmt
from kiosk import messages
from kiosk.api_client.errors import ApiError, OfflineError
from kiosk.domain.digits import format_number, group_thousands, to_ascii_digits, to_persian_digits
from kiosk.domain.documents import check_document
from kiosk.domain.identifiers import check_deed_plate, check_renovation_code
from kiosk.domain.jalali import format_jalali_datetime, parse_jalali
from kiosk.domain.ownership import check_owners
from kiosk.domain.person import REQUIRED
from kiosk.ui.bill_panel import BillPanel, outbox_error_text
from kiosk.ui.bill_panel import card as _card
from kiosk.ui.bill_panel import value_label as _value_label
from kiosk.ui.page import Page
from kiosk.ui.widgets import (
    DigitDelegate, DigitLineEdit, DigitSpinBox, FormField, KeyValueList, attached_file_text, pick_files,
)

if TYPE_CHECKING:
    from kiosk.contract import ChecklistItem, Parcel
    from kiosk.permit import PermitIntake
    from kiosk.domain.documents import FileFacts


class Step(Page):
    """A page of the wizard. ``load`` fills it from the intake, ``commit`` checks it and writes it back."""

    title_text = ""

    def load(self, intake: "PermitIntake") -> None:
        """Show what the intake holds."""

    def commit(self, intake: "PermitIntake") -> bool:
        return True

    def on_enter(self) -> bool:
        """Enter was pressed on this step; True if the step used it (the wizard then does not go on)."""
        return False


# --- 1. the parcel -------------------------------------------------------------------------------------
class ParcelStep(Step):
    """Signals: ``parcel_found(object Parcel)``."""

    parcel_found = Signal(object)

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.title_text = self.tr("Parcel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr("Find the parcel by its renovation code (on the renovation-fee bill) or by the three "
                               "numbers of its deed plate."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        mode = QHBoxLayout()
        self.by_code = QRadioButton(self.tr("Renovation code"))
        self.by_deed = QRadioButton(self.tr("Deed plate"))
        self.by_code.setChecked(True)
        mode.addWidget(self.by_code)
        mode.addWidget(self.by_deed)
        mode.addStretch(1)
        layout.addLayout(mode)
        self.renovation_code = DigitLineEdit(max_length=40)
        self.renovation_code.setObjectName("renovationCode")
        self.renovation_code.setPlaceholderText(to_persian_digits("8-15-30"))  # a left-to-right field
        self.deed_section = DigitLineEdit(max_length=6)
        self.deed_main = DigitLineEdit(max_length=6)
        self.deed_sub = DigitLineEdit(max_length=6)
        self.fields = {
            "renovation_code": FormField(self.tr("Renovation code"), self.renovation_code,
                                         self.tr("district-block-parcel, e.g. {example}").format(
                                             example=fmt.renovation_code("8-15-30"))),
            "deed_section": FormField(self.tr("Registry section"), self.deed_section),
            "deed_main": FormField(self.tr("Main plate"), self.deed_main),
            "deed_sub": FormField(self.tr("Sub plate"), self.deed_sub),
        }
        layout.addWidget(self.fields["renovation_code"])
        self.deed_row = QWidget()
        deed = QHBoxLayout(self.deed_row)
        deed.setContentsMargins(0, 0, 0, 0)
        for key in ("deed_section", "deed_main", "deed_sub"):
            deed.addWidget(self.fields[key])
        layout.addWidget(self.deed_row)
        self.search = QPushButton(self.tr("Find the parcel"))
        self.search.clicked.connect(self.find)
        self._busy_buttons = [self.search]
        layout.addWidget(self.search, 0, Qt.AlignmentFlag.AlignLeading)
        self.card, form = _card()
        self.values: dict[str, QLabel] = {}
        for key, caption in (
            ("renovation_code", self.tr("Renovation code")), ("deed", self.tr("Deed plate")),
            ("district", self.tr("District")), ("address", self.tr("Address")),
            ("areas", self.tr("Area by deed / by survey")), ("street", self.tr("Street width")),
            ("zone", self.tr("Zone of the detailed plan")), ("rules", self.tr("Density / occupancy / floors")),
            ("heritage", self.tr("Heritage")), ("price", self.tr("Regional price")),
        ):
            self.values[key] = _value_label("parcel_" + key)
            form.addRow(caption, self.values[key])
        self.card.hide()
        layout.addWidget(self.card)
        self.illustrative = QLabel(self.tr("Training data: parcels, zones and prices are invented."))
        self.illustrative.setObjectName("fieldHint")
        self.illustrative.hide()
        layout.addWidget(self.illustrative)
        layout.addStretch(1)
        self.by_code.toggled.connect(self._mode_changed)
        self._mode_changed()
        self.parcel: "Parcel | None" = None
        self._found_for: tuple | None = None

    def _mode_changed(self) -> None:
        by_code = self.by_code.isChecked()
        self.fields["renovation_code"].setVisible(by_code)
        self.deed_row.setVisible(not by_code)
        self.clear_errors()

    def entered(self) -> None:
        (self.renovation_code if self.by_code.isChecked() else self.deed_section).setFocus()

    def load(self, intake) -> None:
        self.parcel = intake.parcel
        if intake.parcel is not None:
            self.show_parcel(intake.parcel)
        elif intake.renovation_code:
            self.renovation_code.setText(intake.renovation_code)
            self.find()

    def query(self) -> tuple:
        if self.by_code.isChecked():
            return ("code", self.renovation_code.value())
        return ("deed", self.deed_section.value(), self.deed_main.value(), self.deed_sub.value())

    def on_enter(self) -> bool:
        # Enter searches while the shown parcel is not the one typed; once it is, Enter goes on.
        if self.parcel is None or self._found_for != self.query():
            if not self.by_code.isChecked() and self.focusWidget() in (self.deed_section, self.deed_main):
                self.focusNextChild()
                return True
            self.find()
            return True
        return False

    def find(self) -> None:
        if self.busy:
            return
        self.clear_errors()
        api = self.services.api
        if self.by_code.isChecked():
            code, problem = check_renovation_code(self.renovation_code.value())
            if problem:
                self.show_problems([problem])
                return
            call = lambda: api.parcel_by_code(code)  # noqa: E731
        else:
            plate, problems = check_deed_plate(self.deed_section.value(), self.deed_main.value(), self.deed_sub.value())
            if problems:
                self.show_problems(problems)
                return
            call = lambda: api.parcel_by_deed(*(str(n) for n in plate))  # noqa: E731
        self.run(call, self.show_parcel, retry=self.find, busy_text=self.tr("Searching…"))

    def show_parcel(self, parcel: "Parcel") -> None:
        self.parcel = parcel
        self._found_for = self.query()
        z = parcel.zone
        d = parcel.deed
        floors = z.max_floors
        v = self.values
        v["renovation_code"].setText(fmt.code(parcel.renovation_code))
        v["deed"].setText(self.tr("section {s}، main {m}، sub {u}").format(
            s=to_persian_digits(str(d.section)), m=to_persian_digits(str(d.main)), u=to_persian_digits(str(d.sub))))
        v["district"].setText(to_persian_digits(str(parcel.district)))
        v["address"].setText(to_persian_digits(parcel.address))
        v["areas"].setText(self.tr("{deed} / {survey} m² (zoning counts {lot} m²)").format(
            deed=format_number(parcel.area_deed), survey=format_number(parcel.area_survey),
            lot=format_number(parcel.lot_area)))
        v["street"].setText(self.tr("{n} m").format(n=format_number(parcel.street_width)))
        v["zone"].setText(z.title)
        v["rules"].setText(fmt.RLI + self.tr("{d}% / {o}% / {f} floors").format(
            d=format_number(z.density_pct), o=format_number(z.occupancy_pct), f=to_persian_digits(str(floors)))
            + fmt.PDI)
        if parcel.heritage_site:
            v["heritage"].setText(self.tr("near «{site}»: at most {n} floors").format(
                site=parcel.heritage_site, n=to_persian_digits(str(parcel.heritage_max_floors))))
        else:
            v["heritage"].setText(self.tr("not in a heritage zone"))
        v["price"].setText(self.tr("{n} rials per m²").format(n=group_thousands(parcel.regional_price)))
        self.card.show()
        self.illustrative.setVisible(parcel.illustrative)
        if parcel.under_application:
            self.fields["renovation_code" if self.by_code.isChecked() else "deed_main"].set_error(self.tr(
                "This parcel is already under another permit application: follow that case instead."))
        self.parcel_found.emit(parcel)

    def commit(self, intake) -> bool:
        if self.parcel is None:
            self.show_problems([REQUIRED.at("renovation_code" if self.by_code.isChecked() else "deed_main")])
            return False
        if self.parcel.under_application:
            return False
        if intake.parcel is None or intake.parcel.renovation_code != self.parcel.renovation_code:
            intake.quote = None
        intake.parcel = self.parcel
        intake.renovation_code = self.parcel.renovation_code
        return True

    def reset(self) -> None:
        for w in (self.renovation_code, self.deed_section, self.deed_main, self.deed_sub):
            w.clear()
        for label in self.values.values():
            label.clear()
        self.card.hide()
        self.parcel = None
        self._found_for = None
        self.clear_errors()


# --- 2. owners and attorney ----------------------------------------------------------------------------
class OwnersStep(Step):
    COLUMNS = ("national_code", "first_name", "last_name", "share")

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.title_text = self.tr("Owners")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr("Every owner on the deed, with their share in percent (together exactly 100)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("ownersTable")
        self.table.setHorizontalHeaderLabels([self.tr("National code"), self.tr("First name"), self.tr("Last name"),
                                              self.tr("Share (%)")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(150)
        self.table.setTabKeyNavigation(True)
        self.table.verticalHeader().hide()
        # the national code and the share are typed in Persian digits like every other number
        self._digit_columns = (DigitDelegate(self.table), DigitDelegate(self.table, decimal=True))
        self.table.setItemDelegateForColumn(0, self._digit_columns[0])
        self.table.setItemDelegateForColumn(3, self._digit_columns[1])
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add an owner"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(self.tr("Remove the selected owner"))
        self.remove_button.clicked.connect(self.remove_row)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table_error = QLabel()
        self.table_error.setObjectName("fieldError")
        self.table_error.setWordWrap(True)
        self.table_error.hide()
        layout.addWidget(self.table_error)

        self.has_attorney = QCheckBox(self.tr("An attorney acts for the owners"))
        self.has_attorney.toggled.connect(self._attorney_toggled)
        layout.addWidget(self.has_attorney)
        self.attorney_box = QWidget()
        grid = QGridLayout(self.attorney_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.att_code = DigitLineEdit(max_length=14)
        self.att_first = QLineEdit()
        self.att_last = QLineEdit()
        self.att_number = QLineEdit()
        self.att_date = DigitLineEdit(max_length=10)
        self.att_date.setPlaceholderText(to_persian_digits("1404/11/20"))
        self.fields = {
            "attorney_national_code": FormField(self.tr("Attorney's national code"), self.att_code),
            "attorney_first_name": FormField(self.tr("Attorney's first name"), self.att_first),
            "attorney_last_name": FormField(self.tr("Attorney's last name"), self.att_last),
            "attorney_poa_number": FormField(self.tr("Power of attorney number"), self.att_number),
            "attorney_poa_date": FormField(self.tr("Power of attorney date (Jalali)"), self.att_date),
        }
        for i, key in enumerate(self.fields):
            grid.addWidget(self.fields[key], i // 2, i % 2)
        layout.addWidget(self.attorney_box)
        layout.addStretch(1)
        self._attorney_toggled(False)

    def _attorney_toggled(self, on: bool) -> None:
        self.attorney_box.setVisible(on)
        if on:
            self.att_code.setFocus()

    def add_row(self, owner: dict | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        owner = owner or {}
        for col, key in enumerate(self.COLUMNS):
            value = str(owner.get(key, ""))
            if key in ("national_code", "share"):
                value = to_persian_digits(value)
            self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.setCurrentCell(row, 0)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def rows(self) -> list[dict]:
        out = []
        for r in range(self.table.rowCount()):
            cell = lambda c: (self.table.item(r, c).text() if self.table.item(r, c) else "").strip()  # noqa: E731
            row = {key: cell(i) for i, key in enumerate(self.COLUMNS)}
            row["national_code"] = to_ascii_digits(row["national_code"])
            row["share"] = to_ascii_digits(row["share"]).replace("٫", ".")
            if any(row.values()):
                out.append(row)
        return out

    def attorney(self) -> dict | None:
        if not self.has_attorney.isChecked():
            return None
        return {"national_code": self.att_code.value(), "first_name": self.att_first.text().strip(),
                "last_name": self.att_last.text().strip(), "poa_number": self.att_number.text().strip(),
                "poa_date": self.att_date.value()}

    def load(self, intake) -> None:
        self.table.setRowCount(0)
        for owner in intake.owners:
            self.add_row(owner)
        if not intake.owners:
            self.add_row()
        att = intake.attorney
        self.has_attorney.setChecked(bool(att))
        if att:
            self.att_code.setText(att.get("national_code", ""))
            self.att_first.setText(att.get("first_name", ""))
            self.att_last.setText(att.get("last_name", ""))
            self.att_number.setText(att.get("poa_number", ""))
            self.att_date.setText(att.get("poa_date", ""))

    def entered(self) -> None:
        self.table.setFocus()

    def commit(self, intake) -> bool:
        self.clear_errors()
        self.table_error.hide()
        rows = self.rows()
        attorney = self.attorney()
        checked_attorney = None
        date_problem = None
        if attorney is not None:
            checked_attorney = dict(attorney)
            date, date_problem = parse_jalali(attorney["poa_date"])
            checked_attorney["poa_date"] = date
        (_owners, _agent), problems = check_owners(rows, checked_attorney, self.services.visit.national_code,
                                                   self.services.today())
        if date_problem is not None:
            problems = [p for p in problems if p.field != "attorney_poa_date"] + [date_problem.at("attorney_poa_date")]
        intake.owners = rows
        intake.attorney = attorney
        if not problems:
            return True
        table_messages = []
        for p in problems:
            if p.field and p.field.startswith("owners."):
                _o, index, column = p.field.split(".")
                header = self.table.horizontalHeaderItem(self.COLUMNS.index(column)).text()
                table_messages.append(self.tr("Row {row}, {column}: {message}").format(
                    row=to_persian_digits(str(int(index) + 1)), column=header, message=messages.render(p)))
            elif p.field == "owners":
                table_messages.append(messages.render(p))
        self.show_problems([p for p in problems if p.field in self.fields])
        if table_messages:
            self.table_error.setText("\n".join(table_messages))
            self.table_error.show()
        return False

    def reset(self) -> None:
        self.table.setRowCount(0)
        self.has_attorney.setChecked(False)
        for w in (self.att_code, self.att_first, self.att_last, self.att_number, self.att_date):
            w.clear()
        self.clear_errors()
        self.table_error.hide()


# --- 3. the building -----------------------------------------------------------------------------------
class ProjectStep(Step):
    """Signals: ``changed()`` on every edit (the wizard recomputes the quote)."""

    changed = Signal()

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.title_text = self.tr("Building")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr("Choose the floors within what the zone allows; the panel shows the allowed and "
                               "requested area and the fees as you type."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.floors = DigitSpinBox()
        self.floors.setRange(0, 30)
        self.floor_area = DigitLineEdit(max_length=10, decimal=True)
        self.floor_area.setObjectName("floorArea")
        self.units = DigitSpinBox()
        self.units.setRange(0, 200)
        self.parking = DigitSpinBox()
        self.parking.setRange(0, 200)
        self.use = QComboBox()
        for value, label in (("residential", self.tr("Residential")), ("commercial", self.tr("Commercial")),
                             ("mixed", self.tr("Commercial ground floor, residential above"))):
            self.use.addItem(label, value)
        for name, w in (("floors", self.floors), ("units", self.units), ("parking", self.parking), ("use", self.use)):
            w.setObjectName(name)
        self.fields = {
            "floors": FormField(self.tr("Floors"), self.floors),
            "floor_area": FormField(self.tr("Area of one floor (m²)"), self.floor_area),
            "units": FormField(self.tr("Units"), self.units),
            "parking": FormField(self.tr("Parking spaces"), self.parking),
            "use": FormField(self.tr("Use"), self.use),
        }
        grid = QGridLayout()
        for i, key in enumerate(self.fields):
            grid.addWidget(self.fields[key], i // 2, i % 2)
        grid.setColumnStretch(0, 1)  # two columns of the same width, whatever each field holds or says
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        layout.addWidget(self.verdict)
        layout.addStretch(1)
        for spin in (self.floors, self.units, self.parking):
            spin.valueChanged.connect(self.changed)
        self.floor_area.textChanged.connect(self.changed)
        self.floor_area.textEdited.connect(self._area_edited)
        self.use.currentIndexChanged.connect(self.changed)
        self._area_touched = False  # no «enter the area» before the clerk has typed in it or pressed next

    def _area_edited(self) -> None:
        self._area_touched = True

    def load(self, intake) -> None:
        p = intake.project
        for w in (self.floors, self.units, self.parking, self.floor_area, self.use):
            w.blockSignals(True)
        self.floors.setValue(int(p.get("floors", 1) or 0))
        self.floor_area.setText(to_persian_digits(str(p.get("floor_area", ""))))
        self.units.setValue(int(p.get("units", 1) or 0))
        self.parking.setValue(int(p.get("parking", 0) or 0))
        self.use.setCurrentIndex(max(0, self.use.findData(p.get("use", "residential"))))
        for w in (self.floors, self.units, self.parking, self.floor_area, self.use):
            w.blockSignals(False)

    def read(self, intake) -> None:
        intake.project = {"floors": self.floors.value(), "floor_area": self.floor_area.value().replace("٫", "."),
                          "units": self.units.value(), "parking": self.parking.value(),
                          "use": self.use.currentData()}

    def entered(self) -> None:
        self.floors.setFocus()

    def show_assessment(self, assessment) -> None:
        self.clear_errors()
        if assessment is None:
            if self._area_touched:
                self.fields["floor_area"].set_error(self.tr("Enter the area of one floor in square metres."))
            self.verdict.clear()
            return
        for p in assessment.problems:
            target = self.fields.get(p.field or "")
            if target is not None and not target.error_text():
                target.set_error(messages.render(p))
        if assessment.complies:
            self.verdict.setText(self.tr("The request fits the zone."))
            self.verdict.setProperty("ok", True)
        else:
            self.verdict.setText(self.tr("The request does not fit the zone yet: see the notes above."))
            self.verdict.setProperty("ok", False)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)

    def commit(self, intake) -> bool:
        self.read(intake)
        self._area_touched = True
        spec = intake.project_spec()
        if spec is None or intake.parcel is None:
            self.show_assessment(None)
            return False
        from kiosk.permit import estimate

        assessment, _quote = estimate(intake.parcel, spec, None)
        self.show_assessment(assessment)
        return assessment.complies

    def reset(self) -> None:
        self.floor_area.clear()
        self._area_touched = False
        self.verdict.clear()
        self.clear_errors()


# --- 4. documents --------------------------------------------------------------------------------------
class DocumentsStep(Step):
    """Signals: ``progressed(str draft_id, str item_id, int done, int total)`` (emitted from upload threads;
    the draft says whose file it is, so a file of a citizen gone never moves a bar of the next one),
    ``uploads_changed()`` when a file starts or stops going up."""

    progressed = Signal(str, str, int, int)
    uploads_changed = Signal()

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.progressed.connect(self.on_progress)
        self.title_text = self.tr("Documents")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr("Scan each document and attach it. PDF, JPEG or PNG; the file's content is checked, "
                               "not its name."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.total = QLabel()
        self.total.setObjectName("fieldHint")
        layout.addWidget(self.total)
        self.list_box = QVBoxLayout()
        layout.addLayout(self.list_box)
        self.status = QLabel()
        self.status.setObjectName("fieldError")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)
        self.reload_button = QPushButton(self.tr("Load the checklist again"))
        self.reload_button.clicked.connect(self.refresh)
        self.reload_button.hide()
        layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addStretch(1)
        self.rows: dict[str, dict] = {}
        self.intake: "PermitIntake | None" = None
        self._in_flight: set[str] = set()  # items whose file is being checked or sent right now
        self._loading = False

    def load(self, intake) -> None:
        self.intake = intake
        self.refresh()

    def refresh(self) -> None:
        intake = self.intake
        if intake is None or intake.draft is None:
            self.status.setText(self.tr("The request is not saved on the server yet; the checklist appears once "
                                        "it is. Check the connection and try again."))
            self.status.show()
            self.reload_button.show()
            return
        if self._loading:
            return
        self._loading = True
        api = self.services.api
        draft_id, consent = intake.draft.draft_id, self.services.visit.consent_id

        def done(items) -> None:
            self._loading = False
            self.status.hide()
            self.reload_button.hide()
            intake.checklist = list(items)
            self.build(items)
            self.resume_pending()

        def failed(exc: BaseException) -> bool:
            self._loading = False
            self.reload_button.show()
            return False

        self.run(lambda: api.checklist(draft_id, consent), done, failed, retry=self.refresh)

    def build(self, items: list["ChecklistItem"]) -> None:
        while self.list_box.count():
            item = self.list_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.rows = {}
        for item in items:
            frame = QFrame()
            frame.setObjectName("card")
            row = QHBoxLayout(frame)
            text = QLabel(f"<b>{item.title}</b>" + ("" if item.mandatory else " " + self.tr("(optional)")) +
                          (f"<br><span style='color:#5b6766'>{item.help}</span>" if item.help else ""))
            text.setWordWrap(True)
            state = QLabel()
            state.setObjectName("docState_" + item.id)
            state.setWordWrap(True)
            button = QPushButton(self.tr("Attach a file…"))
            button.setObjectName("attach_" + item.id)
            button.clicked.connect(lambda _=False, i=item: self.attach(i))
            row.addWidget(text, 3)
            row.addWidget(state, 2)
            row.addWidget(button)
            self.list_box.addWidget(frame)
            self.rows[item.id] = {"item": item, "state": state, "button": button}
            if item.id in self._in_flight:  # rebuilt while its file is on its way: keep saying so
                button.setEnabled(False)
                state.setText(self.tr("Sending…"))
            else:
                self.show_state(item)
        self.update_total()

    def show_state(self, item: "ChecklistItem", error: str | None = None) -> None:
        if item.id not in self.rows:
            return
        state = self.rows[item.id]["state"]
        if error:
            state.setText(f"<span style='color:#b00020'>{error}</span>")
        elif item.document is not None:
            from kiosk.domain.documents import FileFacts

            # What was found when it was attached here; for a draft resumed later, what the server says it is.
            facts = self._facts.get(item.document.sha256) or FileFacts(item.document.content_type, None)
            state.setText(attached_file_text(item.document.filename, item.document.size, facts))
        else:
            state.setText(self.tr("not attached yet: needed") if item.mandatory else self.tr("not attached"))

    def pick(self, title: str) -> list[str]:
        """One PDF or image, or several images of one document (joined into one PDF in the order chosen)."""
        return pick_files(self, self.services, title, self.tr("Documents (*.pdf *.jpg *.jpeg *.png)"), many=True)

    def attach(self, item: "ChecklistItem") -> None:
        paths = self.pick(item.title)
        if not paths:
            return
        intake = self.intake
        uploads = self.services.uploads
        draft_id, consent = intake.draft.draft_id, self.services.visit.consent_id
        expires = intake.draft.expires_at.timestamp()  # the scan goes with the draft
        self.rows[item.id]["state"].setText(self.tr("Checking the file…"))

        def work():
            from kiosk.scans import prepare

            # Reading, scaling and joining images all stay off the GUI thread.
            name, content, _kind, problem = prepare([(Path(p).name, Path(p).read_bytes()) for p in paths])
            if problem is not None:
                return problem
            mime, problem = check_document(content, item.accepted_types, item.max_bytes)
            if problem is not None:
                return problem
            from kiosk.scans import describe

            name, facts = describe(name, content, mime)
            self._facts[facts.sha256] = facts  # (one key set from the worker: the screen reads it once bound)
            job = uploads.spool.add(draft_id, item.id, content, name, mime, consent, expires_at=expires)
            return self._send(job)

        self._start(item, work)

    def _send(self, job):
        """Runs on a worker thread: progress reaches the screen through a queued signal."""
        return self.services.uploads.run(job, progress=lambda done, total: self.progressed.emit(
            job.draft_id, job.item_id, done, total))

    @property
    def uploading(self) -> bool:
        return bool(self._in_flight)

    def update_total(self) -> None:
        if getattr(self, "_missing_said", False):
            self._say_missing(self._missing())  # a list of what is missing shrinks as files arrive, then goes
        mandatory = [r["item"] for r in self.rows.values() if r["item"].mandatory]
        done = sum(1 for i in mandatory if i.document is not None)
        text = self.tr("{done} of {total} required documents attached").format(
            done=to_persian_digits(str(done)), total=to_persian_digits(str(len(mandatory))))
        if self._in_flight:
            text += " — " + self.tr("{n} on the way").format(n=to_persian_digits(str(len(self._in_flight))))
        self.total.setText(text)

    def _start(self, item: "ChecklistItem", work) -> None:
        self._in_flight.add(item.id)
        self.uploads_changed.emit()
        self.update_total()
        self.rows[item.id]["button"].setEnabled(False)

        def finished() -> bool:
            # The rows may have been rebuilt meanwhile (the checklist reloads): use today's row, not a stale one.
            self._in_flight.discard(item.id)
            self.uploads_changed.emit()
            self.update_total()
            row = self.rows.get(item.id)
            if row is not None:
                row["button"].setEnabled(True)
            return row is not None

        def done(result) -> None:
            if not finished():
                return
            if hasattr(result, "code") and hasattr(result, "render"):  # a Problem found before sending
                self.show_state(item, messages.render(result))
                return
            self.bound(result)

        def failed(exc: BaseException) -> None:
            if not finished():
                return
            if isinstance(exc, OSError):
                self.show_state(item, self.tr("The file could not be read."))
            elif isinstance(exc, OfflineError):
                self.show_state(item, self.tr("Paused: the connection dropped. It continues by itself when the "
                                              "connection returns."))
                self.offline.emit()
            elif isinstance(exc, ApiError):
                self.show_state(item, messages.describe(exc))
            else:
                self.show_state(item, None)
                self.problem.emit(exc, lambda: self.attach(item))

        self.services.runner.run(work, done, failed, owner=self)

    def bound(self, document) -> None:
        intake = self.intake
        row = self.rows.get(document.item_id)
        if intake is None or row is None:
            return
        updated = row["item"].model_copy(update={"document": document})
        intake.checklist = [updated if i.id == updated.id else i for i in intake.checklist]
        row["item"] = updated
        self.show_state(updated)
        self.update_total()

    def on_progress(self, draft_id: str, item_id: str, done: int, total: int) -> None:
        if self.intake is None or self.intake.draft is None or self.intake.draft.draft_id != draft_id:
            return  # a file of another request (a citizen who has left) still on its way
        row = self.rows.get(item_id)
        if row is not None and total:
            percent = to_persian_digits(str(int(done * 100 / total)))
            row["state"].setText(self.tr("Sending… {p}%").format(p=percent))

    def resume_pending(self) -> None:
        """Connection back (or step opened again): uploads of this request that stopped go on."""
        intake = self.intake
        uploads = self.services.uploads
        if intake is None or intake.draft is None or uploads is None:
            return
        for job in uploads.spool.pending():
            row = self.rows.get(job.item_id)
            if job.draft_id != intake.draft.draft_id or row is None or job.item_id in self._in_flight:
                continue
            self._start(row["item"], lambda job=job: self._send(job))

    def _missing(self) -> list[str]:
        # A file still on its way counts: the clerk may go on while uploads run (submitting waits for them).
        return [r["item"].title for r in self.rows.values()
                if r["item"].mandatory and r["item"].document is None and r["item"].id not in self._in_flight]

    def _say_missing(self, missing: list[str]) -> None:
        self._missing_said = bool(missing)
        if missing:
            self.status.setText(self.tr("Attach these first: {items}").format(items="، ".join(missing)))
            self.status.show()
        else:
            self.status.hide()

    def commit(self, intake) -> bool:
        if not self.rows:
            self.refresh()
            return False
        missing = self._missing()
        self._say_missing(missing)
        return not missing

    def reset(self) -> None:
        self.build([])
        self.status.hide()
        self._missing_said = False
        self.intake = None
        self._in_flight = set()
        self._facts = {}
        self._loading = False


# --- 5. summary and submission -------------------------------------------------------------------------
class SummaryStep(Step):
    """Signals: ``submitted(object PermitApplication)``, ``quote_refresh_needed()``."""

    submitted = Signal(object)
    quote_refresh_needed = Signal()

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.title_text = self.tr("Review and submit")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = KeyValueList()
        self.summary.setObjectName("summary")
        card = QFrame()
        card.setObjectName("card")
        QVBoxLayout(card).addWidget(self.summary)
        layout.addWidget(card)
        self.note = QLabel()
        self.note.setObjectName("notice")
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note)
        self.submit_button = QPushButton(self.tr("Submit and issue the plan-preparation order"))
        self.submit_button.setObjectName("primary")
        self.submit_button.clicked.connect(self.submit)
        self._busy_buttons = [self.submit_button]
        layout.addWidget(self.submit_button)
        layout.addStretch(1)
        self.intake: "PermitIntake | None" = None
        self.pending: str | None = None
        from kiosk.api_client.keys import Intent

        self.intent = Intent("permit_submission")
        self.uploads_in_flight = lambda: False  # the wizard connects it to the documents step
        services.outbox.sent.connect(self.on_sent)
        services.outbox.refused.connect(self.on_refused)

    def load(self, intake) -> None:
        self.intake = intake
        p = intake.parcel
        owners = "، ".join(f"{o['first_name']} {o['last_name']} ({format_number(o['share'])}٪)" for o in intake.owners)
        spec = intake.project_spec()
        use = {"residential": self.tr("Residential"), "commercial": self.tr("Commercial"),
               "mixed": self.tr("Mixed")}.get(intake.project.get("use"), "")
        rows = [
            (self.tr("Parcel"), fmt.code(p.renovation_code) + " — " + to_persian_digits(p.address)),
            (self.tr("Owners"), owners),
        ]
        if intake.attorney:
            a = intake.attorney
            rows.append((self.tr("Attorney"), self.tr("{name}, power of attorney {number} of {date}").format(
                name=f"{a['first_name']} {a['last_name']}", number=to_persian_digits(a["poa_number"]),
                date=to_persian_digits(a["poa_date"]))))
        if spec:
            rows.append((self.tr("Building"), self.tr("{floors} floors × {area} m² = {total} m², {units} units, "
                                                      "{parking} parking, {use}").format(
                floors=to_persian_digits(str(spec.floors)), area=format_number(spec.floor_area),
                total=format_number(spec.floor_area * spec.floors), units=to_persian_digits(str(spec.units)),
                parking=to_persian_digits(str(spec.parking)), use=use)))
        docs = [i.title for i in intake.checklist if i.document is not None]
        rows.append((self.tr("Documents"), "، ".join(docs)))
        self.summary.set_rows(rows)
        self.show_quote_state()

    def show_quote_state(self) -> None:
        intake = self.intake
        if intake is None:
            return
        if self.waiting_for_uploads():
            self.note.setText(self.tr("Documents are still being sent; submitting is possible when they arrive."))
            self.note.show()
            self.submit_button.setEnabled(False)
            return
        if self.pending is None:
            self.submit_button.setEnabled(True)
        if intake.quote is None:
            self.note.setText(self.tr("The server's final quote is not here yet (the panel shows an estimate). "
                                      "Submitting needs the connection."))
            self.note.show()
        else:
            self.note.hide()

    def waiting_for_uploads(self) -> bool:
        return self.uploads_in_flight()

    def submit(self) -> None:
        intake = self.intake
        if self.busy or intake is None or intake.draft is None or self.pending is not None:
            return
        if self.waiting_for_uploads():
            self.show_quote_state()
            return
        if intake.quote is None:
            self.quote_refresh_needed.emit()
            self.show_quote_state()
            return
        from kiosk.api_client import actions

        submission = intake.submission()
        action = actions.permit_submission(intake.draft.draft_id, submission, self.services.visit.consent_id)
        self.set_busy(True, self.tr("Saving…"))

        def queued(item) -> None:
            # On disk now: whatever happens to the connection or this PC, it will be sent exactly once.
            self.set_busy(False)
            self.pending = item.id
            self.submit_button.setEnabled(False)
            self.note.setText(self.tr("Queued for sending. Tracking reference: {ref}").format(
                ref=fmt.code(item.reference)))
            self.note.show()

        def not_queued(exc: BaseException) -> None:
            self.set_busy(False)
            self.problem.emit(exc, self.submit)

        self.services.outbox.queue(
            action, self.intent.key(action.payload),
            self.tr("Building permit request, parcel {code}").format(code=intake.parcel.renovation_code),
            queued, not_queued, owner=self)

    def on_sent(self, item_id: str, kind: str, answer) -> None:
        if item_id != self.pending or self.intake is None:
            return
        from kiosk.contract import PermitApplication

        self.pending = None
        self.intent.renew()
        application = PermitApplication.model_validate(answer)
        self.intake.application = application
        self.submitted.emit(application)

    def on_refused(self, item_id: str, kind: str, detail: dict) -> None:
        if item_id != self.pending or self.intake is None:
            return
        self.pending = None
        # The clerk sees the reason here and will submit again (refused rows hold nothing back): the row
        # has served its purpose.
        self.services.outbox.dismiss_async(item_id)
        self.submit_button.setEnabled(True)
        self.note.setText(outbox_error_text(detail))
        self.note.show()
        if detail.get("code") in ("tariff_changed", "quote_changed"):
            # Announce, never silently accept: show the new quote and let the citizen see it first.
            self.intake.quote = None
            self.quote_refresh_needed.emit()

    def reset(self) -> None:
        self.summary.set_rows([])
        self.note.hide()
        self.intake = None
        self.pending = None
        self.intent.renew()
        self.submit_button.setEnabled(True)


# --- 6. the order, the slip and payment ------------------------------------------------------------------
class ResultStep(Step):
    """The order is issued: pay, print the order and the slip, open the case, go back to the file or take the
    next citizen — each a button on the first screenful, Enter doing the one that comes next.

    Signals: ``finished()`` (next citizen), ``case_requested()``, ``file_requested()``."""

    finished = Signal()
    case_requested = Signal()
    file_requested = Signal()

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.title_text = self.tr("Order issued")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.headline = QLabel()
        self.headline.setObjectName("pageTitle")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        ways = QGridLayout()  # two by two: four buttons in a row are wider than a 1280-pixel screen's column
        self.done_button = QPushButton(self.tr("Finish: next citizen"))
        self.done_button.setObjectName("primary")
        self.done_button.setToolTip(self.tr("Ends this citizen's visit and forgets their data (Ctrl+N)"))
        self.done_button.clicked.connect(self.finished)
        self.order_button = QPushButton(self.tr("Print the order…"))
        self.order_button.setObjectName("printOrder")
        self.order_button.setToolTip(self.tr("The plan-preparation order, sealed, for the citizen and the designers"))
        self.order_button.clicked.connect(self.print_order)
        self._busy_buttons.append(self.order_button)
        self.case_button = QPushButton(self.tr("Open the case"))
        self.case_button.setToolTip(self.tr("The stages of this case against their deadlines"))
        self.case_button.clicked.connect(self.case_requested)
        self.file_button = QPushButton(self.tr("Back to the e-file"))
        self.file_button.setToolTip(self.tr("The citizen's electronic file: another request or service (Esc)"))
        self.file_button.clicked.connect(self.file_requested)
        for i, button in enumerate((self.done_button, self.order_button, self.case_button, self.file_button)):
            ways.addWidget(button, i // 2, i % 2)
        ways.setColumnStretch(2, 1)
        layout.addLayout(ways)
        card, form = _card()
        self.values = {}
        self.case_caption = QLabel(self.tr("Tracking code"))  # «Case number» when the server gives no code
        for key, caption in (("case", self.case_caption), ("order", self.tr("Plan-preparation order number")),
                             ("issued", self.tr("Issued"))):
            self.values[key] = _value_label("result_" + key)
            form.addRow(caption, self.values[key])
        self.bill_panel = BillPanel(services)
        self.bill_panel.problem.connect(self.problem)
        self.bill_panel.paid.connect(lambda _receipt: self.done_button.setFocus())
        self.bill_panel.invalid.connect(lambda: self.headline.setText(self.tr(
            "The payment slip from the server failed the national check rules. Do not take payment; tell support.")))
        self.values.update(self.bill_panel.values)
        # The payment first (what the clerk does next, on the first screenful), the case's numbers after it.
        layout.addWidget(self.bill_panel)
        layout.addWidget(card)
        self.terminal_ref = self.bill_panel.terminal_ref
        self.bank_button = self.bill_panel.bank_button
        self.pay_box = self.bill_panel.pay_box
        layout.addStretch(1)
        self.application = None

    def print_order(self) -> None:
        """The order as the server issued and sealed it (from the case, where every issued document is)."""
        from kiosk.ui.print_dialog import open_print

        application = self.application
        if application is None:
            return
        api, consent = self.services.api, self.services.visit.consent_id

        def work():
            view = api.case(application.case_number, consent)
            return next((d for d in view.issued if d.kind == "plan_order"), None)

        def done(document) -> None:
            if document is None:
                self.headline.setText(self.tr("The server has not issued the order's paper yet. Try again in a "
                                              "minute, or print it later from the case."))
                return
            open_print(self, self.services, "plan_order", document)

        self.run(work, done, retry=self.print_order, busy_text=self.tr("Loading…"))

    def load(self, intake) -> None:
        application = intake.application
        self.application = application
        holder = "، ".join(f"{o.get('first_name', '')} {o.get('last_name', '')}".strip()
                           for o in (intake.owners or []) if isinstance(o, dict)) or None
        address = intake.parcel.address if intake.parcel is not None else None
        if not self.bill_panel.load(application.bill, application.tracking_code or application.case_number, holder,
                                    address):
            return
        # One line at 1366 px: with two, the card reader's hint fell below the first screenful.
        self.headline.setText(self.tr("Order issued; pay here or at any bank with the slip's two IDs."))
        v = self.values
        v["case"].setText(fmt.code(application.tracking_code or application.case_number))
        self.case_caption.setText(self.tr("Tracking code") if application.tracking_code else self.tr("Case number"))
        v["order"].setText(fmt.code(application.order_number))
        v["issued"].setText(format_jalali_datetime(application.order_issued_at))
        if application.bill.paid:
            self.done_button.setFocus()

    def entered(self) -> None:
        self.terminal_ref.setFocus()

    def on_enter(self) -> bool:
        if self.pay_box.isVisible():
            self.bill_panel.record_payment()
        else:
            self.finished.emit()
        return True

    def reset(self) -> None:
        for label in self.values.values():
            label.clear()
        self.headline.clear()
        self.bill_panel.reset()
        self.application = None
