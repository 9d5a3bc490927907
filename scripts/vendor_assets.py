"""Copy the front-end files the site serves from node_modules into static/vendor/<package>/.

The copies are committed, so `make run` needs no npm; `make assets` (npm ci + this script)
refreshes them after a version change in package.json. Each entry names a package and a file
inside it; nothing else of node_modules reaches the site.
"""

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"

SOURCE_MAP = re.compile(r"^(//[#@] sourceMappingURL=.*|/\*[#@] sourceMappingURL=.*\*/)$")

FILES = [
    ("scorm-again", "dist/scorm-again.min.js"),
    ("scorm-again", "dist/cross-frame-lms.min.js"),
    ("scorm-again", "dist/cross-frame-api.min.js"),
    ("scorm-again", "LICENSE"),
]


def main() -> int:
    missing = []
    for package, file in FILES:
        source = NODE_MODULES / package / file
        if not source.exists():
            missing.append(str(source))
            continue
        target = VENDOR / package / Path(file).name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix in (".js", ".css"):
            # Source maps are not vendored: a reference to a missing map would make the
            # manifest storage's collectstatic fail.
            text = source.read_text()
            kept = [line for line in text.splitlines() if not SOURCE_MAP.match(line.strip())]
            target.write_text("\n".join(kept) + "\n")
        else:
            shutil.copyfile(source, target)
        version = json.loads((NODE_MODULES / package / "package.json").read_text())["version"]
        print(f"{package}@{version}: {file} -> {target.relative_to(ROOT)}")
    if missing:
        print("Ontbreekt (eerst npm ci):", *missing, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
