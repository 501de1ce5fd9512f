"""The home page: what each person can do, by role."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tartan.web.collection.models import CollectionRound
from tartan.web.permissions import requires


@requires("signed_in")
def home(request: HttpRequest) -> HttpResponse:
    latest_released = next((r for r in CollectionRound.objects.all() if r.is_released), None)
    return render(request, "home.html", {"title": "Home", "latest_released": latest_released})
