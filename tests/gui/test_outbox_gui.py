"""The queue as the clerk meets it when its promises are tested at the seams: a lost key locks it (in
Persian, nothing created silently) until a supervisor sets the unreadable requests aside; a request of
another clerk waits for her, with the reason shown."""

from __future__ import annotations

import pytest

from kiosk.api_client import actions
from kiosk.api_client.keys import one_off_key
from kiosk.outbox.storage import open_storage
from tests.gui.test_flow import sign_in


def complaint(consent: str = "c", text: str = "چاله") -> actions.Action:
    return actions.service_request("complaint", {"subject": "roads", "description": text}, consent, "citizen")


@pytest.mark.allow_error_log
def test_a_lost_key_locks_the_queue_until_a_supervisor_sets_its_requests_aside(qtbot, window, services, tmp_path,
                                                                             memory_keyring):
    from kiosk import messages

    data, config = tmp_path / "data", tmp_path / "config"
    first = open_storage(data, config)
    first.store.add(**complaint().outbox_fields(one_off_key(), "شکایت پیش از بازنشانی", "clerk1"))
    first.close()
    memory_keyring.store.clear()  # the Windows profile was reset: the keyring entry is gone
    storage = open_storage(data, config)
    assert storage.locked and storage.store.counts()["unreadable"] == 1
    services.outbox.stop()
    services.outbox.attach(storage)
    w = window
    sign_in(qtbot, w)
    errors = []
    services.outbox.queue(complaint(), one_off_key(), "شکایت تازه", lambda item: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert "قفل" in messages.describe(errors[0])  # a Persian sentence, not a traceback
    qtbot.waitUntil(lambda: "صف قفل است" in w.queue_button.text() and "ناخوانا" in w.queue_button.text(),
                    timeout=5000)
    w.open_sync_panel()
    panel = w.sync_panel
    qtbot.waitUntil(lambda: panel.attention.rowCount() == 1, timeout=5000)
    assert "ناخوانا" in panel.attention.item(0, 1).text() and panel.new_key_button.isVisible()
    panel.attention.setCurrentCell(0, 0)
    assert not panel.discard_button.isEnabled()
    panel.start_new_key()
    dialog = panel.supervisor_dialog
    dialog.pin.setText("1405")
    dialog.ok.click()
    qtbot.waitUntil(lambda: not services.outbox.locked, timeout=5000)
    queued = []
    services.outbox.queue(complaint(), one_off_key(), "شکایت تازه", queued.append)
    qtbot.waitUntil(lambda: bool(queued), timeout=5000)
    assert storage.store.counts()["unreadable"] == 1  # kept on the disk, readable again if the key returns
    qtbot.waitUntil(lambda: not panel.new_key_button.isVisible(), timeout=5000)
    services.outbox.stop()
    storage.close()


def test_a_request_of_another_clerk_waits_for_her(qtbot, window, services, live_sandbox):
    w = window
    sign_in(qtbot, w, "clerk3", "amoozesh-3")
    services.outbox.store.add(**complaint().outbox_fields(one_off_key(), "شکایت ثبت‌شده به دست متصدی دیگر", "clerk1"))
    services.outbox.wake()
    w.open_sync_panel()
    panel = w.sync_panel
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    qtbot.wait(700)  # the worker had its chances to send it
    assert services.outbox.counts()["queued"] == 1
    assert "clerk1" in panel.table.item(0, 1).text() and "ورود" in panel.table.item(0, 1).text()
