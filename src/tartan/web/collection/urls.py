from django.urls import path

from tartan.web.collection import case_records, views

app_name = "collection"
urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("new/", views.round_new, name="round-new"),
    path("<int:round_id>/", views.round_detail, name="round"),
    path("<int:round_id>/template/", views.template_download, name="template"),
    path("<int:round_id>/submit/", views.submit, name="submit"),
    path("<int:round_id>/case-records/", case_records.case_records, name="case-records"),
    path(
        "<int:round_id>/case-records/computed/",
        case_records.case_records_computed,
        name="case-records-computed",
    ),
    path("<int:round_id>/sign-off/", views.sign_off, name="sign-off"),
    path("<int:round_id>/release/", views.release, name="release"),
    path("<int:round_id>/la/<str:la_code>/", views.return_detail, name="return"),
    path("<int:round_id>/la/<str:la_code>/explain/", views.explain, name="explain"),
    path("<int:round_id>/la/<str:la_code>/notes/", views.add_note, name="note"),
    path("<int:round_id>/la/<str:la_code>/queries/new/", views.query_new, name="query-new"),
    path("<int:round_id>/la/<str:la_code>/chase/", views.chase, name="chase"),
    path("queries/<int:query_id>/", views.query_detail, name="query"),
    path("versions/<int:version_id>/download/", views.version_download, name="version-download"),
]
