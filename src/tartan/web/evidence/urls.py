"""Peer reviews and evidence packs; every view declares its policy (tests/web/test_routes.py)."""

from django.urls import path

from tartan.web.evidence import (
    policies,  # noqa: F401  (policies register)
    views,
)

app_name = "evidence"
urlpatterns = [
    path("", views.review_list, name="reviews"),
    path("reviews/new/", views.review_new, name="review-new"),
    path("reviews/<int:review_id>/", views.review_detail, name="review"),
    path("reviews/<int:review_id>/report/", views.review_document, name="review-document"),
    path("reviews/<int:review_id>/follow-ups/", views.follow_up_new, name="follow-up-new"),
    path("follow-ups/<int:follow_up_id>/status/", views.follow_up_status, name="follow-up-status"),
    path("packs/<str:la_code>/", views.evidence_pack, name="pack"),
    path("packs/<str:la_code>.pdf", views.evidence_pack_pdf, name="pack-pdf"),
]
