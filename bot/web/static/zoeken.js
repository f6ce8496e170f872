// The lookup page: results as one types, filters with counts, a card per service with every
// contact detail, a copy button and its open-data (HSDS) record. Same origin only (strict CSP).
"use strict";
(function () {
  const { card, link, makeButton } = window.MeedoenCards;
  const form = document.getElementById("lookup");
  const query = document.getElementById("lookup-q");
  const status = document.getElementById("lookup-status");
  const results = document.getElementById("lookup-results");
  const KINDS = ["domain", "category", "neighbourhood", "language", "target_group"];
  const select = Object.fromEntries(KINDS.map((k) => [k, document.getElementById("lookup-" + k)]));
  const NAMES = { neighbourhood: "wijk", language: "taal", target_group: "voor" };
  const LIMIT = 20;
  let asked = 0; // only the newest answer is shown, whatever order answers come back in
  let pending = null;

  function parameters() {
    const p = new URLSearchParams();
    if (query.value.trim()) p.set("q", query.value.trim());
    for (const k of KINDS) if (select[k].value) p.set(k, select[k].value);
    return p;
  }

  function fillSelect(kind, options) {
    const chosen = select[kind].value;
    const all = document.createElement("option");
    all.value = "";
    all.textContent = "Alle";
    const items = options.map((o) => {
      const option = document.createElement("option");
      option.value = o.value;
      option.textContent = o.label + " (" + o.count + ")";
      return option;
    });
    select[kind].replaceChildren(all, ...items);
    select[kind].value = options.some((o) => o.value === chosen) ? chosen : "";
  }

  function copyButton(s) {
    const button = makeButton("Kopieer gegevens", "copy");
    button.setAttribute("aria-label", "Kopieer de gegevens van " + s.name);
    button.addEventListener("click", async () => {
      const c = s.contact || {};
      const text = [s.name, c.phone && "Telefoon: " + c.phone, c.email && "E-mail: " + c.email,
        c.address && "Adres: " + c.address, c.walk_in && "Binnenlopen: " + c.walk_in,
        (s.opening_hours || []).length && "Open: " + s.opening_hours.join("; "), c.website]
        .filter(Boolean).join("\n");
      try {
        await navigator.clipboard.writeText(text);
        status.textContent = "De gegevens van " + s.name + " staan klaar om te plakken.";
      } catch (e) {
        status.textContent = "Kopiëren lukte niet. Selecteer de tekst zelf.";
      }
    });
    return button;
  }

  function show(body, words) {
    results.replaceChildren(...body.results.map((s) => {
      const item = card(s, "h2");
      const record = link(s.hsds, "Open data (HSDS)");
      record.className = "hsds";
      record.setAttribute("aria-label", "Open data van " + s.name + " (HSDS)");
      const tools = document.createElement("p");
      tools.className = "card-tools";
      tools.append(copyButton(s), " ", record);
      item.appendChild(tools);
      return item;
    }));
    for (const k of KINDS) fillSelect(k, body.facets[k] || []);
    const read = (body.filters_from_words || []).map((k) => NAMES[k] + " " + label(body, k));
    const shown = Math.min(body.total, LIMIT);
    let said = body.total === 0
      ? "Niets gevonden. Probeer een ander woord, of zet een filter op Alle."
      : body.total === 1 ? "1 resultaat." : body.total + " resultaten" + (body.total > shown ? ", de beste " + shown + " staan hier." : ".");
    if (read.length) said += " Gezocht met " + read.join(" en ") + ".";
    const leftOut = Object.entries(body.filters_left_out || {}).map(([k, v]) => NAMES[k] + " " + v.label);
    if (leftOut.length) said = "Niets gevonden met " + leftOut.join(" en ") + ". Hieronder hulp zonder die keuze. " + said;
    status.textContent = said;
    results.dataset.query = words; // for tests and the speed benchmark: what is on screen now
  }

  function label(body, kind) {
    const option = (body.facets[kind] || []).find((o) => o.value === body.filters[kind]);
    return option ? option.label : body.filters[kind];
  }

  async function search() {
    const p = parameters();
    const words = p.toString();
    history.replaceState(null, "", words ? "/zoeken?" + words : "/zoeken");
    p.set("limit", String(LIMIT));
    const mine = ++asked;
    if (pending) pending.abort();
    pending = new AbortController();
    try {
      const response = await fetch("/api/services?" + p.toString(), { signal: pending.signal });
      const body = await response.json();
      if (mine !== asked) return;
      if (!response.ok) {
        status.textContent = body.error || "Zoeken lukte niet. Probeer het opnieuw.";
        return;
      }
      show(body, words);
    } catch (e) {
      if (e.name !== "AbortError" && mine === asked) status.textContent = "Geen verbinding. Probeer het zo opnieuw.";
    }
  }

  // Start from the address, so a search can be shared or bookmarked.
  const start = new URLSearchParams(location.search);
  query.value = start.get("q") || "";
  for (const k of KINDS) {
    if (start.get(k)) {
      const option = document.createElement("option");
      option.value = start.get(k);
      select[k].appendChild(option);
      select[k].value = start.get(k);
    }
    select[k].addEventListener("change", search);
  }
  query.addEventListener("input", search);
  form.addEventListener("submit", (e) => { e.preventDefault(); search(); });
  search();
})();
