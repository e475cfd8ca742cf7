"""Seals that cannot be bent: `kiosk verify` on any input, canonical encodings only, key windows both
ways, revocation lists, trust only from the administrator, and the printed text held against the seal."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import os
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.contract.seal import _b64, canonical, revocation_payload
from kiosk.platform import acl_admin_only, posix_admin_only
from kiosk.printing.trust import NOT_ADMINS, load_trust
from kiosk.printing.verify import (TEXT_AGREES, TEXT_NOT_CHECKED, check_document, compare_printed, describe,
                                   read_pdf, verify)
from kiosk.sandbox.seal import Sealer, load_sealer
from tests.printing_samples import AT, samples

LIVE_SEED = bytes(range(32))
REVOKER_SEED = bytes(range(1, 33))
LIVE = Sealer("isfahan-2026", LIVE_SEED, training=False)
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def public_b64(seed: bytes) -> str:
    raw = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def key_entry(key_id="isfahan-2026", seed=LIVE_SEED, **extra):
    return {"id": key_id, "public_key": public_b64(seed), "training": False, **extra}


def signed_revocations(entries, signer="isfahan-revocation", seed=REVOKER_SEED):
    listing = {"issued": "2026-12-01", "revoked": entries}
    signature = Ed25519PrivateKey.from_private_bytes(seed).sign(revocation_payload(listing))
    return {"list": listing, "signer": signer, "signature": _b64(signature)}


def trust_in(folder, keys, revocations=None, check_admin=False):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keys.json").write_text(json.dumps({"keys": keys}), encoding="utf-8")
    if revocations is not None:
        (folder / "revocations.json").write_text(json.dumps(revocations), encoding="utf-8")
    return load_trust(folder, check_admin=check_admin)


@pytest.fixture
def live(tmp_path):
    return trust_in(tmp_path / "etc", [key_entry()])


def permit_seal(sealer=LIVE, date=AT, **figures):
    return sealer.seal("permit", "1405-08-00001", case="14050800001", parcel="8-15-30-0-0-0", holder="زهرا کریمی",
                       figures=figures or {"floors": "3"}, date=date)


# --- any input, never a traceback ---------------------------------------------------------------------------
def _pdf_and_png(kind=None, document=None, **extra):
    """A printed document as its PDF and as a grey 150 dpi scan of its first page (the sample permit unless
    a document is given)."""
    from kiosk.printing.documents import make
    from kiosk.printing.pdfium import pdfium

    if document is None:
        kind, document, extra = samples(load_sealer(True))["permit"]
    pdf = make(kind, document, training=True, **extra).pdf
    buffer = io.BytesIO()
    with pdfium() as lib:
        doc = lib.PdfDocument(pdf)
        doc[0].render(scale=150 / 72, grayscale=True).to_pil().save(buffer, "PNG")
        doc.close()
    return pdf, buffer.getvalue()


PDF, PNG = _pdf_and_png()


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000),
                 st.integers(0, len(PDF) - 1).map(lambda n: PDF[:n]),
                 st.integers(0, len(PNG) - 1).map(lambda n: PNG[:n]),
                 st.tuples(st.integers(0, len(PDF) - 1), st.binary(min_size=1, max_size=40)).map(
                     lambda t: PDF[:t[0]] + t[1] + PDF[t[0] + len(t[1]):])))
def test_any_input_is_a_verdict_never_an_exception(data):
    verdict = check_document(data)
    sentence, _rows = describe(verdict)
    assert sentence
    if not verdict.ok:
        assert verdict.exit_code == 2


@pytest.mark.parametrize("argument", ["IK1." + "A" * 5000, "x" * 5000, "-", "/nonexistent/permit.pdf", "a\tb\x01"])
def test_kiosk_verify_exits_2_with_a_persian_sentence_on_garbage(tmp_path, argument):
    stdin = PDF[: len(PDF) // 2]  # for "-": half a PDF on standard input
    run = subprocess.run([sys.executable, "-m", "kiosk", "verify", argument], input=stdin, capture_output=True,
                         timeout=120)
    assert run.returncode == 2, run.stderr.decode()
    assert b"Traceback" not in run.stderr
    text = run.stdout.decode("utf-8")
    assert any("\u0600" <= ch <= "\u06ff" for ch in text), text


def test_kiosk_verify_reads_a_pdf_a_picture_and_standard_input(tmp_path):
    (tmp_path / "permit.pdf").write_bytes(PDF)
    (tmp_path / "scan.png").write_bytes(PNG)
    for args, stdin in ((["permit.pdf"], b""), (["scan.png"], b""), (["-"], PNG)):
        run = subprocess.run([sys.executable, "-m", "kiosk", "verify", *args], input=stdin, capture_output=True,
                             cwd=tmp_path, timeout=120, env={**os.environ, "PYTHONPATH": os.getcwd()})
        assert run.returncode == 1, (args, run.stdout.decode(), run.stderr.decode())  # a training document


# --- canonical encodings only ---------------------------------------------------------------------------
def test_only_the_canonical_text_of_a_seal_verifies(live):
    seal = permit_seal()
    assert verify(seal, live).status == "genuine"
    assert verify(f"  {seal}\r\n", live).ok  # what a scanner adds at the ends
    prefix, key, payload, signature = seal.split(".")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    accepted = [c for c in alphabet if verify(".".join((prefix, key, payload, signature[:-1] + c)), live).ok]
    assert accepted == [signature[-1]]  # a different last character is never the same signature
    accepted = [c for c in alphabet if verify(".".join((prefix, key, payload[:-1] + c, signature)), live).ok]
    assert accepted == [payload[-1]]
    for variant in (seal + "=", seal.replace(".", " .", 1), ".".join((prefix, key, payload + "==", signature)),
                    seal.lower(), seal.replace("IK1", "ik1"), "\u200f" + seal):
        assert not verify(variant, live).ok, variant


def test_a_payload_that_is_not_its_own_canonical_json_is_refused(live):
    fields = {"k": "permit", "n": "1", "c": "", "p": "", "h": "", "f": {}, "d": "2026-11-25", "t": 0}
    key = Ed25519PrivateKey.from_private_bytes(LIVE_SEED)
    for payload in (json.dumps(fields).encode(),  # spaces, key order
                    canonical({**fields, "t": False}), canonical({**fields, "x": "1"}),
                    canonical({**fields, "f": {"floors": 3}})):
        seal = ".".join(("IK1", "isfahan-2026", _b64(payload), _b64(key.sign(payload))))
        assert verify(seal, live).status == "tampered", payload
    good = canonical(fields)
    assert verify(".".join(("IK1", "isfahan-2026", _b64(good), _b64(key.sign(good)))), live).status == "genuine"


# --- key validity both ways, revocation ---------------------------------------------------------------------
def test_key_windows_hold_at_both_ends_and_undated_documents_never_pass_a_retired_key(tmp_path):
    trust = trust_in(tmp_path, [key_entry(**{"from": "2026-03-01", "retired": "2026-12-31"})])
    assert verify(permit_seal(date=dt.date(2026, 6, 1)), trust).status == "genuine"
    assert verify(permit_seal(date=dt.date(2026, 2, 28)), trust).status == "not_yet_valid"
    assert verify(permit_seal(date=dt.date(2027, 1, 1)), trust).status == "retired_key"
    undated = LIVE.seal("permit", "1", figures={"floors": "3"})
    assert verify(undated, trust).status == "retired_key"
    sentence, _ = describe(verify(permit_seal(date=dt.date(2026, 2, 28)), trust))
    assert "isfahan-2026" in sentence
    # The window's days are Iran's: 21:00 UTC on 31 December is 00:30 on 1 January in Isfahan, after the
    # key was retired; 20:00 UTC on 28 February is 23:30 there, still before its first day.
    utc = dt.timezone.utc
    assert verify(permit_seal(date=dt.datetime(2026, 12, 31, 21, 0, tzinfo=utc)), trust).status == "retired_key"
    assert verify(permit_seal(date=dt.datetime(2026, 12, 31, 20, 0, tzinfo=utc)), trust).status == "genuine"
    assert verify(permit_seal(date=dt.datetime(2026, 2, 28, 20, 0, tzinfo=utc)), trust).status == "not_yet_valid"
    assert verify(permit_seal(date=dt.datetime(2026, 2, 28, 20, 31, tzinfo=utc)), trust).status == "genuine"


def test_a_revoked_key_makes_its_documents_revoked_and_cannot_be_brought_back(tmp_path):
    keys = [key_entry(), key_entry("isfahan-revocation", REVOKER_SEED, purpose="revocation")]
    listing = signed_revocations([{"key": "isfahan-2026", "since": "2026-11-20", "reason": "leaked"}])
    trust = trust_in(tmp_path / "a", keys, listing)
    old = permit_seal(date=dt.date(2026, 5, 1))  # even a document dated before the leak: the thief can backdate
    assert verify(old, trust).status == "revoked"
    assert not verify(old, trust).ok and "isfahan-2026" in describe(verify(old, trust))[0]
    # the shipped folder withdraws it, the administrator's later list does not: it stays withdrawn
    shipped = tmp_path / "shipped"
    trust_in(shipped, keys, listing)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "keys.json").write_text("{\"keys\": []}")
    (tmp_path / "b" / "revocations.json").write_text(json.dumps(signed_revocations([])))
    assert verify(old, load_trust(tmp_path / "b", shipped_dir=shipped, check_admin=False)).status == "revoked"


def test_a_revocation_list_signed_by_the_wrong_key_or_changed_is_ignored_and_said(tmp_path):
    keys = [key_entry(), key_entry("isfahan-revocation", REVOKER_SEED, purpose="revocation")]
    by_document_key = signed_revocations([{"key": "isfahan-2026"}], signer="isfahan-2026", seed=LIVE_SEED)
    trust = trust_in(tmp_path / "a", keys, by_document_key)
    assert verify(permit_seal(), trust).status == "genuine" and trust.problems
    changed = signed_revocations([{"key": "other"}])
    changed["list"]["revoked"] = [{"key": "isfahan-2026"}]
    trust = trust_in(tmp_path / "b", keys, changed)
    assert verify(permit_seal(), trust).status == "genuine" and trust.problems
    # a revocation key signs lists, never documents
    by_revoker = Sealer("isfahan-revocation", REVOKER_SEED, training=False)
    assert verify(permit_seal(by_revoker), trust).status == "unknown_key"
    # the public training revocation key cannot withdraw a live key
    training_revoker = [key_entry(), key_entry("training-revocation", REVOKER_SEED, purpose="revocation",
                                              training=True)]
    trust = trust_in(tmp_path / "c", training_revoker,
                     signed_revocations([{"key": "isfahan-2026"}], signer="training-revocation"))
    assert verify(permit_seal(), trust).status == "genuine"


# --- trust only from the administrator -----------------------------------------------------------------------
def test_no_environment_variable_adds_a_key(tmp_path, monkeypatch):
    trust_in(tmp_path, [key_entry()])
    monkeypatch.setenv("KIOSK_TRUSTED_KEYS", str(tmp_path / "keys.json"))
    assert verify(permit_seal()).status == "unknown_key"


@pytest.mark.skipif(not ROOT, reason="the ownership rule is checked with files root and others own (./test runs as root)")
def test_an_administrators_file_that_others_can_write_is_not_read(tmp_path):
    folder = tmp_path / "etc"
    os.chmod(tmp_path, 0o755)
    trust = trust_in(folder, [key_entry()], check_admin=True)
    assert verify(permit_seal(), trust).status == "genuine"  # root's 0644 file in root's folders: read
    os.chmod(folder / "keys.json", 0o666)
    trust = load_trust(folder)
    assert verify(permit_seal(), trust).status == "unknown_key"
    assert trust.problems[0][0] == NOT_ADMINS and "keys.json" in describe(verify(permit_seal(), trust))[0]
    os.chmod(folder / "keys.json", 0o644)
    os.chown(folder / "keys.json", 1000, 1000)  # a clerk's file
    assert verify(permit_seal(), load_trust(folder)).status == "unknown_key"
    os.chown(folder / "keys.json", 0, 0)
    os.chmod(folder, 0o777)  # a folder anyone can write: anyone could have replaced the file
    assert verify(permit_seal(), load_trust(folder)).status == "unknown_key"


class FakeStat:
    def __init__(self, uid, mode):
        self.st_uid, self.st_mode = uid, mode


def test_the_posix_rule_walks_every_folder_up_to_the_root():
    import stat

    def fake(table):
        return lambda p: table.get(str(p), FakeStat(0, stat.S_IFDIR | 0o755))

    assert posix_admin_only("/etc/isfahan-kiosk/keys.json", stat=fake({}))
    assert not posix_admin_only("/etc/isfahan-kiosk/keys.json",
                                stat=fake({"/etc/isfahan-kiosk": FakeStat(1000, stat.S_IFDIR | 0o755)}))
    assert not posix_admin_only("/etc/isfahan-kiosk/keys.json", stat=fake({"/etc": FakeStat(0, stat.S_IFDIR | 0o777)}))
    assert posix_admin_only("/tmp/root-made/keys.json",
                            stat=fake({"/tmp": FakeStat(0, stat.S_IFDIR | stat.S_ISVTX | 0o777)}))
    assert not posix_admin_only("/etc/isfahan-kiosk/keys.json",
                                stat=fake({"/etc/isfahan-kiosk/keys.json": FakeStat(0, stat.S_IFREG | 0o664)}))


def test_the_windows_rule_on_owner_and_dacl():
    admins, system, users = "S-1-5-32-544", "S-1-5-18", "S-1-5-32-545"
    read_execute, full, write = 0x1200A9, 0x1F01FF, 0x2
    assert acl_admin_only(admins, [(0, 0, full, admins), (0, 0, full, system), (0, 0, read_execute, users)])
    assert not acl_admin_only(users, [(0, 0, full, admins)])  # a clerk created the folder
    assert not acl_admin_only(admins, [(0, 0, full, admins), (0, 0, write, users)])  # ProgramData's default
    assert acl_admin_only(admins, [(0, 0x08, full, "S-1-3-0"), (0, 0, read_execute, users)])  # inherit-only
    assert not acl_admin_only(admins, None)  # a NULL DACL: everyone may do everything
    assert acl_admin_only(admins, [(1, 0, full, users), (0, 0, full, admins)])  # a deny entry grants nothing


def test_the_system_folder_is_per_os():
    from kiosk.platform import system_config_dir

    assert str(system_config_dir("linux", {})) == "/etc/isfahan-kiosk"
    assert str(system_config_dir("win32", {"ProgramData": r"D:\ProgramData"})).replace("\\", "/") \
        == "D:/ProgramData/isfahan-kiosk"
    assert str(system_config_dir("win32", {})).replace("\\", "/").endswith("ProgramData/isfahan-kiosk")


# --- the printed text against the seal ---------------------------------------------------------------------------
def sealed_like_the_sandbox(name):
    """A sample sealed with the figures the sandbox seals for its kind (kiosk/sandbox)."""
    sealer = load_sealer(True)
    kind, subject, extra = samples(sealer)[name]
    figures = {"slip": {"payment_id": subject.payment_id if name == "slip" else "", "amount": "77500000"},
               "receipt": {"amount": "77500000", "bill_id": getattr(subject, "bill_id", ""),
                           "payment_id": getattr(subject, "payment_id", ""), "channel": "counter_pos"},
               "plan_order": {"floors": "3", "floor_area": "150", "units": "3", "use": "مسکونی"},
               "permit": {"floors": "3", "units": "3", "total_area": "440.0", "height": "10.0",
                          "valid_until": "1407/09/04"},
               "certificate": {"permit_number": "1405-08-00001", "built_area": "475", "violation": "yes",
                               "fine": "1400000000"},
               "delay_report": {"stage": "استعلام میراث فرهنگی", "days_overdue": "4", "kind": "delay"}}[kind]
    number = getattr(subject, "number", None) or getattr(subject, "receipt_number", None) \
        or getattr(subject, "report_number", None) or subject.bill_id
    holder = "" if kind in ("slip", "delay_report") else "زهرا کریمی"
    seal = sealer.seal(kind, number, case="14050800001", parcel="8-15-30-0-0-0", holder=holder, date=AT,
                       figures=figures)
    return kind, subject.model_copy(update={"seal": seal}), extra


DOCUMENTS = [("slip", "A5"), ("slip", "thermal"), ("receipt", "A5"), ("receipt", "thermal"), ("plan_order", "A4"),
             ("permit", "A4"), ("certificate", "A4"), ("delay_report", "A5"), ("delay_report", "thermal")]


@pytest.mark.parametrize("name,paper", DOCUMENTS)
def test_every_genuine_document_agrees_with_its_seal(name, paper):
    from kiosk.printing.documents import make

    kind, subject, extra = sealed_like_the_sandbox(name)
    verdict = check_document(make(kind, subject, training=True, paper=paper, **extra).pdf)
    assert verdict.status == "training" and (TEXT_AGREES, {}) in verdict.notes, verdict


FORGERIES = [
    ("permit", {"data": {"floors": "12"}}, "floors"),
    ("permit", {"data": {"total_area": "1440.0"}}, "total_area"),
    ("permit", {"data": {"holder": "رضا کریمی"}}, "h"),
    ("permit", {"data": {"renovation_code": "8-15-31-0-0-0"}}, "p"),
    ("permit", {"data": {"valid_until": "1409/09/04"}}, "valid_until"),
    ("permit", {"number": "1405-08-00002"}, "n"),
    ("plan_order", {"data": {"use": "تجاری"}}, "use"),
    ("certificate", {"data": {"violation": "no"}}, "violation"),
    ("certificate", {"data": {"fine": "14000000"}}, "fine"),
    ("receipt", {"amount": 775_000_000}, "amount"),
    ("receipt", {"channel": "bank"}, "channel"),
    ("delay_report", {"days_overdue": 40}, "report"),
]


@pytest.mark.parametrize("name,change,field", FORGERIES, ids=[f"{n}-{f}" for n, _c, f in FORGERIES])
def test_a_genuine_seal_on_changed_paper_is_not_genuine(name, change, field):
    from kiosk.printing.documents import make

    kind, subject, extra = sealed_like_the_sandbox(name)
    if "data" in change:
        change = {"data": {**subject.data, **change["data"]}}
    forged = make(kind, subject.model_copy(update=change), training=True, **extra).pdf
    verdict = check_document(forged)
    assert verdict.status == "text_differs" and field in verdict.differs, verdict
    assert verdict.exit_code == 2
    assert "متن چاپ‌شده" in describe(verdict)[0] or verdict.status == "text_differs"


def test_a_row_left_out_is_a_difference_and_a_text_layer_that_is_not_ours_is_not_compared():
    fields = verify(sealed_like_the_sandbox("permit")[1].seal).fields
    from kiosk.printing.documents import T

    page = "\n".join([T("Isfahan Municipality"), f"{T('Number')} ۱۴۰۵-۰۸-۰۰۰۰۱"])
    assert "floors" in compare_printed(fields, page)
    assert compare_printed(fields, "%%garbled glyphs%%") is None
    assert compare_printed(fields, None) is None


def test_an_embedded_seal_that_is_not_the_printed_code_is_caught():
    kind, subject, extra = sealed_like_the_sandbox("permit")
    from kiosk.printing.documents import _build
    from kiosk.printing.pdf import render

    other = sealed_like_the_sandbox("plan_order")[1].seal  # printed QR: the permit's; metadata: another seal
    swapped = render(_build(kind, subject, **extra), "A4", training=True, title="x", seal=other)
    assert len(set(read_pdf(swapped).seals)) == 2
    assert check_document(swapped).status == "text_differs"


def test_a_picture_of_the_paper_verifies_from_its_qr_and_says_the_text_was_not_compared():
    verdict = check_document(PNG)
    assert verdict.status == "training" and (TEXT_NOT_CHECKED, {}) in verdict.notes
    from PIL import Image

    image = Image.open(io.BytesIO(PNG))
    top_cut = image.crop((0, image.height // 3, image.width, image.height))  # the QR is in the header
    buffer = io.BytesIO()
    top_cut.save(buffer, "PNG")
    assert check_document(buffer.getvalue()).status == "no_code"


def test_the_issue_date_is_the_day_on_irans_clock_as_on_paper(tmp_path):
    """Sealed at 20:41 UTC = 00:11 the next day in Iran: the check showed the UTC day, a day before the paper."""
    from kiosk.domain.jalali import format_jalali_datetime

    trust = trust_in(tmp_path, [key_entry()])
    late = dt.datetime(2026, 12, 7, 20, 41, tzinfo=dt.timezone.utc)
    _sentence, rows = describe(verify(permit_seal(date=late), trust))
    shown = dict(rows)
    date_row = next(value for name, value in rows if "تاریخ" in name)
    assert date_row == "۱۴۰۵/۰۹/۱۷" and format_jalali_datetime(late).startswith(date_row), shown
    _sentence, rows = describe(verify(permit_seal(date=dt.date(2026, 12, 7)), trust))
    assert next(value for name, value in rows if "تاریخ" in name) == "۱۴۰۵/۰۹/۱۶"  # a bare date stays itself
