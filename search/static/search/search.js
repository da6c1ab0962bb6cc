// Progressive enhancement of the search boxes and the search page. Everything works without
// this file: the boxes are plain GET forms and the filters are links.
//
// * Every <input data-search-suggest="URL"> becomes an ARIA 1.2 combobox: as the user types
//   (debounced), it asks URL?q=… for {"suggestions": [{label, kind, q, url}]}, aborts the
//   request a newer keystroke made stale, and lists the suggestions under the box. Up/Down
//   move, Enter opens the chosen one (its page, or a search for it), Escape closes.
// * <details data-collapse-narrow> (the filter panel) starts closed on narrow screens, so the
//   results come first on a phone; it is always open on wide screens.
//
// Loaded as a module from base.html (no inline script), so it runs after the document is parsed.

const DEBOUNCE_MS = 150;
const MIN_CHARS = 2;
const NARROW = "(max-width: 51.99rem)";

let instances = 0;

function safeUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

function enhance(input) {
  const endpoint = input.dataset.searchSuggest;
  const form = input.form;
  const wrapper = input.parentElement;
  instances += 1;
  const listId = `${input.id || `search-box-${instances}`}-suggestions`;

  const list = document.createElement("ul");
  list.id = listId;
  list.className = "search-listbox";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Gợi ý tìm kiếm (suggestions)");
  list.hidden = true;

  const status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  wrapper.append(list, status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  let suggestions = [];
  let active = -1;
  let timer = 0;
  let controller = null;

  function setActive(index) {
    active = index;
    list.querySelectorAll("[role=option]").forEach((option, i) => {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
      if (i === index) option.scrollIntoView({ block: "nearest" });
    });
    if (index >= 0) input.setAttribute("aria-activedescendant", `${listId}-${index}`);
    else input.removeAttribute("aria-activedescendant");
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function open() {
    if (!suggestions.length) return;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function render(items) {
    suggestions = items;
    list.replaceChildren(
      ...items.map((item, i) => {
        const option = document.createElement("li");
        option.id = `${listId}-${i}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.index = String(i);
        const label = document.createElement("span");
        label.textContent = item.label;
        const kind = document.createElement("small");
        kind.textContent = item.kind === "subject" ? "Môn học" : item.kind || "";
        option.append(label, kind);
        return option;
      }),
    );
    active = -1;
    input.removeAttribute("aria-activedescendant");
    status.textContent = items.length
      ? `${items.length} gợi ý. Dùng phím mũi tên để chọn.`
      : "";
    if (items.length) open();
    else close();
  }

  function choose(item) {
    close();
    const url = item.kind !== "subject" ? safeUrl(item.url) : null;
    if (url) {
      window.location.assign(url.href);
      return;
    }
    input.value = item.q || item.label;
    if (form) {
      if (typeof form.requestSubmit === "function") form.requestSubmit();
      else form.submit();
    }
  }

  async function load(text) {
    controller?.abort();
    controller = new AbortController();
    const url = new URL(endpoint, window.location.href);
    url.searchParams.set("q", text);
    try {
      const response = await fetch(url, {
        signal: controller.signal,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.json();
      // A reply to an older text (the user kept typing) is dropped.
      if (input.value.trim() !== text) return;
      render(Array.isArray(data.suggestions) ? data.suggestions : []);
    } catch (error) {
      if (error.name !== "AbortError") render([]);
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < MIN_CHARS) {
      controller?.abort();
      render([]);
      return;
    }
    timer = window.setTimeout(() => load(text), DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (event) => {
    if (event.isComposing) return; // Vietnamese IMEs (Telex/VNI) compose with keys too
    const count = suggestions.length;
    switch (event.key) {
      case "ArrowDown":
        if (!count) return;
        event.preventDefault();
        if (list.hidden) open();
        setActive((active + 1) % count);
        break;
      case "ArrowUp":
        if (!count) return;
        event.preventDefault();
        if (list.hidden) open();
        setActive(active <= 0 ? count - 1 : active - 1);
        break;
      case "Enter":
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          choose(suggestions[active]);
        }
        break;
      case "Escape":
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
        break;
      default:
    }
  });

  input.addEventListener("blur", close);
  // Keep the focus in the box while an option is clicked, so blur does not close first.
  list.addEventListener("mousedown", (event) => event.preventDefault());
  list.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) choose(suggestions[Number(option.dataset.index)]);
  });
}

function collapseOnNarrowScreens() {
  const panels = document.querySelectorAll("details[data-collapse-narrow]");
  if (!panels.length) return;
  const narrow = window.matchMedia(NARROW);
  const sync = () => {
    panels.forEach((panel) => {
      panel.open = !narrow.matches;
    });
  };
  sync();
  narrow.addEventListener("change", sync);
}

document.querySelectorAll("input[data-search-suggest]").forEach(enhance);
collapseOnNarrowScreens();
