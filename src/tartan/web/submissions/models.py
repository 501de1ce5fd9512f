"""The forms that have done their work, by the one-time token each page put in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FormSubmission(models.Model):
    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    path = models.CharField(max_length=500)
    # Where the first submission led, so that a repeat goes to the same place.
    location = models.CharField(max_length=500)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
