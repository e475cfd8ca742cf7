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
