"""The connection status hears the server come back at once: from the OS's word on the link, from any answer
of the server's, and from a probe every second while offline — never from a backoff that grows to the online
interval (the queue then waited 7–15 s after the link returned). Timing figures: benchmarks/reconnect.py."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from PySide6.QtNetwork import QNetworkInformation

from kiosk.api_client.errors import OfflineError
from kiosk.net_status import NetStatus


class HeldRunner:
    """Holds each job until the test finishes it: a probe can be in flight while more are asked for."""

    def __init__(self):
        self.jobs = []

    def run(self, fn, on_done=None, on_error=None, owner=None, across_visits=False, on_dropped=None):
        self.jobs.append((fn, on_done, on_error))
        return len(self.jobs)

    def finish(self, ok: bool, value=None):
        _fn, on_done, on_error = self.jobs.pop(0)
        if ok:
            on_done(value)
        else:
            on_error(OfflineError())


def make(qtbot, interval_s=15.0):
    runner = HeldRunner()
    services = SimpleNamespace(api=SimpleNamespace(health=lambda quick=False: "health"), runner=runner)
    net = NetStatus(services, interval_s=interval_s, offline_probe_s=1.0)
    return net, runner


def test_offline_it_asks_every_second_however_long_the_outage(qtbot):
    net, runner = make(qtbot)
    net.probe()
    for _ in range(12):  # twelve failed probes: the old backoff had grown to the 15 s online interval
        runner.finish(False)
        assert net.online is False
        assert net.timer.isActive() and 800 <= net.timer.interval() <= 1200, net.timer.interval()
        net.probe()
    runner.finish(True)
    assert net.online is True and net.timer.interval() == 15000


def test_a_probe_asked_for_while_one_is_in_flight_runs_as_soon_as_it_ends(qtbot):
    """The in-flight probe may be the one the dead link is holding: a second request must not be lost."""
    net, runner = make(qtbot)
    net.probe()
    net.probe()  # the link came back while the first probe hung
    assert len(runner.jobs) == 1
    runner.finish(False)
    assert len(runner.jobs) == 1 and net.probes == 2  # asked again at once, not after the timer
    runner.finish(True)
    assert net.online is True


def test_any_answer_of_the_server_on_any_thread_brings_it_back_online(qtbot):
    net, runner = make(qtbot)
    net.probe()
    runner.finish(False)
    assert net.online is False
    changes = []
    net.changed.connect(changes.append)
    t = threading.Thread(target=net.hear)  # the outbox's or an upload's thread heard the server
    t.start()
    t.join()
    qtbot.waitUntil(lambda: len(runner.jobs) == 1, timeout=2000)  # a probe now, not in a second
    runner.finish(True)
    assert changes == [True]


def test_the_link_coming_back_probes_at_once_and_its_loss_says_offline_at_once(qtbot):
    net, runner = make(qtbot)
    net.probe()
    runner.finish(True)
    assert net.online is True
    net._link_changed(QNetworkInformation.Reachability.Disconnected)
    assert net.online is False and not runner.jobs
    net._link_changed(QNetworkInformation.Reachability.Online)
    assert len(runner.jobs) == 1
    runner.finish(True)
    assert net.online is True


def test_a_failing_request_does_not_put_off_a_probe_already_due(qtbot):
    """The outbox fails every second while offline; each report must not restart the probe's timer."""
    net, runner = make(qtbot)
    net.probe()
    runner.finish(False)
    due = net.timer.remainingTime()
    qtbot.wait(300)
    net.report_offline()
    assert net.timer.remainingTime() <= due - 200


def test_the_kiosk_hears_its_own_requests(qtbot, window, services):
    """Wired in the window: an answer to any request of the session reaches the status."""
    assert services.answered == window.net.hear
    heard = []
    services.answered = lambda: heard.append(threading.current_thread().name)
    t = threading.Thread(target=services.api.health, name="worker")
    t.start()
    t.join()
    assert heard == ["worker"]


def test_the_queue_goes_by_itself_when_the_server_returns_long_before_any_backoff_or_health_interval(
        qtbot, window, services, live_sandbox):
    """The real window against the real sandbox, with the counter's own 15 s health interval and an outbox
    whose next retry is a minute away: the request still goes seconds after the server listens again."""
    import os

    from kiosk.api_client import actions
    from tests.gui.test_flow import sign_in
    from tests.gui.test_permit_wizard import Keys, open_file

    w = window
    w.net.interval_ms = 15000
    worker = services.outbox.worker
    worker.base_delay = worker.max_delay = 60.0
    sign_in(qtbot, w)
    open_file(qtbot, w, live_sandbox, Keys())
    consent = services.visit.consent_id
    live_sandbox.stop()
    tried = []
    services.outbox.retrying.connect(lambda *_a: tried.append(1))
    action = actions.service_request("complaint", {"subject": "roads", "description": "چاله در خیابان"}, consent,
                                     services.visit.efile.national_code)
    services.outbox.queue(action, os.urandom(16).hex(), "شکایت", lambda _item: None)
    qtbot.waitUntil(lambda: bool(tried) and w.net.online is False, timeout=15000)
    for _ in range(8):  # a long outage, compressed: many failed checks (a backoff would now wait 15 s)
        w.net.probe()
        qtbot.waitUntil(lambda: not w.net._probing, timeout=5000)
    live_sandbox.start()
    qtbot.waitUntil(lambda: not any(services.outbox.counts().values()), timeout=5000)
    with live_sandbox.db.tx() as c:
        assert c.execute("SELECT COUNT(*) FROM service_requests").fetchone()[0] == 1
