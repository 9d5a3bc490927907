"""No application module grows past 500 lines: a newcomer reads a module whole.

Migrations are generated and excluded. NOT_YET_SPLIT lists a module still over the limit with
its length as a ceiling: it may not grow, and its entry must go once the module is split. The
list is empty (issue 20 item 2 is done) and no module may join it: one that grows past the
limit is split.
"""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Every application package: the ones the layer contracts name.
APPS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]
LIMIT = 500
NOT_YET_SPLIT: dict[str, int] = {}


def _lengths() -> dict[str, int]:
    lengths = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative:
                lengths[relative] = len(path.read_text(encoding="utf-8").splitlines())
    return lengths


def test_no_application_module_exceeds_500_lines():
    lengths = _lengths()
    too_long = {
        module: lines
        for module, lines in lengths.items()
        if lines > max(LIMIT, NOT_YET_SPLIT.get(module, 0))
    }
    assert too_long == {}, f"modules over {LIMIT} lines (or grown past their ceiling): {too_long}"


def test_a_split_module_leaves_the_list():
    lengths = _lengths()
    split = [module for module in NOT_YET_SPLIT if lengths.get(module, 0) <= LIMIT]
    assert split == [], f"under {LIMIT} lines now; remove from NOT_YET_SPLIT: {split}"
