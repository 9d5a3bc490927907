"""The people and what they did: learners spread over every municipality and profession, their
enrolments, lesson progress, completions with certificates, and completions imported from
elsewhere, as rows for bench/dataset.py's bulk copy."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from dataset import (
    BENCH_PASSWORD,
    FIRST_NAMES,
    LAST_NAMES,
    LESSONS_PER_COURSE,
    copy_rows,
    next_id,
    sequences_reset,
)


def people_generate(rng: random.Random, learners: int) -> list[dict]:
    """Learners with a verified address and a complete profile, round-robin over every
    municipality and profession so each region and professional group has people."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import (
        Function,
        Municipality,
        Organisation,
        Profession,
        Profile,
        User,
        person_key_for,
    )

    municipalities = list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    professions = list(Profession.objects.order_by("pk").values_list("pk", flat=True))
    functions = list(Function.objects.order_by("pk").values_list("pk", flat=True))
    kinds = [k for k, _label in Organisation.Kind.choices]
    organisations = []
    for i in range(max(50, len(municipalities) * 2)):
        organisations.append(
            Organisation(
                name=f"Benchorganisatie {i + 1}",
                kind=kinds[i % len(kinds)],
                municipality_id=municipalities[i % len(municipalities)],
            )
        )
    organisations = Organisation.objects.bulk_create(organisations, batch_size=1000)
    org_rows = [(o.pk, o.kind, o.municipality_id) for o in organisations]

    password = make_password(BENCH_PASSWORD)
    now = timezone.now()
    first_user = next_id(User)
    first_profile = next_id(Profile)
    users, addresses, profiles, profile_functions, people = [], [], [], [], []
    through = Profile.functions.through
    for i in range(learners):
        uid = first_user + i
        email = f"cursist{i + 1:05d}@bench.example.nl"
        org_id, org_kind, municipality_id = org_rows[i % len(org_rows)]
        municipality_id = municipalities[i % len(municipalities)]
        profession_id = professions[(i // len(municipalities)) % len(professions)]
        person_functions = [functions[i % len(functions)]] if i % 5 < 2 else []
        joined = now - timedelta(days=rng.randint(1, 900), seconds=rng.randint(0, 86400))
        users.append(
            {
                "id": uid,
                "password": password,
                "is_superuser": False,
                "first_name": FIRST_NAMES[i % len(FIRST_NAMES)],
                "last_name": LAST_NAMES[(i // len(FIRST_NAMES)) % len(LAST_NAMES)],
                "is_staff": False,
                "is_active": True,
                "date_joined": joined,
                "email": email,
                "person_key": person_key_for(email),
            }
        )
        addresses.append({"user_id": uid, "email": email, "verified": True, "primary": True})
        pid = first_profile + i
        profiles.append(
            {
                "id": pid,
                "user_id": uid,
                "organisation_id": org_id,
                "profession_id": profession_id,
                "municipality_id": municipality_id,
                "completed_at": joined,
            }
        )
        for function_id in person_functions:
            profile_functions.append({"profile_id": pid, "function_id": function_id})
        people.append(
            {
                "id": uid,
                "person_key": users[-1]["person_key"],
                "name": f"{users[-1]['first_name']} {users[-1]['last_name']}",
                "municipality_id": municipality_id,
                "organisation_kind": org_kind,
                "profession_id": profession_id,
                "functions": person_functions,
            }
        )
    copy_rows(User, users)
    copy_rows(EmailAddress, addresses)
    copy_rows(Profile, profiles)
    copy_rows(through, profile_functions)
    sequences_reset(User, Profile, EmailAddress)
    return people


def learning_generate(
    rng: random.Random,
    people: list[dict],
    courses: dict[int, dict],
    *,
    progress_rows: int,
    completions: int,
    imported: int,
) -> dict:
    """Enrolments, lesson progress, passed toetsen, completions, certificates and imports.

    Completions: 62.5% on e-learning courses (all 10 lessons done and the toets passed), the
    rest on classroom and blended courses (by attendance). The lesson-progress rows left over go
    to learners who are part-way through an e-learning course; those are the ones the load
    generator logs in as.
    """
    from django.utils import timezone

    from certificates.codes import generate_code
    from certificates.models import Certificate
    from courses.completion import valid_until_for
    from courses.models import Completion, Enrolment, LessonProgress, ToetsAttempt

    now = timezone.now()
    elearning = [c for c in courses.values() if c["format"] == "elearning" and c["toets"]]
    classroom = [c for c in courses.values() if c not in elearning]
    platform_completions = min(completions, int(completions * 0.625))
    attendance_completions = completions - platform_completions
    in_progress_rows = max(0, progress_rows - platform_completions * LESSONS_PER_COURSE)
    taken: set[tuple[int, int]] = set()

    def pick(course_list):
        while True:
            person = people[rng.randrange(len(people))]
            course = course_list[rng.randrange(len(course_list))]
            if (person["id"], course["id"]) not in taken:
                taken.add((person["id"], course["id"]))
                return person, course

    enrolments, progress, attempts, completion_rows, certificates, completion_functions = (
        [],
        [],
        [],
        [],
        [],
        [],
    )
    first_completion = next_id(Completion)
    completion_through = Completion.functions.through

    def completion_add(person, course, completed_at, source):
        cid = first_completion + len(completion_rows)
        valid_until = valid_until_for(completed_at, course["validity"])
        completion_rows.append(
            {
                "id": cid,
                "uuid": uuid.uuid4(),
                "person_key": person["person_key"],
                "user_id": person["id"],
                "course_id": course["id"],
                "course_code": course["code"],
                "course_title": course["title"],
                "round": 1,
                "completed_at": completed_at,
                "valid_until": valid_until,
                "source": source,
                "municipality_id": person["municipality_id"],
                "organisation_kind": person["organisation_kind"],
                "profession_id": person["profession_id"],
                "created_at": completed_at,
            }
        )
        for function_id in person["functions"]:
            completion_functions.append({"completion_id": cid, "function_id": function_id})
        certificates.append(
            {
                "uuid": uuid.uuid4(),
                "completion_id": cid,
                "code": generate_code(),
                "issued_at": completed_at,
                "valid_until": valid_until,
                "holder_name": person["name"],
                "holder_short_name": person["name"],
                "course_title": course["title"],
                "study_time_minutes": course["study_time"],
                "accreditations": [],
                "registrations": [],
                # Rendered already, so the PDF sweep leaves them be; bench/measure.py clears a
                # few to time the renderer.
                "pdf": "certificaten/bench/voorbeeld.pdf",
                "pdf_rendered_at": completed_at,
            }
        )

    def enrol(person, course, at, last_page_id=None, started_at=None):
        # started_at: the first lesson opened, as courses.services.enrolment_started keeps it.
        enrolments.append(
            {
                "user_id": person["id"],
                "course_id": course["id"],
                "status": Enrolment.Status.ACTIVE,
                "source": Enrolment.Source.SELF,
                "requested_at": at,
                "enrolled_at": at,
                "last_page_id": last_page_id,
                "started_at": started_at,
            }
        )

    for _ in range(platform_completions):
        person, course = pick(elearning)
        started = now - timedelta(days=rng.randint(20, 720), minutes=rng.randint(0, 1440))
        at = started
        first = len(progress)
        for lesson_id, _url in course["lessons"][:LESSONS_PER_COURSE]:
            at += timedelta(minutes=rng.randint(5, 300))
            progress.append(
                {
                    "user_id": person["id"],
                    "lesson_id": lesson_id,
                    "course_id": course["id"],
                    "started_at": at,
                    "completed_at": at + timedelta(minutes=rng.randint(3, 30)),
                }
            )
        at += timedelta(hours=1)
        attempts.append(
            {
                "user_id": person["id"],
                "toets_id": course["toets"][0],
                "course_id": course["id"],
                "number": 1,
                "submission_key": uuid.uuid4(),
                "answers": {},
                "question_count": 5,
                "correct_count": 5,
                "score_percent": 100,
                "pass_mark_percent": 70,
                "passed": True,
                "submitted_at": at,
            }
        )
        enrol(person, course, started, course["toets"][0], started_at=progress[first]["started_at"])
        completion_add(person, course, at, Completion.Source.PLATFORM)

    for _ in range(attendance_completions):
        person, course = pick(classroom)
        at = now - timedelta(days=rng.randint(1, 720), minutes=rng.randint(0, 1440))
        enrol(person, course, at - timedelta(days=30))
        completion_add(person, course, at, Completion.Source.ATTENDANCE)

    in_progress = []
    while in_progress_rows > 0:
        person, course = pick(elearning)
        done = min(in_progress_rows, rng.randint(1, LESSONS_PER_COURSE - 1))
        in_progress_rows -= done
        at = now - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 1440))
        lessons = course["lessons"][:LESSONS_PER_COURSE]
        first = len(progress)
        for lesson_id, _url in lessons[:done]:
            at += timedelta(minutes=rng.randint(5, 120))
            progress.append(
                {
                    "user_id": person["id"],
                    "lesson_id": lesson_id,
                    "course_id": course["id"],
                    "started_at": at,
                    "completed_at": at + timedelta(minutes=10),
                }
            )
        enrol(
            person,
            course,
            at - timedelta(days=1),
            lessons[done - 1][0],
            started_at=progress[first]["started_at"],
        )
        in_progress.append(
            {"user_id": person["id"], "course_id": course["id"], "todo": lessons[done:]}
        )

    # Imported completions: people from outside the platform and platform people whose
    # training elsewhere counts too.
    imported_rows = []
    codes = [c for c in courses.values() if c["format"] == "elearning"]
    for i in range(imported):
        course = codes[i % len(codes)]
        if i % 2 == 0:
            from accounts.models import person_key_for

            key = person_key_for(f"extern{i:05d}@elders.example.nl")
        else:
            person, course = pick(codes)
            key = person["person_key"]
        at = now - timedelta(days=rng.randint(30, 900))
        imported_rows.append(
            {
                "id": first_completion + len(completion_rows) + i,
                "uuid": uuid.uuid4(),
                "person_key": key,
                "course_id": course["id"],
                "course_code": course["code"],
                "course_title": course["title"],
                "round": 1,
                "completed_at": at,
                "valid_until": valid_until_for(at, course["validity"]),
                "source": Completion.Source.IMPORT,
                "import_source": "Benchmark-import",
                "created_at": at,
            }
        )

    copy_rows(Enrolment, enrolments)
    copy_rows(LessonProgress, progress)
    copy_rows(ToetsAttempt, attempts)
    copy_rows(Completion, completion_rows)
    copy_rows(completion_through, completion_functions)
    copy_rows(Completion, imported_rows)
    copy_rows(Certificate, certificates)
    sequences_reset(Enrolment, LessonProgress, ToetsAttempt, Completion, Certificate)
    return {
        "enrolments": len(enrolments),
        "lesson_progress": len(progress),
        "toets_attempts": len(attempts),
        "completions": len(completion_rows),
        "certificates": len(certificates),
        "imported_completions": len(imported_rows),
        "in_progress": in_progress,
        "certificate_codes": [c["code"] for c in certificates[:: max(1, len(certificates) // 500)]],
    }
