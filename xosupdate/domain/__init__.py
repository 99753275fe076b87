# SPDX-License-Identifier: GPL-2.0-or-later
"""Value objects of xosupdate (domain layer: stdlib and librpm's comparisons only)."""
