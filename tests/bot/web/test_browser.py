"""The chat page in a real browser (Debian's headless Chromium, driven by Playwright), against
the real servers: keyboard use, focus, the live region and a whole exchange."""

import shutil

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.servers, pytest.mark.model]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(stack.config.web_url)
    yield page
    context.close()
    assert errors == [], "no script errors or CSP violations"


def test_keyboard_user_opens_the_chat_and_gets_a_greeting(page):
    for _ in range(5):  # the page's own links come first
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "chat-launcher":
            break
    assert page.evaluate("document.activeElement.id") == "chat-launcher"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "chat-input", "focus moves into the chat"
    log = page.locator("#transcript")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    page.wait_for_selector("#transcript .msg.bot")
    assert "Meedoenwijzer" in log.inner_text()


def test_a_need_shows_service_cards_with_a_phone_link(page):
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    page.fill("#chat-input", "ik zoek iemand om nederlands mee te oefenen")
    page.keyboard.press("Enter")
    card = page.wait_for_selector(".service")
    assert card.query_selector("a[href^='tel:']") is not None
    assert "aalmaatje" in page.locator(".services").inner_text()
    # The question about the neighbourhood comes with real buttons.
    buttons = page.locator(".quick-replies").last.locator("button")
    assert buttons.count() == 6
    buttons.filter(has_text="Noord").click()
    page.locator(".services").nth(1).wait_for()
    assert "Noord" in page.locator(".services").last.inner_text()


def test_closing_the_chat_returns_focus_to_the_launcher(page):
    page.click("#chat-launcher")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "chat-launcher"
    assert page.locator("#chat").is_hidden()


def test_the_conversation_is_an_httponly_cookie_no_script_can_read(page):
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    [cookie] = [c for c in page.context.cookies() if c["name"] == "meedoen_gesprek"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and len(cookie["value"]) >= 32
    assert "meedoen_gesprek" not in page.evaluate("document.cookie")
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0


def test_works_at_320_pixels_wide(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_no_accessibility_violations_with_the_chat_open(page):
    """axe-core (WCAG 2.1 A and AA rules) on the page with a conversation and service cards."""
    from axe_playwright_python.sync_playwright import Axe

    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    page.fill("#chat-input", "ik heb schulden")
    page.keyboard.press("Enter")
    page.wait_for_selector(".service")
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    violations = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert violations == []
