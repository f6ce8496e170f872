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

  function add(element) {
    transcript.appendChild(element);
    transcript.scrollTop = transcript.scrollHeight;
  }

  function textMessage(text, who) {
    const p = document.createElement("p");
    p.className = "msg " + who;
    // The speaker is said to screen readers; sighted users see it from the layout.
    const speaker = document.createElement("span");
    speaker.className = "visually-hidden";
    speaker.textContent = who === "user" ? "U: " : "Meedoenwijzer: ";
    p.append(speaker, text);
    add(p);
  }

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function phoneHref(phone) { return "tel:" + phone.replace(/[^0-9+]/g, ""); }

  function line(parent, label, content) {
    const p = document.createElement("p");
    if (label) {
      const b = document.createElement("strong");
      b.textContent = label + " ";
      p.appendChild(b);
    }
    p.append(content);
    parent.appendChild(p);
  }

  // A map search on the address, on OpenStreetMap (a link only: nothing loads from there here).
  function mapHref(address) {
    return "https://www.openstreetmap.org/search?query=" + encodeURIComponent(address);
  }

  function serviceCards(services) {
    const list = document.createElement("ul");
    list.className = "services";
    list.setAttribute("aria-label", "Tips");
    for (const s of services) {
      const item = document.createElement("li");
      item.className = "service";
      const title = document.createElement("h3");
      title.textContent = s.name;
      const summary = document.createElement("p");
      summary.textContent = s.summary;
      item.append(title, summary);
      const c = s.contact || {};
      if (c.phone) line(item, "Bellen:", link(phoneHref(c.phone), c.phone));
      if (c.email) line(item, "Mailen:", link("mailto:" + c.email, c.email));
      if (c.walk_in) line(item, "Binnenlopen:", c.walk_in);
      if (s.opening_hours && s.opening_hours.length) line(item, "Open:", s.opening_hours.join(", "));
      if (c.address) {
        const p = document.createElement("p");
        const b = document.createElement("strong");
        b.textContent = "Adres: ";
        const map = link(mapHref(c.address), "kaart");
        map.setAttribute("aria-label", "Kaart van " + c.address);
        p.append(b, c.address + " (", map, ")");
        item.appendChild(p);
      }
      if (s.home_visit) line(item, "", "Iemand kan ook bij u thuis komen.");
      if (s.cost) line(item, "Kosten:", s.cost);
      if (s.languages_spoken && s.languages_spoken.length) line(item, "Talen:", s.languages_spoken.join(", "));
      if (c.website) line(item, "", link(c.website, "Website van " + s.name));
      list.appendChild(item);
    }
    add(list);
  }

  function crisisBox(numbers) {
    const box = document.createElement("div");
    box.className = "crisis";
    box.setAttribute("role", "alert");
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

  function wheelPicture(url) {
    const img = document.createElement("img");
    // Only our own pictures: the page's CSP allows images from this origin alone.
    img.src = new URL(url, window.location.href).pathname + new URL(url, window.location.href).search;
    img.alt = "Het participatiewiel met uw antwoorden. De tekst hierboven zegt hetzelfde.";
    img.className = "wheel";
    add(img);
  }

  function forget() {
    // The conversation is erased on the server (which also gave a new cookie); clear the screen.
    const keep = transcript.lastChild;
    transcript.replaceChildren(keep);
  }

  function quickReplies(buttons) {
    const group = document.createElement("div");
    group.className = "quick-replies";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Kies een antwoord");
    for (const b of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
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
    return /^Dit kan /.test(text) && services.every((s) => text.includes(s.name));
  }

  function show(messages) {
    let danger = null;
    messages.forEach((m, i) => {
      const next = messages[i + 1];
      const cards = next && next.custom && next.custom.type === "services" ? next.custom.services : null;
      if (m.text && cards && isTextVersionOf(m.text, cards)) textMessage(m.text.split("\n")[0], "bot");
      else if (m.text) textMessage(m.text, "bot");
      if (m.custom && m.custom.type === "services") serviceCards(m.custom.services);
      if (m.custom && m.custom.type === "crisis") danger = danger || crisisBox(m.custom.numbers);
      if (m.image) wheelPicture(m.image);
      if (m.custom && m.custom.type === "conversation_erased") forget();
      if (m.buttons && m.buttons.length) quickReplies(m.buttons);
    });
    // Danger first: the numbers at the top of the window and the crisis message right below,
    // not scrolled away by what follows it.
    if (danger) {
      transcript.scrollTop += danger.getBoundingClientRect().top - transcript.getBoundingClientRect().top;
      helpBar.scrollIntoView({ block: "start" });
    }
  }

  // Buttons answer the question they came with: once anything is sent, older ones are off.
  function disableOldButtons() {
    for (const button of transcript.querySelectorAll(".quick-replies button")) button.disabled = true;
  }

  async function send(message, shownAs) {
    disableOldButtons();
    if (shownAs !== null) textMessage(shownAs || message, "user");
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
      show(body);
    } catch (e) {
      status.textContent = "Geen verbinding met de chat. Probeer het zo nog eens.";
    }
  }

  function open() {
    chat.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
    if (!transcript.hasChildNodes()) send("/greet", null);
  }

  function close() {
    chat.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", open);
  closeButton.addEventListener("click", close);
  chat.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });
})();
