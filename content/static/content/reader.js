// In-browser reader for library PDFs (pdf.js) and EPUBs (epub.js), page by page.
//
// Markup comes from content/library/reader_embed.html: a [data-reader] root carrying the file's
// URL, the URLs of the vendored libraries and, for a signed-in reader, the URL that keeps the
// last position on the server. The position is also kept in localStorage so an anonymous
// reader (or one who is offline for a moment) still reopens where they stopped.
//
// Test hooks on the root: data-ready="1" once the first page is drawn, data-page (1-based page
// of a PDF, location of an EPUB) and data-cfi (EPUB) after every page change.

const STORAGE_PREFIX = "hoclieu-reader:";
const SAVE_DELAY_MS = 400;
const SWIPE_MIN_PX = 50;
// Canvas pixels above this make phones drop the canvas (iOS caps a canvas near 16.7 Mpx).
const MAX_CANVAS_PIXELS = 16_000_000;
// Characters per EPUB location: about one phone screen of text.
const EPUB_LOCATION_CHARS = 1024;

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

function isPosition(value) {
  return (
    value !== null &&
    typeof value === "object" &&
    ((Number.isInteger(value.page) && value.page > 0) ||
      (typeof value.cfi === "string" && value.cfi.startsWith("epubcfi(")))
  );
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const existing = document.querySelector(`script[data-reader-lib="${CSS.escape(src)}"]`);
    if (existing?.dataset.loaded) return resolve();
    const script = existing || document.createElement("script");
    script.addEventListener("load", () => {
      script.dataset.loaded = "1";
      resolve();
    });
    script.addEventListener("error", () => reject(new Error(`cannot load ${src}`)));
    if (!existing) {
      script.src = src;
      script.dataset.readerLib = src;
      document.head.append(script);
    }
  });
}

/** Where the reader is: localStorage always, the server when signed in (debounced POST). */
class PositionStore {
  constructor(fileUrl, positionUrl) {
    this.key = STORAGE_PREFIX + fileUrl;
    this.url = positionUrl || null;
    this.pending = null;
    this.timer = null;
    this.lastSent = null;
    if (this.url) {
      // pagehide misses a phone's app switch; a hidden page may never come back.
      window.addEventListener("pagehide", () => this.flush(true));
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "hidden") this.flush(true);
      });
    }
  }

  /** The position to open at: the page's own, else the server's, else this browser's. */
  async load(initial) {
    if (isPosition(initial)) {
      this.lastSent = JSON.stringify(initial);
      return initial;
    }
    if (this.url) {
      try {
        const response = await fetch(this.url, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (response.ok) {
          const data = await response.json();
          if (isPosition(data)) {
            this.lastSent = JSON.stringify(data);
            return data;
          }
        }
      } catch {
        // Offline or the server failed: fall back to this browser's copy.
      }
    }
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) || "null");
      if (isPosition(stored)) return stored;
    } catch {
      // Storage disabled (private mode) or a corrupt value.
    }
    return null;
  }

  save(position) {
    const body = JSON.stringify(position);
    try {
      localStorage.setItem(this.key, body);
    } catch {
      // Storage full or disabled: the server copy still works.
    }
    if (!this.url || body === this.lastSent) return;
    this.pending = body;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(false), SAVE_DELAY_MS);
  }

  flush(keepalive) {
    clearTimeout(this.timer);
    if (!this.url || this.pending === null) return;
    const body = this.pending;
    this.pending = null;
    this.lastSent = body;
    fetch(this.url, {
      method: "POST",
      credentials: "same-origin",
      keepalive,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body,
    }).catch(() => {
      // Not saved on the server this time; localStorage has it and the next page turn retries.
      this.lastSent = null;
    });
  }
}

/** The toolbar, page status and gestures shared by both kinds of file. */
class ReaderUI {
  constructor(root) {
    this.root = root;
    this.prev = root.querySelector("[data-reader-prev]");
    this.next = root.querySelector("[data-reader-next]");
    this.form = root.querySelector("[data-reader-goto]");
    this.input = root.querySelector("[data-reader-input]");
    this.total = root.querySelector("[data-reader-total]");
    this.status = root.querySelector("[data-reader-status]");
    this.stage = root.querySelector("[data-reader-stage]");
    this.error = root.querySelector("[data-reader-error]");
    this.label = root.dataset.labelPage || "Trang";
  }

  /** Wire the controls to ``go(delta)`` and ``jump(number)``. */
  bind({ go, jump }) {
    this.prev.addEventListener("click", () => go(-1));
    this.next.addEventListener("click", () => go(1));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const number = Number.parseInt(this.input.value, 10);
      if (Number.isInteger(number)) jump(number);
    });
    this.input.addEventListener("change", () => this.form.requestSubmit());
    document.addEventListener("keydown", (event) => this.onKey(event, go));
    this.bindSwipe(this.stage, go);
  }

  onKey(event, go) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target instanceof Element && target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    // With several readers on one page, arrows turn the one holding the focus.
    const readers = document.querySelectorAll("[data-reader]");
    if (readers.length > 1 && !this.root.contains(document.activeElement)) return;
    if (event.key === "ArrowLeft") go(-1);
    else if (event.key === "ArrowRight") go(1);
    else return;
    event.preventDefault();
  }

  /** Horizontal swipes turn pages; vertical moves scroll and a pinch-zoomed page pans. */
  bindSwipe(target, go) {
    let start = null;
    target.addEventListener(
      "touchstart",
      (event) => {
        start =
          event.touches.length === 1
            ? { x: event.touches[0].clientX, y: event.touches[0].clientY }
            : null;
      },
      { passive: true },
    );
    target.addEventListener(
      "touchend",
      (event) => {
        if (!start || event.changedTouches.length !== 1) return;
        const dx = event.changedTouches[0].clientX - start.x;
        const dy = event.changedTouches[0].clientY - start.y;
        start = null;
        if ((window.visualViewport?.scale || 1) > 1.01) return;
        if (Math.abs(dx) >= SWIPE_MIN_PX && Math.abs(dx) > 1.5 * Math.abs(dy)) go(dx < 0 ? 1 : -1);
      },
      { passive: true },
    );
  }

  /** Show ``number`` of ``count`` (count null while unknown). */
  show(number, count, { label = this.label, atStart, atEnd } = {}) {
    this.input.disabled = !count;
    if (count) this.input.max = String(count);
    if (number) this.input.value = String(number);
    this.total.textContent = `/ ${count || "…"}`;
    if (number && count) this.status.textContent = `${label} ${number} / ${count}`;
    this.prev.disabled = atStart ?? !(number > 1);
    this.next.disabled = atEnd ?? !(count && number < count);
    if (number) this.root.dataset.page = String(number);
  }

  fail(error) {
    console.error("hoclieu reader:", error);
    this.stage.hidden = true;
    this.status.textContent = "";
    this.error.hidden = false;
    for (const control of [this.prev, this.next, this.input]) control.disabled = true;
    this.root.dataset.error = "1";
  }
}

async function openPdf(root, ui, store) {
  const data = root.dataset;
  const pdfjs = await import(data.pdfjsSrc);
  pdfjs.GlobalWorkerOptions.workerSrc = data.pdfjsWorkerSrc;
  const [doc, saved] = await Promise.all([
    pdfjs.getDocument({
      url: data.fileUrl,
      cMapUrl: data.pdfjsCmaps,
      cMapPacked: true,
      standardFontDataUrl: data.pdfjsFonts,
      wasmUrl: data.pdfjsWasm,
      iccUrl: data.pdfjsIccs,
      isEvalSupported: false,
    }).promise,
    store.load(initialPosition(root)),
  ]);
  const count = doc.numPages;
  const clamp = (number) => Math.min(Math.max(1, number), count);
  let current = clamp(saved?.page || 1);
  // The page last asked for, which taps count from while an earlier one is still drawing.
  let wanted = current;
  let drawnWidth = 0;
  let busy = false;
  let queued = null;

  const box = document.createElement("div");
  box.className = "reader__page";
  ui.stage.append(box);

  async function draw(number) {
    const page = await doc.getPage(number);
    const width = ui.stage.clientWidth;
    const scale = width / page.getViewport({ scale: 1 }).width;
    const viewport = page.getViewport({ scale });
    let ratio = window.devicePixelRatio || 1;
    ratio = Math.min(ratio, Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)));
    const canvas = document.createElement("canvas");
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", `${ui.label} ${number}`);
    // Drawn off screen, then swapped in: the old page stays until the new one is ready.
    await page.render({
      canvas,
      viewport,
      transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0],
    }).promise;
    const text = document.createElement("div");
    text.className = "textLayer";
    box.style.setProperty("--total-scale-factor", String(scale));
    box.style.aspectRatio = `${viewport.width} / ${viewport.height}`;
    box.replaceChildren(canvas, text);
    drawnWidth = width;
    // The text layer makes the page selectable and readable by screen readers; the page is
    // already shown without it, so a failure here is not the reader's failure.
    new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport })
      .render()
      .catch(() => text.remove());
  }

  // One drawing at a time; taps during a drawing keep only the last wanted page.
  async function show(number) {
    if (busy) {
      queued = number;
      return;
    }
    busy = true;
    try {
      await draw(number);
      const turned = number !== current;
      current = number;
      ui.show(current, count);
      store.save({ page: current });
      if (turned && root.dataset.ready === "1" && root.getBoundingClientRect().top < 0) {
        root.scrollIntoView({ block: "start" });
      }
      root.dataset.ready = "1";
    } finally {
      busy = false;
    }
    if (queued !== null) {
      const next = queued;
      queued = null;
      if (next !== current) await show(next);
    }
  }

  const turnTo = (number) => {
    const target = clamp(number);
    if (target === wanted) {
      ui.show(current, count);
      return;
    }
    wanted = target;
    show(target).catch((error) => console.error("hoclieu reader: page", target, error));
  };
  ui.bind({ go: (delta) => turnTo(wanted + delta), jump: turnTo });

  let resizeTimer = null;
  new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (root.dataset.ready === "1" && Math.abs(ui.stage.clientWidth - drawnWidth) > 1) {
        show(current);
      }
    }, 150);
  }).observe(ui.stage);

  await show(current);
}

async function openEpub(root, ui, store) {
  const data = root.dataset;
  // epub.js takes JSZip from the global scope when it loads, so JSZip comes first.
  if (!window.JSZip) await loadScript(data.jszipSrc);
  if (!window.ePub) await loadScript(data.epubjsSrc);
  const [response, saved] = await Promise.all([
    fetch(data.fileUrl, { credentials: "same-origin" }),
    store.load(initialPosition(root)),
  ]);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${data.fileUrl}`);
  const book = window.ePub();
  // open() rejects on a broken file; ePub(data) would only emit "openFailed" and never open.
  await book.open(await response.arrayBuffer(), "binary");
  await book.opened;
  const rendition = book.renderTo(ui.stage, {
    width: "100%",
    height: "100%",
    flow: "paginated",
    spread: "none",
    allowScriptedContent: false,
  });
  const label = data.labelLocation || "Vị trí";
  let located = null;
  let locationsReady = false;

  const update = () => {
    if (!located) return;
    const count = locationsReady ? book.locations.length() : null;
    const index = located.start.location;
    const number = locationsReady && index >= 0 ? Math.min(index + 1, count) : null;
    ui.show(number, count, {
      label,
      atStart: Boolean(located.atStart),
      atEnd: Boolean(located.atEnd),
    });
    if (!number) ui.status.textContent = data.labelCounting || "…";
  };

  rendition.on("relocated", (location) => {
    located = location;
    root.dataset.cfi = location.start.cfi;
    update();
    store.save({ cfi: location.start.cfi });
  });

  const go = (delta) => (delta > 0 ? rendition.next() : rendition.prev());
  ui.bind({
    go,
    jump: (number) => {
      if (!locationsReady) return;
      const cfi = book.locations.cfiFromLocation(Math.min(Math.max(1, number), book.locations.length()) - 1);
      if (cfi !== -1) rendition.display(cfi);
    },
  });
  // Touches and keys inside the book's iframe do not reach our document: epub.js passes them on.
  let start = null;
  rendition.on("touchstart", (event) => {
    start = event.touches.length === 1 ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
  });
  rendition.on("touchend", (event) => {
    if (!start || event.changedTouches.length !== 1) return;
    const dx = event.changedTouches[0].clientX - start.x;
    const dy = event.changedTouches[0].clientY - start.y;
    start = null;
    if (Math.abs(dx) >= SWIPE_MIN_PX && Math.abs(dx) > 1.5 * Math.abs(dy)) go(dx < 0 ? 1 : -1);
  });
  rendition.on("keydown", (event) => {
    if (event.key === "ArrowLeft") go(-1);
    else if (event.key === "ArrowRight") go(1);
  });

  const generate = () =>
    book.locations.generate(EPUB_LOCATION_CHARS).then(() => {
      locationsReady = book.locations.length() > 0;
      if (located && locationsReady) {
        // The location index needs the locations: ask epub.js for the current one again.
        located = rendition.currentLocation() || located;
      }
      update();
    });

  // epub.js reports the location after display() resolves (on the next frame): the reader is
  // ready once the position it shows is known, so data-cfi is set when data-ready is.
  const firstLocation = new Promise((resolve) => rendition.once("relocated", resolve));
  let target = saved?.cfi;
  if (!target && saved?.page) {
    // A page number alone (no CFI) is a location: those must be counted first.
    await generate();
    const cfi = book.locations.cfiFromLocation(saved.page - 1);
    target = cfi === -1 ? undefined : cfi;
  }
  try {
    await rendition.display(target);
  } catch (error) {
    if (!target) throw error;
    // A CFI from another edition of the file: start at the beginning instead.
    await rendition.display();
  }
  await Promise.race([firstLocation, new Promise((resolve) => setTimeout(resolve, 5000))]);
  root.dataset.ready = "1";
  if (!locationsReady) generate().catch((error) => console.warn("hoclieu reader: locations", error));
}

function initialPosition(root) {
  const script = root.querySelector(":scope > script[type='application/json']");
  try {
    return script ? JSON.parse(script.textContent) : null;
  } catch {
    return null;
  }
}

async function open(root) {
  if (root.dataset.readerStarted) return;
  root.dataset.readerStarted = "1";
  const ui = new ReaderUI(root);
  const store = new PositionStore(root.dataset.fileUrl, root.dataset.positionUrl);
  try {
    if (root.dataset.kind === "epub") await openEpub(root, ui, store);
    else if (root.dataset.kind === "pdf") await openPdf(root, ui, store);
    else throw new Error(`unknown kind ${root.dataset.kind}`);
  } catch (error) {
    ui.fail(error);
  }
}

for (const root of document.querySelectorAll("[data-reader]")) open(root);
