# SPDX-License-Identifier: GPL-2.0-or-later
"""The ``xosupdate`` commands: argument parsing and one small function per command.

Each command calls services and renders their values; nothing here parses urpmi formats or
talks to the network itself. Services are imported inside the command functions so that a
command starts only what it uses (``updates`` on a warm cache must not pay for requests or
gnupg).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from xosupdate import __version__
from xosupdate.cli.render import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_UPDATES,
    ProgressBoard,
    json_dump,
    restart_target,
    table,
)
from xosupdate.config import CONFIG_PATH, Settings
from xosupdate.domain.plan import CandidateKind, UpdatePlan
from xosupdate.domain.progress import CancelToken, Progress
from xosupdate.errors import SyncCancelledError
from xosupdate.services.paths import default_demo_dir, resolve_locations

if TYPE_CHECKING:
    from xosupdate.services.transaction import Event, HelperLauncher, Request, ResultEvent

__all__ = ["CliContext", "build_parser", "make_context"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CliContext:
    """What every command gets: the system root, the cache, settings and the streams.

    Attributes:
        stdin: where confirmations are read from.
        launcher: how the privileged helper is started (None: pkexec for ``/``, the
            helper itself for a sandbox root); tests inject fakes.
    """

    root: Path
    cache_dir: Path
    settings: Settings
    stdout: TextIO
    stderr: TextIO
    stdin: TextIO = sys.stdin
    launcher: HelperLauncher | None = None
    verbose: int = 0


Command = Callable[[argparse.Namespace, CliContext], int]
T = TypeVar("T")

NOTHING_TO_INSTALL = "Nothing to install: the packages are installed and up to date."


def make_context(args: argparse.Namespace) -> CliContext:
    """Resolve --root, --cache-dir and --config and load the settings once."""
    where = resolve_locations(args.root, cache_dir=args.cache_dir, config=args.config)
    return CliContext(
        root=where.root,
        cache_dir=where.cache_dir,
        settings=where.settings,
        stdout=sys.stdout,
        stderr=sys.stderr,
        stdin=sys.stdin,
        verbose=args.verbose,
    )


# ---------------------------------------------------------------- inspect


def cmd_inspect(args: argparse.Namespace, ctx: CliContext) -> int:
    """Detect the format of FILE and show what it holds."""
    from xosupdate.services.inspect import inspect_file  # noqa: PLC0415 - lazy

    result = inspect_file(Path(args.file))
    if args.json:
        json_dump(
            {"schema": 1, "format": result.format, "records": list(result.records)}, ctx.stdout
        )
        return EXIT_OK
    print(f"{args.file}: {result.format}, {result.summary}", file=ctx.stdout)
    if result.rows:
        print(table(result.headers, result.rows), file=ctx.stdout)
    return EXIT_OK


# ---------------------------------------------------------------- media


def cmd_media_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """The media of ROOT/etc/urpmi/urpmi.cfg."""
    from xosupdate.services.media import list_media, medium_json  # noqa: PLC0415 - lazy

    media = list_media(ctx.root)
    if args.json:
        json_dump({"schema": 1, "media": [medium_json(m) for m in media]}, ctx.stdout)
        return EXIT_OK
    rows = [
        (
            m.name,
            "on" if m.enabled else "off",
            m.kind.value + (" (update)" if m.update and m.kind.value != "updates" else ""),
            ",".join(m.key_ids) or "-",
            m.url or f"{m.mirrorlist} {m.with_dir}".strip(),
        )
        for m in media
    ]
    print(table(("MEDIUM", "ENABLED", "KIND", "KEY-IDS", "SOURCE"), rows), file=ctx.stdout)
    return EXIT_OK


TESTING_WARNING = """\
{name} is a testing medium. Its packages are candidates for updates that have not
finished quality assurance: they may not work and may break your system.
While it is enabled, 'xosupdate updates' offers its packages too.
To go back, run 'xosupdate media disable {name}'; packages already installed from it
stay installed until newer versions reach the update media."""


def _confirm(ctx: CliContext, question: str) -> bool:
    """Ask ``question``; only a "y"/"yes" answer at a terminal says yes.

    Raises:
        XosUpdateError: no terminal to ask at (use --yes).
    """
    from xosupdate.errors import XosUpdateError  # noqa: PLC0415 - leaf

    if not ctx.stdin.isatty():
        raise XosUpdateError("confirmation needed but stdin is not a terminal: use --yes")
    print(f"{question} [y/N] ", end="", file=ctx.stdout, flush=True)
    answer = ctx.stdin.readline().strip().lower()
    return answer in ("y", "yes")


def _print_event(ctx: CliContext) -> Callable[[Event], None]:
    """Progress replies as a few readable lines on stderr (bytes only at a terminal)."""
    from xosupdate.services.transaction import LogEvent, Phase, ProgressEvent  # noqa: PLC0415

    tty = ctx.stderr.isatty()
    last: dict[str, object] = {"phase": None, "item": None}

    def show(event: Event) -> None:
        if isinstance(event, LogEvent):
            if ctx.verbose:
                print(f"  {event.text}", file=ctx.stderr)
            return
        if not isinstance(event, ProgressEvent):
            return
        phase, item = event.phase, event.item
        if phase is Phase.DOWNLOAD:
            if tty and event.total:
                end = "\n" if event.done >= event.total else ""
                print(
                    f"\rdownloading {item} {event.done * 100 // event.total:3d}%",
                    end=end,
                    file=ctx.stderr,
                    flush=True,
                )
            elif item != last["item"]:
                print(f"downloading {item}", file=ctx.stderr)
        elif phase in (Phase.INSTALL, Phase.REMOVE) and item:
            if (phase, item) != (last["phase"], last["item"]):
                verb = "installing" if phase is Phase.INSTALL else "removing old"
                count = f" ({event.done}/{event.total})" if event.total else ""
                print(f"{verb} {item}{count}", file=ctx.stderr)
        elif phase is Phase.REFRESH and item:
            print(f"checking medium {item}", file=ctx.stderr)
        elif phase is Phase.VERIFY and item and item != last["item"]:
            print(f"verifying {item}", file=ctx.stderr)
        elif phase is not last["phase"] and phase in (Phase.RESOLVE, Phase.PREPARE):
            print(f"{'resolving' if phase is Phase.RESOLVE else 'preparing'}...", file=ctx.stderr)
        last["phase"], last["item"] = phase, item

    return show


def _helper(ctx: CliContext, request: Request) -> ResultEvent:
    from xosupdate.services.transaction import run_helper  # noqa: PLC0415 - lazy

    return run_helper(
        request,
        root=ctx.root,
        launcher=ctx.launcher,
        on_event=_print_event(ctx),
    )


def cmd_media_enable(args: argparse.Namespace, ctx: CliContext) -> int:
    """Switch a medium on (a testing medium asks first, unless --yes)."""
    from xosupdate.services.media import read_urpmicfg  # noqa: PLC0415 - lazy
    from xosupdate.services.transaction import medium_request  # noqa: PLC0415 - lazy

    request = medium_request(args.name, enable=True)
    medium = read_urpmicfg(ctx.root).medium(args.name)
    if medium.testing and medium.enabled is False and not args.yes:
        print(TESTING_WARNING.format(name=medium.name), file=ctx.stdout)
        if not _confirm(ctx, f"Enable {medium.name}?"):
            print("Nothing was changed.", file=ctx.stdout)
            return EXIT_ERROR
    result = _helper(ctx, request)
    print(result.message, file=ctx.stdout)
    return EXIT_OK


def cmd_media_disable(args: argparse.Namespace, ctx: CliContext) -> int:
    """Switch a medium off."""
    from xosupdate.services.transaction import medium_request  # noqa: PLC0415 - lazy

    result = _helper(ctx, medium_request(args.name, enable=False))
    print(result.message, file=ctx.stdout)
    return EXIT_OK


# ---------------------------------------------------------------- install


def cmd_install(args: argparse.Namespace, ctx: CliContext) -> int:
    """Show what would be installed (the helper's simulate), confirm, install."""
    from xosupdate.services.transaction import install_request  # noqa: PLC0415 - lazy

    media = tuple(args.media or ())
    if args.yes and not args.dry_run:
        # Nothing to confirm: one helper run, so one authorisation on "/" (simulate and
        # install are separate polkit actions and each would ask for the password).
        result = _helper(ctx, install_request(args.packages, media=media))
        if not result.packages:
            print(NOTHING_TO_INSTALL, file=ctx.stdout)
            return EXIT_OK
        for p in result.packages:
            print(f"  {p.fullname}  {p.medium or ''}".rstrip(), file=ctx.stdout)
        print(f"Installed {len(result.packages)} packages.", file=ctx.stdout)
        return EXIT_OK
    simulate = install_request(args.packages, media=media, simulate=True)
    planned = _helper(ctx, simulate).packages
    if not planned:
        print(NOTHING_TO_INSTALL, file=ctx.stdout)
        return EXIT_OK
    print(
        f"The following {len(planned)} package{'s' if len(planned) != 1 else ''} "
        f"{'would be' if args.dry_run else 'will be'} installed:",
        file=ctx.stdout,
    )
    rows = [(f"  {p.fullname}", p.medium or "") for p in planned]
    print(table(("  PACKAGE", "MEDIUM"), rows), file=ctx.stdout)
    if args.dry_run:
        return EXIT_OK
    if not args.yes and not _confirm(ctx, f"Install {len(planned)} packages?"):
        print("Nothing was installed.", file=ctx.stdout)
        return EXIT_ERROR
    result = _helper(ctx, install_request(args.packages, media=media))
    print(f"Installed {len(result.packages)} packages.", file=ctx.stdout)
    return EXIT_OK


# ---------------------------------------------------------------- updates


def cmd_updates(args: argparse.Namespace, ctx: CliContext) -> int:
    """Update candidates per medium (``--check``: exit 100 when there are some)."""
    from xosupdate.services.updates import compute_updates  # noqa: PLC0415 - lazy

    plan = compute_updates(ctx.root, cache_dir=ctx.cache_dir, media=args.media or ())
    for problem in plan.problems:
        print(f"error: {problem.message}", file=ctx.stderr)
    if plan.no_update_medium:
        print(
            "warning: no enabled medium is an update medium: security and bug-fix updates "
            "are not looked for (xosupdate media list; xosupdate media enable NAME)",
            file=ctx.stderr,
        )
    if args.json:
        json_dump(
            {
                "schema": 1,
                "updates": [c.to_json() for c in plan.candidates],
                "held": [c.to_json() for c in plan.held],
                "problems": [{"medium": p.medium, "message": p.message} for p in plan.problems],
            },
            ctx.stdout,
        )
    elif not args.check or plan.candidates:
        _print_plan(plan, ctx)
    if plan.problems and not plan.candidates:
        return EXIT_ERROR
    if args.check:
        return EXIT_UPDATES if plan.upgrades else EXIT_OK
    return EXIT_ERROR if plan.problems else EXIT_OK


def _print_plan(plan: UpdatePlan, ctx: CliContext) -> None:
    groups = plan.by_medium()
    if not groups:
        print("No updates available.", file=ctx.stdout)
        _print_held(plan, ctx)
        return
    for medium, candidates in groups.items():
        print(f"{medium} ({len(candidates)})", file=ctx.stdout)
        rows = []
        for c in candidates:
            if c.kind is CandidateKind.NEW:
                what = f"new, for {', '.join(c.required_by)}"
            elif c.replaces:
                what = f"replaces {', '.join(c.replaces)}"
            else:
                what = f"{c.installed} -> {c.candidate}"
            if c.kind is CandidateKind.NEW or c.replaces:
                what = f"{c.candidate} ({what})"
            status = "" if c.installable else f"  NOT INSTALLABLE: needs {'; '.join(c.missing)}"
            rows.append(
                (
                    f"  {c.name}",
                    c.arch,
                    what,
                    c.importance.value,
                    c.advisory.id if c.advisory else "",
                    status,
                )
            )
        print(
            table(("  NAME", "ARCH", "VERSION", "IMPORTANCE", "ADVISORY", ""), rows),
            file=ctx.stdout,
        )
    counts = plan.counts()
    print(
        f"{counts.total} update{'' if counts.total == 1 else 's'}: {counts.security} security, "
        f"{counts.bugfix} bug fix, {counts.normal} normal",
        file=ctx.stdout,
    )
    _print_held(plan, ctx)
    for what, names in plan.restarts().items():
        print(
            f"A restart of {restart_target(what)} will be needed after installing: "
            f"{', '.join(names)}.",
            file=ctx.stdout,
        )


def _print_held(plan: UpdatePlan, ctx: CliContext) -> None:
    if plan.held:
        held = ", ".join(
            f"{label} ({c.installed} -> {c.candidate})"
            for label, c in zip(plan.held_labels(), plan.held, strict=True)
        )
        print(f"Held back by /etc/urpmi/skip.list: {held}", file=ctx.stdout)


# ---------------------------------------------------------------- long operations


def run_cancellable(work: Callable[[CancelToken], T], *, what: str) -> T:
    """Run ``work`` in a thread; Ctrl-C raises its cancel token and waits for it to stop.

    The main thread only waits, so the interrupt lands here and not inside the service,
    whose workers see the token between two chunks and leave the cache as it was.

    Raises:
        SyncCancelledError: interrupted (whatever ``work`` raised then).
    """
    token = CancelToken()
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work(token)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, name=f"xos-{what}", daemon=True)
    try:
        thread.start()
        while thread.is_alive():
            thread.join(0.2)
    except KeyboardInterrupt:
        token.cancel()
        if thread.ident is not None:
            thread.join()
        raise SyncCancelledError(f"{what} interrupted; the cache is as it was") from None
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    return outcome["value"]  # type: ignore[return-value]


def _when(epoch: float) -> str:
    return datetime.datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------- mirrors


def cmd_mirrors(args: argparse.Namespace, ctx: CliContext) -> int:
    """The mirror-list URL of product.id, its mirrors ranked, and the chosen one."""
    from xosupdate.services.mirrors import rank_mirrors  # noqa: PLC0415 - lazy

    ranking = run_cancellable(
        lambda cancel: rank_mirrors(
            ctx.root,
            cache_dir=ctx.cache_dir,
            settings=ctx.settings,
            probe=args.probe,
            cancel=cancel,
        ),
        what="mirrors",
    )
    if args.json:
        json_dump({"schema": 1, **ranking.to_json()}, ctx.stdout)
        return EXIT_OK
    origin = "remembered" if ranking.from_cache else "fetched"
    if ranking.stale:
        origin = "remembered (expired; the list could not be fetched)"
    order = "by measured latency" if ranking.probed else "by distance (not probed)"
    print(f"mirror list: {ranking.list_url}", file=ctx.stdout)
    print(f"{origin} {_when(ranking.fetched)}, ranked {order}", file=ctx.stdout)
    rows = []
    for i, m in enumerate(ranking.mirrors, 1):
        latency = "-" if m.latency is None else f"{m.latency * 1000:.0f} ms"
        status = f"failed: {m.error}" if m.error else ""
        rows.append((f"  {i}", m.url, latency, m.location, status))
    print(table(("  #", "MIRROR", "LATENCY", "LOCATION", ""), rows), file=ctx.stdout)
    chosen = ranking.chosen
    print(f"chosen: {chosen.url if chosen else 'none'}", file=ctx.stdout)
    return EXIT_OK


# ---------------------------------------------------------------- media add-distrib


def cmd_media_add_distrib(args: argparse.Namespace, ctx: CliContext) -> int:
    """What urpmi.addmedia --distrib [--mirrorlist] adds, written into a user-owned root."""
    from xosupdate.services.distrib import apply_distrib, plan_distrib  # noqa: PLC0415 - lazy

    if not args.url and args.mirrorlist is None:
        print("error: give the distribution URL, or --mirrorlist", file=ctx.stderr)
        return EXIT_ERROR
    plan = run_cancellable(
        lambda cancel: plan_distrib(
            ctx.root,
            args.url,
            settings=ctx.settings,
            cache_dir=ctx.cache_dir,
            mirrorlist=args.mirrorlist,
            cancel=cancel,
        ),
        what="add-distrib",
    )
    system = ctx.root == Path("/")
    dry = args.dry_run or system
    if args.json:
        json_dump(
            {
                "schema": 1,
                "media_cfg": plan.media_cfg_url,
                "written": not dry,
                "media": [m.to_json() for m in plan.media],
                "skipped": [
                    {"name": s.name, "path": s.path, "reason": s.reason} for s in plan.skipped
                ],
            },
            ctx.stdout,
        )
    else:
        verb = "would add" if dry else "adding"
        for m in plan.media:
            what = (
                "ignored by default"
                if m.ignore
                else (f"key-ids {','.join(m.key_ids)}" if m.key_ids else "no key")
            )
            print(f'{verb} medium "{m.name}" ({what})', file=ctx.stdout)
        for skipped in plan.skipped:
            print(f'skipping medium "{skipped.name}": {skipped.reason}', file=ctx.stdout)
    if system and not args.dry_run:
        print(
            "error: nothing was changed: the system's media are changed through the "
            "privileged helper (xosupdate-helper), not by this command",
            file=ctx.stderr,
        )
        return EXIT_ERROR
    if dry:
        return EXIT_OK
    imported = apply_distrib(plan)
    if not args.json:
        cfg = ctx.root / "etc/urpmi/urpmi.cfg"
        print(f"wrote {cfg}", file=ctx.stdout)
        if imported:
            print(
                f"imported keys {', '.join(imported)} into the root's rpm database", file=ctx.stdout
            )
        print(f"next: xosupdate --root {ctx.root} refresh", file=ctx.stdout)
    return EXIT_OK


# ---------------------------------------------------------------- refresh


def cmd_refresh(args: argparse.Namespace, ctx: CliContext) -> int:
    """Fetch and verify media metadata into the cache; exit 1 if a medium failed."""
    from xosupdate.services.media import read_urpmicfg  # noqa: PLC0415 - lazy
    from xosupdate.services.refresh import refresh_media  # noqa: PLC0415 - lazy

    board: ProgressBoard | None = None
    if not args.json and ctx.stdout.isatty():
        cfg = read_urpmicfg(ctx.root)
        names = args.names or [m.name for m in cfg.media if m.enabled and not m.static]
        board = ProgressBoard(ctx.stdout, [n for n in cfg.names if n in set(names)])

    def progress(p: Progress) -> None:
        if board is not None:
            board.update(p)

    try:
        report = run_cancellable(
            lambda cancel: refresh_media(
                ctx.root,
                cache_dir=ctx.cache_dir,
                settings=ctx.settings,
                names=args.names,
                progress=progress,
                cancel=cancel,
            ),
            what="refresh",
        )
    except BaseException:
        if board is not None:
            board.close()
        raise
    if args.json:
        json_dump({"schema": 1, "media": [r.to_json() for r in report.results]}, ctx.stdout)
    else:
        width = max((len(r.medium) for r in report.results), default=0)
        for r in report.results:
            if board is not None:
                board.finish(r.medium, r.summary)
            else:
                print(f"{r.medium + ':':<{width + 1}} {r.summary}", file=ctx.stdout)
        if board is not None:
            board.close()
        for r in report.results:
            for note in r.notes:
                print(f"note: medium {r.medium}: {note}", file=ctx.stdout)
    for r in report.results:
        if r.key_change is not None:
            print(f"warning: {r.key_change}", file=ctx.stderr)
    return EXIT_ERROR if report.failed else EXIT_OK


# ---------------------------------------------------------------- signatures


def cmd_signatures(args: argparse.Namespace, ctx: CliContext) -> int:
    """The signature verdict of each update candidate, from its rpm header."""
    from xosupdate.services.signatures import check_signatures  # noqa: PLC0415 - lazy

    report = run_cancellable(
        lambda cancel: check_signatures(
            ctx.root,
            cache_dir=ctx.cache_dir,
            settings=ctx.settings,
            names=args.names,
            media=args.media or (),
            cancel=cancel,
        ),
        what="signatures",
    )
    for warning in report.warnings:
        print(f"warning: {warning}", file=ctx.stderr)
    for problem in report.problems:
        print(f"error: {problem.message}", file=ctx.stderr)
    if args.json:
        json_dump(
            {
                "schema": 1,
                "signatures": [v.to_json() for v in report.verdicts],
                "problems": [p.to_json() for p in report.problems],
                "warnings": list(report.warnings),
            },
            ctx.stdout,
        )
    elif report.verdicts:
        rows = [(v.name, v.arch, v.medium, v.verdict.value, v.detail) for v in report.verdicts]
        print(table(("NAME", "ARCH", "MEDIUM", "VERDICT", "DETAIL"), rows), file=ctx.stdout)
    elif not report.problems:
        print("No update candidates.", file=ctx.stdout)
    return EXIT_ERROR if report.problems else EXIT_OK


# ---------------------------------------------------------------- audit


def cmd_audit(args: argparse.Namespace, ctx: CliContext) -> int:
    """Every installed package against the media; table, CSV, JSON or HTML."""
    from xosupdate.services.audit import audit_system  # noqa: PLC0415 - lazy
    from xosupdate.services.report import (  # noqa: PLC0415
        ReportFormat,
        render_report,
        write_report,
    )

    report = audit_system(ctx.root, cache_dir=ctx.cache_dir)
    text = render_report(report, ReportFormat(args.format))
    if args.output:
        write_report(Path(args.output), text)
        print(f"wrote {args.output} ({len(report.records)} packages)", file=ctx.stderr)
    else:
        ctx.stdout.write(text)
    for problem in report.problems:
        print(f"error: {problem.message}", file=ctx.stderr)
    return EXIT_ERROR if report.problems else EXIT_OK


# ---------------------------------------------------------------- demo


def cmd_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    """Build (or reuse) the demo sandbox; with ``--serve``, serve its mirror until Ctrl-C."""
    from xosupdate.services.demo import build_demo, serve_demo  # noqa: PLC0415 - lazy

    sandbox = build_demo(args.dir or default_demo_dir(), force=args.force)
    print(sandbox.describe(), file=ctx.stdout, end="")
    print(
        f"\nTry: xosupdate --root {sandbox.root} media list\n"
        f"     xosupdate --root {sandbox.root} updates\n"
        f"     xosupdate-gui --root {sandbox.root}",
        file=ctx.stdout,
    )
    if args.serve:
        with serve_demo(sandbox) as server:
            print(
                f"\nServing the mirror at {server.distrib_url} (mirror list "
                f"{server.mirrorlist_url}); Ctrl-C stops.",
                file=ctx.stdout,
                flush=True,
            )
            with contextlib.suppress(KeyboardInterrupt):
                threading.Event().wait()
    return EXIT_OK


# ---------------------------------------------------------------- parser


def _add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print a JSON document (schema 1)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``xosupdate`` (design/ARCHITECTURE.md, CLI contract)."""
    parser = argparse.ArgumentParser(
        prog="xosupdate",
        description="Update assistant for urpmi-based systems (XtreemOS 2.x, Mageia).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--root", default="/", metavar="DIR", help="system root to work on (default: /)"
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="xosupdate's metadata cache (default: $XDG_CACHE_HOME/xosupdate)",
    )
    parser.add_argument(
        "--config", metavar="FILE", help=f"settings file (default: ROOT/{CONFIG_PATH})"
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more log output (repeat for debug)"
    )
    parser.add_argument(
        "--debug", action="store_true", help="debug logging and tracebacks on errors"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "inspect",
        help="detect and show an urpmi file (media.cfg, "
        "urpmi.cfg, synthesis, descriptions, MD5SUM, product.id, mirror list)",
    )
    p.add_argument("file", metavar="FILE")
    _add_json(p)
    p.set_defaults(run=cmd_inspect)

    media = sub.add_parser("media", help="list and change urpmi media")
    media_sub = media.add_subparsers(dest="media_command", required=True, metavar="ACTION")
    p = media_sub.add_parser("list", help="media of urpmi.cfg")
    _add_json(p)
    p.set_defaults(run=cmd_media_list)
    p = media_sub.add_parser(
        "enable", help="switch a medium on (testing media ask for confirmation)"
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(run=cmd_media_enable)
    p = media_sub.add_parser("disable", help="switch a medium off")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(run=cmd_media_disable)

    p = sub.add_parser(
        "install", help="install or update packages through the helper (pkexec for /)"
    )
    p.add_argument("packages", nargs="+", metavar="PKG", help="package names")
    p.add_argument("--media", nargs="+", metavar="NAME", help="use only these (enabled) media")
    p.add_argument("--dry-run", action="store_true", help="only show what would be installed")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(run=cmd_install)
    p = media_sub.add_parser(
        "add-distrib",
        help="add a distribution's media from its media.cfg (urpmi.addmedia --distrib)",
    )
    p.add_argument(
        "url", nargs="?", metavar="URL", help="the distribution (the directory holding media/)"
    )
    p.add_argument(
        "--mirrorlist",
        nargs="?",
        const="$MIRRORLIST",
        metavar="LIST_URL",
        help="add mirror-list media (default list: $MIRRORLIST, from product.id)",
    )
    p.add_argument("--dry-run", action="store_true", help="only print what would be added")
    _add_json(p)
    p.set_defaults(run=cmd_media_add_distrib)

    p = sub.add_parser("mirrors", help="the mirror list of product.id, ranked")
    p.add_argument("--probe", action="store_true", help="measure every mirror's latency now")
    _add_json(p)
    p.set_defaults(run=cmd_mirrors)

    p = sub.add_parser("refresh", help="fetch and verify media metadata into the cache")
    p.add_argument("names", nargs="*", metavar="NAME", help="only these media (enabled or not)")
    _add_json(p)
    p.set_defaults(run=cmd_refresh)

    p = sub.add_parser(
        "signatures", help="signature verdict per update candidate, from its rpm header"
    )
    p.add_argument("names", nargs="*", metavar="NAME", help="only these packages")
    p.add_argument(
        "--media", nargs="+", metavar="NAME", help="candidates of these media only (enabled or not)"
    )
    _add_json(p)
    p.set_defaults(run=cmd_signatures)

    p = sub.add_parser("updates", help="update candidates per medium")
    p.add_argument(
        "--media",
        nargs="+",
        metavar="NAME",
        help="only these media (enabled or not), e.g. the testing medium",
    )
    p.add_argument(
        "--check", action="store_true", help="exit 100 when updates are available, 0 when none"
    )
    _add_json(p)
    p.set_defaults(run=cmd_updates)

    p = sub.add_parser("audit", help="every installed package against every medium")
    p.add_argument(
        "--format",
        choices=("table", "csv", "json", "html"),
        default="table",
        help="output format (default: table)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(run=cmd_audit)

    p = sub.add_parser(
        "demo",
        help="build the demo sandbox (an XtreemOS 2.0 system and its "
        "signed mirror) and print how to use it",
    )
    p.add_argument(
        "--dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where to build it (default: $XDG_CACHE_HOME/xosupdate/demo, as for "
        "xosupdate-gui --demo)",
    )
    p.add_argument("--force", action="store_true", help="rebuild even if it exists")
    p.add_argument(
        "--serve", action="store_true", help="then serve its mirror on 127.0.0.1 until interrupted"
    )
    p.set_defaults(run=cmd_demo)
    return parser
