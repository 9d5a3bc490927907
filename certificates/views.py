"""Public verification of certificates."""

from django.shortcuts import render


def verify_form(request):
    return render(request, "certificates/verify_form.html", {})
