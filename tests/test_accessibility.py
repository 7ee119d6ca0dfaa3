"""Every page of the built site passes axe-core with no serious or critical violations."""

from __future__ import annotations

import pytest

from conftest import ROOT, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"


def test_no_serious_or_critical_violations(page, site, site_url):
    assert AXE.is_file(), f"{AXE} missing: run `make test` (it runs npm ci in tests/a11y)"
    failures = []
    pages = site_pages(site)
    assert len(pages) >= 25
    for relative in pages:
        page.goto(f"{site_url}/{relative}")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes[0].target}`)")
        failures += [f"{relative}: {v}" for v in violations]
    assert failures == [], "accessibility violations:\n" + "\n".join(failures)
