// A service as a card, the same in the chat and on the lookup page: every contact detail the
// catalogue has; and the pages' buttons. Loaded before chat.js and zoeken.js (no modules: no build step, strict CSP).
"use strict";
window.MeedoenCards = (function () {
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

  // Every button the pages make is an NL Design System button (Utrecht's component).
  function makeButton(label, className, kind) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "utrecht-button utrecht-button--" + (kind || "secondary") + "-action" +
      (className ? " " + className : "");
    button.textContent = label;
    return button;
  }

  // `heading`: the card title's element (h3 in the chat, h2 on the lookup page).
  function card(s, heading) {
    const item = document.createElement("li");
    item.className = "service";
    const title = document.createElement(heading);
    title.textContent = s.name;
    const summary = document.createElement("p");
    summary.textContent = s.summary;
    item.append(title, summary);
    const c = s.contact || {};
    if (c.phone) line(item, "Bellen:", link(phoneHref(c.phone), c.phone));
    if (c.email) line(item, "Mailen:", link("mailto:" + c.email, c.email));
    if (c.walk_in) line(item, "Binnenlopen:", c.walk_in);
    // The walk-in hours are said once: in the walk-in line when the catalogue words them.
    const hours = (s.opening_hours || []).filter((h) => !(c.walk_in && h.endsWith("(inloop)")));
    if (hours.length) line(item, "Open:", hours.join("; "));
    if (c.address) {
      const p = document.createElement("p");
      const b = document.createElement("strong");
      b.textContent = "Adres: ";
      const map = link(mapHref(c.address), "kaart");
      map.setAttribute("aria-label", "Kaart van " + c.address);
      const onMap = document.createElement("span");
      onMap.className = "map";
      onMap.append(" (", map, ")");
      p.append(b, c.address, onMap);
      item.appendChild(p);
    }
    if (s.home_visit) line(item, "", "Iemand kan ook bij u thuis komen.");
    if (s.cost) line(item, "Kosten:", s.cost);
    if (s.languages_spoken && s.languages_spoken.length) line(item, "Talen:", s.languages_spoken.join(", "));
    if (c.website) {
      const site = link(c.website, "Website van " + s.name);
      site.className = "website";
      line(item, "", site);
    }
    return item;
  }

  return { card, line, link, makeButton, mapHref, phoneHref };
})();
