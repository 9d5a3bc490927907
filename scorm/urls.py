from django.urls import path

from scorm import views

app_name = "scorm"
urlpatterns = [
    path("scorm-inhoud/<str:token>/<path:path>", views.content, name="content"),
    path("leren/pakket/<uuid:uuid>/opslaan/", views.commit, name="commit"),
]
