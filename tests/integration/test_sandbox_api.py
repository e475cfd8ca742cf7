"""The client against the real sandbox over HTTP on a random port: the rules the server enforces."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import uuid

import pytest

from kiosk.api_client import ApiSession, KioskApi, Unauthorized, ValidationFailed
from kiosk.contract import EFileFields, EFileUpdate
from kiosk.domain.digits import to_ascii_digits
from kiosk.sandbox.app import SandboxSettings
from kiosk.sandbox.server import SandboxServer

SEEDED = ("0499370899", "09131234567")
NEW = ("1234567891", "09121112233")


def last_code(sandbox, mobile):
    with sandbox.db.tx() as c:
        text = c.execute("SELECT text FROM sms_inbox WHERE mobile=? ORDER BY id DESC LIMIT 1", (mobile,)).fetchone()[0]
    return re.search(r"\d{6}", to_ascii_digits(text)).group(0)


def consent_for(api, sandbox, who=NEW):
    challenge = api.request_otp(*who)
    return api.verify_otp(challenge.challenge_id, last_code(sandbox, who[1]))


def fields(**over):
    base = dict(first_name="علی", last_name="محمدی", father_name="رضا", birth_date=dt.date(1991, 4, 4),
                address="اصفهان، خیابان هشت بهشت، کوچه ۵، پلاک ۲۰", postal_code="8174673111", district=3)
    base.update(over)
    return EFileFields(**base)


# --- operators ---------------------------------------------------------------------------------------
def test_health_and_login(api):
    assert api.health().training is True
    response = api.login("CLERK1", "amoozesh-1")  # usernames are case-insensitive
    assert response.operator.full_name == "سارا احمدی" and response.operator.district == 1
    api.tokens.token = response.token
    assert api.me().username == "clerk1"
    assert [d.number for d in api.districts()] == list(range(1, 16))


def test_wrong_password_then_lock_out_then_release(api, manual_clock):
    for _ in range(4):
        with pytest.raises(Unauthorized) as info:
            api.login("clerk3", "nope")
        assert info.value.code == "invalid_credentials" and info.value.field == "password"
        assert "نادرست" in info.value.text
    with pytest.raises(Unauthorized):
        api.login("clerk3", "nope")
    with pytest.raises(ValidationFailed) as info:  # now locked, even with the right password
        api.login("clerk3", "amoozesh-3")
    assert info.value.status == 429 and info.value.code == "login_locked" and info.value.retry_after == 300
    manual_clock.advance(301)
    assert api.login("clerk3", "amoozesh-3").token


def test_token_expires_and_logout_revokes(signed_in, manual_clock):
    manual_clock.advance(8 * 3600 + 1)
    with pytest.raises(Unauthorized) as info:
        signed_in.me()
    assert info.value.code == "token_expired"
    signed_in.tokens.token = signed_in.login("clerk1", "amoozesh-1").token
    signed_in.logout()
    with pytest.raises(Unauthorized):
        signed_in.me()


def test_everything_but_health_and_login_needs_a_token(api):
    with pytest.raises(Unauthorized):
        api.request_otp(*NEW)
    with pytest.raises(Unauthorized):
        api.training_sms()


# --- consent by one-time code ---------------------------------------------------------------------------
def test_otp_validation_reports_both_fields(signed_in):
    with pytest.raises(ValidationFailed) as info:
        signed_in.request_otp("1234567890", "0912")
    assert {p.field for p in info.value.problems} == {"national_code", "mobile"}
    assert all(re.search(r"[\u0600-\u06ff]", p.message) for p in info.value.problems)


def test_registered_mobile_must_match(signed_in):
    with pytest.raises(ValidationFailed) as info:
        signed_in.request_otp(SEEDED[0], "09120000000")
    assert info.value.code == "mobile_mismatch" and info.value.field == "mobile"


def test_right_code_grants_consent_and_opens_the_file(signed_in, sandbox):
    challenge = signed_in.request_otp("۰۴۹۹۳۷۰۸۹۹", "+989131234567")
    assert challenge.masked_mobile == "0913***4567" and challenge.attempts_left == 3
    grant = signed_in.verify_otp(challenge.challenge_id, last_code(sandbox, SEEDED[1]))
    assert grant.national_code == SEEDED[0] and grant.efile.last_name == "کریمی"
    with pytest.raises(ValidationFailed) as info:  # a code works once
        signed_in.verify_otp(challenge.challenge_id, last_code(sandbox, SEEDED[1]))
    assert info.value.code == "otp_used"


def test_three_wrong_codes_lock_for_sixty_seconds(signed_in, sandbox, manual_clock):
    challenge = signed_in.request_otp(*NEW)
    right = last_code(sandbox, NEW[1])
    wrong = "000000" if right != "000000" else "111111"
    for left in (2, 1):
        with pytest.raises(ValidationFailed) as info:
            signed_in.verify_otp(challenge.challenge_id, wrong)
        assert info.value.code == "otp_invalid" and to_ascii_digits(str(left)) in to_ascii_digits(info.value.text)
    with pytest.raises(ValidationFailed) as info:
        signed_in.verify_otp(challenge.challenge_id, wrong)
    assert info.value.code == "otp_locked" and info.value.retry_after == 60
    with pytest.raises(ValidationFailed) as info:  # even the right code waits
        signed_in.verify_otp(challenge.challenge_id, right)
    assert info.value.code == "otp_locked"
    manual_clock.advance(61)
    assert signed_in.verify_otp(challenge.challenge_id, right).consent_id


def test_code_expires_after_two_minutes(signed_in, sandbox, manual_clock):
    challenge = signed_in.request_otp(*NEW)
    manual_clock.advance(121)
    with pytest.raises(ValidationFailed) as info:
        signed_in.verify_otp(challenge.challenge_id, last_code(sandbox, NEW[1]))
    assert info.value.code == "otp_expired" and info.value.status == 410


def test_resend_waits_replaces_the_code_and_is_limited(signed_in, sandbox, manual_clock):
    challenge = signed_in.request_otp(*NEW)
    first = last_code(sandbox, NEW[1])
    with pytest.raises(ValidationFailed) as info:
        signed_in.resend_otp(challenge.challenge_id)
    assert info.value.code == "otp_resend_too_soon" and 0 < info.value.retry_after <= 60
    for n in range(3):
        manual_clock.advance(61)
        again = signed_in.resend_otp(challenge.challenge_id)
        assert again.resends_left == 2 - n
    manual_clock.advance(61)
    with pytest.raises(ValidationFailed) as info:
        signed_in.resend_otp(challenge.challenge_id)
    assert info.value.code == "otp_resend_limit"
    newest = last_code(sandbox, NEW[1])
    if newest != first:
        with pytest.raises(ValidationFailed):
            signed_in.verify_otp(challenge.challenge_id, first)
    assert signed_in.verify_otp(challenge.challenge_id, newest).consent_id


def test_too_many_challenges_per_hour(signed_in, manual_clock):
    for _ in range(6):
        signed_in.request_otp(*NEW)
    with pytest.raises(ValidationFailed) as info:
        signed_in.request_otp(*NEW)
    assert info.value.code == "otp_rate_limited" and info.value.status == 429
    manual_clock.advance(3601)
    assert signed_in.request_otp(*NEW).challenge_id


def test_another_operator_cannot_use_my_challenge(signed_in, sandbox):
    challenge = signed_in.request_otp(*NEW)
    other = KioskApi(ApiSession(sandbox.url, get_retries=0))
    token = other.login("clerk8", "amoozesh-8").token
    other.session.token_provider = lambda: token
    with pytest.raises(ValidationFailed) as info:
        other.verify_otp(challenge.challenge_id, last_code(sandbox, NEW[1]))
    assert info.value.status == 404


# --- electronic file --------------------------------------------------------------------------------
def test_file_needs_a_valid_consent_for_that_citizen(signed_in, sandbox, manual_clock):
    grant = consent_for(signed_in, sandbox, SEEDED)
    assert signed_in.get_efile(SEEDED[0], grant.consent_id).file_number
    with pytest.raises(ValidationFailed) as info:
        signed_in.get_efile("1234567891", grant.consent_id)
    assert info.value.status == 403
    with pytest.raises(ValidationFailed):
        signed_in.get_efile(SEEDED[0], "made-up")
    manual_clock.advance(31 * 60)
    with pytest.raises(ValidationFailed) as info:
        signed_in.get_efile(SEEDED[0], grant.consent_id)
    assert info.value.code == "consent_required"


def test_create_update_and_lost_update_protection(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox)
    assert grant.efile is None
    with pytest.raises(ValidationFailed) as info:
        signed_in.get_efile(NEW[0], grant.consent_id)
    assert info.value.code == "efile_not_found"
    with pytest.raises(ValidationFailed) as info:
        signed_in.create_efile(fields(first_name="", postal_code="12", district=0), grant.consent_id)
    assert {p.field for p in info.value.problems} == {"first_name", "postal_code", "district"}

    created = signed_in.create_efile(fields(first_name="علي"), grant.consent_id)
    assert created.first_name == "علی" and created.mobile == NEW[1] and created.version == 1
    assert re.fullmatch(r"\d{4}-03-\d{6}", created.file_number)
    with pytest.raises(ValidationFailed) as info:
        signed_in.create_efile(fields(), grant.consent_id)
    assert info.value.code == "efile_exists" and info.value.status == 409

    updated = signed_in.update_efile(NEW[0], EFileUpdate(**fields(district=5).model_dump(), version=1),
                                     grant.consent_id)
    assert updated.version == 2 and updated.district == 5 and updated.file_number == created.file_number
    with pytest.raises(ValidationFailed) as info:  # someone edited version 1 meanwhile
        signed_in.update_efile(NEW[0], EFileUpdate(**fields(district=7).model_dump(), version=1), grant.consent_id)
    assert info.value.code == "efile_stale"


def test_birth_date_in_the_future_is_refused_by_the_server(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox)
    with pytest.raises(ValidationFailed) as info:
        signed_in.create_efile(fields(birth_date=dt.date(2100, 1, 1)), grant.consent_id)
    assert info.value.field == "birth_date"


def test_history_is_append_only(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox)
    signed_in.create_efile(fields(), grant.consent_id)
    with sandbox.db.tx() as c:
        actions = [r[0] for r in c.execute("SELECT action FROM audit ORDER BY id")]
        assert actions[-3:] == ["otp_requested", "consent_granted", "efile_created"]
        assert not any(NEW[0] in r[0] for r in c.execute("SELECT subject FROM audit"))  # masked
    with pytest.raises(sqlite3.DatabaseError):
        with sandbox.db.tx() as c:
            c.execute("DELETE FROM audit")


# --- idempotency ----------------------------------------------------------------------------------------
def test_a_repeated_request_returns_the_first_answer(signed_in, sandbox):
    key = str(uuid.uuid4())
    first = signed_in.request_otp(*NEW, idempotency_key=key)
    again = signed_in.request_otp(*NEW, idempotency_key=key)
    assert again == first
    with sandbox.db.tx() as c:
        assert c.execute("SELECT COUNT(*) FROM otp_challenges").fetchone()[0] == 1
        assert c.execute("SELECT COUNT(*) FROM sms_inbox WHERE mobile=?", (NEW[1],)).fetchone()[0] == 1


def test_a_repeated_file_creation_creates_one_file(signed_in, sandbox):
    grant = consent_for(signed_in, sandbox)
    key = str(uuid.uuid4())
    a = signed_in.create_efile(fields(), grant.consent_id, idempotency_key=key)
    b = signed_in.create_efile(fields(), grant.consent_id, idempotency_key=key)
    assert a == b


def test_a_key_reused_for_another_request_is_refused(signed_in):
    key = str(uuid.uuid4())
    signed_in.request_otp(*NEW, idempotency_key=key)
    with pytest.raises(ValidationFailed) as info:
        signed_in.request_otp(*SEEDED, idempotency_key=key)
    assert info.value.code == "idempotency_key_reused"


def test_refusals_are_replayed_too(signed_in, sandbox):
    challenge = signed_in.request_otp(*NEW)
    key = str(uuid.uuid4())
    for _ in range(2):
        with pytest.raises(ValidationFailed) as info:
            signed_in.verify_otp(challenge.challenge_id, "999999" if last_code(sandbox, NEW[1]) != "999999"
                                 else "888888", idempotency_key=key)
        assert "۲" in info.value.text  # the same answer: one failure counted, not two


# --- training inbox ----------------------------------------------------------------------------------
def test_training_inbox(signed_in, sandbox):
    signed_in.request_otp(*NEW)
    messages = signed_in.training_sms(NEW[1])
    assert len(messages) == 1 and "شهرداری اصفهان" in messages[0].text
    assert signed_in.training_sms(NEW[1], after_id=messages[0].id) == []


def test_live_server_has_no_training_inbox(tmp_path, manual_clock):
    server = SandboxServer(tmp_path / "live.sqlite3", clock=manual_clock, settings=SandboxSettings(training=False))
    server.start()
    try:
        api = KioskApi(ApiSession(server.url, get_retries=0))
        token = api.login("clerk1", "amoozesh-1").token
        api.session.token_provider = lambda: token
        assert api.health().training is False
        with pytest.raises(ValidationFailed) as info:
            api.training_sms()
        assert info.value.code == "training_only"
    finally:
        server.close()
