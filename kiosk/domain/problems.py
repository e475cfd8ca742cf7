"""Validation problems that know how to say themselves in the user's language.

The domain cannot import Qt, so messages are English source strings registered with
:func:`translatable`; lupdate extracts them (it recognises the ``QT_TRANSLATE_NOOP`` name) and the Persian
lives in ``translations/fa/kiosk_fa.ts``. Whoever shows a problem passes its own translate function: the
kiosk passes ``QCoreApplication.translate``, the sandbox a reader of the same ``.ts`` file.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Callable, Mapping

from kiosk.domain.digits import to_persian_digits

CONTEXT = "Validation"

Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for extraction into the translation file; returns it unchanged."""
    return text


def _persian_number(text: str) -> str:
    """Persian digits, and the Persian decimal separator between digits (190.8 → ۱۹۰٫۸), as on the rest of
    the screen."""
    import re

    return to_persian_digits(re.sub(r"(?<=\d)\.(?=\d)", "٫", text))


def identity_translate(context: str, text: str) -> str:
    return text


@dataclass(frozen=True)
class Problem:
    """What is wrong with one input, and which field it belongs to.

    ``code`` is stable (tests and API clients use it), ``message`` an English template with
    ``{placeholders}`` filled from ``params``.
    """

    code: str
    message: str
    field: str | None = None
    params: Mapping[str, object] = dc_field(default_factory=dict)

    def render(self, translate: Translate = identity_translate, persian_digits: bool = True) -> str:
        template = translate(CONTEXT, self.message)
        values = {k: (_persian_number(str(v)) if persian_digits else str(v)) for k, v in self.params.items()}
        return template.format(**values)

    def at(self, field_name: str) -> "Problem":
        """The same problem attached to another field name (a form may call a field differently)."""
        return Problem(self.code, self.message, field_name, self.params)


class ProblemError(ValueError):
    """Raised where a caller prefers an exception; carries the :class:`Problem`."""

    def __init__(self, problem: Problem):
        super().__init__(problem.render(persian_digits=False))
        self.problem = problem
