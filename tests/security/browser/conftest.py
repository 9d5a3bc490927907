"""The browser tests' server and Chromium, shared with tests/e2e (one of each per run)."""

from tests.e2e.conftest import browser, camera, new_context, server  # noqa: F401
