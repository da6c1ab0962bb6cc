// The exam page (plain ES module, no build). Reads its bootstrap (lms/exams/views.py), shows
// the version's questions, and saves every change through an outbox in IndexedDB
// (exam-outbox.js): a question shows "Đã lưu" only once the server has acknowledged its
// answer; unacknowledged answers stay on the device and are sent again when the connection
// comes back, after a reload too (a service worker keeps the page for an offline reload).
// The timer runs on the server's clock (offset measured from every response), never the
// device's. Page events (leaving the page, blur, leaving full screen) are reported, never
// acted on.

import { openOutbox } from "./exam-outbox.js";
import { h, makeWidget } from "./exam-widgets.js";

const boot = JSON.parse(document.getElementById("exam-bootstrap").textContent);
const loadedAt = Date.now();
const FLUSH_DELAY = 1200; // after the last change; never later than MAX_FLUSH_WAIT
const MAX_FLUSH_WAIT = 2000;
const TYPING_PAUSE = 700;
// The page asks the server for its clock and the deadline when it has heard nothing for
// this long (45 s: the room view calls a page offline after 60 s): every save's answer
// carries both, so an answering student sends few beats.
const HEARTBEAT = 45000;
const BACKOFF = [1000, 2000, 4000, 8000, 15000, 30000];
const ROMAN = { 1: "I", 2: "II", 3: "III", 4: "IV" };
const PLACE_KEY = `exam-place-${boot.attempt}`; // the question on screen, kept over a reload
const TEXT = {
  saving: "Đang lưu…",
  allSaved: "Đã lưu tất cả",
  offline: "Mất kết nối – câu trả lời được giữ trên máy và sẽ gửi lại",
  saved: "Đã lưu",
  unsaved: "Chưa lưu",
  timeUp: "Hết giờ",
};

const app = document.getElementById("exam-app");
const nav = document.querySelector(".exam-nav");
const statusLine = document.querySelector(".exam-status");
const alertLine = document.querySelector(".exam-alert");
const timerEl = document.querySelector(".exam-timer");
const dialog = document.querySelector(".exam-dialog");

const S = {
  outbox: null,
  questions: new Map(), // slot → {item, article, widget, saveEl, errorEl, navButton}
  answers: new Map(), // slot → {response, flagged, seq, saved}
  order: boot.items.map((it) => it.slot),
  current: boot.items.length ? boot.items[0].slot : 0,
  listMode: localStorage.getItem("exam-layout") === "list",
  offset: boot.now - loadedAt,
  deadline: boot.deadline,
  locked: false,
  stopped: null, // a refusal that ends editing on this device
  timeUp: false,
  offline: false,
  inflight: false,
  again: false,
  flushTimer: null,
  firstPendingAt: 0,
  retry: 0,
  retryTimer: null,
  submitting: false,
};

const label = (item) => `Câu ${item.number} phần ${ROMAN[item.part] || item.part}`;
const answered = (slot) => {
  const a = S.answers.get(slot);
  return !!a && a.response !== null && a.response !== undefined;
};

// KaTeX is loaded after this module (the questions show first on a slow phone): what was
// drawn before it arrived is typeset once it has.
let typesetPending = false;
function typesetWhenReady(el) {
  if (typesetPending) return;
  typesetPending = true;
  const script = document.getElementById("katex-render");
  const done = () => typeset(el);
  if (script) script.addEventListener("load", done, { once: true });
  window.addEventListener("DOMContentLoaded", done, { once: true });
}

function typeset(el) {
  if (typeof window.renderMathInElement !== "function") {
    typesetWhenReady(document.body);
    return;
  }
  window.renderMathInElement(el, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
    ],
    throwOnError: false,
  });
}

// --- Rendering -----------------------------------------------------------------------
function buildQuestion(item, previous) {
  const article = h("article", {
    class: "q",
    "data-slot": String(item.slot),
    "data-part": String(item.part),
    "data-qtype": item.qtype,
    "aria-label": label(item),
  });
  const head = h("header", { class: "q__head" });
  head.append(h("h2", { text: label(item) }));
  head.append(h("span", { class: "q__points", text: `${String(Number(item.points)).replace(".", ",")} điểm` }));
  const saveEl = h("span", { class: "q__save", "data-testid": "save-state", "aria-live": "polite" });
  head.append(saveEl);
  const flag = h("button", { type: "button", class: "q__flag", "aria-pressed": "false", text: "⚑ Đánh dấu" });
  flag.addEventListener("click", () => toggleFlag(item.slot));
  head.append(flag);
  article.append(head);
  if (item.stimulus) {
    const repeat = previous && previous.stimulus_id === item.stimulus_id && previous.part === item.part;
    article.append(h("div", { class: "stimulus", "data-repeat": repeat ? "1" : null }, item.stimulus));
  }
  const stem = h("div", { class: "q__stem" }, item.stem);
  article.append(stem);
  const widget = makeWidget(item, (immediate) => changed(item.slot, immediate), stem);
  article.append(widget.el);
  const errorEl = h("p", { class: "q__error", role: "alert", hidden: true });
  article.append(errorEl);
  const q = { item, article, widget, saveEl, errorEl, flag, typing: null };
  if (boot.mode === "practice" && boot.check_url && item.qtype !== "essay") {
    const check = h("button", { type: "button", class: "q__check", text: "Kiểm tra" });
    const feedback = h("div", { class: "q__feedback", hidden: true });
    check.addEventListener("click", () => checkAnswer(item.slot));
    article.append(check, feedback);
    Object.assign(q, { check, feedback });
  }
  return q;
}

function buildNavigator() {
  const parts = new Map();
  for (const item of boot.items) {
    if (!parts.has(item.part)) parts.set(item.part, []);
    parts.get(item.part).push(item);
  }
  for (const [part, items] of parts) {
    const group = h("div", { class: "nav-part" });
    group.append(h("span", { class: "nav-part__title", text: `Phần ${ROMAN[part] || part}` }));
    const grid = h("div", { class: "nav-grid" });
    for (const item of items) {
      const b = h("button", { type: "button", "data-slot": String(item.slot), "aria-label": label(item), text: String(item.number) });
      b.addEventListener("click", () => go(item.slot));
      S.questions.get(item.slot).navButton = b;
      grid.append(b);
    }
    group.append(grid);
    nav.append(group);
  }
}

function render() {
  let previous = null;
  for (const item of boot.items) {
    const q = buildQuestion(item, previous);
    S.questions.set(item.slot, q);
    app.append(q.article);
    previous = item;
  }
  buildNavigator();
  typeset(app);
}

function keptPlace() {
  try {
    const kept = sessionStorage.getItem(PLACE_KEY);
    return kept !== null && S.questions.has(Number(kept)) ? Number(kept) : null;
  } catch (error) {
    return null;
  }
}

function showQuestion(slot) {
  S.current = slot;
  try {
    sessionStorage.setItem(PLACE_KEY, String(slot));
  } catch (error) {
    // storage refused (a private mode): a reload starts at the first question
  }
  const part = S.questions.get(slot).item.part;
  for (const [s, q] of S.questions) {
    q.article.hidden = S.listMode ? q.item.part !== part : s !== slot;
    q.navButton.classList.toggle("is-current", s === slot);
    if (s === slot) q.navButton.setAttribute("aria-current", "true");
    else q.navButton.removeAttribute("aria-current");
  }
  document.body.classList.toggle("list-mode", S.listMode);
  const at = S.order.indexOf(slot);
  document.querySelector("[data-action=prev]").disabled = at <= 0;
  document.querySelector("[data-action=next]").disabled = at >= S.order.length - 1;
}

function go(slot) {
  showQuestion(slot);
  const article = S.questions.get(slot).article;
  if (S.listMode) article.scrollIntoView({ block: "start" });
  else window.scrollTo(0, 0);
}

function step(delta) {
  const at = S.order.indexOf(S.current) + delta;
  if (at >= 0 && at < S.order.length) go(S.order[at]);
}

// --- Question state on screen --------------------------------------------------------
function paint(slot) {
  const q = S.questions.get(slot);
  const a = S.answers.get(slot) || { response: null, flagged: false, seq: 0, saved: true };
  let state = "";
  if (a.dirty || (a.seq && !a.saved)) state = "pending";
  else if (a.seq) state = "saved";
  q.article.dataset.save = state;
  q.saveEl.textContent = state === "saved" ? TEXT.saved : state === "pending" ? TEXT.unsaved : "";
  q.flag.setAttribute("aria-pressed", String(!!a.flagged));
  q.navButton.classList.toggle("is-answered", answered(slot));
  q.navButton.classList.toggle("is-flagged", !!a.flagged);
  q.navButton.classList.toggle("is-unsaved", state === "pending");
}

function setAnswer(slot, entry, saved) {
  S.answers.set(slot, { response: entry.response ?? null, flagged: !!entry.flagged, seq: entry.seq, saved });
  S.questions.get(slot).widget.set(entry.response ?? null);
  paint(slot);
}

function status() {
  let text;
  if (S.stopped) text = S.stopped;
  else if (S.offline) text = TEXT.offline;
  else if (S.inflight || S.flushTimer || Array.from(S.answers.values()).some((a) => !a.saved)) text = TEXT.saving;
  else text = TEXT.allSaved;
  statusLine.textContent = text;
  statusLine.dataset.state = S.stopped ? "stopped" : S.offline ? "offline" : text === TEXT.allSaved ? "saved" : "saving";
}

function showAlert(message, link) {
  alertLine.hidden = false;
  alertLine.replaceChildren(document.createTextNode(message));
  if (link) {
    alertLine.append(" ");
    alertLine.append(h("a", { href: link.href, text: link.text }));
  }
}

function lock(flag) {
  S.locked = flag;
  for (const q of S.questions.values()) {
    q.widget.disable(flag);
    q.flag.disabled = flag;
  }
  document.body.classList.toggle("is-locked", flag);
}

// --- Changes and the outbox ----------------------------------------------------------
function changed(slot, immediate) {
  if (S.locked) return;
  const q = S.questions.get(slot);
  clearTimeout(q.typing);
  if (!immediate) {
    q.typing = setTimeout(() => changed(slot, true), TYPING_PAUSE);
    markPending(slot);
    return;
  }
  q.typing = null;
  record(slot, q.widget.get(), (S.answers.get(slot) || {}).flagged);
}

function markPending(slot) {
  const a = S.answers.get(slot) || { response: null, flagged: false, seq: 0 };
  S.answers.set(slot, { ...a, response: S.questions.get(slot).widget.get(), dirty: true });
  S.questions.get(slot).errorEl.hidden = true;
  paint(slot);
  status();
}

async function record(slot, response, flagged) {
  markPending(slot);
  const entry = await S.outbox.record(slot, response, flagged, 0);
  const a = S.answers.get(slot);
  if (!a || a.seq <= entry.seq) {
    const dirty = S.questions.get(slot).typing !== null;
    S.answers.set(slot, { response, flagged: !!flagged, seq: entry.seq, saved: false, dirty });
  }
  paint(slot);
  scheduleFlush();
}

function toggleFlag(slot) {
  if (S.locked) return;
  const a = S.answers.get(slot) || { response: null, flagged: false, seq: 0, saved: true };
  S.answers.set(slot, { ...a, flagged: !a.flagged });
  record(slot, S.questions.get(slot).widget.get(), !a.flagged);
}

function scheduleFlush() {
  const now = Date.now();
  if (!S.flushTimer) S.firstPendingAt = now;
  clearTimeout(S.flushTimer);
  const wait = Math.min(FLUSH_DELAY, Math.max(0, S.firstPendingAt + MAX_FLUSH_WAIT - now));
  S.flushTimer = setTimeout(flush, wait);
  status();
}

function retryLater() {
  clearTimeout(S.retryTimer);
  const wait = BACKOFF[Math.min(S.retry, BACKOFF.length - 1)];
  S.retry += 1;
  S.retryTimer = setTimeout(flush, wait);
}

function clock(serverNow, sentAt) {
  const receivedAt = Date.now();
  S.offset = serverNow + (receivedAt - sentAt) / 2 - receivedAt;
  S.outbox.setMeta("clock", { offset: S.offset, serverAt: serverNow }).catch(() => {});
}

async function post(url, body, extra = {}) {
  const sentAt = Date.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Exam-Token": boot.token },
    body: JSON.stringify(body),
    credentials: "same-origin",
    cache: "no-store",
    ...extra,
  });
  let data = {};
  try {
    data = await response.json();
  } catch (error) {
    data = {};
  }
  if (typeof data.now === "number") clock(data.now, sentAt);
  if (response.ok) {
    S.lastContact = Date.now();
    if ("deadline" in data) S.deadline = data.deadline;
  }
  return { response, data };
}

async function flush() {
  clearTimeout(S.flushTimer);
  S.flushTimer = null;
  if (S.stopped) return status();
  if (S.inflight) {
    S.again = true;
    return;
  }
  const entries = await S.outbox.pending();
  if (!entries.length) return status();
  S.inflight = true;
  status();
  let result;
  try {
    result = await post(boot.urls.save, { answers: entries });
  } catch (error) {
    S.inflight = false;
    S.offline = true;
    status();
    return retryLater();
  }
  S.inflight = false;
  await handleSaveResult(entries, result);
  if (S.again) {
    S.again = false;
    flush();
  }
}

async function handleSaveResult(entries, { response, data }) {
  const code = response.status;
  if (response.ok) {
    S.offline = false;
    S.retry = 0;
    await acknowledged(entries, data);
  } else if (code === 400) {
    S.offline = false;
    await refused(entries, data);
    S.again = true;
  } else if (code === 403 || code === 409) {
    S.offline = false;
    stop(data.error || "Không lưu được bài làm.", data.code);
  } else {
    S.offline = true; // a proxy error or a server restarting: try again
    retryLater();
  }
  status();
}

async function acknowledged(entries, data) {
  const saved = new Map((data.saved || []).map((s) => [s.slot, s.seq]));
  for (const entry of entries) {
    if (!saved.has(entry.slot) || saved.get(entry.slot) < entry.seq) continue;
    await S.outbox.acknowledge(entry);
    const a = S.answers.get(entry.slot);
    if (a && a.seq <= entry.seq && !a.dirty) {
      a.saved = true;
      paint(entry.slot);
    }
  }
  for (const held of data.stale || []) {
    // The server holds this answer already (a repeated request) or a newer one.
    await S.outbox.acknowledge(held);
    const a = S.answers.get(held.slot);
    if (!a || (a.seq <= held.seq && !a.dirty)) setAnswer(held.slot, held, true);
  }
}

async function refused(entries, data) {
  const sent = entries.filter((e) => data.slot === undefined || e.slot === data.slot);
  for (const entry of sent) {
    await S.outbox.drop(entry.slot, entry.seq);
    const q = S.questions.get(entry.slot);
    q.errorEl.textContent = data.error || "Câu trả lời không hợp lệ.";
    q.errorEl.hidden = false;
    const a = S.answers.get(entry.slot);
    if (a && a.seq <= entry.seq) {
      a.saved = true;
      a.seq = 0;
      paint(entry.slot);
    }
  }
}

function stop(message, code) {
  S.stopped = message;
  S.stopCode = code;
  lock(true);
  const link = code === "submitted" ? { href: boot.urls.submitted, text: "Xem bài đã nộp" } : null;
  showAlert(message, link);
  status();
}

// --- Loading: server answers, then what this device still holds ----------------------
async function restore() {
  let top = 0;
  for (const a of boot.answers) {
    setAnswer(a.slot, a, true);
    top = Math.max(top, a.seq);
  }
  for (const k of await S.outbox.known()) {
    const a = S.answers.get(k.slot);
    if (S.questions.has(k.slot) && (!a || a.seq < k.seq)) setAnswer(k.slot, k, true);
    top = Math.max(top, k.seq);
  }
  for (const e of await S.outbox.pending()) {
    const a = S.answers.get(e.slot);
    if (!S.questions.has(e.slot) || (a && a.seq >= e.seq)) {
      await S.outbox.drop(e.slot, e.seq);
    } else {
      setAnswer(e.slot, e, false);
    }
    top = Math.max(top, e.seq);
  }
  await S.outbox.raiseSeq(top);
  const kept = await S.outbox.getMeta("clock").catch(() => null);
  if (kept && kept.serverAt > boot.now) S.offset = kept.offset; // the page came from the cache
}

// --- Timer and heartbeat -------------------------------------------------------------
function serverNow() {
  return Date.now() + S.offset;
}

function tick() {
  if (S.deadline === null || S.deadline === undefined) {
    timerEl.hidden = true;
    return;
  }
  timerEl.hidden = false;
  const left = Math.max(0, Math.ceil((S.deadline - serverNow()) / 1000));
  if (left <= 0) {
    timerEl.textContent = TEXT.timeUp;
    timerEl.dataset.state = "over";
    if (!S.timeUp) timeUp();
    return;
  }
  if (S.timeUp && !S.stopped) {
    S.timeUp = false; // an extension moved the deadline
    lock(false);
    alertLine.hidden = true;
  }
  const hours = Math.floor(left / 3600);
  const mm = String(Math.floor((left % 3600) / 60)).padStart(2, "0");
  const ss = String(left % 60).padStart(2, "0");
  timerEl.textContent = hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
  timerEl.dataset.state = left <= 300 ? "warn" : "";
}

function timeUp() {
  S.timeUp = true;
  lock(true);
  for (const q of S.questions.values()) {
    if (q.typing) {
      clearTimeout(q.typing);
      q.typing = null;
      S.outbox.record(q.item.slot, q.widget.get(), (S.answers.get(q.item.slot) || {}).flagged, 0).then(flush);
    }
  }
  flush();
  showAlert("Hết giờ làm bài. Các câu trả lời đã lưu sẽ được thu; câu chưa gửi được sẽ được gửi ngay khi có mạng.");
}

async function heartbeat() {
  try {
    const { response, data } = await post(boot.urls.heartbeat, {});
    if (response.ok) {
      S.offline = false;
      if ("deadline" in data) S.deadline = data.deadline;
      if (data.device_ok === false) stop("Bài làm đã được mở trên thiết bị khác; thiết bị này không lưu được nữa.", "device");
      else if (data.state === "submitted") stop("Bài đã được nộp.", "submitted");
      else flush();
    } else if (response.status === 403) {
      stop(data.error || "Phiên làm bài không hợp lệ.", data.code);
    }
  } catch (error) {
    S.offline = true;
  }
  status();
  tick();
}

// --- Page events (reported, never acted on) -----------------------------------------
function report(kind) {
  if (boot.mode !== "exam" || S.stopped) return;
  post(boot.urls.event, { kind }, { keepalive: true }).catch(() => {});
}

function watchPage() {
  // A reload or leaving for the submitted page hides the page too: pagehide comes first
  // then, and that is not leaving the exam.
  window.addEventListener("pagehide", () => {
    S.unloading = true;
  });
  window.addEventListener("pageshow", () => {
    S.unloading = false;
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      if (!S.unloading) report("left_page");
      flush();
    } else {
      heartbeat(); // back on the page (a phone woke up): the deadline may have moved
    }
  });
  window.addEventListener("blur", () => report("blur"));
  document.addEventListener("fullscreenchange", () => {
    if (!document.fullscreenElement) report("fullscreen_exit");
  });
  window.addEventListener("online", () => {
    S.retry = 0;
    heartbeat(); // the clock and the deadline (an extension?), then the outbox
  });
  window.addEventListener("offline", () => {
    S.offline = true;
    status();
  });
}

// --- Submit --------------------------------------------------------------------------
function openSubmitDialog() {
  const body = dialog.querySelector(".exam-dialog__body");
  const empty = boot.items.filter((it) => !answered(it.slot)).map(label);
  const flagged = boot.items.filter((it) => (S.answers.get(it.slot) || {}).flagged).map(label);
  body.replaceChildren(
    h("p", { text: `Đã trả lời ${boot.items.length - empty.length}/${boot.items.length} câu.` }),
  );
  if (empty.length) body.append(h("p", { class: "exam-dialog__empty", text: `Chưa trả lời: ${empty.join(", ")}.` }));
  if (flagged.length) body.append(h("p", { text: `Đã đánh dấu: ${flagged.join(", ")}.` }));
  body.append(h("p", { text: "Sau khi nộp, bạn không sửa được bài nữa." }));
  if (typeof dialog.showModal === "function") dialog.showModal();
  else if (window.confirm(body.textContent)) submit();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function submit() {
  if (S.submitting) return;
  S.submitting = true;
  document.querySelector("[data-action=submit]").disabled = true;
  for (const q of S.questions.values()) {
    if (q.typing) changed(q.item.slot, true);
  }
  await sleep(50);
  lock(true);
  for (;;) {
    if (S.stopped) {
      if (S.stopCode === "submitted") window.location.href = boot.urls.submitted;
      break;
    }
    if ((await S.outbox.pending()).length === 0) {
      try {
        const { response, data } = await post(boot.urls.submit, {});
        if (response.ok) {
          window.location.href = boot.urls.submitted;
          return;
        }
        stop(data.error || "Không nộp được bài.", data.code);
        break;
      } catch (error) {
        S.offline = true;
      }
    } else {
      await flush();
    }
    if (S.offline) showAlert("Chưa có kết nối: bài sẽ được nộp ngay khi có mạng trở lại. Đừng đóng trang này.");
    status();
    await sleep(S.offline ? 3000 : 300);
  }
  S.submitting = false;
}

// --- Practice feedback ---------------------------------------------------------------
// The check marks what the server holds: wait until this slot's latest answer is
// acknowledged (a save already in flight is awaited, not skipped).
async function savedNow(slot, wait = 10000) {
  const end = Date.now() + wait;
  await sleep(50);
  for (;;) {
    const a = S.answers.get(slot);
    if (a && a.saved && !a.dirty) return true;
    if (S.stopped || Date.now() > end) return false;
    if (!S.inflight) await flush();
    await sleep(150);
  }
}

async function checkAnswer(slot) {
  const q = S.questions.get(slot);
  if (!answered(slot)) {
    q.errorEl.textContent = "Hãy trả lời trước khi kiểm tra.";
    q.errorEl.hidden = false;
    return;
  }
  if (q.typing) changed(slot, true);
  q.feedback.hidden = false;
  q.feedback.textContent = "Đang kiểm tra…";
  if (!(await savedNow(slot))) {
    q.feedback.textContent = "Câu trả lời chưa lưu được nên chưa kiểm tra được. Hãy thử lại.";
    return;
  }
  try {
    const { response, data } = await post(boot.check_url, { slot });
    if (!response.ok) {
      q.feedback.textContent = data.error || "Chưa kiểm tra được. Hãy thử lại.";
      return;
    }
    q.feedback.replaceChildren(
      h("p", { class: data.correct ? "is-right" : "is-wrong", text: `${data.correct ? "Đúng" : "Chưa đúng"} — ${data.points ?? ""} điểm` }),
    );
    for (const key of ["statements_html", "feedback_html", "key_html", "solution_html"]) {
      if (data[key]) q.feedback.append(h("div", { class: `q__${key}` }, data[key]));
    }
    typeset(q.feedback);
  } catch (error) {
    q.feedback.textContent = "Mất kết nối: chưa kiểm tra được.";
  }
}

// --- Tools ---------------------------------------------------------------------------
function fontSize(delta) {
  const size = Math.min(26, Math.max(14, (parseInt(localStorage.getItem("exam-font"), 10) || 17) + delta));
  localStorage.setItem("exam-font", String(size));
  document.documentElement.style.setProperty("--exam-font", `${size}px`);
}

function bindTools() {
  const actions = {
    "font-down": () => fontSize(-2),
    "font-up": () => fontSize(2),
    layout: (button) => {
      S.listMode = !S.listMode;
      localStorage.setItem("exam-layout", S.listMode ? "list" : "one");
      button.setAttribute("aria-pressed", String(S.listMode));
      go(S.current);
    },
    fullscreen: () => document.documentElement.requestFullscreen?.().catch(() => {}),
    prev: () => step(-1),
    next: () => step(1),
    submit: openSubmitDialog,
  };
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (button && actions[button.dataset.action]) actions[button.dataset.action](button);
  });
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "confirm") submit();
  });
  document.querySelector("[data-action=layout]").setAttribute("aria-pressed", String(S.listMode));
  if (boot.mode === "practice") document.querySelector("[data-action=fullscreen]").hidden = true;
}

function keepOffline() {
  if (!("serviceWorker" in navigator) || !boot.urls.worker) return;
  const controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker
    .register(boot.urls.worker, { scope: "/thi/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // The first load came before the worker: ask it to keep this page too.
      if (!controlled && registration.active) registration.active.postMessage({ keep: window.location.href });
    })
    .catch(() => {});
}

async function start() {
  fontSize(0);
  render();
  bindTools();
  S.outbox = await openOutbox(boot.attempt);
  await restore();
  showQuestion(keptPlace() ?? S.current);
  for (const slot of S.order) paint(slot);
  document.body.dataset.ready = "1";
  watchPage();
  status();
  tick();
  setInterval(tick, 500);
  setInterval(() => {
    if (!S.lastContact || Date.now() - S.lastContact >= HEARTBEAT) heartbeat();
  }, 5000);
  heartbeat();
  flush();
  keepOffline();
}

start();
