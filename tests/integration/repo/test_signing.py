# SPDX-License-Identifier: GPL-2.0-or-later
"""SigningKey: throw-away keys in short GNUPGHOMEs, rpmsign, no gpg-agent left behind."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.integration.repo import sample
from tests.integration.tools import gpg_agents_for, rpmkeys
from xosupdate.errors import RepoBuildError
from xosupdate.repo import KeyAlgorithm, SigningKey, build_rpms, sign_rpms

pytestmark = pytest.mark.integration


def test_key_properties() -> None:
    with SigningKey.generate("XtreemOS release key") as key:
        assert re.fullmatch(r"[0-9A-F]{40}", key.fingerprint)
        assert key.key_id == key.fingerprint[-16:]
        assert key.short_id == key.fingerprint[-8:].lower()
        assert key.armored.startswith("-----BEGIN PGP PUBLIC KEY BLOCK-----")
        assert key.email == "xtreemos-release-key@xosupdate.invalid"
        # Short home in the system temporary directory: gpg-agent's socket path fits.
        assert key.home.parent == Path(tempfile.gettempdir())
        assert key.home.name.startswith("gh")
        assert len(str(key.home)) < 40
        assert key.short_id in repr(key)


def test_close_kills_the_agent_and_removes_the_home(tmp_path: Path) -> None:
    built = build_rpms([sample.DOCS], tmp_path / "build")
    key = SigningKey.generate("Agent test key")
    home = key.home
    sign_rpms(key, [built[sample.DOCS]])  # signing starts gpg-agent in the key's home
    assert gpg_agents_for(home)
    key.close()
    assert key.closed
    assert not home.exists()
    assert gpg_agents_for(home) == []
    with pytest.raises(RepoBuildError, match="closed"):
        sign_rpms(key, [built[sample.DOCS]])
    key.close()  # closing twice is harmless


def test_rsa_key_signs_verifiable_packages(tmp_path: Path) -> None:
    built = build_rpms([sample.DOCS], tmp_path / "build")
    rpm_file = built[sample.DOCS]
    with SigningKey.generate("RSA test key", algorithm=KeyAlgorithm.RSA2048) as key:
        sign_rpms(key, [rpm_file])
        (tmp_path / "pubkey").write_text(key.armored)
        root = tmp_path / "root"
        root.mkdir()
        assert rpmkeys(root, "--import", str(tmp_path / "pubkey")).returncode == 0
        checked = rpmkeys(root, "-Kv", str(rpm_file))
        assert checked.returncode == 0
        assert re.search(
            rf"Header V4 RSA/SHA\d+ Signature, key ID {key.short_id}: OK", checked.stdout
        )


def test_no_agent_outlives_the_session_keys() -> None:
    # Every SigningKey home is a "gh*" directory in the temporary directory; the agents of
    # the closed keys of this module are gone (the session keys are still open).
    out = subprocess.run(
        ["pgrep", "-a", "gpg-agent"], capture_output=True, text=True, check=False
    ).stdout
    for line in out.splitlines():
        match = re.search(r"--homedir (\S+)", line)
        if match:
            assert Path(match[1]).exists(), f"agent of a removed home left behind: {line}"
