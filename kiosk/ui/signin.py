"""Operator sign-in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from kiosk import messages
from kiosk.api_client.errors import ApiError
from kiosk.domain.digits import ltr
from kiosk.domain.normalize import normalize_text
from kiosk.domain.person import REQUIRED
from kiosk.ui.page import Page
from kiosk.ui.widgets import FormField, title_label

if TYPE_CHECKING:
    from kiosk.contract import LoginResponse


# The sandbox's seeded training accounts (resources/sandbox/seed.json); shown in training mode only.
TRAINING_ACCOUNTS = (("clerk1", "amoozesh-1"), ("clerk3", "amoozesh-3"), ("clerk8", "amoozesh-8"),
                     ("cafe1", "amoozesh-c"))


class SignInPage(Page):
    """Signals: ``signed_in(object LoginResponse)``."""

    signed_in = Signal(object)

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        layout = self.column()
        layout.addWidget(title_label(self.tr("Operator sign-in")))
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.username = QLineEdit()
        self.username.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.password.setObjectName("password")
        self.fields = {
            "username": FormField(self.tr("Username"), self.username),
            "password": FormField(self.tr("Password"), self.password),
        }
        for f in self.fields.values():
            layout.addWidget(f)
        self.submit = QPushButton(self.tr("Sign in"))
        self.submit.setObjectName("primary")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.sign_in)
        self._busy_buttons = [self.submit]
        layout.addWidget(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.sign_in)

        accounts = "<br>".join(ltr(f"{u} / {p}") for u, p in TRAINING_ACCOUNTS)
        self.training_hint = QLabel(self.tr("Training accounts (username / password):") + "<br>" + accounts)
        self.training_hint.setObjectName("fieldHint")
        self.training_hint.setProperty("latinOk", True)  # the accounts as the clerk types them
        self.training_hint.setWordWrap(True)
        self.training_hint.setVisible(services.training)
        layout.addWidget(self.training_hint)
        layout.addStretch(1)
        self.set_server_ready(False)

    def set_server_ready(self, ready: bool) -> None:
        self._ready = ready
        self.submit.setEnabled(ready and not self.busy)
        if not ready:
            self.submit.setText(self.tr("Connecting to the server…"))
        elif not self.busy:
            self.submit.setText(self.tr("Sign in"))

    def set_busy(self, busy: bool, text: str | None = None) -> None:
        super().set_busy(busy, text)
        if not busy:
            self.submit.setEnabled(getattr(self, "_ready", False))

    def show_notice(self, text: str | None) -> None:
        self.notice.setText(text or "")
        self.notice.setVisible(bool(text))

    def entered(self) -> None:
        (self.password if self.username.text() else self.username).setFocus()

    def sign_in(self) -> None:
        if self.busy or not self._ready:
            return
        self.clear_errors()
        username = normalize_text(self.username.text())
        password = self.password.text()
        problems = []
        if not username:
            problems.append(REQUIRED.at("username"))
        if not password:
            problems.append(REQUIRED.at("password"))
        if problems:
            self.show_problems(problems)
            return
        api = self.services.api
        tokens = self.services.tokens

        def work() -> LoginResponse:
            response = api.login(username, password)
            # The keyring may be a D-Bus call: not on the GUI thread. The token names its clerk from the start.
            tokens.save(response.token, owner=response.operator.username)
            return response

        def done(response: LoginResponse) -> None:
            self.services.operator.operator = response.operator
            self.password.clear()
            self.show_notice(None)
            self.signed_in.emit(response)

        def failed(exc: BaseException) -> bool:
            # A refused sign-in is not "session over": it belongs beside the password.
            if isinstance(exc, ApiError) and exc.status in (401, 429) and exc.code != "unauthorized":
                self.fields["password"].set_error(messages.describe(exc))
                self.password.selectAll()
                self.password.setFocus()
                return True
            return False

        self.run(work, done, failed, retry=self.sign_in, busy_text=self.tr("Signing in…"), across_visits=True)

    def reset(self) -> None:
        self.password.clear()
        self.clear_errors()
