"""Builders for the learning tests: a minimal published course tree per test.

Kept in a test module (it holds no tests itself) so every learning test file imports the same
builders; each builder writes through the ORM the way an editor's publish would.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.rich_text import RichText

from courses.models import (
    ClassroomSession,
    CourseCoordinator,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    ModulePage,
    ToetsPage,
)


def _question(prompt: str, correct: str = "Juist", wrong: str = "Onjuist") -> tuple:
    return (
        "question",
        {
            "kind": "single",
            "prompt": prompt,
            "options": [
                {"text": correct, "is_correct": True, "feedback": "Goed zo."},
                {"text": wrong, "is_correct": False, "feedback": "Helaas."},
            ],
            "explanation": "Zo zit het.",
        },
    )


def lesson_add(parent, title: str) -> LessonPage:
    lesson = LessonPage(
        title=title,
        intro="Intro",
        body=[("paragraph", RichText("<p>Lesinhoud.</p>"))],
    )
    parent.add_child(instance=lesson)
    return lesson


def toets_add(parent, title: str = "Eindtoets", *, questions: int = 2, **fields) -> ToetsPage:
    toets = ToetsPage(
        title=title,
        intro="Toets",
        questions=[_question(f"Vraag {n}?") for n in range(1, questions + 1)],
        **fields,
    )
    parent.add_child(instance=toets)
    # Re-read so the option blocks carry the ids they were stored with.
    return ToetsPage.objects.get(pk=toets.pk)


def course_build(
    *,
    code: str = "test-cursus",
    lessons: int = 3,
    toets: bool = True,
    modules: int = 0,
    toets_fields: dict | None = None,
    **fields,
) -> CoursePage:
    """A live course with `lessons` lessons (spread over `modules` modules) and one toets."""
    index = CourseIndexPage.objects.first()
    defaults = {
        "title": f"Cursus {code}",
        "slug": code,
        "code": code,
        "summary": "Samenvatting",
        "learning_objectives": "<ul><li>Doel</li></ul>",
        "format": CoursePage.Format.ELEARNING,
        "level": CoursePage.Level.BASIS,
        "study_time_minutes": 60,
    }
    defaults.update(fields)
    course = CoursePage(**defaults)
    index.add_child(instance=course)
    parents = [course]
    if modules:
        parents = []
        for n in range(1, modules + 1):
            module = ModulePage(title=f"Module {n}", intro="")
            course.add_child(instance=module)
            parents.append(module)
    for n in range(1, lessons + 1):
        lesson_add(parents[(n - 1) % len(parents)] if modules else course, f"Les {n}")
    if toets:
        toets_add(parents[-1], **(toets_fields or {}))
    return CoursePage.objects.get(pk=course.pk)


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def toetsen_of(course: CoursePage) -> list[ToetsPage]:
    return list(ToetsPage.objects.descendant_of(course).order_by("path"))


def enrol(user, course, status=Enrolment.Status.ACTIVE) -> Enrolment:
    return Enrolment.objects.create(
        user=user, course=course, status=status, enrolled_at=timezone.now()
    )


def coordinate(user, course) -> CourseCoordinator:
    return CourseCoordinator.objects.create(user=user, course=course)


def session_begin(session, *, ago: timedelta = timedelta(hours=1)):
    """Let time pass: the session (planned ahead, so people could register) began `ago`."""
    starts = timezone.now() - ago
    ClassroomSession.objects.filter(pk=session.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=3)
    )
    session.refresh_from_db()
    return session


def session_add(course, trainer, *, capacity: int = 2, days: int = 7, **fields):
    starts = timezone.now() + timedelta(days=days)
    return ClassroomSession.objects.create(
        course=course,
        title=fields.pop("title", "Bijeenkomst"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        location=fields.pop("location", "Utrecht"),
        capacity=capacity,
        trainer=trainer,
        **fields,
    )


def correct_answers(toets: ToetsPage) -> dict[str, list[str]]:
    answers = {}
    for child in toets.questions:
        options = child.value["options"].bound_blocks
        answers[str(child.id)] = [str(o.id) for o in options if o.value["is_correct"]]
    return answers


def wrong_answers(toets: ToetsPage) -> dict[str, list[str]]:
    answers = {}
    for child in toets.questions:
        options = child.value["options"].bound_blocks
        wrong = [str(o.id) for o in options if not o.value["is_correct"]]
        # One answer for a one-answer question: a whole (but wrong) submission.
        answers[str(child.id)] = wrong if child.value["kind"] == "multiple" else wrong[:1]
    return answers


def answers_post(answers: dict[str, list[str]], submission_key) -> dict:
    data = {"submission_key": str(submission_key)}
    for question_id, option_ids in answers.items():
        data[f"vraag-{question_id}"] = option_ids
    return data
