"""The NL Design System files the site serves (static/vendor/, committed) are exactly those of
the npm packages in package.json: checked here, where `make test-e2e` has just run `npm ci`."""

import importlib.util

from tests.e2e.browsing import ROOT


def test_vendored_assets_equal_node_modules():
    spec = importlib.util.spec_from_file_location(
        "vendor_assets", ROOT / "scripts/vendor_assets.py"
    )
    vendor_assets = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor_assets)
    assert vendor_assets.VENDORED, "no vendored files listed"
    assert vendor_assets.differences() == [], "draai `make assets` en commit static/vendor/"
