"""Every URL of the site, for every role: the answer each role must get.

The table is built against ``django.urls.get_resolver()``: a URL the project adds without an
entry below fails ``test_every_url_has_an_expectation``. Third-party URL families (the Wagtail
admin's own sections, the Django admin, allauth, Wagtail's utility URLs) are covered by prefix
rules plus a few representative checks; project views under /beheer/ (viewsets, snippets)
need their own entries like any other project URL.

Statuses: 200 (shown), LOGIN (302 to the log-in page), 302 (an action that redirects), 403
(the role may not use this kind of page), 404 (the object is not yours, or does not exist),
405 (wrong method). Object-level checks use a second object the role must not reach.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.middleware import MFA_SETUP_PATH, STAFF_PREFIXES
from tests.security.conftest import ADMIN, ANON, COORD, LEARNER, PROG, ROLES, TRAINER, VNG, World

LOGIN = "LOGIN"  # a redirect to the log-in page (also the admins' answer to non-staff)
ADMIN_DENIED = "ADMIN_DENIED"  # Wagtail's "no permission": a redirect to the admin dashboard
REDIRECT = 302  # an action done, or a redirect elsewhere than the log-in page
ANY_SUCCESS = frozenset({200, 302})
MFA_SETUP = "MFA_SETUP"  # a redirect to the set-up of the second step (TOTP)


def expect(default, **per_role) -> dict[str, object]:
    """Expected answer per role: `default` for every role not named (anon is LOGIN unless set)."""
    table = dict.fromkeys(ROLES, default)
    table[ANON] = LOGIN
    names = {
        "anon": ANON,
        "learner": LEARNER,
        "trainer": TRAINER,
        "coordinator": COORD,
        "vng": VNG,
        "programme": PROG,
        "admin": ADMIN,
    }
    for key, value in per_role.items():
        table[names[key]] = value
    return table


def everyone(status) -> dict[str, object]:
    return dict.fromkeys(ROLES, status)


@dataclass
class Check:
    path: Callable[[World], str] | str
    expected: dict[str, object]
    method: str = "get"
    data: dict = field(default_factory=dict)
    note: str = ""


# --- The table ---------------------------------------------------------------------------------

# Page rights follow the tree (ADR 0004): a coordinator edits their own course; the programme
# team reviews and publishes every course page; nobody but administrators deletes courses.
ADMIN_OWN_COURSE = expect(LOGIN, coordinator=200, programme=200, admin=200)
ADMIN_EDIT_OTHER = expect(LOGIN, coordinator=ADMIN_DENIED, programme=200, admin=200)
ADMIN_DELETE = expect(LOGIN, coordinator=ADMIN_DENIED, programme=ADMIN_DENIED, admin=200)
ADMIN_ACCESS = expect(LOGIN, coordinator=200, programme=200, admin=200)
ADMIN_ONLY = expect(LOGIN, coordinator=ADMIN_DENIED, programme=ADMIN_DENIED, admin=200)
SIGNED_IN_AWAY = {**everyone(REDIRECT), ANON: 200}  # a signed-in person is sent on to /mijn/
COORDINATOR_PAGE = expect(403, coordinator=200, admin=200)  # own course (A)
COORDINATOR_OTHER = expect(403, coordinator=404, admin=200)  # course B: not the coordinator's
MANAGER_PAGE = expect(403, coordinator=200, admin=200)
TRAINER_PAGE = expect(403, trainer=200, admin=200)
REPORT_VNG = expect(403, vng=200, programme=200, admin=200)
TARGETS_ADMIN = expect(LOGIN, coordinator=ADMIN_DENIED, programme=200, admin=200)
IMPORTS_ADMIN = expect(LOGIN, coordinator=ADMIN_DENIED, programme=200, admin=200)


def _fill(route: str, world: World) -> str:
    """A target's admin route with a real target in it (one is made the first time)."""
    from datetime import date

    from reporting.models import Target

    if "<int:pk>" not in route:
        return route
    target, _ = Target.objects.get_or_create(
        slug="matrix",
        defaults={
            "title": "Matrixdoel",
            "course_codes": [world.course_a.code],
            "mode": Target.Mode.NUMBER,
            "target_number": 10,
            "period_start": date(2026, 1, 1),
            "deadline": date(2026, 12, 31),
        },
    )
    return route.replace("<int:pk>", str(target.pk))


def _import_batch(suffix: str = "") -> str:
    """An import batch's admin path with a real batch in it: refused, so a confirmation is inert."""
    from reporting.models import ImportBatch

    batch, _ = ImportBatch.objects.get_or_create(
        file_name="matrix.csv",
        defaults={
            "source_name": "Rollenmatrix",
            "course_code": "matrix",
            "file_sha256": "0" * 64,
            "status": ImportBatch.Status.REFUSED,
        },
    )
    return f"/beheer/rapportage/imports/{batch.uuid}/{suffix}"


def _audit_event(route: str) -> str:
    """An audit-log admin path with a real event in it."""
    from accounts.audit import audit_record
    from accounts.models import AuditEvent

    event = AuditEvent.objects.first() or audit_record(
        actor=None, action=AuditEvent.Action.EXPORT, target="rollenmatrix"
    )
    return "/" + route.replace("<int:pk>", str(event.pk))


# The audit log: read by programme team and administrators, changed by nobody (not even a
# superuser).
AUDIT_READ = expect(LOGIN, coordinator=ADMIN_DENIED, programme=200, admin=200)
AUDIT_WRITE = expect(LOGIN, coordinator=ADMIN_DENIED, programme=ADMIN_DENIED, admin=ADMIN_DENIED)


def _vng_region() -> str:
    """A region's VNG page with a real ketenregisseur coverage target behind it."""
    from accounts.models import Region
    from reporting.models import Target
    from tests.reporting.conftest import coverage_target

    if not Target.objects.filter(slug="matrix-ketenregisseurs").exists():
        coverage_target("matrix-ketenregisseurs")
    region = Region.objects.filter(kind__slug="riec").order_by("pk").first()
    return f"/rapportage/vng/ketenregisseur/{region.pk}/"


def _unused_video_url() -> str:
    from tests.factories import make_video

    return make_video("Nog niet gebruikt").url


EXPECTATIONS: dict[str, list[Check]] = {
    **{
        route: [Check(lambda w, r=route: _audit_event(r), expected, method) for method in methods]
        for route, expected, methods in [
            ("beheer/auditlog/", AUDIT_READ, ["get"]),
            ("beheer/auditlog/results/", AUDIT_READ, ["get"]),
            ("beheer/auditlog/inspect/<int:pk>/", AUDIT_READ, ["get"]),
            # History and usage are views of an editor (Wagtail asks for change rights).
            ("beheer/auditlog/history/<int:pk>/", AUDIT_WRITE, ["get"]),
            ("beheer/auditlog/history-results/<int:pk>/", AUDIT_WRITE, ["get"]),
            ("beheer/auditlog/usage/<int:pk>/", AUDIT_WRITE, ["get"]),
            ("beheer/auditlog/new/", AUDIT_WRITE, ["get", "post"]),
            ("beheer/auditlog/edit/<int:pk>/", AUDIT_WRITE, ["get", "post"]),
            ("beheer/auditlog/delete/<int:pk>/", AUDIT_WRITE, ["get", "post"]),
        ]
    },
    "gezond/": [Check("/gezond/", everyone(200))],
    "toegankelijkheid/": [Check("/toegankelijkheid/", everyone(200))],
    "privacy/": [Check("/privacy/", everyone(200))],
    "documenten/^(\\d+)/(.*)$": [
        # Documents belong to public lessons; Wagtail serves them to anyone.
        Check(lambda w: w.document.url, everyone(200)),
    ],
    "mediabestanden/<int:media_id>/<str:part>/": [
        # A video no live page uses yet: only editors of media (coordinators, admins) see it.
        Check(
            lambda w: _unused_video_url(),
            expect(404, anon=404, coordinator=200, admin=200),
        ),
    ],
    "profiel/": [Check("/profiel/", expect(200))],
    "profiel/gegevens/": [Check("/profiel/gegevens/", expect(200))],
    "profiel/verwijderen/": [Check("/profiel/verwijderen/", expect(200))],
    "mijn/": [Check("/mijn/", expect(200))],
    "leren/cursus/<int:course_id>/inschrijven/": [
        Check(lambda w: f"/leren/cursus/{w.course_b.pk}/inschrijven/", expect(REDIRECT), "post"),
        Check(lambda w: f"/leren/cursus/{w.lesson_draft.pk}/inschrijven/", expect(404), "post"),
        Check(lambda w: f"/leren/cursus/{w.course_b.pk}/inschrijven/", expect(405)),
    ],
    "leren/uitnodiging/<uuid:token>/": [
        Check(lambda w: f"/leren/uitnodiging/{w.invitation_own.token}/", expect(200)),
        Check("/leren/uitnodiging/00000000-0000-0000-0000-000000000000/", expect(404)),
    ],
    "leren/les/<int:lesson_id>/afronden/": [
        Check(lambda w: f"/leren/les/{w.lesson_a.pk}/afronden/", expect(REDIRECT), "post"),
        Check(lambda w: f"/leren/les/{w.lesson_draft.pk}/afronden/", expect(404), "post"),
    ],
    # Saving one's own reflection or case answer: a redirect back to the lesson (saved, or
    # refused with a message for a non-enrolled person or a block that is not a question).
    "leren/les/<int:lesson_id>/antwoord/<str:block_id>/": [
        Check(
            lambda w: f"/leren/les/{w.lesson_a.pk}/antwoord/geen-blok/",
            expect(REDIRECT),
            "post",
            {"antwoord": "Tekst"},
        ),
        Check(
            lambda w: f"/leren/les/{w.lesson_draft.pk}/antwoord/geen-blok/",
            expect(404),
            "post",
            {"antwoord": "Tekst"},
        ),
    ],
    "leren/toets/<int:toets_id>/inleveren/": [
        Check(lambda w: f"/leren/toets/{w.toets_a.pk}/inleveren/", expect(ANY_SUCCESS), "post"),
        Check(lambda w: f"/leren/toets/{w.lesson_a.pk}/inleveren/", expect(404), "post"),
    ],
    "leren/bijeenkomst/<uuid:session_uuid>/aanmelden/": [
        Check(
            lambda w: f"/leren/bijeenkomst/{w.session_a.uuid}/aanmelden/",
            expect(REDIRECT),
            "post",
        ),
        Check(
            "/leren/bijeenkomst/00000000-0000-0000-0000-000000000000/aanmelden/",
            expect(404),
            "post",
        ),
    ],
    "leren/bijeenkomst/<uuid:session_uuid>/afmelden/": [
        Check(
            lambda w: f"/leren/bijeenkomst/{w.session_a.uuid}/afmelden/",
            expect(REDIRECT),
            "post",
        ),
    ],
    "leren/coordinator/": [Check("/leren/coordinator/", MANAGER_PAGE)],
    "leren/coordinator/cursus/<int:course_id>/": [
        Check(lambda w: f"/leren/coordinator/cursus/{w.course_a.pk}/", COORDINATOR_PAGE),
        Check(lambda w: f"/leren/coordinator/cursus/{w.course_b.pk}/", COORDINATOR_OTHER),
    ],
    "leren/coordinator/cursus/<int:course_id>/export.csv": [
        Check(lambda w: f"/leren/coordinator/cursus/{w.course_a.pk}/export.csv", COORDINATOR_PAGE),
        Check(lambda w: f"/leren/coordinator/cursus/{w.course_b.pk}/export.csv", COORDINATOR_OTHER),
    ],
    "leren/coordinator/cursus/<int:course_id>/uitnodigen/": [
        Check(lambda w: f"/leren/coordinator/cursus/{w.course_a.pk}/uitnodigen/", COORDINATOR_PAGE),
        Check(
            lambda w: f"/leren/coordinator/cursus/{w.course_b.pk}/uitnodigen/", COORDINATOR_OTHER
        ),
        Check(
            lambda w: f"/leren/coordinator/cursus/{w.course_b.pk}/uitnodigen/",
            COORDINATOR_OTHER,
            "post",
            {"addresses": "nieuw@example.org"},
        ),
    ],
    "leren/coordinator/cursus/<int:course_id>/importeren/": [
        Check(lambda w: f"/leren/coordinator/cursus/{w.course_a.pk}/importeren/", COORDINATOR_PAGE),
        Check(
            lambda w: f"/leren/coordinator/cursus/{w.course_b.pk}/importeren/", COORDINATOR_OTHER
        ),
    ],
    "leren/coordinator/cursus/<int:course_id>/bijeenkomsten/": [
        Check(
            lambda w: f"/leren/coordinator/cursus/{w.course_a.pk}/bijeenkomsten/", COORDINATOR_PAGE
        ),
        Check(
            lambda w: f"/leren/coordinator/cursus/{w.course_b.pk}/bijeenkomsten/",
            COORDINATOR_OTHER,
        ),
    ],
    "leren/coordinator/cursus/<int:course_id>/bijeenkomsten/nieuw/": [
        Check(
            lambda w: f"/leren/coordinator/cursus/{w.course_a.pk}/bijeenkomsten/nieuw/",
            COORDINATOR_PAGE,
        ),
        Check(
            lambda w: f"/leren/coordinator/cursus/{w.course_b.pk}/bijeenkomsten/nieuw/",
            COORDINATOR_OTHER,
        ),
    ],
    "leren/coordinator/cursus/<int:course_id>/bijeenkomsten/<uuid:session_uuid>/": [
        Check(
            lambda w: (
                f"/leren/coordinator/cursus/{w.course_a.pk}/bijeenkomsten/{w.session_a.uuid}/"
            ),
            COORDINATOR_PAGE,
        ),
        # Another course's session under one's own course id: still not found.
        Check(
            lambda w: (
                f"/leren/coordinator/cursus/{w.course_a.pk}/bijeenkomsten/{w.session_b.uuid}/"
            ),
            expect(403, coordinator=404, admin=404),
        ),
        Check(
            lambda w: (
                f"/leren/coordinator/cursus/{w.course_b.pk}/bijeenkomsten/{w.session_b.uuid}/"
            ),
            COORDINATOR_OTHER,
        ),
    ],
    "leren/coordinator/aanvraag/<int:enrolment_id>/besluit/": [
        Check(
            lambda w: f"/leren/coordinator/aanvraag/{w.pending_b.pk}/besluit/",
            expect(403, coordinator=404, admin=REDIRECT),
            "post",
            {"besluit": "afwijzen"},
        ),
        Check(
            lambda w: f"/leren/coordinator/aanvraag/{w.pending_a.pk}/besluit/",
            expect(403, coordinator=REDIRECT, admin=REDIRECT),
            "post",
            {"besluit": "afwijzen"},
        ),
    ],
    # Coordinators keep the attendance lists of their own courses too (issue 17).
    "leren/trainer/": [
        Check("/leren/trainer/", expect(403, trainer=200, coordinator=200, admin=200))
    ],
    "leren/trainer/bijeenkomst/<uuid:session_uuid>/": [
        # Attendance is kept by the session's own trainer and the course's coordinator; the
        # administrator holds the permission but trains or coordinates no session here, so
        # sees none (courses.selectors.access.trained_sessions).
        Check(
            lambda w: f"/leren/trainer/bijeenkomst/{w.session_a.uuid}/",
            expect(403, trainer=200, coordinator=200, admin=404),
        ),
        # Another trainer's session of a course the coordinator does not coordinate.
        Check(
            lambda w: f"/leren/trainer/bijeenkomst/{w.session_b.uuid}/",
            expect(403, trainer=404, coordinator=404, admin=404),
        ),
    ],
    "certificaten/verifieer/": [Check("/certificaten/verifieer/", everyone(200))],
    "certificaten/verifieer/<str:code>/": [
        Check(lambda w: f"/certificaten/verifieer/{w.cert_own.code}/", everyone(200)),
    ],
    "certificaten/<uuid:uuid>/pdf/": [
        Check(lambda w: f"/certificaten/{w.cert_own.uuid}/pdf/", expect(404, learner=200)),
        Check(lambda w: f"/certificaten/{w.cert_other.uuid}/pdf/", expect(404)),
    ],
    "certificaten/registraties/": [Check("/certificaten/registraties/", expect(200))],
    "certificaten/registraties/<int:pk>/verwijderen/": [
        Check(
            lambda w: f"/certificaten/registraties/{w.registration_other.pk}/verwijderen/",
            expect(404),
            "post",
        ),
        Check(
            lambda w: f"/certificaten/registraties/{w.registration_own.pk}/verwijderen/",
            expect(404, learner=REDIRECT),
            "post",
        ),
    ],
    "certificaten/beheer/": [Check("/certificaten/beheer/", MANAGER_PAGE)],
    "certificaten/beheer/export/": [Check("/certificaten/beheer/export/", MANAGER_PAGE)],
    "certificaten/beheer/<uuid:uuid>/": [
        Check(lambda w: f"/certificaten/beheer/{w.cert_a_other.uuid}/", MANAGER_PAGE),
        Check(
            lambda w: f"/certificaten/beheer/{w.cert_other.uuid}/",
            expect(403, coordinator=404, admin=200),
        ),
    ],
    "certificaten/beheer/<uuid:uuid>/intrekken/": [
        Check(
            lambda w: f"/certificaten/beheer/{w.cert_other.uuid}/intrekken/",
            expect(403, coordinator=404, admin=REDIRECT),
            "post",
            {"reason": "Rollenmatrix"},
        ),
    ],
    "certificaten/beheer/<uuid:uuid>/opnieuw-uitgeven/": [
        Check(
            lambda w: f"/certificaten/beheer/{w.cert_other.uuid}/opnieuw-uitgeven/",
            expect(403, coordinator=404, admin=ANY_SUCCESS),
            "post",
        ),
    ],
    "rapportage/": [Check("/rapportage/", expect(403, programme=200, admin=200))],
    "rapportage/herkomst/": [Check("/rapportage/herkomst/", expect(403, programme=200, admin=200))],
    # Effect measurement (issue 23): a course without a measurement has no voor-/nameting; the
    # follow-up link is the key (no session), a forged one opens nothing.
    "effectmeting/<int:course_id>/voormeting/": [
        Check(lambda w: f"/effectmeting/{w.course_b.pk}/voormeting/", expect(404))
    ],
    "effectmeting/<int:course_id>/nameting/": [
        Check(lambda w: f"/effectmeting/{w.course_b.pk}/nameting/", expect(404))
    ],
    "vervolgmeting/<str:token>/": [Check("/vervolgmeting/vervalst-token/", everyone(404))],
    "vervolgmeting/<str:token>/afmelden/": [
        Check("/vervolgmeting/vervalst-token/afmelden/", everyone(404))
    ],
    "rapportage/effect/": [Check("/rapportage/effect/", expect(403, programme=200, admin=200))],
    "rapportage/effect/export.<str:format>": [
        Check("/rapportage/effect/export.csv", expect(403, programme=200, admin=200))
    ],
    "rapportage/effect/<slug:course_code>/samenvatting/": [
        Check(
            lambda w: f"/rapportage/effect/{w.course_b.code}/samenvatting/",
            expect(403, programme=404, admin=404),
        )
    ],
    # SCORM package files: only with a valid signed token of an attempt (no session needed).
    "scorm-inhoud/<str:token>/<path:path>": [
        Check("/scorm-inhoud/vervalst-token/index.html", everyone(404))
    ],
    # A commit to someone else's (or no) attempt: not found; without a session: refused.
    "leren/pakket/<uuid:uuid>/opslaan/": [
        Check(
            "/leren/pakket/00000000-0000-0000-0000-000000000000/opslaan/",
            expect(404, anon=403),
            "post",
        )
    ],
    # Partners only, with HTTP Basic and an xAPI version header: nobody of the site gets in.
    "xapi/statements": [Check("/xapi/statements", everyone(400))],
    # Public aggregate counters: everyone, signed in or not.
    "api/tellers/": [Check("/api/tellers/", everyone(200))],
    "tellers/": [Check("/tellers/", everyone(200))],
    # What the figures mean: public, like the counters that link to it.
    "rapportage/definities/": [Check("/rapportage/definities/", everyone(200))],
    # Linking two addresses of one person: the programme team; a learner only their own.
    "rapportage/koppelingen/": [
        Check("/rapportage/koppelingen/", expect(403, programme=200, admin=200))
    ],
    "rapportage/koppelingen/<int:pk>/ontkoppelen/": [
        Check("/rapportage/koppelingen/999999/ontkoppelen/", expect(404), "post")
    ],
    "account/adressen-koppelen/": [Check("/account/adressen-koppelen/", expect(200))],
    "rapportage/vng/": [Check("/rapportage/vng/", expect(403, vng=200, programme=200, admin=200))],
    "rapportage/vng/<slug:function_slug>/<int:region_id>/": [
        Check(lambda w: _vng_region(), REPORT_VNG)
    ],
    "rapportage/vng/aantallen/": [
        Check("/rapportage/vng/aantallen/", REPORT_VNG),
        Check("/rapportage/vng/aantallen/", REPORT_VNG, "post", {"headcount": "x"}),
    ],
    # An export of a programme table: the programme team and administrators (then a redirect
    # to their list of exports); the VNG exports only its own tables.
    "rapportage/export/": [
        Check(
            "/rapportage/export/",
            expect(403, programme=REDIRECT, admin=REDIRECT),
            "post",
            {"table": "doelen", "format": "csv", "peildatum": "2026-06-30"},
        ),
        Check(
            "/rapportage/export/",
            expect(403, vng=REDIRECT, programme=REDIRECT, admin=REDIRECT),
            "post",
            {"table": "ketenregisseurs", "format": "xlsx"},
        ),
        Check("/rapportage/export/", everyone(405)),
    ],
    "rapportage/exports/": [Check("/rapportage/exports/", REPORT_VNG)],
    # Someone else's (or no) export is not found, for every role.
    "rapportage/exports/<uuid:uuid>/": [
        Check("/rapportage/exports/00000000-0000-0000-0000-000000000000/", expect(404))
    ],
    # Imports of external completions in the Wagtail admin (reporting/import_views.py): the
    # programme team and administrators; a coordinator has admin access but not this door.
    "beheer/rapportage/imports/": [Check("/beheer/rapportage/imports/", IMPORTS_ADMIN)],
    "beheer/rapportage/imports/nieuw/": [
        Check("/beheer/rapportage/imports/nieuw/", IMPORTS_ADMIN),
        # Without a file the form comes back with its errors; nothing is recorded.
        Check("/beheer/rapportage/imports/nieuw/", IMPORTS_ADMIN, "post", {"source": "x"}),
    ],
    "beheer/rapportage/imports/<uuid:uuid>/": [
        Check(lambda w: _import_batch(), IMPORTS_ADMIN),
        Check(
            "/beheer/rapportage/imports/00000000-0000-0000-0000-000000000000/",
            expect(LOGIN, coordinator=ADMIN_DENIED, programme=404, admin=404),
        ),
    ],
    "beheer/rapportage/imports/<uuid:uuid>/importeren/": [
        Check(
            lambda w: _import_batch("importeren/"),
            expect(LOGIN, coordinator=ADMIN_DENIED, programme=REDIRECT, admin=REDIRECT),
            "post",
        ),
        Check(
            lambda w: _import_batch("importeren/"),
            expect(LOGIN, coordinator=ADMIN_DENIED, programme=405, admin=405),
        ),
    ],
    # Targets in the Wagtail admin (reporting/wagtail_hooks.py): the programme team keeps
    # them; only administrators delete one.
    **{
        f"beheer/doelen/{route}": [Check(lambda w, r=route: f"/beheer/doelen/{_fill(r, w)}", rule)]
        for route, rule in [
            ("", TARGETS_ADMIN),
            ("results/", TARGETS_ADMIN),
            ("new/", TARGETS_ADMIN),
            ("edit/<int:pk>/", TARGETS_ADMIN),
            ("inspect/<int:pk>/", TARGETS_ADMIN),
            ("history/<int:pk>/", TARGETS_ADMIN),
            ("history-results/<int:pk>/", TARGETS_ADMIN),
            ("usage/<int:pk>/", TARGETS_ADMIN),
            ("delete/<int:pk>/", ADMIN_DELETE),
        ]
    },
    # Assigning coordinators (courses/wagtail_hooks.py): administrators only.
    "beheer/cursuscoordinatoren/": [Check("/beheer/cursuscoordinatoren/", ADMIN_ONLY)],
    "beheer/cursuscoordinatoren/results/": [
        Check("/beheer/cursuscoordinatoren/results/", ADMIN_ONLY)
    ],
    "beheer/cursuscoordinatoren/new/": [Check("/beheer/cursuscoordinatoren/new/", ADMIN_ONLY)],
    "beheer/cursuscoordinatoren/edit/<int:pk>/": [
        Check(lambda w: f"/beheer/cursuscoordinatoren/edit/{w.assignment.pk}/", ADMIN_ONLY)
    ],
    "beheer/cursuscoordinatoren/delete/<int:pk>/": [
        Check(lambda w: f"/beheer/cursuscoordinatoren/delete/{w.assignment.pk}/", ADMIN_ONLY)
    ],
    "beheer/cursuscoordinatoren/history/<int:pk>/": [
        Check(lambda w: f"/beheer/cursuscoordinatoren/history/{w.assignment.pk}/", ADMIN_ONLY)
    ],
    "beheer/cursuscoordinatoren/history-results/<int:pk>/": [
        Check(
            lambda w: f"/beheer/cursuscoordinatoren/history-results/{w.assignment.pk}/", ADMIN_ONLY
        )
    ],
    "beheer/cursuscoordinatoren/usage/<int:pk>/": [
        Check(lambda w: f"/beheer/cursuscoordinatoren/usage/{w.assignment.pk}/", ADMIN_ONLY)
    ],
    "beheer/cursuscoordinatoren/copy/<int:pk>/": [
        Check(lambda w: f"/beheer/cursuscoordinatoren/copy/{w.assignment.pk}/", ADMIN_ONLY)
    ],
    "^((?:[\\w\\-]+/)*)$": [
        Check("/", everyone(200)),
        Check("/bestaat-niet/", everyone(404)),
        # The catalogue: Wagtail's pages like any other, routed by Wagtail.
        Check("/cursussen/", everyone(200)),
        Check(lambda w: w.course_a.url, everyone(200)),
        Check(lambda w: w.lesson_a.url, everyone(200)),
        Check(lambda w: w.toets_a.url, everyone(200)),
        Check(lambda w: f"{w.course_a.url}concept/", everyone(404)),  # a draft lesson
        Check("/cursussen/bestaat-niet/", everyone(404)),
    ],
}

# Sections of the Wagtail admin that Wagtail itself provides; a project viewset or snippet
# under /beheer/ is not in this list and needs its own entry above.
WAGTAIL_ADMIN_SECTIONS = {
    "",
    "^.*",
    "account",
    "api",
    "block-preview",
    "bulk",
    "choose-anchor-link",
    "choose-email-link",
    "choose-external-link",
    "choose-page",
    "choose-phone-link",
    "collections",
    "media",
    "dismissibles",
    "documents",
    "editing-sessions",
    "embeds",
    "failwhale",
    "forms",
    "groups",
    "images",
    "jsi18n",
    "login",
    "logout",
    "pages",
    "password_reset",
    "redirects",
    "reports",
    "settings",
    "sites",
    "snippets",
    "sprite",
    "tag-autocomplete",
    "test404",
    "users",
    "workflows",
}
FAMILY_PREFIXES = (
    "accounts/",  # allauth (log-in, sign-up, e-mail, password, 2FA, sessions)
    "django-beheer/",  # Django admin: staff only, model permissions
    "_util/",  # Wagtail page privacy forms
    "documenten/authenticate_with_password/",
    "^media/",  # development only (DEBUG)
)

FAMILY_CHECKS: list[Check] = [
    Check("/accounts/login/", SIGNED_IN_AWAY),
    Check("/accounts/signup/", SIGNED_IN_AWAY),
    Check("/accounts/password/reset/", everyone(200)),
    Check("/accounts/email/", expect(200)),
    Check("/accounts/sessions/", expect(200)),
    Check("/accounts/2fa/", expect(200)),
    Check("/accounts/password/change/", expect(200)),
    Check("/beheer/", ADMIN_ACCESS),
    # The explorer opens at the part of the tree one may edit (a redirect there).
    Check("/beheer/pages/", expect(LOGIN, coordinator=REDIRECT, programme=REDIRECT, admin=200)),
    Check(lambda w: f"/beheer/pages/{w.course_a.pk}/", ADMIN_OWN_COURSE),
    # Coordinators may start courses, so their explorer opens at the catalogue; another
    # coordinator's course is refused there (issue 21; before: a redirect to their own).
    Check(
        lambda w: f"/beheer/pages/{w.course_b.pk}/",
        expect(LOGIN, coordinator=ADMIN_DENIED, programme=200, admin=200),
    ),
    Check(lambda w: f"/beheer/pages/{w.course_a.pk}/edit/", ADMIN_OWN_COURSE),
    Check(lambda w: f"/beheer/pages/{w.lesson_a.pk}/edit/", ADMIN_OWN_COURSE),
    Check(lambda w: f"/beheer/pages/{w.course_b.pk}/edit/", ADMIN_EDIT_OTHER),
    Check(lambda w: f"/beheer/pages/{w.course_a.pk}/delete/", ADMIN_DELETE),
    Check(lambda w: f"/beheer/pages/{w.course_b.pk}/delete/", ADMIN_DELETE),
    Check(
        lambda w: f"/beheer/pages/{w.course_a.pk}/add_subpage/",
        expect(LOGIN, coordinator=200, programme=ADMIN_DENIED, admin=200),
    ),
    Check(lambda w: f"/beheer/pages/{w.course_b.pk}/add_subpage/", ADMIN_DELETE),
    # Drafts, previews and history of another course stay closed to a coordinator.
    Check(lambda w: f"/beheer/pages/{w.course_b.pk}/view_draft/", ADMIN_EDIT_OTHER),
    Check(lambda w: f"/beheer/pages/{w.course_b.pk}/edit/preview/", ADMIN_EDIT_OTHER),
    Check(lambda w: f"/beheer/pages/{w.course_b.pk}/history/", ADMIN_EDIT_OTHER),
    Check(lambda w: f"/beheer/pages/{w.course_b.pk}/usage/", ADMIN_EDIT_OTHER),
    Check(lambda w: f"/beheer/pages/{w.course_a.pk}/view_draft/", ADMIN_OWN_COURSE),
    Check(lambda w: f"/beheer/pages/{w.course_a.pk}/history/", ADMIN_OWN_COURSE),
    # Publishing is the reviewers' (ADR 0004): a coordinator cannot unpublish or move.
    Check(
        lambda w: f"/beheer/pages/{w.course_a.pk}/unpublish/",
        expect(LOGIN, coordinator=ADMIN_DENIED, programme=200, admin=200),
    ),
    # The move form opens for reviewers; a move needs add rights at the destination.
    Check(
        lambda w: f"/beheer/pages/{w.course_a.pk}/move/",
        expect(LOGIN, coordinator=ADMIN_DENIED, programme=200, admin=200),
    ),
    Check("/beheer/images/", expect(LOGIN, coordinator=200, programme=ADMIN_DENIED, admin=200)),
    Check("/beheer/documents/", expect(LOGIN, coordinator=200, programme=ADMIN_DENIED, admin=200)),
    Check("/beheer/media/", expect(LOGIN, coordinator=200, programme=ADMIN_DENIED, admin=200)),
    Check("/beheer/users/", ADMIN_ONLY),
    Check("/beheer/groups/", ADMIN_ONLY),
    Check("/beheer/sites/", ADMIN_ONLY),
    Check("/beheer/workflows/list/", ADMIN_ONLY),
    Check("/beheer/reports/site-history/", ADMIN_ACCESS),
    Check("/django-beheer/", expect(LOGIN, admin=200)),
    Check("/django-beheer/accounts/user/", expect(LOGIN, admin=200)),
    Check("/django-beheer/courses/enrolment/", expect(LOGIN, admin=200)),
]


# --- The walk ------------------------------------------------------------------------------------


def _routes(patterns=None, prefix="") -> list[str]:
    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            routes += _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            routes.append(prefix + str(pattern.pattern))
    return routes


def _covered_by_family(route: str) -> bool:
    if route.startswith(FAMILY_PREFIXES):
        return True
    if route.startswith("beheer/"):
        section = route.removeprefix("beheer/").split("/", 1)[0]
        return section in WAGTAIL_ADMIN_SECTIONS
    return False


def test_every_url_has_an_expectation():
    routes = _routes()
    assert len(routes) > 100
    missing = [r for r in routes if r not in EXPECTATIONS and not _covered_by_family(r)]
    assert not missing, "URL's zonder verwachting in de rollenmatrix:\n" + "\n".join(missing)
    stale = [r for r in EXPECTATIONS if r not in routes]
    assert not stale, "Verwachtingen voor URL's die niet (meer) bestaan:\n" + "\n".join(stale)


def _answer(response) -> object:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(("/accounts/login/", "/django-beheer/login/")):
            return LOGIN
        if location.startswith(MFA_SETUP_PATH):
            return MFA_SETUP
        if location == "/beheer/":
            return ADMIN_DENIED
        return REDIRECT
    return response.status_code


def _matches(answer, expected) -> bool:
    if isinstance(expected, frozenset):
        return answer in expected
    return answer == expected


def _run(world: World, checks: list[Check]) -> list[str]:
    problems = []
    probe = os.environ.get("ROLE_MATRIX_PROBE")
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if world.users[role] is not None:
            clients[role].force_login(world.users[role])
    for check in checks:
        path = check.path(world) if callable(check.path) else check.path
        for role in ROLES:
            response = getattr(clients[role], check.method)(path, check.data)
            answer = _answer(response)
            expected = check.expected[role]
            if probe:
                print(f"PROBE {check.method.upper():4} {path:70} {role:12} {answer}")
            if not _matches(answer, expected):
                problems.append(
                    f"{check.method.upper()} {path} als {role}: {answer}, verwacht {expected}"
                )
    return problems


@pytest.mark.django_db
def test_every_role_gets_the_expected_answer_on_every_project_url(world):
    checks = [check for route_checks in EXPECTATIONS.values() for check in route_checks]
    problems = _run(world, checks)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_third_party_url_families_answer_each_role_as_expected(world):
    problems = _run(world, FAMILY_CHECKS)
    assert not problems, "\n".join(problems)


# --- People who see other people's data without a role group ----------------------------------


def _without_role(world: World, kind: str):
    """A person with no role group and no MFA, who can still see other people's data."""
    from django.contrib.auth.models import Permission

    from courses.models import CourseCoordinator
    from tests import factories
    from tests.factories import UserFactory

    user = UserFactory(email=f"{kind}@example.org")
    if kind == "toewijzing":  # only an assignment row, written without the service
        CourseCoordinator.objects.create(course=world.course_a, user=user)
    elif kind == "sessietrainer":  # trainer of a session, not in the trainers' group
        factories.SessionFactory(course=world.course_b, trainer=user)
    elif kind == "vng-recht":  # the VNG report permission given directly, not the group
        user.user_permissions.add(Permission.objects.get(codename="view_vng_dashboard"))
    return user


def _staff_checks(world: World) -> list[tuple[Check, str]]:
    checks = [c for route_checks in EXPECTATIONS.values() for c in route_checks] + FAMILY_CHECKS
    paths = [(c, c.path(world) if callable(c.path) else c.path) for c in checks]
    return [(c, path) for c, path in paths if path.startswith(STAFF_PREFIXES)]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["toewijzing", "sessietrainer", "vng-recht"])
def test_whoever_sees_others_data_is_sent_to_mfa_setup_on_every_staff_url(world, kind):
    client = Client()
    client.force_login(_without_role(world, kind))
    staff_checks = _staff_checks(world)
    assert len(staff_checks) > 40
    problems = []
    for check, path in staff_checks:
        answer = _answer(getattr(client, check.method)(path, check.data))
        if answer != MFA_SETUP:
            problems.append(f"{check.method.upper()} {path} als {kind}: {answer}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_an_assignment_row_without_the_role_opens_no_coordinator_or_certificate_page(world):
    # Before: 403 on the coordinator pages but 200 on certificate management, revoke included.
    from tests.factories import TEST_TOTP_SECRET

    user = _without_role(world, "toewijzing")
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, TEST_TOTP_SECRET)
    client = Client()
    client.force_login(user)
    course, certificate = world.course_a, world.cert_a_other
    for path in (
        "/leren/coordinator/",
        f"/leren/coordinator/cursus/{course.pk}/",
        f"/leren/coordinator/cursus/{course.pk}/export.csv",
        "/certificaten/beheer/",
        "/certificaten/beheer/export/",
        f"/certificaten/beheer/{certificate.uuid}/",
    ):
        assert client.get(path).status_code == 403, path
    revoke = f"/certificaten/beheer/{certificate.uuid}/intrekken/"
    assert client.post(revoke, {"reason": "poging"}).status_code == 403
    assert (
        client.post(f"/certificaten/beheer/{certificate.uuid}/opnieuw-uitgeven/").status_code == 403
    )
    certificate.completion.refresh_from_db()
    assert certificate.completion.revoked_at is None


@pytest.mark.django_db
def test_courses_and_certificates_answer_alike_which_courses_a_person_coordinates(world):
    from certificates.selectors import manageable_courses, may_manage_certificates
    from courses.selectors.access import coordinated_courses, may_coordinate

    people = [u for u in world.users.values() if u is not None]
    people.append(_without_role(world, "toewijzing"))
    for user in people:
        courses = set(coordinated_courses(user))
        assert set(manageable_courses(user)) == courses, user.email
        assert may_manage_certificates(user) == may_coordinate(user), user.email
    assert set(coordinated_courses(world.users[COORD])) == {world.course_a}
    assert not set(coordinated_courses(people[-1]))
