"""The import of external completions: bad files refused with one Dutch reason and nothing
written, good files imported once, in the admin only for the programme team."""

from datetime import date, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import AuditEvent, Municipality, Profession, person_key_for
from courses.completion import completion_record
from courses.models import Completion
from reporting import imports
from reporting.imports import completions_import, import_batch_validate
from reporting.models import ImportBatch
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = "email;voornaam;achternaam;organisatie;beroepsgroep;gemeente;afgerond_op"


def csv_file(*lines: str, header: str = HEADER, encoding: str = "utf-8", name="buit.csv"):
    text = "\r\n".join([header, *lines]) + "\r\n"
    return SimpleUploadedFile(name, text.encode(encoding), "text/csv")


def run(file, **kwargs) -> ImportBatch:
    kwargs.setdefault("source", "BUIT e-learning")
    kwargs.setdefault("course_code", "buit-extern")
    return completions_import(file=file, **kwargs)


def assert_refused(batch: ImportBatch, report: list[dict], before: int = 0):
    assert batch.status == ImportBatch.Status.REFUSED
    assert batch.report == report
    assert batch.created_count == 0
    assert Completion.objects.count() == before


def whole_file(message: str) -> list[dict]:
    return [{"line": None, "message": message}]


ATLANTIS = "Onbekende gemeente 'Atlantis'; gebruik de CBS-code (zoals GM0344) of de naam."
GOOD = "anna@voorbeeld.nl;Anna;Jansen;Jeugdzorg;Jeugdprofessional;GM0344;2025-03-14"
GOOD_2 = "bram@voorbeeld.nl;Bram;de Vries;;;Utrecht;14-03-2025"


# --- Whole-file refusals ---------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", ["\t", "|"])
def test_wrong_delimiter_is_refused(delimiter):
    header = HEADER.replace(";", delimiter)
    batch = run(csv_file(GOOD.replace(";", delimiter), header=header))
    assert_refused(
        batch,
        whole_file(
            "De kolommen zijn niet gescheiden door een komma of een puntkomma. Sla het bestand "
            "op als CSV met ',' of ';' als scheidingsteken."
        ),
    )


def test_missing_column_is_named():
    header = "email;voornaam;achternaam;gemeente"
    batch = run(csv_file("anna@voorbeeld.nl;Anna;Jansen;GM0344", header=header))
    assert_refused(batch, whole_file("De kolom afgerond_op ontbreekt in de kopregel."))


def test_missing_columns_are_all_named():
    batch = run(csv_file("anna@voorbeeld.nl;Anna", header="e_mail;voornaam"))
    assert_refused(
        batch, whole_file("De kolommen email, gemeente, afgerond_op ontbreken in de kopregel.")
    )


def test_zero_byte_file_is_refused():
    batch = run(SimpleUploadedFile("leeg.csv", b"", "text/csv"))
    assert_refused(batch, whole_file("Het bestand is leeg."))
    assert batch.file_name == "leeg.csv"


def test_file_with_only_a_header_is_refused():
    batch = run(csv_file())
    assert_refused(batch, whole_file("Het bestand bevat alleen een kopregel en geen afrondingen."))


def test_file_with_only_blank_lines_is_refused_as_empty():
    batch = run(SimpleUploadedFile("leeg.csv", b"\r\n \r\n", "text/csv"))
    assert_refused(batch, whole_file("Het bestand is leeg."))


def test_a_10_mb_line_is_refused():
    batch = run(csv_file(GOOD, "x" * (10 * 1024 * 1024), GOOD_2))
    assert_refused(
        batch,
        whole_file(
            "Regel 3 is langer dan 10.000 tekens. Dit is geen export van afrondingen; "
            "controleer of u het goede bestand hebt gekozen."
        ),
    )


def test_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    batch = run(csv_file(*[GOOD] * 20_000))
    assert_refused(
        batch, whole_file("Het bestand is groter dan 1 MB. Splits het in kleinere bestanden.")
    )


def test_a_spreadsheet_or_utf16_file_is_refused():
    data = HEADER.encode("utf-16")
    batch = run(SimpleUploadedFile("excel.csv", data, "text/csv"))
    assert_refused(
        batch,
        whole_file(
            "Het bestand is geen CSV-bestand in UTF-8 of Windows-1252. Sla het op als "
            "'CSV UTF-8' of 'CSV (gescheiden door lijstscheidingsteken)'."
        ),
    )


def test_the_size_setting_defaults_to_24_mb():
    # Before: 50 MB, more than any upload form may now send (25 MB, elearning/limits.py).
    from elearning import settings as project_settings

    assert project_settings.IMPORT_MAX_BYTES == 24 * 1024 * 1024


# --- Line errors: nothing imported unless the valid lines are chosen --------------------------


def test_bad_date_is_reported_with_its_line():
    batch = run(csv_file(GOOD, "bram@voorbeeld.nl;Bram;de Vries;;;GM0344;31-02-2025"))
    assert_refused(
        batch,
        [
            {
                "line": 3,
                "message": "De datum '31-02-2025' is ongeldig; gebruik jjjj-mm-dd of dd-mm-jjjj.",
            }
        ],
    )
    assert (batch.line_count, batch.valid_count, batch.invalid_count) == (2, 1, 1)


def test_date_in_another_format_is_invalid():
    batch = run(csv_file("bram@voorbeeld.nl;Bram;de Vries;;;GM0344;14/03/2025"))
    assert_refused(
        batch,
        [
            {
                "line": 2,
                "message": "De datum '14/03/2025' is ongeldig; gebruik jjjj-mm-dd of dd-mm-jjjj.",
            }
        ],
    )


def test_future_date_is_invalid():
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    batch = run(csv_file(f"bram@voorbeeld.nl;Bram;de Vries;;;GM0344;{tomorrow}"))
    assert_refused(batch, [{"line": 2, "message": f"De datum {tomorrow} ligt in de toekomst."}])


def test_missing_date_is_invalid():
    batch = run(csv_file("bram@voorbeeld.nl;Bram;de Vries;;;GM0344;"))
    assert_refused(
        batch, [{"line": 2, "message": "De datum van afronding (afgerond_op) ontbreekt."}]
    )


def test_unknown_municipality_is_reported():
    batch = run(csv_file(GOOD, "bram@voorbeeld.nl;Bram;de Vries;;;Atlantis;2025-03-14"))
    assert_refused(
        batch,
        [
            {
                "line": 3,
                "message": ATLANTIS,
            }
        ],
    )


def test_the_same_email_in_two_cases_is_reported_on_the_second_line():
    batch = run(csv_file(GOOD, GOOD_2, "Anna@Voorbeeld.NL;Anna;Jansen;;;GM0344;2025-04-01"))
    assert_refused(batch, [{"line": 4, "message": "Dit e-mailadres staat ook op regel 2."}])


def test_missing_and_invalid_email_are_reported_without_the_address():
    batch = run(
        csv_file(";Anna;Jansen;;;GM0344;2025-03-14", "geen-adres;Bram;;;;GM0344;2025-03-14")
    )
    assert_refused(
        batch,
        [
            {"line": 2, "message": "Het e-mailadres ontbreekt."},
            {"line": 3, "message": "Het e-mailadres is ongeldig."},
        ],
    )


def test_a_line_with_too_many_fields_is_invalid():
    batch = run(csv_file(GOOD + ";extra"))
    assert_refused(batch, [{"line": 2, "message": "De regel heeft 8 velden in plaats van 7."}])


def test_one_line_can_have_several_problems():
    batch = run(csv_file("geen-adres;Bram;;;;Atlantis;morgen"))
    assert [entry["message"] for entry in batch.report] == [
        "Het e-mailadres is ongeldig.",
        "De datum 'morgen' is ongeldig; gebruik jjjj-mm-dd of dd-mm-jjjj.",
        ATLANTIS,
    ]
    assert batch.invalid_count == 1


def test_import_valid_lines_imports_only_the_valid_ones():
    batch = run(
        csv_file(GOOD, "carla@voorbeeld.nl;Carla;;;;Atlantis;2025-03-14", GOOD_2),
        import_valid_lines=True,
    )
    assert batch.status == ImportBatch.Status.IMPORTED
    assert (batch.valid_count, batch.invalid_count, batch.created_count) == (2, 1, 2)
    assert batch.report == [
        {
            "line": 3,
            "message": ATLANTIS,
        }
    ]
    assert set(Completion.objects.values_list("person_key", flat=True)) == {
        person_key_for("anna@voorbeeld.nl"),
        person_key_for("bram@voorbeeld.nl"),
    }


def test_a_broken_line_does_not_claim_its_person():
    broken = "bram@voorbeeld.nl;Bram;;;;GM0344;gisteren"
    batch = run(csv_file(broken, GOOD_2), import_valid_lines=True)
    assert [entry["line"] for entry in batch.report] == [2]
    assert Completion.objects.get().person_key == person_key_for("bram@voorbeeld.nl")


def test_import_valid_lines_with_no_valid_line_imports_nothing():
    batch = run(csv_file("bram@voorbeeld.nl;Bram;;;;Atlantis;2025-03-14"), import_valid_lines=True)
    assert batch.status == ImportBatch.Status.REFUSED
    assert Completion.objects.count() == 0


# --- Reading what real exports look like -------------------------------------------------------


def test_windows_1252_file_with_accents_imports():
    Profession.objects.create(slug="beedigd-tolk", name="Beëdigd tolk")
    Profession.objects.create(slug="cafe", name="Café-medewerker")
    file = csv_file(
        "zoe@voorbeeld.nl;Zoë;Hélène;Gemeente;beëdigd tolk;Súdwest-Fryslân;01-02-2025",
        "rene@voorbeeld.nl;René;Brontë;;Café-medewerker;GM1900;2025-02-01",
        encoding="cp1252",
    )
    batch = run(file)
    assert batch.status == ImportBatch.Status.IMPORTED, batch.report
    assert batch.created_count == 2
    rows = Completion.objects.order_by("profession__name")
    assert [row.profession.name for row in rows] == ["Beëdigd tolk", "Café-medewerker"]
    assert {row.municipality.name for row in rows} == {"Súdwest-Fryslân"}
    assert rows[0].organisation_kind == "gemeente"


def test_utf8_with_byte_order_mark_and_commas():
    file = SimpleUploadedFile(
        "buit.csv",
        "\ufeffEMAIL,Voornaam,Achternaam,Gemeente,Afgerond_op\r\n"
        "zoe@voorbeeld.nl,Zoë,Hélène,Súdwest-Fryslân,2025-02-01\r\n".encode(),
        "text/csv",
    )
    batch = run(file)
    assert batch.status == ImportBatch.Status.IMPORTED, batch.report
    assert Completion.objects.get().municipality.cbs_code == "GM1900"


def test_semicolons_columns_in_any_order_and_both_date_formats():
    header = "afgerond_op;gemeente;email"
    batch = run(
        csv_file(
            "2025-03-14;gm0344;anna@voorbeeld.nl",
            "4-3-2025;0344;bram@voorbeeld.nl",
            header=header,
        )
    )
    assert batch.status == ImportBatch.Status.IMPORTED, batch.report
    days = {
        row.person_key: timezone.localtime(row.completed_at) for row in Completion.objects.all()
    }
    noon = time(12, tzinfo=None)
    assert days[person_key_for("anna@voorbeeld.nl")].date() == date(2025, 3, 14)
    assert days[person_key_for("bram@voorbeeld.nl")].date() == date(2025, 3, 4)
    assert all(moment.time() == noon for moment in days.values())


def test_a_completion_row_holds_the_key_and_where_the_person_worked_but_no_name():
    course = factories.CourseFactory(
        code="buit-basis", title="BUIT basis", certificate_validity_months=24
    )
    batch = run(csv_file(GOOD), course_code=course.code, source="BUIT e-learning")
    completion = Completion.objects.get()
    assert completion.person_key == person_key_for("anna@voorbeeld.nl")
    assert completion.user is None
    assert completion.course_code == "buit-basis"
    assert completion.course_title == "BUIT basis"
    assert completion.source == Completion.Source.IMPORT
    assert completion.import_source == "BUIT e-learning"
    assert completion.municipality == Municipality.objects.get(cbs_code="GM0344")
    assert completion.profession == Profession.objects.get(slug="jeugdprofessional")
    assert completion.organisation_kind == "jeugdzorg"
    expected = datetime(2025, 3, 14, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert completion.completed_at == expected
    assert completion.valid_until == date(2027, 3, 14)
    stored = " ".join(str(value) for value in Completion.objects.values().get().values())
    assert "Anna" not in stored and "Jansen" not in stored and "voorbeeld" not in stored
    assert "anna" not in str(batch.report) and not batch.file


def test_an_external_course_code_keeps_the_code_as_title_and_has_no_expiry():
    run(csv_file(GOOD), course_code="buit-extern")
    completion = Completion.objects.get()
    assert completion.course_title == "buit-extern"
    assert completion.valid_until is None


def test_unknown_profession_and_empty_municipality_are_stored_as_none():
    batch = run(csv_file("anna@voorbeeld.nl;Anna;Jansen;Bakkerij;Bakker;;2025-03-14"))
    assert batch.status == ImportBatch.Status.IMPORTED, batch.report
    completion = Completion.objects.get()
    assert completion.profession is None
    assert completion.municipality is None
    assert completion.organisation_kind == ""


# --- Once per person ------------------------------------------------------------------------


def test_importing_the_same_file_twice_creates_nothing_twice():
    first = run(csv_file(GOOD, GOOD_2))
    second = run(csv_file(GOOD, GOOD_2))
    assert (first.created_count, first.existing_count) == (2, 0)
    assert second.status == ImportBatch.Status.IMPORTED
    assert (second.created_count, second.existing_count) == (0, 2)
    assert second.file_sha256 == first.file_sha256
    assert Completion.objects.count() == 2


def test_a_person_with_a_platform_completion_is_existing_and_counts_once():
    course = factories.CourseFactory(code="buit-basis", title="BUIT basis")
    anna = UserFactory(email="Anna@Voorbeeld.nl")
    completion_record(
        person_key=anna.person_key,
        course_code=course.code,
        course_title=course.title,
        completed_at=timezone.now() - timedelta(days=30),
        source=Completion.Source.PLATFORM,
        user=anna,
        course=course,
    )
    batch = run(csv_file(GOOD, GOOD_2), course_code="buit-basis")
    assert (batch.created_count, batch.existing_count) == (1, 1)
    people = Completion.objects.filter(course_code="buit-basis").values("person_key").distinct()
    assert people.count() == 2
    assert Completion.objects.filter(course_code="buit-basis").count() == 2


def test_a_completion_of_another_course_code_does_not_make_a_person_existing():
    run(csv_file(GOOD), course_code="buit-basis")
    batch = run(csv_file(GOOD), course_code="buit-extern")
    assert (batch.created_count, batch.existing_count) == (1, 0)


def test_counters_are_invalidated_once_when_rows_were_created(django_capture_on_commit_callbacks):
    from courses.completion import completions_version

    before = completions_version()
    with django_capture_on_commit_callbacks(execute=True):
        run(csv_file(GOOD, GOOD_2))
    assert completions_version() == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        run(csv_file(GOOD, GOOD_2))  # everyone exists now: nothing to invalidate
    assert completions_version() == before + 1


def test_the_import_is_audited():
    user = UserFactory(email="programma@example.org", role="Programmateam")
    batch = run(csv_file(GOOD), user=user)
    events = AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT, actor=user).order_by(
        "at", "pk"
    )
    assert [event.details["stap"] for event in events] == [
        "gecontroleerd",
        "geïmporteerd",
    ]
    assert events.last().details["nieuw"] == 1
    assert events.last().details["import"] == str(batch.uuid)


def test_import_costs_no_query_per_line():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(count: int) -> list[str]:
        lines = [
            f"p{i}@{count}.nl;P;{i};Zorg;Arts of jeugdarts;GM0344;2025-03-14" for i in range(count)
        ]
        with CaptureQueriesContext(connection) as captured:
            batch = run(csv_file(*lines))
        assert batch.created_count == count
        # The inserts come in batches (their size depends on the database): the completions,
        # and the notes that their people's standings are due. All else is fixed.
        return [
            q["sql"]
            for q in captured
            if not (
                q["sql"].startswith("INSERT")
                and any(t in q["sql"][:60] for t in ('"courses_completion"', "standingdue"))
            )
        ]

    # 16: the import's own reads and writes, and settling its people's standings (2).
    assert len(queries(3000)) == len(queries(10)) <= 16


def test_bad_arguments_raise_a_validation_error():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        run(csv_file(GOOD), course_code="geen code")
    with pytest.raises(ValidationError):
        run(csv_file(GOOD), source=" ")


# --- Two steps: check, then import ------------------------------------------------------------


def test_validate_writes_nothing_and_run_imports_and_deletes_the_file():
    batch = import_batch_validate(file=csv_file(GOOD), source="BUIT", course_code="buit-extern")
    assert batch.status == ImportBatch.Status.VALIDATED
    assert Completion.objects.count() == 0
    stored = batch.file.name
    assert batch.file.storage.exists(stored)
    batch = imports.import_batch_run(batch)
    assert batch.status == ImportBatch.Status.IMPORTED
    assert Completion.objects.count() == 1
    assert not batch.file
    assert not ImportBatch.objects.get(pk=batch.pk).file
    again = imports.import_batch_run(batch)
    assert again.created_count == 1 and Completion.objects.count() == 1


def test_a_batch_checked_clean_but_with_new_errors_at_import_is_refused():
    municipality = Municipality.objects.create(cbs_code="GM9999", name="Nieuwegemeente")
    batch = import_batch_validate(
        file=csv_file("anna@voorbeeld.nl;Anna;;;;GM9999;2025-03-14", GOOD_2),
        source="BUIT",
        course_code="buit-extern",
    )
    assert batch.status == ImportBatch.Status.VALIDATED
    municipality.delete()
    batch = imports.import_batch_run(batch)
    assert batch.status == ImportBatch.Status.REFUSED
    assert Completion.objects.count() == 0


# --- The management command -------------------------------------------------------------------


def import_command(path, out, *options):
    """manage.py import_completions PATH --source BUIT --course buit-extern [OPTIONS]."""
    call_command(
        "import_completions", str(path), "--source", "BUIT", "--course", "buit-extern",
        *options, stdout=out,
    )  # fmt: skip


def test_management_command_imports_and_prints_a_summary(tmp_path):
    path = tmp_path / "buit.csv"
    path.write_bytes(f"{HEADER}\n{GOOD}\n{GOOD_2}\n".encode())
    out = StringIO()
    import_command(path, out)
    assert "Regels gelezen: 2. Nieuwe afrondingen: 2, al bekend: 0" in out.getvalue()
    assert Completion.objects.filter(import_source="BUIT").count() == 2


def test_management_command_refuses_with_the_report_and_a_non_zero_exit(tmp_path):
    path = tmp_path / "buit.csv"
    path.write_bytes(f"{HEADER}\n{GOOD}\nbram@voorbeeld.nl;B;;;;Atlantis;2025-03-14\n".encode())
    out = StringIO()
    with pytest.raises(CommandError) as refused:
        import_command(path, out)
    assert "Regel 3: Onbekende gemeente 'Atlantis'" in out.getvalue()
    assert "Er is niets geïmporteerd" in str(refused.value)
    assert "--alleen-geldige" in str(refused.value)
    assert Completion.objects.count() == 0
    import_command(path, out, "--alleen-geldige")
    assert Completion.objects.count() == 1


def test_management_command_refuses_a_whole_file_error(tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_bytes(b"")
    out = StringIO()
    with pytest.raises(CommandError):
        import_command(path, out)
    assert "Het bestand is leeg." in out.getvalue()


# --- The admin: upload, report, confirm -----------------------------------------------------


LIST = "/beheer/rapportage/imports/"
UPLOAD = "/beheer/rapportage/imports/nieuw/"


def upload(client, *lines, valid_only=False):
    data = {"source": "BUIT e-learning", "course_code": "buit-extern", "file": csv_file(*lines)}
    if valid_only:
        data["import_valid_lines"] = "on"
    return client.post(UPLOAD, data)


def test_programme_team_uploads_reads_the_report_and_confirms(
    client, programme_user, django_capture_on_commit_callbacks
):
    client.force_login(programme_user)
    assert client.get(LIST).status_code == 200
    assert client.get(UPLOAD).status_code == 200
    response = upload(client, GOOD, GOOD_2)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{batch.uuid}/"
    assert batch.status == ImportBatch.Status.VALIDATED
    assert batch.uploaded_by == programme_user
    assert Completion.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "2 nieuwe afrondingen importeren" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{LIST}{batch.uuid}/importeren/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert batch.created_count == 2
    assert Completion.objects.count() == 2
    assert not batch.file
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.IMPORT, actor=programme_user, details__stap="geïmporteerd"
    ).exists()
    assert "buit.csv" in client.get(LIST).content.decode()
    # A second confirmation changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{LIST}{batch.uuid}/importeren/")
    assert Completion.objects.count() == 2


def test_the_import_list_shows_each_files_counts_without_reading_their_reports(
    client, programme_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    broken = [f"bram{n}@voorbeeld.nl;Bram;;;;Atlantis;2025-03-14" for n in range(300)]
    import_batch_validate(file=csv_file(*broken), source="BUIT", course_code="buit-extern")
    client.force_login(programme_user)
    client.get(LIST)
    with CaptureQueriesContext(connection) as one_file:
        html = client.get(LIST).content.decode()
    assert "buit.csv" in html and "<td>300</td>" in html  # lines and invalid lines
    import_batch_validate(file=csv_file(*broken), source="BUIT", course_code="buit-extern")
    with CaptureQueriesContext(connection) as two_files:
        client.get(LIST)
    assert len(two_files) == len(one_file)
    selected = [q["sql"] for q in two_files if "reporting_importbatch" in q["sql"]]
    assert selected and not any('"report"' in sql for sql in selected)


def test_admin_upload_with_invalid_lines_is_refused_and_valid_lines_can_be_chosen(
    client, programme_user, django_capture_on_commit_callbacks
):
    client.force_login(programme_user)
    upload(client, GOOD, "bram@voorbeeld.nl;Bram;;;;Atlantis;2025-03-14")
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.REFUSED
    page = client.get(f"{LIST}{batch.uuid}/").content.decode()
    assert "Onbekende gemeente" in page
    assert "Alleen de 1 geldige regel importeren" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{LIST}{batch.uuid}/importeren/")
    assert Completion.objects.count() == 0  # the plain confirmation is not enough
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{LIST}{batch.uuid}/importeren/", {"import_valid_lines": "on"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert Completion.objects.count() == 1


def test_admin_upload_choosing_valid_lines_at_upload(
    client, programme_user, django_capture_on_commit_callbacks
):
    client.force_login(programme_user)
    upload(client, GOOD, "bram@voorbeeld.nl;Bram;;;;Atlantis;2025-03-14", valid_only=True)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.VALIDATED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{LIST}{batch.uuid}/importeren/")
    assert Completion.objects.count() == 1


def test_admin_upload_of_a_broken_file_shows_the_reason(client, programme_user):
    client.force_login(programme_user)
    client.post(
        UPLOAD,
        {
            "source": "BUIT",
            "course_code": "buit-extern",
            "file": SimpleUploadedFile("leeg.csv", b"", "text/csv"),
        },
    )
    batch = ImportBatch.objects.get()
    page = client.get(f"{LIST}{batch.uuid}/").content.decode()
    assert "Het bestand is leeg." in page
    assert "importeren</button>" not in page


@pytest.mark.parametrize("role_user", ["learner", "vng_user", "trainer"])
def test_people_without_admin_access_are_sent_to_log_in(client, request, role_user):
    user = request.getfixturevalue(role_user)
    client.force_login(user)
    for path in (LIST, UPLOAD):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/beheer/login/") or response["Location"].startswith(
            "/accounts/login/"
        )
    upload(client, GOOD)
    assert ImportBatch.objects.count() == 0


def test_coordinator_with_admin_access_is_denied(client, coordinator, programme_user):
    batch = import_batch_validate(file=csv_file(GOOD), source="BUIT", course_code="buit-extern")
    client.force_login(coordinator)
    for path in (LIST, UPLOAD, f"{LIST}{batch.uuid}/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, "/beheer/")
    response = client.post(f"{LIST}{batch.uuid}/importeren/")
    assert (response.status_code, response["Location"]) == (302, "/beheer/")
    upload(client, GOOD)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.VALIDATED
    assert ImportBatch.objects.count() == 1
    assert Completion.objects.count() == 0


def test_menu_item_only_for_the_permission(client, programme_user, coordinator):
    client.force_login(programme_user)
    assert LIST in client.get("/beheer/").content.decode()
    client.force_login(coordinator)
    assert LIST not in client.get("/beheer/").content.decode()


def test_unknown_batch_is_not_found(client, programme_user):
    client.force_login(programme_user)
    assert client.get(f"{LIST}00000000-0000-0000-0000-000000000000/").status_code == 404


def test_the_sweep_queues_a_batch_whose_task_was_lost(
    programme_user, django_capture_on_commit_callbacks
):
    # Changed with issue 18: the outbox's one sweep replaces import_batch_pending_sweep.
    from elearning.models import OutboxEntry
    from elearning.outbox import outbox_sweep

    batch = import_batch_validate(file=csv_file(GOOD), source="BUIT", course_code="buit-extern")
    imports.import_batch_queue(batch=batch, user=programme_user)  # its task is lost: no commit
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PENDING
    OutboxEntry.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep() == 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert Completion.objects.count() == 1
    assert OutboxEntry.objects.get().done_at is not None


def test_the_task_is_registered_with_celery():
    from elearning.celery import app

    app.loader.import_default_modules()
    assert "reporting.imports.import_batch_run_task" in app.tasks
    assert "elearning.tasks.outbox_sweep_task" in app.tasks


def test_erasing_an_account_takes_its_line_out_of_a_batch_waiting_for_confirmation():
    from accounts.privacy import account_erase

    person = UserFactory(email="Anna@Voorbeeld.nl", first_name="Anna", last_name="Jansen")
    bad = "carla@voorbeeld.nl;Carla;Jansen;;;Atlantis;2025-03-14"
    batch = import_batch_validate(
        file=csv_file(GOOD, GOOD_2, bad),
        source="BUIT e-learning",
        course_code="buit-extern",
        import_valid_lines=True,
    )
    assert batch.status == ImportBatch.Status.VALIDATED
    with batch.file.open("rb") as stored:
        assert b"anna@voorbeeld.nl" in stored.read()

    account_erase(user=person)

    batch.refresh_from_db()
    with batch.file.open("rb") as stored:
        content = stored.read().decode()
    assert "anna@voorbeeld.nl" not in content.casefold()
    assert "Anna" not in content
    # Another person with the same surname keeps their line, and the rest still imports.
    assert "carla@voorbeeld.nl" in content and "bram@voorbeeld.nl" in content
    imports.import_batch_run(batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert set(Completion.objects.values_list("person_key", flat=True)) == {
        person_key_for("bram@voorbeeld.nl")
    }
