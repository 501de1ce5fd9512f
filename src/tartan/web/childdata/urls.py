from django.urls import path

from tartan.web.childdata import data, decisions, views

app_name = "childdata"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("retention/", data.retention_page, name="retention"),
    path("erasures/", data.erasures, name="erasures"),
    path("<int:request_id>/", views.request_detail, name="request"),
    path("<int:request_id>/edit/", views.request_edit, name="edit"),
    path("<int:request_id>/fields/", views.request_fields, name="fields"),
    path("<int:request_id>/submit/", views.request_submit, name="submit"),
    path("<int:request_id>/dpia/", decisions.dpia_attach, name="dpia"),
    path("<int:request_id>/decide/", decisions.decide, name="decide"),
    path("<int:request_id>/extract/", data.extract_upload, name="upload"),
    path("<int:request_id>/extract/download/", data.extract_download, name="download"),
    path("dpias/<int:dpia_id>/download/", decisions.dpia_download, name="dpia-download"),
]
