"""The upload spool at rest: durable before its row, private, set aside when damaged, gone with its draft."""

from __future__ import annotations

import os
import stat

import pytest

from kiosk.uploads import SpoolDamaged, UploadSpool

KEY = bytes(range(32))
PDF = b"%PDF-1.4\n" + b"x" * 5000 + b"\n%%EOF\n"


@pytest.fixture
def spool(tmp_path, clock):
    s = UploadSpool(tmp_path / "spool", KEY, clock=clock)
    yield s
    s.close()


def test_the_bytes_are_durable_before_the_row_that_points_at_them(tmp_path, clock, monkeypatch):
    spool = UploadSpool(tmp_path / "spool", KEY, clock=clock)
    order = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (order.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"),
                                                 real_fsync(fd)))
    real_execute = spool._conn.execute

    class Conn:
        def execute(self, sql, *args):
            if sql.startswith("INSERT"):
                order.append("row")
            return real_execute(sql, *args)

    spool._conn = Conn()
    spool.add("d1", "deed", PDF, "deed.pdf", "application/pdf", "consent")
    assert order == ["file", "dir", "row"]


def test_spooled_files_are_sealed_and_private(spool, tmp_path):
    job = spool.add("d1", "deed", PDF, "deed.pdf", "application/pdf", "consent")
    data = (tmp_path / "spool" / f"{job.key}.bin").read_bytes()
    assert b"%PDF" not in data and data[:3] == b"KB1"
    assert (tmp_path / "spool").stat().st_mode & 0o077 == 0
    for path in (tmp_path / "spool").iterdir():
        assert path.stat().st_mode & 0o077 == 0, path


@pytest.mark.allow_error_log
def test_a_zeroed_spool_file_is_set_aside_named_and_attached_again(spool, tmp_path):
    job = spool.add("d1", "deed", PDF, "deed.pdf", "application/pdf", "consent")
    path = tmp_path / "spool" / f"{job.key}.bin"
    path.write_bytes(b"\0" * path.stat().st_size)  # a power cut before the bytes reached the disk
    with pytest.raises(SpoolDamaged) as info:
        spool.content(job)
    assert info.value.translatable and info.value.code == "spool_damaged"
    assert spool.pending() == [] and [j.item_id for j in spool.damaged()] == ["deed"]
    again = spool.add("d1", "deed", PDF, "deed.pdf", "application/pdf", "consent")  # the clerk attaches it again
    assert spool.content(again) == PDF and spool.damaged() == []


def test_jobs_go_with_their_draft_and_stray_files_are_cleared(spool, tmp_path, clock):
    kept = spool.add("d1", "deed", PDF, "deed.pdf", "application/pdf", "c", expires_at=clock.now + 86400)
    old = spool.add("d2", "deed", PDF + b"2", "deed.pdf", "application/pdf", "c", expires_at=clock.now + 10)
    stray = tmp_path / "spool" / ("f" * 32 + ".bin")
    stray.write_bytes(b"left by a kill between the file and its row")
    clock.now += 60
    assert spool.purge_expired() == 1
    assert [j.key for j in spool.pending()] == [kept.key]
    assert not (tmp_path / "spool" / f"{old.key}.bin").exists() and not stray.exists()
    assert (tmp_path / "spool" / f"{kept.key}.bin").exists()


@pytest.mark.allow_error_log
@pytest.mark.parametrize("damage", ["X'0102030405'", "CAST(X'FF00FE41' AS TEXT)"], ids=["blob", "text"])
def test_a_damaged_job_record_is_set_aside_and_the_scan_can_be_attached_again(spool, tmp_path, damage):
    import sqlite3

    job = spool.add("d1", "deed", PDF, "deed.pdf", "application/pdf", "consent")
    other = spool.add("d1", "plan", PDF + b"2", "plan.pdf", "application/pdf", "consent")
    conn = sqlite3.connect(tmp_path / "spool" / "uploads.sqlite3")
    conn.execute(f"UPDATE uploads SET meta={damage} WHERE key=?", (job.key,))
    conn.commit()
    conn.close()
    assert [j.key for j in spool.pending()] == [other.key]  # the rest goes on
    again = spool.add("d1", "deed", PDF, "deed.pdf", "application/pdf", "consent")  # attached again
    assert spool.content(again) == PDF and {j.key for j in spool.pending()} == {again.key, other.key}
