"""Fixtures of the unit tests: a clock the test moves (epoch seconds, as the outbox and the spool keep time)."""

from __future__ import annotations

import pytest


class Clock:
    def __init__(self):
        self.now = 1_764_000_000.0  # 2025-11-24: a moment the contract accepts

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()
