# SPDX-License-Identifier: GPL-2.0-or-later
"""Throw-away GPG signing keys and rpmsign (repository builder).

A ``SigningKey`` lives in its own GNUPGHOME made with ``tempfile.mkdtemp(prefix="gh")`` in
the system temporary directory: gpg-agent's socket sits in GNUPGHOME when there is no
``/run/user/<uid>``, and a path longer than about 100 characters keeps the agent from
starting (design/testing.md §3). Closing the key kills the agents gpg started there and
removes the directory; a finalizer does the same if a key is dropped without ``close()``.
"""

from __future__ import annotations

import enum
import logging
import os
import shutil
import subprocess
import tempfile
import weakref
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Final, Self

from xosupdate.errors import RepoBuildError

__all__ = ["KeyAlgorithm", "SigningKey", "sign_rpms"]

log = logging.getLogger(__name__)

GPG: Final = "/usr/bin/gpg"
_TIMEOUT: Final = 120


class KeyAlgorithm(enum.StrEnum):
    """Key types ``gpg --quick-gen-key`` is asked for (rpm 4.18 verifies both)."""

    ED25519 = "ed25519"
    RSA2048 = "rsa2048"


def _run(
    argv: Sequence[str],
    *,
    what: str,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a tool; a non-zero exit becomes ``RepoBuildError`` with its stderr."""
    try:
        proc = subprocess.run(
            list(argv),
            capture_output=True,
            text=True,
            check=False,
            timeout=_TIMEOUT,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RepoBuildError(f"{what}: {exc}", command=tuple(argv)) from exc
    if proc.returncode != 0:
        raise RepoBuildError(
            f"{what} failed (exit {proc.returncode})",
            command=tuple(argv),
            stderr=proc.stderr[-4000:],
        )
    return proc


def _tool_env() -> dict[str, str]:
    """The environment for gpg and rpmsign: C locale, no terminal to ask on."""
    env = dict(os.environ, LC_ALL="C")
    env.pop("GPG_AGENT_INFO", None)
    return env


def _cleanup(home: str) -> None:
    """Kill every daemon gpg started in ``home`` and remove it (also the finalizer)."""
    gpgconf = shutil.which("gpgconf")
    if gpgconf is not None:
        subprocess.run(
            [gpgconf, "--homedir", home, "--kill", "all"],
            capture_output=True,
            check=False,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
    shutil.rmtree(home, ignore_errors=True)


class SigningKey:
    """A passphrase-less GPG key in a private, short GNUPGHOME.

    Example::

        with SigningKey.generate("XtreemOS release key") as key:
            sign_rpms(key, rpm_files)
            pubkey.write_text(key.armored)   # key.short_id is urpmi's key-ids value

    Attributes:
        name: the user id's name ("XtreemOS release key").
        email: the user id's address.
        algorithm: ed25519 (default) or RSA 2048.
    """

    def __init__(
        self,
        *,
        name: str,
        email: str,
        algorithm: KeyAlgorithm,
        home: Path,
        fingerprint: str,
        armored: str,
    ) -> None:
        self.name = name
        self.email = email
        self.algorithm = algorithm
        self._home = home
        self._fingerprint = fingerprint
        self._armored = armored
        self._finalizer = weakref.finalize(self, _cleanup, str(home))

    @classmethod
    def generate(
        cls, name: str, *, email: str | None = None, algorithm: KeyAlgorithm = KeyAlgorithm.ED25519
    ) -> Self:
        """Make a new key with ``gpg --quick-gen-key`` (ed25519 takes about 30 ms).

        Raises:
            RepoBuildError: gpg failed.
        """
        if email is None:
            email = "-".join(name.lower().split()) + "@xosupdate.invalid"
        home = tempfile.mkdtemp(prefix="gh")
        try:
            env = _tool_env()
            uid = f"{name} <{email}>"
            _run(
                [
                    GPG,
                    "--homedir",
                    home,
                    "--batch",
                    "--no-tty",
                    "--pinentry-mode",
                    "loopback",
                    "--passphrase",
                    "",
                    "--quick-gen-key",
                    uid,
                    algorithm.value,
                    "sign",
                    "0",
                ],
                what=f"generating key {name!r}",
                env=env,
            )
            listing = _run(
                [GPG, "--homedir", home, "--batch", "--with-colons", "--list-keys", email],
                what="listing the key",
                env=env,
            ).stdout
            fingerprint = next(
                line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:")
            )
            armored = _run(
                [GPG, "--homedir", home, "--batch", "--armor", "--export", fingerprint],
                what="exporting the key",
                env=env,
            ).stdout
        except BaseException:
            _cleanup(home)
            raise
        key = cls(
            name=name,
            email=email,
            algorithm=algorithm,
            home=Path(home),
            fingerprint=fingerprint,
            armored=armored,
        )
        log.debug("generated %s key %s (%s)", algorithm, key.short_id, name)
        return key

    @property
    def fingerprint(self) -> str:
        """The 40 hex digits of the key's fingerprint (uppercase, as gpg prints it)."""
        return self._fingerprint

    @property
    def key_id(self) -> str:
        """The 16 hex digit key id (uppercase), as rpm's ``Key ID`` shows it."""
        return self._fingerprint[-16:]

    @property
    def short_id(self) -> str:
        """urpmi's key id: the last 8 hex digits, lowercase (``key-ids: 70771ff3``)."""
        return self._fingerprint[-8:].lower()

    @property
    def armored(self) -> str:
        """The ASCII-armoured public key, as a medium's ``media_info/pubkey`` holds it."""
        return self._armored

    @property
    def home(self) -> Path:
        """The key's GNUPGHOME (``rpmsign --define "_gpg_path …"``)."""
        if not self._finalizer.alive:
            raise RepoBuildError(f"key {self.name!r} is closed")
        return self._home

    @property
    def closed(self) -> bool:
        """True once ``close()`` ran: the secret key is gone."""
        return not self._finalizer.alive

    def close(self) -> None:
        """Kill gpg-agent (and any other gpg daemon) of this key and delete GNUPGHOME."""
        self._finalizer()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = " closed" if self.closed else ""
        return f"<SigningKey {self.short_id} {self.name!r} {self.algorithm}{state}>"


def sign_rpms(key: SigningKey, paths: Sequence[Path]) -> None:
    """Add ``key``'s header signature to rpm files in place (one ``rpmsign`` run).

    ``__gpg`` is defined because Debian's macro names ``/usr/bin/gpg2``, which does not
    exist (design/testing.md §3).

    Raises:
        RepoBuildError: rpmsign failed.
    """
    if not paths:
        return
    argv = [
        "rpmsign",
        "--addsign",
        "--define",
        f"_gpg_name {key.fingerprint}",
        "--define",
        f"_gpg_path {key.home}",
        "--define",
        f"__gpg {GPG}",
        *(str(p) for p in paths),
    ]
    _run(argv, what=f"signing {len(paths)} packages with {key.short_id}", env=_tool_env())
    log.debug("signed %d packages with %s", len(paths), key.short_id)
