"""The Wagtail edit form of a pakketles: the zip upload that becomes a new package version."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from scorm.unpack import PackageRefused, package_inspect


class PackageLessonForm(WagtailAdminPageForm):
    package_file = forms.FileField(
        label=_("SCORM-pakket (zip)"),
        required=False,
        help_text=_(
            "SCORM 1.2 of SCORM 2004. Elke upload wordt een nieuwe versie; wie al bezig is, "
            "maakt de les af in de versie waarmee hij begon."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("package_file")
        self._inspected = None
        if upload:
            try:
                self._inspected = package_inspect(upload)
            except PackageRefused as refused:
                self.add_error("package_file", refused)
        elif not self.instance.package_id:
            self.add_error("package_file", _("Kies een SCORM-pakket (zip-bestand)."))
        return cleaned

    def save(self, commit=True):
        from scorm.services import package_version_create

        page = super().save(commit=False)
        upload = self.cleaned_data.get("package_file")
        if upload and self._inspected is not None:
            version = package_version_create(
                package=page.package,
                file=upload,
                uploaded_by=self.for_user,
                inspected=self._inspected,
            )
            page.package = version.package
        if commit:
            page.save()
        return page
