# SPDX-License-Identifier: GPL-2.0-or-later
"""xosupdate.ui: the PySide6 desktop application."""
