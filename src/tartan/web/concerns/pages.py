"""What every concerns page shares: auditing (refusals included), loading a worry, the refusal
and statutory-stop pages, and what a person may see of a worry.

No audit summary holds a worry's words or names the authority concerned: the DBG reads the audit
trail, and must not learn of a worry from it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tartan.concerns.parts import (
    PART_LABELS,
    RESPONSE_PARTS,
    Part,
    ordered,
    parse,
)
from tartan.concerns.posts import POST_LABELS
from tartan.concerns.route import Move, Refused, check, open_moves, refusal_message
from tartan.concerns.visibility import Section, sections_for, state_label
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.concerns import people, policies  # noqa: F401  (policies register with the pages)
from tartan.web.concerns.models import (
    DisclosureKind,
    Worry,
)

STOP_SUMMARY = "statutory-case stop shown; nothing saved"


def audited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Record a refused attempt on a worry (someone outside it, or a missing one) before the 404."""

    @wraps(view)
    def run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            ref = kwargs.get("ref")
            if ref is not None and request.user.is_authenticated:
                record(
                    request,
                    Action.CONCERN,
                    object_type="Worry",
                    object_id=str(ref),
                    summary=f"refused: {request.resolver_match.url_name} (not in this worry)",
                )
            raise

    return run


def posted(request: HttpRequest) -> Any:
    """The posted data, even when empty: an empty form posted is a form to check, not a new one."""
    return request.POST if request.method == "POST" else None


def load_worry(request: HttpRequest, ref: Any, **_: Any) -> Worry:
    return get_object_or_404(
        Worry.objects.select_related("raiser__organisation", "peer__organisation"), ref=ref
    )


def audit(request: HttpRequest, worry: Worry | None, summary: str) -> None:
    record(
        request,
        Action.CONCERN,
        object_type="Worry",
        object_id=str(worry.ref) if worry is not None else "",
        summary=summary,
    )


def refused_page(
    request: HttpRequest, worry: Worry | None, refused: Refused, move: Move
) -> HttpResponse:
    audit(request, worry, f"refused: {move.value} ({refused.refusal.value})")
    return render(
        request,
        "concerns/refused.html",
        {"title": "You cannot do this now", "message": refused.message, "worry": worry},
        status=409,
    )


def closed_page(request: HttpRequest, worry: Worry, *moves: Move) -> HttpResponse | None:
    """The refusal page if none of these moves is open to this person now, else None."""
    parties = people.parties_of(request.user, worry)
    refusals = [check(move, worry.current_state, parties) for move in moves]
    if all(refusals):
        first = next(r for r in refusals if r is not None)
        message = refusal_message(first, moves[0], worry.current_state)
        return refused_page(request, worry, Refused(first, message), moves[0])
    return None


def stop_page(request: HttpRequest) -> HttpResponse:
    audit(request, None, STOP_SUMMARY)
    return render(
        request, "concerns/statutory_stop.html", {"title": "Use the statutory disclosure duties"}
    )


def worry_context(request: HttpRequest, worry: Worry) -> dict[str, Any]:
    """What this person may see of the worry, and nothing else: the sections visibility allows."""
    parties = people.parties_of(request.user, worry)
    sections = sections_for(parties, worry.current_state)
    response = getattr(worry, "response", None) if Section.RESPONSE in sections else None
    disclosures = list(worry.disclosures.select_related("recipient", "made_by"))
    escalation = next((d for d in disclosures if d.kind == DisclosureKind.ESCALATION), None)
    if Section.ESCALATION not in sections:
        escalation = None
    response_rows = []
    if response is not None:
        for part in ordered(set(Part)):
            text = "See the worry as raised." if part is Part.NATURE else response.text_of(part)
            response_rows.append((part.value, PART_LABELS[part], text))
    withheld = RESPONSE_PARTS - parse(escalation.content) if escalation is not None else set()
    c = {
        "title": f"Worry about {people.authority_name(worry.la_code)}",
        "worry": worry,
        "authority": people.authority_name(worry.la_code),
        "parties": {p.value for p in parties},
        "sections": {s.value for s in sections},
        "state_label": state_label(parties, worry.current_state),
        "moves": {m.value for m in open_moves(worry.current_state, parties)},
        "response": response,
        "response_rows": response_rows,
        "further": [d for d in disclosures if d.kind == DisclosureKind.FURTHER],
        "escalation": escalation,
        "withheld_labels": [PART_LABELS[p] for p in ordered(withheld)],
        "steps": list(worry.steps.select_related("by")) if Section.STEPS in sections else [],
        "post_labels": {p.value: label for p, label in POST_LABELS.items()},
    }
    return {**c, "c": c}
