"""The kit's report: every line in Persian and in English, each failure with the ``curl`` line that repeats it.
Also as JSON (``--json``) for a ticket or a dashboard."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field

from kiosk.conformance.checks import CONTEXT, Outcome
from kiosk.conformance.generated import GeneratedResult
from kiosk.domain.digits import to_persian_digits
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.i18n import persian

T_TITLE = QT_TRANSLATE_NOOP("Conformance", "Conformance of a municipal server to the kiosk's contract")
T_SERVER = QT_TRANSLATE_NOOP("Conformance", "Server: {url} (API {version}{training})")
T_TRAINING = QT_TRANSLATE_NOOP("Conformance", ", training")
T_GENERATED = QT_TRANSLATE_NOOP("Conformance", "Generated requests: {requests} over {operations} operations in {seconds} s")
T_SERVER_ERRORS = QT_TRANSLATE_NOOP("Conformance", "Server errors (5xx): {count}")
T_VIOLATIONS = QT_TRANSLATE_NOOP("Conformance", "Answers outside the contract: {count}")
T_RUN_ERRORS = QT_TRANSLATE_NOOP("Conformance", "Requests that could not be sent: {count}")
T_NOT_GENERATED = QT_TRANSLATE_NOOP("Conformance", "Generated requests: not run")
T_BEHAVIOUR = QT_TRANSLATE_NOOP("Conformance", "Behaviour the kiosk relies on:")
T_PASSED = QT_TRANSLATE_NOOP("Conformance", "passed")
T_FAILED = QT_TRANSLATE_NOOP("Conformance", "FAILED")
T_NOT_RUN = QT_TRANSLATE_NOOP("Conformance", "not run")
T_REPEAT = QT_TRANSLATE_NOOP("Conformance", "Repeat with:")
T_TOKENS = QT_TRANSLATE_NOOP(
    "Conformance", "In the curl lines, $KIOSK_TOKEN (and $KIOSK_OTHER_TOKEN, $KIOSK_SUPERVISOR_TOKEN) is a token from "
             "POST /api/v1/auth/login of the same account.")
T_VERDICT_OK = QT_TRANSLATE_NOOP("Conformance", "Verdict: the server conforms; counters may be pointed at it.")
T_VERDICT_BAD = QT_TRANSLATE_NOOP("Conformance", "Verdict: the server does NOT conform; do not point counters at it.")
T_VERDICT_PARTIAL = QT_TRANSLATE_NOOP(
    "Conformance", "Verdict: nothing failed, but some checks did not run; run them before pointing counters at it.")

STATUS_TEXT = {"passed": T_PASSED, "failed": T_FAILED, "not run": T_NOT_RUN}
MARK = {"passed": "✔", "failed": "✘", "not run": "–"}


@dataclass
class Report:
    server: str
    api_version: str
    training: bool
    generated: GeneratedResult | None
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        g = self.generated
        return (any(o.status == "failed" for o in self.outcomes)
                or (g is not None and (g.failures or g.errors)))

    @property
    def complete(self) -> bool:
        return self.generated is not None and all(o.status != "not run" for o in self.outcomes)

    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def to_json(self) -> str:
        data = {"server": self.server, "api_version": self.api_version, "training": self.training,
                "passed": not self.failed, "complete": self.complete,
                "generated": dataclasses.asdict(self.generated) if self.generated else None,
                "checks": [{**dataclasses.asdict(o), "message_en": _render(o.message, o.params, False),
                            "message_fa": _render(o.message, o.params, True)} for o in self.outcomes]}
        if self.generated:
            data["generated"]["server_errors"] = self.generated.server_errors
            data["generated"]["violations"] = self.generated.violations
        return json.dumps(data, ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        out: list[str] = []
        line = out.append
        line(_both(T_TITLE))
        line(_both(T_SERVER, url=self.server, version=self.api_version,
                   training=(T_TRAINING if self.training else "")))
        line("")
        g = self.generated
        if g is None:
            line(_both(T_NOT_GENERATED))
        else:
            line(_both(T_GENERATED, requests=g.requests, operations=g.operations, seconds=round(g.seconds)))
            line("  " + _both(T_SERVER_ERRORS, count=g.server_errors))
            line("  " + _both(T_VIOLATIONS, count=g.violations))
            if g.errors:
                line("  " + _both(T_RUN_ERRORS, count=len(g.errors)))
                out.extend(f"    {e}" for e in g.errors[:20])
            for f in g.failures:
                line(f"  ✘ {f.operation}: {f.title} ({f.count}×, {f.check})")
                line("    " + _both(T_REPEAT))
                out.extend("      " + part for part in f.curl.splitlines())
        line("")
        line(_both(T_BEHAVIOUR))
        for o in self.outcomes:
            line(f"  {MARK[o.status]} {o.id}: {_fa(STATUS_TEXT[o.status])} / {STATUS_TEXT[o.status]}")
            line(f"      {_fa(o.title)}")
            line(f"      {o.title}")
            if o.message:
                line("      " + _render(o.message, o.params, True))
                line("      " + _render(o.message, o.params, False))
            if o.curl:
                line("      " + _both(T_REPEAT))
                out.extend(f"        {c}" for c in o.curl)
        line("")
        if any(o.curl for o in self.outcomes) or (g is not None and g.failures):
            line(_both(T_TOKENS))
        verdict = T_VERDICT_BAD if self.failed else (T_VERDICT_OK if self.complete else T_VERDICT_PARTIAL)
        line(_both(verdict))
        return "\n".join(out) + "\n"


def _fa(text: str) -> str:
    return persian().translate(CONTEXT, text)


def _render(message: str, params: dict, in_persian: bool) -> str:
    if not message:
        return ""
    template = _fa(message) if in_persian else message
    # numbers in Persian digits; text (addresses, codes, a server's own words) as it is
    values = {k: (to_persian_digits(str(v)) if in_persian and _numeric(v) else v) for k, v in params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _numeric(value) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or (isinstance(value, str) and bool(_NUMBERS.fullmatch(value)))


_NUMBERS = re.compile(r"[0-9][0-9 /.]*")


def _both(text: str, **params) -> str:
    fa_params = {k: (_fa(v) if v in (T_TRAINING,) else v) for k, v in params.items()}
    return _render(text, fa_params, True) + "  |  " + _render(text, params, False)
