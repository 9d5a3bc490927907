"""Forms of the learning views: invitations, CSV import, learner filters, attendance."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Region, User
from courses.learner_list import PlainSelect
from courses.learner_status import LearnerStatus
from courses.models import ClassroomSession, Enrolment, SessionRegistration
from courses.services import emails_parse

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _read_text(upload) -> str:
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Het bestand is groter dan 2 MB."))
    raw = upload.read()
    if b"\x00" in raw:  # a binary file (an image, a spreadsheet) is no list of addresses
        raise ValidationError(_("Het bestand kon niet worden gelezen. Sla het op als CSV (UTF-8)."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("Het bestand kon niet worden gelezen. Sla het op als CSV (UTF-8)."))


class InvitationForm(forms.Form):
    addresses = forms.CharField(
        label=_("E-mailadressen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Eén adres per regel, of gescheiden door komma's of puntkomma's."),
    )
    file = forms.FileField(
        label=_("Of: upload een bestand met adressen (CSV of tekst)"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("addresses") or ""
        upload = cleaned.get("file")
        if upload:
            text += "\n" + _read_text(upload)
        if not text.strip():
            raise ValidationError(_("Vul ten minste één e-mailadres in of kies een bestand."))
        cleaned["text"] = text
        return cleaned

    def emails(self) -> list[str]:
        return [e for e in emails_parse(self.cleaned_data["text"]) if e.lower() != "email"]


class EnrolmentImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("Eén e-mailadres per regel in de eerste kolom; een kopregel mag."),
    )
    import_valid_lines = forms.BooleanField(
        label=_("Alleen de geldige regels importeren als er fouten in het bestand staan"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self._content = _read_text(upload)
        return upload

    def content(self) -> str:
        return self._content


class LearnerFilterForm(forms.Form):
    """Filters and sort order of a course's learner list; the export uses the same form.

    Organisations and sessions on offer are those of this course (its learners' organisations,
    its sessions), so the lists stay short and never reveal other courses.
    """

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle"))] + list(LearnerStatus.LABELS.items()),
    )
    regio = forms.ModelChoiceField(
        label=_("Regio"),
        required=False,
        queryset=Region.objects.none(),
        empty_label=_("Alle"),
        widget=PlainSelect,
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Alle"),
        widget=PlainSelect,
    )
    bijeenkomst = forms.ModelChoiceField(
        label=_("Bijeenkomst"),
        required=False,
        queryset=ClassroomSession.objects.none(),
        empty_label=_("Alle"),
        widget=PlainSelect,
    )
    q = forms.CharField(label=_("Zoek op naam of e-mail"), required=False, max_length=100)
    sorteer = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=[
            ("naam", _("Naam (A–Z)")),
            ("-naam", _("Naam (Z–A)")),
            ("email", _("E-mailadres (A–Z)")),
            ("-email", _("E-mailadres (Z–A)")),
            ("status", _("Status (niet gestart eerst)")),
            ("-status", _("Status (afgerond eerst)")),
            ("-voortgang", _("Voortgang (hoogste eerst)")),
            ("voortgang", _("Voortgang (laagste eerst)")),
            ("-ingeschreven", _("Ingeschreven (nieuwste eerst)")),
            ("ingeschreven", _("Ingeschreven (oudste eerst)")),
            ("-begonnen", _("Begonnen (nieuwste eerst)")),
            ("begonnen", _("Begonnen (oudste eerst)")),
            ("-afgerond", _("Afgerond (nieuwste eerst)")),
            ("afgerond", _("Afgerond (oudste eerst)")),
        ],
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regio"].queryset = Region.objects.select_related("kind")
        self.fields["regio"].label_from_instance = lambda r: f"{r.name} ({r.kind.name})"
        self.fields["organisatie"].queryset = Organisation.objects.filter(
            pk__in=Enrolment.objects.filter(course=course, status=Enrolment.Status.ACTIVE).values(
                "user__profile__organisation"
            )
        ).order_by("name")
        self.fields["bijeenkomst"].queryset = ClassroomSession.objects.filter(
            course=course
        ).order_by("starts_at")
        self.fields["bijeenkomst"].label_from_instance = lambda s: (
            f"{s.title} ({formats.date_format(timezone.localtime(s.starts_at), 'j F Y')})"
        )

    def filters(self) -> dict:
        """The valid filters; a refused one (shown with its error) filters nothing."""
        if not self.is_bound:
            return {"sort": "naam"}
        self.is_valid()
        data = self.cleaned_data
        return {
            "status": data.get("status") or "",
            "query": (data.get("q") or "").strip(),
            "region": data.get("regio"),
            "organisation": data.get("organisatie"),
            "session": data.get("bijeenkomst"),
            "sort": data.get("sorteer") or "naam",
        }


class AttendanceForm(forms.Form):
    """One present/absent choice per seated registration of a session."""

    CHOICES = [
        (SessionRegistration.Attendance.PRESENT, _("Aanwezig")),
        (SessionRegistration.Attendance.ABSENT, _("Afwezig")),
    ]

    def __init__(self, *args, registrations, corrections_allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            initial = registration.attendance
            if initial == SessionRegistration.Attendance.UNKNOWN:
                initial = None
            self.fields[f"r{registration.pk}"] = forms.ChoiceField(
                label=str(registration.user),
                choices=self.CHOICES,
                widget=forms.RadioSelect,
                initial=initial,
                required=False,
                # After the correction period a recorded mark is shown, not offered for change.
                disabled=initial is not None and not corrections_allowed,
            )

    def rows(self):
        return [(r, self[f"r{r.pk}"]) for r in self.registrations]

    def attendance(self) -> dict[int, str]:
        return {
            r.pk: self.cleaned_data[f"r{r.pk}"]
            for r in self.registrations
            if self.cleaned_data.get(f"r{r.pk}")
        }


class SessionForm(forms.ModelForm):
    """A coordinator plans a session of their own course; the trainer must have the role."""

    online_url = forms.URLField(
        label=_("online link"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = ClassroomSession
        fields = ["title", "starts_at", "ends_at", "location", "online_url", "capacity", "trainer"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = (
            User.objects.filter(
                Q(groups__permissions__codename="mark_attendance") | Q(is_superuser=True)
            )
            .distinct()
            .order_by("last_name", "email")
        )
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Het einde moet na het begin liggen."))
        if not cleaned.get("location") and not cleaned.get("online_url"):
            raise ValidationError(_("Geef een locatie of een online link op."))
        if cleaned.get("capacity") is not None and cleaned["capacity"] < 1:
            self.add_error("capacity", _("Er is ten minste één plaats nodig."))
        return cleaned
