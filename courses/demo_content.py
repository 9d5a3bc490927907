"""The programme's demo courses, read from the YAML files in courses/demo_courses/.

One file per course, written for Dutch professionals at language level B1; files are read in
name order, refreshers first, so the courses they refresh can point at them. A block in a
lesson body or a toets is a one-key mapping `{block type: value}`; `gedeeld: <naam>` takes a
text from `_gedeeld.yaml` that several courses use in the same words. courses/demo.py turns
this into published Wagtail pages and session rows.
"""

from pathlib import Path

import yaml

CONTENT_DIR = Path(__file__).resolve().parent / "demo_courses"
SHARED_FILE = "_gedeeld.yaml"

# libyaml's loader when the wheel has it: seeding reads every course on each run.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path):
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_Loader)


def _blocks(items: list[dict], shared: dict[str, dict]) -> list[tuple]:
    """StreamField values as (block type, value) pairs, shared texts filled in."""
    blocks = []
    for item in items:
        if "gedeeld" in item:
            item = shared[item["gedeeld"]]
        ((kind, value),) = item.items()
        blocks.append((kind, value))
    return blocks


def _course(data: dict, shared: dict[str, dict]) -> dict:
    for lesson in data.get("lessons", []):
        lesson["body"] = _blocks(lesson["body"], shared)
    if data.get("toets"):
        data["toets"]["questions"] = _blocks(data["toets"]["questions"], shared)
    for session in data.get("sessions", []):
        session["start"] = tuple(session["start"])
        session["end"] = tuple(session["end"])
    return data


def _load() -> list[dict]:
    shared = _read(CONTENT_DIR / SHARED_FILE)
    return [
        _course(_read(path), shared)
        for path in sorted(CONTENT_DIR.glob("*.yaml"))
        if path.name != SHARED_FILE
    ]


COURSES: list[dict] = _load()
# Classroom sessions per course code, relative to today (Europe/Amsterdam): at least one in
# the past so a trainer can mark attendance. Times are (hour, minute).
SESSIONS: dict[str, list[dict]] = {
    course["code"]: course.pop("sessions") for course in COURSES if course.get("sessions")
}


def course_content(code: str) -> dict:
    """One demo course's content by its code."""
    return next(course for course in COURSES if course["code"] == code)
