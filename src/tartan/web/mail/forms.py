from __future__ import annotations

from django import forms

from tartan.web.mail.models import WeeklyUpdate


class WeeklyUpdateForm(forms.ModelForm):
    class Meta:
        model = WeeklyUpdate
        fields = ["title", "news", "due"]
        labels = {"title": "Subject", "news": "News", "due": "Due this week"}
        help_texts = {
            "news": "Paragraphs separated by a blank line. Never an unpublished figure: the "
            "update goes outside the group.",
            "due": "One line each. Suggested from the service's calendar; change as you wish.",
        }
