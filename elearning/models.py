"""The outbox: background work asked for, committed with the fact that asked for it.

One row per event (its `key`, e.g. "certificaat-pdf:42"). The row is written in the same
transaction as the fact, so work is never asked for without the fact nor the other way round;
after the commit the task is queued, and a periodic sweep queues again every row that is not
done yet (a broker outage, a worker killed mid-task). The task is idempotent, so a second run
finds its work done. Rows hold ids, never personal data.

`SentEmail` is the sent marker of an e-mail without a marker of its own: one row per e-mail
event, written in the transaction that sends it, so a redelivered task never mails twice.
"""

from django.db import models
from django.utils import timezone


class OutboxEntry(models.Model):
    key = models.CharField(max_length=200, unique=True)
    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When the sweep should queue it (again) if it is not done by then.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "taak in de outbox"
        verbose_name_plural = "outbox"
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(done_at__isnull=True),
                name="outbox_pending",
            )
        ]

    def __str__(self):
        return self.key


class SentEmail(models.Model):
    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "verstuurde e-mail"
        verbose_name_plural = "verstuurde e-mails"

    def __str__(self):
        return self.key
