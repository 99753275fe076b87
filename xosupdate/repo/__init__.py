# SPDX-License-Identifier: GPL-2.0-or-later
"""repo layer of xosupdate."""
