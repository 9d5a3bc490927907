"""Sending an e-mail at most once per event, whatever redelivers the task that sends it."""

from collections.abc import Callable

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

from elearning.models import SentEmail


def email_send_once(*, key: str, build: Callable[[], EmailMessage | None]) -> bool:
    """Send the message `build` returns, unless the e-mail of event `key` was sent. Idempotent.

    The sent marker is inserted and the message sent in one transaction: a second delivery
    of the same task (redelivered, swept, run twice at once) waits on the marker's unique key
    and then sends nothing; a send that fails rolls the marker back so a retry sends it.
    `build` may return None when there is nothing to send any more (the fact was undone, the
    person erased); nothing is marked then. Returns whether a message went out. Keys hold ids,
    never addresses.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentEmail.objects.create(key=key)
        except IntegrityError:
            return False
        message = build()
        if message is None:
            transaction.set_rollback(True)
            return False
        message.send(fail_silently=False)
    return True
