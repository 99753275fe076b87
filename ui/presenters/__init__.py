# SPDX-License-Identifier: GPL-2.0-or-later
"""Presenters: one small QObject per window or pane, owning its models and tasks."""
