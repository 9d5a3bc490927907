"""Scheduled pull of statements from partners' own LRSs (optional per partner)."""

from celery import shared_task

from xapi.models import Partner


@shared_task(bind=True, max_retries=3, default_retry_delay=300)
def partners_pull_task(self):
    from xapi.services import partner_pull

    for partner in Partner.objects.filter(active=True, pull_enabled=True).exclude(lrs_endpoint=""):
        try:
            partner_pull(partner=partner)
        except OSError as error:  # the partner's LRS is down: try again later, from the watermark
            raise self.retry(exc=error) from error
