"""The layer contracts in pyproject.toml hold for the tree and bite on an upward import.

`make lint` runs lint-imports; these tests prove that the contracts are not a formality: a
scratch module in a lower app that imports a higher one makes the linter fail.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The apps the contracts name, read from the contracts themselves.
APPS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(tree / "pyproject.toml")],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _not_python(_directory, names) -> list[str]:
    return [
        name
        for name in names
        if name == "__pycache__" or "." in name[1:] and not name.endswith(".py")
    ]


@pytest.fixture
def tree_copy(tmp_path):
    """The apps' Python code and pyproject.toml, copied to a scratch directory."""
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=_not_python)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("courses/_scratch_upward.py", "from certificates.models import Certificate"),
        ("accounts/_scratch_upward.py", "import reporting.models"),
        ("cms/_scratch_upward.py", "from courses.models import CoursePage"),
        ("certificates/_scratch_upward.py", "from scorm import models"),
        ("elearning/_scratch_upward.py", "from accounts.models import User"),
    ],
)
def test_an_upward_import_breaks_the_contract(tree_copy, module, forbidden):
    assert lint_imports(tree_copy).returncode == 0  # the copy itself is clean
    (tree_copy / module).write_text(f"{forbidden}\n")
    result = lint_imports(tree_copy)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    scratch = module.removesuffix(".py").replace("/", ".")
    assert scratch in result.stdout
