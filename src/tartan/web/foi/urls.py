from django.urls import path

from tartan.web.foi import views

app_name = "foi"
urlpatterns = [
    path("", views.foi_list, name="list"),
    path("new/", views.foi_new, name="new"),
    path("<int:foi_id>/", views.foi_detail, name="detail"),
    path("<int:foi_id>/answer/", views.foi_answer, name="answer"),
    path("<int:foi_id>/decide/", views.foi_decide, name="decide"),
]
