from django.urls import path

from xapi import views

app_name = "xapi"
urlpatterns = [path("xapi/statements", views.statements, name="statements")]
