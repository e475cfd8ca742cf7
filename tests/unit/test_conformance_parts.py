"""The kit's parts that need no server: curl lines, the report, the tus metadata both sides parse."""

from __future__ import annotations

import base64
import json
import shlex
import subprocess

from hypothesis import given, strategies as st

from kiosk.conformance.checks import M_STATUS, Outcome
from kiosk.conformance.generated import Failure, GeneratedResult
from kiosk.conformance.http import curl_line
from kiosk.conformance.report import Report
from kiosk.contract.tus import encode_metadata, parse_metadata
from kiosk.sandbox.tus_rules import metadata_problem


def test_a_curl_line_hides_the_token_behind_a_variable_and_quotes_everything_else():
    line = curl_line("POST", "http://x/api/v1/drafts?a=1&b=2", {
        "Authorization": "Bearer s3cret", "X-Citizen-Consent": "c'1", "Content-Type": "application/json"},
        b'{"note": "it\'s $HOME"}', {"s3cret": "KIOSK_TOKEN"})
    assert "s3cret" not in line and '"Authorization: Bearer $KIOSK_TOKEN"' in line
    words = shlex.split(line.replace('"Authorization: Bearer $KIOSK_TOKEN"', "AUTH"))
    assert words[words.index("--data-binary") + 1] == '{"note": "it\'s $HOME"}'  # no shell expansion
    assert words[-1] == "http://x/api/v1/drafts?a=1&b=2"
    assert "X-Citizen-Consent: c'1" in words


def test_a_binary_body_is_carried_through_base64_and_arrives_byte_for_byte(tmp_path):
    body = bytes(range(256))
    line = curl_line("PATCH", "http://x/u/1", {"Content-Type": "application/offset+octet-stream"}, body)
    assert line.startswith("printf %s ") and "--data-binary @-" in line
    encoded = shlex.split(line.split("|")[0])[2]
    assert base64.b64decode(encoded) == body
    decoded = subprocess.run(line.split("| curl")[0], shell=True, capture_output=True, check=True).stdout
    assert decoded == body


def _report(**kw) -> Report:
    generated = kw.pop("generated", GeneratedResult(requests=51234, operations=46, seconds=812.4))
    return Report("https://staging.example", "0.1.0", False, generated, **kw)


def test_the_report_is_in_persian_and_english_with_persian_digits():
    text = _report(outcomes=[Outcome("errors.shape", "Every error is the contract's ErrorBody, in Persian",
                                     "passed")]).to_text()
    assert "۵۱۲۳۴" in text and "51234" in text
    assert "هر خطا ErrorBody قرارداد است" in text and "Every error is the contract's ErrorBody" in text
    assert "https://staging.example" in text  # addresses are not put into Persian digits
    assert "کارساز با قرارداد سازگار است" in text


def test_a_failure_shows_the_sentence_and_the_line_that_repeats_it():
    failed = Outcome("tus.resume", "An upload resumes from the server's offset", "failed", M_STATUS,
                     {"expected": "204", "status": 500}, ["curl -sS -X PATCH http://x"])
    report = _report(outcomes=[failed])
    text = report.to_text()
    assert "Expected status 204, the server answered 500." in text
    assert "پاسخ با وضعیت ۲۰۴ انتظار می‌رفت؛ کارساز با ۵۰۰ پاسخ داد." in text
    assert "curl -sS -X PATCH http://x" in text and "does NOT conform" in text
    assert report.exit_code() == 1
    data = json.loads(report.to_json())
    assert data["passed"] is False and data["checks"][0]["message_en"].startswith("Expected status 204")


def test_generated_failures_and_unrun_checks_decide_the_verdict():
    broken = GeneratedResult(requests=10, operations=1, failures=[
        Failure("POST /api/v1/quotes", "not_a_server_error", "Server error", 3, "curl -X POST http://x", 500)])
    assert broken.server_errors == 3 and broken.violations == 0
    assert _report(generated=broken).exit_code() == 1
    partial = _report(outcomes=[Outcome("ownership.receipts", "…", "not run", "No supervisor account given "
                                                                              "(--supervisor).")])
    assert partial.exit_code() == 0 and not partial.complete
    assert "some checks did not run" in partial.to_text()
    assert not _report(generated=None).complete


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True), texts, max_size=6))
def test_tus_metadata_encodes_and_parses_back(values):
    assert parse_metadata(encode_metadata(values)) == (values or None)


@given(st.text(max_size=200))
def test_tus_metadata_parsing_never_fails_on_garbage(header):
    parsed = parse_metadata(header)
    assert parsed is None or isinstance(parsed, dict)
    assert isinstance(metadata_problem(header), bool)


def test_metadata_without_a_name_type_or_fingerprint_is_a_problem():
    good = {"filename": "a.pdf", "filetype": "application/pdf", "sha256": "ab" * 32}
    assert not metadata_problem(encode_metadata(good))
    for missing in good:
        assert metadata_problem(encode_metadata({k: v for k, v in good.items() if k != missing}))
    assert metadata_problem(encode_metadata({**good, "sha256": "zz" * 32}))
    assert metadata_problem("filename YS5wZGY=,filename YS5wZGY=")  # a key twice
