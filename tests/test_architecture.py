"""The house rules that code review would otherwise have to remember (STYLE.md items 2, 4, 5, 7)."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "spidernest"
MODULES = sorted(path for path in SRC.rglob("*.py") if "migrations" not in path.parts)
GRAB_BAG_NAMES = {"utils.py", "helpers.py", "common.py", "misc.py", "base.py"}
MAX_LINES = 600

EXPORTS = {
    "spidernest.services.site": ["SiteRequest", "SiteResult", "crawl_site"],
    "spidernest.services.maps": [
        "Business",
        "Coordinates",
        "MapsMetadata",
        "MapsRequest",
        "MapsResult",
        "Owner",
        "Review",
        "result_from_payload",
        "search_maps",
    ],
    "spidernest.services.verify": [
        "DnsblReport",
        "EmailResult",
        "VerifyDomain",
        "VerifyFlags",
        "VerifyMetadata",
        "VerifyProgress",
        "VerifyRequest",
        "VerifyResult",
        "VerifySummary",
        "verify_emails",
    ],
}

# Pure modules: bytes/str in, models out; no async, no I/O libraries.
PURE = [
    *sorted((SRC / "services" / "site" / "extract").glob("*.py")),
    *sorted((SRC / "services" / "maps").glob("parse*.py")),
    SRC / "services" / "verify" / "syntax.py",
    SRC / "services" / "verify" / "score.py",
]
IO_LIBRARIES = {"httpx", "playwright", "sqlalchemy", "dbos", "aiosmtpd", "dns"}


def _relative(path: Path) -> str:
    return str(path.relative_to(SRC.parent))


@pytest.mark.parametrize("path", MODULES, ids=_relative)
def test_module_names_and_sizes(path: Path) -> None:
    assert path.name not in GRAB_BAG_NAMES, f"{path.name}: name the module for what it holds"
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{_relative(path)} has {lines} lines (max {MAX_LINES})"


@pytest.mark.parametrize("package", sorted(EXPORTS))
def test_service_exports_are_pinned(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__all__ == EXPORTS[package]
    assert module.__all__ == sorted(module.__all__)


def _imports(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", [p for p in PURE if p.exists()], ids=_relative)
def test_pure_modules_have_no_async_and_no_io(path: Path) -> None:
    tree = ast.parse(path.read_text())
    assert not any(isinstance(node, ast.AsyncFunctionDef) for node in ast.walk(tree))
    for name in _imports(tree):
        assert name.split(".")[0] not in IO_LIBRARIES, f"{_relative(path)} imports {name}"


@pytest.mark.parametrize("path", MODULES, ids=_relative)
def test_no_deep_imports_into_another_service(path: Path) -> None:
    relative = path.relative_to(SRC)
    own = relative.parts[1] if relative.parts[0] == "services" and len(relative.parts) > 2 else None
    for name in _imports(ast.parse(path.read_text())):
        parts = name.split(".")
        if parts[:2] == ["spidernest", "services"] and len(parts) > 3:
            assert parts[2] == own, (
                f"{_relative(path)} imports {name}; use spidernest.services.{parts[2]}"
            )


def test_settings_are_built_only_at_entry_points() -> None:
    builders = [
        _relative(path)
        for path in MODULES
        if re.search(r"(?<![A-Za-z_])Settings\(\)", path.read_text()) and path.name != "config.py"
    ]
    allowed = {"spidernest/api/app.py"}
    allowed |= {_relative(path) for path in (SRC / "cli").glob("*.py")}
    assert set(builders) <= allowed, builders
