"""The meeting pack page: the DBG writes the commentary; the group asks for the pack, which the
task worker makes (every rug in one PDF is never rendered in a request), and downloads it."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.collection.models import CollectionRound
from tartan.web.collection.views import load_round
from tartan.web.permissions import is_allowed, requires
from tartan.web.prepared import policies  # noqa: F401  (policies register)
from tartan.web.prepared.models import PackCommentary, PreparedFile, PreparedKind
from tartan.web.prepared.tasks import prepare

MAX_COMMENTARY = 20_000


@requires("view_meeting_pack", load=load_round)
def pack(request: HttpRequest, round_id: int, obj: CollectionRound) -> HttpResponse:
    """GET: the commentary (a form for the DBG) and the packs this person asked for.
    POST ``action=ask``: queue a pack; ``action=commentary``: the DBG saves the commentary."""
    written = PackCommentary.objects.filter(round=obj).first()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "commentary":
            if not is_allowed(request.user, "write_pack_commentary", obj):
                raise Http404("only the group's DBG writes the commentary")
            text = request.POST.get("commentary", "")[:MAX_COMMENTARY]
            with transaction.atomic():
                PackCommentary.objects.update_or_create(
                    round=obj, defaults={"text": text, "written_by": request.user}
                )
                record(request, Action.NOTE, obj=obj, summary=f"pack commentary {obj.period}")
            return redirect("reports:pack", round_id=obj.pk)
        if action == "ask":
            prepared = PreparedFile.objects.create(
                kind=PreparedKind.MEETING_PACK,
                round=obj,
                requested_by=request.user,
                name=f"meeting_pack_{obj.period.replace(' ', '_')}.pdf",
            )
            prepare.enqueue(prepared.pk)
            return redirect("prepared:file", prepared_id=prepared.pk)
        raise Http404("no such action")
    asked = PreparedFile.objects.filter(
        round=obj, kind=PreparedKind.MEETING_PACK, requested_by=request.user
    ).defer("content")[:5]
    context = {
        "title": f"Meeting pack: {obj.period}",
        "round": obj,
        "commentary": written,
        "may_write": is_allowed(request.user, "write_pack_commentary", obj),
        "asked": list(asked),
        "draft": not obj.is_released,
    }
    return render(request, "reports/pack.html", context)
