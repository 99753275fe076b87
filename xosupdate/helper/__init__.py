# SPDX-License-Identifier: GPL-2.0-or-later
"""The privileged helper: the only xosupdate code that runs as root (helper layer).

Read it in this order: ``__main__`` (one request per process: argv, stdin, replies, exit
status), ``protocol`` (verbs, request validation and name rules, replies, error codes),
``verbs`` (configuration checks, locks, media enable/disable), then the executors:
``urpmi`` (urpmi and urpmi.update on a real system) and ``rpmtx`` with ``fetch`` (the rpm
transaction for sandbox roots and systems without urpmi).

Decisions in one place (details in each module):

* Verbs ``install``, ``simulate``, ``refresh``, ``media-enable``, ``media-disable``; one
  polkit action each (``packaging/org.xtreemos.xosupdate.policy``).
* Under pkexec (euid 0 and ``PKEXEC_UID``) the root is ``/`` and ``--root`` is refused;
  run directly, ``--root DIR`` must be a directory the real uid owns.
* Package and medium names follow strict rules (``protocol``); medium names may hold single
  blanks, as urpmi media do. Media named by a request must exist and, for install,
  simulate and refresh, be enabled (enabling is its own, separately authorised verb).
* ``media`` in an install request means "only these media", for the requested packages
  and new dependencies alike (urpmi ``--media A,B``); ``--searchmedia`` is not used.
* Installing is refused when urpmi.cfg turns ``verify-rpm`` off (globally or for a medium
  involved) or a medium involved has no key-ids (nor global ones).
* ``simulate`` = ``urpmi --test`` (downloads, changes nothing else); the rpm executor does
  the same up to ``check()``/``order()``.
* Locks: ``ROOT/var/lib/xosupdate/helper.lock`` for the whole request; urpmi's own
  ``ROOT/var/lib/urpmi/.LOCK`` while the helper itself changes urpmi's state.
* Only ``media-enable`` (``auth_admin``, asked every time) imports a medium's pubkey and
  writes its key-ids, when the medium has none yet, as urpmi.update does on a first
  refresh; ``refresh`` (whose authorisation is kept) runs ``urpmi.update --nopubkey``, and
  installing never imports keys.
* Scriptlets run only when the root is ``/``.
"""
