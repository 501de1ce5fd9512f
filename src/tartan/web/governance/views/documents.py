"""Documents leave the database only here, after the policy, as attachments."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.downloads import attachment
from tartan.web.governance.models import Document
from tartan.web.governance.views import loaders
from tartan.web.permissions import requires


@requires("download_document", load=loaders.document)
def document_download(request: HttpRequest, document_id: int, obj: Document) -> HttpResponse:
    content = Document.objects.values_list("content", flat=True).get(pk=obj.pk)
    record(request, Action.DOWNLOAD, obj=obj, summary=f"governance document {obj.name}")
    return attachment(bytes(content), obj.name)
