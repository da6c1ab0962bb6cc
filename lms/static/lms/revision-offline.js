// Offline revision (Ôn tập ngoại tuyến): download today's review queue or a practice set
// to the phone, answer it without a network with immediate feedback, and send the answers
// when the network is back.
//
// IndexedDB "hoclieu-revision" (per signed-in student: every row carries `user`):
//   packs:    id → {id, user, kind, title, created_at, items, tf_table}
//   progress: key "pack:version" → {key, user, pack, version_id, response, fraction, at}
//   outbox:   id (a uuid made here) → {id, user, pack, version_id, response, answered_at,
//             duration_ms}; deleted only once the server said stored, duplicate or refused.
// The server re-marks every answer (lms.revision.offline.answers_sync); this page's mark
// (revision-mark.js) only gives feedback. Sync: on load, on `online`, after each answer
// and with the button; a 403 without JSON is a stale CSRF token: the page fetches a fresh
// one and tries again, the outbox is never emptied by a failure.
import { h, makeWidget } from "./exam-widgets.js";
import { decimalComma, mark } from "./revision-mark.js";

const boot = JSON.parse(document.getElementById("revision-offline-bootstrap").textContent);
const $ = (selector) => document.querySelector(selector);
const BATCH = 50;
const S = { db: null, pack: null, index: 0, widget: null, shownAt: 0, syncing: false };

// --- IndexedDB ----------------------------------------------------------------------------
function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error);
  });
}

async function openDb() {
  const request = indexedDB.open("hoclieu-revision", 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore("packs", { keyPath: "id" });
    db.createObjectStore("progress", { keyPath: "key" });
    db.createObjectStore("outbox", { keyPath: "id" });
  };
  return promised(request);
}

async function all(store) {
  const rows = await promised(S.db.transaction(store).objectStore(store).getAll());
  return rows.filter((row) => row.user === boot.user);
}

async function put(store, row) {
  const tx = S.db.transaction(store, "readwrite");
  tx.objectStore(store).put({ ...row, user: boot.user });
  await done(tx);
}

async function remove(store, keys) {
  const tx = S.db.transaction(store, "readwrite");
  keys.forEach((key) => tx.objectStore(store).delete(key));
  await done(tx);
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = Array.from(b, (v) => v.toString(16).padStart(2, "0")).join("");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

// --- The server -------------------------------------------------------------------------
function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : boot.csrf;
}

async function refreshToken() {
  const response = await fetch(boot.urls.token, { credentials: "same-origin", cache: "no-store" });
  if (response.ok) boot.csrf = (await response.json()).csrf;
  return response.ok;
}

class Refused extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

// POST JSON; one retry with a fresh CSRF token after a 403 that is not our own JSON refusal.
async function post(url, body, retried = false) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(body),
  });
  const json = (response.headers.get("Content-Type") || "").includes("application/json");
  if (response.status === 403 && !json && !retried && (await refreshToken())) {
    return post(url, body, true);
  }
  if (response.status === 401) throw new Refused("Phiên đăng nhập đã hết. Hãy đăng nhập lại.", 401);
  const data = json ? await response.json() : {};
  if (!response.ok) throw new Refused(data.error || `Máy chủ trả lời ${response.status}.`, response.status);
  return data;
}

// --- Status line and lists ----------------------------------------------------------------
function say(text, state = "") {
  const el = $("[data-testid=offline-status]");
  el.textContent = text;
  el.dataset.state = state;
}

async function showPending() {
  const pending = (await all("outbox")).length;
  const el = $("[data-testid=pending]");
  el.textContent = pending ? `Chưa đồng bộ: ${pending} câu` : "Đã đồng bộ tất cả câu trả lời";
  el.dataset.pending = String(pending);
  return pending;
}

async function showPacks() {
  const packs = (await all("packs")).sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  const progress = await all("progress");
  const list = $("[data-testid=packs]");
  list.replaceChildren();
  $("[data-testid=no-packs]").hidden = packs.length > 0;
  for (const pack of packs) {
    const answered = progress.filter((p) => p.pack === pack.id).length;
    const li = h("li", { class: "rv-pack", "data-pack": pack.id });
    li.append(h("strong", { text: pack.title }));
    li.append(h("span", { class: "rv-pack__count", text: `Đã làm ${answered}/${pack.items.length} câu` }));
    const open = h("button", { type: "button", class: "exam-button", text: answered < pack.items.length ? "Làm bài" : "Xem lại" });
    open.addEventListener("click", () => openPack(pack.id));
    const drop = h("button", { type: "button", class: "rv-link", text: "Xoá khỏi máy" });
    drop.addEventListener("click", () => dropPack(pack.id));
    const tools = h("div", { class: "rv-pack__tools" });
    tools.append(open, drop);
    li.append(tools);
    list.append(li);
  }
}

async function dropPack(id) {
  const waiting = (await all("outbox")).filter((a) => a.pack === id).length;
  const ask = waiting
    ? `Gói này còn ${waiting} câu chưa đồng bộ; các câu đó vẫn được giữ để gửi. Xoá gói?`
    : "Xoá gói này khỏi máy?";
  if (!window.confirm(ask)) return;
  const keys = (await all("progress")).filter((p) => p.pack === id).map((p) => p.key);
  await remove("progress", keys);
  await remove("packs", [id]);
  showPacks();
}

// --- Downloading ----------------------------------------------------------------------------
function keepImages(pack) {
  const urls = new Set();
  const probe = document.createElement("div");
  for (const item of pack.items) {
    const texts = [item.stem, item.stimulus, item.solution, item.general_feedback];
    (item.choices || []).forEach((c) => texts.push(c.text, c.feedback));
    probe.innerHTML = texts.filter(Boolean).join("");
    probe.querySelectorAll("img[src]").forEach((img) => urls.add(img.src));
  }
  const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
  if (worker && urls.size) worker.postMessage({ keep: Array.from(urls) });
}

async function download(url, body, button) {
  if (!navigator.onLine) {
    say("Đang không có mạng: chỉ tải được gói khi có mạng.", "offline");
    return;
  }
  button.disabled = true;
  say("Đang tải gói…");
  try {
    const pack = await post(url, body);
    await put("packs", pack);
    keepImages(pack);
    say(`Đã tải “${pack.title}” (${pack.items.length} câu): làm được cả khi không có mạng.`, "saved");
    await showPacks();
    openPack(pack.id);
  } catch (error) {
    say(error instanceof Refused ? error.message : "Không tải được gói: mất kết nối.", "stopped");
  } finally {
    button.disabled = false;
  }
}

// --- Answering --------------------------------------------------------------------------
function typeset(el) {
  if (typeof window.renderMathInElement !== "function") return;
  window.renderMathInElement(el, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
    ],
    throwOnError: false,
  });
}

async function openPack(id) {
  S.pack = (await all("packs")).find((p) => p.id === id) || null;
  if (!S.pack) return;
  const progress = (await all("progress")).filter((p) => p.pack === id);
  const first = S.pack.items.findIndex((it) => !progress.some((p) => p.version_id === it.version_id));
  $("[data-testid=home]").hidden = true;
  $("[data-testid=player]").hidden = false;
  $("[data-testid=player-title]").textContent = S.pack.title;
  await showItem(first < 0 ? 0 : first);
  window.scrollTo(0, 0);
}

function closePack() {
  S.pack = null;
  $("[data-testid=player]").hidden = true;
  $("[data-testid=home]").hidden = false;
  showPacks();
}

async function showItem(index) {
  const item = S.pack.items[index];
  S.index = index;
  const answered = (await all("progress")).find((p) => p.key === `${S.pack.id}:${item.version_id}`);
  const article = h("article", {
    class: "q rv-q",
    "data-qtype": item.qtype,
    "data-version": String(item.version_id),
    "aria-label": `Câu ${index + 1}`,
  });
  const head = h("header", { class: "q__head" });
  head.append(h("h2", { text: `Câu ${index + 1}/${S.pack.items.length}` }));
  head.append(h("span", { class: "q__points", text: `${decimalComma(item.points)} điểm · ${item.part_label}` }));
  article.append(head);
  if (item.stimulus) article.append(h("div", { class: "stimulus" }, item.stimulus));
  const stem = h("div", { class: "q__stem" }, item.stem);
  article.append(stem);
  S.widget = makeWidget(item, () => {}, stem);
  article.append(S.widget.el);
  const error = h("p", { class: "q__error", role: "alert", hidden: true });
  const check = h("button", { type: "button", class: "exam-button rv-check", text: "Kiểm tra" });
  const feedback = h("div", { class: "q__feedback", "data-testid": "feedback", hidden: true });
  article.append(error, check, feedback);
  check.addEventListener("click", () => checkItem(item, error, check, feedback));
  $("[data-testid=question]").replaceChildren(article);
  if (answered) {
    S.widget.set(answered.response);
    showFeedback(item, answered.response, feedback);
    S.widget.disable(true);
    check.hidden = true;
  }
  $("[data-action=prev]").disabled = index === 0;
  $("[data-action=next]").textContent = index + 1 < S.pack.items.length ? "Câu sau →" : "Xem kết quả";
  typeset(article);
  S.shownAt = Date.now();
}

function numericProblem(item, response) {
  if (item.qtype !== "short_numeric") return "";
  const text = String(response).trim();
  if (!/^[+\-−]?(\d+([.,]\d*)?|[.,]\d+|\d+\s*\/\s*\d+)$/.test(text.normalize("NFKC").replace(/\s/g, ""))) {
    return "Đáp án số chỉ gồm chữ số, dấu trừ và một dấu phẩy thập phân.";
  }
  return "";
}

async function checkItem(item, error, check, feedback) {
  const response = S.widget.get();
  const problem = response == null ? "Bạn chưa trả lời câu này." : numericProblem(item, response);
  error.hidden = !problem;
  error.textContent = problem;
  if (problem) return;
  const answer = {
    id: uuid(),
    pack: S.pack.id,
    version_id: item.version_id,
    response,
    answered_at: new Date().toISOString(),
    duration_ms: Math.max(0, Date.now() - S.shownAt),
  };
  const { fraction } = mark(item, response, S.pack.tf_table);
  // The answer goes to the outbox first: a closed tab right after still sends it.
  await put("outbox", answer);
  await put("progress", {
    key: `${S.pack.id}:${item.version_id}`,
    pack: S.pack.id,
    version_id: item.version_id,
    response,
    fraction,
    at: answer.answered_at,
  });
  S.widget.disable(true);
  check.hidden = true;
  showFeedback(item, response, feedback);
  typeset(feedback);
  await showPending();
  sync();
}

function statementsHtml(item, statements) {
  const list = h("ul", { class: "rv-statements" });
  item.choices.forEach((c, i) => {
    const verdict = statements[i] === null ? "bỏ trống" : statements[i] ? "đúng" : "sai";
    const li = h("li", { class: statements[i] ? "is-right" : "is-wrong" });
    li.textContent = `${c.label}) ${c.correct ? "Đúng" : "Sai"} — bạn trả lời ${verdict}`;
    list.append(li);
  });
  return list;
}

function chosenFeedback(item, response) {
  const picked = item.qtype === "single_choice" ? [response] : item.qtype === "multiple_response" ? response : [];
  return picked
    .map((i) => item.choices[i])
    .filter((c) => c && c.feedback)
    .map((c) => `<p><strong>${c.label}.</strong></p>${c.feedback}`)
    .join("");
}

function showFeedback(item, response, el) {
  const { fraction, statements } = mark(item, response, S.pack.tf_table);
  const right = fraction === 1;
  el.replaceChildren();
  el.hidden = false;
  el.dataset.result = right ? "right" : fraction > 0 ? "partly" : "wrong";
  const verdict = right ? "Đúng" : fraction > 0 ? "Đúng một phần" : "Chưa đúng";
  const line = h("p", { class: right ? "is-right" : "is-wrong", "data-testid": "verdict" });
  line.textContent = `${verdict} · ${decimalComma(fraction * Number(item.points))}/${decimalComma(item.points)} điểm`;
  el.append(line);
  if (statements) el.append(statementsHtml(item, statements));
  if (item.key_text) el.append(h("p", { class: "rv-key" }, `<strong>Đáp án:</strong> `));
  if (item.key_text) el.lastChild.append(document.createTextNode(item.key_text));
  const options = chosenFeedback(item, response);
  if (options) el.append(h("div", { class: "rv-options" }, options));
  if (item.general_feedback) el.append(h("div", { class: "rv-general" }, item.general_feedback));
  if (item.solution) {
    const box = h("details", { class: "rv-solution", open: true });
    box.append(h("summary", { text: "Lời giải" }));
    box.append(h("div", {}, item.solution));
    el.append(box);
  }
}

async function showSummary() {
  const progress = (await all("progress")).filter((p) => p.pack === S.pack.id);
  const total = S.pack.items.reduce((sum, it) => sum + Number(it.points), 0);
  let got = 0;
  let right = 0;
  for (const it of S.pack.items) {
    const p = progress.find((row) => row.version_id === it.version_id);
    if (!p) continue;
    got += p.fraction * Number(it.points);
    if (p.fraction === 1) right += 1;
  }
  const box = h("article", { class: "rv-summary", "data-testid": "summary" });
  box.append(h("h2", { text: "Kết quả" }));
  box.append(h("p", { text: `Đã làm ${progress.length}/${S.pack.items.length} câu, đúng hoàn toàn ${right} câu.` }));
  box.append(h("p", { class: "exam-score", text: `Điểm: ${decimalComma(got)}/${decimalComma(total)}` }));
  const again = h("button", { type: "button", class: "rv-link", text: "Làm lại gói này" });
  again.addEventListener("click", async () => {
    await remove("progress", progress.map((p) => p.key));
    showItem(0);
  });
  box.append(again);
  $("[data-testid=question]").replaceChildren(box);
  $("[data-action=next]").textContent = "Về danh sách gói";
}

function bindPlayer() {
  $("[data-action=prev]").addEventListener("click", () => S.index > 0 && showItem(S.index - 1));
  $("[data-action=next]").addEventListener("click", () => {
    if (!S.pack) return;
    if (!$("[data-testid=summary]") && S.index + 1 < S.pack.items.length) showItem(S.index + 1);
    else if (!$("[data-testid=summary]")) showSummary();
    else closePack();
    window.scrollTo(0, 0);
  });
  $("[data-action=close]").addEventListener("click", closePack);
}

// --- Sync ---------------------------------------------------------------------------------
function showRefused(rows) {
  const list = $("[data-testid=refused]");
  for (const row of rows) list.append(h("li", { text: row.reason }));
  list.hidden = !list.children.length;
}

async function sync() {
  if (S.syncing || !navigator.onLine) {
    await showPending();
    return;
  }
  S.syncing = true;
  try {
    const waiting = (await all("outbox")).sort((a, b) => (a.answered_at < b.answered_at ? -1 : 1));
    if (!waiting.length) return;
    say(`Đang đồng bộ ${waiting.length} câu…`);
    for (let at = 0; at < waiting.length; at += BATCH) {
      const batch = waiting.slice(at, at + BATCH).map(({ user, ...answer }) => answer);
      const reply = await post(boot.urls.sync, { answers: batch });
      const answered = reply.results.filter((r) => batch.some((a) => a.id === r.id));
      await remove("outbox", answered.map((r) => r.id));
      showRefused(answered.filter((r) => r.status === "refused"));
    }
    say("Đã đồng bộ với máy chủ.", "saved");
  } catch (error) {
    if (error instanceof Refused) say(`Chưa đồng bộ được: ${error.message}`, "stopped");
    else say("Chưa đồng bộ được: mất kết nối. Câu trả lời vẫn được giữ trên máy.", "offline");
  } finally {
    S.syncing = false;
    await showPending();
    document.body.dataset.synced = String(Date.now());
  }
}

// --- Start ----------------------------------------------------------------------------------
function bindHome() {
  const today = $("[data-action=today]");
  today.addEventListener("click", () => download(boot.urls.today, {}, today));
  const form = $("[data-testid=practice-form]");
  const subject = form.querySelector("[name=subject]");
  const topic = form.querySelector("[name=topic]");
  const topics = () => {
    const row = boot.subjects.find((s) => `${s.id}:${s.grade}` === subject.value);
    topic.replaceChildren(h("option", { value: "", text: "Mọi chương/chủ đề" }));
    (row ? row.topics : []).forEach((t) => topic.append(h("option", { value: String(t.id), text: t.name })));
  };
  subject.addEventListener("change", topics);
  topics();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const [subjectId, grade] = subject.value.split(":");
    const body = {
      subject: Number(subjectId),
      grade: Number(grade),
      topic: topic.value ? Number(topic.value) : null,
      count: Number(form.querySelector("[name=count]").value),
    };
    download(boot.urls.practice, body, form.querySelector("button[type=submit]"));
  });
  $("[data-action=sync]").addEventListener("click", sync);
}

function keepOffline() {
  if (!("serviceWorker" in navigator)) return;
  const controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker
    .register(boot.urls.worker, { scope: boot.urls.scope })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // The first load came before the worker: ask it to keep this page too.
      if (!controlled && registration.active) registration.active.postMessage({ keep: window.location.pathname });
    })
    .catch(() => {});
}

function showNetwork() {
  document.querySelectorAll("[data-action=today], [data-testid=practice-form] button").forEach((b) => {
    b.disabled = !navigator.onLine;
  });
  if (navigator.onLine) say("Đang có mạng.");
  else say("Đang không có mạng: vẫn làm được các gói đã tải, câu trả lời sẽ gửi khi có mạng.", "offline");
}

async function start() {
  bindHome();
  bindPlayer();
  try {
    S.db = await openDb();
  } catch (error) {
    say("Trình duyệt này không cho lưu dữ liệu trên máy (IndexedDB), nên chưa dùng được ngoại tuyến.", "stopped");
    return;
  }
  showNetwork();
  await showPacks();
  await showPending();
  window.addEventListener("online", () => {
    showNetwork();
    sync();
  });
  window.addEventListener("offline", showNetwork);
  document.body.dataset.ready = "1";
  keepOffline();
  sync();
  // A lost `online` event (a flaky network) still ends in a sync.
  setInterval(() => navigator.onLine && sync(), 30_000);
}

start();
