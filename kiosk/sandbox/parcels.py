"""The sandbox's land: parcels across the 15 districts, generated deterministically from a seed, and
the detailed plan's zone rules. All of it is data (resources/sandbox/zoning.json) and illustrative."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kiosk.domain.fees import Band
from kiosk.domain.zoning import ParcelRules
from kiosk.paths import resource


@dataclass(frozen=True)
class ZoneBand:
    band: Band  # value unused; edges over the lot area
    density: Decimal
    occupancy: Decimal
    floors: int
    min_street: Decimal


@dataclass(frozen=True)
class Zone:
    code: str
    title: str
    bands: tuple[ZoneBand, ...]

    def band_for(self, lot_area: Decimal) -> ZoneBand:
        hits = [b for b in self.bands if b.band.contains(lot_area)]
        if len(hits) != 1:
            raise ValueError(f"zone {self.code}: lot {lot_area} in {len(hits)} bands")
        return hits[0]


class Land:
    def __init__(self, data: dict):
        self.data = data
        self.narrow_street_max_floors = int(data["narrow_street_max_floors"])
        self.parking_per_unit = Decimal(str(data["parking_per_unit"]))
        self.zones: dict[str, Zone] = {}
        for z in data["zones"]:
            bands = tuple(
                ZoneBand(
                    Band(None if b.get("lower") is None else Decimal(str(b["lower"])),
                         None if b.get("upper") is None else Decimal(str(b["upper"])),
                         bool(b.get("lower_inclusive", False)), bool(b.get("upper_inclusive", True)), Decimal(0)),
                    Decimal(str(b["density"])), Decimal(str(b["occupancy"])), int(b["floors"]),
                    Decimal(str(b["min_street"])))
                for b in z["bands"])
            self.zones[z["code"]] = Zone(z["code"], z["title"], bands)
        self.heritage = {h["name"]: h for h in data["heritage_sites"]}

    @classmethod
    def load(cls, path: Path | None = None) -> "Land":
        return cls(json.loads((path or resource("sandbox", "zoning.json")).read_text(encoding="utf-8")))

    def rules(self, parcel: dict) -> tuple[ParcelRules, Zone, ZoneBand]:
        lot = min(Decimal(str(parcel["area_deed"])), Decimal(str(parcel["area_survey"])))
        zone = self.zones[parcel["zone"]]
        band = zone.band_for(lot)
        site = parcel.get("heritage")
        rules = ParcelRules(
            lot_area=lot, density_pct=band.density, occupancy_pct=band.occupancy, max_floors=band.floors,
            min_street_width=band.min_street, street_width=Decimal(str(parcel["street_width"])),
            narrow_street_max_floors=self.narrow_street_max_floors, heritage_site=site,
            heritage_max_floors=self.heritage[site]["max_floors"] if site else None,
            parking_per_unit=self.parking_per_unit)
        return rules, zone, band

    def generate(self) -> list[dict]:
        """The same parcels on every machine: fixed examples first, then a seeded random draw."""
        rng = random.Random(self.data["seed"])
        parcels = [dict(p) for p in self.data["fixed_parcels"]]
        used_codes = {p["renovation_code"] for p in parcels}
        used_deeds = {(p["section"], p["main"], p["sub"]) for p in parcels}
        streets = self.data["streets"]
        for district in range(1, 16):
            spec = self.data["districts"][str(district)]
            zones = list(spec["zones"].items())
            sites = [name for name, h in self.heritage.items() if h["district"] == district]
            for _ in range(self.data["parcels_per_district"]):
                while True:
                    code = f"{district}-{rng.randint(1, 400)}-{rng.randint(1, 250)}-0-0-0"
                    deed = (rng.randint(1, 19), rng.randint(100, 15000), rng.randint(0, 900))
                    if code not in used_codes and deed not in used_deeds:
                        break
                used_codes.add(code)
                used_deeds.add(deed)
                area = Decimal(rng.choice([rng.randint(90, 200), rng.randint(200, 320), rng.randint(300, 900)]))
                survey = (area * Decimal(str(round(rng.uniform(0.97, 1.03), 3)))).quantize(Decimal("0.1"))
                zone = rng.choices([z for z, _w in zones], weights=[w for _z, w in zones])[0]
                low, high = spec["price"]
                parcels.append({
                    "renovation_code": code, "section": deed[0], "main": deed[1], "sub": deed[2],
                    "district": district, "zone": zone, "area_deed": float(area), "area_survey": float(survey),
                    "street_width": rng.choice([6, 8, 10, 12, 14, 16, 18, 20, 24, 30]),
                    "price": rng.randrange(low, high + 1, 100_000),
                    "years_unpaid": rng.choices([0, 1, 2, 3], weights=[7, 1, 1, 1])[0],
                    "address": f"اصفهان، {rng.choice(streets)}، کوچهٔ {rng.randint(1, 60)}، پلاک {rng.randint(1, 300)}",
                    "heritage": rng.choice(sites) if sites and rng.random() < spec["heritage_share"] else None,
                })
        return parcels
