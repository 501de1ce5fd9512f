"""Peer reviews (list, record, one review with its follow-up) and an LA's evidence pack, as a
page and as a tagged PDF, both marked for the reader."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from markupsafe import Markup

from tartan.governance.documents import document_css
from tartan.governance.minutes import evidence_fragment, evidence_pdf
from tartan.reference.groups import shipped_groups
from tartan.web.accounts.models import Organisation
from tartan.web.accounts.roles import OrganisationKind
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.downloads import attachment
from tartan.web.evidence import pack as evidence
from tartan.web.evidence import policies
from tartan.web.evidence.forms import FollowUpForm, FollowUpStatusForm, PeerReviewForm
from tartan.web.evidence.models import FollowUp, PeerReview
from tartan.web.governance.forms import describe
from tartan.web.governance.models import Document
from tartan.web.governance.views.common import form_page, stored
from tartan.web.markings import marking_of
from tartan.web.permissions import is_allowed, requires


def load_review(request: HttpRequest, review_id: int, **_: object) -> PeerReview:
    return get_object_or_404(PeerReview, pk=review_id)


def load_follow_up(request: HttpRequest, follow_up_id: int, **_: object) -> FollowUp:
    return get_object_or_404(FollowUp.objects.select_related("review"), pk=follow_up_id)


def load_la(request: HttpRequest, la_code: str, **_: object) -> Organisation:
    return get_object_or_404(Organisation, la_code=la_code, kind=OrganisationKind.LOCAL_AUTHORITY)


def _names() -> dict[str, str]:
    return dict(
        Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).values_list(
            "la_code", "name"
        )
    )


def _marking(request: HttpRequest, organisation: Organisation):  # type: ignore[no-untyped-def]
    # Peer review reports and the pack are internal and limited use under the group's protocol;
    # the pack lists the group's rounds, so it says SYNTHETIC when they are (the demo).
    from tartan.web.collection.models import CollectionRound

    group = organisation.group_key or shipped_groups().default_key
    synthetic = CollectionRound.objects.filter(group_key=group, synthetic=True).exists()
    return marking_of(request.user, group, synthetic=synthetic)


@requires("view_peer_reviews")
def review_list(request: HttpRequest) -> HttpResponse:
    names = _names()
    groups = dict(
        Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).values_list(
            "la_code", "group_key"
        )
    )
    reviews = [
        r
        for r in PeerReview.objects.all()
        if policies.sees_la(request.user, r.la_code, groups.get(r.la_code, ""))
    ]
    packs = sorted(
        (
            (code, names.get(code, code))
            for code, key in groups.items()
            if code and policies.sees_la(request.user, code, key)
        ),
        key=lambda pair: pair[1],
    )
    return render(
        request,
        "evidence/reviews.html",
        {
            "title": "Peer reviews and evidence for Ofsted",
            "reviews": [(r, names.get(r.la_code, r.la_code)) for r in reviews],
            "packs": packs,
            "manage": is_allowed(request.user, "manage_peer_reviews"),
        },
    )


@requires("manage_peer_reviews")
def review_new(request: HttpRequest) -> HttpResponse:
    organisation = request.user.organisation  # type: ignore[union-attr]
    serving = organisation.group_key if organisation else ""
    form = PeerReviewForm(request.POST or None, request.FILES or None, group_key=serving)
    if request.method == "POST" and form.is_valid():
        review = form.save(commit=False)
        review.report_document = stored(request, form.cleaned_data.get("report_file"))
        review.recorded_by = request.user
        review.save()
        record(request, Action.GOVERNANCE, obj=review, summary=f"peer review {review}")
        return redirect("evidence:review", review_id=review.pk)
    return form_page(
        request,
        form,
        "Record a peer review",
        caption="Peer reviews",
        submit="Record the review",
        back="evidence:reviews",
        multipart=True,
    )


@requires("view_peer_review", load=load_review)
def review_detail(request: HttpRequest, review_id: int, obj: PeerReview) -> HttpResponse:
    organisation = Organisation.objects.filter(la_code=obj.la_code).first()
    manage = is_allowed(request.user, "manage_peer_reviews", obj)
    return render(
        request,
        "evidence/review.html",
        {
            "title": str(obj),
            "review": obj,
            "la_name": organisation.name if organisation else obj.la_code,
            "follow_ups": obj.follow_ups.all(),
            "manage": manage,
            "follow_up_form": describe(FollowUpForm()) if manage else [],
            "marking": _marking(request, organisation) if organisation else None,
        },
    )


@requires("view_peer_review", load=load_review)
def review_document(request: HttpRequest, review_id: int, obj: PeerReview) -> HttpResponse:
    if obj.report_document_id is None:
        return redirect("evidence:review", review_id=obj.pk)
    document = Document.objects.get(pk=obj.report_document_id)
    record(request, Action.DOWNLOAD, obj=obj, la_codes=[obj.la_code], summary=f"report of {obj}")
    return attachment(bytes(document.content), document.name)


@requires("manage_peer_reviews", load=load_review)
def follow_up_new(request: HttpRequest, review_id: int, obj: PeerReview) -> HttpResponse:
    form = FollowUpForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            made = FollowUp.objects.create(review=obj, **form.cleaned_data)
            record(request, Action.GOVERNANCE, obj=made, summary=f"follow-up of {obj}")
        else:
            messages.error(request, "Give the action, its owner and its due date")
    return redirect("evidence:review", review_id=obj.pk)


@requires("manage_peer_reviews", load=load_follow_up)
def follow_up_status(request: HttpRequest, follow_up_id: int, obj: FollowUp) -> HttpResponse:
    form = FollowUpStatusForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            obj.status = form.cleaned_data["status"]
            obj.save(update_fields=["status"])
            record(request, Action.GOVERNANCE, obj=obj, summary=f"follow-up {obj.pk}: {obj.status}")
        else:
            messages.error(request, "Choose the follow-up's status: open, done or dropped")
    return redirect("evidence:review", review_id=obj.review_id)


@requires("view_evidence_pack", load=load_la)
def evidence_pack(request: HttpRequest, la_code: str, obj: Organisation) -> HttpResponse:
    marking = _marking(request, obj)
    gathered = evidence.gather(obj, timezone.localdate(), [])
    record(request, Action.VIEW, obj=obj, la_codes=[obj.la_code], summary="evidence pack")
    return render(
        request,
        "evidence/pack.html",
        {
            "title": f"Evidence for Ofsted: {obj.name}",
            "organisation": obj,
            "body": evidence_fragment(gathered),
            "css": Markup(document_css()),
            "marking": marking,
        },
    )


@requires("view_evidence_pack", load=load_la)
def evidence_pack_pdf(request: HttpRequest, la_code: str, obj: Organisation) -> HttpResponse:
    marking = _marking(request, obj)
    gathered = evidence.gather(obj, timezone.localdate(), marking.lines)
    record(request, Action.DOWNLOAD, obj=obj, la_codes=[obj.la_code], summary="evidence pack PDF")
    return attachment(evidence_pdf(gathered), f"evidence_pack_{obj.la_code}.pdf")
