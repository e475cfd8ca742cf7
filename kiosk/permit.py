"""The building-permit request being prepared at the counter, and its instant local estimate.

No Qt here: the wizard's screens read and write a :class:`PermitIntake`, which also knows how to become
the server draft (so a citizen can resume at home or at another counter) and the final submission.
:func:`estimate` runs the same zoning rules and fee engine as the server, from the parcel's published
rules and the cached tariff, so every keystroke gets an answer in well under a frame.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kiosk.contract import (
    AttorneyIn, ChecklistItem, Draft, FeeQuote, OwnerIn, Parcel, PermitApplication, PermitSubmission, ProjectSpec,
    TariffBooklet,
)
from kiosk.domain.digits import to_ascii_digits
from kiosk.domain.fees import Booklet, Quote, TariffError
from kiosk.domain.jalali import parse_jalali
from kiosk.domain.zoning import Assessment, BuildingRequest, ParcelRules, assess

log = logging.getLogger(__name__)

STEPS = ("parcel", "owners", "project", "documents", "summary", "done")


def rules_of(parcel: Parcel) -> ParcelRules:
    z = parcel.zone
    return ParcelRules(lot_area=parcel.lot_area, density_pct=z.density_pct, occupancy_pct=z.occupancy_pct,
                       max_floors=z.max_floors, min_street_width=z.min_street_width, street_width=parcel.street_width,
                       narrow_street_max_floors=z.narrow_street_max_floors, heritage_site=parcel.heritage_site,
                       heritage_max_floors=parcel.heritage_max_floors, parking_per_unit=z.parking_per_unit)


def fee_inputs(parcel: Parcel, project: ProjectSpec, assessment: Assessment) -> dict:
    total = max(assessment.requested_total, Decimal(0))
    commercial = {"residential": Decimal(0), "commercial": total,
                  "mixed": min(project.floor_area, total)}[project.use]
    return {"P": parcel.regional_price, "S": total, "S_land": parcel.lot_area, "S_commercial": commercial,
            "units": max(project.units, 0), "parking": max(project.parking, 0),
            "parking_shortfall": assessment.parking_shortfall, "years_unpaid": parcel.renovation_years_unpaid}


def estimate(parcel: Parcel, project: ProjectSpec, booklet: Booklet | None) -> tuple[Assessment, Quote | None]:
    """Zoning verdict and, when a tariff is at hand, the fee quote — exactly as the server computes them."""
    rules = rules_of(parcel)
    assessment = assess(rules, BuildingRequest(project.floors, project.floor_area, project.units, project.parking,
                                               project.use))
    if booklet is None:
        return assessment, None
    try:
        return assessment, booklet.quote(fee_inputs(parcel, project, assessment))
    except TariffError:
        log.warning("cached tariff cannot price this request")
        return assessment, None


def parse_area(text: str) -> Decimal | None:
    text = to_ascii_digits(text or "").strip().replace("٫", ".").replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


@dataclass
class PermitIntake:
    """Everything typed for one permit request. ``to_data``/``from_data`` is the draft's JSON."""

    renovation_code: str | None = None
    parcel: Parcel | None = None
    owners: list[dict] = field(default_factory=list)
    attorney: dict | None = None
    project: dict = field(default_factory=lambda: {"floors": 1, "floor_area": "", "units": 1, "parking": 0,
                                                   "use": "residential"})
    step: str = "parcel"
    draft: Draft | None = None
    checklist: list[ChecklistItem] = field(default_factory=list)
    quote: FeeQuote | None = None
    quote_for: tuple | None = None  # (renovation code, ProjectSpec) the server's quote was computed for
    application: PermitApplication | None = None

    # --- the draft on the server ---------------------------------------------------------------------
    def to_data(self) -> dict:
        return {"step": self.step, "renovation_code": self.renovation_code, "owners": self.owners,
                "attorney": self.attorney, "project": self.project}

    def load_data(self, draft: Draft) -> None:
        data = draft.data
        self.draft = draft
        self.step = data.get("step") if data.get("step") in STEPS else "parcel"
        self.renovation_code = data.get("renovation_code")
        self.owners = [dict(o) for o in data.get("owners") or []]
        self.attorney = dict(data["attorney"]) if data.get("attorney") else None
        self.project.update({k: v for k, v in (data.get("project") or {}).items() if k in self.project})

    # --- typed views ----------------------------------------------------------------------------------
    def project_spec(self) -> ProjectSpec | None:
        area = parse_area(str(self.project.get("floor_area", "")))
        if area is None:
            return None
        try:
            return ProjectSpec(floors=int(self.project["floors"]), floor_area=area, units=int(self.project["units"]),
                               parking=int(self.project["parking"]), use=self.project["use"])
        except (TypeError, ValueError):
            return None

    def attorney_poa_date(self) -> dt.date | None:
        if not self.attorney:
            return None
        return parse_jalali(str(self.attorney.get("poa_date", "")))[0]

    def submission(self) -> PermitSubmission:
        assert self.parcel is not None and self.quote is not None
        attorney = None
        if self.attorney:
            attorney = AttorneyIn(national_code=self.attorney["national_code"],
                                  first_name=self.attorney["first_name"], last_name=self.attorney["last_name"],
                                  poa_number=self.attorney["poa_number"], poa_date=self.attorney_poa_date())
        return PermitSubmission(
            renovation_code=self.parcel.renovation_code,
            owners=[OwnerIn(national_code=o["national_code"], first_name=o["first_name"], last_name=o["last_name"],
                            share=str(o["share"])) for o in self.owners],
            attorney=attorney, project=self.project_spec(), accepted_tariff_version=self.quote.tariff_version,
            accepted_total=self.quote.total)


class TariffCache:
    """The last tariff booklet the server published, kept on disk (it holds no citizen data) so the kiosk
    can estimate fees offline, always labelled as an estimate."""

    def __init__(self, path: Path):
        self.path = path
        self._booklet: Booklet | None = None
        self.data: TariffBooklet | None = None

    def load(self) -> Booklet | None:
        if self._booklet is None and self.path.exists():
            try:
                self.store(TariffBooklet.model_validate(json.loads(self.path.read_text(encoding="utf-8"))),
                           write=False)
            except (ValueError, TariffError) as exc:
                log.warning("cached tariff ignored: %s", exc)
        return self._booklet

    def store(self, data: TariffBooklet, write: bool = True) -> Booklet:
        self._booklet = Booklet.from_dict(data.model_dump())
        self.data = data
        if write:
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(data.model_dump_json(), encoding="utf-8")
            tmp.replace(self.path)
        return self._booklet

    @property
    def booklet(self) -> Booklet | None:
        return self._booklet
