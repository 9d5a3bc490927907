"""The measured endpoints and their requests, prepared as raw HTTP for wrk (bench/wrk/replay.lua
replays them round-robin): each POST with a session cookie, a CSRF cookie and the matching form
token, each request "through the proxy" with its own X-Forwarded-For, as in production."""

from __future__ import annotations

import os
import random
import sys
import urllib.parse

import shared
from shared import BENCH, ROOT


def _ip(n: int) -> str:
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255 or 1}"


def raw_request(method: str, path: str, n: int, *, session: str | None = None, form=None) -> bytes:
    """One HTTP/1.1 request as the reverse proxy would pass it on."""
    headers = [
        f"Host: {shared.HOST}",
        "User-Agent: leerplatform-bench",
        "Accept: text/html",
        "X-Forwarded-Proto: https",
        f"X-Forwarded-For: {_ip(n)}",
    ]
    cookies = []
    if session:
        cookies.append(f"sessionid={session}")
    body = b""
    if method == "POST":
        cookies.append(f"csrftoken={shared.CSRF_TOKEN}")
        fields = [("csrfmiddlewaretoken", shared.CSRF_TOKEN), *(form or [])]
        body = urllib.parse.urlencode(fields).encode()
        headers += [
            f"Referer: https://{shared.HOST}{path}",
            "Content-Type: application/x-www-form-urlencoded",
            f"Content-Length: {len(body)}",
        ]
    if cookies:
        headers.append("Cookie: " + "; ".join(cookies))
    head = f"{method} {path} HTTP/1.1\r\n" + "\r\n".join(headers) + "\r\n\r\n"
    return head.encode() + body


def endpoints(fixture: dict) -> list[dict]:
    """The measured endpoints, each with its prepared requests and the status it should give.

    Endpoints marked `new_events` are writes that must each be a new fact: every load run
    continues where the previous one stopped (BENCH_OFFSET), and the report says whether the
    prepared requests ran out (then some were repeats, which a budget does not accept).
    """
    rng = random.Random(9)
    learners = fixture["learners"]
    ready = fixture.get("ready_learners", [])
    get = "GET"

    def rotate(paths_sessions, count=4000):
        return [
            raw_request(get, *paths_sessions[n % len(paths_sessions)][:1], n,
                        session=paths_sessions[n % len(paths_sessions)][1])
            for n in range(count)
        ]  # fmt: skip

    def anonymous(path, count=4000):
        return [raw_request(get, path, n) for n in range(count)]

    completions = []
    for step in range(9):
        for learner in learners:
            if step < len(learner["todo_lesson_ids"]):
                lesson_id = learner["todo_lesson_ids"][step]
                completions.append((f"/leren/les/{lesson_id}/afronden/", learner["session"]))
    # Every learner's three attempts, each stored and scored: failed twice, then passed (a
    # toets allows three; a fourth, or one after a pass, would only be refused).
    toets = []
    for answers in ("toets_wrong_answers", "toets_wrong_answers", "toets_answers"):
        for learner in learners:
            form = [("submission_key", str(_uuid(rng))), *map(tuple, learner[answers])]
            toets.append((f"/leren/toets/{learner['toets_id']}/inleveren/", learner, form))
    completing = [
        (
            f"/leren/toets/{learner['toets_id']}/inleveren/",
            learner,
            [("submission_key", str(_uuid(rng))), *map(tuple, learner["toets_answers"])],
        )
        for learner in ready
    ]
    codes = fixture["certificate_codes"]
    sessions = [x["session"] for x in learners]
    items = [
        ("bare_django", "Kale Django-view, ingelogde cursisten (vloer)",
         rotate([("/bench/kaal/", x) for x in sessions]), 200, False),
        ("bare_django_anonymous", "Kale Django-view (anoniem)", anonymous("/bench/kaal/"), 200,
         False),
        ("bare_wagtail", "Kale Wagtail-pagina, ingelogde cursisten (referentie)",
         rotate([(fixture["bare_page_url"], x) for x in sessions]), 200, False),
        ("bare_wagtail_anonymous", "Kale Wagtail-pagina (anoniem)",
         anonymous(fixture["bare_page_url"]), 200, False),
        ("catalogue", "Cursusoverzicht (anoniem)", anonymous(fixture["catalogue_url"]), 200, False),
        ("course_anonymous", "Cursuspagina (anoniem)", anonymous(fixture["anonymous_course_url"]),
         200, False),
        ("course_learner", "Cursuspagina (ingeschreven cursist)",
         rotate([(x["course_url"], x["session"]) for x in learners]), 200, False),
        ("lesson_learner", "Lespagina (ingeschreven cursist)",
         rotate([(x["lesson_url"], x["session"]) for x in learners]), 200, False),
        ("lesson_complete", "Les afronden (POST, steeds nieuw)",
         [raw_request("POST", path, n, session=session)
          for n, (path, session) in enumerate(completions)], 302, True),
        ("toets_submit", "Toets inleveren (POST, steeds nieuw: twee keer gezakt, dan gehaald)",
         [raw_request("POST", path, n, session=learner["session"], form=form)
          for n, (path, learner, form) in enumerate(toets)], 302, True),
        ("toets_complete", "Toets die de cursus afrondt en een certificaat uitgeeft (POST)",
         [raw_request("POST", path, n, session=learner["session"], form=form)
          for n, (path, learner, form) in enumerate(completing)], 302, True),
        ("my_learning", "/mijn/", rotate([("/mijn/", x) for x in sessions]), 200, False),
        ("verify", "Certificaat verifiëren",
         [raw_request(get, f"/certificaten/verifieer/{codes[n % len(codes)]}/", n)
          for n in range(4000)], 200, False),
        ("api_tellers", "/api/tellers/", anonymous("/api/tellers/"), 200, False),
        ("rapportage", "/rapportage/ (programmateam, uit de cache)",
         rotate([("/rapportage/", fixture["programme_session"])], 2000), 200, False),
        ("rapportage_vng", "/rapportage/vng/ (VNG, uit de cache)",
         rotate([("/rapportage/vng/", fixture["vng_session"])], 2000), 200, False),
    ]  # fmt: skip
    coordinator = fixture.get("coordinator")
    if coordinator:
        items.append(
            (
                "coordinator_learners",
                f"Cursistenlijst coördinator ({coordinator['learners']} cursisten)",
                rotate([(coordinator["url"], coordinator["session"])], 2000),
                200,
                False,
            )
        )
        # The same list filtered on status and sorted on a figure computed per learner (the
        # costliest order), second page. In the generated dataset every learner of this
        # course has completed it, so "afgerond" is the filter that leaves rows to show.
        sorted_url = coordinator["url"] + "?status=afgerond&sorteer=-begonnen&pagina=2"
        items.append(
            (
                "coordinator_learners_sorted",
                f"Cursistenlijst coördinator, afgerond, op begonnen, pagina 2 "
                f"({coordinator['learners']} cursisten)",
                rotate([(sorted_url, coordinator["session"])], 2000),
                200,
                False,
            )
        )
    found = [
        {"key": key, "label": label, "requests": reqs, "expect": expect, "new_events": once}
        for key, label, reqs, expect, once in items
    ]
    for module in extra_scenarios():
        for endpoint in module.endpoints(fixture, raw_request):
            found.append({"new_events": False, **endpoint})
    return found


def extra_scenarios() -> list:
    """Scenario modules of other parts of the platform (bench/scenarios/<name>.py).

    Each module has `endpoints(fixture, raw_request) -> list[dict]` (key, label, requests,
    expect and optionally new_events) and may have BUDGETS in the form of the list below. They
    are measured and judged like ours. BENCH_SCENARIOS picks modules by name (comma-separated;
    default: every module in bench/scenarios/).
    """
    import importlib

    folder = BENCH / "scenarios"
    wanted = os.environ.get("BENCH_SCENARIOS")
    if wanted is not None:
        names = [name.strip() for name in wanted.split(",") if name.strip()]
    else:
        names = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    sys.path.insert(0, str(ROOT))
    return [importlib.import_module(f"bench.scenarios.{name}") for name in names]


def _uuid(rng: random.Random):
    import uuid

    return uuid.UUID(int=rng.getrandbits(128), version=4)
