"""`kiosk` / `python -m kiosk`: the counter kiosk, its training sandbox, and helper commands."""

from __future__ import annotations

import time

_T0 = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402


def process_age_ms() -> float:
    """Milliseconds since this process was created (Linux: from /proc), else since this module loaded."""
    try:
        with open("/proc/self/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        start_ticks = int(fields[19])
        with open("/proc/uptime", "rb") as f:
            uptime = float(f.read().split()[0])
        age = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
        if age >= 0:
            return age * 1000
    except (OSError, ValueError, IndexError):
        pass
    return (time.perf_counter() - _T0) * 1000


def mark(what: str) -> None:
    """With KIOSK_START_TRACE set, says on stderr how old the process is at each step of the start."""
    if os.environ.get("KIOSK_START_TRACE"):
        print(f"[start] {_AGE0 + (time.perf_counter() - _T0) * 1000:6.1f} ms {what}", file=sys.stderr, flush=True)


_AGE0 = process_age_ms()


COMMANDS = ("sandbox", "hash-pin", "verify", "openapi", "outbox", "release", "conformance")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The kiosk's arguments. A plain start (no command, no help asked) builds only the window's options: the
    commands' parsers, and the conformance kit they import, cost milliseconds before the first paint."""
    words = sys.argv[1:] if argv is None else argv
    plain = not any(w in COMMANDS or w in ("-h", "--help") for w in words)
    parser = argparse.ArgumentParser(prog="kiosk", description="Isfahan municipality citizen-services counter kiosk")
    parser.add_argument("--training", action="store_true",
                        help="start the training sandbox API (its own process) and use it")
    parser.add_argument("--server", metavar="URL", help="use the municipal API at URL")
    parser.add_argument("--training-db", metavar="PATH", type=Path,
                        help="database of the training sandbox (default: in the user data folder)")
    parser.add_argument("--counter", action="store_true",
                        help="counter mode: full screen, leaving needs the PIN or a clerk's password")
    parser.add_argument("--clock-speed", metavar="N", type=float, default=1.0,
                        help="training: the case clock runs N times real time (1440 = a day a minute)")
    parser.add_argument("--exit-after-start", action="store_true",
                        help="paint the first screen, print 'ready in N ms', wait for the server, exit")
    if plain:
        parser.set_defaults(command=None)
        return _checked(parser, parser.parse_args(words))
    _add_commands(parser)
    return _checked(parser, parser.parse_args(words))


def _checked(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.Namespace:
    if args.training and args.server:
        parser.error("--training and --server exclude each other")
    if not 0 < args.clock_speed <= 100_000:
        parser.error("--clock-speed must be between 0 and 100000")
    return args


def _add_commands(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="command")
    sb = sub.add_parser("sandbox", help="run the training API alone")
    sb.add_argument("--host", default="127.0.0.1")
    sb.add_argument("--port", type=int, default=8800)
    sb.add_argument("--db", type=Path, help="SQLite database (default: in the user data folder)")
    sb.add_argument("--clock-speed", metavar="N", type=float, default=1.0,
                    help="the case clock runs N times real time (1440 = a day a minute)")
    sb.add_argument("--listen-fd", type=int, help=argparse.SUPPRESS)  # a kiosk's own training server (POSIX)
    sb.add_argument("--listen-share", action="store_true", help=argparse.SUPPRESS)  # the same, on Windows
    sub.add_parser("hash-pin", help="read a PIN and print the exit_pin line for /etc/isfahan-kiosk/kiosk.toml")
    ve = sub.add_parser("verify", help="check whether a printed document is genuine (offline), then ask the "
                        "server (--server, or server_url of the settings) whether it was cancelled or replaced")
    ve.add_argument("document", help="a PDF the kiosk printed, the text its QR code holds, or - for standard input")
    ve.add_argument("--offline", action="store_true", help="do not ask the server, even if one is configured")
    oa = sub.add_parser("openapi", help="print the API contract (OpenAPI JSON) served by the sandbox")
    oa.add_argument("--output", type=Path)
    ob = sub.add_parser("outbox", help="the queue of requests waiting on this counter (run while no kiosk runs)")
    ob.add_argument("action", choices=["status", "rotate-key"],
                    help="status: what waits, by state; rotate-key: a new key, the whole queue re-encrypted")
    re_ = sub.add_parser("release", help="the municipality's signed update repository (The Update Framework)")
    re_sub = re_.add_subparsers(dest="release_action", required=True)
    r_init = re_sub.add_parser("init", help="a new repository with fresh keys; writes root.json for the counters")
    r_init.add_argument("repo", type=Path)
    r_add = re_sub.add_parser("add", help="publish a bundle as a release and make it what a channel runs")
    r_add.add_argument("repo", type=Path)
    r_add.add_argument("--bundle", type=Path, required=True, help="a bundle's folder (dist/kiosk) or its zip")
    r_add.add_argument("--version", required=True, help="three numbers, as 1.4.0")
    r_add.add_argument("--channel", choices=["stable", "pilot"], required=True)
    r_add.add_argument("--platform", help="default: this machine's (linux-x86_64, windows-x86_64)")
    r_pro = re_sub.add_parser("promote", help="point a channel at a release already published")
    r_pro.add_argument("repo", type=Path)
    r_pro.add_argument("--version", required=True)
    r_pro.add_argument("--channel", choices=["stable", "pilot"], required=True)
    r_pro.add_argument("--platform")
    r_ts = re_sub.add_parser("timestamp", help="re-sign the timestamp (every few days: it expires in 7)")
    r_ts.add_argument("repo", type=Path)
    r_root = re_sub.add_parser("root", help="re-sign the root with the root key (once a year: it expires in 365 days)")
    r_root.add_argument("repo", type=Path)
    r_pub = re_sub.add_parser("publish", help="copy what the web server serves (metadata, targets; never keys)")
    r_pub.add_argument("repo", type=Path)
    r_pub.add_argument("out", type=Path)
    co = sub.add_parser("conformance", help="prove that a municipal server speaks the kiosk's contract "
                        "(run it against a staging server: it files test requests)")
    from kiosk.conformance.cli import add_arguments

    add_arguments(co)


def verify_command(document: str, server: str | None = None) -> int:
    """Exit 0 genuine, 1 training document, 2 not confirmed (changed, forged, unknown, withdrawn or retired
    key, not a seal, unreadable, cancelled, replaced). Any input ends in one of these and a Persian
    sentence, never a traceback. With ``server``, the register is asked about a document the seal shows
    genuine; a server that cannot be reached leaves the offline verdict, which says so."""
    try:
        from kiosk.printing.verify import check_document, check_path, confirm_online, describe

        if document == "-":
            verdict = check_document(sys.stdin.buffer.read(40_000_001))
        elif document.lstrip().startswith("IK1."):
            verdict = check_document(document)
        elif not _is_file(document):
            from kiosk.printing.verify import Verdict

            looks_like_a_path = len(document) < 4096 and ("/" in document or os.sep in document
                                                          or Path(document).suffix.lower() in FILE_TYPES)
            verdict = Verdict("no_file") if looks_like_a_path else check_document(document)
        else:
            verdict = check_path(document)
        verdict = _ask_register(verdict, server)
        sentence, rows = describe(verdict)
    except Exception:  # noqa: BLE001 - last line of the promise: a verdict, not a traceback
        import logging

        logging.getLogger(__name__).exception("kiosk verify failed")
        from kiosk.i18n import persian

        print(persian().translate("Print", "This file could not be read as a document (a PDF or a picture of "
                                           "one). Scan the square code on the paper instead."))
        return 2
    out = sys.stdout
    for text in [sentence, *(f"  {label}: {value}" for label, value in rows)]:
        try:
            print(text, file=out)
        except UnicodeEncodeError:  # a console that cannot show Persian (a Windows code page)
            out.buffer.write((text + "\n").encode("utf-8"))
    return verdict.exit_code


def _ask_register(verdict, server: str | None):
    """The verdict after the server's register was asked (the server says itself whether it is a training
    server, so a training document is asked of a training server only)."""
    from kiosk.printing.verify import confirm_online

    if server is None or not verdict.ok:
        return confirm_online(verdict, None)
    from kiosk.api_client import ApiSession, KioskApi

    api = KioskApi(ApiSession(server.rstrip("/"), connect_timeout=5, read_timeout=10, token_provider=None))
    try:
        training = api.health().training
    except Exception:  # noqa: BLE001 - unreachable or not our server: the register cannot be asked
        import logging

        logging.getLogger(__name__).info("kiosk verify: the server could not be asked", exc_info=True)
        training = None
    if training is None:
        from kiosk.printing.verify import UNREACHABLE
        from dataclasses import replace

        return replace(verdict, notes=verdict.notes + ((UNREACHABLE, {}),))
    return confirm_online(verdict, api, training=training)


FILE_TYPES = (".pdf", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp")


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except (OSError, ValueError):  # a name too long for the OS, a NUL character: not a file
        return False


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the marker lupdate looks for
    return text


ANOTHER_KIOSK = QT_TRANSLATE_NOOP("Main", "Another kiosk is already running on this computer for this user. "
                                          "Use that window.")
TITLE = QT_TRANSLATE_NOOP("Main", "Isfahan counter kiosk")
LIVE_BUILD = QT_TRANSLATE_NOOP("Main", "This is the live counter's build: it has no training server, sandbox or "
                                       "conformance kit. For training, run the training build (kiosk-training).")
# What each command needs that the live bundle leaves out (build/kiosk.spec, KIOSK_BUNDLE=live).
# (Top-level names: looking for a submodule would import its package.)
TRAINING_PARTS = {"sandbox": "kiosk.sandbox", "openapi": "kiosk.sandbox", "conformance": "schemathesis",
                  "training": "kiosk.sandbox"}


def in_this_build(module: str) -> bool:
    """Whether ``module`` was built into this program (the live bundle has no sandbox)."""
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # its package is missing too
        return False


def outbox_command(action: str) -> int:
    """`kiosk outbox status|rotate-key`: exit 0 done, 3 another kiosk holds the data folder."""
    from kiosk import logs, paths
    from kiosk.platform import AlreadyRunning, InstanceLock

    logs.setup(paths.log_dir())
    try:
        lock = InstanceLock(paths.data_dir()).acquire()
    except AlreadyRunning:
        from kiosk.i18n import persian

        print(persian().translate("Main", ANOTHER_KIOSK), file=sys.stderr)
        return 3
    try:
        from kiosk.outbox.storage import open_storage, rotate

        storage = open_storage(paths.data_dir(), paths.config_dir())
        try:
            if action == "rotate-key":
                if storage.locked:
                    print("the queue is locked: data under a missing key waits for a supervisor", file=sys.stderr)
                    return 2
                new, rows, files = rotate(storage)
                print(f"new key {new}: {rows} queued request(s) and {files} spooled file(s) re-encrypted")
            counts = storage.store.counts()
            print(" ".join(f"{state}={n}" for state, n in sorted(counts.items())),
                  f"spooled={len(storage.spool.pending())}", "locked" if storage.locked else "")
        finally:
            storage.close()
    finally:
        lock.release()
    return 0


def release_command(args: argparse.Namespace) -> int:
    """`kiosk release …`: exit 0 done, 2 refused (with the reason)."""
    import tempfile

    from kiosk import release
    from kiosk.platform import release_platform

    try:
        if args.release_action == "init":
            root = release.init(args.repo)
            (args.repo / "root.json").write_bytes(root)
            print(f"repository in {args.repo}; install {args.repo / 'root.json'} as the counters' updates-root.json "
                  f"and move {args.repo / 'keys' / 'root.pem'} offline")
        elif args.release_action == "add":
            platform_name = args.platform or release_platform()
            with tempfile.TemporaryDirectory() as tmp:
                if args.bundle.is_dir():
                    archive = release.zip_bundle(args.bundle, Path(tmp) / "bundle.zip")
                else:
                    archive = args.bundle  # a zip already (checked: a bundle for that platform)
                path = release.add_release(args.repo, archive, args.version, args.channel, platform_name)
            print(f"{args.channel} ({platform_name}) now runs {args.version}: {path}")
        elif args.release_action == "promote":
            release.promote(args.repo, args.version, args.channel, args.platform or release_platform())
            print(f"{args.channel} now runs {args.version}")
        elif args.release_action == "timestamp":
            release.refresh_timestamp(args.repo)
            print("timestamp re-signed")
        elif args.release_action == "root":
            print(f"root version {release.renew_root(args.repo)} signed; publish it")
        elif args.release_action == "publish":
            release.copy_repository(args.repo, args.out)
            print(f"publish {args.out} (metadata/ and targets/) on the update server")
    except (OSError, ValueError, KeyError) as exc:  # (ReleaseError is a ValueError)
        print(f"release: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    from kiosk.platform import private_files

    mark("main")
    private_files()  # before any file is made: the outbox, its WAL, the spool, the log are this user's only
    args = parse_args(argv)
    if args.command is None:
        launched = _run_newer_version()
        if launched is not None:
            return launched
    wanted = "training" if args.training and args.command is None else args.command
    if wanted in TRAINING_PARTS and not in_this_build(TRAINING_PARTS[wanted]):
        from kiosk.i18n import persian

        text = persian().translate("Main", LIVE_BUILD)
        if wanted == "training":
            return _refuse(args, text)  # (a clerk started it: in a box too)
        print(text, file=sys.stderr, flush=True)
        return 2
    if args.command == "release":
        return release_command(args)
    if args.command == "conformance":
        from kiosk.conformance.cli import main as conformance

        return conformance(args)
    if args.command == "sandbox":
        from kiosk.paths import data_dir

        if args.listen_fd is not None or args.listen_share:
            from kiosk.training import ParentLink, receive_socket

            sock = receive_socket(args.listen_fd, args.listen_share)
            link = ParentLink()  # first: the kiosk's end is heard even while the server is still starting
            from kiosk import logs, paths

            logs.setup(paths.log_dir(), file_name="training-server.log")
            try:
                from kiosk.sandbox.server import serve_handed_socket

                serve_handed_socket(sock, args.db or data_dir() / "training-sandbox.sqlite3",
                                    clock_speed=args.clock_speed, link=link)
            except Exception:
                import logging

                logging.getLogger("kiosk.training").exception("the training server failed")
                return 1
            return 0
        from kiosk.sandbox.server import serve_forever

        serve_forever(args.db or data_dir() / "training-sandbox.sqlite3", args.host, args.port,
                      clock_speed=args.clock_speed)
        return 0
    if args.command == "hash-pin":
        import getpass

        from kiosk.secrets import hash_pin

        pin = getpass.getpass("PIN: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
        if len(pin) < 6:
            # The hash is read by the kiosk's own account: 10^4 PINs fall to a guess in minutes, 10^6 in hours
            # per core, and every try at the counter waits longer.
            print("the PIN needs at least 6 characters", file=sys.stderr)
            return 2
        print(f'exit_pin = "{hash_pin(pin)}"')
        return 0
    if args.command == "verify":
        return verify_command(args.document, None if args.offline else _verify_server(args))
    if args.command == "outbox":
        return outbox_command(args.action)
    if args.command == "openapi":
        from kiosk.sandbox.openapi import openapi_json

        text = openapi_json()
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    return run_gui(args)


def _run_newer_version() -> int | None:
    """The installed bundle is the launcher: a newer version staged by a signed update (or confirmed since)
    runs in its place (kiosk/updates.py). None: this one runs."""
    if not getattr(sys, "frozen", False) or os.environ.get("KIOSK_LAUNCHED"):
        return None
    from kiosk import __version__, logs, paths, updates
    from kiosk.platform import run_instead

    logs.setup(paths.log_dir())
    program, version = updates.choose(paths.data_dir() / "updates", __version__)
    if program is None:
        return None
    import logging

    logging.getLogger(__name__).info("running version %s (%s) in place of %s", version, program, __version__)
    return run_instead([str(program), *sys.argv[1:]], dict(os.environ, KIOSK_LAUNCHED=version))


def update_client(config, folder: Path):
    """The signed-update client, when the administrator's own settings file names a repository and a root of
    trust is installed (the administrator's ``updates-root.json``, else the bundle's own); else None."""
    import logging

    if not config.is_locked("update_url") or not config["update_url"]:
        return None  # only the administrator points a counter at a repository, and picks its channel
    from kiosk import __version__
    from kiosk.paths import resource
    from kiosk.platform import admin_only, system_config_dir
    from kiosk.updates import CHANNELS, UpdateClient

    log = logging.getLogger(__name__)
    channel = config["update_channel"] if config.is_locked("update_channel") else "stable"
    if channel not in CHANNELS:
        log.error("update_channel %r is not one of %s: no updates", channel, ", ".join(CHANNELS))
        return None
    admin_root = system_config_dir() / "updates-root.json"
    if admin_root.exists() and admin_only(admin_root):
        root = admin_root.read_bytes()
    elif resource("updates", "root.json").exists():
        root = resource("updates", "root.json").read_bytes()
    else:
        log.error("update_url is set but no root of trust is installed (%s): no updates", admin_root)
        return None
    return UpdateClient(config["update_url"], channel, root, folder, __version__)


def _refuse(args: argparse.Namespace, text: str) -> int:
    """The kiosk cannot start as asked: the sentence on standard error and, on a screen, in a box."""
    print(text, file=sys.stderr, flush=True)
    if not args.exit_after_start and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        from kiosk.app import create_application
        from PySide6.QtWidgets import QMessageBox

        create_application()
        from PySide6.QtCore import QCoreApplication

        QMessageBox.warning(None, QCoreApplication.translate("Main", TITLE), text)
    return 2


def _verify_server(args: argparse.Namespace) -> str | None:
    """The server ``kiosk verify`` asks: ``--server``, else ``server_url`` of the settings (a setting the
    administrator locked wins); none with ``--training`` (the training server belongs to a running kiosk)."""
    if args.training:
        return None
    from kiosk.config import BY_KEY, LOCKED, Config, LockedSetting
    from kiosk.domain.digits import ltr

    try:
        config = Config.load(overrides={"server_url": args.server})
    except LockedSetting as locked:  # said, and the administrator's server asked instead
        from kiosk.i18n import persian

        label = persian().translate("Settings", BY_KEY[locked.key].label)
        print(persian().translate("Settings", LOCKED).format(setting=label, file=ltr(str(locked.file))), file=sys.stderr)
        config = Config.load()
    except Exception:  # noqa: BLE001 - unreadable settings: check offline rather than not at all
        return args.server
    return config["server_url"] or None


def run_gui(args: argparse.Namespace) -> int:
    from kiosk import logs, paths

    mark("run_gui")
    logs.setup(paths.log_dir(), defer_file=True)  # the file opens after the first paint (MainWindow.first_painted)
    from kiosk.platform import AlreadyRunning, InstanceLock

    try:
        # One kiosk per data folder: two would send each other's queued requests and reset them mid-flight.
        instance = InstanceLock(paths.data_dir()).acquire()
    except AlreadyRunning:
        instance = None
    training_server = None
    if instance is not None and args.training and not args.server:
        # Its own process, started first: it imports FastAPI and uvicorn on the other core while Qt starts
        # and the window paints here, on a port that listens from now on.
        from kiosk.training import TrainingServer

        training_server = TrainingServer(args.training_db or paths.data_dir() / "training-sandbox.sqlite3",
                                         clock_speed=args.clock_speed)
        try:
            training_server.launch()
        except OSError:  # no port, no process: said in the window (wait_ready fails at once), not a traceback
            import logging

            logging.getLogger(__name__).exception("the training server could not be started")
    mark("lock and training server")
    try:
        return _run_gui(args, instance, training_server)
    finally:
        if training_server is not None:
            training_server.close()
        if instance is not None:
            instance.release()


def _run_gui(args: argparse.Namespace, instance, training_server) -> int:
    from kiosk import paths
    from kiosk.app import create_application

    mark("kiosk.app imported")
    from kiosk.config import LOCKED, NO_SERVER, BY_KEY, Config, LockedSetting, default_system_file
    from kiosk.domain.digits import ltr
    from kiosk.i18n import persian
    mark("config, i18n imported")

    try:
        config = Config.load(overrides={"server_url": args.server, "counter_mode": True if args.counter else None})
    except LockedSetting as locked:
        label = persian().translate("Settings", BY_KEY[locked.key].label)
        return _refuse(args, persian().translate("Settings", LOCKED).format(setting=label, file=ltr(str(locked.file))))
    for text, params in config.problems:
        print(persian().translate("Settings", text).format(**params), file=sys.stderr, flush=True)
    if not args.training and not config["server_url"]:
        return _refuse(args, persian().translate("Settings", NO_SERVER).format(file=ltr(str(default_system_file()))))
    if instance is None:
        create_application(point_size=config["font_point_size"])
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        text = QCoreApplication.translate("Main", ANOTHER_KIOSK)
        print(text, file=sys.stderr, flush=True)
        if not args.exit_after_start and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            QMessageBox.warning(None, QCoreApplication.translate("Main", TITLE), text)
        return 3
    mark("config")
    app = create_application(point_size=config["font_point_size"], keyboard=False)  # the window installs it
    mark("application")

    from kiosk import messages
    from kiosk.secrets import TokenStore
    from kiosk.services import Services
    from kiosk.tasks import TaskRunner
    from kiosk.ui.main_window import MainWindow

    bus = messages.bus()
    sys.excepthook = lambda t, e, tb: bus.bug(e)
    threading.excepthook = lambda a: bus.bug(a.exc_value)

    mark("main window imported")
    from kiosk.outbox.service import OutboxService

    runner = TaskRunner(default_error=bus.failure)
    services = Services(config=config, tokens=TokenStore(), runner=runner, training=args.training)
    services.outbox = OutboxService(lambda: services.api, runner, operator=services.operator_name,
                                    token_owner=services.tokens.current)
    from kiosk import __version__

    updates_folder = paths.data_dir() / "updates"
    services.updates = update_client(config, updates_folder)
    mark("services")
    window = MainWindow(services)
    mark("window")
    if services.updates is not None or (updates_folder / "state.json").exists():
        window.watch_updates(updates_folder)
    from PySide6.QtCore import QCoreApplication

    for text, params in config.problems:  # the administrator's file refused: say so where the clerk looks
        window.banner.show_message(QCoreApplication.translate("Settings", text).format(**params), "error")
    started = {"painted": 0.0}

    def open_outbox():
        from kiosk.outbox.storage import open_storage
        from kiosk.uploads import Uploads

        storage = open_storage(paths.data_dir(), paths.config_dir())
        services.uploads = Uploads(storage.spool, lambda: services.api, operator=services.operator_name)
        return storage

    def start_backend() -> None:
        mark("painted")
        started["painted"] = process_age_ms()
        if args.exit_after_start:
            print(f"ready in {started['painted']:.0f} ms", flush=True)
        # pydantic and the contract are imported here, on this thread, before any worker may import them:
        # two threads importing pydantic at once under PySide6's import hook (which asks every new module
        # for ``__wrapped__``, and pydantic answers through a module __getattr__ that imports) break it
        # with a circular ImportError — seen from the live bundle against a real server.
        import kiosk.api_client.endpoints  # noqa: F401
        import kiosk.api_client.session  # noqa: F401

        def outbox_open(storage) -> None:
            services.outbox.attach(storage)
            # The start check of a version being tried after an update: painted, its outbox open.
            if os.environ.get("KIOSK_LAUNCHED") == __version__:
                from kiosk.updates import confirm_started

                services.runner.run(lambda: confirm_started(updates_folder, __version__))

        services.runner.run(open_outbox, outbox_open)
        if training_server is not None:
            # Its port listens already: the first health check waits in its backlog and is answered as soon
            # as the server is up. Its start is watched apart, to say so if it fails.
            window.backend_started(training_server.url, patient=True)

            def started_ok(_url: str) -> None:
                # The class can pull the "network" and put it back while the kiosk runs (same port).
                services.training_link = lambda up: training_server.start() if up else training_server.stop()
                window.link_button.setVisible(True)

            services.runner.run(training_server.wait_ready, started_ok, window.backend_failed)
        else:
            window.backend_started(config["server_url"])

    window.first_painted.connect(start_backend)
    from kiosk import logs

    window.first_painted.connect(logs.open_file)  # the log file was set up deferred (run_gui)
    if args.exit_after_start:
        def finish(ok: bool) -> None:
            print(f"server {'ready' if ok else 'NOT reachable'} in {process_age_ms():.0f} ms", flush=True)
            app.exit(0 if ok else 1)

        window.server_ready.connect(finish)
        from PySide6.QtCore import QTimer

        QTimer.singleShot(60_000, lambda: (print("gave up waiting for the server", flush=True), app.exit(2)))
    if args.exit_after_start:
        window.show()
    else:
        window.show_on_screen()
    mark("shown")
    rc = app.exec()
    window.net.stop()
    services.outbox.stop()
    services.runner.wait_all(5000)
    return rc


if __name__ == "__main__":
    sys.exit(main())
