// The chat widget: no inline script, no other hosts (strict CSP). The conversation is the
// server's HttpOnly cookie: this script never sees or sends a conversation id.
"use strict";
(function () {
  const launcher = document.getElementById("chat-launcher");
  const chat = document.getElementById("chat");
  const closeButton = document.getElementById("chat-close");
  const transcript = document.getElementById("transcript");
  const form = document.getElementById("chat-form");
  const input = document.getElementById("chat-input");
  const status = document.getElementById("status");
  const helpBar = document.getElementById("help-bar");
  const printSheet = document.getElementById("print-sheet");
  const simpleWords = document.getElementById("simple-words");
  const { card, link, makeButton, phoneHref } = window.MeedoenCards;
  // What this tab has shown, so that a reload shows the conversation again (the tab's session
  // storage: gone when the tab closes, cleared when the conversation is erased).
  const SCREEN_KEY = "meedoenwijzer-scherm";
  let shownNow = null; // the elements of the reply being shown, for "Print of bewaar"

  function add(element) {
    transcript.appendChild(element);
    transcript.scrollTop = transcript.scrollHeight;
    if (shownNow) shownNow.push(element);
  }

  // A list kept in the tab's session storage; unreadable or switched off, it is empty.
  function storedList(key) {
    try {
      return JSON.parse(sessionStorage.getItem(key) || "[]");
    } catch (e) {
      return [];
    }
  }

  function addToStored(key, item) {
    try {
      sessionStorage.setItem(key, JSON.stringify(storedList(key).concat([item])));
    } catch (e) { /* storage full or off: the conversation goes on, a reload starts afresh */ }
  }

  function remembered() { return storedList(SCREEN_KEY); }

  const FEEDBACK_KEY = "meedoenwijzer-helpt-dit";
  function answeredFeedback() { return storedList(FEEDBACK_KEY); }
  function rememberFeedback(id) { addToStored(FEEDBACK_KEY, id); }

  function remember(entry) { addToStored(SCREEN_KEY, entry); }

  function textMessage(text, who, spoken) {
    const p = document.createElement("p");
    p.className = "msg " + who;
    // The speaker is said to screen readers; sighted users see it from the layout.
    const speaker = document.createElement("span");
    speaker.className = "visually-hidden";
    speaker.textContent = who === "user" ? "U: " : "Meedoenwijzer: ";
    const words = document.createElement("span");
    words.dir = "auto"; // a line in Arabic or Farsi runs right to left, as it should
    words.textContent = text;
    p.append(speaker, words);
    if (who === "bot") p.append(" ", readAloudButton(spoken || text));
    add(p);
    return p;
  }

  // "Lees voor": the browser's own speech (nothing leaves the device), a Dutch voice when the
  // device has one; pressed again, or on another message, it stops.
  let speaking = null;
  function readAloudButton(text) {
    const button = makeButton("Lees voor", "read-aloud");
    button.addEventListener("click", () => {
      const voice = window.speechSynthesis;
      if (!voice || typeof SpeechSynthesisUtterance === "undefined") {
        status.textContent = "Voorlezen kan niet in deze browser.";
        return;
      }
      const wasThis = speaking === button;
      voice.cancel();
      if (speaking) speaking.textContent = "Lees voor";
      speaking = null;
      if (wasThis) return;
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "nl-NL";
      const voices = voice.getVoices();
      const dutch = voices.find((v) => v.lang && v.lang.toLowerCase().startsWith("nl"));
      if (dutch) utterance.voice = dutch;
      // Some browsers list their voices only after a while: no list yet is no verdict.
      else if (voices.length) status.textContent = "Dit apparaat heeft geen Nederlandse stem. Het voorlezen klinkt misschien vreemd.";
      utterance.onend = () => {
        if (speaking === button) {
          button.textContent = "Lees voor";
          speaking = null;
        }
      };
      speaking = button;
      button.textContent = "Stop voorlezen";
      voice.speak(utterance);
    });
    return button;
  }

  // "Makkelijker": the last answer again in simpler words (what "ik snap het niet" asks for).
  function simplerButton() {
    const button = makeButton("Makkelijker", "simpler");
    button.addEventListener("click", () => {
      send("ik snap het niet", "Zeg het makkelijker, graag.");
      input.focus();
    });
    return button;
  }

  function serviceCards(services) {
    const list = document.createElement("ul");
    list.className = "services";
    list.setAttribute("aria-label", "Tips");
    for (const s of services) {
      const item = card(s, "h3");
      item.appendChild(feedbackFor(s));
      list.appendChild(item);
    }
    add(list);
  }

  // "Helpt dit?": the answer is counted for the municipality (per day and service, nothing
  // about the person) and, when it is no, the person is asked what would help more.
  function feedbackFor(service) {
    const group = document.createElement("div");
    group.className = "feedback";
    group.dataset.service = service.id;
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Helpt dit? " + service.name);
    const question = document.createElement("span");
    question.textContent = "Helpt dit?";
    group.appendChild(question);
    for (const [label, helpful] of [["Ja", true], ["Nee", false]]) {
      const button = makeButton(label);
      button.addEventListener("click", async () => {
        for (const b of group.querySelectorAll("button")) b.disabled = true;
        const thanks = document.createElement("p");
        thanks.tabIndex = -1;
        thanks.textContent = helpful
          ? "Dank u."
          : "Dank u. Wat zou u meer helpen? Typ het hieronder. U kunt ook vragen om een mens.";
        group.appendChild(thanks);
        rememberFeedback(service.id);
        if (helpful) thanks.focus(); // the pressed button is off now
        else input.focus();
        try {
          await fetch("/api/feedback", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ service: service.id, helpful: helpful, token: service.feedback }),
          });
        } catch (e) { /* not counted; the conversation goes on */ }
      });
      group.appendChild(button);
    }
    return group;
  }

  // "Bel mij terug": asked here, and sent to this server only (/api/callback), so the number never
  // enters the conversation. Nothing is kept without the tick.
  let callbackCount = 0;
  function callbackOffer(offer) {
    const n = ++callbackCount;
    const box = document.createElement("div");
    box.className = "callback";
    const open = makeButton("Bel mij terug", "callback-open");
    const form = document.createElement("form");
    form.className = "callback-form";
    form.hidden = true;
    form.noValidate = true;
    const intro = document.createElement("p");
    intro.textContent = "Een medewerker van het sociaal wijkteam belt u. Wij bewaren dan uw nummer en waar u hulp bij zoekt. " +
      "Na het bellen wissen wij het. Na 14 dagen ook.";
    const consent = document.createElement("input");
    consent.type = "checkbox";
    consent.id = "callback-consent-" + n;
    const consentLabel = document.createElement("label");
    consentLabel.htmlFor = consent.id;
    consentLabel.textContent = "Ja, u mag mijn nummer hiervoor bewaren.";
    const phoneLabel = document.createElement("label");
    phoneLabel.htmlFor = "callback-phone-" + n;
    phoneLabel.textContent = "Uw telefoonnummer";
    const phone = document.createElement("input");
    phone.type = "tel";
    phone.id = "callback-phone-" + n;
    phone.autocomplete = "tel";
    phone.className = "utrecht-textbox utrecht-textbox--html-input";
    phone.maxLength = 20;
    const whenLabel = document.createElement("label");
    whenLabel.htmlFor = "callback-when-" + n;
    whenLabel.textContent = "Wanneer kunnen wij u het beste bellen?";
    const when = document.createElement("select");
    when.id = "callback-when-" + n;
    for (const [value, text] of [["maakt_niet_uit", "Maakt niet uit"], ["ochtend", "In de ochtend"],
      ["middag", "In de middag"], ["avond", "Begin van de avond"]]) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = text;
      when.appendChild(option);
    }
    const send = makeButton("Vraag terugbellen aan", "", "primary");
    send.type = "submit";
    const said = document.createElement("p");
    said.setAttribute("role", "status");
    const consentRow = document.createElement("p");
    consentRow.append(consent, " ", consentLabel);
    form.append(intro, consentRow, phoneLabel, phone, whenLabel, when, send, said);
    open.addEventListener("click", () => {
      form.hidden = false;
      open.disabled = true;
      consent.focus();
    });
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        const response = await fetch("/api/callback", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ token: offer.token, consent: consent.checked, phone: phone.value, time_of_day: when.value,
            categories: offer.categories || [], neighbourhood: offer.neighbourhood || null }),
        });
        const body = await response.json();
        said.textContent = response.ok ? body.message : body.error;
        if (response.ok) {
          for (const field of [consent, phone, when, send]) field.disabled = true;
          phone.value = ""; // the number is with the wijkteam now, not on this screen
        } else if (body.parameter === "phone") phone.focus();
        else if (body.parameter === "consent") consent.focus();
      } catch (err) {
        said.textContent = "Het lukte nu niet. Bel zelf de gemeente: 14 0999.";
      }
    });
    box.append(open, form);
    add(box);
  }

  function crisisBox(numbers) {
    const box = document.createElement("div");
    box.className = "crisis";
    // No role="alert": inside the conversation's live log an alert was announced twice. The log
    // reads it once, first of the reply; the "Direct hulp" bar keeps the numbers in view.
    const title = document.createElement("p");
    title.textContent = "Hulp nodig? Bel nu:";
    box.appendChild(title);
    box.appendChild(numberList(numbers));
    add(box);
    showHelpBar(numbers);
    return box;
  }

  // The numbers as big tap targets: "Bel 112" to tap, the name beside it; in the bar only the
  // numbers (the name is said to screen readers), so that it stays small on a phone.
  function numberList(numbers, compact) {
    const list = document.createElement("ul");
    list.className = "numbers";
    for (const n of numbers) {
      const item = document.createElement("li");
      const a = link(phoneHref(n.phone), compact ? n.phone : "Bel " + n.phone);
      if (compact) a.setAttribute("aria-label", "Bel " + n.phone + ": " + n.name);
      item.append(a);
      if (!compact) item.append(" " + n.name);
      list.appendChild(item);
    }
    return list;
  }

  // After danger was named, the numbers stay at hand above the conversation.
  function showHelpBar(numbers) {
    const title = document.createElement("strong");
    title.textContent = "Direct hulp:";
    helpBar.replaceChildren(title, numberList(numbers, true));
    helpBar.hidden = false;
  }

  function wheelFigure(src, caption, alt) {
    const figure = document.createElement("figure");
    const img = document.createElement("img");
    img.src = src;
    img.alt = alt;
    img.className = "wheel";
    const text = document.createElement("figcaption");
    text.textContent = caption;
    figure.append(text, img);
    return figure;
  }

  function wheelPicture(url) {
    // Only our own pictures: the page's CSP allows images from this origin alone.
    const own = new URL(url, window.location.href);
    const wheels = document.createElement("div");
    wheels.className = "wheels";
    wheels.appendChild(
      wheelFigure(own.pathname + own.search, "Nu", "Het participatiewiel met uw antwoorden. De tekst hierboven zegt hetzelfde.")
    );
    add(wheels);
    return wheels;
  }

  // The code of an earlier summary shows that wheel beside this one; the code holds only the
  // statuses, and nothing about it is kept (bot/conversation/wheel_code.py).
  function compareWith(wheels) {
    const box = document.createElement("div");
    box.className = "compare";
    const label = document.createElement("label");
    const field = document.createElement("input");
    field.type = "text";
    field.id = "vorige-code-" + document.querySelectorAll(".compare").length;
    field.autocomplete = "off";
    field.maxLength = 12;
    label.htmlFor = field.id;
    label.textContent = "Code van de vorige keer";
    const button = makeButton("Vergelijk");
    const said = document.createElement("p");
    said.setAttribute("role", "status");
    async function compare() {
      const code = field.value.trim();
      if (!code) return;
      const src = "/wheel.svg?code=" + encodeURIComponent(code);
      try {
        const answer = await fetch(src);
        if (!answer.ok) {
          said.textContent = (await answer.json()).error || "Deze code ken ik niet.";
          return;
        }
        const svg = await answer.text();
        const words = /aria-label="([^"]*)"/.exec(svg);
        const earlier = wheels.querySelector(".earlier");
        if (earlier) earlier.remove();
        const figure = wheelFigure(src, "Vorige keer", "Vorige keer: " + (words ? words[1] : "het wiel van de code."));
        figure.classList.add("earlier");
        wheels.prepend(figure);
        said.textContent = "U ziet nu het wiel van de vorige keer en het wiel van nu.";
      } catch (e) {
        said.textContent = "Dat lukt nu niet. Probeer het zo nog eens.";
      }
    }
    button.addEventListener("click", compare);
    field.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); compare(); } });
    const row = document.createElement("div");
    row.className = "row";
    row.append(field, button);
    box.append(label, row, said);
    add(box);
  }

  function forget() {
    // The conversation is erased on the server (which also gave a new cookie); clear the screen.
    const keep = transcript.lastChild;
    transcript.replaceChildren(keep);
    sessionStorage.removeItem(SCREEN_KEY);
    sessionStorage.removeItem(FEEDBACK_KEY);
    helpBar.hidden = true;
    simpleWords.setAttribute("aria-pressed", "false"); // a new conversation starts in the usual words
  }

  // "Print of bewaar": the reply's texts, cards and wheel on a sheet of its own, with the date,
  // which the print style shows without the chat around it (a contact woman hands it over).
  function printButton(elements) {
    const button = makeButton("Print of bewaar", "print");
    button.addEventListener("click", () => {
      chosenForPrint = elements;
      fillSheet(elements);
      window.print();
    });
    return button;
  }

  function fillSheet(elements) {
    const made = document.createElement("p");
    made.textContent = "Gemaakt op " + new Date().toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" }) + ".";
    document.getElementById("print-content").replaceChildren(made, ...elements.map((e) => e.cloneNode(true)));
  }

  // The browser's own print (Ctrl+P, "save as PDF") prints the newest tips or wheel summary.
  let chosenForPrint = null;
  let lastPrintable = [];
  window.addEventListener("beforeprint", () => fillSheet(chosenForPrint || lastPrintable));
  window.addEventListener("afterprint", () => { chosenForPrint = null; });

  function quickReplies(buttons) {
    const group = document.createElement("div");
    group.className = "quick-replies";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Kies een antwoord");
    for (const b of buttons) {
      const button = makeButton(b.title);
      button.addEventListener("click", () => {
        send(b.payload, b.title);
        input.focus(); // the clicked button is now disabled; typing goes on below
      });
      group.appendChild(button);
    }
    add(group);
  }

  // The text before a services payload lists the same tips for text-only channels ("Dit kan u
  // helpen: 1. ..."); here the cards show them, so that list is not shown or read out twice.
  function isTextVersionOf(text, services) {
    return /^(Dit kan |Jammer dat dit niet past)/.test(text) && services.every((s) => text.includes(s.name));
  }

  function show(messages) {
    let danger = null;
    let printable = false;
    shownNow = [];
    const summary = messages.some((m) => m.custom && m.custom.type === "wheel_summary");
    messages.forEach((m, i) => {
      const next = messages[i + 1];
      const cards = next && next.custom && next.custom.type === "services" ? next.custom.services : null;
      // "Lees voor" reads the whole text version: the tips' names and numbers too.
      let said = null;
      if (m.text && cards && isTextVersionOf(m.text, cards)) said = textMessage(m.text.split("\n")[0], "bot", m.text);
      else if (m.text) said = textMessage(m.text, "bot");
      if (m.custom && m.custom.type === "services") serviceCards(m.custom.services);
      if (m.custom && m.custom.type === "crisis") danger = danger || crisisBox(m.custom.numbers);
      if (m.custom && m.custom.type === "callback_offer") callbackOffer(m.custom);
      if (m.image) {
        const wheels = wheelPicture(m.image);
        if (summary) compareWith(wheels);
      }
      if (m.custom && m.custom.type === "conversation_erased") forget();
      // The switch shows what the bot does: on after "Makkelijke woorden aan" (pressed or typed),
      // off again when switched off or when the conversation starts over.
      if (m.custom && m.custom.type === "simple_words") simpleWords.setAttribute("aria-pressed", String(m.custom.on));
      if (m.custom && m.custom.type === "conversation_restarted") simpleWords.setAttribute("aria-pressed", "false");
      if (m.custom && (m.custom.type === "services" || m.custom.type === "wheel_summary")) printable = true;
      if (m.buttons && m.buttons.length) {
        // A question with answer buttons is for the chat, not for the sheet.
        const elements = shownNow.filter((e) => e !== said);
        shownNow = null;
        quickReplies(m.buttons);
        shownNow = elements;
      }
    });
    const elements = shownNow;
    shownNow = null;
    const tools = document.createElement("div");
    tools.className = "reply-tools";
    if (messages.some((m) => m.text)) tools.appendChild(simplerButton());
    if (printable) {
      tools.appendChild(printButton(elements));
      lastPrintable = elements;
    }
    if (tools.hasChildNodes()) add(tools);
    if (danger) scrollToDanger(danger);
    return danger;
  }

  // A long reply opens at its start, not at its end (its last question below the fold is fine:
  // the tips come first). A short one ends at the bottom as before.
  function showStartOf(first) {
    if (first) transcript.scrollTop = Math.min(first.offsetTop, transcript.scrollHeight);
  }

  // Danger first: the numbers at the top of the window and the crisis message right below, not
  // scrolled away by what follows it.
  function scrollToDanger(danger) {
    transcript.scrollTop += danger.getBoundingClientRect().top - transcript.getBoundingClientRect().top;
    helpBar.scrollIntoView({ block: "start" });
  }

  // Buttons answer the question they came with: once anything is sent, older ones are off.
  function disableOldButtons() {
    for (const button of transcript.querySelectorAll(".quick-replies button, .reply-tools .simpler")) {
      button.disabled = true;
    }
  }

  async function send(message, shownAs) {
    disableOldButtons();
    if (shownAs !== null) {
      textMessage(shownAs || message, "user");
      remember({ user: shownAs || message });
    }
    status.textContent = "Meedoenwijzer schrijft...";
    try {
      const response = await fetch("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message: message }),
      });
      const body = await response.json();
      // When the chat is down the server still answers with messages (the crisis numbers when
      // the message names danger): show them whatever the status.
      if (!Array.isArray(body)) throw new Error(body.error || "fout");
      status.textContent = response.ok ? "" : "De chat werkt nu niet goed.";
      const before = transcript.childElementCount;
      if (!show(body)) {
        // after danger, show() put the numbers at the top instead
        chatInView();
        showStartOf(transcript.children[before]);
      }
      if (!body.some((m) => m.custom && m.custom.type === "conversation_erased")) remember({ bot: body });
    } catch (e) {
      status.textContent = "Geen verbinding met de chat. Probeer het zo nog eens.";
    }
  }

  // The chat fills the window from its top: the newest answer and the input both in view.
  function chatInView() {
    chat.scrollIntoView({ block: "start" });
  }

  function open() {
    chat.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    chatInView();
    input.focus({ preventScroll: true });
    if (!transcript.hasChildNodes()) send("/greet", null);
  }

  function close() {
    chat.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  // After a reload: the conversation so far, as it was shown, with only the last buttons live.
  function restore() {
    const screen = remembered();
    if (!screen.length) return;
    // Shown first, so that a crisis reply can scroll into view as it did.
    chat.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    let live = [];
    for (const entry of screen) {
      if (entry.user) textMessage(entry.user, "user");
      else if (Array.isArray(entry.bot)) {
        const before = new Set(transcript.querySelectorAll("button"));
        const danger = show(entry.bot);
        live = [...transcript.querySelectorAll(".quick-replies button, .reply-tools .simpler")].filter(
          (b) => !before.has(b)
        );
        if (danger) live.danger = danger;
      }
    }
    // Only the buttons of the last reply still answer, and only when nothing was sent since.
    const lastIsBot = Array.isArray(screen[screen.length - 1].bot);
    if (!lastIsBot) {
      // Reloaded while the answer was on its way: say so, and offer the message to send again.
      input.value = screen[screen.length - 1].user || "";
      status.textContent = "Het antwoord op uw laatste bericht kwam niet aan. Druk op Versturen om het opnieuw te sturen.";
    }
    for (const b of transcript.querySelectorAll(".quick-replies button, .reply-tools .simpler")) {
      b.disabled = !(lastIsBot && live.includes(b));
    }
    for (const service of answeredFeedback()) {
      for (const group of transcript.querySelectorAll(`.feedback[data-service="${CSS.escape(service)}"]`)) {
        for (const b of group.querySelectorAll("button")) b.disabled = true;
      }
    }
    if (lastIsBot && live.danger) scrollToDanger(live.danger);
    else transcript.scrollTop = transcript.scrollHeight;
  }

  restore();
  launcher.addEventListener("click", open);
  closeButton.addEventListener("click", close);
  simpleWords.addEventListener("click", () => {
    const on = simpleWords.getAttribute("aria-pressed") !== "true";
    send(on ? "/simple_words_on" : "/simple_words_off", on ? "Makkelijke woorden aan" : "Makkelijke woorden uit");
  });
  chat.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });
})();
