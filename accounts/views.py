"""The profile page that asks, after the first log-in, what the reports need."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.forms import AccountDeleteForm, ProfileForm
from accounts.privacy import account_erase, person_data_export
from accounts.services import profile_get_or_create, profile_update


@login_required
def profile_edit(request):
    profile = profile_get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile_update(
            user=request.user,
            organisation_name=form.cleaned_data["organisation_name"],
            organisation_kind=form.cleaned_data["organisation_kind"],
            profession=form.cleaned_data["profession"],
            functions=list(form.cleaned_data["functions"]),
            municipality=form.cleaned_data["municipality"],
        )
        messages.success(request, _("Uw profiel is opgeslagen."))
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            next_url = "/mijn/"
        return redirect(next_url)
    return render(request, "accounts/profile_form.html", {"form": form, "profile": profile})


@login_required
def data_export(request):
    """The person's own data as a JSON download."""
    data = person_data_export(user=request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_erase(user=request.user)
        logout(request)
        messages.success(request, _("Uw account en persoonsgegevens zijn verwijderd."))
        return redirect("/")
    return render(request, "accounts/account_delete.html", {"form": form})
