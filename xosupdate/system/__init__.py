# SPDX-License-Identifier: GPL-2.0-or-later
"""system layer of xosupdate."""
