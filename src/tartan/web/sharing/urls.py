from django.urls import path

from tartan.web.sharing import views

app_name = "sharing"
urlpatterns = [
    path("requests/", views.request_list, name="requests"),
    path("rounds/<int:round_id>/request/", views.request_new, name="request-new"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
    path("requests/<int:request_id>/answer/", views.request_answer, name="request-answer"),
    path("requests/<int:request_id>/region/", views.request_region, name="request-region"),
    path(
        "requests/<int:request_id>/shared.<fmt:file_format>",
        views.request_download,
        name="request-download",
    ),
    path(
        "rounds/<int:round_id>/la/<str:la_code>/concealed/",
        views.concealed_new,
        name="concealed-new",
    ),
    path("exports/", views.decision_list, name="decisions"),
    path("exports/<int:decision_id>/", views.decision_detail, name="decision"),
    path("exports/<int:decision_id>/download/", views.decision_download, name="decision-download"),
    path("national/", views.national, name="national"),
    path("national/rounds/<int:round_id>.csv", views.national_export, name="national-export"),
    path("published/<int:year>/<str:la_code>.csv", views.published_export, name="published"),
]
