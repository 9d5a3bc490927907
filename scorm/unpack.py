"""Checking and unpacking an uploaded SCORM zip, refusing the whole package on any doubt.

Everything that can be judged from the zip's directory (names, links, counts, declared sizes and
ratio) is judged before a single byte is extracted; extraction then streams each member in
chunks and counts the bytes it really gets, so a lying header cannot push past the limits
either. The manifest is parsed with defusedxml with DTDs forbidden: no entity expansion (billion
laughs) and no external entities. A refusal is a PackageRefused with a Dutch reason, and leaves
nothing behind.
"""

from __future__ import annotations

import posixpath
import re
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage
from django.utils.translation import gettext as _

from elearning.errors import DomainError

MANIFEST = "imsmanifest.xml"
CHUNK = 64 * 1024


class PackageRefused(DomainError):
    """The package is refused as a whole; the message says why, in Dutch."""


@dataclass(frozen=True)
class Limits:
    max_entries: int
    max_total_bytes: int
    max_ratio: int
    max_manifest_bytes: int = 2 * 1024 * 1024

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_entries=settings.SCORM_MAX_ENTRIES,
            max_total_bytes=settings.SCORM_MAX_TOTAL_BYTES,
            max_ratio=settings.SCORM_MAX_COMPRESSION_RATIO,
        )


@dataclass(frozen=True)
class Manifest:
    scorm_version: str  # "1.2" or "2004"
    title: str
    launch: str  # path inside the package, without query string
    launch_query: str
    mastery_score: Decimal | None  # SCORM 1.2: raw score 0-100
    passing_scaled: Decimal | None  # SCORM 2004: minimum normalised measure, -1..1
    # The default organisation's items in order, as the learner's table of contents: each
    # {"identifier", "title", "depth", "launch", "query", "mastery_score", "passing_scaled"};
    # an item without a launch is a heading over the SCOs below it. The fields above are the
    # first SCO's.
    organisation: tuple = ()

    @property
    def scos(self) -> list[dict]:
        return [item for item in self.organisation if item["launch"]]


@dataclass(frozen=True)
class Inspected:
    manifest: Manifest
    members: list[zipfile.ZipInfo]
    total_bytes: int


_DRIVE = re.compile(r"^[A-Za-z]:")


def _name_problem(name: str) -> str:
    if "\\" in name:
        return _("het pakket bevat een bestandsnaam met een backslash (%(name)s)") % {"name": name}
    if _DRIVE.match(name):
        return _("het pakket bevat een pad met een stationsletter (%(name)s)") % {"name": name}
    if name.startswith("/"):
        return _("het pakket bevat een absoluut pad (%(name)s)") % {"name": name}
    if ".." in name.split("/"):
        return _("het pakket bevat een pad dat buiten het pakket wijst (%(name)s)") % {"name": name}
    if "\x00" in name or any(ord(c) < 32 for c in name):
        return _("het pakket bevat een ongeldige bestandsnaam")
    return ""


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    # Unix attributes live in the high 16 bits; only zips made on Unix carry them.
    return stat.S_ISLNK(info.external_attr >> 16)


def _refuse(reason: str) -> PackageRefused:
    return PackageRefused(
        _("Het pakket is geweigerd: %(reason)s. Er is niets opgeslagen.") % {"reason": reason}
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _attr(element: Element, name: str) -> str:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return ""


def _decimal(text: str | None) -> Decimal | None:
    if text is None or not text.strip():
        return None
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def _version(root: Element) -> str:
    for metadata in _children(root, "metadata"):
        for schemaversion in _children(metadata, "schemaversion"):
            text = (schemaversion.text or "").strip()
            if text == "1.2":
                return "1.2"
            if "2004" in text or text == "CAM 1.3":
                return "2004"
    namespaces = set(root.attrib) | {root.tag}
    text = " ".join(namespaces) + " " + " ".join(str(v) for v in root.attrib.values())
    if "adlcp_v1p3" in text or "imsss" in text:
        return "2004"
    if "adlcp_rootv1p2" in text:
        return "1.2"
    return ""


def manifest_parse(data: bytes) -> Manifest:
    """Read what the platform needs from imsmanifest.xml. Raises PackageRefused."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise _refuse(
            _("het manifest (imsmanifest.xml) bevat een DTD of entiteiten, dat is niet toegestaan")
        ) from None
    except (ParseError, ValueError):
        raise _refuse(_("het manifest (imsmanifest.xml) is geen geldige XML")) from None
    if _local(root.tag) != "manifest":
        raise _refuse(_("het manifest (imsmanifest.xml) heeft geen <manifest>-element"))
    version = _version(root)
    if not version:
        raise _refuse(_("het manifest zegt niet of het SCORM 1.2 of SCORM 2004 is"))
    organizations = next(iter(_children(root, "organizations")), None)
    resources = next(iter(_children(root, "resources")), None)
    if organizations is None or resources is None:
        raise _refuse(_("het manifest mist <organizations> of <resources>"))
    orgs = _children(organizations, "organization")
    default = organizations.get("default", "")
    organization = next((o for o in orgs if o.get("identifier") == default), None) or (
        orgs[0] if orgs else None
    )
    if organization is None:
        raise _refuse(_("het manifest bevat geen organisatie"))
    title_el = next(iter(_children(organization, "title")), None)
    title = (title_el.text or "").strip() if title_el is not None else ""

    def items(element: Element, depth: int = 0):
        for item in _children(element, "item"):
            yield item, depth
            yield from items(item, depth + 1)

    by_id = {r.get("identifier", ""): r for r in _children(resources, "resource")}
    organisation = []
    for item, depth in items(organization):
        item_title = (next((c.text for c in item if _local(c.tag) == "title"), None) or "").strip()
        entry = {
            "identifier": item.get("identifier", "")[:200],
            "title": item_title[:200],
            "depth": depth,
            "launch": "",
            "query": "",
            "mastery_score": None,
            "passing_scaled": None,
        }
        organisation.append(entry)
        resource = by_id.get(item.get("identifierref", ""))
        if resource is None or not resource.get("href"):
            continue
        base = resources.get(_xml_base_key(resources), "") + resource.get(
            _xml_base_key(resource), ""
        )
        href = base + resource.get("href", "")
        launch, _sep, query = href.partition("?")
        launch = posixpath.normpath(launch.split("#", 1)[0]).lstrip("./") if launch else ""
        if launch.startswith("..") or launch.startswith("/") or not launch:
            raise _refuse(_("het startbestand in het manifest wijst buiten het pakket"))
        if version == "1.2":
            mastery = _decimal(
                next((c.text for c in item if _local(c.tag) == "masteryscore"), None)
            )
            entry["mastery_score"] = None if mastery is None else str(mastery)
        else:
            passing = _passing_scaled(item)
            entry["passing_scaled"] = None if passing is None else str(passing)
        entry["launch"] = launch
        entry["query"] = (query + (item.get("parameters", "") or "").lstrip("?&"))[:500]
    scos = [entry for entry in organisation if entry["launch"]]
    if not scos:
        raise _refuse(_("het manifest wijst geen startbestand (SCO) aan"))
    if len({entry["identifier"] for entry in scos}) != len(scos):
        raise _refuse(_("het manifest noemt twee onderdelen met hetzelfde identifier"))
    first = scos[0]
    return Manifest(
        scorm_version=version,
        title=(title or first["title"]).strip()[:200],
        launch=first["launch"],
        launch_query=first["query"],
        mastery_score=_decimal(first["mastery_score"]),
        passing_scaled=_decimal(first["passing_scaled"]),
        organisation=tuple(organisation),
    )


def _xml_base_key(element: Element) -> str:
    return "{http://www.w3.org/XML/1998/namespace}base"


def _passing_scaled(item: Element) -> Decimal | None:
    for sequencing in (c for c in item if _local(c.tag) == "sequencing"):
        for objectives in _children(sequencing, "objectives"):
            for primary in _children(objectives, "primaryObjective"):
                if primary.get("satisfiedByMeasure", "").lower() != "true":
                    continue
                for measure in _children(primary, "minNormalizedMeasure"):
                    return _decimal(measure.text)
    return None


def package_inspect(file, *, limits: Limits | None = None) -> Inspected:
    """Judge a zip from its directory and manifest, extracting nothing. Raises PackageRefused."""
    limits = limits or Limits.from_settings()
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(_("het bestand is geen geldig zip-bestand")) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise _refuse(
                _("het pakket bevat meer dan %(max)s bestanden") % {"max": limits.max_entries}
            )
        total = compressed = 0
        members = []
        names = set()
        for info in infos:
            problem = _name_problem(info.filename)
            if problem:
                raise _refuse(problem)
            if _is_symlink(info):
                raise _refuse(
                    _("het pakket bevat een symbolische koppeling (%(name)s)")
                    % {"name": info.filename}
                )
            if info.flag_bits & 0x1:
                raise _refuse(_("het pakket bevat versleutelde bestanden"))
            total += info.file_size
            compressed += info.compress_size
            if info.is_dir():
                continue
            names.add(info.filename)
            members.append(info)
        if total > limits.max_total_bytes:
            raise _refuse(
                _("het uitgepakte pakket zou groter zijn dan %(mb)s MB")
                % {"mb": limits.max_total_bytes // (1024 * 1024)}
            )
        if total > 0 and total > limits.max_ratio * max(compressed, 1):
            raise _refuse(
                _("het pakket is verdacht sterk gecomprimeerd (meer dan %(ratio)s keer)")
                % {"ratio": limits.max_ratio}
            )
        if MANIFEST not in names:
            raise _refuse(_("het pakket bevat geen imsmanifest.xml in de hoofdmap"))
        manifest_info = archive.getinfo(MANIFEST)
        if manifest_info.file_size > limits.max_manifest_bytes:
            raise _refuse(_("het manifest (imsmanifest.xml) is te groot"))
        data = _read_limited(archive, manifest_info, limits.max_manifest_bytes)
        manifest = manifest_parse(data)
        for sco in manifest.scos:
            if sco["launch"] not in names:
                raise _refuse(
                    _("het startbestand %(name)s uit het manifest staat niet in het pakket")
                    % {"name": sco["launch"]}
                )
    return Inspected(manifest=manifest, members=members, total_bytes=total)


def _read_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    chunks, size = [], 0
    with archive.open(info) as source:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise _refuse(_("het manifest (imsmanifest.xml) is te groot"))
            chunks.append(chunk)
    return b"".join(chunks)


def package_extract(
    file, inspected: Inspected, *, storage: Storage, prefix: str, limits: Limits | None = None
) -> list[str]:
    """Stream the members into `storage` under `prefix`; returns the stored names.

    Counts real bytes against the member's declared size and the total limit; on any refusal
    or error every file written so far is deleted before raising.
    """
    limits = limits or Limits.from_settings()
    written: list[str] = []
    total = 0
    try:
        with zipfile.ZipFile(file) as archive:
            for info in inspected.members:
                size = 0
                with (
                    archive.open(info) as source,
                    tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as buffer,
                ):
                    while chunk := source.read(CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > info.file_size or total > limits.max_total_bytes:
                            raise _refuse(_("het pakket pakt groter uit dan het zelf opgeeft"))
                        buffer.write(chunk)
                    buffer.seek(0)
                    name = f"{prefix}/{info.filename}"
                    stored = storage.save(name, File(buffer))
                written.append(stored)
                if stored != name:  # the storage renamed it: the package would not find it
                    raise _refuse(_("het pakket bevat een bestand dat twee keer voorkomt"))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        for name in written:
            storage.delete(name)
        raise _refuse(_("het pakket is beschadigd of gebruikt een onbekende compressie")) from error
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    return written
