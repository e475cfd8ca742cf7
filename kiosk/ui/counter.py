"""Counter mode: the kiosk fills the screen and is not closed by accident. Leaving it needs the counter's
PIN (its hash set by the administrator, `kiosk hash-pin`) or the signed-in clerk's password, checked by the
server off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from kiosk import messages
from kiosk.api_client.errors import ApiError
from kiosk.secrets import check_pin
from kiosk.ui.widgets import FormField, title_label


class ExitDialog(QDialog):
    """Signals: ``allowed()`` once the PIN or the password is right."""

    allowed = Signal()

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("exitCounter")
        self.setWindowTitle(self.tr("Leave counter mode"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Leave counter mode")))
        self.secret = QLineEdit()
        self.secret.setObjectName("exitSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.returnPressed.connect(self.check)
        self.field = FormField(self.tr("The counter's PIN, or your password"), self.secret,
                               self.tr("Only a clerk or the administrator can close the kiosk"))
        layout.addWidget(self.field)
        buttons = QHBoxLayout()
        self.ok = QPushButton(self.tr("Close the kiosk"))
        self.ok.setObjectName("primary")
        self.ok.clicked.connect(self.check)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.ok)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def check(self) -> None:
        secret = self.secret.text()
        self.secret.clear()
        if not secret:
            self.field.set_error(self.tr("Type the PIN or your password."))
            return
        pin_hash = self.services.config["exit_pin"]
        if pin_hash and check_pin(secret, pin_hash):
            self._allow()
            return
        operator = self.services.operator.operator
        api = self.services.api
        if operator is None or api is None:
            self.field.set_error(self.tr("The PIN is wrong."))
            return
        self.ok.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.ok.setEnabled(True)
            if isinstance(exc, ApiError) and exc.code in ("invalid_credentials", "login_locked"):
                self.field.set_error(self.tr("Neither the PIN nor your password is right."))
            else:
                self.field.set_error(messages.describe(exc))

        def done(_response) -> None:
            self.ok.setEnabled(True)
            self._allow()

        def prove() -> None:
            # A fresh sign-in proves the password; the token it yields is ended at once on the server.
            response = api.login(operator.username, secret)
            try:
                api.logout(response.token)
            except ApiError:
                pass  # the proof stands; the token expires on its own

        self.services.runner.run(prove, done, failed, owner=self)

    def _allow(self) -> None:
        self.allowed.emit()
        self.accept()
