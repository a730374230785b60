/* briefing: the search page, on Pagefind's JavaScript API. The index is split into bundles
   (pagefind/<name>/, see generator/site/search.py), listed newest first in data-bundles: the newest is
   Pagefind's primary index, the others are merged into it. Paths come from data attributes the
   renderer wrote page-relative, so the page works under any sub-path; they are made absolute here
   because Pagefind prefixes result URLs with baseUrl. */
"use strict";

const LIMIT = 50;

function excerpt(html) {
  // Keep Pagefind's <mark> highlights and nothing else: parsed in an inert document, copied as text.
  const out = document.createElement("p");
  out.className = "excerpt";
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.firstChild;
  for (const node of parsed ? parsed.childNodes : []) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent);
    }
  }
  return out;
}

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  heading.className = "card-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta.date) {
    const when = document.createElement("p");
    when.className = "meta";
    when.textContent = data.meta.date;
    item.append(when);
  }
  item.append(excerpt(data.excerpt));
  return item;
}

async function newestFirst(pagefind, filters, bundleCount) {
  // Pagefind's date sort orders each bundle's results, but merges bundles by a rank-based score, which
  // interleaves them. Bundles hold briefs in date order, so asking them one at a time, newest first,
  // gives the newest briefs overall; usually the first bundle or two fill the page.
  const all = await pagefind.search(null, { filters });
  const results = [];
  for (let rank = 0; rank < bundleCount && results.length < LIMIT; rank++) {
    const part = await pagefind.search(null, { filters: { ...filters, bundle: `${rank}` }, sort: { date: "desc" } });
    results.push(...part.results);
  }
  return { results, total: all.results.length };
}

function countText(n) {
  if (n === 0) return "No briefs found.";
  if (n > LIMIT) return `${n} briefs found; the first ${LIMIT} are shown.`;
  return n === 1 ? "1 brief found." : `${n} briefs found.`;
}

async function start(root) {
  root.hidden = false; // hidden in the HTML, so that without JavaScript no dead form shows
  const form = root.querySelector("form");
  const words = document.getElementById("search-q");
  const pillar = document.getElementById("search-pillar");
  const year = document.getElementById("search-year");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const bundles = root.dataset.bundles.split(" ").filter(Boolean);
  const [primary, ...merged] = bundles.map((b) => new URL(b, document.baseURI).href);
  const home = new URL(root.dataset.root, document.baseURI).href;

  // Pagefind is loaded on the first search, not with the page: a reader who only looks costs nothing.
  let loading;
  function loadPagefind() {
    loading ??= (async () => {
      if (!primary) throw new Error("no search index");
      const pagefind = await import(`${primary}pagefind.js`);
      // Set before Pagefind starts. noWorker: its web worker's request is cut off (and reported as a
      // failed request) whenever a reader leaves mid-load; the index is small enough for the page.
      await pagefind.options({ baseUrl: home, noWorker: true });
      // Each bundle's results carry a "bundle" filter with its rank, newest 0 (see newestFirst).
      await pagefind.options({ mergeFilter: { bundle: "0" } });
      await Promise.all(
        merged.map((url, i) => pagefind.mergeIndex(url, { baseUrl: home, mergeFilter: { bundle: `${i + 1}` } })),
      );
      return pagefind;
    })();
    return loading;
  }

  const asked = new URLSearchParams(window.location.search);
  words.value = asked.get("q") || "";
  pillar.value = asked.get("pillar") || "";
  year.value = asked.get("year") || "";

  let ticket = 0;
  async function run() {
    const mine = ++ticket;
    const text = words.value.trim();
    const chosen = {};
    if (pillar.value) chosen.pillar = pillar.value;
    if (year.value) chosen.year = year.value;
    const query = new URLSearchParams();
    if (text) query.set("q", text);
    for (const [key, value] of Object.entries(chosen)) query.set(key, value);
    window.history.replaceState(null, "", query.toString() ? `?${query}` : window.location.pathname);
    if (!text && !Object.keys(chosen).length) {
      results.replaceChildren();
      status.textContent = "";
      return;
    }
    let pagefind;
    try {
      pagefind = await loadPagefind();
    } catch (error) {
      status.textContent = "Search is not available: its index could not be loaded.";
      return;
    }
    let found;
    if (text) {
      const all = await pagefind.search(text, { filters: chosen });
      found = { results: all.results, total: all.results.length };
    } else {
      found = await newestFirst(pagefind, chosen, bundles.length);
    }
    const data = await Promise.all(found.results.slice(0, LIMIT).map((r) => r.data()));
    if (mine !== ticket) return; // a newer search started meanwhile
    results.replaceChildren(...data.map(resultItem));
    status.textContent = countText(found.total);
  }

  let timer;
  words.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  pillar.addEventListener("change", run);
  year.addEventListener("change", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  run();
}

const searchRoot = document.getElementById("search");
if (searchRoot) start(searchRoot);
