"""Memoranda: list, create, parties, signatures, variations, reviews, termination, history."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tartan.governance.signing import SignatoryRole
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.governance import policies, tenancy
from tartan.web.governance.forms import (
    AsAtForm,
    MemorandumForm,
    PartiesForm,
    ReviewForm,
    SignatureForm,
    TerminationForm,
    VariationForm,
)
from tartan.web.governance.models import (
    Memorandum,
    NotSignedByAll,
    Variation,
    VariationKind,
)
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import memoranda as service
from tartan.web.governance.views import loaders
from tartan.web.governance.views.common import form_page, render, stored, today, with_upload
from tartan.web.permissions import requires


def _visible(request: HttpRequest) -> list[Memorandum]:
    everything = Memorandum.objects.prefetch_related("parties__organisation")
    if policies.is_programme(request.user):
        return list(tenancy.mine(everything, request.user))
    return [m for m in everything if policies.own_party(request.user, m) is not None]


@requires("view_memoranda")
def memorandum_list(request: HttpRequest) -> HttpResponse:
    day = today()
    rows = [(m, m.state_on(day)) for m in _visible(request)]
    return render(request, "governance/memoranda.html", {"title": "Memoranda", "rows": rows})


@requires("manage_memoranda")
def memorandum_new(request: HttpRequest) -> HttpResponse:
    form = MemorandumForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        memo = form.save(commit=False)
        memo.created_by = request.user
        memo.group_key = tenancy.new_group(request.user)
        memo.document = stored(request, form.cleaned_data["document_file"])
        memo.save()
        record(request, Action.GOVERNANCE, obj=memo, summary=f"memorandum created: {memo}")
        messages.success(request, "The memorandum is recorded. Add its parties next.")
        return redirect("governance:memorandum-parties", memorandum_id=memo.pk)
    return form_page(
        request,
        form,
        "Record a memorandum",
        caption="Memoranda",
        submit="Record the memorandum",
        back="governance:memoranda",
        multipart=True,
    )


def _signature_table(memo: Memorandum, variation: Variation | None, user: object) -> dict:
    signatures = list(
        memo.signatures.filter(variation=variation).select_related("party__organisation")
    )
    missing = memo.missing(variation)
    if not policies.runs(user, memo):
        mine = policies.own_party(user, memo)
        signatures = [s for s in signatures if s.party_id == mine.pk]
        missing = [m for m in missing if m.party.key == str(mine.pk)]
    return {"variation": variation, "signatures": signatures, "missing": missing}


@requires("view_memorandum", load=loaders.memorandum)
def memorandum_detail(request: HttpRequest, memorandum_id: int, obj: Memorandum) -> HttpResponse:
    day = today()
    context = {
        "title": obj.title,
        "memo": obj,
        "state": obj.state_on(day),
        "parties": obj.parties.select_related("organisation"),
        "own": _signature_table(obj, None, request.user),
        "variations": [_signature_table(obj, v, request.user) for v in obj.variations.all()],
        "slots": obj.review_slots(day),
        "reviews": obj.reviews.all(),
        "termination": obj.termination_or_none,
        "manager": policies.runs(request.user, obj),
        "la_roles": [r.label for r in obj.la_roles],
    }
    return render(request, "governance/memorandum.html", context)


@requires("manage_memoranda", load=loaders.memorandum)
def memorandum_parties(request: HttpRequest, memorandum_id: int, obj: Memorandum) -> HttpResponse:
    form = PartiesForm(obj, request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            made = service.add_parties(obj, list(form.cleaned_data["organisations"]))
        except GovernanceError as error:
            problem = str(error)
        else:
            record(
                request,
                Action.GOVERNANCE,
                obj=obj,
                la_codes=[p.organisation.la_code for p in made if p.organisation.la_code],
                summary=f"parties added: {', '.join(str(p) for p in made)}"[:500],
            )
            messages.success(request, f"{len(made)} parties added.")
            return redirect("governance:memorandum", memorandum_id=obj.pk)
    return form_page(
        request,
        form,
        f"Parties to {obj.title}",
        caption=f"Version {obj.version}",
        submit="Add the parties",
        problem=problem,
        intro="Parties join before anyone signs; after that, a new party joins by a variation.",
    )


@requires("manage_memoranda", load=loaders.memorandum)
def signature_new(request: HttpRequest, memorandum_id: int, obj: Memorandum) -> HttpResponse:
    variation = obj.variations.filter(pk=request.GET.get("variation") or 0).first()
    form = SignatureForm(obj, request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signature = with_upload(
                request,
                data["evidence_file"],
                lambda evidence: service.record_signature(
                    obj,
                    variation,
                    data["party"],
                    SignatoryRole(data["role"]),
                    data["signatory_name"],
                    data["signed_on"],
                    data["evidence_note"],
                    evidence,
                    request.user,
                ),
            )
        except (GovernanceError, NotSignedByAll) as error:
            problem = str(error)
        else:
            what = str(variation) if variation else "the memorandum"
            record(
                request,
                Action.GOVERNANCE,
                obj=signature,
                la_codes=[c for c in [signature.party.organisation.la_code] if c],
                summary=f"signature of {what}: {signature.party} as {signature.role_label}",
            )
            messages.success(request, f"{signature.signatory_name}'s signature is recorded.")
            return redirect("governance:memorandum", memorandum_id=obj.pk)
    missing = obj.missing(variation)
    intro = "Still to sign: " + "; ".join(m.text for m in missing) if missing else ""
    return form_page(
        request,
        form,
        f"Record a signature of {variation or 'the memorandum'}",
        caption=str(obj),
        intro=intro,
        submit="Record the signature",
        problem=problem,
        multipart=True,
    )


@requires("manage_memoranda", load=loaders.memorandum)
def variation_new(request: HttpRequest, memorandum_id: int, obj: Memorandum) -> HttpResponse:
    form = VariationForm(request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            variation = with_upload(
                request,
                data["document_file"],
                lambda document: service.propose_variation(
                    obj,
                    VariationKind(data["kind"]),
                    data["summary"],
                    data["new_ends_on"],
                    data["proposed_on"],
                    document,
                    request.user,
                ),
            )
        except GovernanceError as error:
            problem = str(error)
        else:
            record(
                request,
                Action.GOVERNANCE,
                obj=variation,
                la_codes=obj.la_codes,
                summary=f"{variation} proposed for {obj}",
            )
            messages.success(
                request, f"{variation} is recorded. It takes effect when every party signs it."
            )
            return redirect("governance:memorandum", memorandum_id=obj.pk)
    return form_page(
        request,
        form,
        "Propose an extension or variation",
        caption=str(obj),
        intro="It takes effect only when every party has signed it in writing.",
        submit="Record the proposal",
        problem=problem,
        multipart=True,
    )


@requires("manage_memoranda", load=loaders.memorandum)
def review_new(request: HttpRequest, memorandum_id: int, obj: Memorandum) -> HttpResponse:
    open_slots = [s.due_on for s in obj.review_slots(today()) if s.state != "held"]
    form = ReviewForm(open_slots, request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = service.record_review(
                obj,
                date.fromisoformat(data["due_on"]),
                data["held_on"],
                data["outcome"],
                request.user,
            )
        except GovernanceError as error:
            problem = str(error)
        else:
            record(request, Action.GOVERNANCE, obj=review, summary=f"review of {obj} recorded")
            messages.success(request, "The review is recorded.")
            return redirect("governance:memorandum", memorandum_id=obj.pk)
    return form_page(
        request, form, "Record a review", caption=str(obj), submit="Record", problem=problem
    )


@requires("manage_memoranda", load=loaders.memorandum)
def terminate(request: HttpRequest, memorandum_id: int, obj: Memorandum) -> HttpResponse:
    form = TerminationForm(obj, request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ending = with_upload(
                request,
                data["evidence_file"],
                lambda evidence: service.terminate(
                    obj,
                    data["party"],
                    data["notice_given_on"],
                    data["takes_effect_on"],
                    data["reason"],
                    data["evidence_note"],
                    evidence,
                    request.user,
                ),
            )
        except GovernanceError as error:
            problem = str(error)
        else:
            record(
                request,
                Action.GOVERNANCE,
                obj=ending,
                la_codes=obj.la_codes,
                summary=f"notice of termination of {obj} by {ending.party}, "
                f"effective {ending.takes_effect_on}",
            )
            messages.success(request, "The notice of termination is recorded.")
            return redirect("governance:memorandum", memorandum_id=obj.pk)
    return form_page(
        request,
        form,
        "Record a notice of termination",
        caption=str(obj),
        intro="Any party may terminate before the end of the term by notice in writing.",
        submit="Record the notice",
        problem=problem,
        multipart=True,
    )


@requires("manage_memoranda", load=loaders.memorandum)
def history(request: HttpRequest, memorandum_id: int, obj: Memorandum) -> HttpResponse:
    form = AsAtForm(request.GET or None)
    snapshot = None
    if form.is_valid():
        snapshot = service.as_at(obj, form.cleaned_data["date"])
        if snapshot is None:
            form.add_error("date", "The memorandum was not recorded yet on that date")
    context = {
        "title": f"History of {obj.title}",
        "memo": obj,
        "form": form,
        "snapshot": snapshot,
        "changes": service.changes(obj),
    }
    return render(request, "governance/history.html", context)
