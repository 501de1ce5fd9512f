"""The contact directory: consent withheld or given back, at once."""

from __future__ import annotations

from django.utils import timezone

from tartan.web.governance.models import Participant


def set_consent(participant: Participant, withhold: bool) -> bool:
    """Returns whether anything changed. Takes effect on the next page load: the public page
    reads the database every time and nothing caches it."""
    if participant.consent_withheld == withhold:
        return False
    participant.consent_withheld = withhold
    participant.consent_changed_at = timezone.now()
    participant.save()
    return True
