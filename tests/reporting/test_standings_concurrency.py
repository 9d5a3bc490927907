"""Settling the standings while learners complete courses, on PostgreSQL with real commits.

A learner's transaction notes their person as due (StandingDue); a report settles what is
due. A note that is not yet committed when a settle runs must stay due, and be counted by
the next report: no completion is ever lost between the two.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connections, transaction

from reporting import standings
from reporting.counters import Scope, target_report, trained_count
from reporting.models import StandingDue
from reporting.standings import standings_settle
from tests.reporting.conftest import completed, number_target

# Real commits: each thread is its own connection.
pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("committed_db")]


def test_a_completion_committed_while_a_settle_runs_stays_due_and_counts_next(today, monkeypatch):
    target = number_target(period_start=today - timedelta(days=30), deadline=today)
    completed("eerder@example.org", today)
    noted, go, committed = threading.Event(), threading.Event(), threading.Event()
    failures = []

    def learner():
        try:
            with transaction.atomic():
                completed("tijdens@example.org", today)
                noted.set()
                go.wait(timeout=10)
            committed.set()
        except Exception as error:  # noqa: BLE001 - reported through the assertion below
            failures.append(error)
        finally:
            connections.close_all()

    # The learner commits after the settle took what was due and before it refreshes: the
    # moment a settle that read first and cleared everything afterwards would lose a note.
    refresh = standings.standings_refresh

    def refresh_while_the_learner_commits(**kwargs):
        go.set()
        assert committed.wait(timeout=10)
        return refresh(**kwargs)

    monkeypatch.setattr(standings, "standings_refresh", refresh_while_the_learner_commits)
    thread = threading.Thread(target=learner)
    thread.start()
    assert noted.wait(timeout=10)
    assert standings_settle() == 1  # the completion committed before it
    thread.join(timeout=30)
    assert not failures, failures
    monkeypatch.undo()
    assert StandingDue.objects.count() == 1  # the other one's note survived the settle
    assert target_report(target).count == 2 == trained_count(target, Scope.today())
    assert not StandingDue.objects.exists()
