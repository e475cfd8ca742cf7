"""Case tracking over real HTTP: a permit case runs from the plan-preparation order through agency
objections, drawings, the permit, a violation and its fine, to the completion certificate, with a delay
report to 3890 on the way. The case clock is moved by the test; sign-in and consent keep real time."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

import pytest

from kiosk.api_client import ValidationFailed
from kiosk.contract import DelayReportIn, DrawingsSubmission, ProjectSpec
from kiosk.domain.identifiers import parse_bill
from kiosk.sandbox.app import SandboxSettings
from kiosk.sandbox.clock import ManualClock, SystemClock
from kiosk.sandbox.server import SandboxServer
from kiosk.uploads import UploadSpool, Uploads
from tests.integration.test_permit_api import PROJECT, OWNER, submission, upload_all
from tests.integration.test_sandbox_api import NEW, SEEDED, consent_for

DAY = 86400
PDF = b"%PDF-1.4\n" + b"drawing " * 200 + b"\n%%EOF\n"


@pytest.fixture
def case_clock():
    return ManualClock(dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.timezone.utc))


@pytest.fixture
def chance():
    return 0.99  # no chance objections unless a test asks for them


@pytest.fixture
def sandbox(tmp_path, case_clock, chance):
    server = SandboxServer(tmp_path / "sandbox.sqlite3", clock=SystemClock(), case_clock=case_clock,
                           settings=SandboxSettings(agency_chance=chance))
    server.start()
    yield server
    server.close()


@pytest.fixture
def grant(signed_in, sandbox):
    return consent_for(signed_in, sandbox, SEEDED)


@pytest.fixture
def uploads(tmp_path, signed_in):
    spool = UploadSpool(tmp_path / "spool", bytes(range(32)))
    yield Uploads(spool, lambda: signed_in)
    spool.close()


def open_case(api, consent, code="8-15-30", project=PROJECT) -> str:
    draft = api.create_draft({}, consent)
    upload_all(api, draft.draft_id, consent)
    return api.submit_permit(draft.draft_id, submission(api, project=project, code=code), consent).case_number


def pay_current(api, case_number, consent):
    view = api.case(case_number, consent)
    assert "pay" in view.actions, view.next_step
    bill = view.current.bill
    assert parse_bill(bill.bill_id, bill.payment_id).valid
    api.training_bank_pay(bill.bill_id, bill.payment_id)
    return bill


def send_drawings(api, uploads, case_number, consent, sheets=("architecture", "structure", "installations"),
                  extra=b""):
    round_ = api.case(case_number, consent).current.attempt
    for sheet in sheets:
        job = uploads.spool.add(case_number, sheet, PDF + sheet.encode() + extra, f"{sheet}.pdf", "application/pdf", consent,
                                target="cases", tag=str(round_))
        uploads.run(job)


def declared(floors=3, area=450, units=3, height=10):
    return DrawingsSubmission(floors=floors, total_area=Decimal(area), units=units, height=Decimal(height))


def current(api, case_number, consent=None):
    view = api.case(case_number, consent)
    return view, (view.current.stage_id if view.current else None)


def test_a_case_runs_from_the_order_to_the_completion_certificate(signed_in, sandbox, grant, case_clock, uploads):
    c = grant.consent_id
    case = open_case(signed_in, c)
    view, stage = current(signed_in, case, c)
    assert stage == "order_payment" and view.actions == ["pay"] and "ریال" in view.next_step
    assert [s.state for s in view.stages][:2] == ["active", "upcoming"]
    assert "heritage_inquiry" not in [s.stage_id for s in view.stages]  # not a heritage parcel
    assert view.issued[0].kind == "plan_order" and view.applicant == "زهرا کریمی"
    pay_current(signed_in, case, c)
    assert current(signed_in, case, c)[1] == "inspection"
    case_clock.advance(2 * DAY)
    view, stage = current(signed_in, case, c)
    assert stage == "designers"
    skipped = {s.stage_id for s in view.stages if s.state == "skipped"}
    assert skipped == {"heritage_inquiry", "expert_valuation"}
    inspection = next(s for s in view.stages if s.stage_id == "inspection")
    assert inspection.state == "done" and inspection.answered_by and inspection.finished_at - inspection.started_at \
        == dt.timedelta(days=2)
    case_clock.advance(3 * DAY)
    view, stage = current(signed_in, case, c)
    assert stage == "drawings" and view.actions == ["upload_drawings"] and view.designer and view.supervisor

    with pytest.raises(ValidationFailed) as info:
        signed_in.submit_drawings(case, declared(), c)
    assert info.value.code == "sheets_missing" and "سازه" in info.value.text
    send_drawings(signed_in, uploads, case, c)
    with pytest.raises(ValidationFailed) as info:
        signed_in.submit_drawings(case, declared(floors=4, area=600), c)
    assert {p.field for p in info.value.problems} == {"floors", "total_area"}
    view = signed_in.submit_drawings(case, declared(area=440), c)
    assert view.current.stage_id == "drawings_review" and len(view.documents) == 3
    with pytest.raises(ValidationFailed) as info:  # a second submission is refused, not duplicated
        signed_in.submit_drawings(case, declared(area=440), c)
    assert info.value.code == "drawings_submitted"
    with pytest.raises(ValidationFailed) as info:
        send_drawings(signed_in, uploads, case, c, sheets=("structure",), extra=b"v2")
    assert info.value.code == "drawings_submitted"
    send_drawings(signed_in, uploads, case, c, sheets=("structure",))  # the same file again: the same answer
    assert len(signed_in.case(case, c).documents) == 3

    case_clock.advance(4 * DAY)
    view, stage = current(signed_in, case, c)
    assert stage == "permit_payment"
    assert all(line.stage == "permit" for line in view.current.bill.items)
    pay_current(signed_in, case, c)
    case_clock.advance(2 * DAY)
    view, stage = current(signed_in, case, c)
    assert stage == "construction"
    permit = next(d for d in view.issued if d.kind == "permit")
    assert permit.data["total_area"] == "440.0" and permit.data["supervisor"] == view.supervisor
    case_clock.advance(25 * DAY + 3 * DAY)
    view, stage = current(signed_in, case, c)
    assert stage == "registry"
    assert {"article100", "fine_payment"} <= {s.stage_id for s in view.stages if s.state == "skipped"}
    case_clock.advance(4 * DAY)
    view, stage = current(signed_in, case, c)
    assert view.status == "completed" and stage is None and view.next_step
    assert [d.kind for d in view.issued] == ["plan_order", "permit", "certificate"]
    assert all(d.data.get("zone_title") for d in view.issued)  # every paper names the zone (a «—» on the permit)
    assert not signed_in.parcel_by_code("8-15-30").under_application  # the parcel is free for a new request
    kinds = [e.kind for e in view.history]
    assert kinds[0] == "case_opened" and kinds[-1] == "case_completed" and "permit_issued" in kinds
    with sandbox.db.tx() as db, pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE case_events SET text='x'")  # the history is append-only


@pytest.mark.parametrize("chance", [0.0])
def test_objections_a_late_agency_a_delay_report_and_a_violation(signed_in, sandbox, grant, case_clock, uploads):
    c = grant.consent_id
    parcel = signed_in.parcel_by_code("3-42-117")
    fit = signed_in.quote("3-42-117", ProjectSpec(floors=2, floor_area=Decimal(1000), units=2, parking=9)).zoning
    project = ProjectSpec(floors=2, floor_area=fit.fit_floor_area, units=2, parking=2)
    case = open_case(signed_in, c, code="3-42-117", project=project)
    area = 2 * fit.fit_floor_area
    pay_current(signed_in, case, c)
    case_clock.advance(2 * DAY)
    # the inspector objects; the stage waits for the citizen, who cannot report a delay on herself
    view, stage = current(signed_in, case, c)
    assert view.current.phase == "response" and view.actions == ["respond"] and view.current.reason
    assert view.current.reason in view.next_step
    with pytest.raises(ValidationFailed) as info:
        signed_in.file_report(case, DelayReportIn(), c)
    assert info.value.code == "stage_with_citizen"
    view = signed_in.respond_to_objection(case, "نقشهٔ UTM تأییدشده تحویل شد", c)
    assert view.current.stage_id == "inspection" and view.current.attempt == 2
    case_clock.advance(2 * DAY)
    view, stage = current(signed_in, case, c)
    assert stage == "heritage_inquiry" and parcel.heritage_site
    case_clock.advance(5 * DAY)
    with pytest.raises(ValidationFailed) as info:
        signed_in.file_report(case, DelayReportIn(stage_id="heritage_inquiry"), c)
    assert info.value.code == "stage_on_time" and "۵" in info.value.text
    case_clock.advance(6 * DAY)  # heritage promised 10 days and takes 14: a day overdue now
    view = signed_in.case(case, c)
    assert "report_delay" in view.actions and "۳۸۹۰" in view.next_step
    key = "report-once"
    report = signed_in.file_report(case, DelayReportIn(stage_id="heritage_inquiry", text="منتظریم"), c,
                                   idempotency_key=key)
    again = signed_in.file_report(case, DelayReportIn(stage_id="heritage_inquiry", text="منتظریم"), c,
                                  idempotency_key=key)
    assert again.report_number == report.report_number and report.days_overdue == 1
    assert report.report_number.startswith("3890")
    with pytest.raises(ValidationFailed) as info:
        signed_in.file_report(case, DelayReportIn(stage_id="heritage_inquiry"), c)
    assert info.value.code == "report_exists"
    with pytest.raises(ValidationFailed) as info:
        signed_in.file_report(case, DelayReportIn(kind="grievance", text="کوتاه"), c)
    assert info.value.code == "report_reason"
    case_clock.advance(2 * DAY)
    view, stage = current(signed_in, case, c)
    assert view.reports[0].answer and stage == "heritage_inquiry"
    case_clock.advance(1 * DAY + 3 * DAY)  # heritage answers at day 14, designers three days later
    assert current(signed_in, case, c)[1] == "drawings"

    # round 1: the engineering office objects (chance); round 2: heritage finds the building too tall
    send_drawings(signed_in, uploads, case, c)
    signed_in.submit_drawings(case, declared(floors=2, area=area, units=2, height=10), c)
    case_clock.advance(4 * DAY)
    view, stage = current(signed_in, case, c)
    assert stage == "drawings" and view.current.attempt == 2 and "تأسیسات" in view.next_step
    with pytest.raises(ValidationFailed) as info:  # a new round needs its own sheets
        signed_in.submit_drawings(case, declared(floors=2, area=area, units=2, height=10), c)
    assert info.value.code == "sheets_missing"
    send_drawings(signed_in, uploads, case, c)
    signed_in.submit_drawings(case, declared(floors=2, area=area, units=2, height=10), c)
    case_clock.advance(4 * DAY + 6 * DAY)
    view, stage = current(signed_in, case, c)
    heritage = [s for s in view.stages if s.stage_id == "heritage_drawings" and s.state == "objection"]
    assert stage == "drawings" and view.current.attempt == 3 and "ارتفاع" in heritage[0].reason
    send_drawings(signed_in, uploads, case, c)
    signed_in.submit_drawings(case, declared(floors=2, area=area, units=2, height=6.5), c)
    case_clock.advance(4 * DAY + 6 * DAY)
    assert current(signed_in, case, c)[1] == "permit_payment"
    pay_current(signed_in, case, c)
    case_clock.advance(2 * DAY)
    view, stage = current(signed_in, case, c)
    assert stage == "insurance" and view.current.phase == "response"
    signed_in.respond_to_objection(case, "رسید بیمه ۱۲۳۴۵", c)
    case_clock.advance(2 * DAY + 25 * DAY + 3 * DAY + 10 * DAY)
    view, stage = current(signed_in, case, c)
    assert stage == "fine_payment" and view.current.bill.items[0].stage == "fine"
    assert "certificate" not in [d.kind for d in view.issued]  # blocked until the fine is paid
    pay_current(signed_in, case, c)
    case_clock.advance(4 * DAY)
    view = signed_in.case(case, c)
    assert view.status == "completed"
    certificate = next(d for d in view.issued if d.kind == "certificate")
    assert certificate.data["violation"] == "yes" and int(certificate.data["fine"]) > 0


def test_tracking_code_shows_a_public_view_and_personal_data_needs_consent(signed_in, sandbox, grant):
    case = open_case(signed_in, grant.consent_id)
    code = signed_in.case(case, grant.consent_id).tracking_code
    assert code.startswith(case + "-") and len(code) == len(case) + 9
    public = signed_in.case(code)
    assert not public.personal and public.applicant is None and public.history == [] and public.actions == []
    assert public.current.bill is None and public.stages and public.next_step
    for guess in (case, f"{case}-00000000", f"{int(case) + 1}"):  # numbers can be counted: they open nothing
        with pytest.raises(ValidationFailed) as info:
            signed_in.case(guess)
        assert info.value.status == 404
    stranger = consent_for(signed_in, sandbox, NEW)
    assert not signed_in.case(code, stranger.consent_id).personal
    with pytest.raises(ValidationFailed) as info:
        signed_in.file_report(case, DelayReportIn(kind="grievance", text="شکایت از رفتار کارمند باجه"),
                              stranger.consent_id)
    assert info.value.code == "case_consent"
    with pytest.raises(ValidationFailed) as info:
        signed_in.cases_of(stranger.consent_id, national_code=SEEDED[0])
    assert info.value.code == "case_consent"
    mine = signed_in.cases_of(grant.consent_id, national_code="۰۴۹۹۳۷۰۸۹۹")
    assert [s.case_number for s in mine] == [case] and mine[0].current_title
    efile = signed_in.get_efile(SEEDED[0], grant.consent_id)
    assert [s.case_number for s in signed_in.cases_of(grant.consent_id, file_number=efile.file_number)] == [case]
    with pytest.raises(ValidationFailed) as info:
        signed_in.case("14050899999")
    assert info.value.code == "case_not_found" and info.value.status == 404


def test_the_clerk_hears_about_her_cases_only(signed_in, sandbox, grant, case_clock):
    case = open_case(signed_in, grant.consent_id)
    pay_current(signed_in, case, grant.consent_id)
    case_clock.advance(2 * DAY)
    events = signed_in.case_events()
    assert {e.case_number for e in events} == {case} and "approved" in [e.kind for e in events]
    assert signed_in.case_events(after=events[-1].id) == []
    from kiosk.api_client import ApiSession, KioskApi

    other_token = signed_in.login("cafe1", "amoozesh-c").token
    other = KioskApi(ApiSession(sandbox.url, token_provider=lambda: other_token))
    assert other.case_events() == []


def test_timetable_and_the_training_clock(signed_in):
    table = signed_in.timetable()
    ids = [s.stage_id for s in table.stages]
    assert ids[0] == "order_payment" and ids[-1] == "completion" and table.whistleblowing_line == "3890"
    assert next(s for s in table.stages if s.stage_id == "heritage_inquiry").condition
    assert {s.id for s in table.drawing_sheets if s.mandatory} == {"architecture", "structure", "installations"}
    before = signed_in.training_clock().now
    after = signed_in.training_advance_clock(7).now
    assert after - before >= dt.timedelta(days=7)
