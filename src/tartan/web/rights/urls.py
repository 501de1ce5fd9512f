from django.urls import path

from tartan.web.rights import views

app_name = "rights"
urlpatterns = [
    path("", views.own, name="own"),
    path("my-data.zip", views.own_export, name="own-export"),
    path("people/", views.people, name="people"),
    path("people/<int:user_id>/export.zip", views.account_export, name="account-export"),
    path("directory/<int:entry_id>/export.zip", views.entry_export, name="entry-export"),
    path("directory/<int:entry_id>/erase/", views.erase, name="erase"),
    path("la/<str:la_code>/export.zip", views.la_export, name="la-export"),
]
