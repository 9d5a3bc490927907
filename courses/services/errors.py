"""The one error type of the learning services."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class LearningError(ValidationError):
    """An enrolment, progress, attempt or session action that is not possible."""
