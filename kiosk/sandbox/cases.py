"""Case tracking on the sandbox: the published timetable, case search and timeline, drawings, answers to
objections, delay reports to 3890, notifications for the clerk who filed a case, and the training clock.

Every rule is enforced here (the kiosk only mirrors them): actions in the wrong stage, a second submission
of drawings, a delay report on a stage that is on time, another citizen's case without consent.
"""

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Annotated

from fastapi import FastAPI, Header, Query

from kiosk.contract import (
    API_PREFIX, CONSENT_HEADER, CaseDocument, CaseEvent, CaseStage, CaseSummary, CaseView, ClockAdvance,
    ClockState, DelayReport, DelayReportIn, DrawingSheet, DrawingsSubmission, IssuedDocument, ProjectSpec,
    QuoteLineOut, StageResponse, Timetable, TimetableStage, UploadBinding,
)
from kiosk.domain.digits import group_thousands, to_persian_digits
from kiosk.domain.identifiers import SERVICE_MUNICIPAL_DUES, make_bill_id, make_payment_id
from kiosk.domain.jalali import format_jalali, jalali_year
from kiosk.domain.normalize import digits_only, normalize_text, written_length
from kiosk.domain.problems import QT_TRANSLATE_NOOP, Problem
from kiosk.domain.workflow import stage_timing
from kiosk.sandbox.errors import ApiProblem, validation_failed
from kiosk.sandbox.references import public_number
from kiosk.sandbox.workflow import CaseEngine, Hooks, Workflow, load_workflow
from kiosk.sandbox.db import Database, iso as _iso, parse_at as _at

USE_TITLES = {"residential": "مسکونی", "commercial": "تجاری", "mixed": "مسکونی ـ تجاری"}
PERSONAL_EVENTS = {"citizen_response", "delay_report"}

M_CASE_UNKNOWN = QT_TRANSLATE_NOOP(
    "Sandbox", "No permit case has this tracking code. Check the number on the citizen's receipt.")
M_CASE_CONSENT = QT_TRANSLATE_NOOP(
    "Sandbox", "This case belongs to another citizen. Its owner's one-time code is needed for this.")
M_SEARCH_QUERY = QT_TRANSLATE_NOOP("Sandbox", "Search by national code or electronic file number.")
M_FILE_UNKNOWN = QT_TRANSLATE_NOOP("Sandbox", "No electronic file has this number.")
M_WRONG_STAGE = QT_TRANSLATE_NOOP(
    "Sandbox", "This case is now at the stage «{stage}»; this can be done only at the stage «{needed}».")
M_DRAWINGS_SENT = QT_TRANSLATE_NOOP(
    "Sandbox", "The drawings were already sent and are at the stage «{stage}». Wait for the answer; do not send "
               "them again.")
M_SHEET_UNKNOWN = QT_TRANSLATE_NOOP("Sandbox", "This kind of drawing is not asked for in a permit case.")
M_SHEETS_MISSING = QT_TRANSLATE_NOOP("Sandbox", "Drawings still missing: {items}.")
M_PDF_ONLY = QT_TRANSLATE_NOOP("Sandbox", "Drawings are accepted as PDF files only.")
M_FLOORS_OVER = QT_TRANSLATE_NOOP(
    "Sandbox", "The drawings have {declared} floors but the approved request allows {approved}. Ask the designer "
               "to correct the drawings.")
M_AREA_OVER = QT_TRANSLATE_NOOP(
    "Sandbox", "The drawings' total area ({declared} m²) is more than the approved {approved} m². Ask the "
               "designer to correct the drawings.")
M_UNITS_OVER = QT_TRANSLATE_NOOP(
    "Sandbox", "The drawings have {declared} units but the approved request allows {approved}.")
M_HEIGHT_ZERO = QT_TRANSLATE_NOOP("Sandbox", "Enter the building's height from the drawings.")
M_NO_RESPONSE_DUE = QT_TRANSLATE_NOOP("Sandbox", "No objection is waiting for the citizen's answer in this case.")
M_RESPONSE_EMPTY = QT_TRANSLATE_NOOP(
    "Sandbox", "Write what the citizen did about the objection (for example the receipt number).")
M_STAGE_NOT_OPEN = QT_TRANSLATE_NOOP("Sandbox", "This stage is not open now, so it cannot be late.")
M_STAGE_WITH_CITIZEN = QT_TRANSLATE_NOOP(
    "Sandbox", "This stage is waiting for the citizen, not for the municipality; it cannot be reported as a delay.")
M_STAGE_ON_TIME = QT_TRANSLATE_NOOP(
    "Sandbox", "This stage is on time ({days} days left). A delay can be reported once its deadline has passed; "
               "for another complaint choose «other grievance» and write the reason.")
M_REPORT_EXISTS = QT_TRANSLATE_NOOP(
    "Sandbox", "A delay report for this stage is already open (number {number}). Follow that one.")
M_REPORT_REASON = QT_TRANSLATE_NOOP("Sandbox", "Write the reason of the grievance in at least ten characters.")
M_CASE_CLOSED = QT_TRANSLATE_NOOP("Sandbox", "This case is completed; nothing more can be filed on it.")




def _jyear(moment: dt.datetime) -> int:
    return jalali_year(moment.date())


def issued_number(c, kind: str, at: dt.datetime, district: int) -> str:
    """The next number of an issued permit or certificate: permits read 1405-08-00012; certificates are one
    run of digits, so the two never collide."""
    serial = Database.next_number(c, kind)
    return (f"{_jyear(at)}-{district:02d}-{serial:05d}" if kind == "permit"
            else f"{_jyear(at)}{district:02d}7{serial:05d}")


def district_of_number(kind: str, number: str) -> int:
    """The district an issued number was made for (the inverse of :func:`issued_number`)."""
    return int(number.split("-")[1]) if kind == "permit" else int(number[4:6])


def _fa(value) -> str:
    return to_persian_digits(str(value))


def register(app: FastAPI, ctx) -> CaseEngine:  # noqa: C901 - one place that lists the routes
    db, clock, settings = ctx.db, ctx.case_clock, ctx.settings
    OperatorDep, ConsentWriteDep = ctx.OperatorDep, ctx.ConsentWriteDep
    permit = ctx.permit
    wf: Workflow = ctx.workflow or load_workflow()
    sealer = ctx.sealer
    SEALED_FIGURES = {"plan_order": ("floors", "floor_area", "units", "use"),
                      "permit": ("floors", "units", "total_area", "height", "valid_until"),
                      "certificate": ("permit_number", "built_area", "violation", "fine")}
    sheets = {s.id: s for s in wf.drawing_sheets}

    # --- hooks the engine calls ----------------------------------------------------------------------
    def make_bill(c, case_number: str, kind: str, facts: dict, at: dt.datetime) -> str:
        app_row = c.execute("SELECT * FROM applications WHERE case_number=?", (case_number,)).fetchone()
        if kind == "permit":
            floors = int(facts["declared_floors"]) or int(facts["floors"])
            area = Decimal(str(facts["declared_area"] or facts["permitted_area"]))
            # Built by the server from its own facts (not a request): the request bounds do not apply.
            project = ProjectSpec.model_construct(floors=floors, floor_area=(area / floors) if floors else Decimal(0),
                                  units=int(facts["declared_units"] or facts["units"]), parking=int(facts["parking"]),
                                  use=facts["use"])
            quote, _assessment = permit.price(c, permit.parcel_row(c, app_row["renovation_code"]), project)
            lines = [line for line in quote.lines if line.stage == "permit"]
            title, k = "باقی‌ماندهٔ عوارض صدور پروانهٔ ساختمانی", 2
        else:
            fine = int(facts["fine"])
            lines = [QuoteLineOut(article_id="article100", title="جریمهٔ اضافه‌بنا (رأی کمیسیون مادهٔ ۱۰۰)",
                                  formula_words="۲ × ارزش منطقه‌ای × متراژ اضافه‌بنا",
                                  inputs={"اضافه‌بنا (مترمربع)": _fa(round(facts["built_area"] - facts["permitted_area"])),
                                          "ارزش منطقه‌ای (ریال)": group_thousands(int(facts["price"]))},
                                  amount=fine, stage="fine")]
            title, k = "جریمهٔ کمیسیون مادهٔ ۱۰۰", 3
        amount = sum(line.amount for line in lines)
        if amount <= 0:
            return ""
        district = int(facts["district"])
        bill_id = make_bill_id(f"{k}{district:02d}{case_number[-5:]}", permit.COMPANY_CODE, SERVICE_MUNICIPAL_DUES)
        if not c.execute("SELECT 1 FROM bills WHERE bill_id=?", (bill_id,)).fetchone():
            payment_id = make_payment_id(bill_id, amount, _jyear(at) % 10, k)
            c.execute("INSERT INTO bills(bill_id, payment_id, case_number, amount, title, items, issued_at)"
                      " VALUES (?,?,?,?,?,?,?)",
                      (bill_id, payment_id, case_number, amount, title,
                       json.dumps([line.model_dump() for line in lines], ensure_ascii=False), _iso(at)))
        return bill_id

    def bill_paid(c, bill_id: str):
        if not bill_id:
            return (clock.now(), "—")
        row = c.execute("SELECT paid_at, receipt_number FROM bills WHERE bill_id=?", (bill_id,)).fetchone()
        return (_at(row["paid_at"]), row["receipt_number"]) if row and row["paid_at"] else None

    def issue(c, case_number: str, kind: str, facts: dict, at: dt.datetime) -> str:
        existing = c.execute("SELECT number FROM issued_documents WHERE case_number=? AND kind=?",
                             (case_number, kind)).fetchone()
        if existing:
            return existing[0]
        app_row = c.execute("SELECT * FROM applications WHERE case_number=?", (case_number,)).fetchone()
        parcel = permit.parcel_row(c, app_row["renovation_code"])
        number = issued_number(c, kind, at, int(facts["district"]))
        common = {"case_number": case_number, "renovation_code": app_row["renovation_code"],
                  "deed_section": str(parcel["section"]), "deed_main": str(parcel["main"]),
                  "deed_sub": str(parcel["sub"]), "address": parcel["address"], "holder": applicant_of(c, app_row),
                  "issued": format_jalali(at.date(), persian=False)}
        if kind == "permit":
            valid = at + dt.timedelta(days=wf.permit_valid_days)
            data = {**common, "use": USE_TITLES.get(facts["use"], facts["use"]), "floors": str(facts["declared_floors"]),
                    "units": str(facts["declared_units"]), "total_area": str(facts["declared_area"]),
                    "height": str(facts["height"]), "parking": str(facts["parking"]),
                    "designer": facts.get("designer", ""), "supervisor": facts.get("supervisor", ""),
                    "zone": parcel["zone"], "zone_title": permit.land.zones[parcel["zone"]].title,
                    "valid_until": format_jalali(valid.date(), persian=False)}
        else:
            permit_row = c.execute("SELECT number FROM issued_documents WHERE case_number=? AND kind='permit'",
                                   (case_number,)).fetchone()
            data = {**common, "permit_number": permit_row[0] if permit_row else "",
                    "built_area": str(facts.get("built_area", "")), "permitted_area": str(facts["permitted_area"]),
                    "violation": "yes" if facts.get("violation") else "no", "fine": str(facts.get("fine", 0)),
                    "supervisor": facts.get("supervisor", "")}
        c.execute("INSERT INTO issued_documents(number, kind, case_number, issued_at, data) VALUES (?,?,?,?,?)",
                  (number, kind, case_number, _iso(at), json.dumps(data, ensure_ascii=False)))
        return number

    engine = CaseEngine(wf, Hooks(make_bill=make_bill, bill_paid=bill_paid, issue=issue),
                        chance=settings.agency_chance)

    # --- helpers -------------------------------------------------------------------------------------
    def applicant_of(c, app_row) -> str:
        owners = json.loads(app_row["submission"]).get("owners") or []
        names = [f"{o['first_name']} {o['last_name']}" for o in owners]
        return "، ".join(names)

    def ensure(c, app_row) -> None:
        """Opens the workflow of a case (also of cases filed before tracking existed)."""
        if c.execute("SELECT 1 FROM case_facts WHERE case_number=?", (app_row["case_number"],)).fetchone():
            return
        submission = json.loads(app_row["submission"])
        project = submission["project"]
        parcel = permit.parcel_row(c, app_row["renovation_code"])
        rules, _zone, _band = permit.land.rules(dict(parcel))
        floors, floor_area = int(project["floors"]), float(project["floor_area"])
        facts = {
            "district": parcel["district"], "heritage": bool(parcel["heritage"]),
            "heritage_max_floors": rules.heritage_max_floors or 0, "use": project.get("use", "residential"),
            "floors": floors, "floor_area": floor_area, "units": int(project["units"]),
            "parking": int(project["parking"]), "price": int(parcel["price"]),
            "permitted_area": round(floors * floor_area, 2), "declared_floors": 0, "declared_area": 0.0,
            "declared_units": 0, "height": 0.0, "has_structural_calc": False, "drawing_round": 0,
            "designer": "", "supervisor": "", "built_area": 0.0, "violation": False, "fine": 0,
        }
        bill = c.execute("SELECT bill_id FROM bills WHERE case_number=? ORDER BY issued_at LIMIT 1",
                         (app_row["case_number"],)).fetchone()
        engine.open(c, app_row["case_number"], facts, _at(app_row["order_issued_at"]), app_row["operator"],
                    bill[0] if bill else "")

    def load(c, case_number: str):
        row = c.execute("SELECT * FROM applications WHERE case_number=?", (digits_only(case_number),)).fetchone()
        if row is None:
            raise ApiProblem(404, "case_not_found", M_CASE_UNKNOWN)
        return refresh(c, row)

    def refresh(c, row):
        ensure(c, row)
        now = clock.now()
        engine.advance(c, row["case_number"], now)
        answer_reports(c, row["case_number"], now)
        return c.execute("SELECT * FROM applications WHERE case_number=?", (row["case_number"],)).fetchone()

    def answer_reports(c, case_number: str, now: dt.datetime) -> None:
        line = wf.whistleblowing
        for r in c.execute("SELECT * FROM delay_reports WHERE case_number=? AND answered_at IS NULL",
                           (case_number,)).fetchall():
            due = _at(r["filed_at"]) + dt.timedelta(days=line.answer_days)
            if due > now:
                continue
            if r["kind"] == "delay":
                stage = wf.stage(r["stage_id"])
                text = line.answer.format(holder=wf.holders[wf.holder_of(stage)], stage=stage.title)
            else:
                text = line.grievance_answer
            c.execute("UPDATE delay_reports SET answer=?, answered_at=? WHERE report_number=?",
                      (text, _iso(due), r["report_number"]))
            engine.event(c, case_number, due, line.title, "report_answered", r["stage_id"],
                         f"پاسخ {line.title} به گزارش {r['report_number']}: {text}")

    def owns(consent: dict | None, app_row) -> bool:
        return consent is not None and consent["national_code"] == app_row["national_code"]

    def require_owner(consent: dict, app_row) -> None:
        if not owns(consent, app_row):
            raise ApiProblem(403, "case_consent", M_CASE_CONSENT)

    def require_active(app_row) -> None:
        if app_row["status"] != "active":
            raise ApiProblem(409, "case_closed", M_CASE_CLOSED)

    def stage_of(c, r, personal: bool) -> CaseStage:
        stage = wf.stage(r["stage_id"])
        detail = json.loads(r["detail"])
        bill = None
        if personal and detail.get("bill_id"):
            bill_row = c.execute("SELECT * FROM bills WHERE bill_id=?", (detail["bill_id"],)).fetchone()
            bill = permit.bill_of(bill_row) if bill_row else None
        response = r["phase"] == "response"
        # The public view carries no text the citizen wrote (an answer to an objection may hold a phone number).
        citizen_text = r["holder"] == "citizen" or response
        return CaseStage(
            row_id=r["id"], stage_id=stage.id,
            title=("پاسخ به ایراد: " + stage.title) if response else stage.title, phase=r["phase"],
            attempt=r["attempt"], state=r["state"], holder=r["holder"], holder_title=wf.holders[r["holder"]],
            days_limit=stage.days if not response else round((_at(r["deadline"]) - _at(r["started_at"])).days),
            started_at=_at(r["started_at"]), deadline=_at(r["deadline"]) if r["state"] != "skipped" else None,
            finished_at=_at(r["finished_at"]), answered_by=r["answered_by"] if personal or not citizen_text else None,
            answer=r["answer"] if personal or not citizen_text else None,
            reason=r["reason"], action=r["action"], condition=stage.when_text, bill=bill)

    def upcoming(c, case_number: str, after_stage: str | None, facts: dict) -> list[CaseStage]:
        out = []
        following = wf.after(after_stage) if after_stage else []
        for stage in following:
            if stage.when:
                from kiosk.sandbox.workflow import evaluate

                known = {"violation"}.isdisjoint(stage.when.split())  # a violation is known only at the end
                if known and not evaluate(stage.when, {**facts, "attempt": 1}, 0.5):
                    continue
            out.append(CaseStage(stage_id=stage.id, title=stage.title, state="upcoming",
                                 holder=wf.holder_of(stage), holder_title=wf.holders[wf.holder_of(stage)],
                                 days_limit=stage.days, condition=stage.when_text))
        return out

    def next_step(c, app_row, open_row, previous, now: dt.datetime) -> str:
        if app_row["status"] == "completed":
            return wf.done_next
        if open_row is None:
            return ""
        stage = wf.stage(open_row["stage_id"])
        deadline = format_jalali(_at(open_row["deadline"]).date())
        if open_row["phase"] == "response":
            return f"{open_row['reason']} {open_row['action']} (مهلت تا {deadline})"
        text = stage.next
        if previous is not None and previous["state"] == "objection" and stage.kind == "drawings":
            text = f"ایراد: {previous['reason']} {previous['action']}"
        if stage.kind == "bill":
            bill_id = json.loads(open_row["detail"]).get("bill_id")
            bill = c.execute("SELECT amount FROM bills WHERE bill_id=?", (bill_id,)).fetchone() if bill_id else None
            if bill:
                text += f" مبلغ: {group_thousands(bill['amount'])} ریال."
        timing = stage_timing(_at(open_row["deadline"]), now)
        if timing and timing.overdue and open_row["holder"] != "citizen":
            text += f" این مرحله {_fa(timing.days)} روز از مهلت گذشته است؛ می‌توانید به سامانهٔ {_fa(wf.whistleblowing.line)} گزارش دهید."
        return text

    def view(c, app_row, consent: dict | None) -> CaseView:
        personal = owns(consent, app_row)
        case_number = app_row["case_number"]
        now = clock.now()
        rows = c.execute("SELECT * FROM case_stages WHERE case_number=? ORDER BY id", (case_number,)).fetchall()
        open_row = next((r for r in reversed(rows) if r["state"] == "active"), None)
        previous = None
        if open_row is not None:
            earlier = [r for r in rows if r["id"] < open_row["id"] and r["state"] != "skipped"]
            previous = earlier[-1] if earlier else None
        facts = engine.facts(c, case_number)
        stages = [stage_of(c, r, personal) for r in rows]
        if app_row["status"] == "active":
            frontier = open_row["stage_id"] if open_row is not None else (rows[-1]["stage_id"] if rows else None)
            stages += upcoming(c, case_number, frontier, facts)
        current = stage_of(c, open_row, personal) if open_row is not None else None
        actions: list[str] = []
        if personal and open_row is not None:
            kind = wf.stage(open_row["stage_id"]).kind
            if open_row["phase"] == "response":
                actions.append("respond")
            elif kind == "bill":
                actions.append("pay")
            elif kind == "drawings":
                actions.append("upload_drawings")
            timing = stage_timing(_at(open_row["deadline"]), now)
            if timing and timing.overdue and open_row["holder"] != "citizen":
                actions.append("report_delay")
        parcel = permit.parcel_row(c, app_row["renovation_code"])
        from kiosk.sandbox.references import tracking_code

        out = CaseView(
            case_number=case_number, tracking_code=tracking_code(ctx.tracking_secret, case_number),
            order_number=app_row["order_number"], status=app_row["status"], as_of=now,
            renovation_code=app_row["renovation_code"], district=parcel["district"], personal=personal,
            next_step=next_step(c, app_row, open_row, previous, now), current=current, stages=stages,
            designer=facts.get("designer") or None, supervisor=facts.get("supervisor") or None, actions=actions)
        if not personal:
            return out
        docs = [CaseDocument(sheet_id=d["sheet_id"], title=sheets[d["sheet_id"]].title, round=d["round"],
                             filename=d["filename"], content_type=d["content_type"], size=d["size"],
                             sha256=d["sha256"], uploaded_at=_at(d["uploaded_at"]))
                for d in c.execute("SELECT * FROM case_documents WHERE case_number=? ORDER BY round, sheet_id",
                                   (case_number,))]
        project = json.loads(app_row["submission"])["project"]
        order_data = {"case_number": case_number, "renovation_code": app_row["renovation_code"],
                      "deed_section": str(parcel["section"]), "deed_main": str(parcel["main"]),
                      "deed_sub": str(parcel["sub"]), "address": parcel["address"],
                      "holder": applicant_of(c, app_row), "zone": parcel["zone"],
                      "zone_title": permit.land.zones[parcel["zone"]].title,
                      "floors": str(project["floors"]), "floor_area": str(project["floor_area"]),
                      "units": str(project["units"]), "parking": str(project["parking"]),
                      "use": USE_TITLES.get(project.get("use", "residential"), "")}
        documents = [("plan_order", app_row["order_number"], _at(app_row["order_issued_at"]), order_data)]
        documents += [(d["kind"], d["number"], _at(d["issued_at"]), json.loads(d["data"]))
                      for d in c.execute("SELECT * FROM issued_documents WHERE case_number=? ORDER BY issued_at",
                                         (case_number,))]
        # Printed and sealed with the code the citizen tracks the case by, as every other paper of the case.
        # Every paper names the parcel's zone by its name (the permit and certificate rows carry only what they
        # were issued with; the zone is the parcel's, not sealed).
        zone = {"zone": parcel["zone"], "zone_title": permit.land.zones[parcel["zone"]].title}
        documents = [(kind, number, at, {**zone, **data, "tracking_code": out.tracking_code})
                     for kind, number, at, data in documents]
        issued = [IssuedDocument(kind=kind, number=number, issued_at=at, data=data,
                                 seal=sealer.seal(kind, number, case=out.tracking_code, parcel=app_row["renovation_code"],
                                                  holder=data.get("holder", ""), date=at,
                                                  figures={k: data.get(k, "") for k in SEALED_FIGURES[kind]})
                                 if sealer else None)
                  for kind, number, at, data in documents]
        reports = [report_of(r) for r in c.execute(
            "SELECT * FROM delay_reports WHERE case_number=? ORDER BY filed_at, rowid", (case_number,))]
        history = [event_of(e) for e in c.execute("SELECT * FROM case_events WHERE case_number=? ORDER BY id",
                                                  (case_number,))]
        return out.model_copy(update={"applicant": applicant_of(c, app_row), "address": parcel["address"],
                                      "documents": docs, "issued": issued, "reports": reports, "history": history})

    def report_of(r) -> DelayReport:
        title = wf.stage(r["stage_id"]).title if r["stage_id"] else None
        from kiosk.sandbox.references import tracking_code

        seal = sealer.seal("delay_report", r["report_number"], case=tracking_code(ctx.tracking_secret, r["case_number"]),
                           date=_at(r["filed_at"]),
                           figures={"stage": title or "", "days_overdue": r["days_overdue"] or 0,
                                    "kind": r["kind"]}) if sealer else None
        return DelayReport(report_number=r["report_number"], stage_id=r["stage_id"], stage_title=title,
                           kind=r["kind"], days_overdue=r["days_overdue"], text=r["text"], filed_at=_at(r["filed_at"]),
                           answer=r["answer"], answered_at=_at(r["answered_at"]), seal=seal)

    def event_of(e) -> CaseEvent:
        from kiosk.sandbox.references import tracking_code

        return CaseEvent(id=e["id"], case_number=e["case_number"],
                         tracking_code=tracking_code(ctx.tracking_secret, e["case_number"]), at=_at(e["at"]),
                         actor=e["actor"], kind=e["kind"], stage_id=e["stage_id"], text=e["text"])

    def summary_of(c, app_row) -> CaseSummary:
        open_row = engine.open_row(c, app_row["case_number"])
        stage = wf.stage(open_row["stage_id"]) if open_row else None
        return CaseSummary(case_number=app_row["case_number"], renovation_code=app_row["renovation_code"],
                           status=app_row["status"], current_title=stage.title if stage else None,
                           current_holder_title=wf.holders[open_row["holder"]] if open_row else None,
                           deadline=_at(open_row["deadline"]) if open_row else None, as_of=clock.now())

    def consent_of(token: str | None, operator) -> dict | None:
        if not token:
            return None
        try:
            return ctx.load_consent(token, dt.timedelta(0), operator)
        except ApiProblem:
            return None

    OptionalConsent = Annotated[str | None, Header(alias=CONSENT_HEADER)]

    # --- timetable ------------------------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/workflow/{{service_id}}", response_model=Timetable, tags=["cases"])
    def timetable(service_id: str, operator: OperatorDep) -> Timetable:
        """The published timetable: every stage in order, who holds it and its time limit in days."""
        if service_id != wf.service_id:
            from kiosk.sandbox.permits import M_SERVICE_UNKNOWN

            raise ApiProblem(404, "service_unknown", M_SERVICE_UNKNOWN)
        return Timetable(
            service_id=wf.service_id, version=wf.version,
            stages=[TimetableStage(stage_id=s.id, title=s.title, holder=wf.holder_of(s),
                                   holder_title=wf.holders[wf.holder_of(s)], days=s.days, condition=s.when_text)
                    for s in wf.stages],
            drawing_sheets=[DrawingSheet(id=s.id, title=s.title, mandatory=s.mandatory) for s in wf.drawing_sheets],
            whistleblowing_line=wf.whistleblowing.line, whistleblowing_title=wf.whistleblowing.title)

    # --- search and view ------------------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/cases", response_model=list[CaseSummary], tags=["cases"])
    def search_cases(operator: OperatorDep, consent: ctx.ConsentDep,
                     national_code: Annotated[str | None, Query(max_length=32)] = None,
                     file_number: Annotated[str | None, Query(max_length=32)] = None) -> list[CaseSummary]:
        """A citizen's cases, by national code or electronic file number: needs that citizen's consent."""
        with db.tx() as c:
            if file_number:
                row = c.execute("SELECT national_code FROM efiles WHERE REPLACE(file_number, '-', '')=?",
                                (digits_only(file_number),)).fetchone()
                if row is None:
                    raise ApiProblem(404, "efile_not_found", M_FILE_UNKNOWN, field="file_number")
                code = row[0]
            elif national_code:
                code = digits_only(national_code)
            else:
                raise ApiProblem(422, "search_query", M_SEARCH_QUERY)
            if code != consent["national_code"]:
                raise ApiProblem(403, "case_consent", M_CASE_CONSENT)
            rows = c.execute("SELECT case_number FROM applications WHERE national_code=? ORDER BY order_issued_at DESC",
                             (code,)).fetchall()
            return [summary_of(c, load(c, r[0])) for r in rows]

    @app.get(f"{API_PREFIX}/cases/{{case_number}}", response_model=CaseView, tags=["cases"])
    def get_case(case_number: str, operator: OperatorDep, consent: OptionalConsent = None) -> CaseView:
        """The case. With its owner's consent, by its number or tracking code: the full case. Without: the
        public tracking view, only by the tracking code printed for the citizen (a bare number, which can be
        counted, opens nothing)."""
        from kiosk.sandbox.references import case_of_tracking

        who = consent_of(consent, operator)
        by_code = case_of_tracking(ctx.tracking_secret, case_number)
        with db.tx() as c:
            if by_code is not None:
                return view(c, load(c, by_code), who)
            row = load(c, case_number)
            if not owns(who, row):
                raise ApiProblem(404, "case_not_found", M_CASE_UNKNOWN)
            return view(c, row, who)

    # --- drawings ---------------------------------------------------------------------------------------
    def open_drawings(c, app_row):
        row = engine.open_row(c, app_row["case_number"])
        if row is None or row["stage_id"] != "drawings" or row["phase"] != "stage":
            done = c.execute("SELECT 1 FROM case_stages WHERE case_number=? AND stage_id='drawings' AND state='done'",
                             (app_row["case_number"],)).fetchone()
            current = wf.stage(row["stage_id"]).title if row is not None else "—"
            if done and row is not None and wf.stages.index(wf.stage(row["stage_id"])) > wf.stages.index(
                    wf.stage("drawings")):
                raise ApiProblem(409, "drawings_submitted", M_DRAWINGS_SENT, params={"stage": current})
            raise ApiProblem(409, "wrong_stage", M_WRONG_STAGE,
                             params={"stage": current, "needed": wf.stage("drawings").title})
        return row

    @app.post(f"{API_PREFIX}/cases/{{case_number}}/documents/{{sheet_id}}/from-upload", response_model=CaseDocument,
              tags=["cases"])
    def bind_drawing(case_number: str, sheet_id: str, body: UploadBinding, consent: ConsentWriteDep,
                     operator: OperatorDep) -> CaseDocument:
        """A completed tus upload becomes one drawing sheet of the current round (size and hash checked)."""
        if sheet_id not in sheets:
            raise ApiProblem(404, "sheet_unknown", M_SHEET_UNKNOWN, field=sheet_id)
        content = permit.completed_upload(body, sheet_id, operator)
        if not content.startswith(b"%PDF-") or body.content_type != "application/pdf":
            raise ApiProblem(415, "file_type", M_PDF_ONLY, field=sheet_id)
        now = clock.now()
        with db.tx() as c:
            app_row = load(c, case_number)
            require_owner(consent, app_row)
            row = open_drawings(c, app_row)
            digest = hashlib.sha256(content).hexdigest()
            path = permit.files_dir / f"case-{app_row['case_number']}-{row['attempt']}-{sheet_id}-{digest[:16]}"
            path.write_bytes(content)
            c.execute("INSERT INTO case_documents(case_number, round, sheet_id, filename, content_type, size, sha256,"
                      " path, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(case_number, round, sheet_id) DO"
                      " UPDATE SET filename=excluded.filename, size=excluded.size, sha256=excluded.sha256,"
                      " path=excluded.path, uploaded_at=excluded.uploaded_at",
                      (app_row["case_number"], row["attempt"], sheet_id, body.filename[:200], "application/pdf",
                       len(content), digest, str(path), _iso(now)))
            engine.event(c, app_row["case_number"], now, operator.username, "drawing_uploaded", "drawings",
                         f"«{sheets[sheet_id].title}» بارگذاری شد.")
        return CaseDocument(sheet_id=sheet_id, title=sheets[sheet_id].title, round=row["attempt"],
                            filename=body.filename[:200], content_type="application/pdf", size=len(content),
                            sha256=digest, uploaded_at=now)

    @app.post(f"{API_PREFIX}/cases/{{case_number}}/drawings", response_model=CaseView, tags=["cases"])
    def submit_drawings(case_number: str, body: DrawingsSubmission, consent: ConsentWriteDep,
                        operator: OperatorDep) -> CaseView:
        """Sends the round's drawings for review after the automatic checks: every required sheet is there
        and the declared floors, area and units are within the approved request."""
        now = clock.now()
        with db.tx() as c:
            app_row = load(c, case_number)
            require_owner(consent, app_row)
            row = open_drawings(c, app_row)
            have = {r[0] for r in c.execute("SELECT sheet_id FROM case_documents WHERE case_number=? AND round=?",
                                            (app_row["case_number"], row["attempt"]))}
            missing = [s.title for s in wf.drawing_sheets if s.mandatory and s.id not in have]
            if missing:
                raise ApiProblem(422, "sheets_missing", M_SHEETS_MISSING, field="drawings",
                                 params={"items": "، ".join(missing)})
            facts = engine.facts(c, app_row["case_number"])
            problems = []
            if body.floors > facts["floors"]:
                problems.append(Problem("drawings_floors", M_FLOORS_OVER, "floors",
                                        {"declared": body.floors, "approved": facts["floors"]}))
            approved_area = Decimal(str(facts["floors"])) * Decimal(str(facts["floor_area"]))
            if body.total_area > approved_area:
                problems.append(Problem("drawings_area", M_AREA_OVER, "total_area",
                                        {"declared": body.total_area.normalize(), "approved": approved_area.normalize()}))
            if body.units > facts["units"]:
                problems.append(Problem("drawings_units", M_UNITS_OVER, "units",
                                        {"declared": body.units, "approved": facts["units"]}))
            if body.height <= 0:
                problems.append(Problem("drawings_height", M_HEIGHT_ZERO, "height"))
            if problems:
                raise validation_failed(problems)
            facts.update(declared_floors=body.floors, declared_area=float(body.total_area),
                         declared_units=body.units, height=float(body.height),
                         has_structural_calc="structural_calc" in have, drawing_round=row["attempt"],
                         permitted_area=float(body.total_area))
            engine.drawings_accepted(c, app_row["case_number"], row, facts, now, operator.username)
            return view(c, load(c, app_row["case_number"]), consent)

    # --- the citizen's answer to an objection -----------------------------------------------------------
    @app.post(f"{API_PREFIX}/cases/{{case_number}}/response", response_model=CaseView, tags=["cases"])
    def respond(case_number: str, body: StageResponse, consent: ConsentWriteDep, operator: OperatorDep) -> CaseView:
        text = normalize_text(body.text)
        now = clock.now()
        with db.tx() as c:
            app_row = load(c, case_number)
            require_owner(consent, app_row)
            require_active(app_row)
            row = engine.open_row(c, app_row["case_number"])
            if row is None or row["phase"] != "response":
                raise ApiProblem(409, "no_response_due", M_NO_RESPONSE_DUE)
            if len(text) < 3:
                raise ApiProblem(422, "response_empty", M_RESPONSE_EMPTY, field="text")
            engine.respond(c, app_row["case_number"], row, text, now, operator.username)
            return view(c, load(c, app_row["case_number"]), consent)

    # --- delay reports (3890) --------------------------------------------------------------------------
    @app.post(f"{API_PREFIX}/cases/{{case_number}}/reports", response_model=DelayReport, status_code=201,
              tags=["cases"])
    def file_report(case_number: str, body: DelayReportIn, consent: ConsentWriteDep,
                    operator: OperatorDep) -> DelayReport:
        """A report to the whistleblowing line: a delay (only on an open, overdue stage held by the
        municipality or an agency) or another grievance (with a reason)."""
        text = normalize_text(body.text)
        now = clock.now()
        with db.tx() as c:
            app_row = load(c, case_number)
            require_owner(consent, app_row)
            row, days = None, None
            if body.kind == "delay":
                row = engine.open_row(c, app_row["case_number"])
                if row is None or (body.stage_id and row["stage_id"] != body.stage_id):
                    raise ApiProblem(409, "stage_not_open", M_STAGE_NOT_OPEN, field="stage_id")
                if row["holder"] == "citizen":
                    raise ApiProblem(409, "stage_with_citizen", M_STAGE_WITH_CITIZEN, field="stage_id")
                timing = stage_timing(_at(row["deadline"]), now)
                if not timing.overdue:
                    raise ApiProblem(409, "stage_on_time", M_STAGE_ON_TIME, field="stage_id",
                                     params={"days": timing.days})
                existing = c.execute("SELECT report_number FROM delay_reports WHERE stage_row=?",
                                     (row["id"],)).fetchone()
                if existing:
                    raise ApiProblem(409, "report_exists", M_REPORT_EXISTS, params={"number": existing[0]})
                days = timing.days
            elif written_length(text) < 10:
                raise ApiProblem(422, "report_reason", M_REPORT_REASON, field="text")
            number = public_number(c, "delay_reports", "report_number", f"{wf.whistleblowing.line}{_jyear(now)}")
            c.execute("INSERT INTO delay_reports(report_number, case_number, stage_row, stage_id, kind, days_overdue,"
                      " text, filed_at, operator) VALUES (?,?,?,?,?,?,?,?,?)",
                      (number, app_row["case_number"], row["id"] if row else None, row["stage_id"] if row else None,
                       body.kind, days, text, _iso(now), operator.username))
            what = (f"تأخیر {_fa(days)} روزه در مرحلهٔ «{wf.stage(row['stage_id']).title}»" if row
                    else "شکایت")
            engine.event(c, app_row["case_number"], now, operator.username, "delay_report",
                         row["stage_id"] if row else None, f"گزارش {what} به {wf.whistleblowing.title} با شمارهٔ {number} ثبت شد.")
            return report_of(c.execute("SELECT * FROM delay_reports WHERE report_number=?", (number,)).fetchone())

    # --- notifications for the clerk who filed a case ---------------------------------------------------
    @app.get(f"{API_PREFIX}/case-events", response_model=list[CaseEvent], tags=["cases"])
    def case_events(operator: OperatorDep, after: Annotated[int, Query(ge=0, le=2**53)] = 0,
                    limit: Annotated[int, Query(ge=1, le=100)] = 50) -> list[CaseEvent]:
        """What changed on the cases this operator filed, after event ``after`` (poll with the last id)."""
        with db.tx() as c:
            for r in c.execute("SELECT case_number FROM applications WHERE operator=? AND status='active'",
                               (operator.username,)).fetchall():
                load(c, r[0])
            kinds = ",".join("?" * len(PERSONAL_EVENTS))
            rows = c.execute(
                f"SELECT e.* FROM case_events e JOIN applications a USING(case_number) WHERE a.operator=? AND e.id>?"
                f" AND e.kind NOT IN ({kinds}) ORDER BY e.id LIMIT ?",
                (operator.username, after, *sorted(PERSONAL_EVENTS), limit)).fetchall()
        return [event_of(e) for e in rows]

    # --- the training clock -----------------------------------------------------------------------------
    def training_only() -> None:
        if not settings.training or not hasattr(clock, "advance"):
            from kiosk.sandbox.app import M_TRAINING_ONLY

            raise ApiProblem(404, "training_only", M_TRAINING_ONLY)

    def clock_state() -> ClockState:
        return ClockState(now=clock.now(), speed=getattr(clock, "speed", 1.0))

    @app.get(f"{API_PREFIX}/training/clock", response_model=ClockState, tags=["training"])
    def get_clock(operator: OperatorDep) -> ClockState:
        training_only()
        return clock_state()

    @app.post(f"{API_PREFIX}/training/clock/advance", response_model=ClockState, tags=["training"])
    def advance_clock(body: ClockAdvance, operator: OperatorDep) -> ClockState:
        """Moves the case clock forward (a trainer's "a week later")."""
        training_only()
        clock.advance(body.days * 86400)
        return clock_state()

    app.state.case_engine = engine
    app.state.open_case = ensure
    return engine
