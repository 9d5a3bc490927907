"""The audit log keeps its word: revocation, reissue, role and assignment changes and every
export of other people's data write an event; programme team and administrators filter the
log in the Wagtail admin, and nobody changes it there."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts import roles
from accounts.models import AuditEvent
from certificates.services import certificate_revoke
from courses.models import CourseCoordinator
from tests import factories
from tests.factories import UserFactory
from tests.security.conftest import ADMIN, COORD, PROG

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action


def events(action) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("at", "pk"))


def test_revoking_a_certificate_is_audited_once(client, world):
    coordinator = world.users[COORD]
    certificate = world.cert_a_other
    client.force_login(coordinator)
    url = f"/certificaten/beheer/{certificate.uuid}/intrekken/"
    assert client.post(url, {"reason": "Fraude bij de toets"}).status_code == 302

    [event] = events(Action.REVOCATION)
    assert event.actor == coordinator and event.actor_label == coordinator.email
    assert event.target == f"certificaat:{certificate.display_code}"
    assert event.details == {"cursus": "rol-a", "reden": "Fraude bij de toets"}
    # Revoking again changes nothing, and writes nothing.
    certificate_revoke(certificate=certificate, reason="nogmaals", actor=coordinator)
    assert len(events(Action.REVOCATION)) == 1


def test_reissuing_a_certificate_is_audited(client, world):
    client.force_login(world.users[ADMIN])
    certificate = world.cert_other
    response = client.post(f"/certificaten/beheer/{certificate.uuid}/opnieuw-uitgeven/")
    assert response.status_code == 302
    [event] = events(Action.REISSUE)
    assert event.actor == world.users[ADMIN]
    assert event.target == f"certificaat:{certificate.display_code}"
    certificate.refresh_from_db()
    assert event.details == {"cursus": "rol-b", "nieuw": certificate.replaced_by.display_code}


def test_a_coordinators_learner_csv_is_audited_without_the_search_text(client, world):
    client.force_login(world.users[COORD])
    course = world.course_a
    response = client.get(f"/leren/coordinator/cursus/{course.pk}/export.csv", {"q": "Lieke"})
    assert response.status_code == 200
    rows = response.content.decode("utf-8-sig").strip().splitlines()
    [event] = events(Action.EXPORT)
    assert event.actor == world.users[COORD]
    assert event.target == f"cursisten:{course.code}.csv"
    assert event.details["regels"] == len(rows) - 1
    assert event.details["zoekterm"] is True
    assert "Lieke" not in str(event.details)  # a name searched for stays out of the log


def test_the_register_export_is_audited(client, world):
    client.force_login(world.users[COORD])
    response = client.get("/certificaten/beheer/export/", {"course": world.course_a.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    [event] = events(Action.EXPORT)
    assert event.target == f"registers:{world.course_a.code}.csv"
    assert event.actor == world.users[COORD]


def test_every_way_of_changing_a_role_is_audited(world):
    person = UserFactory(email="wisselend@example.org")
    start = AuditEvent.objects.count()
    vng = Group.objects.get(name=roles.VNG)
    trainers = Group.objects.get(name=roles.TRAINER)

    person.groups.add(vng)  # from the person's side
    trainers.user_set.add(person)  # from the group's side
    person.groups.clear()  # both at once, without naming them
    person.user_permissions.add(Permission.objects.get(codename="view_vng_dashboard"))
    person.is_superuser = True
    person.save()
    person.save(update_fields=["last_login"])  # not a role: nothing

    new = list(AuditEvent.objects.order_by("pk")[start:])
    assert [(e.action, e.target, e.details) for e in new] == [
        (Action.ROLE_ADDED, person.email, {"rollen": [roles.VNG]}),
        (Action.ROLE_ADDED, person.email, {"rollen": [roles.TRAINER]}),
        (Action.ROLE_REMOVED, person.email, {"rollen": sorted([roles.TRAINER, roles.VNG])}),
        (Action.ROLE_ADDED, person.email, {"rechten": ["reporting.view_vng_dashboard"]}),
        (Action.ROLE_ADDED, person.email, {"rollen": ["is_superuser"]}),
    ]


def test_assignments_are_audited_however_they_are_written(world):
    person = UserFactory(email="toegewezen@example.org")
    CourseCoordinator.objects.create(course=world.course_b, user=person)  # not the service
    [added] = events(Action.ASSIGNMENT_ADDED)[-1:]
    assert added.target == person.email
    assert added.details == {"soort": "coördinator", "cursus_id": world.course_b.pk}
    CourseCoordinator.objects.filter(user=person).delete()
    assert events(Action.ASSIGNMENT_REMOVED)[-1].target == person.email

    session = factories.SessionFactory(course=world.course_b, trainer=person)
    assert events(Action.ASSIGNMENT_ADDED)[-1].details["soort"] == "trainer"
    session.trainer = world.users["trainer"]
    session.save()
    assert events(Action.ASSIGNMENT_REMOVED)[-1].target == person.email
    assert events(Action.ASSIGNMENT_ADDED)[-1].target == world.users["trainer"].email
    before = AuditEvent.objects.count()
    session.title = "Andere titel"
    session.save()
    assert AuditEvent.objects.count() == before


def test_programme_team_filters_the_log_in_the_admin(client, world):
    client.force_login(world.users[ADMIN])
    client.post(
        f"/certificaten/beheer/{world.cert_other.uuid}/intrekken/", {"reason": "Vergissing"}
    )
    old = AuditEvent.objects.create(action=Action.EXPORT, target="oud-bestand.csv")
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=40))

    client.force_login(world.users[PROG])
    page = client.get("/beheer/auditlog/", {"action": Action.REVOCATION})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Certificaat ingetrokken" in html
    assert "oud-bestand.csv" not in html
    recent = (timezone.localdate() - timedelta(days=7)).isoformat()
    html = client.get("/beheer/auditlog/", {"at_from": recent}).content.decode()
    assert "oud-bestand.csv" not in html and "Certificaat ingetrokken" in html
    html = client.get("/beheer/auditlog/", {"target": "oud-bestand"}).content.decode()
    assert "oud-bestand.csv" in html
    # Nobody adds, changes or deletes an event, not even an administrator.
    client.force_login(world.users[ADMIN])
    for path in ("/beheer/auditlog/new/", f"/beheer/auditlog/delete/{old.pk}/"):
        assert client.post(path, {"action": Action.EXPORT}).status_code == 302
    assert AuditEvent.objects.filter(pk=old.pk).exists()


def test_writing_an_event_costs_one_query_also_with_the_admin_loaded(
    client, world, django_assert_num_queries
):
    from accounts.audit import audit_record

    client.force_login(world.users[PROG])
    assert client.get("/beheer/auditlog/").status_code == 200  # Wagtail's hooks are loaded
    with django_assert_num_queries(1):
        audit_record(actor=None, action=Action.EXPORT, target="tabel.csv")
