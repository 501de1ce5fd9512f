from django.urls import path

from tartan.web.prepared import views

app_name = "prepared"
urlpatterns = [
    path(
        "rounds/<int:round_id>/overview-workbook/",
        views.ask_overview_workbook,
        name="ask-overview-workbook",
    ),
    path("<int:prepared_id>/", views.prepared_page, name="file"),
    path("<int:prepared_id>/download/", views.prepared_download, name="download"),
]
