"""The fee quote beside the permit wizard: what the zone allows, what is asked, and every fee line with
its article, formula in words, inputs and amount. Marked «برآورد» while it is the kiosk's own estimate."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk import formatting as fmt
from kiosk.domain.digits import format_number, group_thousands, to_persian_digits
from kiosk.permit import rules_of
from kiosk.ui.widgets import KeyValueList, plain_scroll

if TYPE_CHECKING:
    from kiosk.contract import FeeQuote, Parcel
    from kiosk.domain.fees import Booklet, Quote
    from kiosk.domain.zoning import Assessment


class QuotePanel(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("quotePanel")
        self.setMinimumWidth(360)
        # One scroll for the whole panel: every fee line at its full height (a scroll box of its own showed
        # four lines, cut mid-text, on a 768-pixel screen).
        frame = QVBoxLayout(self)
        frame.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        frame.addWidget(plain_scroll(content))
        outer = QVBoxLayout(content)
        outer.setContentsMargins(12, 12, 12, 12)
        self.title = QLabel(self.tr("Fees"))
        self.title.setObjectName("panelTitle")
        outer.addWidget(self.title)
        self.badge = QLabel(self.tr("Estimate"))
        self.badge.setObjectName("estimateBadge")
        self.badge.setToolTip(self.tr("Computed by this kiosk from the last published tariff; the server's "
                                      "figure is final."))
        self.badge.hide()
        outer.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeading)
        self.zoning_hint = QLabel()
        self.zoning_hint.setObjectName("fieldHint")
        self.zoning_hint.setWordWrap(True)
        outer.addWidget(self.zoning_hint)
        self.zoning = KeyValueList()
        self.zoning.setObjectName("zoningSummary")
        outer.addWidget(self.zoning)
        self.lines = QLabel()
        self.lines.setObjectName("quoteLines")
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        outer.addWidget(self.lines)
        self.totals = KeyValueList()
        self.totals.setObjectName("quoteTotals")
        outer.addWidget(self.totals)
        self.tariff = QLabel()
        self.tariff.setObjectName("fieldHint")
        self.tariff.setWordWrap(True)
        outer.addWidget(self.tariff)
        outer.addStretch(1)
        self.clear()

    def clear(self) -> None:
        self.badge.hide()
        self.zoning_hint.setText(self.tr("Find the parcel to see what its zone allows."))
        self.zoning_hint.show()
        self.zoning.set_rows([])
        self.lines.clear()
        self.totals.set_rows([])
        self.tariff.clear()
        self.shown_total: int | None = None
        self.is_estimate = False
        self._shown = None

    def rial(self, amount: int) -> str:
        return self.tr("{amount} rials").format(amount=group_thousands(amount))

    def show_parcel(self, parcel: "Parcel") -> None:
        z = parcel.zone
        rows = [
            (self.tr("Lot area"), self.tr("{n} m²").format(n=format_number(parcel.lot_area))),
            (self.tr("Zone"), html.escape(z.title)),
            (self.tr("Density / occupancy"), fmt.pair(fmt.percent(z.density_pct), fmt.percent(z.occupancy_pct))),
            (self.tr("Floors at most"), to_persian_digits(str(rules_of(parcel).floor_limit[0]))),
        ]
        self.zoning_hint.hide()
        self.zoning.set_rows(rows)

    def allowed_area(self, assessment: "Assessment") -> str:
        """The area that can be built, and what sets it: the density, or the floors × the largest floor."""
        area = self.tr("{n} m²").format(n=format_number(assessment.allowed_total))
        if assessment.area_limit == "floors":
            why = self.tr("{floors} floors × {floor} m²").format(
                floors=to_persian_digits(str(assessment.max_floors)), floor=format_number(assessment.max_footprint))
        else:
            why = self.tr("density")
        return f"{area} <span style='color:#555'>({html.escape(why)})</span>"

    def show_assessment(self, parcel: "Parcel", assessment: "Assessment") -> None:
        shortfall = assessment.parking_shortfall
        parking = to_persian_digits(str(assessment.parking_required))
        if shortfall:
            parking += " " + self.tr("(short by {n})").format(n=to_persian_digits(str(shortfall)))
        ok = assessment.complies
        rows = [
            (self.tr("Allowed total area"), self.allowed_area(assessment)),
            (self.tr("Requested total area"),
             f"<span style='color:{'#1b5e20' if ok else '#b00020'}'>"
             + self.tr("{n} m²").format(n=format_number(assessment.requested_total)) + "</span>"),
            (self.tr("Largest floor"), self.tr("{n} m²").format(n=format_number(assessment.max_footprint))),
            (self.tr("Floors at most"), to_persian_digits(str(assessment.max_floors))),
            (self.tr("Parking needed"), parking),
        ]
        self.zoning_hint.hide()
        self.zoning.set_rows(rows)

    def show_quote(self, quote: "Quote | FeeQuote", booklet: "Booklet | None", estimate: bool) -> None:
        """``quote`` is the domain Quote (local estimate) or the server's FeeQuote (final)."""
        shown = (quote, estimate, booklet.version if booklet else None)
        if shown == self._shown:
            return  # the same figures: nothing to lay out again
        self._shown = shown
        self.is_estimate = estimate
        self.badge.setVisible(estimate)
        self.title.setText(self.tr("Fees"))  # the badge says «estimate»: once is enough
        titles = booklet.input_titles if booklet else {}
        parts = []
        for line in quote.lines:
            inputs = html.escape(fmt.inputs(line.inputs, titles))
            band = ""
            if line.band:
                band = "<br>" + self.tr("Band: {band}").format(band=html.escape(fmt.band(line.band, titles)))
            stage = self.tr("due now") if line.stage == "order" else self.tr("due with the permit")
            parts.append(
                f"<p style='margin-bottom:8px'><b>{html.escape(line.title)}</b> "
                f"<span style='color:#5b6766'>({fmt.article(line.article_id)}، {stage})</span><br>"
                f"<span style='color:#33403f'>{html.escape(line.formula_words)}</span>"
                + (f"<br><span style='color:#5b6766'>{inputs}</span>" if inputs else "") + band +
                f"<br><b>{self.rial(line.amount)}</b></p>")
        self.lines.setText("".join(parts))
        total = sum(line.amount for line in quote.lines)
        due_now = sum(line.amount for line in quote.lines if line.stage == "order")
        self.shown_total = total
        self.totals.set_rows([
            (self.tr("Total"), f"<b>{self.rial(total)}</b>"),
            (self.tr("Payable now"), self.rial(due_now)),
            (self.tr("Payable with the permit"), self.rial(total - due_now)),
        ])
        tariff_title = booklet.title if booklet else ""
        self.tariff.setText(self.tr("Tariff: {title}, year {year}, version {version}").format(
            title=tariff_title, year=to_persian_digits(str(quote.year)),
            version=to_persian_digits(str(quote.tariff_version))))

    def show_refusal(self, text: str) -> None:
        """The server would not price the request (e.g. no tariff for this year): say why, show no figure."""
        self._shown = None
        self.badge.hide()
        self.shown_total = None
        self.lines.setText(f"<span style='color:#b00020'>{html.escape(text)}</span>")
        self.totals.set_rows([])

    def show_no_tariff(self) -> None:
        self._shown = None
        self.badge.hide()
        self.lines.setText(self.tr("No tariff is available yet: the fees appear when the server answers."))
        self.totals.set_rows([])
