"""The one rule for idempotency keys (kiosk/api_client/keys.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from kiosk.api_client.errors import OfflineError, OutcomeUnknown, ServerError, Unauthorized, ValidationFailed
from kiosk.api_client.keys import KEY_DIGITS, Intent, one_off_key, reference

payloads = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                    max_size=4), max_leaves=12)


@given(payloads)
def test_the_same_payload_always_has_the_same_key(payload):
    intent = Intent("pay")
    assert intent.key(payload) == intent.key(payload)
    assert len(intent.key(payload)) == KEY_DIGITS and intent.key(payload).isdigit()


@given(payloads, payloads)
def test_a_changed_payload_never_reuses_a_key(a, b):
    intent = Intent("pay")
    if intent.key(a) == intent.key(b):
        from kiosk.api_client.keys import canonical

        assert canonical(a) == canonical(b)


def test_key_order_and_spacing_do_not_change_a_key_and_actions_are_apart():
    intent = Intent("report")
    assert intent.key({"a": 1, "b": [1, 2]}) == intent.key({"b": [1, 2], "a": 1})
    assert Intent("report", b"s" * 16).key({"a": 1}) != Intent("response", b"s" * 16).key({"a": 1})
    assert Intent("report").key({"a": 1}) != Intent("report").key({"a": 1})  # two forms: two requests


def test_an_intent_from_a_seed_is_the_same_in_every_process():
    assert Intent.from_seed("upload", "job-1").key({"create": 0}) == Intent.from_seed("upload", "job-1").key(
        {"create": 0})
    assert Intent.from_seed("upload", "job-1").key() != Intent.from_seed("upload", "job-2").key()


@pytest.mark.parametrize("outcome,renewed", [
    (None, True),
    (ValidationFailed("x", translatable=False, status=422, code="otp_invalid"), True),
    (ValidationFailed("x", translatable=False, status=429, code="otp_rate_limited"), False),
    (ValidationFailed("x", translatable=False, status=409, code="request_in_progress"), False),
    (OutcomeUnknown(), False),
    (OfflineError(), False),
    (ServerError("x", translatable=False, status=503), False),
    (Unauthorized("x", translatable=False, status=401), False),
    (KeyError("a bug"), False),
])
def test_only_a_success_or_a_refusal_concludes_an_intent(outcome, renewed):
    intent = Intent("efile_save")
    before = intent.key({"n": 1})
    intent.settle(outcome)
    assert (intent.key({"n": 1}) != before) is renewed


def test_one_off_keys_and_references():
    keys = {one_off_key() for _ in range(5000)}
    assert len(keys) == 5000 and all(len(k) == KEY_DIGITS and k.isdigit() for k in keys)
    assert reference("12345678901234567890") == "1234-5678-9012-3456-7890"
