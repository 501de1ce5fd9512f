from django.urls import path

from tartan.web.mail import views

app_name = "mail"
urlpatterns = [
    path("", views.my_messages, name="mine"),
    path("weekly/", views.update_list, name="updates"),
    path("weekly/<int:update_id>/", views.update_detail, name="update"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
