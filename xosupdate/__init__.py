# SPDX-License-Identifier: GPL-2.0-or-later
"""xosupdate: the update assistant of urpmi-based systems (XtreemOS 2.x, Mageia)."""

__version__ = "0.1.0"
