"""Course content as Wagtail pages: catalogue, course, module, lesson and graded test (toets).

Pages hold only what editors write. Nothing about a learner is stored on a page.
"""

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from django.template.loader import get_template
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES
from courses.blocks import LessonStreamBlock


class CataloguePage:
    """A page under the catalogue. Its course's outline (courses.outline) says what the page
    shows the same way to everyone; the catalogue index says when no view restriction can
    apply, so the common page reads none."""

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        from courses.catalogue_index import catalogue_index

        if self.path and catalogue_index().may_skip_restrictions(self.path):
            return PageViewRestriction.objects.none()  # no query; Wagtail may chain on it
        return super().get_view_restrictions()

    @property
    def course_outline(self):
        from courses.outline import outline_of_page

        return outline_of_page(self)

    @property
    def course(self):
        from courses.selectors.progress import course_of_page

        return course_of_page(self)

    def permissions_for_user(self, user):
        # A coordinator may add under the catalogue, which reaches every course; the tester
        # keeps them to their own courses (courses.authoring).
        from courses.authoring import CoursePagePermissionTester

        return CoursePagePermissionTester(user, self)


class CourseIndexPage(CataloguePage, Page):
    """The catalogue (/cursussen/)."""

    intro = RichTextField(_("introductie"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("cursusoverzicht")

    def route(self, request, path_components):
        # Wagtail walks a URL one level at a time, two queries per level; a lesson sits three
        # levels below the catalogue. The catalogue index (kept in the shared cache) names the
        # page and its type for the whole rest of the path, so it is read in one query. What
        # the index does not know goes through Wagtail's own routing (404s, redirects).
        from courses.catalogue_index import catalogue_page_at

        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = catalogue_page_at(url_path, self.path)
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from courses.outline import fragment

        context = super().get_context(request, *args, **kwargs)
        if request.GET:  # filtered: this reader's own list
            context.update(self._listing(request.GET))
            return context

        def listing():
            return get_template("courses/_catalogue.html").render(
                {"page": self, **self._listing(None)}
            )

        # Without filters the form and the list read nothing of the reader: rendered once
        # per catalogue version (functions, professions and courses all move it).
        is_saved = self.pk is not None and not getattr(request, "is_preview", False)
        context["catalogue_html"] = fragment(self, "listing", listing, shared=is_saved)
        return context

    def _listing(self, data) -> dict:
        from courses.catalogue import CatalogueFilterForm, catalogue_courses

        form = CatalogueFilterForm(data, index=self)
        courses = catalogue_courses(index=self, **form.filters())
        return {"filter_form": form, "courses": courses, "course_count": len(courses)}


class CoursePage(CataloguePage, Page):
    class Format(models.TextChoices):
        ELEARNING = "elearning", _("E-learning")
        CLASSROOM = "klassikaal", _("Klassikaal")
        BLENDED = "blended", _("Blended")

    class Level(models.TextChoices):
        BASIS = "basis", _("Basis")
        VERDIEPING = "verdieping", _("Verdieping")
        OPFRIS = "opfris", _("Opfris")

    class EnrolmentMode(models.TextChoices):
        OPEN = "open", _("Open inschrijving")
        INVITATION = "uitnodiging", _("Op uitnodiging")
        APPROVAL = "goedkeuring", _("Na goedkeuring")

    code = models.SlugField(
        _("cursuscode"),
        max_length=80,
        unique=True,
        help_text=_("Vaste code waarmee doelen en imports naar deze cursus verwijzen."),
    )
    summary = models.TextField(_("samenvatting"), max_length=600)
    learning_objectives = RichTextField(
        _("leerdoelen"), features=["ul", "ol", "bold", "italic", "link"]
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afbeelding"),
    )
    audience_functions = ParentalManyToManyField(
        "accounts.Function",
        blank=True,
        related_name="courses",
        verbose_name=_("doelgroep: functies"),
    )
    audience_professions = ParentalManyToManyField(
        "accounts.Profession",
        blank=True,
        related_name="courses",
        verbose_name=_("doelgroep: beroepsgroepen"),
    )
    format = models.CharField(_("vorm"), max_length=20, choices=Format.choices)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    study_time_minutes = models.PositiveIntegerField(
        _("studietijd (minuten)"), validators=[MinValueValidator(1)]
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("geldigheid certificaat (maanden)"),
        null=True,
        blank=True,
        help_text=_("Leeg: het certificaat verloopt niet."),
    )
    requires_all_lessons = models.BooleanField(_("alle lessen afronden"), default=True)
    requires_all_tests = models.BooleanField(_("alle toetsen halen"), default=True)
    requires_session_attendance = models.BooleanField(
        _("aanwezig bij een bijeenkomst"), default=False
    )
    enrolment_mode = models.CharField(
        _("inschrijving"), max_length=20, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN
    )
    refresher_course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="refreshes",
        verbose_name=_("opfriscursus"),
    )
    grants_function = models.ForeignKey(
        "accounts.Function",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kwalificeert voor de rol"),
        help_text=_("Bijvoorbeeld: contactpersoon mensenhandel minderjarigen."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("code"),
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("audience_functions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audience_professions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("format"),
                FieldPanel("level"),
                FieldPanel("study_time_minutes"),
            ],
            heading=_("Doelgroep en vorm"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("requires_all_lessons"),
                FieldPanel("requires_all_tests"),
                FieldPanel("requires_session_attendance"),
            ],
            heading=_("Afrondingsregel"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enrolment_mode"),
                FieldPanel("certificate_validity_months"),
                FieldPanel("refresher_course"),
                FieldPanel("grants_function"),
            ],
            heading=_("Inschrijving en certificaat"),
        ),
        InlinePanel("accreditations", label=_("Accreditaties")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_objectives"),
        index.FilterField("format"),
        index.FilterField("level"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = [
        "courses.ModulePage",
        "courses.LessonPage",
        "courses.ToetsPage",
        "scorm.PackageLessonPage",
    ]
    # A copied course is a new course: it gets its own code (derived from its slug) instead of
    # colliding with the original's unique code.
    exclude_fields_in_copy = ["code"]

    class Meta:
        verbose_name = _("cursus")
        verbose_name_plural = _("cursussen")

    def full_clean(self, *args, **kwargs):
        self._set_code_default()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # Drafts (live=False) are saved with minimal_clean, copies included.
        self._set_code_default()
        super().minimal_clean()

    def _set_code_default(self) -> None:
        if not self.code:
            self.code = self._free_code(self.slug or slugify(self.title))

    def _free_code(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`, ... whichever no other course uses yet."""
        base = base[:70] or "cursus"
        taken = set(
            CoursePage.objects.exclude(pk=self.pk)
            .filter(code__startswith=base)
            .values_list("code", flat=True)
        )
        code, number = base, 2
        while code in taken:
            code, number = f"{base}-{number}", number + 1
        return code

    def outline(self) -> list[dict]:
        """Modules, lessons and tests in tree order, one query per page type.

        Each entry: {"page": specific page, "children": [...]} for modules, {"page": ...} for
        lessons and tests placed directly under the course. Only live pages are listed.
        """
        pages = list(self.get_descendants().live().specific().order_by("path"))
        outline: list[dict] = []
        modules: dict[str, dict] = {}
        for page in pages:
            entry = {"page": page, "children": []}
            if page.depth == self.depth + 1:
                outline.append(entry)
                modules[page.path] = entry
            elif page.path[: -Page.steplen] in modules:
                modules[page.path[: -Page.steplen]]["children"].append(entry)
        return outline

    def upcoming_sessions(self):
        """Classroom sessions of this course that have not started yet."""
        return self.sessions.filter(starts_at__gte=timezone.now()).order_by("starts_at")

    def get_context(self, request, *args, **kwargs):
        from courses.outline import fragment, outline_build
        from courses.selectors.page_states import course_page_state

        context = super().get_context(request, *args, **kwargs)
        is_saved = self.pk is not None and not getattr(request, "is_preview", False)
        # A preview shows the editor's version; everyone else reads the kept outline.
        outline = self.course_outline if is_saved else None
        if outline is None:
            outline = outline_build(self)
        context["outline"] = outline
        context["upcoming_sessions"] = outline.upcoming_sessions()
        context["learning"] = (
            course_page_state(
                request.user,
                self,
                has_sessions=bool(outline.sessions),
                structure=outline.structure,
            )
            if is_saved
            else {}
        )

        def about():
            return get_template("courses/learning/_course_about.html").render(
                {"page": self, "outline": outline, "request": request}
            )

        context["course_about"] = fragment(self, "about", about, shared=is_saved)
        return context


class CourseAccreditation(Orderable):
    """Accreditation of a course by a professional register (via PE-online or directly)."""

    class Register(models.TextChoices):
        SKJ = "skj", _("SKJ (Stichting Kwaliteitsregister Jeugd)")
        REGISTERPLEIN = "registerplein", _("Registerplein")
        VENVN = "kwaliteitsregister-vv", _("Kwaliteitsregister V&V")
        OTHER = "overig", _("Overig register")

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="accreditations")
    register = models.CharField(_("register"), max_length=30, choices=Register.choices)
    accreditation_id = models.CharField(_("accreditatienummer"), max_length=60)
    points = models.DecimalField(
        _("punten"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    valid_until = models.DateField(_("accreditatie geldig tot"), null=True, blank=True)

    panels = [
        FieldPanel("register"),
        FieldPanel("accreditation_id"),
        FieldPanel("points"),
        FieldPanel("valid_until"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("accreditatie")
        verbose_name_plural = _("accreditaties")


class ModulePage(CataloguePage, Page):
    """An optional group of lessons within a course."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.ToetsPage", "scorm.PackageLessonPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        outline = self.course_outline
        entry = outline.entry(self.pk) if outline is not None else None
        context["course"] = outline
        context["items"] = entry.children if entry is not None else ()
        return context


class LessonPage(CataloguePage, Page):
    intro = models.TextField(_("introductie"), blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("inhoud"))
    estimated_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), default=10)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage", "courses.ModulePage"]
    subpage_types = []
    # Whether the learner marks the lesson done; a lesson that decides itself (a SCORM
    # package) says False.
    self_completable = True

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")

    def serve(self, request, *args, **kwargs):
        # Opening a lesson is a fact about the learner, recorded by the learning service (which
        # decides whether the user is enrolled). Previews never reach serve().
        if request.method == "GET" and request.user.is_authenticated:
            from courses.services import lesson_open

            # What the service read is handed to get_context (Page.serve passes kwargs on).
            # The outline is the one get_context reads too: the course comes from the cache.
            kwargs["visit"] = lesson_open(
                user=request.user, lesson=self, outline=self.course_outline
            )
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, visit=None, **kwargs):
        from courses.lesson_body import lesson_body_html
        from courses.selectors.page_states import lesson_page_state

        context = super().get_context(request, *args, **kwargs)
        outline = self.course_outline
        context["course"] = outline
        is_saved = self.pk is not None and not getattr(request, "is_preview", False)
        structure = outline.structure if outline is not None else None
        context["learning"] = (
            lesson_page_state(request.user, self, visit=visit, structure=structure)
            if is_saved
            else {}
        )

        context["lesson_body"] = lesson_body_html(
            self,
            request,
            context["learning"],
            answers=visit.answers if visit is not None else None,
            shared=is_saved,
        )
        return context
