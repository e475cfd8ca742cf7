"""What a parcel's zone allows, and why a request does or does not fit.

Rules of a detailed plan (طرح تفصیلی) for one parcel: density (total floor area as a % of the lot),
occupancy (the % of the lot one floor may cover), maximum floors, the minimum street width the zone
assumes, a lower floor limit near a heritage site, and parking per unit. A request is floors × the area of
one floor. Every refusal is a Problem with the numbers, and :func:`assess` says what would fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from kiosk.domain.problems import Problem, QT_TRANSLATE_NOOP

USES = ("residential", "commercial", "mixed")

FOOTPRINT_OVER = Problem("footprint_over", QT_TRANSLATE_NOOP(
    "Validation", "One floor of {area} m² covers more than the occupancy limit of {max} m² ({pct}% of the "
                  "{lot} m² lot)."), "floor_area")
DENSITY_OVER = Problem("density_over", QT_TRANSLATE_NOOP(
    "Validation", "The total of {total} m² is more than the {allowed} m² the zone allows (density {pct}% of "
                  "{lot} m²). At {area} m² a floor, at most {fit} floors fit."), "floors")
FLOORS_OVER = Problem("floors_over", QT_TRANSLATE_NOOP(
    "Validation", "{floors} floors are more than the {max} floors allowed here."), "floors")
FLOORS_HERITAGE = Problem("floors_heritage", QT_TRANSLATE_NOOP(
    "Validation", "Near the heritage site «{site}» at most {max} floors are allowed."), "floors")
STREET_NARROW = Problem("street_narrow", QT_TRANSLATE_NOOP(
    "Validation", "The street is {width} m wide, narrower than the {min} m this zone needs: at most {max} floors."),
    "floors")
HERITAGE_AND_STREET = Problem("floors_heritage_street", QT_TRANSLATE_NOOP(
    "Validation", "Near the heritage site «{site}» at most {max} floors are allowed. The street, {width} m wide and "
                  "narrower than the {min} m this zone needs, allows no more either."), "floors")
FLOORS_MIN = Problem("floors_min", QT_TRANSLATE_NOOP("Validation", "At least one floor."), "floors")
AREA_ABSURD = Problem("area_absurd", QT_TRANSLATE_NOOP(
    "Validation", "Enter the area of one floor in square metres, more than 0 and at most the lot's {lot} m²."),
    "floor_area")
UNITS_RANGE = Problem("units_range", QT_TRANSLATE_NOOP(
    "Validation", "Between 1 and {max} units (at least 25 m² a unit)."), "units")
PARKING_RANGE = Problem("parking_range", QT_TRANSLATE_NOOP(
    "Validation", "Parking spaces: a whole number from 0 to {max}."), "parking")
USE_UNKNOWN = Problem("use_unknown", QT_TRANSLATE_NOOP("Validation", "Choose the building's use."), "use")

MIN_UNIT_AREA = Decimal(25)


@dataclass(frozen=True)
class ParcelRules:
    lot_area: Decimal
    density_pct: Decimal
    occupancy_pct: Decimal
    max_floors: int
    min_street_width: Decimal
    street_width: Decimal
    narrow_street_max_floors: int = 2
    heritage_site: str | None = None
    heritage_max_floors: int | None = None
    parking_per_unit: Decimal = Decimal(1)

    @property
    def allowed_total(self) -> Decimal:
        return (self.lot_area * self.density_pct / 100).quantize(Decimal("0.01"))

    @property
    def max_footprint(self) -> Decimal:
        return (self.lot_area * self.occupancy_pct / 100).quantize(Decimal("0.01"))

    @property
    def floor_limits(self) -> dict[str, int]:
        """Every floor limit that applies to this parcel, by the code of the problem that names its reason."""
        limits = {FLOORS_OVER.code: self.max_floors}
        if self.street_width < self.min_street_width:
            limits[STREET_NARROW.code] = self.narrow_street_max_floors
        if self.heritage_max_floors is not None:
            limits[FLOORS_HERITAGE.code] = self.heritage_max_floors
        return limits

    @property
    def floor_limit(self) -> tuple[int, Problem]:
        """The lowest floor limit, and the problem that names what sets it: the heritage site before the
        street before the zone when two set the same number (a heritage limit holds whatever the street),
        and both named when the heritage site and the street agree."""
        limits = self.floor_limits
        limit = min(limits.values())
        binding = [p for p in (FLOORS_HERITAGE, STREET_NARROW, FLOORS_OVER) if limits.get(p.code) == limit]
        if binding[:2] == [FLOORS_HERITAGE, STREET_NARROW]:
            return limit, HERITAGE_AND_STREET
        return limit, binding[0]

    @property
    def floors_cap(self) -> Decimal:
        """The most floor area the floor limit and the occupancy allow together: floors × the largest floor."""
        return (self.max_footprint * self.floor_limit[0]).quantize(Decimal("0.01"))

    @property
    def allowed_area(self) -> tuple[Decimal, str]:
        """The total floor area that can really be built, and what sets it: ``"density"`` (the density's
        total) or ``"floors"`` (the floor limit × the largest floor, when that is the smaller)."""
        if self.floors_cap < self.allowed_total:
            return self.floors_cap, "floors"
        return self.allowed_total, "density"


@dataclass(frozen=True)
class BuildingRequest:
    floors: int
    floor_area: Decimal
    units: int
    parking: int
    use: str = "residential"

    @property
    def total_area(self) -> Decimal:
        return (self.floor_area * self.floors).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Assessment:
    allowed_total: Decimal  # what can be built: the smaller of the density's total and floors × largest floor
    max_footprint: Decimal
    max_floors: int
    requested_total: Decimal
    parking_required: int
    parking_shortfall: int
    fit_floors: int  # floors that fit at the requested floor area (0 if the floor itself is too big)
    fit_floor_area: Decimal  # largest floor area that fits at the requested number of floors
    problems: list[Problem] = field(default_factory=list)
    area_limit: str = "density"  # what sets allowed_total: "density" or "floors"

    @property
    def complies(self) -> bool:
        return not self.problems


def _n(value: Decimal) -> str:
    value = value.quantize(Decimal("0.01"))
    return format(value.normalize(), "f")


def assess(rules: ParcelRules, req: BuildingRequest) -> Assessment:
    problems: list[Problem] = []
    lot = rules.lot_area
    max_floors, floor_reason = rules.floor_limit
    parking_required = int((rules.parking_per_unit * max(req.units, 0)).to_integral_value())
    shortfall = max(parking_required - max(req.parking, 0), 0)

    area_ok = Decimal(0) < req.floor_area <= lot
    if not area_ok:
        problems.append(Problem(AREA_ABSURD.code, AREA_ABSURD.message, "floor_area", {"lot": _n(lot)}))
    elif req.floor_area > rules.max_footprint:
        problems.append(Problem(FOOTPRINT_OVER.code, FOOTPRINT_OVER.message, "floor_area", {
            "area": _n(req.floor_area), "max": _n(rules.max_footprint), "pct": _n(rules.occupancy_pct),
            "lot": _n(lot)}))
    if req.floors < 1:
        problems.append(FLOORS_MIN)
    elif req.floors > max_floors:
        params = {"floors": req.floors, "max": max_floors}
        if floor_reason.code in (FLOORS_HERITAGE.code, HERITAGE_AND_STREET.code):
            params["site"] = rules.heritage_site
        if floor_reason.code in (STREET_NARROW.code, HERITAGE_AND_STREET.code):
            params.update(width=_n(rules.street_width), min=_n(rules.min_street_width))
        problems.append(Problem(floor_reason.code, floor_reason.message, "floors", params))
    fit_floors = 0
    if area_ok:
        fit_floors = int(min((rules.allowed_total / req.floor_area).to_integral_value(rounding=ROUND_DOWN),
                             max_floors))
        if req.floor_area > rules.max_footprint:
            fit_floors = 0
    # Density is explained only when the floor itself fits: "at most 0 floors" would help nobody.
    if area_ok and req.floor_area <= rules.max_footprint and req.floors >= 1 \
            and req.total_area > rules.allowed_total and not any(p.field == "floors" for p in problems):
        problems.append(Problem(DENSITY_OVER.code, DENSITY_OVER.message, "floors", {
            "total": _n(req.total_area), "allowed": _n(rules.allowed_total), "pct": _n(rules.density_pct),
            "lot": _n(lot), "area": _n(req.floor_area), "fit": fit_floors}))
    fit_floor_area = Decimal(0)
    if req.floors >= 1:
        fit_floor_area = min(rules.max_footprint,
                             (rules.allowed_total / req.floors).quantize(Decimal("0.01"), rounding=ROUND_DOWN))
        if req.floors > max_floors:
            fit_floor_area = Decimal(0)
    max_units = max(int((req.total_area / MIN_UNIT_AREA).to_integral_value(rounding=ROUND_DOWN)), 1) if area_ok \
        and req.floors >= 1 else 1
    if not 1 <= req.units <= max_units:
        problems.append(Problem(UNITS_RANGE.code, UNITS_RANGE.message, "units", {"max": max_units}))
    if not 0 <= req.parking <= 200:
        problems.append(Problem(PARKING_RANGE.code, PARKING_RANGE.message, "parking", {"max": 200}))
    if req.use not in USES:
        problems.append(USE_UNKNOWN)
    allowed, area_limit = rules.allowed_area
    return Assessment(allowed, rules.max_footprint, max_floors, req.total_area if area_ok else
                      Decimal(0), parking_required, shortfall, fit_floors, fit_floor_area, problems, area_limit)
