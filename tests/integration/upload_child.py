"""One kiosk uploading one document in a process of its own, for the crash tests (see outbox_child)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kiosk.api_client import ApiSession, KioskApi
from kiosk.uploads import UploadSpool, Uploads


def main(plan_path: str) -> int:
    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    spool = UploadSpool(Path(plan["spool"]), bytes.fromhex(plan["key_hex"]))
    api = KioskApi(ApiSession(plan["url"], token_provider=lambda: plan["token"], read_timeout=10, get_retries=0))
    uploads = Uploads(spool, lambda: api, chunk_size=64 * 1024)
    pending = spool.pending()
    if not pending and not plan.get("added"):
        content = Path(plan["file"]).read_bytes()
        pending = [spool.add(plan["draft"], "deed", content, "deed.pdf", "application/pdf", plan["consent"])]
        Path(plan_path).write_text(json.dumps({**plan, "added": True}), encoding="utf-8")
    for job in pending:
        uploads.run(job)
    print("uploaded", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
