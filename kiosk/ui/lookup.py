"""Start of a citizen's visit: national code and mobile, then a one-time code to the citizen's phone."""

from __future__ import annotations

from typing import TYPE_CHECKING


from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk import messages
from kiosk.domain.identifiers import check_mobile, check_national_code
from kiosk.ui.page import Page
from kiosk.ui.widgets import DigitLineEdit, FormField, title_label

if TYPE_CHECKING:
    from kiosk.contract import OtpChallenge


class LookupPage(Page):
    """Signals: ``challenge_started(object OtpChallenge)``, ``track_requested()``."""

    challenge_started = Signal(object)
    track_requested = Signal()

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        layout = self.column()
        layout.addWidget(title_label(self.tr("Serve a citizen")))
        intro = QLabel(self.tr(
            "Type the citizen's national code and mobile number. A confirmation code is sent to that "
            "mobile; with it the citizen allows you to open their electronic file."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.national_code = DigitLineEdit(max_length=14)
        self.national_code.setObjectName("nationalCode")
        self.mobile = DigitLineEdit(max_length=16)
        self.mobile.setObjectName("mobile")
        self.fields = {
            "national_code": FormField(self.tr("National code"), self.national_code,
                                       self.tr("10 digits, as on the national card")),
            "mobile": FormField(self.tr("Mobile number"), self.mobile, self.tr("Example: 09123456789")),
        }
        for f in self.fields.values():
            layout.addWidget(f)
        self.submit = QPushButton(self.tr("Send confirmation code"))
        self.submit.setObjectName("primary")
        self.submit.clicked.connect(self.send)
        self._busy_buttons = [self.submit]
        layout.addWidget(self.submit)
        self.track_button = QPushButton(self.tr("Track a case by its tracking code"))
        self.track_button.setObjectName("trackByCode")
        self.track_button.setToolTip(self.tr("Stages and deadlines of a case; no one-time code needed"))
        self.track_button.clicked.connect(self.track_requested)
        layout.addWidget(self.track_button)
        layout.addStretch(1)
        self.national_code.returnPressed.connect(self.mobile.setFocus)
        self.mobile.returnPressed.connect(self.send)
        self.national_code.editingFinished.connect(self._check_national_code)
        # Retrying after a dropped connection reuses the key, so the server answers the first request
        # again instead of sending the citizen a second code.
        from kiosk.api_client.keys import Intent

        self.intent = Intent("otp_request")

    def entered(self) -> None:
        self.national_code.setFocus()

    def _check_national_code(self) -> None:
        if self.national_code.value():
            _code, problem = check_national_code(self.national_code.value())
            self.fields["national_code"].set_error(messages.render(problem) if problem else None)

    def send(self) -> None:
        if self.busy:
            return
        self.clear_errors()
        code, p1 = check_national_code(self.national_code.value())
        mobile, p2 = check_mobile(self.mobile.value())
        problems = [p for p in (p1, p2) if p]
        if problems:
            self.show_problems(problems)
            return
        key = self.intent.key({"national_code": code, "mobile": mobile})
        api = self.services.api

        def done(challenge: OtpChallenge) -> None:
            self.intent.settle()
            visit = self.services.visit
            visit.clear()
            visit.national_code, visit.mobile, visit.challenge = code, mobile, challenge
            self.challenge_started.emit(challenge)

        def failed(exc: BaseException) -> bool:
            self.intent.settle(exc)
            return False

        self.run(lambda: api.request_otp(code, mobile, idempotency_key=key), done, failed, retry=self.send,
                 busy_text=self.tr("Sending…"))

    def reset(self) -> None:
        self.national_code.clear()
        self.mobile.clear()
        self.clear_errors()
        self.intent.renew()
