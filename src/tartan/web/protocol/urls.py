from django.urls import path

from tartan.web.protocol import views

app_name = "protocol"
urlpatterns = [
    path("acknowledge/", views.acknowledge, name="acknowledge"),
    path("document/<int:version_id>/", views.document, name="document"),
    path("versions/", views.versions, name="versions"),
    path("acknowledgements/", views.acknowledgements, name="acknowledgements"),
    path("issues/", views.issues, name="issues"),
    path("issues/<int:issue_id>/close/", views.close_issue, name="close-issue"),
    path("report/", views.report, name="report"),
    path("report.csv", views.report_csv, name="report-csv"),
]
