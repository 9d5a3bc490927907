"""The platform's one error convention.

A service refuses what cannot be done by raising its app's domain error, a subclass of
`DomainError` (`CertificateError`, `LearningError`, `ReportingError`, `ScormError`), with a
Dutch message for the person who asked. A domain error is a `ValidationError`, so a form's
`clean()` can pass it on to a field unchanged. The edge (a view, a form, a command) turns it
into what the person sees with `error_message`; nothing below the edge formats messages.
"""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """Something a person asked for that the platform refuses; the messages say why, in Dutch."""


def error_message(error: ValidationError) -> str:
    """The text to show for a refused action: its Dutch message(s), as one sentence run."""
    return " ".join(str(message) for message in error.messages)
