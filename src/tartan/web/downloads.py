"""Files leave the service only through permission-checked views, as attachments."""

from __future__ import annotations

import mimetypes
import re

from django.http import HttpResponse

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
}


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "download"


def attachment(data: bytes | str, name: str, content_type: str | None = None) -> HttpResponse:
    name = safe_name(name)
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    kind = (
        content_type
        or CONTENT_TYPES.get(suffix)
        or mimetypes.guess_type(name)[0]
        or "application/octet-stream"
    )
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
