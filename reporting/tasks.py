"""Background work of the reports: daily counter snapshots, the monthly report, exports, imports."""

from datetime import date

from celery import shared_task

from elearning.tasks import RETRIED_UNTIL_DONE
from reporting import monthly, snapshots, standings
from reporting.exports import export_build_task  # noqa: F401
from reporting.holders import holders_refresh_task  # noqa: F401


@shared_task(**RETRIED_UNTIL_DONE)
def counter_snapshot_take_task(day: str | None = None) -> int:
    """Snapshot every counter for `day` (ISO date; default yesterday), filling recent gaps."""
    return snapshots.counter_snapshots_take(date.fromisoformat(day) if day else None)


@shared_task(**RETRIED_UNTIL_DONE)
def standings_sweep_task() -> int:
    """Check every target's standings against the completions and repair what differs."""
    from reporting.consistency import standings_check

    return sum(1 for check in standings_check(repair=True) if check.differences)


@shared_task(**RETRIED_UNTIL_DONE)
def standings_settle_task() -> int:
    """Settle the standings of the people whose completions changed since the last settle, so
    the next report finds nothing due (reporting.standings.standings_settle)."""
    return standings.standings_settle()


@shared_task(**RETRIED_UNTIL_DONE)
def monthly_report_send_task(month: str | None = None) -> int:
    """Mail the programme team the report of `month` (ISO date; default the month last ended)."""
    return monthly.monthly_report_send(month=date.fromisoformat(month) if month else None)


from reporting.imports import import_batch_run_task  # noqa: F401, E402
