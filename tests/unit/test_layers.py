# SPDX-License-Identifier: GPL-2.0-or-later
"""Layering rules import-linter cannot see: the GUI lives in ui/, outside the tree it walks.

* ``xosupdate.ui`` talks to the core only through ``xosupdate.services`` and
  ``xosupdate.domain`` (plus the leaves ``errors`` and ``config``, ``logsetup`` for its
  entry point, and the helper's wire protocol); never ``formats``, ``system``, ``repo``,
  ``cli`` or a private service module (design/STYLE.md §2).
* the core imports without Qt: every module of ``xosupdate`` loads with PySide6 blocked.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "ui"

ALLOWED_PREFIXES = (
    "xosupdate.services.",
    "xosupdate.domain.",
    "xosupdate.ui.",
)
ALLOWED_EXACT = frozenset(
    {
        "xosupdate",
        "xosupdate.errors",
        "xosupdate.config",
        "xosupdate.logsetup",
        "xosupdate.services",
        "xosupdate.domain",
        "xosupdate.ui",
        "xosupdate.helper.protocol",
    }
)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            module = node.module or ""
            found.append((node.lineno, module))
            # "from xosupdate import formats" names a module too.
            if module in ("xosupdate", "xosupdate.services", "xosupdate.helper"):
                found += [
                    (node.lineno, f"{module}.{a.name}")
                    for a in node.names
                    if not a.name.startswith("__")  # __version__ is a value
                ]
    return found


def _allowed(module: str) -> bool:
    if module == "ui" or module.startswith("ui."):
        return False  # the GUI imports itself as xosupdate.ui
    if not (module == "xosupdate" or module.startswith("xosupdate.")):
        return True  # stdlib and third party (PySide6) are not this test's business
    if module in ALLOWED_EXACT:
        return True
    if not module.startswith(ALLOWED_PREFIXES):
        return False
    # Private service modules (_resolver, _demo_content) are not an interface.
    return not any(part.startswith("_") for part in module.split(".")[2:])


def test_ui_imports_only_services_and_domain() -> None:
    files = sorted(p for p in UI.rglob("*.py") if "forms" not in p.parts)
    assert files, "ui/ holds no Python files"
    bad = [
        f"{path.relative_to(REPO)}:{line}: {module}"
        for path in files
        for line, module in _imports(path)
        if not _allowed(module)
    ]
    assert not bad, "ui/ may import only services and domain:\n" + "\n".join(bad)


@pytest.mark.parametrize(
    ("module", "ok"),
    [
        ("xosupdate.services.updates", True),
        ("xosupdate.domain.plan", True),
        ("xosupdate.helper.protocol", True),
        ("xosupdate.errors", True),
        ("xosupdate.formats.synthesis", False),
        ("xosupdate.system.rpmlib", False),
        ("xosupdate.repo.tree", False),
        ("xosupdate.cli.commands", False),
        ("xosupdate.helper.verbs", False),
        ("xosupdate.services._resolver", False),
        ("ui.tasks", False),
        ("PySide6.QtCore", True),
    ],
)
def test_rule_itself(module: str, ok: bool) -> None:
    assert _allowed(module) is ok


def test_core_imports_without_qt() -> None:
    code = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        sys.modules["PySide6"] = None  # any "import PySide6..." now raises ImportError
        import xosupdate
        names = [m.name for m in pkgutil.walk_packages(xosupdate.__path__, "xosupdate.")
                 if not m.name.startswith("xosupdate.ui")]
        for name in names:
            importlib.import_module(name)
        assert not any(k.startswith("PySide6.") for k in sys.modules), "Qt was loaded"
        print(len(names))
        """
    )
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert res.returncode == 0, res.stderr
    assert int(res.stdout) > 20
