from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("verifieer/", views.verify_form, name="verify"),
]
