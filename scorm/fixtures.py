"""Test packages, made in code: a minimal SCORM 1.2 and SCORM 2004 package whose SCO calls the
API, a SCORM 2004 package of two SCOs, and the bad packages every upload must refuse. Used by
the tests and by scripts/make_scorm_fixtures.py (which writes them to a folder for trying by hand).
"""

from __future__ import annotations

import io
import stat
import zipfile

SCO_2004 = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Signalen herkennen</title></head>
<body>
<main>
<h1 id="kop">Signalen herkennen</h1>
<p id="stap">Stap 1 van 2</p>
<button type="button" id="volgende">Volgende</button>
<button type="button" id="afronden" hidden>Afronden</button>
</main>
<script>
var api = window.API_1484_11;
api.Initialize("");
api.SetValue("cmi.completion_status", "incomplete");
function toStep2() {
  document.getElementById("stap").textContent = "Stap 2 van 2";
  document.getElementById("volgende").hidden = true;
  document.getElementById("afronden").hidden = false;
}
if (api.GetValue("cmi.location") === "stap-2") { toStep2(); }
document.getElementById("volgende").addEventListener("click", function () {
  api.SetValue("cmi.location", "stap-2");
  api.SetValue("cmi.suspend_data", "antwoorden=1");
  toStep2();
});
document.getElementById("afronden").addEventListener("click", function () {
  api.SetValue("cmi.score.scaled", "0.9");
  api.SetValue("cmi.completion_status", "completed");
  api.SetValue("cmi.success_status", "passed");
  api.SetValue("cmi.session_time", "PT2M30S");
  api.Commit("");
  api.Terminate("");
  document.getElementById("stap").textContent = "Afgerond";
});
</script>
</body></html>
"""

SCO_12 = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Les 1.2</title></head>
<body><main><h1>Les</h1><button type="button" id="afronden">Afronden</button></main>
<script>
var api = window.API;
api.LMSInitialize("");
document.getElementById("afronden").addEventListener("click", function () {
  api.LMSSetValue("cmi.core.score.raw", "85");
  api.LMSSetValue("cmi.core.lesson_status", "passed");
  api.LMSCommit("");
  api.LMSFinish("");
});
</script></body></html>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="lp.test.2004" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Signalen herkennen (SCORM 2004)</title>
      <item identifier="item1" identifierref="res1">
        <title>Signalen herkennen</title>
        <imsss:sequencing><imsss:objectives>
          <imsss:primaryObjective objectiveID="po" satisfiedByMeasure="true">
            <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
          </imsss:primaryObjective>
        </imsss:objectives></imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormType="sco" href="sco/index.html">
      <file href="sco/index.html"/>
    </resource>
  </resources>
</manifest>
"""

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="lp.test.12" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Les (SCORM 1.2)</title>
      <item identifier="item1" identifierref="res1">
        <title>Les</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""


MANIFEST_2004_MULTI = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="lp.test.2004.multi" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Mensenhandel in de praktijk (SCORM 2004, twee onderdelen)</title>
      <item identifier="blok1">
        <title>Deel 1: herkennen</title>
        <item identifier="signalen" identifierref="res-signalen">
          <title>Signalen herkennen</title>
          <imsss:sequencing><imsss:objectives>
            <imsss:primaryObjective objectiveID="po" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives></imsss:sequencing>
        </item>
      </item>
      <item identifier="melden" identifierref="res-melden">
        <title>Melden en doorverwijzen</title>
      </item>
      <imsss:sequencing>
        <imsss:rollupRules rollupObjectiveSatisfied="true" rollupProgressCompletion="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-signalen" type="webcontent" adlcp:scormType="sco"
      href="signalen/index.html"><file href="signalen/index.html"/></resource>
    <resource identifier="res-melden" type="webcontent" adlcp:scormType="sco"
      href="melden/index.html?deel=2"><file href="melden/index.html"/></resource>
  </resources>
</manifest>
"""


def _zip(files: dict[str, bytes | str], *, symlinks: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3  # Unix, so the mode bits below are read
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def scorm_2004() -> bytes:
    return _zip({"imsmanifest.xml": MANIFEST_2004, "sco/index.html": SCO_2004})


def scorm_2004_multi() -> bytes:
    """A SCORM 2004 package of two SCOs under a heading, each calling the API."""
    return _zip(
        {
            "imsmanifest.xml": MANIFEST_2004_MULTI,
            "signalen/index.html": SCO_2004,
            "melden/index.html": SCO_2004.replace("Signalen herkennen", "Melden"),
        }
    )


def scorm_12() -> bytes:
    return _zip({"imsmanifest.xml": MANIFEST_12, "index.html": SCO_12})


def bad_packages() -> dict[str, bytes]:
    """Every package an upload must refuse, by what is wrong with it."""
    good = {"imsmanifest.xml": MANIFEST_12, "index.html": SCO_12}
    billion_laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE manifest [\n<!ENTITY a "ha">\n'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(9))
        + "]>\n<manifest>&j;</manifest>"
    )
    external = (
        '<?xml version="1.0"?>\n<!DOCTYPE manifest [\n'
        '<!ENTITY geheim SYSTEM "file:///etc/passwd">\n]>\n<manifest>&geheim;</manifest>'
    )
    return {
        "traversal": _zip({**good, "../../buiten.html": "x"}),
        "absolute": _zip({**good, "/etc/cron.d/x": "x"}),
        "drive_letter": _zip({**good, "C:/windows/x.html": "x"}),
        "backslash": _zip({**good, "sco\\..\\x.html": "x"}),
        "symlink": _zip(good, symlinks={"link.html": "/etc/passwd"}),
        "zip_bomb": _zip({**good, "bom.txt": b"\0" * (50 * 1024 * 1024)}),
        "too_many_entries": _zip({**good, **{f"f/{i}.txt": "x" for i in range(60)}}),
        "billion_laughs": _zip({**good, "imsmanifest.xml": billion_laughs}),
        "external_entity": _zip({**good, "imsmanifest.xml": external}),
        "missing_manifest": _zip({"index.html": SCO_12}),
        "invalid_manifest": _zip({**good, "imsmanifest.xml": "<manifest><niet-af>"}),
        "launch_missing": _zip({"imsmanifest.xml": MANIFEST_12, "andere.html": SCO_12}),
        "not_a_zip": b"dit is geen zip",
    }
