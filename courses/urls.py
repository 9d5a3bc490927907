"""Learning URLs: the learner's actions (POST), /mijn/, and the coordinator and trainer pages."""

from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("mijn/", views.my_learning, name="my_learning"),
    path("leren/cursus/<int:course_id>/inschrijven/", views.enrol, name="enrol"),
    path("leren/uitnodiging/<uuid:token>/", views.invitation_accept, name="invitation_accept"),
    path("leren/les/<int:lesson_id>/afronden/", views.lesson_complete, name="lesson_complete"),
    path(
        "leren/les/<int:lesson_id>/antwoord/<str:block_id>/",
        views.lesson_answer_save,
        name="lesson_answer_save",
    ),
    path("leren/toets/<int:toets_id>/inleveren/", views.toets_submit, name="toets_submit"),
    path(
        "leren/bijeenkomst/<uuid:session_uuid>/aanmelden/",
        views.session_register,
        name="session_register",
    ),
    path(
        "leren/bijeenkomst/<uuid:session_uuid>/afmelden/",
        views.session_cancel,
        name="session_cancel",
    ),
    path("leren/coordinator/", views.coordinator_courses, name="coordinator_courses"),
    path(
        "leren/coordinator/cursus/<int:course_id>/",
        views.coordinator_course,
        name="coordinator_course",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/export.csv",
        views.coordinator_course_export,
        name="coordinator_course_export",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/uitnodigen/",
        views.coordinator_invite,
        name="coordinator_invite",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/importeren/",
        views.coordinator_import,
        name="coordinator_import",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/bijeenkomsten/",
        views.coordinator_sessions,
        name="coordinator_sessions",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/bijeenkomsten/nieuw/",
        views.coordinator_session_edit,
        name="coordinator_session_add",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/bijeenkomsten/<uuid:session_uuid>/",
        views.coordinator_session_edit,
        name="coordinator_session_edit",
    ),
    path(
        "leren/coordinator/aanvraag/<int:enrolment_id>/besluit/",
        views.coordinator_decide,
        name="coordinator_decide",
    ),
    path("leren/trainer/", views.trainer_sessions, name="trainer_sessions"),
    path(
        "leren/trainer/bijeenkomst/<uuid:session_uuid>/",
        views.trainer_attendance,
        name="trainer_attendance",
    ),
]
