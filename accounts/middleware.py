"""Sends a logged-in person to the profile form until it holds what the reports need."""

from urllib.parse import quote

from django.shortcuts import redirect

# Paths a person must reach before the profile is complete: log-out, the profile itself,
# the admin (staff are not learners), health, static and media files.
EXEMPT_PREFIXES = (
    "/profiel/",
    "/accounts/",
    "/beheer/",
    "/django-beheer/",
    "/gezond/",
    "/static/",
    "/media/",
    "/certificaten/verifieer/",
    "/api/",
    "/tellers/",
)

SESSION_FLAG = "profiel_compleet"


class ProfileCompletionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.method == "GET"
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not self._profile_complete(request)
        ):
            return redirect(f"/profiel/?next={quote(request.get_full_path())}")
        return self.get_response(request)

    @staticmethod
    def _profile_complete(request) -> bool:
        # Remembered in the session once true, so a complete profile costs no query per page.
        if request.session.get(SESSION_FLAG):
            return True
        from accounts.models import Profile

        complete = Profile.objects.filter(user=request.user, completed_at__isnull=False).exists()
        if complete:
            request.session[SESSION_FLAG] = True
        return complete


# Staff pages: the admins, reports, coordinator/trainer tools and certificate management.
STAFF_PREFIXES = (
    "/beheer/",
    "/django-beheer/",
    "/rapportage/",
    "/leren/coordinator/",
    "/leren/trainer/",
    "/certificaten/beheer/",
)
MFA_SETUP_PATH = "/accounts/2fa/totp/activate/"


class StaffMFAMiddleware:
    """Sends anyone who can see other people's data to MFA set-up before any staff page.

    "Can see other people's data" is accounts.mfa.user_sees_others_data: a role group or its
    permissions, staff, a coordinator assignment or a session to train, whatever the groups.

    The check runs on every request, so a role given or removed takes effect at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        user = getattr(request, "user", None)
        if (
            settings.STAFF_MFA_REQUIRED
            and request.path.startswith(STAFF_PREFIXES)
            and user is not None
            and user.is_authenticated
        ):
            from accounts.mfa import user_has_mfa, user_sees_others_data

            if user_sees_others_data(user) and not user_has_mfa(user):
                from django.contrib import messages

                messages.warning(
                    request,
                    "Voor deze pagina is tweestapsverificatie verplicht. Stel die nu in.",
                )
                return redirect(f"{MFA_SETUP_PATH}?next={quote(request.get_full_path())}")
        return self.get_response(request)
