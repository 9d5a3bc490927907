"""Learner views."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from courses.models import Enrolment


@login_required
def my_learning(request):
    enrolments = (
        Enrolment.objects.filter(user=request.user, status=Enrolment.Status.ACTIVE)
        .select_related("course")
        .order_by("-enrolled_at")
    )
    return render(request, "courses/my_learning.html", {"enrolments": enrolments})
