from django.urls import path, register_converter

from tartan.web.reports import national, pack, tidy_data, views


class TidyFormat:
    """The formats tidy data downloads come in."""

    regex = "csv|xlsx|parquet"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class TrendsTable:
    regex = "|".join(tidy_data.TRENDS_TABLES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TidyFormat, "tidy")
register_converter(TrendsTable, "trends_table")

app_name = "reports"
urlpatterns = [
    path("rounds/<int:round_id>/overview/", views.overview_page, name="overview"),
    path(
        "rounds/<int:round_id>/overview.<fmt:file_format>",
        views.overview_download,
        name="overview-download",
    ),
    path(
        "rounds/<int:round_id>/overview/data.<tidy:file_format>",
        tidy_data.overview_data,
        name="overview-data",
    ),
    path("rounds/<int:round_id>/rugs/<str:la_code>/", views.rug_page, name="rug"),
    path(
        "rounds/<int:round_id>/rugs/<str:la_code>.<fmt:file_format>",
        views.rug_download,
        name="rug-download",
    ),
    path(
        "rounds/<int:round_id>/rugs/<str:la_code>/data.<tidy:file_format>",
        tidy_data.rug_data,
        name="rug-data",
    ),
    path("trends/<str:la_code>/", views.trends, name="trends"),
    path(
        "trends/<str:la_code>/<trends_table:table_name>.<tidy:file_format>",
        tidy_data.trends_data,
        name="trends-data",
    ),
    path("national/", national.national, name="national"),
    path("rounds/<int:round_id>/pack/", pack.pack, name="pack"),
    path("national/quarters.<tidy:file_format>", tidy_data.national_data, name="national-data"),
]
