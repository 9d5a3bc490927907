"""Learning URLs: the learner's actions (POST), /mijn/, and the coordinator and trainer pages."""

from django.urls import path

from courses.views import coordinator, learner, trainer

app_name = "courses"

urlpatterns = [
    path("mijn/", learner.my_learning, name="my_learning"),
    path("leren/cursus/<int:course_id>/inschrijven/", learner.enrol, name="enrol"),
    path("leren/uitnodiging/<uuid:token>/", learner.invitation_accept, name="invitation_accept"),
    path("leren/les/<int:lesson_id>/afronden/", learner.lesson_complete, name="lesson_complete"),
    path(
        "leren/les/<int:lesson_id>/antwoord/<str:block_id>/",
        learner.lesson_answer_save,
        name="lesson_answer_save",
    ),
    path("leren/toets/<int:toets_id>/inleveren/", learner.toets_submit, name="toets_submit"),
    path(
        "leren/bijeenkomst/<uuid:session_uuid>/aanmelden/",
        learner.session_register,
        name="session_register",
    ),
    path(
        "leren/bijeenkomst/<uuid:session_uuid>/afmelden/",
        learner.session_cancel,
        name="session_cancel",
    ),
    path("leren/coordinator/", coordinator.coordinator_courses, name="coordinator_courses"),
    path(
        "leren/coordinator/cursus/<int:course_id>/",
        coordinator.coordinator_course,
        name="coordinator_course",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/export.csv",
        coordinator.coordinator_course_export,
        name="coordinator_course_export",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/uitnodigen/",
        coordinator.coordinator_invite,
        name="coordinator_invite",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/importeren/",
        coordinator.coordinator_import,
        name="coordinator_import",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/bijeenkomsten/",
        coordinator.coordinator_sessions,
        name="coordinator_sessions",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/bijeenkomsten/nieuw/",
        coordinator.coordinator_session_edit,
        name="coordinator_session_add",
    ),
    path(
        "leren/coordinator/cursus/<int:course_id>/bijeenkomsten/<uuid:session_uuid>/",
        coordinator.coordinator_session_edit,
        name="coordinator_session_edit",
    ),
    path(
        "leren/coordinator/aanvraag/<int:enrolment_id>/besluit/",
        coordinator.coordinator_decide,
        name="coordinator_decide",
    ),
    path("leren/trainer/", trainer.trainer_sessions, name="trainer_sessions"),
    path(
        "leren/trainer/bijeenkomst/<uuid:session_uuid>/",
        trainer.trainer_attendance,
        name="trainer_attendance",
    ),
]
