"""The sandbox's routes: operators, citizen consent by one-time code, electronic files, training SMS."""


import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kiosk import __version__
from kiosk.contract import (
    API_PREFIX, CONSENT_HEADER, ConsentGrant, District, ErrorBody, EFile, EFileFields, EFileUpdate, Health, LoginRequest,
    LoginResponse, Operator, OtpChallenge, OtpRequest, OtpVerify, SmsMessage,
)
from kiosk.domain import identifiers
from kiosk.domain.digits import to_persian_digits
from kiosk.domain.jalali import jalali_year
from kiosk.domain.normalize import digits_only, normalize_text
from kiosk.domain.person import validate_efile
from kiosk.domain.problems import QT_TRANSLATE_NOOP
from kiosk.paths import resource
from kiosk.sandbox.clock import SystemClock
from kiosk.sandbox.db import Database, iso as _iso, parse_at as _at
from kiosk.sandbox.strict_json import StrictJsonRoute
from kiosk.sandbox.errors import (
    ApiProblem, api_problem_handler, internal_error_handler, request_validation_handler, validation_failed,
)
from kiosk.sandbox.idempotency import IdempotencyMiddleware




@dataclass(frozen=True)
class SandboxSettings:
    training: bool = True
    token_ttl: dt.timedelta = dt.timedelta(hours=8)
    login_max_failures: int = 5
    login_lock: dt.timedelta = dt.timedelta(minutes=5)
    otp_ttl: dt.timedelta = dt.timedelta(minutes=2)
    otp_max_failures: int = 3
    otp_lock: dt.timedelta = dt.timedelta(seconds=60)
    otp_resend_interval: dt.timedelta = dt.timedelta(seconds=60)
    otp_max_resends: int = 3
    otp_max_challenges_per_hour: int = 6
    consent_ttl: dt.timedelta = dt.timedelta(minutes=30)
    draft_ttl: dt.timedelta = dt.timedelta(days=14)
    queued_write_grace: dt.timedelta = dt.timedelta(hours=24)
    idempotency_retention: dt.timedelta = dt.timedelta(days=14)
    max_draft_bytes: int = 64 * 1024
    clock_speed: float = 1.0  # the case clock: 1440 runs a day a minute (training classes)
    agency_chance: float | None = None  # pins the simulated agencies' dice (tests); None: per case
    signing_key: str | None = None  # "key-id:base64-seed" (tests); None: the training key, or the live key file


# --- messages (English source, Persian in translations/fa) --------------------------------------
M_BAD_LOGIN = QT_TRANSLATE_NOOP("Sandbox", "The username or password is wrong.")
M_LOGIN_LOCKED = QT_TRANSLATE_NOOP(
    "Sandbox", "Too many wrong passwords: this account is locked for {minutes} minutes.")
M_NO_TOKEN = QT_TRANSLATE_NOOP("Sandbox", "Sign in first.")
M_TOKEN_EXPIRED = QT_TRANSLATE_NOOP("Sandbox", "Your session has ended. Sign in again.")
M_MOBILE_MISMATCH = QT_TRANSLATE_NOOP(
    "Sandbox", "This mobile number is not the one registered in this citizen's e-file. Use the registered "
               "number or update the e-file at a district office.")
M_TOO_MANY_CHALLENGES = QT_TRANSLATE_NOOP(
    "Sandbox", "Too many codes were requested for this national code. Try again in {minutes} minutes.")
M_CHALLENGE_UNKNOWN = QT_TRANSLATE_NOOP("Sandbox", "This confirmation request was not found. Request a new code.")
M_OTP_EXPIRED = QT_TRANSLATE_NOOP("Sandbox", "The code has expired. Request a new code.")
M_OTP_USED = QT_TRANSLATE_NOOP("Sandbox", "This code has already been used. Request a new code.")
M_OTP_LOCKED = QT_TRANSLATE_NOOP(
    "Sandbox", "Too many wrong codes. Wait {seconds} seconds, then try again.")
M_OTP_WRONG = QT_TRANSLATE_NOOP(
    "Sandbox", "The code is wrong. {attempts} attempts left before a short lock.")
M_RESEND_TOO_SOON = QT_TRANSLATE_NOOP("Sandbox", "A new code can be sent in {seconds} seconds.")
M_RESEND_LIMIT = QT_TRANSLATE_NOOP(
    "Sandbox", "No more codes can be sent for this request. Start again with the national code.")
M_NO_CONSENT = QT_TRANSLATE_NOOP(
    "Sandbox", "The citizen's consent is missing or has expired. Ask for a new one-time code.")
M_EFILE_NOT_FOUND = QT_TRANSLATE_NOOP("Sandbox", "This citizen has no electronic file yet.")
M_EFILE_EXISTS = QT_TRANSLATE_NOOP("Sandbox", "This citizen already has an electronic file.")
M_EFILE_STALE = QT_TRANSLATE_NOOP(
    "Sandbox", "The e-file was changed by someone else meanwhile. Reopen it and apply your change again.")
M_TRAINING_ONLY = QT_TRANSLATE_NOOP("Sandbox", "This is available on the training server only.")
SMS_TEXT = QT_TRANSLATE_NOOP(
    "Sandbox", "Isfahan Municipality: your confirmation code is {code}. Tell it only to the service desk "
               "operator in front of you. Valid for 2 minutes.")


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _password_hash(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)




def _seconds_until(later: dt.datetime, now: dt.datetime) -> int:
    return max(1, int((later - now).total_seconds() + 0.999))


def seed(db: Database, path: Path | None = None) -> None:
    """Load the training accounts, districts and sample citizens once (a re-run changes nothing)."""
    data = json.loads((path or resource("sandbox", "seed.json")).read_text(encoding="utf-8"))
    with db.tx() as c:
        if not c.execute("SELECT 1 FROM parcels LIMIT 1").fetchone():
            # Parcels came after the first release of the sandbox: older training databases get them too.
            from kiosk.sandbox.parcels import Land

            c.executemany(
                "INSERT INTO parcels(renovation_code, section, main, sub, district, zone, area_deed, area_survey,"
                " street_width, price, years_unpaid, address, heritage) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(p["renovation_code"], p["section"], p["main"], p["sub"], p["district"], p["zone"], p["area_deed"],
                  p["area_survey"], p["street_width"], p["price"], p["years_unpaid"], p["address"], p["heritage"])
                 for p in Land.load().generate()])
        known = {r[0] for r in c.execute("SELECT username FROM operators")}
        for op in data["operators"]:  # accounts added to the seed later reach older training databases too
            if op["username"] in known:
                continue
            salt = secrets.token_bytes(16)
            c.execute(
                "INSERT INTO operators(username, password_hash, salt, full_name, office, kind, district)"
                " VALUES (?,?,?,?,?,?,?)",
                (op["username"], _password_hash(op["password"], salt), salt, op["full_name"], op["office"],
                 op["kind"], op["district"]),
            )
        if not c.execute("SELECT value FROM meta WHERE key='tracking_secret'").fetchone():
            c.execute("INSERT INTO meta(key, value) VALUES ('tracking_secret', ?)", (secrets.token_hex(32),))
        if c.execute("SELECT value FROM meta WHERE key='seeded'").fetchone():
            return
        for d in data["districts"]:
            c.execute("INSERT INTO districts(number, name) VALUES (?,?)", (d["number"], d["name"]))
        now = _iso(dt.datetime.now(dt.timezone.utc))
        for i, p in enumerate(data.get("citizens", []), start=1):
            c.execute(
                "INSERT INTO efiles(national_code, file_number, mobile, first_name, last_name, father_name,"
                " birth_date, address, postal_code, district, email, created_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (p["national_code"], f"1400-{p['district']:02d}-{i:06d}", p["mobile"], p["first_name"],
                 p["last_name"], p["father_name"], p["birth_date"], p["address"], p["postal_code"],
                 p["district"], p["email"], now, now),
            )
        c.execute("INSERT INTO meta(key, value) VALUES ('seeded', ?)", (now,))


def create_app(db: Database, clock=None, settings: SandboxSettings | None = None, case_clock=None,
               workflow=None) -> FastAPI:
    """``clock`` is real time (sign-in, codes, consent); ``case_clock`` moves cases and may run fast.
    A test that passes only ``clock`` gets the same clock for both."""
    settings = settings or SandboxSettings()
    if case_clock is None:
        if clock is not None:
            case_clock = clock
        else:
            from kiosk.sandbox.clock import TrainingClock, latest_case_time

            now = dt.datetime.now(dt.timezone.utc)
            case_clock = TrainingClock(max(now, latest_case_time(db) or now), settings.clock_speed)
    clock = clock or SystemClock()
    app = FastAPI(
        title="Isfahan counter kiosk — training municipal API",
        version="1",
        description="The contract between the counter kiosk and a municipal server (see kiosk.sandbox.openapi).",
        responses={
            "4XX": {"model": ErrorBody, "description": "Refused; `error.message` says why, in Persian"},
            "5XX": {"model": ErrorBody, "description": "The server failed; retry later"},
        },
    )
    app.router.route_class = StrictJsonRoute  # NaN, 1e400 and duplicate keys are not JSON (strict_json)
    app.state.db = db
    app.state.clock = clock
    app.state.case_clock = case_clock
    app.state.settings = settings
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from kiosk.sandbox.errors import http_error_handler
    from kiosk.sandbox.guards import GuardMiddleware, Operations

    app.add_exception_handler(ApiProblem, api_problem_handler)
    app.add_exception_handler(RequestValidationError, request_validation_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(Exception, internal_error_handler)
    def principal_of(c, authorization: str) -> str | None:
        """The operator a request acts for: whose valid token it carries; "" for no token; None for a token
        that is unknown, revoked or expired (a replay then asks the clerk to sign in again)."""
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return ""
        row = c.execute("SELECT username, revoked, expires_at FROM tokens WHERE token_hash=?",
                        (_hash(token.strip()),)).fetchone()
        if row is None or row["revoked"] or _at(row["expires_at"]) <= clock.now():
            return None
        return row["username"]

    app.add_middleware(IdempotencyMiddleware, db=db, clock=clock, principal_of=principal_of,
                       retention=settings.idempotency_retention)

    from kiosk.sandbox.openapi import served_operations

    app.state.operations = Operations(lambda: served_operations(app))
    # Added last: outside the idempotency middleware (limits and the contract's addresses come first).
    app.add_middleware(GuardMiddleware, operations=app.state.operations)
    bearer = HTTPBearer(auto_error=False, description="The operator's token from /auth/login")

    # --- dependencies ----------------------------------------------------------------------------
    def current_operator(
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Operator:
        if creds is None:
            raise ApiProblem(401, "unauthorized", M_NO_TOKEN)
        now = clock.now()
        with db.tx() as c:
            row = c.execute(
                "SELECT o.*, t.expires_at, t.revoked FROM tokens t JOIN operators o USING(username)"
                " WHERE t.token_hash=?", (_hash(creds.credentials),)
            ).fetchone()
        if row is None or row["revoked"]:
            raise ApiProblem(401, "token_invalid", M_TOKEN_EXPIRED)
        if _at(row["expires_at"]) <= now:
            raise ApiProblem(401, "token_expired", M_TOKEN_EXPIRED)
        return Operator(username=row["username"], full_name=row["full_name"], office=row["office"],
                        kind=row["kind"], district=row["district"])

    OperatorDep = Annotated[Operator, Depends(current_operator)]

    def load_consent(consent: str | None, grace: dt.timedelta, operator: Operator) -> dict:
        """The citizen's consent — only for the clerk who obtained it (another clerk needs her own code)."""
        if not consent:
            raise ApiProblem(403, "consent_required", M_NO_CONSENT)
        with db.tx() as c:
            row = c.execute("SELECT * FROM consents WHERE id_hash=?", (_hash(consent),)).fetchone()
        if row is None or _at(row["valid_until"]) + grace <= clock.now() or row["operator"] != operator.username:
            raise ApiProblem(403, "consent_required", M_NO_CONSENT)
        return dict(row)

    def citizen_consent(
        operator: OperatorDep,
        consent: Annotated[str | None, Header(alias=CONSENT_HEADER)] = None,
    ) -> dict:
        return load_consent(consent, dt.timedelta(0), operator)

    def citizen_consent_for_queued_write(
        operator: OperatorDep,
        consent: Annotated[str | None, Header(alias=CONSENT_HEADER)] = None,
    ) -> dict:
        """A request the citizen made at the counter may arrive later from the kiosk's outbox (the counter
        was offline): the consent given during the visit covers it for a day."""
        return load_consent(consent, settings.queued_write_grace, operator)

    ConsentDep = Annotated[dict, Depends(citizen_consent)]
    ConsentWriteDep = Annotated[dict, Depends(citizen_consent_for_queued_write)]

    def audit(c, actor: str, action: str, subject: str, detail: str = "") -> None:
        c.execute("INSERT INTO audit(at, actor, action, subject, detail) VALUES (?,?,?,?,?)",
                  (_iso(clock.now()), actor, action, subject, detail))

    def efile_of(row) -> EFile:
        return EFile(
            file_number=row["file_number"], national_code=row["national_code"], mobile=row["mobile"],
            first_name=row["first_name"], last_name=row["last_name"], father_name=row["father_name"],
            birth_date=dt.date.fromisoformat(row["birth_date"]), address=row["address"],
            postal_code=row["postal_code"], district=row["district"], email=row["email"],
            created_at=_at(row["created_at"]), updated_at=_at(row["updated_at"]), version=row["version"],
        )

    def clean_efile(body: EFileFields) -> dict:
        clean, problems = validate_efile(
            first_name=body.first_name, last_name=body.last_name, father_name=body.father_name,
            birth_date=body.birth_date, address=body.address, postal_code=body.postal_code,
            district=body.district, email=body.email, today=clock.now().date(),
        )
        if problems:
            raise validation_failed(problems)
        return clean

    # --- routes ----------------------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/health", response_model=Health, tags=["service"])
    def health() -> Health:
        return Health(training=settings.training, api_version=__version__, server_time=clock.now(),
                      idempotency_retention_days=settings.idempotency_retention.days,
                      queued_write_grace_hours=int(settings.queued_write_grace.total_seconds() // 3600))

    @app.post(f"{API_PREFIX}/auth/login", response_model=LoginResponse, tags=["operators"])
    def login(body: LoginRequest) -> LoginResponse:
        now = clock.now()
        username = normalize_text(body.username).lower()
        with db.tx() as c:
            row = c.execute("SELECT * FROM operators WHERE username=?", (username,)).fetchone()
            if row is None:
                raise ApiProblem(401, "invalid_credentials", M_BAD_LOGIN, field="password")
            locked_until = _at(row["locked_until"])
            if locked_until and locked_until > now:
                minutes = max(1, _seconds_until(locked_until, now) // 60)
                raise ApiProblem(429, "login_locked", M_LOGIN_LOCKED, params={"minutes": minutes},
                                 retry_after=_seconds_until(locked_until, now))
            if not hmac.compare_digest(_password_hash(body.password, row["salt"]), row["password_hash"]):
                failures = row["failed_logins"] + 1
                lock = _iso(now + settings.login_lock) if failures >= settings.login_max_failures else None
                c.execute("UPDATE operators SET failed_logins=?, locked_until=? WHERE username=?",
                          (0 if lock else failures, lock, username))
                audit(c, username, "login_failed", username)
                # Commit the counter, then refuse (raising inside tx would roll it back).
                refused = True
            else:
                refused = False
                token = secrets.token_urlsafe(32)
                expires = now + settings.token_ttl
                c.execute("UPDATE operators SET failed_logins=0, locked_until=NULL WHERE username=?", (username,))
                c.execute("INSERT INTO tokens(token_hash, username, issued_at, expires_at) VALUES (?,?,?,?)",
                          (_hash(token), username, _iso(now), _iso(expires)))
                audit(c, username, "login", username)
        if refused:
            raise ApiProblem(401, "invalid_credentials", M_BAD_LOGIN, field="password")
        return LoginResponse(token=token, expires_at=expires, operator=Operator(
            username=row["username"], full_name=row["full_name"], office=row["office"], kind=row["kind"],
            district=row["district"]))

    @app.post(f"{API_PREFIX}/auth/logout", status_code=204, tags=["operators"])
    def logout(operator: OperatorDep, creds: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]) -> None:
        with db.tx() as c:
            c.execute("UPDATE tokens SET revoked=1 WHERE token_hash=?", (_hash(creds.credentials),))
            audit(c, operator.username, "logout", operator.username)

    @app.get(f"{API_PREFIX}/auth/me", response_model=Operator, tags=["operators"])
    def me(operator: OperatorDep) -> Operator:
        return operator

    @app.get(f"{API_PREFIX}/districts", response_model=list[District], tags=["reference"])
    def districts() -> list[District]:
        with db.tx() as c:
            rows = c.execute("SELECT number, name FROM districts ORDER BY number").fetchall()
        return [District(number=r["number"], name=r["name"]) for r in rows]

    def challenge_of(row, now: dt.datetime) -> OtpChallenge:
        locked = _at(row["locked_until"])
        return OtpChallenge(
            challenge_id=row["id"],
            masked_mobile=identifiers.mask_mobile(row["mobile"]),
            expires_at=_at(row["expires_at"]),
            resend_available_at=_at(row["last_sent_at"]) + settings.otp_resend_interval,
            resends_left=settings.otp_max_resends - row["resends"],
            attempts_left=settings.otp_max_failures - row["failed"] if not (locked and locked > now) else 0,
        )

    def send_code(c, mobile: str, now: dt.datetime) -> str:
        code = f"{secrets.randbelow(10**6):06d}"
        from kiosk.sandbox.i18n import persian

        text = persian().translate("Sandbox", SMS_TEXT).format(code=to_persian_digits(code))
        c.execute("INSERT INTO sms_inbox(mobile, text, sent_at) VALUES (?,?,?)", (mobile, text, _iso(now)))
        return code

    @app.post(f"{API_PREFIX}/otp", response_model=OtpChallenge, status_code=201, tags=["consent"])
    def request_otp(body: OtpRequest, operator: OperatorDep) -> OtpChallenge:
        national_code, p1 = identifiers.check_national_code(body.national_code)
        mobile, p2 = identifiers.check_mobile(body.mobile)
        problems = [p for p in (p1, p2) if p]
        if problems:
            raise validation_failed(problems)
        now = clock.now()
        with db.tx() as c:
            efile = c.execute("SELECT mobile FROM efiles WHERE national_code=?", (national_code,)).fetchone()
            if efile is not None and efile["mobile"] != mobile:
                raise ApiProblem(422, "mobile_mismatch", M_MOBILE_MISMATCH, field="mobile")
            hour_ago = _iso(now - dt.timedelta(hours=1))
            recent = c.execute(
                "SELECT created_at FROM otp_challenges WHERE national_code=? AND created_at>? ORDER BY created_at",
                (national_code, hour_ago)).fetchall()
            if len(recent) >= settings.otp_max_challenges_per_hour:
                free_at = _at(recent[0]["created_at"]) + dt.timedelta(hours=1)
                wait = _seconds_until(free_at, now)
                raise ApiProblem(429, "otp_rate_limited", M_TOO_MANY_CHALLENGES,
                                 params={"minutes": max(1, wait // 60)}, retry_after=wait)
            challenge_id = secrets.token_urlsafe(16)
            code = send_code(c, mobile, now)
            c.execute(
                "INSERT INTO otp_challenges(id, national_code, mobile, operator, code_hash, created_at, expires_at,"
                " last_sent_at) VALUES (?,?,?,?,?,?,?,?)",
                (challenge_id, national_code, mobile, operator.username, _hash(challenge_id + code), _iso(now),
                 _iso(now + settings.otp_ttl), _iso(now)))
            audit(c, operator.username, "otp_requested", identifiers.mask_national_code(national_code))
            row = c.execute("SELECT * FROM otp_challenges WHERE id=?", (challenge_id,)).fetchone()
        return challenge_of(row, now)

    def load_challenge(c, challenge_id: str, operator: Operator):
        row = c.execute("SELECT * FROM otp_challenges WHERE id=? AND operator=?",
                        (challenge_id, operator.username)).fetchone()
        if row is None:
            raise ApiProblem(404, "otp_challenge_unknown", M_CHALLENGE_UNKNOWN)
        if row["verified_at"]:
            raise ApiProblem(409, "otp_used", M_OTP_USED, field="code")
        return row

    @app.post(f"{API_PREFIX}/otp/{{challenge_id}}/resend", response_model=OtpChallenge, tags=["consent"])
    def resend_otp(challenge_id: str, operator: OperatorDep) -> OtpChallenge:
        now = clock.now()
        with db.tx() as c:
            row = load_challenge(c, challenge_id, operator)
            if row["resends"] >= settings.otp_max_resends:
                raise ApiProblem(429, "otp_resend_limit", M_RESEND_LIMIT)
            available = _at(row["last_sent_at"]) + settings.otp_resend_interval
            if available > now:
                wait = _seconds_until(available, now)
                raise ApiProblem(429, "otp_resend_too_soon", M_RESEND_TOO_SOON, params={"seconds": wait},
                                 retry_after=wait)
            code = send_code(c, row["mobile"], now)
            c.execute(
                "UPDATE otp_challenges SET code_hash=?, expires_at=?, last_sent_at=?, resends=resends+1 WHERE id=?",
                (_hash(challenge_id + code), _iso(now + settings.otp_ttl), _iso(now), challenge_id))
            row = c.execute("SELECT * FROM otp_challenges WHERE id=?", (challenge_id,)).fetchone()
        return challenge_of(row, now)

    @app.post(f"{API_PREFIX}/otp/{{challenge_id}}/verify", response_model=ConsentGrant, tags=["consent"])
    def verify_otp(challenge_id: str, body: OtpVerify, operator: OperatorDep) -> ConsentGrant:
        now = clock.now()
        code = digits_only(body.code)
        failure: ApiProblem | None = None
        with db.tx() as c:
            row = load_challenge(c, challenge_id, operator)
            locked = _at(row["locked_until"])
            if locked and locked > now:
                wait = _seconds_until(locked, now)
                raise ApiProblem(429, "otp_locked", M_OTP_LOCKED, field="code", params={"seconds": wait},
                                 retry_after=wait)
            if _at(row["expires_at"]) <= now:
                raise ApiProblem(410, "otp_expired", M_OTP_EXPIRED, field="code")
            if not hmac.compare_digest(_hash(challenge_id + code), row["code_hash"]):
                failed = row["failed"] + 1
                if failed >= settings.otp_max_failures:
                    lock_until = now + settings.otp_lock
                    c.execute("UPDATE otp_challenges SET failed=0, locked_until=? WHERE id=?",
                              (_iso(lock_until), challenge_id))
                    wait = _seconds_until(lock_until, now)
                    failure = ApiProblem(429, "otp_locked", M_OTP_LOCKED, field="code",
                                         params={"seconds": wait}, retry_after=wait)
                else:
                    c.execute("UPDATE otp_challenges SET failed=? WHERE id=?", (failed, challenge_id))
                    failure = ApiProblem(422, "otp_invalid", M_OTP_WRONG, field="code",
                                         params={"attempts": settings.otp_max_failures - failed})
                audit(c, operator.username, "otp_failed", identifiers.mask_national_code(row["national_code"]))
            else:
                consent_id = secrets.token_urlsafe(24)
                valid_until = now + settings.consent_ttl
                c.execute("UPDATE otp_challenges SET verified_at=? WHERE id=?", (_iso(now), challenge_id))
                c.execute(
                    "INSERT INTO consents(id_hash, national_code, mobile, operator, granted_at, valid_until)"
                    " VALUES (?,?,?,?,?,?)",
                    (_hash(consent_id), row["national_code"], row["mobile"], operator.username, _iso(now),
                     _iso(valid_until)))
                audit(c, operator.username, "consent_granted", identifiers.mask_national_code(row["national_code"]))
                efile = c.execute("SELECT * FROM efiles WHERE national_code=?", (row["national_code"],)).fetchone()
        if failure is not None:
            raise failure
        return ConsentGrant(consent_id=consent_id, national_code=row["national_code"], mobile=row["mobile"],
                            valid_until=valid_until, efile=efile_of(efile) if efile else None)

    @app.get(f"{API_PREFIX}/efiles/{{national_code}}", response_model=EFile, tags=["e-file"])
    def get_efile(national_code: str, consent: ConsentDep) -> EFile:
        if digits_only(national_code) != consent["national_code"]:
            raise ApiProblem(403, "consent_required", M_NO_CONSENT)
        with db.tx() as c:
            row = c.execute("SELECT * FROM efiles WHERE national_code=?", (consent["national_code"],)).fetchone()
        if row is None:
            raise ApiProblem(404, "efile_not_found", M_EFILE_NOT_FOUND)
        return efile_of(row)

    @app.post(f"{API_PREFIX}/efiles", response_model=EFile, status_code=201, tags=["e-file"])
    def create_efile(body: EFileFields, consent: ConsentDep, operator: OperatorDep) -> EFile:
        clean = clean_efile(body)
        now = clock.now()
        nc = consent["national_code"]
        with db.tx() as c:
            if c.execute("SELECT 1 FROM efiles WHERE national_code=?", (nc,)).fetchone():
                raise ApiProblem(409, "efile_exists", M_EFILE_EXISTS)
            serial = c.execute("SELECT COUNT(*) FROM efiles").fetchone()[0] + 1
            jyear = str(jalali_year(now.date()))
            file_number = f"{jyear}-{clean['district']:02d}-{serial:06d}"
            c.execute(
                "INSERT INTO efiles(national_code, file_number, mobile, first_name, last_name, father_name,"
                " birth_date, address, postal_code, district, email, created_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (nc, file_number, consent["mobile"], clean["first_name"], clean["last_name"], clean["father_name"],
                 clean["birth_date"].isoformat(), clean["address"], clean["postal_code"], clean["district"],
                 clean["email"], _iso(now), _iso(now)))
            audit(c, operator.username, "efile_created", file_number)
            row = c.execute("SELECT * FROM efiles WHERE national_code=?", (nc,)).fetchone()
        return efile_of(row)

    @app.put(f"{API_PREFIX}/efiles/{{national_code}}", response_model=EFile, tags=["e-file"])
    def update_efile(national_code: str, body: EFileUpdate, consent: ConsentDep, operator: OperatorDep) -> EFile:
        if digits_only(national_code) != consent["national_code"]:
            raise ApiProblem(403, "consent_required", M_NO_CONSENT)
        clean = clean_efile(body)
        now = clock.now()
        with db.tx() as c:
            row = c.execute("SELECT * FROM efiles WHERE national_code=?", (consent["national_code"],)).fetchone()
            if row is None:
                raise ApiProblem(404, "efile_not_found", M_EFILE_NOT_FOUND)
            if row["version"] != body.version:
                raise ApiProblem(409, "efile_stale", M_EFILE_STALE)
            c.execute(
                "UPDATE efiles SET first_name=?, last_name=?, father_name=?, birth_date=?, address=?, postal_code=?,"
                " district=?, email=?, updated_at=?, version=version+1 WHERE national_code=?",
                (clean["first_name"], clean["last_name"], clean["father_name"], clean["birth_date"].isoformat(),
                 clean["address"], clean["postal_code"], clean["district"], clean["email"], _iso(now),
                 consent["national_code"]))
            audit(c, operator.username, "efile_updated", row["file_number"])
            row = c.execute("SELECT * FROM efiles WHERE national_code=?", (consent["national_code"],)).fetchone()
        return efile_of(row)

    @app.get(f"{API_PREFIX}/training/sms", response_model=list[SmsMessage], tags=["training"])
    def training_sms(
        operator: OperatorDep,
        mobile: Annotated[str | None, Query(max_length=32)] = None,
        after_id: Annotated[int, Query(ge=0, le=2**53)] = 0,
    ) -> list[SmsMessage]:
        if not settings.training:
            raise ApiProblem(404, "training_only", M_TRAINING_ONLY)
        sql = "SELECT * FROM sms_inbox WHERE id>?"
        args: list = [after_id]
        if mobile:
            m, _p = identifiers.check_mobile(mobile)
            sql += " AND mobile=?"
            args.append(m or mobile)
        with db.tx() as c:
            rows = c.execute(sql + " ORDER BY id DESC LIMIT 20", args).fetchall()
        return [SmsMessage(id=r["id"], mobile=r["mobile"], text=r["text"], sent_at=_at(r["sent_at"])) for r in rows]

    from types import SimpleNamespace

    from kiosk.sandbox.permits import register as register_permits

    from kiosk.sandbox.cases import register as register_cases

    from kiosk.sandbox.seal import Sealer, load_sealer

    sealer = (Sealer.from_text(settings.signing_key, settings.training) if settings.signing_key
              else load_sealer(settings.training))
    with db.tx() as c:
        row = c.execute("SELECT value FROM meta WHERE key='tracking_secret'").fetchone()
        if row is None:  # a database the seed has not met yet (the contract generator's)
            c.execute("INSERT INTO meta(key, value) VALUES ('tracking_secret', ?)", (secrets.token_hex(32),))
            row = c.execute("SELECT value FROM meta WHERE key='tracking_secret'").fetchone()
    tracking_secret = bytes.fromhex(row[0])
    ctx = SimpleNamespace(db=db, clock=clock, case_clock=case_clock, settings=settings, sealer=sealer,
                          OperatorDep=OperatorDep,
                          current_operator=current_operator, load_consent=load_consent, ConsentDep=ConsentDep,
                          ConsentWriteDep=ConsentWriteDep, audit=audit, workflow=workflow,
                          tracking_secret=tracking_secret)
    register_permits(app, ctx)
    register_cases(app, ctx)
    from kiosk.sandbox import reconciliations

    app.include_router(reconciliations.router(ctx))
    from kiosk.sandbox import documents

    app.include_router(documents.router(ctx, app))
    from kiosk.sandbox.openapi import install

    install(app, int(settings.queued_write_grace.total_seconds() // 3600))
    return app
