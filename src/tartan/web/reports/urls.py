from django.urls import path

from tartan.web.reports import national, pack, views

app_name = "reports"
urlpatterns = [
    path("rounds/<int:round_id>/overview/", views.overview_page, name="overview"),
    path(
        "rounds/<int:round_id>/overview.<fmt:file_format>",
        views.overview_download,
        name="overview-download",
    ),
    path("rounds/<int:round_id>/rugs/<str:la_code>/", views.rug_page, name="rug"),
    path(
        "rounds/<int:round_id>/rugs/<str:la_code>.<fmt:file_format>",
        views.rug_download,
        name="rug-download",
    ),
    path("trends/<str:la_code>/", views.trends, name="trends"),
    path("national/", national.national, name="national"),
    path("rounds/<int:round_id>/pack/", pack.pack, name="pack"),
]
