# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixtures of the helper's unit tests: a sandbox root, recording stub urpmi tools, and
running ``main`` in-process."""

from __future__ import annotations

import hashlib
import io
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import rpm

from xosupdate.helper.__main__ import main
from xosupdate.helper.protocol import (
    Event,
    InstallRequest,
    PlannedPackage,
    RefreshRequest,
    ResultEvent,
    decode_reply,
)
from xosupdate.helper.urpmi import UrpmiExecutor
from xosupdate.helper.verbs import Context

DATA = Path(__file__).resolve().parents[2] / "data" / "urpmi"

URPMI_CFG = """\
{
}

Main http://127.0.0.1:9/media/main/release {
  key-ids: 70771ff3
}

Main\\ Updates http://127.0.0.1:9/media/main/updates {
  key-ids: 22458a98
  update
}

Contrib http://127.0.0.1:9/media/contrib/release {
  key-ids: 70771ff3
}

XtreemOS_Testing http://127.0.0.1:9/media/xtreemos/testing {
  ignore
}
"""


def tree_digest(path: Path) -> str:
    """A digest of every file (name, mode and bytes) under ``path``."""
    h = hashlib.sha256()
    if not path.exists():
        return "absent"
    for p in sorted(path.rglob("*")):
        h.update(str(p.relative_to(path)).encode())
        if p.is_file():
            h.update(oct(p.stat().st_mode).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


@dataclass
class Sandbox:
    """A root with urpmi.cfg and an (empty) rpm database."""

    root: Path

    @property
    def cfg(self) -> Path:
        return self.root / "etc/urpmi/urpmi.cfg"

    def snapshot(self) -> tuple[bytes, str, bool]:
        """urpmi.cfg's bytes, the rpm database's digest, whether a helper lock exists."""
        return (
            self.cfg.read_bytes(),
            tree_digest(self.root / "var/lib/rpm"),
            (self.root / "var/lib/xosupdate").exists(),
        )


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    root = tmp_path / "root"
    (root / "etc/urpmi").mkdir(parents=True)
    (root / "var/lib/urpmi").mkdir(parents=True)
    (root / "var/lib/rpm").mkdir(parents=True)
    (root / "etc/urpmi/urpmi.cfg").write_text(URPMI_CFG)
    rpm.addMacro("_dbpath", "/var/lib/rpm")
    try:
        ts = rpm.TransactionSet(str(root))
        ts.initDB()
        ts.closeDB()
    finally:
        rpm.delMacro("_dbpath")
    return Sandbox(root=root)


# ---------------------------------------------------------------- running main


@dataclass
class Outcome:
    """What one in-process run of the helper gave."""

    status: int
    lines: list[bytes]
    events: list[Event] = field(default_factory=list)

    @property
    def result(self) -> ResultEvent:
        last = self.events[-1]
        assert isinstance(last, ResultEvent)
        return last


def run_helper(
    argv: Sequence[str],
    stdin: bytes | dict[str, object],
    *,
    executor: object = None,
    env: Mapping[str, str] | None = None,
    euid: int | None = None,
    uid: int | None = None,
) -> Outcome:
    data = stdin if isinstance(stdin, bytes) else json.dumps(stdin).encode() + b"\n"
    out = io.BytesIO()
    status = main(
        list(argv),
        io.BytesIO(data),
        out,
        executor=executor,  # type: ignore[arg-type]
        env=env if env is not None else {},
        euid=euid,
        uid=uid,
        stderr=io.StringIO(),
    )
    lines = out.getvalue().splitlines()
    events = [decode_reply(line) for line in lines]
    assert sum(isinstance(e, ResultEvent) for e in events) == 1
    assert isinstance(events[-1], ResultEvent)
    return Outcome(status=status, lines=lines, events=events)


class RecordingExecutor:
    """An executor that records every call (hostile requests must never reach one)."""

    name = "recording"

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def install(self, request: InstallRequest, ctx: Context) -> tuple[PlannedPackage, ...]:
        self.calls.append(("install", request))
        return tuple(PlannedPackage(fullname=f"{p}-1-1.noarch") for p in request.packages)

    def simulate(self, request: InstallRequest, ctx: Context) -> tuple[PlannedPackage, ...]:
        self.calls.append(("simulate", request))
        return ()

    def refresh(
        self, request: RefreshRequest, ctx: Context, *, trust_keys: bool = False
    ) -> tuple[str, ...]:
        self.calls.append(("refresh+keys" if trust_keys else "refresh", request))
        return request.media


# ---------------------------------------------------------------- stub urpmi

STUB = """\
#!{python}
# A stand-in for {tool}: records how it was run, replays recorded output, exits.
import json, os, signal, sys, time
here = os.path.dirname(os.path.abspath(__file__))
conf = json.load(open(os.path.join(here, "{tool}.json")))
with open(conf["log"], "a") as log:
    log.write(json.dumps({{
        "argv": sys.argv, "env": dict(os.environ), "cwd": os.getcwd(),
        "stdin": os.path.realpath("/proc/self/fd/0"),
    }}) + "\\n")
if conf.get("sigint_exit") is not None:
    # As urpmi when a download is interrupted: it exits with a status of its own.
    signal.signal(signal.SIGINT, lambda *_: os._exit(conf["sigint_exit"]))
else:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
data = open(conf["fixture"], "rb").read() if conf.get("fixture") else b""
pieces = data.splitlines(keepends=True)
for piece in pieces:
    download = (piece.startswith(b"    ") and b"://" in piece
                or b"% of " in piece or b"% completed" in piece)
    to_stderr = download or piece.startswith(b"No package named")
    stream = sys.stderr.buffer if to_stderr else sys.stdout.buffer
    stream.write(piece)
    stream.flush()
    if download and conf.get("hang"):
        time.sleep(conf["hang"])
sys.exit(conf["exit"])
"""


@dataclass
class Stubs:
    """Recording stand-ins for urpmi and urpmi.update in a directory."""

    directory: Path
    log: Path

    def set(
        self,
        tool: str,
        case: str | None,
        *,
        exit: int | None = None,
        hang: float = 0,
        sigint_exit: int | None = None,
    ) -> None:
        """Make ``tool`` replay ``tests/data/urpmi/<case>.out`` and exit as recorded."""
        code = exit
        if case is not None and code is None:
            code = json.loads((DATA / "cases.json").read_text())[case]["exit"]
        conf = {
            "log": str(self.log),
            "fixture": str(DATA / f"{case}.out") if case else None,
            "exit": code or 0,
            "hang": hang,
            "sigint_exit": sigint_exit,
        }
        (self.directory / f"{tool}.json").write_text(json.dumps(conf))

    def calls(self) -> list[dict[str, object]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def executor(self) -> UrpmiExecutor:
        return UrpmiExecutor(
            urpmi=str(self.directory / "urpmi"), urpmi_update=str(self.directory / "urpmi.update")
        )


@pytest.fixture
def stubs(tmp_path: Path) -> Stubs:
    directory = tmp_path / "stubs"
    directory.mkdir()
    for tool in ("urpmi", "urpmi.update"):
        path = directory / tool
        path.write_text(STUB.format(python=sys.executable, tool=tool))
        path.chmod(0o755)
    s = Stubs(directory=directory, log=tmp_path / "stub-calls.jsonl")
    s.set("urpmi", "up-to-date")
    s.set("urpmi.update", "update-up-to-date")
    return s


Runner = Callable[..., Outcome]


@pytest.fixture
def helper() -> Runner:
    return run_helper
