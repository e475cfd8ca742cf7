"""What the counter keeps on its disk between a request and the server's answer, opened in one place:
the key ring first (from the keys the data was sealed with), then the outbox and the upload spool.

Used by the kiosk at start-up (after the first paint) and by ``kiosk outbox …`` (status, key rotation,
setting unreadable data aside), which run only while no kiosk holds the data folder.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from kiosk.outbox.keys import KeyRing, KeyVault
from kiosk.outbox.store import OutboxStore, key_ids_in

log = logging.getLogger(__name__)


@dataclass
class Storage:
    vault: KeyVault
    keys: KeyRing
    store: OutboxStore
    spool: "object"  # kiosk.uploads.UploadSpool

    @property
    def locked(self) -> bool:
        """Data under a missing key waits and no key was found: nothing new can be queued."""
        return self.keys.locked

    def start_new_key(self) -> None:
        """A supervisor's decision (the caller checked the PIN): unreadable rows stay aside, on disk."""
        self.vault.start_new_key(self.keys)
        self.store.recheck_unreadable()

    def close(self) -> None:
        self.store.close()
        self.spool.close()


def open_storage(data_dir: Path, config_dir: Path) -> Storage:
    from kiosk import platform
    from kiosk.uploads import UploadSpool

    platform.private_dir(data_dir)
    platform.private_dir(config_dir)
    vault = KeyVault(config_dir / "outbox-keys.json")
    outbox_path = data_dir / "outbox.sqlite3"
    spool_dir = data_dir / "spool"
    keys = vault.open(key_ids_in(outbox_path) | key_ids_in(spool_dir / "uploads.sqlite3", "uploads"))
    store = OutboxStore(outbox_path, keys)
    spool = UploadSpool(spool_dir, keys)
    spool.purge_expired()
    return Storage(vault, keys, store, spool)


def rotate(storage: Storage) -> tuple[str, int, int]:
    """A new key; every readable row and spooled file re-sealed under it; keys nothing uses any more are
    dropped. Returns (new key id, rows, files)."""
    new = storage.vault.rotate(storage.keys)
    rows = storage.store.rekey()
    files = storage.spool.rekey()
    in_use = storage.store.key_ids_in_use() | storage.spool.key_ids_in_use()
    storage.vault.forget(storage.keys, storage.keys.key_ids() - in_use - {new})
    log.info("outbox: key rotated to %s (%d rows, %d files re-sealed)", new, rows, files)
    return new, rows, files
