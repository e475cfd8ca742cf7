"""Everything the screens need, wired once in `kiosk.app` and handed to each screen (so tests can pass
fakes or the real thing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from kiosk.config import Config
from kiosk.domain.jalali import iran_today
from kiosk.visit import CitizenVisit, OperatorSession

if TYPE_CHECKING:
    from kiosk.updates import UpdateClient
    from kiosk.api_client import KioskApi
    from kiosk.outbox.service import OutboxService
    from kiosk.permit import TariffCache
    from kiosk.secrets import TokenStore
    from kiosk.uploads import Uploads


@dataclass
class Services:
    config: Config
    tokens: "TokenStore"
    runner: object  # kiosk.tasks.TaskRunner or InlineRunner
    training: bool
    api: "KioskApi | None" = None
    visit: CitizenVisit = field(default_factory=CitizenVisit)
    operator: OperatorSession = field(default_factory=OperatorSession)
    today: Callable[[], dt.date] = iran_today  # Iran's date, whatever zone the PC is set to
    tariffs: "TariffCache | None" = None
    outbox: "OutboxService | None" = None
    uploads: "Uploads | None" = None
    pick_file: "Callable[[object, str], str | None] | None" = None  # (parent, title) -> path; tests inject
    training_link: "Callable[[bool], None] | None" = None  # training: pull (False) or restore (True) the network
    updates: "UpdateClient | None" = None  # signed updates (kiosk/updates.py), when the administrator set them up
    answered: "Callable[[], None] | None" = None  # the server answered a request (any thread): it is reachable

    def __post_init__(self) -> None:
        bind = getattr(self.runner, "bind_visit", None)
        if bind is not None:
            bind(lambda: self.visit.generation)

    def operator_name(self) -> str | None:
        """Who is signed in now (the outbox sends each queued request under its own clerk only)."""
        op = self.operator.operator
        return op.username if op is not None else None

    def tariff_cache(self) -> "TariffCache":
        if self.tariffs is None:
            from kiosk.paths import data_dir
            from kiosk.permit import TariffCache

            self.tariffs = TariffCache(data_dir() / "tariff-cache.json")
        return self.tariffs

    def connect(self, base_url: str) -> "KioskApi":
        """Points the kiosk at a server (the training sandbox's URL is known only once it has started)."""
        from kiosk.api_client import ApiSession, KioskApi

        session = ApiSession(base_url, connect_timeout=self.config["connect_timeout"],
                             read_timeout=self.config["read_timeout"], token_provider=self.tokens.get)
        session.on_answer = lambda: self.answered is not None and self.answered()
        self.api = KioskApi(session)
        return self.api
