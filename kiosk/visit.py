"""The state of the counter: who is signed in, and the citizen being served right now.

One object owns "the citizen's visit" so that ending it (next citizen, idle timeout) forgets everything
of that citizen in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.contract import ConsentGrant, EFile, Operator, OtpChallenge
    from kiosk.permit import PermitIntake


@dataclass
class CitizenVisit:
    national_code: str | None = None
    mobile: str | None = None
    challenge: OtpChallenge | None = None
    consent: ConsentGrant | None = None
    efile: EFile | None = None
    permit: PermitIntake | None = None
    generation: int = 0  # counts ended visits: work started under an older number belongs to a citizen gone


    @property
    def consent_id(self) -> str | None:
        return self.consent.consent_id if self.consent else None

    def clear(self) -> None:
        self.generation += 1
        self.national_code = self.mobile = None
        self.challenge = None
        self.consent = None
        self.efile = None
        self.permit = None


@dataclass
class OperatorSession:
    operator: Operator | None = None

    @property
    def signed_in(self) -> bool:
        return self.operator is not None
