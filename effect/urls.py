from django.urls import path

from effect import report_views, views

app_name = "effect"

urlpatterns = [
    path("effectmeting/<int:course_id>/voormeting/", views.pretest, name="pretest"),
    path("effectmeting/<int:course_id>/nameting/", views.posttest, name="posttest"),
    path("vervolgmeting/<str:token>/", views.follow_up, name="follow_up"),
    path("vervolgmeting/<str:token>/afmelden/", views.opt_out, name="opt_out"),
    path("rapportage/effect/", report_views.report, name="report"),
    path("rapportage/effect/export.<str:format>", report_views.export, name="export"),
    path(
        "rapportage/effect/<slug:course_code>/samenvatting/",
        report_views.summary,
        name="summary",
    ),
]
