"""Scheduled pull of statements from partners' own LRSs (optional per partner)."""

from celery import shared_task

from elearning.tasks import RETRIED_UNTIL_DONE
from xapi.models import Partner


# A partner's LRS that is down makes the task fail and retry with the platform's policy; a
# pull starts again from the partner's watermark, so a second run reads nothing twice.
@shared_task(**RETRIED_UNTIL_DONE)
def partners_pull_task():
    from xapi.services import partner_pull

    for partner in Partner.objects.filter(active=True, pull_enabled=True).exclude(lrs_endpoint=""):
        partner_pull(partner=partner)
