"""Builders for the effect tests: a measured course, answers and completions on chosen days."""

from datetime import date, datetime, time

from django.utils import timezone

from accounts.models import Municipality, Profession, person_key_for
from courses.completion import completion_record
from courses.models import Completion
from effect.models import ConfidenceStatement, EffectMeasurement, Item, LearningObjective, Response
from tests.factories import CourseFactory, LessonFactory

OBJECTIVES = ("Signalen herkennen", "Handelingskader en doorverwijzen", "Melden")


def moment(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def make_measured_course(*, code="buit-basis", items_per_objective=2, **fields):
    """A live course with one lesson and a measurement: three objectives, two statements and
    `items_per_objective` items each (option 1 is always the right one)."""
    course = CourseFactory(code=code, **fields)
    LessonFactory(parent=course, title="Les 1")
    measurement = EffectMeasurement.objects.create(course=course)
    for n, title in enumerate(OBJECTIVES):
        objective = LearningObjective.objects.create(
            measurement=measurement, title=title, sort_order=n
        )
        for i in range(items_per_objective):
            Item.objects.create(
                objective=objective,
                question=f"{title}: vraag {i + 1}",
                options="Goed\nFout\nWeet ik niet",
                correct_option=1,
            )
    for n, text in enumerate(
        ("Ik herken signalen van uitbuiting bij een jongere", "Ik weet wie ik moet bellen")
    ):
        ConfidenceStatement.objects.create(measurement=measurement, text=text, sort_order=n)
    return course, measurement


def complete(email, course, day, **extra):
    extra.setdefault("municipality", Municipality.objects.get(cbs_code="GM0344"))
    extra.setdefault("organisation_kind", "jeugdzorg")
    extra.setdefault("profession", Profession.objects.get(slug="jeugdprofessional"))
    completion = completion_record(
        person_key=person_key_for(email),
        course_code=course.code,
        course_title=course.title,
        completed_at=moment(day),
        source=Completion.Source.PLATFORM,
        course=course,
        **extra,
    ).completion
    Completion.objects.filter(pk=completion.pk).update(created_at=moment(day))
    return completion


def answer(
    email,
    course,
    moment_,
    *,
    correct: dict[int, tuple[int, int]],
    confidence=(),
    day=None,
    round_=1,
    behaviour=None,
):
    """A stored response with the given [correct, asked] per objective id and the confidence
    values in the order of the course's statements."""
    statements = list(course.effect_measurement.confidence_statements.all())
    return Response.objects.create(
        person_key=person_key_for(email),
        course=course,
        course_code=course.code,
        round=round_,
        moment=moment_,
        scores={str(k): list(v) for k, v in correct.items()},
        confidence={str(s.pk): v for s, v in zip(statements, confidence, strict=False)},
        behaviour=behaviour or {},
        submitted_at=moment(day or date(2026, 3, 1)),
    )
