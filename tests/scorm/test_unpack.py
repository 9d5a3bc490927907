"""Uploading packages: the good ones become numbered versions, every bad one is refused with a
Dutch reason and leaves no file and no row behind."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from scorm.fixtures import bad_packages, scorm_12, scorm_2004
from scorm.models import PackageVersion, ScormPackage
from scorm.services import package_version_create
from scorm.unpack import PackageRefused, package_extract, package_inspect

REASONS = {
    "traversal": "buiten het pakket",
    "absolute": "absoluut pad",
    "drive_letter": "stationsletter",
    "backslash": "backslash",
    "symlink": "symbolische koppeling",
    "zip_bomb": "gecomprimeerd",
    "too_many_entries": "meer dan 50 bestanden",
    "billion_laughs": "DTD of entiteiten",
    "external_entity": "DTD of entiteiten",
    "missing_manifest": "geen imsmanifest.xml",
    "invalid_manifest": "geen geldige XML",
    "launch_missing": "staat niet in het pakket",
    "not_a_zip": "geen geldig zip-bestand",
}


@pytest.fixture
def limits(settings):
    settings.SCORM_MAX_ENTRIES = 50
    settings.SCORM_MAX_TOTAL_BYTES = 100 * 1024 * 1024
    settings.SCORM_MAX_COMPRESSION_RATIO = 100


def _files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_bad_package_set_is_complete():
    assert set(bad_packages()) == set(REASONS)


@pytest.mark.parametrize("name", sorted(REASONS))
def test_every_bad_package_is_refused_with_its_reason_and_nothing_stored(
    db, settings, limits, name
):
    data = bad_packages()[name]
    with pytest.raises(PackageRefused) as refused:
        package_version_create(package=None, file=io.BytesIO(data))
    message = refused.value.messages[0]
    assert message.startswith("Het pakket is geweigerd:")
    assert REASONS[name] in message
    assert "niets opgeslagen" in message
    assert ScormPackage.objects.count() == 0
    assert PackageVersion.objects.count() == 0
    assert _files(settings) == []


def test_a_refused_new_version_keeps_the_package_and_its_files(db, settings, limits):
    version = package_version_create(package=None, file=io.BytesIO(scorm_2004()))
    before = sorted(_files(settings))
    with pytest.raises(PackageRefused):
        package_version_create(package=version.package, file=io.BytesIO(bad_packages()["symlink"]))
    assert version.package.versions.count() == 1
    assert sorted(_files(settings)) == before


def test_scorm_2004_package_is_read_and_stored(db, settings, limits):
    version = package_version_create(
        package=None, file=SimpleUploadedFile("signalen.zip", scorm_2004())
    )
    assert version.number == 1
    assert version.scorm_version == "2004"
    assert version.launch == "sco/index.html"
    assert version.passing_scaled == Decimal("0.8")
    assert version.package.title == "Signalen herkennen (SCORM 2004)"
    stored = {p.relative_to(Path(settings.MEDIA_ROOT)).as_posix() for p in _files(settings)}
    prefix = f"scorm/{version.uuid}"
    assert stored == {f"{prefix}/imsmanifest.xml", f"{prefix}/sco/index.html"}


def test_scorm_12_mastery_score_and_each_upload_a_new_version(db, limits):
    first = package_version_create(package=None, file=io.BytesIO(scorm_12()))
    second = package_version_create(package=first.package, file=io.BytesIO(scorm_12()))
    assert (first.scorm_version, first.mastery_score) == ("1.2", Decimal(80))
    assert (first.number, second.number) == (1, 2)
    assert first.package.current_version() == second
    assert first.storage_prefix != second.storage_prefix


def test_a_header_that_lies_about_its_size_is_caught_while_extracting(db, settings, limits):
    """Limits are checked on the real bytes too, not only on what the zip directory says."""
    data = scorm_12()
    inspected = package_inspect(io.BytesIO(data))
    inspected.members[-1].file_size = 10  # the directory now claims less than the data holds
    with pytest.raises(PackageRefused):
        package_extract(io.BytesIO(data), inspected, storage=default_storage, prefix="scorm/x")
    assert _files(settings) == []
