from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("rapportage/", views.dashboard, name="dashboard"),
    path("rapportage/vng/", views.vng, name="vng"),
]
