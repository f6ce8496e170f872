"""The NL Design System styles: read from node_modules (installed from package-lock.json) and
served by the web front end as one stylesheet, with the statement pages beside the chat."""

import json

import pytest

from bot.settings import PROJECT_ROOT
from bot.web import design_system
from tests.helpers import web_call as call


def test_the_pinned_packages_are_installed():
    lock = json.loads((PROJECT_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for path in design_system.files():
        assert path.is_file(), f"{path} (run scripts/install)"
    for package in ("@utrecht/component-library-css", "@nl-design-system-unstable/voorbeeld-design-tokens"):
        installed = json.loads((design_system.NODE_MODULES / package / "package.json").read_text())
        assert installed["version"] == lock["packages"][f"node_modules/{package}"]["version"]


def test_the_stylesheet_holds_the_theme_and_every_component_the_pages_use(catalogue_url):
    status, body, headers = call(
        catalogue_url, "GET", "/design-system.css", headers={"Accept-Encoding": "gzip"}
    )
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert headers["Content-Encoding"] == "gzip", "a quarter megabyte of tokens, small on the wire"
    assert f".{design_system.THEME_CLASS}" in body
    pages = "".join((PROJECT_ROOT / "bot/web/static" / n).read_text() for n in ("index.html", "chat.js"))
    used = {
        c
        for c in ("utrecht-button", "utrecht-skip-link", "utrecht-page-footer", "utrecht-textbox")
        if c in pages
    }
    assert len(used) == 4
    for css_class in used:
        assert f".{css_class}" in body


def test_without_node_modules_the_page_keeps_its_own_styles(tmp_path, caplog):
    assert design_system.stylesheet(tmp_path) == ""
    assert "scripts/install" in caplog.text


@pytest.mark.parametrize(
    "path, heading",
    [("/privacy", "Privacy: wat wij bewaren"), ("/toegankelijkheid", "Voor iedereen te gebruiken")],
)
def test_the_statements_have_their_own_address(catalogue_url, path, heading):
    status, body, headers = call(catalogue_url, "GET", path)
    assert status == 200 and heading in body
    assert f"<title>{heading}" in body and "{" not in body, "the layout filled in, titled by the heading"
    assert "default-src 'self'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("days, period", [("30", "30 dagen"), ("7", "7 dagen"), ("1", "1 dag")])
def test_the_privacy_page_says_the_retention_period_the_product_keeps(
    catalogue_url, monkeypatch, days, period
):
    monkeypatch.setenv("MEEDOEN_RETENTION_DAYS", days)
    status, body, _ = call(catalogue_url, "GET", "/privacy")
    assert status == 200 and f"Wij wissen uw gesprek {period} na uw laatste bericht." in body
