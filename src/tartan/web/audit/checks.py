"""A deployment check: the service's database role cannot rewrite the audit trail.

Run with `tartan manage check --deploy --database default` (Django runs checks that query the
database only when asked to).
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Tags, Warning, register
from django.db import connections

from tartan.web.audit import grants


@register(Tags.database, deploy=True)
def service_role_cannot_rewrite_audit(
    app_configs: Any = None, databases: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    found: list[CheckMessage] = []
    for alias in databases or []:
        for weakness in grants.weaknesses(connections[alias]):
            found.append(
                Warning(
                    f"The service's database role could rewrite the audit trail: {weakness}.",
                    hint="Connect the service as a role that owns nothing and give "
                    "MIGRATION_DATABASE_URL to `tartan migrate` (docs/web.md, Database roles).",
                    id="audit.W001",
                )
            )
    return found
