"""The one place tests build data: factory_boy factories for people, courses and learning facts.

Course pages are added under their parent the way an editor's publish does (Wagtail's
`add_child`), so a factory takes `parent=` rather than saving a bare row. StreamField content
is written in Wagtail's JSON shape with explicit block ids, so tests can address questions and
options by id exactly as the toets form does. Completions and certificates go through the
platform's own writers (`completion_record`, `certificate_issue`), never around them.
"""

import uuid
from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from accounts.models import Function, Municipality, Profession, User
from accounts.services import profile_update
from cms.media import MediaItem
from courses.models import (
    ClassroomSession,
    CourseAccreditation,
    CourseCoordinator,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    ModulePage,
    ToetsPage,
)

PASSWORD = "een-lang-test-wachtwoord"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
# The answers of the profile a UserFactory person fills in (by slug and CBS code).
PROFILE = {
    "organisation_name": "Testorganisatie",
    "organisation_kind": "jeugdzorg",
    "profession": "jeugdprofessional",
    "functions": ["professional-kinderen"],
    "municipality": "GM0344",
}


# People ---------------------------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    """A verified user with a complete profile, optionally in a role group.

    Staff (any role, or is_staff/is_superuser) have TOTP enrolled unless mfa=False, as the
    platform requires before any staff page. `profile` is True (the PROFILE answers), False
    (no profile) or a dict of the answers that differ from PROFILE. The browser tests build
    their people here too, in the test server's own database (tests/e2e).
    """

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")

    @classmethod
    def _create(
        cls, model_class, *args, role=None, profile=True, mfa=None, password=PASSWORD, **fields
    ):
        user = model_class.objects.create_user(password=password, **fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        if role:
            user.groups.add(Group.objects.get(name=role))
        if mfa is None:
            mfa = bool(role) or user.is_staff or user.is_superuser
        if mfa:
            TOTP.activate(user, TEST_TOTP_SECRET)
        if profile:
            answers = PROFILE | (profile if isinstance(profile, dict) else {})
            profile_update(
                user=user,
                organisation_name=answers["organisation_name"],
                organisation_kind=answers["organisation_kind"],
                profession=Profession.objects.get(slug=answers["profession"]),
                functions=list(Function.objects.filter(slug__in=answers["functions"])),
                municipality=Municipality.objects.get(cbs_code=answers["municipality"]),
            )
        return user


# Course pages ---------------------------------------------------------------------------------


def block_id() -> str:
    return str(uuid.uuid4())


def catalogue() -> CourseIndexPage:
    """The catalogue page, created by migration at /cursussen/."""
    return CourseIndexPage.objects.get()


def paragraph(html="<p>Uitleg over signalen.</p>") -> dict:
    return {"type": "paragraph", "value": html, "id": block_id()}


def option(text, *, correct=False, feedback="", id=None) -> dict:
    return {
        "type": "item",
        "value": {"text": text, "is_correct": correct, "feedback": feedback},
        "id": id or block_id(),
    }


def question(prompt, options, *, kind="single", explanation="", id=None) -> dict:
    return {
        "type": "question",
        "value": {"kind": kind, "prompt": prompt, "options": options, "explanation": explanation},
        "id": id or block_id(),
    }


def questions_right_or_wrong(count: int) -> list[dict]:
    """`count` one-answer questions, each with one right and one wrong option."""
    return [
        question(
            f"Vraag {n}?",
            [
                option("Juist", correct=True, feedback="Goed zo."),
                option("Onjuist", feedback="Helaas."),
            ],
            explanation="Zo zit het.",
        )
        for n in range(1, count + 1)
    ]


class PageFactory(DjangoModelFactory):
    """A page added under `parent` (Wagtail's tree), not saved as a bare row."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent, **fields):
        page = model_class(**fields)
        parent.add_child(instance=page)
        return page


class ModuleFactory(PageFactory):
    class Meta:
        model = ModulePage

    title = "Module 1"
    intro = "Over deze module."


class LessonFactory(PageFactory):
    class Meta:
        model = LessonPage

    title = "Les 1"
    intro = "Korte introductie."
    body = factory.LazyFunction(lambda: [paragraph()])
    live = True


class ToetsFactory(PageFactory):
    """A toets; `question_count` right-or-wrong questions unless `questions` are given."""

    class Meta:
        model = ToetsPage

    title = "Eindtoets"

    @classmethod
    def _create(cls, model_class, *args, question_count=0, **fields):
        fields.setdefault("questions", questions_right_or_wrong(question_count))
        return super()._create(model_class, *args, **fields)


class CourseFactory(PageFactory):
    """A live course in the catalogue; with `lessons`, `modules` and `toets` also its content.

    `lessons` are spread over `modules` modules (or put directly under the course), and the
    toets (with `toets_fields`) goes into the last module. A course with content is read back
    from the database, as a learner's request would find it.
    """

    class Meta:
        model = CoursePage

    parent = factory.LazyFunction(catalogue)
    code = "buit-basis"
    title = "Mensenhandel herkennen"
    slug = factory.SelfAttribute("code")
    summary = factory.LazyAttribute(lambda course: f"Samenvatting van {course.title}.")
    learning_objectives = "<ul><li>U herkent signalen van mensenhandel.</li></ul>"
    format = CoursePage.Format.ELEARNING
    level = CoursePage.Level.BASIS
    study_time_minutes = 90

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        lessons=0,
        modules=0,
        toets=False,
        toets_fields=None,
        coordinated_by=None,
        **fields,
    ):
        course = super()._create(model_class, *args, **fields)
        if coordinated_by is not None:
            CourseCoordinator.objects.create(user=coordinated_by, course=course)
        if not (lessons or modules or toets):
            return course
        parents = [
            ModuleFactory(parent=course, title=f"Module {n}", intro="")
            for n in range(1, modules + 1)
        ] or [course]
        for n in range(1, lessons + 1):
            LessonFactory(parent=parents[(n - 1) % len(parents)], title=f"Les {n}")
        if toets:
            ToetsFactory(parent=parents[-1], question_count=2, **(toets_fields or {}))
        return CoursePage.objects.get(pk=course.pk)


class LearningCourseFactory(CourseFactory):
    """The learning tests' course: three lessons and a toets of two questions."""

    code = "test-cursus"
    title = factory.LazyAttribute(lambda course: f"Cursus {course.code}")
    study_time_minutes = 60
    lessons = 3
    toets = True


class ClassroomCourseFactory(LearningCourseFactory):
    """A classroom course: no lessons or toets, completed by attending a session."""

    code = "klassikaal"
    lessons = 0
    toets = False
    format = CoursePage.Format.CLASSROOM
    requires_session_attendance = True


class AccreditationFactory(DjangoModelFactory):
    class Meta:
        model = CourseAccreditation

    register = "skj"
    accreditation_id = "SKJ-12345"
    points = 4


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def toetsen_of(course: CoursePage) -> list[ToetsPage]:
    return list(ToetsPage.objects.descendant_of(course).order_by("path"))


# Learning facts -------------------------------------------------------------------------------


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrolment

    status = Enrolment.Status.ACTIVE
    enrolled_at = factory.LazyFunction(timezone.now)


class CoordinatorFactory(DjangoModelFactory):
    class Meta:
        model = CourseCoordinator


class SessionFactory(DjangoModelFactory):
    """A classroom session planned `days_ahead` days from now, three hours long."""

    class Meta:
        model = ClassroomSession
        exclude = ("days_ahead",)

    days_ahead = 14
    title = "Bijeenkomst Utrecht"
    starts_at = factory.LazyAttribute(
        lambda session: timezone.now() + timedelta(days=session.days_ahead)
    )
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(hours=3))
    location = "Stadskantoor Utrecht"
    capacity = 20


class SmallSessionFactory(SessionFactory):
    """A session of two seats a week from now: the learning tests' waiting-list shape."""

    days_ahead = 7
    title = "Bijeenkomst"
    location = "Utrecht"
    capacity = 2


def session_begin(session, *, ago: timedelta = timedelta(hours=1)):
    """Let time pass: the session (planned ahead, so people could register) began `ago`."""
    starts = timezone.now() - ago
    ClassroomSession.objects.filter(pk=session.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=3)
    )
    session.refresh_from_db()
    return session


class CompletionFactory(factory.Factory):
    """A completion of `course` by `user`, written by the platform's one writer
    (`completion_record`), on the moment `completed_at` (now by default)."""

    class Meta:
        model = dict  # built by completion_record, never by the model's constructor

    completed_at = factory.LazyFunction(timezone.now)
    source = "platform"

    @classmethod
    def _create(cls, model_class, *args, user, course, validity_months=None, **fields):
        from courses.completion import completion_record

        if validity_months is None:
            validity_months = course.certificate_validity_months
        return completion_record(
            person_key=user.person_key,
            course_code=course.code,
            course_title=course.title,
            user=user,
            course=course,
            validity_months=validity_months,
            **fields,
        ).completion


class CertificateFactory(CompletionFactory):
    """A certificate issued (by `certificate_issue`) for a `CompletionFactory` completion."""

    @classmethod
    def _create(cls, model_class, *args, **fields):
        from certificates.services import certificate_issue

        return certificate_issue(completion=super()._create(model_class, *args, **fields))


# Answers to a toets ---------------------------------------------------------------------------


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


# Media ----------------------------------------------------------------------------------------


def make_image(title="Signalen") -> Image:
    return Image.objects.create(title=title, file=get_test_image_file())


def make_document(title="Handreiking", name="handreiking.pdf", content=b"%PDF-1.4") -> Document:
    document = Document(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


VIDEO_BYTES = bytes(range(256)) * 40  # 10,240 bytes that differ per position
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:02.000\nDe verteller noemt drie signalen.\n"


def make_video(title="Signalen in beeld", *, captions=True) -> MediaItem:
    """An uploaded video (wagtailmedia) with WebVTT captions unless `captions` is False."""
    item = MediaItem(title=title, type="video")
    item.file.save("signalen.mp4", ContentFile(VIDEO_BYTES), save=False)
    if captions:
        item.captions.save("signalen.vtt", ContentFile(CAPTIONS), save=False)
    item.save()
    return item
