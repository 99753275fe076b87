# SPDX-License-Identifier: GPL-2.0-or-later
"""``_dbpath`` inside the root, set without running the host's default.

Debian's rpm defines ``_dbpath`` as ``%(bash -c 'echo ~/.rpmdb')``: expanding it to compare
runs a shell, on every update check and as root in the helper. Each case runs in a fresh
interpreter, where no definition of ours is pushed yet.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

_SCRIPT = """
import sys, rpm, importlib
module = importlib.import_module(sys.argv[1])
rpm.addMacro("_dbpath", "%(touch " + sys.argv[2] + "; echo /elsewhere)")
module._use_root_dbpath()
module._use_root_dbpath()
assert rpm.expandMacro("%{_dbpath}") == "/var/lib/rpm", rpm.expandMacro("%{_dbpath}")
# Someone else's definition on top of ours: ours is pushed again.
rpm.addMacro("_dbpath", "/other")
module._use_root_dbpath()
assert rpm.expandMacro("%{_dbpath}") == "/var/lib/rpm"
"""


@pytest.mark.parametrize("module", ["xosupdate.system.rpmlib", "xosupdate.helper.rpmtx"])
def test_root_dbpath_is_set_without_expanding_the_default(module: str, tmp_path: Path) -> None:
    ran = tmp_path / "default-was-expanded"
    subprocess.run([sys.executable, "-c", _SCRIPT, module, str(ran)], check=True)
    assert not ran.exists()
