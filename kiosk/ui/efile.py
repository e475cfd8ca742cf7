"""The citizen's electronic file (پرونده الکترونیک): view it, create it, correct it."""

from __future__ import annotations

from typing import TYPE_CHECKING


from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QStackedWidget,
    QVBoxLayout, QWidget,
)

from kiosk.api_client.errors import ApiError
from kiosk.domain.digits import to_persian_digits
from kiosk.domain.jalali import check_birth_date, format_jalali, format_jalali_datetime
from kiosk.domain.person import validate_efile
from kiosk.ui.page import Page
from kiosk.ui.widgets import DigitLineEdit, FormField, plain_scroll, text_area, title_label

if TYPE_CHECKING:
    from kiosk.contract import EFile


class EFilePage(Page):
    """Signals: ``next_citizen()``, ``saved(object EFile)``, ``permit_requested()``, ``resume_requested()``,
    ``services_requested()``, ``cases_requested()``, ``receipts_requested()``."""

    next_citizen = Signal()
    saved = Signal(object)
    permit_requested = Signal()
    resume_requested = Signal()
    services_requested = Signal()
    cases_requested = Signal()
    receipts_requested = Signal()

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self.mode = "view"
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        self.title = title_label("")
        outer.addWidget(self.title)
        self.stack = QStackedWidget()
        # It scrolls when the screen is short (1024×768 with a banner shown): a page that cannot shrink made
        # the whole window taller than the screen.
        outer.addWidget(plain_scroll(self.stack), 1)

        # view
        self.view = QWidget()
        view_layout = QVBoxLayout(self.view)
        view_layout.setContentsMargins(0, 0, 0, 0)
        card = QFrame()
        card.setObjectName("card")
        self.view_form = QFormLayout(card)
        self.view_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading)
        self.view_labels: dict[str, QLabel] = {}
        for key, caption in self._view_rows():
            value = QLabel()
            value.setObjectName("value_" + key)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            # A value that starts with a digit would otherwise be aligned as left-to-right text.
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                               | Qt.AlignmentFlag.AlignVCenter)
            self.view_labels[key] = value
            self.view_form.addRow(caption, value)
        view_layout.addWidget(card)
        actions = QHBoxLayout()
        self.permit_button = QPushButton(self.tr("New building permit request"))
        self.permit_button.setObjectName("primary")
        self.permit_button.clicked.connect(self.permit_requested)
        self.resume_button = QPushButton(self.tr("Continue an unfinished request"))
        self.resume_button.clicked.connect(self.resume_requested)
        self.services_button = QPushButton(self.tr("Other city services"))
        self.services_button.clicked.connect(self.services_requested)
        self.cases_button = QPushButton(self.tr("Track the citizen's cases"))
        self.cases_button.setObjectName("trackCases")
        self.cases_button.clicked.connect(self.cases_requested)
        self.receipts_button = QPushButton(self.tr("Receipts register"))
        self.receipts_button.setObjectName("receiptsRegister")
        self.receipts_button.clicked.connect(self.receipts_requested)
        for b in (self.permit_button, self.resume_button, self.cases_button, self.receipts_button,
                  self.services_button):
            actions.addWidget(b)
        actions.addStretch(1)
        view_layout.addLayout(actions)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Edit the e-file"))
        self.edit_button.clicked.connect(self.begin_edit)
        self.next_button = QPushButton(self.tr("Finish: next citizen"))
        self.next_button.clicked.connect(self.next_citizen)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        view_layout.addLayout(buttons)
        view_layout.addStretch(1)
        self.stack.addWidget(self.view)

        # edit / create
        self.form = QWidget()
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.father_name = QLineEdit()
        self.birth_date = DigitLineEdit(max_length=10)
        self.birth_date.setPlaceholderText(to_persian_digits("1365/04/21"))
        self.district = QComboBox()
        for n in range(1, 16):
            self.district.addItem(self.tr("District {n}").format(n=to_persian_digits(str(n))), n)
        self.postal_code = DigitLineEdit(max_length=12)
        self.address = text_area()
        self.email = QLineEdit()
        self.email.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        for name, w in (("firstName", self.first_name), ("lastName", self.last_name),
                        ("fatherName", self.father_name), ("birthDate", self.birth_date),
                        ("district", self.district), ("postalCode", self.postal_code), ("address", self.address),
                        ("email", self.email)):
            w.setObjectName(name)
        self.fields = {
            "first_name": FormField(self.tr("First name"), self.first_name),
            "last_name": FormField(self.tr("Last name"), self.last_name),
            "father_name": FormField(self.tr("Father's name"), self.father_name),
            "birth_date": FormField(self.tr("Birth date (Jalali)"), self.birth_date,
                                    self.tr("year/month/day, e.g. 1365/04/21")),
            "district": FormField(self.tr("District"), self.district),
            "postal_code": FormField(self.tr("Postal code"), self.postal_code, self.tr("10 digits")),
            "address": FormField(self.tr("Address"), self.address),
            "email": FormField(self.tr("Email (optional)"), self.email),
        }
        grid = QWidget()
        grid_layout = QHBoxLayout(grid)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        col1, col2 = QVBoxLayout(), QVBoxLayout()
        for key in ("first_name", "last_name", "father_name", "birth_date"):
            col1.addWidget(self.fields[key])
        for key in ("district", "postal_code", "address", "email"):
            col2.addWidget(self.fields[key])
        col1.addStretch(1)
        col2.addStretch(1)
        grid_layout.addLayout(col1, 1)
        grid_layout.addLayout(col2, 1)
        form_layout.addWidget(plain_scroll(grid), 1)
        form_buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save the e-file"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Cancel editing"))
        self.cancel_button.clicked.connect(self.cancel_edit)
        # A new e-file's way back: nothing of the citizen is saved yet, so leaving is ending the visit.
        self.abandon_button = QPushButton(self.tr("Cancel: back to finding a citizen (Esc)"))
        self.abandon_button.setObjectName("abandonNewFile")
        self.abandon_button.clicked.connect(self.abandon)
        form_buttons.addWidget(self.save_button)
        form_buttons.addWidget(self.cancel_button)
        form_buttons.addWidget(self.abandon_button)
        form_buttons.addStretch(1)
        form_layout.addLayout(form_buttons)
        self.stack.addWidget(self.form)
        self._busy_buttons = [self.save_button]
        from kiosk.api_client.keys import Intent

        self.intent = Intent("efile_save")

    def _view_rows(self):
        return (
            ("file_number", self.tr("E-file number")),
            ("national_code", self.tr("National code")),
            ("name", self.tr("Name")),
            ("father_name", self.tr("Father's name")),
            ("birth_date", self.tr("Birth date")),
            ("mobile", self.tr("Mobile")),
            ("district", self.tr("District")),
            ("postal_code", self.tr("Postal code")),
            ("address", self.tr("Address")),
            ("email", self.tr("Email")),
            ("updated_at", self.tr("Last change")),
        )

    # --- modes -------------------------------------------------------------------------------------
    def entered(self) -> None:
        efile = self.services.visit.efile
        if efile is None:
            self.begin_create()
        else:
            self.show_file(efile)

    def show_file(self, efile: EFile) -> None:
        self.mode = "view"
        self.title.setText(self.tr("Electronic file of {name}").format(
            name=f"{efile.first_name} {efile.last_name}"))
        values = {
            "file_number": to_persian_digits(efile.file_number),
            "national_code": to_persian_digits(efile.national_code),
            "name": f"{efile.first_name} {efile.last_name}",
            "father_name": efile.father_name,
            "birth_date": format_jalali(efile.birth_date),
            "mobile": to_persian_digits(efile.mobile),
            "district": self.tr("District {n}").format(n=to_persian_digits(str(efile.district))),
            "postal_code": to_persian_digits(efile.postal_code),
            "address": to_persian_digits(efile.address),
            "email": efile.email or "—",
            "updated_at": format_jalali_datetime(efile.updated_at),
        }
        for key, label in self.view_labels.items():
            label.setText(values[key])
        self.stack.setCurrentWidget(self.view)
        self.permit_button.setFocus()

    def begin_create(self) -> None:
        self.mode = "create"
        visit = self.services.visit
        self.title.setText(self.tr("New electronic file for national code {code}").format(
            code=to_persian_digits(visit.national_code or "")))
        self._fill(None)
        self.cancel_button.hide()
        self.abandon_button.show()
        self.stack.setCurrentWidget(self.form)
        self.first_name.setFocus()

    def typed(self) -> bool:
        """Something of the citizen's is written in the form (the district is preset, so it does not count)."""
        edits = (self.first_name, self.last_name, self.father_name, self.birth_date, self.postal_code, self.email)
        return any(e.text().strip() for e in edits) or bool(self.address.toPlainText().strip())

    def abandon(self) -> None:
        """Leaves a new e-file unsaved for the citizen search; asks first when something is written, so a
        stray Esc does not throw away what the citizen dictated."""
        if self.mode != "create" or self.busy:
            return
        if self.typed():
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Leave the new e-file?"),
                              self.tr("What is written here is not saved and will be erased. Leave it and go back "
                                      "to finding a citizen?"),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setObjectName("abandonNewFileBox")
            box.setDefaultButton(QMessageBox.StandardButton.No)
            answer = box.exec()
            box.deleteLater()
            if answer != QMessageBox.StandardButton.Yes:
                self.first_name.setFocus()
                return
        self.next_citizen.emit()

    def begin_edit(self) -> None:
        efile = self.services.visit.efile
        if efile is None:
            return
        self.mode = "edit"
        self.title.setText(self.tr("Correct the e-file of {name}").format(name=f"{efile.first_name} {efile.last_name}"))
        self._fill(efile)
        self.cancel_button.show()
        self.abandon_button.hide()
        self.stack.setCurrentWidget(self.form)
        self.first_name.setFocus()

    def cancel_edit(self) -> None:
        if self.services.visit.efile is not None:
            self.clear_errors()
            self.show_file(self.services.visit.efile)

    def _fill(self, efile: EFile | None) -> None:
        self.clear_errors()
        self.intent.renew()
        self.first_name.setText(efile.first_name if efile else "")
        self.last_name.setText(efile.last_name if efile else "")
        self.father_name.setText(efile.father_name if efile else "")
        self.birth_date.setText(format_jalali(efile.birth_date) if efile else "")
        district = efile.district if efile else (self.services.config["district"] or
                                                 (self.services.operator.operator.district
                                                  if self.services.operator.operator else None) or 1)
        self.district.setCurrentIndex(max(0, self.district.findData(district)))
        self.postal_code.setText(efile.postal_code if efile else "")
        self.address.setPlainText(efile.address if efile else "")
        self.email.setText((efile.email or "") if efile else "")

    # --- saving ------------------------------------------------------------------------------------
    def save(self) -> None:
        if self.busy:
            return
        self.clear_errors()
        today = self.services.today()
        birth, birth_problem = check_birth_date(self.birth_date.value(), today)
        clean, problems = validate_efile(
            first_name=self.first_name.text(), last_name=self.last_name.text(),
            father_name=self.father_name.text(), birth_date=birth, address=self.address.toPlainText(),
            postal_code=self.postal_code.value(), district=self.district.currentData(), email=self.email.text(),
            today=today,
        )
        if birth_problem is not None:
            problems = [p for p in problems if p.field != "birth_date"] + [birth_problem]
        if problems:
            self.show_problems(problems)
            return
        from kiosk.contract import EFileFields, EFileUpdate  # pydantic: not needed before the first paint

        fields = EFileFields(**clean)
        visit = self.services.visit
        consent_id = visit.consent_id
        api = self.services.api
        if self.mode == "create":
            key = self.intent.key({"create": fields, "consent": consent_id})

            def call():
                return api.create_efile(fields, consent_id, idempotency_key=key)
        else:
            update = EFileUpdate(**clean, version=visit.efile.version)
            national_code = visit.national_code
            key = self.intent.key({"update": update, "consent": consent_id})

            def call():
                return api.update_efile(national_code, update, consent_id, idempotency_key=key)

        def done(efile: EFile) -> None:
            self.intent.settle()
            visit.efile = efile
            self.show_file(efile)
            self.saved.emit(efile)

        def failed(exc: BaseException) -> bool:
            self.intent.settle(exc)
            if isinstance(exc, ApiError) and exc.code == "efile_stale":
                self._reload_after_conflict()
            return False

        self.run(call, done, failed, retry=self.save, busy_text=self.tr("Saving…"))

    def _reload_after_conflict(self) -> None:
        visit = self.services.visit
        api = self.services.api
        national_code, consent_id = visit.national_code, visit.consent_id

        def done(efile: EFile) -> None:
            visit.efile = efile

        from kiosk.tasks import log_failure

        self.services.runner.run(lambda: api.get_efile(national_code, consent_id), done,
                                 log_failure("reloading the e-file after a conflict"), owner=self)

    def reset(self) -> None:
        self._fill(None)
        for label in self.view_labels.values():
            label.clear()
        self.title.clear()
        self.mode = "view"
