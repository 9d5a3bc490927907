"""Report pages for the programme team and the VNG."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from reporting.models import Target


@login_required
@permission_required("reporting.view_programme_dashboard", raise_exception=True)
def dashboard(request):
    return render(request, "reporting/dashboard.html", {"targets": Target.objects.all()})


@login_required
@permission_required("reporting.view_vng_dashboard", raise_exception=True)
def vng(request):
    return render(request, "reporting/vng.html", {})
