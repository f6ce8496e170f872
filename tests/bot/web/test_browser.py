"""The chat page in a real browser (Debian's headless Chromium, driven by Playwright), against
the real servers: keyboard use, focus, the live region and a whole exchange."""

import shutil
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.servers, pytest.mark.model]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Screenshots of the states the tests reach, kept for people to look at (not committed).
ARTEFACTS = Path(__file__).resolve().parents[3] / "var" / "test-artefacts"
ARTEFACTS.mkdir(parents=True, exist_ok=True)
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
    page.expected_errors = []  # a test that provokes an error answer names it here
    yield page
    context.close()
    unexpected = [e for e in errors if not any(expected in e for expected in page.expected_errors)]
    assert unexpected == [], "no script errors or CSP violations"


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
    # The tab keeps what it showed (for a reload), never the conversation's id.
    stored = page.evaluate("JSON.stringify(Object.assign({}, sessionStorage, localStorage))")
    assert cookie["value"] not in stored and page.evaluate("localStorage.length") == 0


def test_works_at_320_pixels_wide(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_first_tab_is_a_skip_link_to_the_content(page):
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Naar de inhoud"
    assert skip.bounding_box()["height"] >= 20, "visible when it has focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the content, not the skip link again
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_the_page_is_built_with_the_nl_design_system_theme(page):
    """The launcher is Utrecht's primary button in the theme's colour: the stylesheet from
    node_modules reached the browser and the page's own styles did not override it."""
    theme_colour = page.evaluate(
        """() => {
          const probe = document.createElement("span");
          probe.style.color = "var(--utrecht-button-primary-action-background-color)";
          document.body.append(probe);
          const colour = getComputedStyle(probe).color;
          probe.remove();
          return colour;
        }"""
    )
    launcher = page.locator("#chat-launcher")
    assert "utrecht-button--primary-action" in launcher.get_attribute("class")
    assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") == theme_colour
    assert theme_colour not in ("rgba(0, 0, 0, 0)", "rgb(0, 0, 0)"), "the theme defines the colour"
    font = page.evaluate("getComputedStyle(document.querySelector('main p')).fontFamily")
    assert "sans-serif" in font and "Times" not in font, "the theme's sans-serif, not the browser's default"
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    say(page, "ik heb schulden")
    assert page.locator(".quick-replies button.utrecht-button").count() >= 1, "the bot's buttons too"


@pytest.mark.parametrize(
    "link, heading",
    [
        ("Privacy: wat wij bewaren", "Privacy: wat wij bewaren"),
        ("Voor iedereen te gebruiken", "Voor iedereen te gebruiken"),
    ],
)
def test_the_footer_leads_to_the_privacy_and_accessibility_statements(page, link, heading):
    footer = page.locator("footer")
    assert "Gemeente Voorbeeldstad" in footer.inner_text()
    footer.get_by_role("link", name=link).click()
    assert page.locator("h1").inner_text() == heading
    assert "14 0999" in page.locator("main").inner_text(), "who to call with a question"
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTEFACTS / f"statement-{page.url.rsplit('/', 1)[-1]}.png"), full_page=True)
    page.get_by_role("link", name="Terug naar Meedoenwijzer").click()
    assert page.locator("#chat-launcher").is_visible()


def axe_violations(page):
    """axe-core's WCAG 2.1 A and AA rules on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]


def test_no_accessibility_violations_with_the_chat_open(page):
    """axe-core (WCAG 2.1 A and AA rules) on the page with a conversation and service cards."""
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    page.fill("#chat-input", "ik heb schulden")
    page.keyboard.press("Enter")
    page.wait_for_selector(".service")
    assert axe_violations(page) == []


def say(page, text):
    """Type a message and wait until its answer is in (the status line empties)."""
    from playwright.sync_api import expect

    before = page.locator("#transcript .msg.bot").count()
    page.fill("#chat-input", text)
    page.keyboard.press("Enter")
    page.locator("#transcript .msg.bot").nth(before).wait_for()
    expect(page.locator("#status")).to_have_text("")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 375, "height": 740}])
def test_a_crisis_reply_is_shown_at_the_top_of_the_view_and_help_stays_at_hand(page, viewport):
    page.set_viewport_size(viewport)
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    say(page, "ik heb schulden en ik ben vaak alleen")  # cards above, so the crisis box is not first
    say(page, "ik wil niet meer leven")
    box = page.locator(".crisis").last
    rect = box.bounding_box()
    bar = page.locator("#help-bar").bounding_box()
    assert -1 <= bar["y"] <= 1, "the numbers are at the top of the window"
    assert bar["y"] + bar["height"] - 1 <= rect["y"] < viewport["height"] / 2, (
        "the crisis message right below"
    )
    # Announced once: by the conversation's log, not by an alert inside it as well.
    assert box.get_attribute("role") is None
    assert box.evaluate("b => b.closest('[aria-live]').id") == "transcript"
    number = box.locator("a[href='tel:112']")
    assert number.bounding_box()["height"] >= 44, "the number is a big tap target"
    assert bar["height"] < viewport["height"] / 5, "the bar leaves room for the conversation"
    page.screenshot(path=str(ARTEFACTS / f"crisis-reply-{viewport['width']}.png"))
    say(page, "ik heb schulden")
    help_bar = page.locator("#help-bar")
    assert help_bar.is_visible() and help_bar.locator("a[href='tel:112']").is_visible()
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTEFACTS / f"crisis-later-{viewport['width']}.png"))


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 375, "height": 740}])
def test_the_input_stays_in_view_as_the_conversation_grows(page, viewport):
    page.set_viewport_size(viewport)
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    for text in ("ik heb schulden", "ik zoek een taalmaatje", "ik ben vaak alleen"):
        say(page, text)
        box = page.locator("#chat-input").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (text, box)
    # The reply opens at its start: the first line after the person's own message is in view.
    start = page.locator("#transcript .msg.user").last.locator("xpath=following-sibling::*[1]")
    box, view = start.bounding_box(), page.locator("#transcript").bounding_box()
    assert view["y"] - 1 <= box["y"] < view["y"] + view["height"], "the start of the newest answer is in view"
    # The page ends at its footer: nothing of the chat stretches it (the hidden speaker names did).
    footer = page.locator("footer").bounding_box()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= page.evaluate("window.scrollY") + footer["y"] + footer["height"] + 40
    page.screenshot(path=str(ARTEFACTS / f"conversation-{viewport['width']}.png"))


def test_a_message_in_arabic_script_runs_right_to_left(page):
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    say(page, "مرحبا، أبحث عن دورة لغة هولندية")
    mine = page.locator("#transcript .msg.user span[dir=auto]").last
    assert mine.evaluate("m => m.matches(':dir(rtl)')"), "the Arabic runs right to left"
    first_answer = page.locator("#transcript .msg.bot span[dir=auto]").first
    assert first_answer.evaluate("m => m.matches(':dir(ltr)')"), "the Dutch left to right"


def test_a_reload_before_the_answer_came_says_so_and_offers_the_message_again(page):
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    # As if the tab was reloaded while "ik wil sporten" was on its way: asked, not yet answered.
    page.evaluate(
        """() => {
          const screen = JSON.parse(sessionStorage.getItem("meedoenwijzer-scherm") || "[]");
          screen.push({ user: "ik wil sporten" });
          sessionStorage.setItem("meedoenwijzer-scherm", JSON.stringify(screen));
        }"""
    )
    page.reload()
    assert "kwam niet aan" in page.locator("#status").inner_text()
    assert page.locator("#chat-input").input_value() == "ik wil sporten"
    page.click("#chat-send")
    page.locator("#transcript .service").first.wait_for()


def test_at_400_percent_zoom_the_input_stays_inside_the_chat(page):
    page.set_viewport_size({"width": 320, "height": 256})  # 1280x1024 at 400%
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    form, footer = page.locator("#chat-form").bounding_box(), page.locator("footer").bounding_box()
    chat = page.locator("#chat").bounding_box()
    assert form["y"] + form["height"] <= chat["y"] + chat["height"] + 1, "the input inside the chat"
    assert chat["y"] + chat["height"] <= footer["y"], "nothing drawn over the footer"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_buttons_of_an_answered_question_no_longer_answer_the_next_one(page):
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    say(page, "ik zoek iemand om nederlands mee te oefenen")
    first = page.locator(".quick-replies").last
    first.locator("button").filter(has_text="Noord").click()
    page.locator(".services").nth(1).wait_for()
    assert all(b.is_disabled() for b in first.locator("button").all())
    assert page.evaluate("document.activeElement.id") == "chat-input", "typing goes on below"


def test_a_card_shows_every_contact_detail_the_catalogue_has(page):
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    say(page, "ik zoek iemand om nederlands mee te oefenen")
    cards = page.locator(".service")
    text = page.locator(".services").first.inner_text()
    assert "Kosten:" in text and "Talen:" in text
    assert cards.locator("a[href^='mailto:']").count() >= 1
    maps = cards.locator("a[href^='https://www.openstreetmap.org/search?query=']")
    assert maps.count() >= 1 and maps.first.get_attribute("aria-label").startswith("Kaart van ")
    page.screenshot(path=str(ARTEFACTS / "cards.png"), full_page=True)
    for card in cards.all():  # hours read once: grouped by day, walk-in hours not twice
        lines = card.inner_text().splitlines()
        opening = " ".join(line for line in lines if line.startswith("Open:"))
        assert opening.count("aandag") <= 1 and opening.count("insdag") <= 1, opening
        if any(line.startswith("Binnenlopen:") for line in lines):
            assert "(inloop)" not in opening
    say(page, "Noord")
    assert all(b.is_disabled() for b in page.locator(".quick-replies").first.locator("button").all())
    assert axe_violations(page) == [], "disabled buttons and complete cards included"


def test_print_or_keep_gives_a_sheet_with_the_tips_and_the_date_without_the_chat(page):
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    say(page, "ik heb schulden")
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.locator("button.print").last.click()
    assert page.evaluate("window.printed") == 1
    first_card = page.locator("#transcript .service").first.inner_text().splitlines()[0]
    page.emulate_media(media="print")
    assert page.locator("#chat").is_hidden() and page.locator("#print-sheet").is_visible()
    sheet = page.locator("#print-sheet").inner_text()
    assert first_card in sheet and "Bellen:" in sheet and "Gemaakt op " in sheet and "112" in sheet
    assert "Print of bewaar" not in sheet and page.locator("#print-sheet .quick-replies").count() == 0
    page.screenshot(path=str(ARTEFACTS / "print-tips.png"), full_page=True)
    pdf = page.pdf(format="A4")
    (ARTEFACTS / "print-tips.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")


def test_a_reload_shows_the_conversation_so_far_and_erasing_clears_it(page):
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    say(page, "ik heb schulden")
    shown = page.locator("#transcript").inner_text()
    page.reload()
    page.locator("#transcript .service").first.wait_for()
    assert page.locator("#chat").is_visible()
    assert page.locator("#transcript").inner_text() == shown, "the same screen, no half state"
    groups = page.locator(".quick-replies")
    assert all(not b.is_disabled() for b in groups.last.locator("button").all())
    page.fill("#chat-input", "wis mijn gesprek")
    page.keyboard.press("Enter")
    page.locator("#transcript .msg.user").first.wait_for(state="detached")
    page.reload()
    assert page.locator("#chat").is_hidden() and page.locator("#transcript .msg").count() == 0


def test_read_aloud_speaks_the_message_in_dutch_and_stops_when_pressed_again(page):
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    page.evaluate(
        "() => { window.spoken = [];"
        " window.speechSynthesis.speak = (u) => window.spoken.push([u.lang, u.text]);"
        " window.speechSynthesis.cancel = () => window.spoken.push(['cancel']);"
        " window.speechSynthesis.getVoices = () => [{ lang: 'en-US', name: 'English' }]; }"
    )
    button = page.locator("#transcript .msg.bot .read-aloud").first
    button.click()
    lang, text = page.evaluate("window.spoken[window.spoken.length - 1]")
    assert lang == "nl-NL" and text.startswith("Hallo, ik ben Meedoenwijzer")
    assert button.inner_text() == "Stop voorlezen"
    button.click()
    assert button.inner_text() == "Lees voor" and page.evaluate(
        "window.spoken[window.spoken.length - 1]"
    ) == ["cancel"]
    # A device with voices but no Dutch one: the person is told.
    assert "geen Nederlandse stem" in page.locator("#status").inner_text()


def test_makkelijker_asks_for_the_last_answer_in_simpler_words(page):
    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    say(page, "ik heb schulden")
    before = page.locator("#transcript .msg.bot").count()
    page.locator(".reply-tools .simpler").last.click()
    page.locator("#transcript .msg.bot").nth(before).wait_for()
    assert page.locator("#transcript .msg.user").last.inner_text().endswith("Zeg het makkelijker, graag.")
    assert "begreep ik niet" not in page.locator("#transcript .msg.bot").nth(before).inner_text()
    assert all(b.is_disabled() for b in page.locator(".reply-tools .simpler").all()[:-1])
    assert axe_violations(page) == []


def test_the_makkelijke_woorden_switch_keeps_simpler_words_until_it_is_switched_off(page):
    from playwright.sync_api import expect

    from bot.conversation import simpler

    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    switch = page.locator("#simple-words")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.focus()
    page.keyboard.press("Enter")  # keyboard only
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#transcript .msg.bot").last).to_contain_text(simpler.SIMPLE_WORDS_ON)
    say(page, "ik heb schulden")
    said = page.locator("#transcript .msg.bot").all_inner_texts()[-3:]
    assert any(t.split(":", 1)[1].strip().startswith("Bel ") for t in said), said
    assert simpler.NEIGHBOURHOOD_QUESTION in said[-1]
    assert page.locator(".service").count() >= 1, "the cards stay as they are"
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTEFACTS / "simple-words-on.png"))
    page.reload()  # the switch comes back as it was
    expect(page.locator("#simple-words")).to_have_attribute("aria-pressed", "true")
    page.locator("#simple-words").click()
    expect(page.locator("#simple-words")).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#transcript .msg.user").last).to_contain_text("Makkelijke woorden uit")
    say(page, "ik zoek een taalmaatje")
    assert (
        "Dit kan u helpen" in page.locator("#transcript").inner_text().rsplit("Makkelijke woorden uit", 1)[1]
    )


def test_helpt_dit_counts_the_answer_without_the_person_and_asks_what_would_help_more(page, stack):
    from sqlalchemy import create_engine

    from bot.insight.feedback import counts

    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    say(page, "ik heb schulden")
    card = page.locator("#transcript .service").first
    name = card.locator("h3").inner_text()
    with page.expect_response("**/api/feedback") as answer:
        card.locator(".feedback button").filter(has_text="Nee").click()
    assert answer.value.status == 200
    assert all(b.is_disabled() for b in card.locator(".feedback button").all())
    assert "Wat zou u meer helpen?" in card.inner_text()
    assert page.evaluate("document.activeElement.id") == "chat-input"
    found = counts(create_engine(stack.config.insight_url))
    service = next(s for s in stack_catalogue(stack) if s.name == name)
    assert [(c.service_id, c.helpful, c.count) for c in found] == [(service.id, False, 1)]
    assert axe_violations(page) == []


def stack_catalogue(stack):
    from bot.catalogue.models import make_engine
    from bot.catalogue.repository import read_services

    return read_services(make_engine(stack.config.catalogue_url))


def press_first_answer(page):
    from playwright.sync_api import expect

    before = page.locator("#transcript .msg.bot").count()
    page.locator(".quick-replies").last.locator("button").first.click()
    page.locator("#transcript .msg.bot").nth(before).wait_for()
    expect(page.locator("#status")).to_have_text("")


def test_the_code_on_a_wheel_summary_shows_that_wheel_beside_the_new_one(page):
    from bot.conversation.wheel import domains
    from bot.conversation.wheel_code import code_of

    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    say(page, "kunnen we naar mijn hele situatie kijken")
    for _ in domains():
        press_first_answer(page)
    say(page, "ik kan goed koken")
    page.locator(".compare input").wait_for()
    summary = page.locator("#transcript").inner_text()
    assert "De code voor een volgende keer is " in summary
    field = page.locator(".compare input")
    page.expected_errors.append("status of 400")  # the browser logs the answer to a wrong code
    field.fill("ZZZZ")
    page.locator(".compare button").click()
    page.locator(".compare [role=status]").filter(has_text="ken ik niet").wait_for()
    last_time = code_of(dict.fromkeys(domains(), "hulp_nodig"))
    field.fill(last_time.lower())
    field.press("Enter")
    earlier = page.locator(".wheels figure.earlier img")
    earlier.wait_for()
    assert "hulp nodig" in earlier.get_attribute("alt")
    now = page.locator(".wheels figure").last
    assert earlier.bounding_box()["y"] == now.locator("img").bounding_box()["y"], "side by side"
    assert page.evaluate("sessionStorage.getItem('meedoenwijzer-scherm')").count(last_time) == 0
    page.screenshot(path=str(ARTEFACTS / "wheel-compare.png"), full_page=True)
    assert axe_violations(page) == []


def open_lookup(page, stack, address="/zoeken"):
    page.goto(stack.config.web_url.rstrip("/") + address)
    page.locator("#lookup-results li").first.wait_for()


def wait_for_results(page, shown):
    """Until the results on screen are those of this search (the page marks them)."""
    page.locator(f"#lookup-results[data-query='{shown}']").wait_for(state="attached")


def test_the_lookup_page_searches_as_one_types_and_reads_a_language_in_the_words(page, stack):
    open_lookup(page, stack)
    page.locator("#lookup-q").press_sequentially("taalmaatje arabisch")
    wait_for_results(page, "q=taalmaatje+arabisch")
    names = page.locator("#lookup-results h2").all_inner_texts()
    assert names and all("aalmaatje" in n for n in names)
    assert "Gezocht met taal Arabisch" in page.locator("#lookup-status").inner_text()
    for card in page.locator("#lookup-results .service").all():
        assert "Arabisch" in card.inner_text(), "every result speaks the language asked for"
    assert page.url.endswith("/zoeken?q=taalmaatje+arabisch"), "a search can be shared"
    page.screenshot(path=str(ARTEFACTS / "lookup-typed.png"), full_page=True)
    # Nothing about debts speaks Polish here: the page says so and shows debt help.
    page.fill("#lookup-q", "poolse man schulden")
    wait_for_results(page, "q=poolse+man+schulden")
    assert page.locator("#lookup-status").inner_text().startswith("Niets gevonden met taal Pools.")
    assert (
        "chuld" in page.locator("#lookup-results h2").first.inner_text().lower()
        or "geld" in page.locator("#lookup-results .service").first.inner_text().lower()
    )


def test_the_lookup_filters_show_counts_and_work_by_keyboard_only(page, stack):
    open_lookup(page, stack, "/zoeken?q=mantelzorg")
    wait_for_results(page, "q=mantelzorg")
    before = int(page.locator("#lookup-status").inner_text().split()[0])
    options = page.locator("#lookup-neighbourhood option").all_inner_texts()
    assert options[0] == "Alle" and all("(" in o for o in options[1:]), "each choice with its count"
    page.locator("#lookup-neighbourhood").focus()
    page.keyboard.press("ArrowDown")  # a select changes with the keyboard alone
    chosen = page.locator("#lookup-neighbourhood").input_value()
    wait_for_results(page, f"q=mantelzorg&neighbourhood={chosen}")
    after = int(page.locator("#lookup-status").inner_text().split()[0])
    promised = next(o for o in options if o.startswith(chosen + " ("))
    assert after == int(promised.split("(")[1].rstrip(")")) <= before, "the count the choice promised"
    assert axe_violations(page) == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "lookup-language"


def test_a_lookup_card_has_every_contact_detail_a_copy_button_and_its_open_data_record(page, stack):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_lookup(page, stack, "/zoeken?q=schuldhulp")
    wait_for_results(page, "q=schuldhulp")
    card = page.locator("#lookup-results .service").first
    name = card.locator("h2").inner_text()
    assert card.locator("a[href^='tel:']").count() == 1
    card.get_by_role("button", name=f"Kopieer de gegevens van {name}").click()
    page.locator("#lookup-status", has_text="klaar om te plakken").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(name) and "Telefoon:" in copied
    with page.expect_response("**/hsds/services/**") as record:
        card.get_by_role("link", name=f"Open data van {name} (HSDS)").click()
    assert record.value.status == 200 and record.value.json()["name"] == name


def test_the_lookup_page_is_readable_at_200_percent_and_has_no_accessibility_violations(page, stack):
    page.set_viewport_size({"width": 640, "height": 400})  # 1280x800 at 200% zoom
    open_lookup(page, stack, "/zoeken?q=inloop%20oost")
    wait_for_results(page, "q=inloop+oost")
    assert "Gezocht met wijk Oost" in page.locator("#lookup-status").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 640, "no sideways scrolling"
    assert axe_violations(page) == []
    page.fill("#lookup-q", "qqqxxzz")
    wait_for_results(page, "q=qqqxxzz")
    assert "Niets gevonden" in page.locator("#lookup-status").inner_text()
    page.screenshot(path=str(ARTEFACTS / "lookup-200-percent.png"), full_page=True)


def test_staff_log_in_to_the_insight_page_and_a_wrong_password_is_refused(page, stack):
    from tests.helpers import STAFF_NAME, STAFF_PASSWORD

    page.goto(stack.config.web_url.rstrip("/") + "/inzicht")
    assert page.url.endswith("/medewerkers"), "closed without a login"
    assert axe_violations(page) == []
    page.expected_errors = ["401"]  # the refused login answers 401, as it should
    page.fill("#staff-name", STAFF_NAME)
    page.fill("#staff-password", "fout-wachtwoord")
    page.keyboard.press("Enter")
    page.get_by_role("alert").filter(has_text="Naam of wachtwoord klopt niet.").wait_for()
    page.screenshot(path=str(ARTEFACTS / "staff-login-refused.png"))
    page.fill("#staff-name", STAFF_NAME)
    page.fill("#staff-password", STAFF_PASSWORD)
    page.keyboard.press("Enter")
    page.locator("h1", has_text="Inzicht").wait_for()
    assert page.url.endswith("/inzicht")
    assert "< 5" in page.content() or "Nog niets geteld" in page.content()
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTEFACTS / "insight.png"), full_page=True)
    page.get_by_role("button", name="Uitloggen").click()
    page.locator("h1", has_text="Inloggen").wait_for()
    page.goto(stack.config.web_url.rstrip("/") + "/inzicht")
    assert page.url.endswith("/medewerkers")


def test_a_call_back_is_asked_with_consent_checked_and_seen_and_closed_by_staff(page, stack):
    """Through the real servers: a person asks for someone to call, the page asks consent, the
    number is checked, staff see the request behind their login, and 'Klaar' deletes it."""
    from tests.helpers import STAFF_NAME, STAFF_PASSWORD

    page.click("#chat-launcher")
    page.wait_for_selector("#transcript .msg.bot")
    say(page, "ik heb schulden")
    say(page, "ik wil met een mens praten")
    page.get_by_role("button", name="Bel mij terug").last.click()
    form = page.locator(".callback-form").last
    page.expected_errors = ["400"]  # the refusals below answer 400, as they should
    form.get_by_label("Uw telefoonnummer").fill("0612 345678")
    form.get_by_role("button", name="Vraag terugbellen aan").click()
    form.get_by_role("status").filter(has_text="Zonder uw ja bewaren wij niets").wait_for()
    form.get_by_label("Ja, u mag mijn nummer hiervoor bewaren.").check()
    form.get_by_label("Uw telefoonnummer").fill("12 34")
    form.get_by_role("button", name="Vraag terugbellen aan").click()
    form.get_by_role("status").filter(has_text="Dit telefoonnummer klopt niet").wait_for()
    assert page.evaluate("document.activeElement.type") == "tel", "back to the number"
    form.get_by_label("Uw telefoonnummer").fill("06 98765432")
    form.get_by_label("Wanneer kunnen wij u het beste bellen?").select_option("ochtend")
    form.get_by_role("button", name="Vraag terugbellen aan").click()
    form.get_by_role("status").filter(has_text="meestal binnen twee werkdagen").wait_for()
    assert form.get_by_label("Uw telefoonnummer").input_value() == ""
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTEFACTS / "callback-asked.png"))
    stored = page.evaluate("JSON.stringify(Object.assign({}, sessionStorage, localStorage))")
    assert "98765432" not in stored, "the number is not kept in the tab either"

    page.goto(stack.config.web_url.rstrip("/") + "/verzoeken")
    assert page.url.endswith("/medewerkers"), "closed without a login"
    page.fill("#staff-name", STAFF_NAME)
    page.fill("#staff-password", STAFF_PASSWORD)
    page.keyboard.press("Enter")
    page.locator("h1", has_text="Inzicht").wait_for()
    page.goto(stack.config.web_url.rstrip("/") + "/verzoeken")
    row = page.locator("tr", has_text="0698765432")
    assert "Hulp bij schulden" in row.inner_text() and "ochtend" in row.inner_text()
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTEFACTS / "callback-requests.png"), full_page=True)
    row.get_by_role("button", name="Klaar: 0698765432 is gebeld").click()
    page.locator("h1", has_text="Terugbelverzoeken").wait_for()
    assert page.locator("tr", has_text="0698765432").count() == 0, "deleted once done"
