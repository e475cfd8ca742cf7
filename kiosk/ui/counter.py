"""Counter mode: the kiosk fills the screen and is not closed by accident. Leaving it needs the counter's
PIN (its hash set by the administrator, `kiosk hash-pin`) or the signed-in clerk's password, checked by the
server off the GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton, QVBoxLayout

from kiosk import messages
from kiosk.api_client.errors import ApiError
from kiosk.domain.digits import to_persian_digits
from kiosk.ui.widgets import FormField, title_label

log = logging.getLogger(__name__)


def secret_field(name: str, label: str, on_enter, hint: str = "") -> tuple[QLineEdit, FormField]:
    """A masked input for a PIN or a password, with its label and error line."""
    secret = QLineEdit()
    secret.setObjectName(name)
    secret.setEchoMode(QLineEdit.EchoMode.Password)
    secret.setMinimumWidth(380)  # wide enough that the error sentences wrap to two lines, not five
    secret.returnPressed.connect(on_enter)
    return secret, FormField(label, secret, hint)


def fitted_layout(dialog: QDialog) -> QVBoxLayout:
    """The dialog's layout, which resizes the dialog to its contents whenever an error line appears or
    grows: without it a word-wrapped error is drawn over the hint above it (seen under cage, where no
    window manager resizes anything)."""
    layout = QVBoxLayout(dialog)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
    return layout


def confirm_buttons(dialog: QDialog, ok_text: str, cancel_text: str, on_ok) -> tuple[QHBoxLayout, QPushButton]:
    """The primary button and «انصراف», start-aligned."""
    buttons = QHBoxLayout()
    ok = QPushButton(ok_text)
    ok.setObjectName("primary")
    ok.clicked.connect(on_ok)
    cancel = QPushButton(cancel_text)
    cancel.clicked.connect(dialog.reject)
    buttons.addWidget(ok)
    buttons.addWidget(cancel)
    buttons.addStretch(1)
    return buttons, ok


class ExitDialog(QDialog):
    """Signals: ``allowed()`` once the PIN or the password is right."""

    allowed = Signal()

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("exitCounter")
        self.setWindowTitle(self.tr("Leave counter mode"))
        self.setModal(True)
        layout = fitted_layout(self)
        layout.addWidget(title_label(self.tr("Leave counter mode")))
        self.secret, self.field = secret_field("exitSecret", self.tr("The counter's PIN, or your password"),
                                               self.check, self.tr("Only a clerk or the administrator can close "
                                                                   "the kiosk"))
        layout.addWidget(self.field)
        buttons, self.ok = confirm_buttons(self, self.tr("Close the kiosk"), self.tr("Cancel"), self.check)
        layout.addLayout(buttons)

    def check(self) -> None:
        """The PIN (or the signed-in clerk's password) is checked off the GUI thread; wrong tries — of
        either — count in one process-wide :class:`PinGuard`: after three, each try waits twice as long."""
        if not self.ok.isEnabled():
            return  # a check is under way: Enter again is not another try
        secret = self.secret.text()
        self.secret.clear()
        if not secret:
            self.field.set_error(self.tr("Type the PIN or your password."))
            return
        guard = exit_guard()
        waiting = guard.wait()
        if waiting:
            self.field.set_error(self._locked(waiting))
            return
        pin_hash = self.services.config["exit_pin"]
        operator = self.services.operator.operator
        api = self.services.api
        self.ok.setEnabled(False)

        def work() -> bool:
            if guard.check(secret, pin_hash):
                return True
            if operator is None or api is None:
                return False
            try:
                # A fresh sign-in proves the password; the token it yields is ended at once on the server.
                response = api.login(operator.username, secret)
            except ApiError as exc:
                if exc.code in ("invalid_credentials", "login_locked"):
                    return False
                raise
            try:
                api.logout(response.token)
            except ApiError:
                pass  # the proof stands; the token expires on its own
            guard.clear()
            return True

        def done(ok: bool) -> None:
            self.ok.setEnabled(True)
            if ok:
                self._allow()
                return
            wait = guard.wait()
            log.warning("counter mode: a wrong PIN or password was given to leave it")
            self.field.set_error(
                self.tr("Neither the PIN nor your password is right. Try again in {n} seconds.").format(
                    n=to_persian_digits(str(wait))) if wait else
                self.tr("Neither the PIN nor your password is right.") if operator is not None else
                self.tr("The PIN is wrong."))
            self.secret.setFocus()

        def failed(exc: BaseException) -> None:
            self.ok.setEnabled(True)
            from kiosk.secrets import PinLocked

            self.field.set_error(self._locked(exc.seconds) if isinstance(exc, PinLocked) else messages.describe(exc))

        self.services.runner.run(work, done, failed, owner=self, across_visits=True)

    def _locked(self, seconds: int) -> str:
        return self.tr("Too many wrong tries. Try again in {n} seconds.").format(n=to_persian_digits(str(seconds)))

    def _allow(self) -> None:
        self.allowed.emit()
        self.accept()


_SUPERVISOR_GUARD = None
_EXIT_GUARD = None
_TRAINING_HASH: str | None = None


def tries_file(kind: str):
    """Where the count of wrong tries of ``kind`` outlives the process (the kiosk's own data folder)."""
    from kiosk import paths

    return paths.data_dir() / f"{kind}-tries.json"


def exit_guard():
    """One count of wrong tries at leaving counter mode: closing the dialog and opening it again does not
    reset it, nor does killing the kiosk (it is kept in the data folder)."""
    global _EXIT_GUARD
    if _EXIT_GUARD is None:
        from kiosk.secrets import PinGuard

        _EXIT_GUARD = PinGuard(state_file=tries_file("exit-pin"))
    return _EXIT_GUARD


def supervisor_guard():
    """One count of wrong supervisor PINs (a new dialog or a restart does not reset it)."""
    global _SUPERVISOR_GUARD
    if _SUPERVISOR_GUARD is None:
        from kiosk.secrets import PinGuard

        _SUPERVISOR_GUARD = PinGuard(state_file=tries_file("supervisor-pin"))
    return _SUPERVISOR_GUARD


class SupervisorDialog(QDialog):
    """A supervisor confirms an action the clerk may not take alone (closing a reconciliation, setting
    unreadable requests aside). The PIN is the administrator's ``supervisor_pin`` (in training, when none
    is set, the training PIN); wrong PINs make the next try wait longer. The check runs off the GUI thread.

    Signals: ``allowed(str note)`` with what the supervisor wrote."""

    allowed = Signal(str)

    def __init__(self, services, title: str, explanation: str, note_label: str | None = None, parent=None):
        super().__init__(parent)
        from kiosk.ui.widgets import text_area

        self.services = services
        self.setObjectName("supervisorDialog")
        self.setWindowTitle(title)
        self.setModal(True)
        layout = fitted_layout(self)
        layout.addWidget(title_label(title))
        text = QLabel(explanation)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.note = None
        self.fields = {}
        if note_label:
            self.note = text_area(90)
            self.note.setObjectName("supervisorNote")
            self.fields["note"] = FormField(note_label, self.note)
            layout.addWidget(self.fields["note"])
        self.pin, self.fields["pin"] = secret_field("supervisorPin", self.tr("Supervisor's PIN"), self.check)
        layout.addWidget(self.fields["pin"])
        buttons, self.ok = confirm_buttons(self, self.tr("Confirm"), self.tr("Cancel"), self.check)
        layout.addLayout(buttons)

    def stored_hash(self) -> str:
        global _TRAINING_HASH
        stored = self.services.config["supervisor_pin"]
        if stored or not self.services.training:
            return stored
        if _TRAINING_HASH is None:
            from kiosk.secrets import TRAINING_SUPERVISOR_PIN, hash_pin

            _TRAINING_HASH = hash_pin(TRAINING_SUPERVISOR_PIN)
        return _TRAINING_HASH

    def check(self) -> None:
        from kiosk.domain.digits import to_persian_digits
        from kiosk.secrets import PinLocked

        if not self.ok.isEnabled():
            return  # a check is under way: Enter again is not another try
        for f in self.fields.values():
            f.set_error(None)
        note = self.note.toPlainText().strip() if self.note is not None else ""
        if self.note is not None and len(note) < 3:
            self.fields["note"].set_error(self.tr("Write what was done (at least three characters)."))
            self.note.setFocus()
            return
        pin = self.pin.text()
        self.pin.clear()
        if not pin:
            self.fields["pin"].set_error(self.tr("Type the supervisor's PIN."))
            return
        stored = self.stored_hash()
        if not stored:
            self.fields["pin"].set_error(self.tr("No supervisor's PIN is set on this counter. The administrator sets "
                                                 "supervisor_pin in the system settings file."))
            return
        guard = supervisor_guard()
        self.ok.setEnabled(False)

        def done(ok: bool) -> None:
            self.ok.setEnabled(True)
            if ok:
                self.allowed.emit(note)
                self.accept()
                return
            wait = guard.wait()
            self.fields["pin"].set_error(
                self.tr("The PIN is wrong. Try again in {n} seconds.").format(n=to_persian_digits(str(wait)))
                if wait else self.tr("The PIN is wrong."))
            self.pin.setFocus()

        def failed(exc: BaseException) -> None:
            self.ok.setEnabled(True)
            if isinstance(exc, PinLocked):
                self.fields["pin"].set_error(self.tr("Too many wrong PINs. Try again in {n} seconds.").format(
                    n=to_persian_digits(str(exc.seconds))))
            else:
                self.fields["pin"].set_error(messages.describe(exc) or self.tr("The PIN could not be checked."))

        self.services.runner.run(lambda: guard.check(pin, stored), done, failed, owner=self, across_visits=True)
