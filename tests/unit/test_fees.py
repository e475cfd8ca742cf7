"""The fee engine: band edges pinned, exact decimals, every line traceable, malformed booklets refused."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from kiosk.domain.fees import Booklet, TariffError

ROOT = Path(__file__).resolve().parents[2]
DATA = json.loads((ROOT / "resources" / "tariffs" / "isfahan-1405-training.json").read_text(encoding="utf-8"))
BOOKLET = Booklet.from_dict(DATA)
BASE = dict(P=20_000_000, S=450, S_land=250, S_commercial=0, units=1, parking=0, parking_shortfall=0,
            years_unpaid=0)


def line(quote, article):
    return next(l for l in quote.lines if l.article_id == article)


@pytest.mark.parametrize("area,k", [
    (60, "0.05"), ("60.01", "0.1"), (100, "0.1"), ("100.5", "0.18"), (150, "0.18"), (200, "0.3"), (300, "0.45"),
    (400, "0.65"), (500, "0.9"), ("500.01", "1.05"), ("599.99", "1.05"), (600, "1.2"), (5000, "1.2"),
])
def test_single_unit_band_edges(area, k):
    quote = BOOKLET.quote(dict(BASE, S=area))
    a3 = line(quote, "A3")
    assert a3.band.endswith(f"→ {k}")
    expected = Decimal(20_000_000) * Decimal(str(area)) * Decimal(k)
    assert a3.amount == int((expected / 1000).quantize(Decimal(1), rounding="ROUND_HALF_UP")) * 1000


@pytest.mark.parametrize("area,k", [(200, "0.15"), ("200.01", "0.2"), (400, "0.2"), (600, "0.25"), (601, "0.3")])
def test_multi_unit_band_edges(area, k):
    a4 = line(BOOKLET.quote(dict(BASE, S=area, units=4)), "A4")
    assert a4.band.endswith(f"→ {k}")


def test_lines_name_their_article_inputs_and_add_up():
    quote = BOOKLET.quote(dict(BASE, units=3, parking=2, parking_shortfall=1, years_unpaid=2, S_commercial=50))
    assert [l.article_id for l in quote.lines] == ["A1", "A2", "A4", "A5", "A6"]
    assert line(quote, "A2").inputs == {"P": "20000000", "S_land": "250", "years_unpaid": "2"}
    assert line(quote, "A2").amount == 150_000_000  # 2 × 1.5% × 20,000,000 × 250, exactly
    assert quote.total == sum(l.amount for l in quote.lines)
    assert quote.due_at("order") == 2_500_000 + 150_000_000
    assert all(l.amount % 1000 == 0 for l in quote.lines)
    d = quote.to_dict()
    assert d["total"] == quote.total and d["due_now"] + d["due_at_permit"] == quote.total
    assert d["tariff_version"] == 1 and d["year"] == 1405


def test_parking_reduces_single_unit_area_but_never_below_zero():
    assert line(BOOKLET.quote(dict(BASE, S=50, parking=5)), "A3").amount == 0


@given(st.decimals(min_value=1, max_value=20000, places=2), st.integers(1, 40), st.integers(0, 40),
       st.integers(0, 10), st.decimals(min_value=1_000_000, max_value=200_000_000, places=0))
def test_quote_is_deterministic_whole_rials_and_never_negative(area, units, parking, years, price):
    values = dict(BASE, S=area, units=units, parking=parking, years_unpaid=years, P=price)
    q1, q2 = BOOKLET.quote(values), BOOKLET.quote(dict(values))
    assert q1 == q2
    assert all(isinstance(l.amount, int) and l.amount >= 0 for l in q1.lines)
    assert len([l for l in q1.lines if l.article_id in ("A3", "A4")]) == 1  # one building fee, never two


def test_missing_input_is_an_error():
    with pytest.raises(TariffError, match="missing"):
        BOOKLET.quote({"P": 1})


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d["tables"][0]["bands"].pop(3), "gap"),
    (lambda d: d["tables"][0]["bands"][1].update(lower_inclusive=True), "exactly one band"),
    (lambda d: d["articles"][2].update(formula="P * __import__('os')"), "unknown name"),
    (lambda d: d["articles"][2].update(formula="P * Z"), "unknown name"),
    (lambda d: d["articles"][0].update(stage="later"), "stage"),
    (lambda d: d["articles"].append(dict(d["articles"][0])), "unique"),
])
def test_malformed_booklets_are_refused(mutate, message):
    data = copy.deepcopy(DATA)
    mutate(data)
    with pytest.raises(TariffError, match=message):
        Booklet.from_dict(data)


def test_formulas_cannot_reach_python():
    data = copy.deepcopy(DATA)
    data["articles"][0]["formula"] = "'a' * 1000000000"
    booklet = Booklet.from_dict(data)
    with pytest.raises(TariffError):
        booklet.quote(BASE)


def test_band_basis_is_data():
    data = copy.deepcopy(DATA)
    data["tables"][0]["by"] = "S_land"  # a booklet that bands by land area instead
    quote = Booklet.from_dict(data).quote(dict(BASE, S=450, S_land=90))
    assert line(quote, "A3").band == "60 < S_land ≤ 100 → 0.1"
