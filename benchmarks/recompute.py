"""Recompute latency of the permit wizard: what one keystroke in the building step costs.

Measures (a) the pure estimate (zoning + fee engine from the cached tariff) and (b) the whole GUI
recompute (estimate + quote panel + field notes) on the real widgets, offscreen, over a few hundred
varied edits. Goal: p95 ≤ 5 ms per change. Prints JSON lines {"metric", "value", "unit"}.
Usage: .venv/bin/python benchmarks/recompute.py [changes]
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 4), "unit": unit}), flush=True)


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    changes = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    from kiosk.contract import DeedPlate, Parcel, ProjectSpec, TariffBooklet, ZoneInfo
    from kiosk.permit import PermitIntake, TariffCache, estimate

    tariff = TariffBooklet(**json.loads((ROOT / "resources/tariffs/isfahan-1405-training.json").read_text("utf-8")))
    parcel = Parcel(renovation_code="8-15-30-0-0-0", deed=DeedPlate(section=5, main=1520, sub=30), district=8,
                    address="اصفهان", area_deed=Decimal(250), area_survey=Decimal("252.4"), lot_area=Decimal(250),
                    street_width=Decimal(14), zone=ZoneInfo(code="R2", title="مسکونی", band="200 < lot ≤ 300",
                                                            density_pct=Decimal(180), occupancy_pct=Decimal(60),
                                                            max_floors=3, min_street_width=Decimal(12),
                                                            narrow_street_max_floors=2, parking_per_unit=Decimal(1)),
                    regional_price=20_000_000, renovation_years_unpaid=1, under_application=False)
    cache = TariffCache(Path(os.devnull))
    booklet = cache.store(tariff, write=False)
    rng = random.Random(7)
    specs = [ProjectSpec(floors=rng.randint(1, 5), floor_area=Decimal(rng.randint(60, 220)), units=rng.randint(1, 8),
                         parking=rng.randint(0, 6), use=rng.choice(["residential", "commercial", "mixed"]))
             for _ in range(changes)]

    pure = []
    for spec in specs:
        t = time.perf_counter()
        estimate(parcel, spec, booklet)
        pure.append((time.perf_counter() - t) * 1000)

    from kiosk.app import create_application
    from kiosk.config import Config
    from kiosk.secrets import TokenStore
    from kiosk.services import Services
    from kiosk.tasks import InlineRunner
    from kiosk.ui.permit_wizard import PermitWizard

    app = create_application([])
    from kiosk.outbox.service import OutboxService

    runner = InlineRunner(default_error=lambda e: None)
    services = Services(config=Config(), tokens=TokenStore(), runner=runner, training=True, tariffs=cache)
    services.outbox = OutboxService(lambda: None, runner)  # never attached: nothing is queued here
    wizard = PermitWizard(services, quote_delay_ms=10**6)  # the server quote never fires: local cost only
    services.visit.permit = PermitIntake(parcel=parcel, renovation_code=parcel.renovation_code, step="project")
    wizard.resize(1100, 760)
    wizard.show()
    wizard.goto(2)
    app.processEvents()
    gui = []
    step = wizard.project_step
    for spec in specs:
        for w in (step.floors, step.units, step.parking, step.floor_area, step.use):
            w.blockSignals(True)
        step.floors.setValue(spec.floors)
        step.units.setValue(spec.units)
        step.parking.setValue(spec.parking)
        step.floor_area.setText(str(spec.floor_area))
        step.use.setCurrentIndex(step.use.findData(spec.use))
        for w in (step.floors, step.units, step.parking, step.floor_area, step.use):
            w.blockSignals(False)
        t = time.perf_counter()
        wizard.recompute()
        gui.append((time.perf_counter() - t) * 1000)
        app.processEvents()  # paint between keystrokes, as a clerk would see it
    emit("recompute_estimate_p50", statistics.median(pure), "ms")
    emit("recompute_estimate_p95", percentile(pure, 95), "ms")
    emit("recompute_gui_p50", statistics.median(gui), "ms")
    emit("recompute_gui_p95", percentile(gui, 95), "ms")
    emit("recompute_gui_p95_goal_ratio", percentile(gui, 95) / 5.0, "x of 5 ms goal")
    emit("recompute_changes", len(specs), "count")
    # Delete the widgets while Qt still runs (letting interpreter shutdown do it crashed PySide6 here).
    from PySide6.QtCore import QCoreApplication, QEvent

    wizard.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return 0


if __name__ == "__main__":
    sys.exit(main())
