"""The fee engine: a versioned tariff booklet (دفترچه تعرفه عوارض) as data, evaluated safely.

A booklet has named inputs (regional price P, areas, counts), band tables with explicit inclusive or
exclusive edges, and articles: each with a Persian title, a formula over the inputs and band values
(evaluated with simpleeval in exact decimals, never ``eval``), the formula in words, a condition, and the
stage at which it is due. Every amount is an integer number of rials, rounded per line as the booklet
says, so the lines of a quote add up exactly to its total and every line names its article.

The same code computes the server's authoritative quote and the kiosk's instant (or offline) estimate.
"""

from __future__ import annotations

import ast
import functools
import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Mapping

from simpleeval import DEFAULT_OPERATORS, InvalidExpression, SimpleEval

STAGES = ("order", "permit")  # due with the plan-preparation order, or with the final permit


class TariffError(ValueError):
    """The booklet is malformed, or cannot price this request (a missing input, an uncovered value)."""


def _dec(value) -> Decimal:
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation as exc:
        raise TariffError(f"not a number: {value!r}") from exc


@dataclass(frozen=True)
class Band:
    lower: Decimal | None
    upper: Decimal | None
    lower_inclusive: bool
    upper_inclusive: bool
    value: Decimal

    def contains(self, x: Decimal) -> bool:
        if self.lower is not None and (x < self.lower or (x == self.lower and not self.lower_inclusive)):
            return False
        if self.upper is not None and (x > self.upper or (x == self.upper and not self.upper_inclusive)):
            return False
        return True

    def describe(self, name: str) -> str:
        """``100 < S ≤ 150`` (ASCII digits; the caller localises)."""
        parts = []
        if self.lower is not None:
            parts.append(f"{_plain(self.lower)} {'≤' if self.lower_inclusive else '<'} ")
        parts.append(name)
        if self.upper is not None:
            parts.append(f" {'≤' if self.upper_inclusive else '<'} {_plain(self.upper)}")
        return "".join(parts)


@dataclass(frozen=True)
class BandTable:
    id: str
    by: str
    title: str
    bands: tuple[Band, ...]

    def lookup(self, x: Decimal) -> Band:
        hits = [b for b in self.bands if b.contains(x)]
        if len(hits) != 1:
            raise TariffError(f"table {self.id}: {x} falls in {len(hits)} bands")
        return hits[0]

    def check_cover(self) -> None:
        """Bands must be ordered, meet exactly (one side inclusive) and leave no gap or overlap."""
        for a, b in zip(self.bands, self.bands[1:]):
            if a.upper is None or b.lower is None or a.upper != b.lower:
                raise TariffError(f"table {self.id}: gap or overlap between bands at {a.upper} / {b.lower}")
            if a.upper_inclusive == b.lower_inclusive:
                raise TariffError(f"table {self.id}: edge {a.upper} must belong to exactly one band")


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    formula: str
    formula_words: str
    stage: str
    when: str | None = None
    bands: Mapping[str, str] = field(default_factory=dict)  # formula name -> table id


@dataclass(frozen=True)
class InputSpec:
    name: str
    title: str
    unit: str


@dataclass(frozen=True)
class QuoteLine:
    article_id: str
    title: str
    formula_words: str
    inputs: dict[str, str]  # input name -> value as text (exact)
    band: str | None  # "100 < S ≤ 150 → 0.18"
    amount: int
    stage: str


@dataclass(frozen=True)
class Quote:
    tariff_id: str
    tariff_version: int
    year: int
    lines: tuple[QuoteLine, ...]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    def due_at(self, stage: str) -> int:
        return sum(line.amount for line in self.lines if line.stage == stage)

    def to_dict(self) -> dict:
        return {
            "tariff_id": self.tariff_id, "tariff_version": self.tariff_version, "year": self.year,
            "lines": [line.__dict__ for line in self.lines], "total": self.total,
            "due_now": self.due_at("order"), "due_at_permit": self.due_at("permit"),
        }


class _DecimalEval(SimpleEval):
    """simpleeval with every literal read as an exact Decimal (0.015 stays 0.015)."""

    def __init__(self, names):
        ops = {k: v for k, v in DEFAULT_OPERATORS.items() if k not in (ast.BitOr, ast.BitAnd, ast.BitXor,
                                                                         ast.LShift, ast.RShift, ast.Invert)}
        super().__init__(operators=ops, functions={"max": max, "min": min}, names=names)
        self.nodes[ast.Constant] = self._decimal_constant

    @staticmethod
    def _decimal_constant(node):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise TariffError(f"only numbers may appear in a formula, not {node.value!r}")
        return Decimal(str(node.value))


@dataclass(frozen=True)
class Booklet:
    id: str
    year: int
    version: int
    title: str
    note: str
    round_to: int
    inputs: Mapping[str, InputSpec]
    tables: Mapping[str, BandTable]
    articles: tuple[Article, ...]

    @property
    def input_titles(self) -> dict[str, str]:
        """Each input's Persian title by its name (a fee line's inputs are named; screen and slip show titles)."""
        return {name: spec.title for name, spec in self.inputs.items()}

    @classmethod
    def from_dict(cls, data: dict) -> "Booklet":
        try:
            tables = {}
            for t in data["tables"]:
                bands = tuple(
                    Band(
                        lower=None if b.get("lower") is None else _dec(b["lower"]),
                        upper=None if b.get("upper") is None else _dec(b["upper"]),
                        lower_inclusive=bool(b.get("lower_inclusive", False)),
                        upper_inclusive=bool(b.get("upper_inclusive", True)),
                        value=_dec(b["value"]),
                    )
                    for b in t["bands"]
                )
                table = BandTable(t["id"], t["by"], t["title"], bands)
                table.check_cover()
                tables[table.id] = table
            inputs = {i["name"]: InputSpec(i["name"], i["title"], i.get("unit", "")) for i in data["inputs"]}
            articles = tuple(
                Article(a["id"], a["title"], a["formula"], a["formula_words"], a["stage"], a.get("when"),
                        dict(a.get("bands", {})))
                for a in data["articles"]
            )
        except (KeyError, TypeError) as exc:
            raise TariffError(f"malformed booklet: {exc}") from exc
        booklet = cls(data["id"], int(data["year"]), int(data["version"]), data["title"], data.get("note", ""),
                      int(data.get("round_to", 1)), inputs, tables, articles)
        booklet._check()
        return booklet

    @classmethod
    def load(cls, path: Path) -> "Booklet":
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def _check(self) -> None:
        ids = [a.id for a in self.articles]
        if len(ids) != len(set(ids)):
            raise TariffError("article ids must be unique")
        for a in self.articles:
            if a.stage not in STAGES:
                raise TariffError(f"article {a.id}: unknown stage {a.stage}")
            for name, table_id in a.bands.items():
                if table_id not in self.tables:
                    raise TariffError(f"article {a.id}: unknown table {table_id}")
                if name in self.inputs:
                    raise TariffError(f"article {a.id}: band name {name} hides an input")
            for expr in filter(None, (a.formula, a.when)):
                for node in ast.walk(ast.parse(expr, mode="eval")):
                    if isinstance(node, ast.Name) and node.id not in self.inputs and node.id not in a.bands \
                            and node.id not in ("max", "min"):
                        raise TariffError(f"article {a.id}: unknown name {node.id}")
        for t in self.tables.values():
            if t.by not in self.inputs:
                raise TariffError(f"table {t.id}: unknown input {t.by}")

    def quote(self, values: Mapping[str, object]) -> Quote:
        missing = [name for name in self.inputs if name not in values]
        if missing:
            raise TariffError(f"missing inputs: {', '.join(missing)}")
        names = {name: _dec(values[name]) for name in self.inputs}
        lines = []
        for a in self.articles:
            if a.when is not None and not self._eval(a.when, names):
                continue
            scope = dict(names)
            band_text = None
            for name, table_id in a.bands.items():
                table = self.tables[table_id]
                band = table.lookup(names[table.by])
                scope[name] = band.value
                band_text = f"{band.describe(table.by)} → {_plain(band.value)}"
            raw = self._eval(a.formula, scope)
            amount = self._round(raw)
            used = sorted((_names(a.formula) & self.inputs.keys()) | {self.tables[t].by for t in a.bands.values()})
            lines.append(QuoteLine(a.id, a.title, a.formula_words, {n: _plain(names[n]) for n in used}, band_text,
                                   amount, a.stage))
        return Quote(self.id, self.version, self.year, tuple(lines))

    def _eval(self, expr: str, names: Mapping[str, Decimal]):
        try:
            evaluator = _DecimalEval(dict(names))
            return evaluator.eval(expr, previously_parsed=_parsed(expr))
        except (InvalidExpression, ZeroDivisionError, TypeError, SyntaxError) as exc:
            raise TariffError(f"cannot evaluate {expr!r}: {exc}") from exc

    def _round(self, value) -> int:
        step = Decimal(self.round_to)
        value = _dec(value)
        if value < 0:
            raise TariffError("a fee cannot be negative")
        return int((value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


@functools.lru_cache(maxsize=512)
def _parsed(expr: str):
    """Formulas are parsed once, not at every keystroke (the wizard recomputes on each one)."""
    return SimpleEval.parse(expr)


@functools.lru_cache(maxsize=512)
def _names(expr: str) -> frozenset[str]:
    return frozenset(n.id for n in ast.walk(ast.parse(expr, mode="eval")) if isinstance(n, ast.Name))


def _plain(value: Decimal) -> str:
    """Exact, without exponent or trailing zeros: Decimal('150.00') → '150'."""
    text = format(value.normalize(), "f")
    return text
