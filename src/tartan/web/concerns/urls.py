from django.urls import path

from tartan.web.concerns import views

app_name = "concerns"
urlpatterns = [
    path("", views.worry_list, name="list"),
    path("new/", views.start, name="new"),
    path("new/worry/", views.details, name="details"),
    path("notifications/", views.notifications, name="notifications"),
    path("steering-group/", views.steering_group, name="steering-group"),
    path(
        "steering-group/<int:membership_id>/end/",
        views.steering_group_end,
        name="steering-group-end",
    ),
    path("<uuid:ref>/", views.worry_detail, name="worry"),
    path("<uuid:ref>/decide/", views.decide, name="decide"),
    path("<uuid:ref>/respond/", views.respond, name="respond"),
    path("<uuid:ref>/assess/", views.assess, name="assess"),
    path("<uuid:ref>/share/", views.share, name="share"),
    path("<uuid:ref>/escalate/", views.escalate, name="escalate"),
    path("<uuid:ref>/steps/", views.step, name="steps"),
    path("<uuid:ref>/withdraw/", views.withdraw, name="withdraw"),
]
