# SPDX-License-Identifier: GPL-2.0-or-later
"""The ``mirrors``, ``media add-distrib``, ``refresh`` and ``signatures`` commands."""

from __future__ import annotations

import _thread
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.trust.conftest import NAMES, TrustEnv
from xosupdate.cli.__main__ import main
from xosupdate.cli.commands import run_cancellable
from xosupdate.cli.render import ProgressBoard
from xosupdate.domain.progress import CancelToken, Phase, Progress
from xosupdate.errors import SyncCancelledError
from xosupdate.services.demo import DemoSandbox, DemoServer, serve_demo

pytestmark = pytest.mark.integration


def run(capsys: pytest.CaptureFixture[str], env: TrustEnv, *args: str) -> tuple[int, str, str]:
    config = env.root / "etc/xosupdate/xosupdate.toml"
    if not config.exists():
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text("connect_timeout = 0.5\nread_timeout = 0.5\n")
    status = main(["--root", str(env.root), "--cache-dir", str(env.cache), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_refresh_command(trust_env: TrustEnv, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, trust_env, "refresh")
    assert (status, err) == (0, "")
    assert out == "Main:         updated (7 packages)\nMain Updates: updated (1 package)\n"
    status, out, _ = run(capsys, trust_env, "refresh", "--json")
    records = json.loads(out)["media"]
    assert [(r["medium"], r["status"]) for r in records] == [
        ("Main", "up-to-date"),
        ("Main Updates", "up-to-date"),
    ]
    trust_env.mirror.fault(trust_env.md5sum_path("Main Updates"), status=404)
    status, out, err = run(capsys, trust_env, "refresh", "Main Updates")
    url = trust_env.medium_url("Main Updates")
    assert status == 1
    assert out == f"Main Updates: failed: {url}/media_info/MD5SUM: HTTP 404\n"
    status, _, err = run(capsys, trust_env, "refresh", "Nope")
    assert status == 1 and err.startswith("error: no medium named 'Nope'")


def test_signatures_command(trust_env: TrustEnv, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, trust_env, "refresh")
    status, out, err = run(capsys, trust_env, "signatures", "--json")
    assert (status, err) == (0, "")
    document = json.loads(out)
    assert document["schema"] == 1 and document["problems"] == [] and document["warnings"] == []
    records = {r["name"]: r for r in document["signatures"]}
    assert sorted(records) == sorted(NAMES)
    assert set(records["xos-good"]) == {"name", "arch", "medium", "verdict", "key_id", "detail"}
    assert records["xos-unsigned"]["verdict"] == "unsigned"
    status, out, _ = run(capsys, trust_env, "signatures", "xos-good")
    assert status == 0
    header, line = out.splitlines()
    assert header.split() == ["NAME", "ARCH", "MEDIUM", "VERDICT", "DETAIL"]
    assert line.split()[:5] == ["xos-good", "noarch", "Main", "Updates", "trusted"]


@pytest.fixture
def demo(demo_sandbox: DemoSandbox) -> Iterator[DemoServer]:
    with serve_demo(demo_sandbox, slow_delay=0.2) as server:
        yield server


def test_mirrors_command(
    demo_sandbox: DemoSandbox, demo: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--root", str(demo_sandbox.root), "--cache-dir", str(tmp_path / "cache"), "mirrors"]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"mirror list: {demo.mirrorlist_url}"
    assert "ranked by measured latency" in out[1]
    assert out[3].split()[:2] == ["1", demo.distrib_url]
    assert out[5].endswith("failed: connection refused")
    assert out[-1] == f"chosen: {demo.distrib_url}"
    assert main([*args, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["from_cache"] is True and document["chosen"] == demo.distrib_url
    assert main([*args, "--probe", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["from_cache"] is False


def test_add_distrib_command(
    demo_sandbox: DemoSandbox, demo: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    base = ["--root", str(root), "--cache-dir", str(tmp_path / "cache"), "media", "add-distrib"]
    assert main([*base, demo.distrib_url, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f'would add medium "Main" (key-ids {demo_sandbox.key_ids["Main"]})'
    )
    assert out.splitlines()[-1] == 'would add medium "XtreemOS_Testing" (ignored by default)'
    assert not (root / "etc/urpmi/urpmi.cfg").exists()
    assert main([*base, demo.distrib_url]) == 0
    out = capsys.readouterr().out
    assert f"wrote {root}/etc/urpmi/urpmi.cfg" in out
    assert (root / "etc/urpmi/urpmi.cfg").read_text().count(" {\n") == 5
    assert main(base) == 1
    assert capsys.readouterr().err == "error: give the distribution URL, or --mirrorlist\n"


def test_progress_board() -> None:
    stream = io.StringIO()
    board = ProgressBoard(stream, ["Main", "Main Updates"])
    board.update(
        Progress(
            phase=Phase.DOWNLOAD,
            medium="Main",
            file="synthesis.hdlist.cz",
            bytes_done=2048,
            bytes_total=4096,
            files_done=1,
            files_total=4,
        )
    )
    board.finish("Main", "up to date")
    board.close()
    lines = stream.getvalue().split("\x1b[2F")
    assert lines[0] == "\x1b[2KMain:         waiting\n\x1b[2KMain Updates: waiting\n"
    assert lines[-1] == "\x1b[2KMain:         up to date\n\x1b[2KMain Updates: waiting\n"


def test_interrupt_cancels_and_waits() -> None:
    stopped: list[bool] = []

    def work(token: CancelToken) -> int:
        _thread.interrupt_main()  # Ctrl-C, while the work runs
        while not token.wait(5):
            pass
        stopped.append(True)
        token.check()
        return 1

    with pytest.raises(SyncCancelledError, match="interrupted; the cache is as it was"):
        run_cancellable(work, what="refresh")
    assert stopped == [True]  # the work saw the token and ended before the command did
