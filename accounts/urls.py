from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile_edit, name="profile"),
    path("gegevens/", views.data_export, name="data_export"),
    path("verwijderen/", views.account_delete, name="account_delete"),
]
