# SPDX-License-Identifier: GPL-2.0-or-later
"""The helper through real pkexec, polkitd and a private system bus (design/testing.md §9).

Everything runs inside ``unshare -m --propagation private``: an overlay over /etc and
/var/lib (the helper works on ``/`` under pkexec; its writes land in the overlay, never on
the host), tmpfs over /run/dbus and /etc/polkit-1/rules.d, a copy of the polkit actions
with our policy bind-mounted over /usr/share/polkit-1/actions, and /usr/libexec replaced by
a directory holding the host's entries plus ``xosupdate/xosupdate-helper`` (a test wrapper
that records its environment, then runs this checkout's helper). A rule lets ``nobody``
use two actions; then ``setpriv --reuid=65534 … pkexec /usr/libexec/xosupdate/
xosupdate-helper VERB`` runs with stdin and stdout passed straight through, driven by the
real client (``services.transaction.HelperRun``). The script stops the dbus-daemon and
polkitd it started (and reaps them) on every exit path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from xosupdate.errors import NotAuthorizedError, RequestRejectedError
from xosupdate.helper.protocol import ErrorCode, Verb
from xosupdate.services.transaction import medium_request, run_helper

pytestmark = [pytest.mark.integration, pytest.mark.needs_root]

REPO = Path(__file__).resolve().parents[3]
POLICY = REPO / "packaging" / "org.xtreemos.xosupdate.policy"
SETUP_FAILED = 90

SCRIPT = r"""#!/bin/sh
# usage: pkexec-ns.sh VERB [ARG...]   (run under unshare -m --propagation private)
set -eu
T=$(cd "$(dirname "$0")" && pwd)
fail() { echo "setup: $*" >&2; exit __SETUP_FAILED__; }
mount -t tmpfs -o mode=0755 tmpfs "$T/up" || fail "cannot mount a tmpfs"
for d in etc var; do mkdir -p "$T/up/$d" "$T/up/$d-work"; done
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$T/up/etc,workdir=$T/up/etc-work" /etc \
  || fail "cannot mount an overlay over /etc"
mount -t overlay overlay -o "lowerdir=/var/lib,upperdir=$T/up/var,workdir=$T/up/var-work" \
  /var/lib || fail "cannot mount an overlay over /var/lib"
mount -t tmpfs -o mode=0755 tmpfs /run/dbus || fail "cannot mount over /run/dbus"
mount -t tmpfs -o mode=0755 tmpfs /etc/polkit-1/rules.d || fail "no /etc/polkit-1/rules.d"
rm -rf "$T/actions" "$T/libexec"
mkdir -p "$T/actions" "$T/libexec/xosupdate"
cp -a /usr/share/polkit-1/actions/. "$T/actions/"
cp "$T/org.xtreemos.xosupdate.policy" "$T/actions/"
for e in /usr/libexec/*; do ln -s "$e" "$T/libexec/"; done
cat > "$T/libexec/xosupdate/xosupdate-helper" <<WRAPPER
#!/bin/sh
{ env; echo "euid=\$(id -u)"; } > "$T/helper-env.txt"
exec __PYTHON__ -I -m xosupdate.helper "\$@"
WRAPPER
chmod 755 "$T/actions" "$T/libexec" "$T/libexec/xosupdate" "$T/libexec/xosupdate/xosupdate-helper"
mount --bind "$T/actions" /usr/share/polkit-1/actions
mount --bind "$T/libexec" /usr/libexec
cat > /etc/polkit-1/rules.d/50-xosupdate-test.rules <<'RULES'
polkit.addRule(function(action, subject) {
  if ((action.id == "org.xtreemos.xosupdate.media-enable" ||
       action.id == "org.xtreemos.xosupdate.install") && subject.user == "nobody") {
    return polkit.Result.YES;
  }
});
RULES
mkdir -p /etc/urpmi
cp "$T/urpmi.cfg" /etc/urpmi/urpmi.cfg
chmod 644 /etc/urpmi/urpmi.cfg
dbus-daemon --system --nofork --nopidfile >"$T/dbus.log" 2>&1 &
DBUS=$!
POLKITD=
stop() {
  status=$?
  set +e
  if [ -n "$POLKITD" ]; then kill "$POLKITD" 2>/dev/null; wait "$POLKITD" 2>/dev/null; fi
  kill "$DBUS" 2>/dev/null; wait "$DBUS" 2>/dev/null
  cp /etc/urpmi/urpmi.cfg "$T/urpmi.cfg.after" 2>/dev/null
  exit "$status"
}
trap stop EXIT
i=0
until [ -S /run/dbus/system_bus_socket ]; do
  i=$((i+1)); [ $i -gt 100 ] && fail "dbus-daemon did not start"; sleep 0.05
done
/usr/lib/polkit-1/polkitd --no-debug >"$T/polkitd.log" 2>&1 &
POLKITD=$!
i=0
until pkaction --action-id org.xtreemos.xosupdate.media-enable >/dev/null 2>&1; do
  i=$((i+1)); [ $i -gt 100 ] && fail "polkitd did not start or did not load the policy"; sleep 0.05
done
[ "$1" = probe ] && exit 0
cd /
set +e
setpriv --reuid=65534 --regid=65534 --clear-groups \
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DISPLAY=:99 XAUTHORITY=/tmp/x \
  pkexec /usr/libexec/xosupdate/xosupdate-helper "$@"
"""

URPMI_CFG = """\
{
}

Main http://127.0.0.1:9/media/main/release {
  key-ids: 70771ff3
}

XtreemOS_Testing http://127.0.0.1:9/media/xtreemos/testing {
  ignore
}
"""


@dataclass(frozen=True)
class Namespace:
    """A launcher running the helper through pkexec inside the private namespace."""

    directory: Path
    extra: tuple[str, ...] = ()

    def command(self, verb: Verb, root: Path) -> list[str]:
        assert root == Path("/")
        script = str(self.directory / "pkexec-ns.sh")
        return ["unshare", "-m", "--propagation", "private", "sh", script, verb.value, *self.extra]

    @property
    def helper_env(self) -> dict[str, str]:
        path = self.directory / "helper-env.txt"
        if not path.exists():
            return {}
        return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


@pytest.fixture
def namespace(tmp_path: Path) -> Namespace:
    if os.geteuid() != 0:
        pytest.skip("needs root (mount namespace, overlays, setpriv)")
    missing = [
        t
        for t in ("unshare", "setpriv", "pkexec", "pkaction", "dbus-daemon")
        if not shutil.which(t)
    ]
    if not Path("/usr/lib/polkit-1/polkitd").exists():
        missing.append("polkitd")
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    directory = tmp_path / "ns"
    (directory / "up").mkdir(parents=True)
    directory.chmod(0o755)
    (directory / "pkexec-ns.sh").write_text(
        SCRIPT.replace("__SETUP_FAILED__", str(SETUP_FAILED)).replace("__PYTHON__", sys.executable)
    )
    shutil.copy(POLICY, directory / "org.xtreemos.xosupdate.policy")
    (directory / "urpmi.cfg").write_text(URPMI_CFG)
    probe = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            str(directory / "pkexec-ns.sh"),
            "probe",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if probe.returncode != 0:
        pytest.skip(f"pkexec test environment cannot start: {probe.stderr.strip()[-300:]}")
    return Namespace(directory)


def test_authorized_request_runs_as_root(namespace: Namespace) -> None:
    result = run_helper(
        medium_request("XtreemOS_Testing", enable=True), root=Path("/"), launcher=namespace
    )
    assert result.ok
    # The namespace serves no mirror: the medium is enabled, its metadata is not fetched.
    assert result.message.startswith("medium XtreemOS_Testing enabled; its metadata could not")
    env = namespace.helper_env
    assert env["euid"] == "0"
    assert env["PKEXEC_UID"] == "65534"
    # No allow_gui annotation: pkexec hands the helper no display.
    assert "DISPLAY" not in env
    assert "XAUTHORITY" not in env
    after = (namespace.directory / "urpmi.cfg.after").read_text()
    assert after == URPMI_CFG.replace("testing {\n  ignore\n", "testing {\n")
    assert not Path("/etc/urpmi").exists()  # the host never saw any of it


def test_unauthorized_action_is_refused_by_polkit(namespace: Namespace) -> None:
    with pytest.raises(NotAuthorizedError):
        run_helper(
            medium_request("XtreemOS_Testing", enable=False), root=Path("/"), launcher=namespace
        )
    assert namespace.helper_env == {}  # pkexec never started the helper


def test_root_option_is_refused_under_pkexec(namespace: Namespace) -> None:
    launcher = Namespace(namespace.directory, extra=("--root", "/tmp"))
    from xosupdate.services.transaction import install_request  # noqa: PLC0415

    with pytest.raises(RequestRejectedError) as info:
        run_helper(install_request(["openssl"]), root=Path("/"), launcher=launcher)
    assert info.value.reason_code == ErrorCode.BAD_ROOT
    assert namespace.helper_env["PKEXEC_UID"] == "65534"
