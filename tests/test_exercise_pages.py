"""The exercise pages of the built site: a figure of fictional data with alt text, the ways
to open the exercise live (command, notebook, the organization's JupyterHub), and links from
the module pages; loading a page sends no request off the local server."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from sts_course.reflection import exercises

pytestmark = pytest.mark.slow


def test_each_exercise_page_shows_a_fictional_example_and_how_to_open_it(site):
    for item in exercises():
        html = (site / f"{item.page}.html").read_text(encoding="utf-8")
        images = re.findall(r'<img alt="([^"]+)" src="[^"]*_images/', html)
        assert len(images) == 1 and images[0].startswith("Example with fictional data."), item.id
        assert f"sts-course</span> <span class=\"pre\">exercise</span> <span class=\"pre\">{item.id}" in html
        assert item.notebook in html
        links = re.findall(r'href="(https://jupyterhub\.example\.org/hub/user-redirect/git-pull\?[^"]+)"', html)
        queries = [parse_qs(urlsplit(unescape(link)).query) for link in links]
        voila = {"repo": ["https://git.example.org/your-organization/sts-course"],
                 "urlpath": [f"voila/render/sts-course/{item.notebook}"], "branch": ["main"]}
        assert voila in queries  # "open it live": the exercise in Voila on the hub
        assert {**voila, "urlpath": [f"lab/tree/sts-course/{item.page}.md"]} in queries  # the launch button
        assert f"Principle items {', '.join(item.serves)}" in html


def test_module_pages_link_to_their_exercise(site):
    for item in exercises():
        module = (site / "book" / "modules" / f"{item.id.lower()}.html").read_text(encoding="utf-8")
        assert f'href="../exercises/{item.id.lower()}.html"' in module, item.id


def test_an_exercise_page_makes_no_third_party_requests(page, site_url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site_url}/book/exercises/i4.html")
    page.get_by_role("img", name=re.compile("Example with fictional data")).wait_for()
    outside = [url for url in requests if not url.startswith(site_url) and not url.startswith("data:")]
    assert outside == [], f"requests left the local server: {outside}"
