from django.urls import path

from tartan.web.concerns import moves, raising, views

app_name = "concerns"
urlpatterns = [
    path("", views.worry_list, name="list"),
    path("new/", raising.start, name="new"),
    path("new/worry/", raising.details, name="details"),
    path("notifications/", views.notifications, name="notifications"),
    path("steering-group/", views.steering_group, name="steering-group"),
    path(
        "steering-group/<int:membership_id>/end/",
        views.steering_group_end,
        name="steering-group-end",
    ),
    path("<uuid:ref>/", views.worry_detail, name="worry"),
    path("<uuid:ref>/decide/", raising.decide, name="decide"),
    path("<uuid:ref>/respond/", moves.respond, name="respond"),
    path("<uuid:ref>/assess/", moves.assess, name="assess"),
    path("<uuid:ref>/share/", moves.share, name="share"),
    path("<uuid:ref>/escalate/", moves.escalate, name="escalate"),
    path("<uuid:ref>/steps/", moves.step, name="steps"),
    path("<uuid:ref>/withdraw/", moves.withdraw, name="withdraw"),
]
