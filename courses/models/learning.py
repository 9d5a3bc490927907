"""The facts of learning: plain models keyed to pages by id.

One fact, one row: each model carries the unique constraint that makes its writes idempotent.
Completions outlive pages and accounts (SET_NULL plus snapshots), so counts never lose a person.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class CourseCoordinator(models.Model):
    """A coordinator assigned to a course: sees and manages that course's learners only."""

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="coordinator_assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinated_courses"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cursuscoördinator")
        verbose_name_plural = _("cursuscoördinatoren")
        permissions = [
            ("coordinate_courses", _("Kan eigen cursussen coördineren")),
            ("manage_all_courses", _("Kan alle cursussen beheren")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="coordinator_once_per_course")
        ]

    def __str__(self):
        return f"{self.user} – {self.course}"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        PENDING = "aangevraagd", _("Aangevraagd")
        ACTIVE = "actief", _("Ingeschreven")
        DECLINED = "afgewezen", _("Afgewezen")
        WITHDRAWN = "uitgeschreven", _("Uitgeschreven")

    class Source(models.TextChoices):
        SELF = "zelf", _("Zelf ingeschreven")
        INVITATION = "uitnodiging", _("Via uitnodiging")
        BULK = "bulk", _("Door coördinator (bestand)")
        APPROVAL = "goedkeuring", _("Na goedkeuring")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.SELF)
    requested_at = models.DateTimeField(auto_now_add=True)
    enrolled_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Where the learner resumes: the last lesson or test they opened.
    last_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The learner's first step in the course: the first lesson opened, toets handed in or
    # session attended (its start). Kept by the services that record those steps
    # (courses.services.enrolment.enrolment_started), so the coordinator's list sorts and
    # filters on a column instead of working it out per learner.
    started_at = models.DateTimeField(_("begonnen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="enrolment_once_per_course")
        ]
        indexes = [
            models.Index(fields=["course", "status"]),
            models.Index(fields=["course", "started_at"], name="enrolment_course_started"),
        ]

    def __str__(self):
        return f"{self.user} – {self.course} ({self.get_status_display()})"


class Invitation(models.Model):
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.UniqueConstraint(
                "course", Lower("email"), name="invitation_once_per_course_and_email"
            )
        ]

    def __str__(self):
        return f"{self.email} – {self.course}"


class LessonProgress(models.Model):
    """One row per person and lesson: started when opened, completed when finished."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.PROTECT, related_name="progress"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="lesson_progress"
    )
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesvoortgang")
        verbose_name_plural = _("lesvoortgang")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="progress_once_per_lesson")
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self):
        return f"{self.user} – {self.lesson}"


class ToetsAttempt(models.Model):
    """One submitted attempt at a graded test, scored on the server from stored answers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="toets_attempts"
    )
    toets = models.ForeignKey(
        "courses.ToetsPage", on_delete=models.PROTECT, related_name="attempts"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="toets_attempts"
    )
    number = models.PositiveSmallIntegerField()
    # Submission key from the rendered form, so a double submit stores one attempt.
    submission_key = models.UUIDField(default=uuid.uuid4)
    answers = models.JSONField(default=dict)
    # What was asked, in the order it was shown: [{"id": question id, "options": [option
    # ids]}]. Drawn and shuffled per attempt (courses.scoring.attempt_layout).
    question_order = models.JSONField(default=list, blank=True)
    question_count = models.PositiveSmallIntegerField(default=0)
    correct_count = models.PositiveSmallIntegerField(default=0)
    score_percent = models.PositiveSmallIntegerField(default=0)
    pass_mark_percent = models.PositiveSmallIntegerField(default=0)
    passed = models.BooleanField(default=False)
    revision_id = models.PositiveIntegerField(null=True, blank=True)
    submitted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("toetspoging")
        verbose_name_plural = _("toetspogingen")
        constraints = [
            models.UniqueConstraint(fields=["user", "toets", "number"], name="attempt_number_once"),
            models.UniqueConstraint(fields=["submission_key"], name="attempt_submission_once"),
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self):
        return f"{self.user} – {self.toets} #{self.number}"


class ClassroomSession(models.Model):
    """A meeting of a classroom or blended course."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(_("titel"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    location = models.CharField(_("locatie"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("aantal plaatsen"))
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="sessions_as_trainer",
        verbose_name=_("trainer"),
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title or f"{self.course.title} – {self.starts_at:%d-%m-%Y}"


class SessionRegistration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "aangemeld", _("Aangemeld")
        WAITLISTED = "wachtlijst", _("Op de wachtlijst")
        CANCELLED = "afgemeld", _("Afgemeld")

    class Attendance(models.TextChoices):
        UNKNOWN = "onbekend", _("Nog niet bekend")
        PRESENT = "aanwezig", _("Aanwezig")
        ABSENT = "afwezig", _("Afwezig")

    session = models.ForeignKey(
        ClassroomSession, on_delete=models.PROTECT, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_registrations"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    registered_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(
        max_length=20, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        permissions = [("mark_attendance", _("Kan aanwezigheid registreren"))]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="registration_once")
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"{self.user} – {self.session}"


class Completion(models.Model):
    """A person completed a course (one round). Written once, by one service.

    Keyed by the pseudonymous person key, so imported and platform completions of one person
    count once and an erased account's completion keeps counting. Snapshots of the course and
    of where the person worked keep every report reproducible for any reference date.
    """

    class Source(models.TextChoices):
        PLATFORM = "platform", _("Platform")
        ATTENDANCE = "aanwezigheid", _("Aanwezigheid")
        IMPORT = "import", _("Import")
        XAPI = "xapi", _("Partner (xAPI)")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person_key = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="completions",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="completions",
    )
    course_code = models.SlugField(max_length=80)
    course_title = models.CharField(max_length=255)
    round = models.PositiveSmallIntegerField(default=1)
    completed_at = models.DateTimeField()
    valid_until = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    import_source = models.CharField(max_length=100, blank=True)
    # Where the completion came from, beyond the source: the lesson, toets or session that
    # completed the course, the SCORM package version, the xAPI partner and statement id, or
    # the CSV import batch. See origin_display().
    origin = models.JSONField(_("herkomst"), default=dict, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=500, blank=True)
    # Where the person stood when they completed: region, organisation kind, profession.
    municipality = models.ForeignKey(
        "accounts.Municipality", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation_kind = models.CharField(max_length=20, blank=True)
    profession = models.ForeignKey(
        "accounts.Profession", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    functions = models.ManyToManyField("accounts.Function", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("afronding")
        verbose_name_plural = _("afrondingen")
        constraints = [
            models.UniqueConstraint(
                fields=["person_key", "course_code", "round"], name="completion_once_per_round"
            )
        ]
        indexes = [
            models.Index(fields=["course_code", "completed_at"]),
            models.Index(fields=["person_key"]),
        ]

    def __str__(self):
        return f"{self.course_title} ({self.completed_at:%d-%m-%Y})"

    def origin_display(self) -> str:
        """Where this completion came from, in Dutch, for the admin and the exports."""
        from django.utils.translation import gettext

        origin = self.origin or {}
        kind = origin.get("kind")
        if kind == "pakket":
            return gettext("SCORM-pakket %(package)s versie %(version)s (les %(lesson)s)") % {
                "package": origin.get("package", "?"),
                "version": origin.get("version", "?"),
                "lesson": origin.get("lesson", "?"),
            }
        if kind == "xapi":
            return gettext("xAPI-partner %(partner)s, statement %(statement)s") % {
                "partner": origin.get("partner", "?"),
                "statement": origin.get("statement", "?"),
            }
        if kind == "import":
            return gettext("CSV-import %(batch)s (%(source)s)") % {
                "batch": origin.get("batch", "?"),
                "source": self.import_source,
            }
        if kind == "les":
            return gettext("Platformles %(lesson)s") % {"lesson": origin.get("lesson", "?")}
        if kind == "toets":
            return gettext("Platformtoets %(toets)s") % {"toets": origin.get("toets", "?")}
        if kind == "bijeenkomst":
            return gettext("Bijeenkomst %(session)s") % {"session": origin.get("session", "?")}
        return self.get_source_display()


class LearnerAnswer(models.Model):
    """A learner's own written answer to a reflection question or a case in a lesson.

    One row per person, lesson and block (the StreamField block id, which survives revisions):
    saving again overwrites it. Visible to the learner only, unless the block said at the time
    of saving that answers are shared with the trainer (`shared_with_trainer`, a snapshot, so a
    later change of the block never exposes what was written as private). Part of the
    learner's AVG export and removed with the account.
    """

    class Kind(models.TextChoices):
        REFLECTION = "reflectie", _("Reflectievraag")
        CASE = "casus", _("Casus")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_answers"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.PROTECT, related_name="learner_answers"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="learner_answers"
    )
    block_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    question = models.CharField(max_length=500)
    text = models.TextField(max_length=5000)
    shared_with_trainer = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("antwoord van een cursist")
        verbose_name_plural = _("antwoorden van cursisten")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "block_id"], name="learner_answer_once_per_block"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.lesson} ({self.get_kind_display()})"
