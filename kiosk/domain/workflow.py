"""Time limits of case stages: days left or days overdue, counted the same way by the kiosk and the server.

A stage's deadline is its start plus the published number of days. A part of a day counts as a whole one:
a stage three hours past its deadline is one day overdue, and one with three hours left has one day left.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

DAY = 86400.0


@dataclass(frozen=True)
class Timing:
    overdue: bool
    days: int  # days left when not overdue, days overdue when overdue
    finished: bool  # measured at the stage's end, not at the case clock


def deadline_of(started: dt.datetime, days: int) -> dt.datetime:
    return started + dt.timedelta(days=days)


def stage_timing(deadline: dt.datetime | None, as_of: dt.datetime,
                 finished_at: dt.datetime | None = None) -> Timing | None:
    if deadline is None:
        return None
    end = finished_at or as_of
    late = (end - deadline).total_seconds() / DAY
    if late > 0:
        return Timing(True, max(1, math.ceil(late)), finished_at is not None)
    return Timing(False, math.ceil(-late), finished_at is not None)


@dataclass(frozen=True)
class TimetableTotals:
    days: int  # every stage that always applies, up to and including the last one counted
    office_days: int  # of those, the days the stages are with the municipality (not the citizen or others)


def timetable_totals(stages, until: str, office: str = "municipality") -> TimetableTotals:
    """What a published timetable promises up to the stage ``until`` (the permit's issue): the sum of the
    time limits of the stages that always apply (conditional ones, like a heritage inquiry, are the
    parcel's), and how much of it the municipality itself holds. ``stages`` are objects with ``stage_id``,
    ``holder``, ``days`` and ``condition``."""
    days = office_days = 0
    for stage in stages:
        if not stage.condition:
            days += stage.days
            if stage.holder == office:
                office_days += stage.days
        if stage.stage_id == until:
            return TimetableTotals(days, office_days)
    raise ValueError(f"no stage {until!r} in the timetable")
