"""The one error type of the learning services (the platform's convention: elearning/errors.py)."""

from __future__ import annotations

from elearning.errors import DomainError


class LearningError(DomainError):
    """An enrolment, progress, attempt or session action that is not possible."""
