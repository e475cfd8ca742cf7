"""The sandbox's sense of time, injectable so tests (and later a fast training clock) can move it."""

from __future__ import annotations

import datetime as dt
import threading

UTC = dt.timezone.utc


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to (tests)."""

    def __init__(self, start: dt.datetime | None = None):
        self._now = start or dt.datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
        self._lock = threading.Lock()

    def now(self) -> dt.datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += dt.timedelta(seconds=seconds)


class TrainingClock:
    """The clock cases live by: real time multiplied by ``speed`` (1440 = a day a minute), plus whatever
    jumps a trainer asks for. Sign-in, one-time codes and consent keep the real clock; only the life of
    cases (stages, deadlines, agency answers, bills) runs fast, so a class can watch a case age.

    It never runs backwards across restarts: it starts from the later of the real time and the latest
    moment the database has recorded (see :func:`latest_case_time`)."""

    def __init__(self, start: dt.datetime | None = None, speed: float = 1.0):
        import time

        self._monotonic = time.monotonic
        self._start = start or dt.datetime.now(UTC)
        self._t0 = self._monotonic()
        self.speed = float(speed)
        self._offset = dt.timedelta(0)
        self._lock = threading.Lock()

    def now(self) -> dt.datetime:
        with self._lock:
            elapsed = (self._monotonic() - self._t0) * self.speed
            return self._start + dt.timedelta(seconds=elapsed) + self._offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += dt.timedelta(seconds=seconds)


def latest_case_time(db) -> dt.datetime | None:
    """The latest moment any case has recorded (its events are dated by the case clock)."""
    with db.tx() as c:
        row = c.execute("SELECT MAX(at) FROM case_events").fetchone()
    return dt.datetime.fromisoformat(row[0]) if row and row[0] else None
