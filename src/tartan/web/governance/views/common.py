"""Small pieces every governance view uses: the form page, uploads, dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render as django_render
from django.utils import timezone

from tartan.governance.money import format_pence
from tartan.web.governance.forms import describe
from tartan.web.governance.models import Document


def render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Django's render, with the helpers every governance template uses."""
    return django_render(request, template, {"money": format_pence, **context})


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    title: str,
    *,
    caption: str = "",
    intro: str = "",
    submit: str = "Save",
    back: str = "",
    problem: str = "",
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "governance/form.html",
        {
            "title": title,
            "caption": caption,
            "intro": intro,
            "form": form,
            "fields": describe(form),
            "submit": submit,
            "back": back,
            "problem": problem,
            "multipart": multipart,
        },
    )


def stored(request: HttpRequest, upload: Any) -> Document | None:
    if not upload:
        return None
    return Document.store(upload.name, upload.read(), request.user)


T = TypeVar("T")


def with_upload(request: HttpRequest, upload: Any, action: Callable[[Document | None], T]) -> T:
    """Store the upload and run ``action`` with its document, in one savepoint.

    A refused POST still commits (it shows the form again with the reason), so if the action
    refuses (raises), the savepoint rolls the stored file back with it: a refused signature,
    notice, acceptance, invoice or return keeps no orphan file behind.
    """
    with transaction.atomic():
        return action(stored(request, upload))


def today() -> date:
    return timezone.localdate()
