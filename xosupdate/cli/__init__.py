# SPDX-License-Identifier: GPL-2.0-or-later
"""cli layer of xosupdate."""
