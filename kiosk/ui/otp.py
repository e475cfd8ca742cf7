"""The citizen reads the one-time code from their phone; the clerk types it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from kiosk import formatting as fmt
from kiosk.api_client.errors import ApiError
from kiosk.domain.digits import to_persian_digits
from kiosk.domain.person import REQUIRED
from kiosk.domain.problems import Problem, QT_TRANSLATE_NOOP
from kiosk.ui.page import Page
from kiosk.ui.widgets import DigitLineEdit, FormField, title_label

if TYPE_CHECKING:
    from kiosk.contract import ConsentGrant, OtpChallenge

OTP_FORMAT = Problem("otp_format", QT_TRANSLATE_NOOP("Validation", "The code has {length} digits."), "code")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def mm_ss(seconds: int) -> str:
    seconds = max(0, int(seconds))
    return to_persian_digits(f"{seconds // 60}:{seconds % 60:02d}")


class OtpPage(Page):
    """Signals: ``verified(object ConsentGrant)``, ``back_requested()``, ``inbox_requested()``."""

    verified = Signal(object)
    back_requested = Signal()
    inbox_requested = Signal()

    def __init__(self, services, parent=None, now=_utcnow):
        super().__init__(services, parent)
        self._now = now
        self.challenge: OtpChallenge | None = None
        self._locked_until: dt.datetime | None = None
        layout = self.column()
        layout.addWidget(title_label(self.tr("Citizen's confirmation code")))
        self.sent_to = QLabel()
        self.sent_to.setWordWrap(True)
        layout.addWidget(self.sent_to)
        self.code = DigitLineEdit(max_length=6)
        self.code.setObjectName("otpCode")
        self.fields = {"code": FormField(self.tr("Confirmation code"), self.code)}
        layout.addWidget(self.fields["code"])
        self.countdown = QLabel()
        self.countdown.setObjectName("fieldHint")
        layout.addWidget(self.countdown)

        self.submit = QPushButton(self.tr("Confirm and open the e-file"))
        self.submit.setObjectName("primary")
        self.submit.clicked.connect(self.verify)
        layout.addWidget(self.submit)
        row = QHBoxLayout()
        self.resend = QPushButton()
        self.resend.clicked.connect(self.resend_code)
        row.addWidget(self.resend)
        self.back = QPushButton(self.tr("Change national code or mobile"))
        self.back.clicked.connect(self.back_requested)
        row.addWidget(self.back)
        self.inbox = QPushButton(self.tr("Training SMS inbox"))
        self.inbox.setVisible(services.training)
        self.inbox.clicked.connect(self.inbox_requested)
        row.addWidget(self.inbox)
        layout.addLayout(row)
        layout.addStretch(1)
        self._busy_buttons = [self.submit]
        self.code.returnPressed.connect(self.verify)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        from kiosk.api_client.keys import Intent

        self.verify_intent = Intent("otp_verify")
        self.resend_intent = Intent("otp_resend")

    # --- state -------------------------------------------------------------------------------------
    def start(self, challenge: OtpChallenge) -> None:
        self.challenge = challenge
        self._locked_until = None
        self.verify_intent.renew()
        self.code.clear()
        self.clear_errors()
        self.sent_to.setText(self.tr("A {length}-digit code was sent to {mobile}. Ask the citizen to read it "
                                     "from their phone.").format(
            length=to_persian_digits(str(challenge.code_length)), mobile=fmt.code(challenge.masked_mobile)))
        self.code.setMaxLength(challenge.code_length)
        self.tick()
        self.timer.start()

    def entered(self) -> None:
        self.code.setFocus()

    def tick(self) -> None:
        c = self.challenge
        if c is None:
            return
        now = self._now()
        left = (c.expires_at - now).total_seconds()
        if left > 0:
            self.countdown.setText(self.tr("The code is valid for {time}.").format(time=mm_ss(left)))
        else:
            self.countdown.setText(self.tr("The code has expired: send a new one."))
        wait = (c.resend_available_at - now).total_seconds()
        if c.resends_left <= 0:
            self.resend.setText(self.tr("No more codes can be sent"))
            self.resend.setEnabled(False)
        elif wait > 0:
            self.resend.setText(self.tr("Send a new code ({time})").format(time=mm_ss(wait)))
            self.resend.setEnabled(False)
        else:
            self.resend.setText(self.tr("Send a new code"))
            self.resend.setEnabled(not self.busy)
        locked = self._locked_until is not None and self._locked_until > now
        self.submit.setEnabled(not self.busy and not locked)
        if locked:  # the lock counts down where the clerk looks: beside the code
            self.fields["code"].set_error(self.tr("Too many wrong codes. Wait {time} and try again.").format(
                time=mm_ss((self._locked_until - now).total_seconds() + 0.999)))
        if self._locked_until is not None and not locked:
            self._locked_until = None
            self.fields["code"].set_error(None)

    # --- actions -----------------------------------------------------------------------------------
    def verify(self) -> None:
        if self.busy or self.challenge is None or not self.submit.isEnabled():
            return
        self.clear_errors()
        code = self.code.value()
        length = self.challenge.code_length
        if not code:
            self.show_problems([REQUIRED.at("code")])
            return
        if not code.isdigit() or len(code) != length:
            self.show_problems([Problem(OTP_FORMAT.code, OTP_FORMAT.message, "code", {"length": length})])
            return
        challenge_id = self.challenge.challenge_id
        key = self.verify_intent.key({"challenge": challenge_id, "code": code})
        api = self.services.api

        def done(grant: ConsentGrant) -> None:
            self.timer.stop()
            self.verify_intent.settle()
            self.services.visit.consent = grant
            self.services.visit.efile = grant.efile
            self.verified.emit(grant)

        def failed(exc: BaseException) -> bool:
            self.verify_intent.settle(exc)
            if isinstance(exc, ApiError) and exc.code == "otp_locked" and exc.retry_after:
                self._locked_until = self._now() + dt.timedelta(seconds=exc.retry_after)
            if isinstance(exc, ApiError) and exc.code in ("otp_invalid", "otp_locked", "otp_expired"):
                self.code.selectAll()
            if self._locked_until is not None:
                self.tick()
                return True  # the countdown beside the code says it
            self.tick()
            return False

        self.run(lambda: api.verify_otp(challenge_id, code, idempotency_key=key), done, failed,
                 retry=self.verify, busy_text=self.tr("Checking…"))

    def resend_code(self) -> None:
        if self.busy or self.challenge is None:
            return
        challenge_id = self.challenge.challenge_id
        api = self.services.api
        key = self.resend_intent.key({"challenge": challenge_id, "sent": self.challenge.resends_left})

        def done(challenge: OtpChallenge) -> None:
            self.resend_intent.settle()
            self.services.visit.challenge = challenge
            self.start(challenge)
            self.code.setFocus()

        def failed(exc: BaseException) -> bool:
            self.resend_intent.settle(exc)
            return False

        self.run(lambda: api.resend_otp(challenge_id, idempotency_key=key), done, failed, retry=self.resend_code)

    def set_busy(self, busy: bool, text: str | None = None) -> None:
        super().set_busy(busy, text)
        if hasattr(self, "timer"):
            self.tick()

    def reset(self) -> None:
        self.timer.stop()
        self.challenge = None
        self.code.clear()
        self.sent_to.clear()
        self.countdown.clear()
        self.clear_errors()
        self.verify_intent.renew()
        self.resend_intent.renew()
