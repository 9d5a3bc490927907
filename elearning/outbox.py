"""One mechanism for all background work: an outbox row with the fact, a queue, one sweep.

Every piece of background work (a certificate PDF, each kind of e-mail, an export, an import)
is asked for with `outbox_add` inside the transaction that writes the fact. After the commit
the task is sent to the broker; when that fails (Redis down) nothing is lost: the row stays
pending and `outbox_sweep`, run by beat every minute, sends it again once its
`next_attempt_at` has passed, later and later for work that keeps failing. A task that
succeeds marks its row done (the `task_success` signal, through the task id the outbox gave
it). Tasks are idempotent, so the rare second run (a sweep while the first run was queued, a
redelivery after a killed worker) changes nothing.

Tasks are named by their Celery name, so this module needs no import of the apps above it.
"""

from __future__ import annotations

import logging
import uuid
from contextlib import contextmanager
from datetime import timedelta

from celery import current_app
from celery.signals import task_success
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from elearning.models import OutboxEntry

logger = logging.getLogger(__name__)

TASK_ID_PREFIX = "outbox-"


def _retry_delay(attempts: int) -> timedelta:
    base = settings.OUTBOX_RETRY_AFTER_SECONDS
    return timedelta(seconds=base * 2 ** min(max(attempts - 1, 0), 5))


@contextmanager
def _bookkeeping():
    """Write the outbox's own bookkeeping (an attempt counted, a row marked done) without
    waiting for the disk: PostgreSQL's asynchronous commit, for this transaction only.

    Each was a commit of its own, waiting for the WAL to be flushed (about 2 ms on the bench
    machine), three per certificate. A crash of PostgreSQL may forget such a write from
    its last moments, never half of one: the row then looks pending or less tried than it
    was, and the sweep sends its task again, which is idempotent. The work itself (the row
    written with its fact, the sent marker of an e-mail) is still committed durably. Inside
    a caller's transaction the setting would reach the caller's commit, so there it is left.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def _task(name: str):
    """The task called `name`. Tasks are named after their module, which a web process may
    not have imported yet (only a worker imports every app's tasks at start)."""
    try:
        return current_app.tasks[name]
    except KeyError:
        return import_string(name)


def outbox_add(
    *, key: str, task: str, args: list | None = None, new_fact: bool = False
) -> OutboxEntry:
    """Ask for background work in the current transaction; it is queued after the commit.

    Idempotent per `key` (one event, one row): asking again returns the existing row and
    queues nothing new once it is done. `task` is the Celery task name, `args` its arguments
    (ids, never personal data). `new_fact` says the key names a row this transaction just
    wrote, so nobody can have asked before: the row is inserted without a savepoint to come
    back to, and an existing key fails the caller's transaction.
    """
    # Written first and read only when the key exists: asking for work is nearly always a new
    # event (a certificate just issued), and the unique key turns the rare repeat or
    # concurrent caller into the read, one insert instead of a read, an insert and a nested
    # savepoint on the path of the request that issued it.
    now = timezone.now()
    try:
        with transaction.atomic(savepoint=not new_fact):
            # Written as the send after the commit leaves it when the broker takes the task
            # (one attempt made, the next one a delay away), so that send writes nothing
            # more on the learner's request; a refused send clears enqueued_at. A process
            # that dies between the commit and the send leaves a row that says sent and is
            # not done: the sweep sends it again once its next attempt is due, as it does
            # for a task the broker lost.
            entry = OutboxEntry.objects.create(
                key=key,
                task=task,
                args=list(args or []),
                attempts=1,
                enqueued_at=now,
                next_attempt_at=now + _retry_delay(1),
            )
        created = True
    except IntegrityError:  # asked before, or by a concurrent caller
        if new_fact:
            raise
        entry, created = OutboxEntry.objects.get(key=key), False
    if created:
        # Nobody else sees this row before the commit, so after it the row is as written here.
        # It is sent without being read again.
        transaction.on_commit(lambda: _send(entry, written_as_sent=True), robust=True)
    elif entry.done_at is None:
        entry_id = entry.pk
        transaction.on_commit(lambda: outbox_enqueue(entry_id=entry_id), robust=True)
    return entry


def outbox_enqueue(*, entry_id: int) -> bool:
    """Send one pending entry's task to the broker. Returns False when the broker refused.

    Never raises for a broker that is down: the request that asked for the work must not
    fail, and the sweep sends it again.
    """
    entry = OutboxEntry.objects.filter(pk=entry_id, done_at__isnull=True).first()
    if entry is None:
        return False
    return _send(entry)


def _send(entry: OutboxEntry, *, written_as_sent: bool = False) -> bool:
    """Send the task of `entry` (pending, as last read) and count the attempt: one UPDATE,
    none for a row `written_as_sent` (outbox_add counted this attempt when it wrote the row)
    that the broker took.

    Otherwise the attempt is counted after sending, so the row is written once whether the
    broker took the task or refused it; either way the next attempt moves further out. A task
    that already ran (eager mode runs it inside apply_async; a fast worker may finish first)
    has marked the row done, which this UPDATE leaves alone. A process that dies between the
    send and the UPDATE leaves the row as it was: the sweep sends it again, and the task is
    idempotent.
    """
    now = timezone.now()
    if entry.attempts >= 10:
        # Still not done after hours of attempts: a task that keeps failing, not an outage.
        logger.error("Outbox %s na %d pogingen nog niet gedaan.", entry.key, entry.attempts)
    counted = {
        "attempts": F("attempts") + 1,
        "next_attempt_at": now + _retry_delay(entry.attempts + 1),
    }
    try:
        _task(entry.task).apply_async(
            args=entry.args, task_id=f"{TASK_ID_PREFIX}{entry.pk}-{uuid.uuid4().hex[:12]}",
            retry=False,
        )  # fmt: skip
    except Exception as exc:  # broker down or refusing: the sweep tries again
        logger.warning("Outbox %s niet in de wachtrij gezet: %s", entry.key, exc)
        refused = {"enqueued_at": None} if written_as_sent else counted
        with _bookkeeping():
            OutboxEntry.objects.filter(pk=entry.pk).update(**refused)
        return False
    if not written_as_sent:
        with _bookkeeping():
            OutboxEntry.objects.filter(pk=entry.pk).update(**counted, enqueued_at=now)
    return True


def outbox_sweep(*, limit: int = 500) -> int:
    """Queue again every pending entry whose next attempt is due. Safe to repeat.

    Returns how many were sent to the broker. A broker that is still down makes each send
    fail fast; the entries stay pending for the next run.
    """
    due = list(
        OutboxEntry.objects.filter(done_at__isnull=True, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for entry_id in due:
        if outbox_enqueue(entry_id=entry_id):
            sent += 1
    return sent


def outbox_done(*, task_id: str) -> None:
    """Mark the entry behind an outbox task id done (called when the task succeeded)."""
    if not task_id or not task_id.startswith(TASK_ID_PREFIX):
        return
    entry_id = task_id[len(TASK_ID_PREFIX) :].split("-", 1)[0]
    if entry_id.isdigit():
        with _bookkeeping():
            OutboxEntry.objects.filter(pk=int(entry_id), done_at__isnull=True).update(
                done_at=timezone.now()
            )


def _on_task_success(sender=None, **_kwargs) -> None:
    request = getattr(sender, "request", None)
    outbox_done(task_id=getattr(request, "id", "") or "")


def outbox_signals_connect() -> None:
    task_success.connect(_on_task_success, dispatch_uid="elearning-outbox-done", weak=False)


def outbox_pending():
    return OutboxEntry.objects.filter(done_at__isnull=True)
