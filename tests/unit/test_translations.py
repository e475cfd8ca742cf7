"""The Persian translation is complete, keeps every {placeholder}, and matches the source code."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.paths import translation_file

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "translations" / "fa" / "kiosk_fa.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def messages(path: Path):
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            yield name, m.findtext("source"), m.find("translation")


def test_every_string_is_translated_with_the_same_placeholders():
    problems = []
    for ctx, source, tr in messages(TS):
        kind = tr.get("type")
        if kind in ("unfinished", "obsolete", "vanished") or not (tr.text or "").strip():
            problems.append(f"{ctx}: untranslated: {source!r}")
            continue
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(tr.text)):
            problems.append(f"{ctx}: placeholders differ: {source!r} -> {tr.text!r}")
        if re.search(r"[A-Za-z]{4,}", tr.text) and not re.search(r"[\u0600-\u06ff]", tr.text):
            problems.append(f"{ctx}: not Persian: {tr.text!r}")
    assert not problems, "\n".join(problems)


def test_translation_file_matches_the_source_code(tmp_path):
    """Run lupdate on a copy: a string added to the code and not to the .ts shows up as unfinished."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    copy = tmp_path / "kiosk_fa.ts"
    shutil.copy(TS, copy)
    sources = [str(p) for p in sorted((ROOT / "kiosk").rglob("*.py"))]
    subprocess.run([str(lupdate), "-locations", "none", "-no-obsolete", *sources, "-ts", str(copy)],
                   check=True, capture_output=True)
    before = {(c, s) for c, s, _ in messages(TS)}
    after = {(c, s) for c, s, t in messages(copy) if t.get("type") not in ("obsolete", "vanished")}
    assert after - before == set(), "strings missing from the .ts: run scripts/i18n.sh and translate them"
    assert before - after == set(), "the .ts has strings the code no longer uses: run scripts/i18n.sh"


def test_compiled_translation_loads(qapp):
    from PySide6.QtCore import QTranslator

    qm = translation_file("fa")
    assert qm.exists(), "scripts/setup.sh compiles it"
    tr = QTranslator()
    assert tr.load(str(qm))
    assert tr.translate("SignInPage", "Sign in") == "ورود"


def test_server_catalog_reads_the_same_source():
    from kiosk.domain.identifiers import NATIONAL_CODE_LENGTH
    from kiosk.sandbox.i18n import persian

    text = persian().translate("Validation", NATIONAL_CODE_LENGTH.message)
    assert text.startswith("کد ملی ۱۰ رقم دارد")


@pytest.mark.parametrize("ctx", ["Validation", "Sandbox", "ApiClient"])
def test_contexts_shared_with_non_qt_code_exist(ctx):
    assert any(c == ctx for c, _s, _t in messages(TS))


def test_no_translatable_call_hides_inside_an_f_string():
    """lupdate does not look inside f-strings: a self.tr() there would stay English."""
    offenders = []
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""\bf["'][^"']*\{[^}]*\.tr\(""", line):
                offenders.append(f"{path.name}:{n}")
    assert not offenders, offenders


# One word for each thing (issue 15): the citizen's electronic file, a case, an uploaded file, the desk, the
# one-time code.
GLOSSARY_EXEMPT = {"Conformance", "ConformanceRun", "Cli"}  # the developers' kit and the command line


def _glossary_problems():
    problems = []
    for ctx, source, tr in messages(TS):
        if ctx in GLOSSARY_EXEMPT or not tr.text:
            continue
        text = tr.text
        efile = re.search(r"\b(e-file|electronic file)", source, re.I)
        if efile and "پروندهٔ الکترونیکی" not in text:
            problems.append(f"{ctx}: an e-file is «پروندهٔ الکترونیکی»: {source!r} -> {text!r}")
        if re.search(r"(?<![-\w])files?\b", re.sub(r"(e-file|electronic file)s?", "", source, flags=re.I)) \
                and not re.search(r"\bcase", source, re.I) and "پرونده" in text.replace("پروندهٔ الکترونیکی", ""):
            problems.append(f"{ctx}: an uploaded file is «فایل», not «پرونده»: {source!r} -> {text!r}")
        if re.search(r"پرونده\s*الکترونیک(?!ی)|پروندهٔ\s*الکترونیک(?!ی)|پرونده الکترونیکی", text):
            problems.append(f"{ctx}: write «پروندهٔ الکترونیکی»: {text!r}")
        if "باجه" in text or "کیوسک" in text:
            problems.append(f"{ctx}: the desk is «میز خدمت» and the program «پیشخوان», not «باجه» or «کیوسک»: "
                            f"{text!r}")
        if re.search(r"کد\s*تأیید|کد\s*تایید|رمز\s*یک|یک\s*‌?\s*بارمصرف|یکبار", text):
            problems.append(f"{ctx}: the code sent by SMS is «کد یک‌بار مصرف»: {text!r}")
        if re.search(r"\bcase number\b", source, re.I) and "شمارهٔ پرونده" not in text:
            problems.append(f"{ctx}: a case number is «شمارهٔ پرونده»: {source!r} -> {text!r}")
        if re.search(r"\bfile number\b", source, re.I) and "شمارهٔ پروندهٔ الکترونیکی" not in text:
            problems.append(f"{ctx}: an e-file number is «شمارهٔ پروندهٔ الکترونیکی»: {source!r} -> {text!r}")
    return problems


def test_one_word_for_each_thing():
    problems = _glossary_problems()
    assert not problems, "\n".join(problems)


def test_the_training_servers_own_words_follow_the_glossary():
    """What the sandbox says comes from its data files (stage texts, services, zones), not from the .ts: the
    clerk reads both on one screen."""
    root = Path(__file__).resolve().parents[2] / "resources" / "sandbox"
    problems = []
    for path in sorted(root.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        for line_no, line in enumerate(text.splitlines(), 1):
            if "باجه" in line or "کیوسک" in line:
                problems.append(f"{path.name}:{line_no}: the desk is «میز خدمت», the program «پیشخوان»")
            if re.search(r"پرونده\s*الکترونیک(?!ی)|پروندهٔ\s*الکترونیک(?!ی)|پرونده الکترونیکی", line):
                problems.append(f"{path.name}:{line_no}: write «پروندهٔ الکترونیکی»")
    assert not problems, "\n".join(problems)
