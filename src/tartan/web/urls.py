"""Every route of the service. Each view declares its policy (a test checks there is none without)."""

from django.contrib import admin
from django.urls import include, path, register_converter

from tartan.web import policies, views  # noqa: F401  (policies register first)
from tartan.web.admin_site import guarded_admin_urls


class FileFormat:
    """The formats reports download in."""

    regex = "xlsx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FileFormat, "fmt")

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("tartan.web.accounts.urls")),
    path("rounds/", include("tartan.web.collection.urls")),
    path("reports/", include("tartan.web.reports.urls")),
    path("prepared/", include("tartan.web.prepared.urls")),
    path("audit/", include("tartan.web.audit.urls")),
    path("sharing/", include("tartan.web.sharing.urls")),
    path("governance/", include("tartan.web.governance.urls")),
    path("evidence/", include("tartan.web.evidence.urls")),
    path("concerns/", include("tartan.web.concerns.urls")),
    path("child-data/", include("tartan.web.childdata.urls")),
    path("messages/", include("tartan.web.mail.urls")),
    path("protocol/", include("tartan.web.protocol.urls")),
    path("your-data/", include("tartan.web.rights.urls")),
    path("foi/", include("tartan.web.foi.urls")),
    path("admin/", guarded_admin_urls(admin.site)),
]
handler403 = "tartan.web.errors.forbidden"
handler404 = "tartan.web.errors.not_found"
