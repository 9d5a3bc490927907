"""Copy the front-end files the site serves from node_modules into static/vendor/ (committed).

The packages are declared in package.json `dependencies` and installed with `npm ci` (`make
assets`). The copies are committed, so `make run` needs Python only and nothing is fetched from a
CDN at run time. `--check` compares the committed copies with node_modules (run in the browser
test session, where `npm ci` has just run) and fails when a copy is missing or differs, so an
upgrade in package.json cannot go out with stale files.

    python scripts/vendor_assets.py          # copy
    python scripts/vendor_assets.py --check  # compare, exit 1 on a difference

Add a file by adding a (package, path inside the package) pair to VENDORED.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"

# (npm package, file inside it). Served as static/vendor/<package>/<file name>.
VENDORED: list[tuple[str, str]] = [
    # NL Design System, Rijkshuisstijl Community: the component CSS (buttons, form fields,
    # tables, alerts, navigation, headings) ...
    ("@rijkshuisstijl-community/components-css", "dist/index.css"),
    ("@rijkshuisstijl-community/components-css", "LICENSE.md"),
    # ... the design tokens those components read (`.rhc-theme`); the programme's own colours
    # override a few of them in static/css/theme.css ...
    ("@rijkshuisstijl-community/design-tokens", "dist/index.css"),
    ("@rijkshuisstijl-community/design-tokens", "LICENSE.md"),
    # ... and Utrecht's styles for plain HTML elements inside `.utrecht-html` (the same
    # components applied to <button>, <table>, <input>, <h1> ...), so templates written by
    # many hands get the components without a class on every element.
    ("@utrecht/component-library-css", "dist/html.css"),
    ("@utrecht/component-library-css", "LICENSE.md"),
    # The SCORM runtime of a pakketles: the API on the lesson page and the bridge to the
    # package's sandboxed frame.
    ("scorm-again", "dist/scorm-again.min.js"),
    ("scorm-again", "dist/cross-frame-lms.min.js"),
    ("scorm-again", "dist/cross-frame-api.min.js"),
    ("scorm-again", "LICENSE"),
]

# Source maps are not vendored: a reference to a missing map makes the manifest storage's
# collectstatic fail, so the reference is left out of the copy.
SOURCE_MAP = re.compile(r"^(//[#@] sourceMappingURL=.*|/\*[#@] sourceMappingURL=.*\*/)$")


def target_of(package: str, file: str) -> Path:
    return VENDOR / package / Path(file).name


def vendored_bytes(source: Path) -> bytes:
    """What the committed copy of `source` holds: the file, less any source-map reference."""
    if source.suffix not in (".js", ".css"):
        return source.read_bytes()
    text = source.read_text(encoding="utf-8")
    if not any(SOURCE_MAP.match(line.strip()) for line in text.splitlines()):
        return source.read_bytes()
    kept = [line for line in text.splitlines() if not SOURCE_MAP.match(line.strip())]
    return ("\n".join(kept) + "\n").encode("utf-8")


def differences(node_modules: Path = NODE_MODULES) -> list[str]:
    """What differs between node_modules and the committed copies (empty when equal)."""
    problems = []
    for package, file in VENDORED:
        source, target = node_modules / package / file, target_of(package, file)
        if not source.is_file():
            problems.append(f"{package}/{file} ontbreekt in node_modules (draai npm ci)")
        elif not target.is_file():
            problems.append(f"{target.relative_to(ROOT)} ontbreekt (draai make assets)")
        elif vendored_bytes(source) != target.read_bytes():
            problems.append(f"{target.relative_to(ROOT)} wijkt af van {package}/{file}")
    return problems


def copy(node_modules: Path = NODE_MODULES) -> list[Path]:
    copied = []
    for package, file in VENDORED:
        source, target = node_modules / package / file, target_of(package, file)
        if not source.is_file():
            raise SystemExit(f"{package}/{file} ontbreekt in node_modules: draai eerst npm ci")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(vendored_bytes(source))
        copied.append(target)
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="alleen vergelijken")
    args = parser.parse_args(argv)
    if args.check:
        problems = differences()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    for path in copy():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
