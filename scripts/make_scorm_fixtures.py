"""Write the test SCORM packages (good and bad) to a folder: python scripts/make_scorm_fixtures.py
[folder]. The same packages the tests build with scorm.fixtures."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorm.fixtures import bad_packages, scorm_12, scorm_2004, scorm_2004_multi  # noqa: E402


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "scorm-fixtures")
    folder.mkdir(parents=True, exist_ok=True)
    packages = {
        "scorm-2004.zip": scorm_2004(),
        "scorm-2004-twee-onderdelen.zip": scorm_2004_multi(),
        "scorm-12.zip": scorm_12(),
    }
    packages.update({f"fout-{name}.zip": data for name, data in bad_packages().items()})
    for name, data in packages.items():
        (folder / name).write_bytes(data)
        print(folder / name, len(data), "bytes")


if __name__ == "__main__":
    main()
