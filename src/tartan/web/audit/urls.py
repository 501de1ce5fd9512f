from django.urls import path

from tartan.web.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.all_events, name="all"),
    path("our-figures/", views.own_figures, name="own"),
]
