from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("mijn/", views.my_learning, name="my_learning"),
]
