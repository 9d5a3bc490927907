"""The follow-up: invited once per round after N days, a one-time link, a reminder, opt-out."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from accounts.privacy import account_erase, person_data_export
from effect.models import FollowUpInvitation, Response
from effect.services import follow_up_email_send, follow_up_invitations_send
from tests.effect.factories import answer, complete, make_measured_course

pytestmark = pytest.mark.django_db
# Relative to the real day: a link's expiry is checked against the real clock.
DONE = datetime.now(tz=UTC).date() - timedelta(days=95)


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Run the beat job as on `today`, with the outbox's tasks run after its commits."""

    def run(*, today):
        with django_capture_on_commit_callbacks(execute=True):
            return follow_up_invitations_send(today=today)

    return run


def _link(message) -> str:
    return re.search(r"http://[^\s]+/vervolgmeting/[^\s/]+/", message.body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def measured(learner):
    course, measurement = make_measured_course()
    complete(learner.email, course, DONE, user=learner)
    return course, measurement


def _post(client, url, measurement, **extra):
    data = {"gesignaleerd": "ja", "acties": ["besproken", "gemeld"], "aantal": 2}
    data |= {f"vertrouwen_{s.pk}": 4 for s in measurement.confidence_statements.all()}
    return client.post(url, data | extra)


def test_invited_once_after_ninety_days_and_the_link_works_once(client, learner, measured, invite):
    course, measurement = measured
    assert invite(today=DONE + timedelta(days=89)) == 0
    assert invite(today=DONE + timedelta(days=90)) == 1
    assert invite(today=DONE + timedelta(days=91)) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [learner.email]
    invitation = FollowUpInvitation.objects.get()
    link = _link(mail.outbox[0])
    # The token is not in the database, only its hash.
    assert link.rstrip("/").rsplit("/", 1)[1] not in (invitation.token_hash, invitation.nonce)

    assert client.get(_path(link)).status_code == 200  # no log-in needed
    thanks = _post(client, _path(link), measurement, toelichting="Een casus op school")
    assert thanks.status_code == 200 and "Dank u wel" in thanks.content.decode()
    follow = Response.objects.get(moment="vervolg")
    assert follow.behaviour == {
        "gesignaleerd": True, "besproken": True, "gemeld": True, "doorverwezen": False,
        "aantal": 2,
    }  # fmt: skip
    again = _post(client, _path(link), measurement)
    assert again.status_code == 410 and "al gebruikt" in again.content.decode()
    assert client.get(_path(link)).status_code == 410
    assert Response.objects.filter(moment="vervolg").count() == 1


def test_a_forged_or_altered_link_opens_nothing(client, measured, invite):
    invite(today=DONE + timedelta(days=90))
    link = _path(_link(mail.outbox[0]))
    assert client.get(link[:-3] + "xx/").status_code == 404
    assert client.get("/vervolgmeting/abc:def/").status_code == 404


def test_one_reminder_after_fourteen_days_and_none_once_answered(client, learner, measured, invite):
    _course, measurement = measured
    day = DONE + timedelta(days=90)
    invite(today=day)
    invite(today=day + timedelta(days=13))
    assert len(mail.outbox) == 1
    invite(today=day + timedelta(days=14))
    invite(today=day + timedelta(days=20))
    assert len(mail.outbox) == 2 and "Herinnering" in mail.outbox[1].subject
    assert _link(mail.outbox[1]) == _link(mail.outbox[0])
    # Sending the reminder's task again (a redelivery) sends nothing.
    assert not follow_up_email_send(
        invitation_id=FollowUpInvitation.objects.get().pk, reminder=True
    )


def test_opted_out_person_is_never_invited_again(client, learner, measured, invite):
    course, _ = measured
    invite(today=DONE + timedelta(days=90))
    opt_out = _link(mail.outbox[0]) + "afmelden/"
    client.post(_path(opt_out))
    assert client.get(_path(_link(mail.outbox[0]))).status_code == 410
    invite(today=DONE + timedelta(days=104))  # no reminder either
    from courses.completion import completion_record
    from courses.models import Completion

    completion_record(
        person_key=learner.person_key, course_code=course.code, course_title=course.title,
        completed_at=DONE + timedelta(days=120), source=Completion.Source.PLATFORM,
        user=learner, course=course,
    )  # fmt: skip
    for days in (210, 300, 400):
        invite(today=DONE + timedelta(days=days))
    assert len(mail.outbox) == 1
    assert FollowUpInvitation.objects.count() == 1


def test_avg_export_holds_the_answers_and_erasure_removes_them_but_keeps_scores(learner):
    course, _ = make_measured_course()
    complete(learner.email, course, DONE, user=learner)
    voor = answer(learner.email, course, "voor", correct={1: (1, 2)}, confidence=(2, 3))
    Response.objects.filter(pk=voor.pk).update(user=learner, answers={"1": 2}, remark="Eigen tekst")
    exported = person_data_export(user=learner)["effectmeting"]
    assert exported[0]["antwoorden"] == {"1": 2} and exported[0]["toelichting"] == "Eigen tekst"
    account_erase(user=learner)
    voor.refresh_from_db()
    assert voor.answers == {} and voor.remark == "" and voor.user is None
    assert voor.scores == {"1": [1, 2]}
