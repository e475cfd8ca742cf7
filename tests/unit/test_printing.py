"""Printed documents: Persian shaping and order, wrapping, every layout against its golden image, the
identifier check before printing, and the seal (genuine, tampered, wrong key, unknown key, training)."""

from __future__ import annotations

import base64
import dataclasses
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.printing.pdf import FONT, _fonts
from kiosk.printing.text import visual, width, wrap
from kiosk.printing.trust import load_trust
from kiosk.printing.verify import seal_of_pdf, verify
from kiosk.sandbox.seal import Sealer, load_sealer
from tests import golden
from tests.printing_samples import samples


def test_persian_is_shaped_and_ordered_for_drawing():
    shown = visual("پرونده (۱۲۳) ثبت شد")
    assert "(۱۲۳)" in shown  # digits keep their order and the brackets are mirrored back for RTL
    assert shown.startswith("ﺪﺷ")  # the logical end is drawn first, in its final letter forms
    assert visual("8-15-30-0-0-0") == "8-15-30-0-0-0"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["شهرداری", "اصفهان", "پروانهٔ", "ساختمانی", "۱۴۰۵", "(R2)", "نقشه‌ها", "و"]),
                min_size=1, max_size=40), st.integers(60, 300))
def test_wrapping_keeps_every_word_and_the_width(words, max_width):
    _fonts()
    text = " ".join(words)
    lines = wrap(text, FONT, 10, max_width)
    assert " ".join(lines).split() == words
    for line in lines:
        assert width(line, FONT, 10) <= max_width or " " not in line  # only a lone long word may overflow


@pytest.mark.parametrize("name,paper", golden.CASES, ids=[f"{n}-{p}" for n, p in golden.CASES])
def test_each_document_looks_like_its_golden_image(name, paper):
    from PIL import Image

    image, pdf = golden.render_png(name, paper)
    reference = Image.open(golden.GOLDEN / f"{name}-{paper}.png")
    changed, mean = golden.difference(image, reference)
    assert changed < 0.004 and mean < 2.0, f"{name}-{paper}: {changed:.2%} of pixels differ (mean {mean:.2f})"
    # A resume code is a note for the citizen, a reconciliation slip a note for the supervisor: no seal.
    if name not in ("resume", "reconciliation"):
        assert verify(seal_of_pdf(pdf)).status == "training"


def test_a_slip_that_fails_the_national_rule_is_not_printed():
    from kiosk.printing.documents import NotPrintable, make

    kind, bill, extra = samples()["slip"]
    wrong = bill.model_copy(update={"payment_id": bill.payment_id[:-1] + str((int(bill.payment_id[-1]) + 1) % 10)})
    with pytest.raises(NotPrintable):
        make(kind, wrong, training=True, **extra)


def _key_file(tmp_path, sealer_seed: bytes, key_id: str, training: bool, retired=None):
    public = Ed25519PrivateKey.from_private_bytes(sealer_seed).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    folder = tmp_path / f"etc-{key_id}-{retired}"
    folder.mkdir(exist_ok=True)
    (folder / "keys.json").write_text(json.dumps({"keys": [{"id": key_id, "training": training, "retired": retired,
                                                            "public_key": base64.b64encode(public).decode()}]}))
    return load_trust(folder, check_admin=False)


SEED = bytes(range(32))
LIVE = Sealer("isfahan-test", SEED, training=False)


def test_a_live_document_is_genuine_and_any_changed_character_is_caught(tmp_path):
    keys = _key_file(tmp_path, SEED, "isfahan-test", training=False)
    seal = LIVE.seal("permit", "1405-08-00001", case="14050800001", holder="زهرا کریمی", figures={"floors": 3})
    verdict = verify(seal, keys)
    assert verdict.status == "genuine" and verdict.fields["h"] == "زهرا کریمی"
    assert verify(f"  {seal}\n", keys).ok  # what a scanner adds around it is ignored
    assert verify(seal, keys).fields["f"] == {"floors": "3"}

    @settings(max_examples=150, deadline=None)
    @given(st.integers(0, len(seal) - 1), st.sampled_from("AQgw09_-Z."))
    def one_change(i, ch):
        if seal[i] == ch:
            return
        forged = seal[:i] + ch + seal[i + 1:]
        assert not verify(forged, keys).ok, (i, ch)

    one_change()


def test_wrong_unknown_retired_and_training_keys(tmp_path):
    keys = _key_file(tmp_path, SEED, "isfahan-test", training=False)
    other = Sealer("isfahan-test", bytes(31) + b"\x01", training=False)  # same id, another key: a forger's
    assert verify(other.seal("permit", "1"), keys).status == "tampered"
    stranger = Sealer("elsewhere", SEED, training=False)
    assert verify(stranger.seal("permit", "1"), keys).status == "unknown_key"
    training = load_sealer(True)
    assert verify(training.seal("permit", "1"), load_trust()).status == "training"  # shipped key: training only
    lying = Sealer(training.key_id, training._key.private_bytes(  # training key claiming a live document
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()), training=False)
    assert verify(lying.seal("permit", "1"), load_trust()).status == "tampered"
    retired = _key_file(tmp_path, SEED, "isfahan-test", training=False, retired="2026-01-01")
    import datetime as dt

    assert verify(LIVE.seal("permit", "1", date=dt.date(2026, 6, 1)), retired).status == "retired_key"
    assert verify("https://example.com/not-a-seal", keys).status == "not_a_seal"
    assert dataclasses.asdict(verify("", keys))["status"] == "not_a_seal"


@pytest.mark.skipif(not __import__("shutil").which("zbarimg"), reason="zbarimg (zbar-tools) is installed by ./test")
@pytest.mark.parametrize("name,paper", [("permit", "A4"), ("receipt", "thermal")])
def test_the_printed_qr_reads_back_as_the_seal(tmp_path, name, paper):
    """Printed at 300 dpi (a laser) or 203 dpi (a thermal head), a barcode reader gets the seal back."""
    import subprocess

    _image, pdf = golden.render_png(name, paper)
    (tmp_path / "doc.pdf").write_bytes(pdf)
    dpi = "203" if paper == "thermal" else "300"
    subprocess.run(["pdftoppm", "-r", dpi, "-png", "-singlefile", "-gray", str(tmp_path / "doc.pdf"),
                    str(tmp_path / "page")], check=True)
    read = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "page.png")], capture_output=True, text=True)
    assert read.stdout.strip() == seal_of_pdf(pdf)
    assert verify(read.stdout).status == "training"


def test_pdfium_is_only_ever_entered_through_its_lock():
    """PDFium crashes when two threads call it at once (pypdfium2: "Incompatibility with Threading"); the
    kiosk renders previews, checks seals and reads uploads on worker threads. One door, one lock."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [str(path.relative_to(root)) for folder in ("kiosk", "tests") for path in (root / folder).rglob("*.py")
                 if path.name != "pdfium.py" and path.name != Path(__file__).name
                 and re.search(r"^\s*(import pypdfium2|from pypdfium2)", path.read_text(encoding="utf-8"), re.M)]
    assert not offenders, offenders


def test_page_count_of_a_pdf_and_of_garbage():
    from kiosk.printing.documents import make
    from kiosk.printing.pdfium import page_count
    from kiosk.sandbox.seal import load_sealer
    from tests.printing_samples import samples

    kind, subject, extra = samples(load_sealer(True))["receipt"]
    assert page_count(make(kind, subject, training=True, **extra).pdf) == 1
    assert page_count(b"%PDF-1.4 garbage") is None
