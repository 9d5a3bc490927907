"""What a person does in the browser tests: visit, log in, read mail, photograph, run axe."""

from __future__ import annotations

import base64
import email
import hashlib
import hmac
import json
import re
import shutil
import struct
import subprocess
import time
from dataclasses import dataclass, field
from email import policy
from pathlib import Path

E2E_DIR = Path(__file__).resolve().parent
ROOT = E2E_DIR.parent.parent
SCREENSHOTS = E2E_DIR / "screenshots"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "Leerplatform-demo-2026"
DEMO_TOTP_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
LEARNER_PASSWORD = "Een-lang-e2e-wachtwoord-2026"


@dataclass
class Server:
    url: str
    folder: Path
    mail_dir: Path
    log: Path
    process: subprocess.Popen
    env: dict = field(repr=False)

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


class Camera:
    """Numbered full-page screenshots per test, so a failed journey can be read back."""

    def __init__(self, folder: Path):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.count = 0

    def snap(self, page, label: str) -> Path:
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "pagina"
        path = self.folder / f"{self.count:02d}-{slug}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


def visit(page, camera: Camera, path: str, label: str | None = None, *, status: int | None = None):
    """Open a path like a person following a link, check it did not fail, photograph it.

    `status` is the expected HTTP status when it is not a success (a 404 page is a page too).
    """
    response = page.goto(path)
    if status is not None:
        assert response is not None and response.status == status
        camera.snap(page, label or path)
        return response
    assert response is not None and response.status < 400, (
        f"{path} gaf HTTP {response.status if response else 'geen antwoord'}"
    )
    camera.snap(page, label or path)
    return response


def totp_code(secret: str, at: float | None = None) -> str:
    """RFC 6238 with the defaults allauth uses (SHA-1, 6 digits, 30 s)."""
    counter = int((time.time() if at is None else at) // 30)
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


_last_totp_step: dict[str, int] = {}


def _fresh_totp(email_address: str, secret: str) -> str:
    """A code not used before for this person (allauth refuses a code twice) that stays valid
    long enough to reach the server (allauth allows no clock drift by default)."""
    step = int(time.time() // 30)
    if _last_totp_step.get(email_address) == step or 30 - time.time() % 30 < 4:
        time.sleep(30 - time.time() % 30 + 0.5)
        step = int(time.time() // 30)
    _last_totp_step[email_address] = step
    return totp_code(secret)


def log_in(page, camera: Camera, email_address: str, password: str, *, totp: str | None = None):
    """Log in through the form; staff type the code of their authenticator app as well."""
    visit(page, camera, "/accounts/login/", f"inloggen {email_address}")
    page.locator("#id_login").fill(email_address)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    if totp:
        code_field = page.locator("input[name=code]")
        code_field.wait_for()
        camera.snap(page, f"tweestapsverificatie {email_address}")
        code_field.fill(_fresh_totp(email_address, totp))
        with page.expect_navigation():
            page.locator("form:has(input[name=code]) button[type=submit]").first.click()
        assert "/2fa/authenticate/" not in page.url, (
            f"De TOTP-code van {email_address} werd geweigerd"
        )
    camera.snap(page, f"ingelogd {email_address}")
    assert "/accounts/login/" not in page.url, f"Inloggen van {email_address} mislukte"


_staff_cookies: dict[str, list] = {}


def log_in_staff(page, camera: Camera, email_address: str):
    """A demo staff member with password and TOTP code; later in the run the same session.

    allauth accepts a TOTP code once, so a second log-in within the same 30 s would have to
    wait for the next code; reusing the session cookie of the first log-in spares that wait.
    """
    if email_address in _staff_cookies:
        page.context.add_cookies(_staff_cookies[email_address])
        visit(page, camera, "/", f"weer ingelogd {email_address}")
        if page.get_by_role("button", name="Uitloggen").count():
            return
        page.context.clear_cookies()
    log_in(page, camera, email_address, DEMO_PASSWORD, totp=DEMO_TOTP_SECRET)
    _staff_cookies[email_address] = page.context.cookies()


def log_out(page, camera: Camera):
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    camera.snap(page, "uitgelogd")
    assert page.get_by_role("link", name="Inloggen").count() >= 1


def read_mail(server: Server, to: str) -> list[email.message.EmailMessage]:
    """Every message the server wrote to `to`, oldest first (filebased backend)."""
    messages = []
    for path in sorted(server.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk.lstrip(), policy=policy.default)
            if to.lower() in str(message.get("To", "")).lower():
                messages.append(message)
    return messages


def mail_text(message) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def axe_violations(page, axe_source: str) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations of the page as it is now."""
    # Evaluated over the DevTools protocol, so the page's strict CSP (no inline scripts without
    # its nonce) does not block it and the page is tested with its real policy in force.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: (n.failureSummary || '').slice(0, 300)})),
            }));
        }""",
        WCAG_TAGS,
    )


def assert_accessible(page, axe_source: str, camera: Camera, label: str):
    camera.snap(page, f"axe {label}")
    violations = axe_violations(page, axe_source)
    assert not violations, f"axe vond op {label} ({page.url}):\n" + json.dumps(
        violations, indent=1, ensure_ascii=False
    )
