"""URLs under /certificaten/. The names verify, verify_code and download are a contract."""

from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("verifieer/", views.verify_form, name="verify"),
    path("verifieer/<str:code>/", views.verify_code, name="verify_code"),
    path("<uuid:uuid>/pdf/", views.download, name="download"),
    path("registraties/", views.registrations, name="registrations"),
    path(
        "registraties/<int:pk>/verwijderen/",
        views.registration_delete,
        name="registration_delete",
    ),
    path("beheer/", views.manage_list, name="manage_list"),
    path("beheer/export/", views.manage_export, name="manage_export"),
    path("beheer/<uuid:uuid>/", views.manage_detail, name="manage_detail"),
    path("beheer/<uuid:uuid>/intrekken/", views.manage_revoke, name="manage_revoke"),
    path("beheer/<uuid:uuid>/opnieuw-uitgeven/", views.manage_reissue, name="manage_reissue"),
]
