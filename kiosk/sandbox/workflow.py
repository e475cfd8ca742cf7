"""The permit workflow as data, and the engine that moves cases through it.

``resources/sandbox/workflow.json`` lists the stages in order with their published time limits, the
conditions that skip a stage (heritage zone, commercial use, a violation), the simulated agencies (who
answers, after how many days, with which objections under which conditions) and what each answer sets
on the case. Conditions are simpleeval expressions over the case's *facts*:

    heritage, heritage_max_floors, use, floors, floor_area, units, parking, price, permitted_area,
    declared_floors, declared_area, declared_units, height, has_structural_calc, drawing_round,
    designer, supervisor, built_area, violation, fine, attempt, chance

``chance`` is a number in [0, 1) fixed per case, stage and attempt (a hash), so a case replays the same
way; training settings can pin it. Nothing runs in the background: whenever a case is read or acted on,
:meth:`CaseEngine.advance` plays every answer that is due by the case clock, each at the moment it fell
due, so a case left alone for a simulated month shows a month of history with the right dates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from simpleeval import EvalWithCompoundTypes

from kiosk.domain.workflow import deadline_of
from kiosk.paths import resource
from kiosk.sandbox.db import iso as _iso, parse_at as _at

StageKind = Literal["bill", "agency", "rule", "drawings"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Objection(_Data):
    code: str
    when: str
    reason: str
    action: str
    returns_to: str | None = None  # a citizen stage to go back to; None: the citizen answers this agency
    respond_days: int = 15


class Agency(_Data):
    holder: str
    title: str
    delay_days: float
    approve: str
    objections: list[Objection] = Field(default_factory=list)
    sets: dict[str, str] = Field(default_factory=dict)


class StageDef(_Data):
    id: str
    title: str
    kind: StageKind
    days: int
    next: str
    holder: str | None = None
    agency: str | None = None
    bill: Literal["order", "permit", "fine"] | None = None
    rule: Literal["permit", "certificate"] | None = None
    when: str | None = None
    when_text: str | None = None


class Sheet(_Data):
    id: str
    title: str
    mandatory: bool


class Whistleblowing(_Data):
    line: str
    title: str
    answer_days: float
    answer: str
    grievance_answer: str


class Workflow(_Data):
    model_config = ConfigDict(extra="ignore", frozen=True)

    service_id: str
    version: int
    holders: dict[str, str]
    agencies: dict[str, Agency]
    stages: list[StageDef]
    drawing_sheets: list[Sheet]
    people: dict[str, list[str]]
    whistleblowing: Whistleblowing
    permit_valid_days: int
    done_next: str

    @model_validator(mode="after")
    def _consistent(self) -> "Workflow":
        ids = [s.id for s in self.stages]
        if len(set(ids)) != len(ids):
            raise ValueError("stage ids repeat")
        for s in self.stages:
            if s.kind == "agency" and s.agency not in self.agencies:
                raise ValueError(f"stage {s.id}: unknown agency {s.agency}")
            if s.kind != "agency" and s.holder not in self.holders:
                raise ValueError(f"stage {s.id}: unknown holder {s.holder}")
            if s.kind == "bill" and s.bill is None or s.kind == "rule" and s.rule is None:
                raise ValueError(f"stage {s.id}: missing bill or rule")
            for expr in filter(None, [s.when]):
                _compile(expr)
        for name, a in self.agencies.items():
            if a.holder not in self.holders:
                raise ValueError(f"agency {name}: unknown holder {a.holder}")
            for o in a.objections:
                _compile(o.when)
                if o.returns_to is not None and o.returns_to not in ids:
                    raise ValueError(f"agency {name}: objection returns to unknown stage {o.returns_to}")
            for expr in a.sets.values():
                _compile(expr)
        return self

    def stage(self, stage_id: str) -> StageDef:
        return next(s for s in self.stages if s.id == stage_id)

    def holder_of(self, stage: StageDef) -> str:
        return self.agencies[stage.agency].holder if stage.kind == "agency" else stage.holder  # type: ignore[index]

    def after(self, stage_id: str) -> list[StageDef]:
        index = [s.id for s in self.stages].index(stage_id)
        return self.stages[index + 1:]


def _compile(expr: str) -> None:
    try:
        EvalWithCompoundTypes.parse(expr)
    except (SyntaxError, ValueError) as exc:
        raise ValueError(f"rule {expr!r} does not parse: {exc}") from exc


def load_workflow(path: Path | None = None) -> Workflow:
    return Workflow.model_validate_json((path or resource("sandbox", "workflow.json")).read_text(encoding="utf-8"))


def chance_of(case_number: str, stage_id: str, attempt: int) -> float:
    digest = hashlib.sha256(f"{case_number}/{stage_id}/{attempt}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def evaluate(expr: str, facts: dict[str, Any], chance: float) -> Any:
    def pick(options: list):
        return options[int(chance * len(options)) % len(options)] if options else ""

    def thousands(x) -> int:
        return max(1000, int(x) // 1000 * 1000)

    return EvalWithCompoundTypes(names={**facts, "chance": chance},
                                 functions={"pick": pick, "thousands": thousands, "round": round,
                                            "min": min, "max": max, "ceil": math.ceil}).eval(expr)




@dataclass
class Hooks:
    """What the engine needs from the permit side of the sandbox (bills, documents)."""

    make_bill: Callable[[Any, str, str, dict, dt.datetime], str]  # (c, case, kind, facts, at) -> bill_id
    bill_paid: Callable[[Any, str], tuple[dt.datetime, str] | None]  # (c, bill_id) -> (paid_at, receipt)
    issue: Callable[[Any, str, str, dict, dt.datetime], str]  # (c, case, kind, facts, at) -> number


class CaseEngine:
    """Moves cases through the workflow inside the caller's transaction."""

    def __init__(self, workflow: Workflow, hooks: Hooks, chance: float | None = None):
        self.wf = workflow
        self.hooks = hooks
        self.fixed_chance = chance

    # --- facts and events ------------------------------------------------------------------------
    def facts(self, c, case_number: str) -> dict:
        row = c.execute("SELECT facts FROM case_facts WHERE case_number=?", (case_number,)).fetchone()
        return json.loads(row[0]) if row else {}

    def set_facts(self, c, case_number: str, facts: dict, at: dt.datetime) -> None:
        c.execute("UPDATE case_facts SET facts=?, updated_at=? WHERE case_number=?",
                  (json.dumps(facts, ensure_ascii=False), _iso(at), case_number))

    def event(self, c, case_number: str, at: dt.datetime, actor: str, kind: str, stage_id: str | None,
              text: str) -> None:
        c.execute("INSERT INTO case_events(case_number, at, actor, kind, stage_id, text) VALUES (?,?,?,?,?,?)",
                  (case_number, _iso(at), actor, kind, stage_id, text))

    def chance(self, case_number: str, stage_id: str, attempt: int) -> float:
        return self.fixed_chance if self.fixed_chance is not None else chance_of(case_number, stage_id, attempt)

    # --- opening ----------------------------------------------------------------------------------
    def open(self, c, case_number: str, facts: dict, at: dt.datetime, actor: str, order_bill: str) -> None:
        """A new case: the plan-preparation order is issued and its fees are the first stage."""
        c.execute("INSERT INTO case_facts(case_number, workflow_version, facts, updated_at) VALUES (?,?,?,?)",
                  (case_number, self.wf.version, json.dumps(facts, ensure_ascii=False), _iso(at)))
        self.event(c, case_number, at, actor, "case_opened", None, "پرونده تشکیل و دستور تهیهٔ نقشه صادر شد.")
        self._start(c, case_number, self.wf.stages[0], at, facts, detail={"bill_id": order_bill})

    # --- stage rows --------------------------------------------------------------------------------
    def open_row(self, c, case_number: str):
        return c.execute("SELECT * FROM case_stages WHERE case_number=? AND state='active' ORDER BY id DESC LIMIT 1",
                         (case_number,)).fetchone()

    def last_row(self, c, case_number: str):
        return c.execute("SELECT * FROM case_stages WHERE case_number=? ORDER BY id DESC LIMIT 1",
                         (case_number,)).fetchone()

    def _attempt(self, c, case_number: str, stage_id: str) -> int:
        return c.execute("SELECT COUNT(*) FROM case_stages WHERE case_number=? AND stage_id=? AND phase='stage'"
                         " AND state != 'skipped'", (case_number, stage_id)).fetchone()[0] + 1

    def _start(self, c, case_number: str, stage: StageDef, at: dt.datetime, facts: dict,
               detail: dict | None = None) -> None:
        attempt = self._attempt(c, case_number, stage.id)
        detail = dict(detail or {})
        if stage.kind == "bill" and "bill_id" not in detail:
            detail["bill_id"] = self.hooks.make_bill(c, case_number, stage.bill, facts, at)
        c.execute("INSERT INTO case_stages(case_number, stage_id, phase, attempt, state, holder, started_at, deadline,"
                  " detail) VALUES (?,?,?,?,?,?,?,?,?)",
                  (case_number, stage.id, "stage", attempt, "active", self.wf.holder_of(stage), _iso(at),
                   _iso(deadline_of(at, stage.days)), json.dumps(detail)))
        self.event(c, case_number, at, "system", "stage_started", stage.id,
                   f"مرحلهٔ «{stage.title}» آغاز شد" + (f" (بار {attempt})" if attempt > 1 else "") + ".")

    def _finish(self, c, row, state: str, at: dt.datetime, answer: str | None = None, answered_by: str | None = None,
                reason: str | None = None, action: str | None = None) -> None:
        c.execute("UPDATE case_stages SET state=?, finished_at=?, answer=?, answered_by=?, reason=?, action=?"
                  " WHERE id=?", (state, _iso(at), answer, answered_by, reason, action, row["id"]))

    def _next(self, c, case_number: str, last, facts: dict) -> None:
        """Starts whatever follows ``last`` (which has just finished), skipping stages that do not apply."""
        at = _at(last["finished_at"])
        if last["phase"] == "response":  # the citizen answered an objection: the same agency looks again
            self._start(c, case_number, self.wf.stage(last["stage_id"]), at, facts)
            return
        if last["state"] == "objection":
            target = json.loads(last["detail"]).get("returns_to")
            if target:
                self._start(c, case_number, self.wf.stage(target), at, facts)
            return
        for stage in self.wf.after(last["stage_id"]):
            attempt = self._attempt(c, case_number, stage.id)
            if stage.when and not evaluate(stage.when, {**facts, "attempt": attempt},
                                           self.chance(case_number, stage.id, attempt)):
                if not c.execute("SELECT 1 FROM case_stages WHERE case_number=? AND stage_id=? AND state='skipped'",
                                 (case_number, stage.id)).fetchone():
                    c.execute("INSERT INTO case_stages(case_number, stage_id, phase, attempt, state, holder, started_at,"
                              " deadline, finished_at, answer) VALUES (?,?,?,?,?,?,?,?,?,?)",
                              (case_number, stage.id, "stage", 0, "skipped", self.wf.holder_of(stage), _iso(at),
                               _iso(at), _iso(at), stage.when_text))
                continue
            self._start(c, case_number, stage, at, facts)
            return
        c.execute("UPDATE applications SET status='completed' WHERE case_number=?", (case_number,))
        c.execute("UPDATE case_facts SET status='completed' WHERE case_number=?", (case_number,))
        self.event(c, case_number, at, "system", "case_completed", None, self.wf.done_next)

    # --- moving on ---------------------------------------------------------------------------------
    def advance(self, c, case_number: str, now: dt.datetime) -> None:
        """Plays every answer that is due by ``now``; bounded, as every loop over data must be."""
        facts = self.facts(c, case_number)
        if not facts:
            return
        for _ in range(200):
            row = self.open_row(c, case_number)
            if row is None:
                last = self.last_row(c, case_number)
                status = c.execute("SELECT status FROM case_facts WHERE case_number=?", (case_number,)).fetchone()[0]
                if last is None or status == "completed" or (last["state"] == "objection"
                                                              and not json.loads(last["detail"]).get("returns_to")):
                    break
                self._next(c, case_number, last, facts)
                continue
            if row["phase"] == "response":
                break
            stage = self.wf.stage(row["stage_id"])
            started = _at(row["started_at"])
            if stage.kind == "bill":
                paid = self.hooks.bill_paid(c, json.loads(row["detail"])["bill_id"])
                if paid is None:
                    break
                at = max(paid[0], started)
                self._finish(c, row, "done", at, answer=f"پرداخت شد؛ شمارهٔ رسید {paid[1]}.")
                self.event(c, case_number, at, "bank", "bill_paid", stage.id, f"«{stage.title}» پرداخت شد.")
            elif stage.kind == "agency":
                agency = self.wf.agencies[stage.agency]
                due = started + dt.timedelta(days=agency.delay_days)
                if due > now:
                    break
                self._answer(c, case_number, row, stage, agency, facts, due)
            elif stage.kind == "rule":
                number = self.hooks.issue(c, case_number, stage.rule, facts, started)
                title = "پروانهٔ ساختمانی" if stage.rule == "permit" else "گواهی پایان کار"
                self._finish(c, row, "done", started, answer=f"{title} به شمارهٔ {number} صادر شد.",
                             answered_by=self.wf.holders["municipality"])
                self.event(c, case_number, started, "system", f"{stage.rule}_issued", stage.id,
                           f"{title} به شمارهٔ {number} صادر شد.")
            else:  # drawings: waits for the counter
                break
            facts = self.facts(c, case_number)

    def _answer(self, c, case_number: str, row, stage: StageDef, agency: Agency, facts: dict,
                at: dt.datetime) -> None:
        names = {**facts, "attempt": row["attempt"]}
        chance = self.chance(case_number, stage.id, row["attempt"])
        for objection in agency.objections:
            if evaluate(objection.when, names, chance):
                self._finish(c, row, "objection", at, answered_by=agency.title, reason=objection.reason,
                             action=objection.action)
                c.execute("UPDATE case_stages SET detail=? WHERE id=?",
                          (json.dumps({**json.loads(row["detail"]), "objection": objection.code,
                                       "returns_to": objection.returns_to}), row["id"]))
                self.event(c, case_number, at, agency.title, "objection", stage.id,
                           f"ایراد {agency.title}: {objection.reason} {objection.action}")
                if objection.returns_to is None:  # the citizen answers and the agency looks again
                    c.execute("INSERT INTO case_stages(case_number, stage_id, phase, attempt, state, holder, started_at,"
                              " deadline, reason, action) VALUES (?,?,?,?,?,?,?,?,?,?)",
                              (case_number, stage.id, "response", row["attempt"], "active", "citizen", _iso(at),
                               _iso(deadline_of(at, objection.respond_days)), objection.reason, objection.action))
                return
        updated = dict(facts)
        for name, expr in agency.sets.items():
            updated[name] = evaluate(expr, {**updated, "attempt": row["attempt"],
                                            **{k: v for k, v in self.wf.people.items()}}, chance)
        answer = agency.approve
        if stage.id == "violation_check":
            answer += " تخلف: " + ("دارد؛ پرونده به کمیسیون مادهٔ ۱۰۰ می‌رود." if updated.get("violation")
                                   else "ندارد.")
        self._finish(c, row, "done", at, answer=answer, answered_by=agency.title)
        if updated != facts:
            self.set_facts(c, case_number, updated, at)
        self.event(c, case_number, at, agency.title, "approved", stage.id, f"پاسخ {agency.title}: {answer}")

    # --- actions of the counter ---------------------------------------------------------------------
    def respond(self, c, case_number: str, row, text: str, at: dt.datetime, actor: str) -> None:
        self._finish(c, row, "done", at, answer=f"پاسخ متقاضی: {text}")
        self.event(c, case_number, at, actor, "citizen_response", row["stage_id"], f"پاسخ متقاضی ثبت شد: {text}")

    def drawings_accepted(self, c, case_number: str, row, facts: dict, at: dt.datetime, actor: str) -> None:
        self.set_facts(c, case_number, facts, at)
        self._finish(c, row, "done", at, answer="نقشه‌ها بارگذاری شد و بررسی خودکار را گذراند.")
        self.event(c, case_number, at, actor, "drawings_submitted", row["stage_id"],
                   f"نقشه‌ها (نوبت {row['attempt']}) بارگذاری و ارسال شد.")
