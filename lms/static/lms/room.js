// The invigilator's room view: refreshes the candidates' states every 10 s from
// /thi/phong/<id>/trang-thai/ without reloading, counts down the access code and each
// candidate's remaining time on the server's clock, and asks before "Thu bài".
// No inline handlers (the Content-Security-Policy runs none).

const REFRESH_MS = 10000;

// A form with data-confirm asks first (Thu bài cannot be undone).
for (const form of document.querySelectorAll("form[data-confirm]")) {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}

function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

const root = document.querySelector("[data-room-status]");
if (root) {
  const url = root.dataset.roomStatus;
  const codeEl = root.querySelector("[data-code]");
  const leftEl = root.querySelector("[data-code-left]");
  const refreshEl = root.querySelector("[data-refresh-state]");
  const refreshText = refreshEl ? refreshEl.textContent : "";
  // Server time minus device time: the device's clock may be wrong, the server's is not.
  let offset = Number(root.dataset.now) - Date.now();
  let codeEndsAt = Date.now() + offset + Number(leftEl?.dataset.codeLeft || 0) * 1000;
  let timer = null;
  let failures = 0;
  let inFlight = false;

  const serverNow = () => Date.now() + offset;

  function setField(row, field, value) {
    const el = row.querySelector(`[data-field="${field}"]`);
    const text = value === null || value === undefined || value === "" ? "—" : String(value);
    if (el && el.textContent !== text) el.textContent = text;
  }

  function updateRow(data) {
    const row = root.querySelector(`tr[data-candidate="${data.id}"]`);
    if (!row) return;
    row.className = `state-${data.state}`;
    row.dataset.state = data.state;
    row.dataset.deadline = data.deadline ?? "";
    for (const field of ["present_text", "checked_in_at", "state_text", "answered", "total", "page_events_text"]) {
      setField(row, field, data[field]);
    }
    const presence = row.querySelector('[data-field="present_text"]');
    if (presence) {
      const which = data.present === true ? "yes" : data.present === false ? "no" : "none";
      presence.className = `presence presence-${which}`;
    }
    setField(row, "remaining_text", data.remaining_text);
  }

  function tick() {
    const now = serverNow();
    if (leftEl) {
      const left = (codeEndsAt - now) / 1000;
      leftEl.textContent = clock(left);
      if (left <= 0) refresh();
    }
    for (const row of root.querySelectorAll("tr[data-candidate]")) {
      const deadline = Number(row.dataset.deadline);
      const running = row.dataset.state === "in_progress" || row.dataset.state === "offline";
      if (deadline && running) setField(row, "remaining_text", clock((deadline - now) / 1000));
    }
  }

  async function refresh() {
    if (inFlight) return;
    inFlight = true;
    clearTimeout(timer);
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      const data = await response.json();
      offset = data.now - Date.now();
      codeEndsAt = data.now + data.code_seconds_left * 1000;
      if (codeEl && codeEl.textContent !== data.code) codeEl.textContent = data.code;
      for (const [name, value] of Object.entries(data.counts)) {
        const el = root.querySelector(`[data-count="${name}"]`);
        if (el) el.textContent = value;
      }
      data.candidates.forEach(updateRow);
      failures = 0;
      if (refreshEl) {
        refreshEl.classList.remove("is-stale");
        refreshEl.textContent = refreshText;
      }
    } catch {
      failures += 1;
      if (refreshEl) {
        refreshEl.classList.add("is-stale");
        refreshEl.textContent = `Không cập nhật được (lần thử ${failures}); sẽ thử lại sau 10 giây.`;
      }
    }
    inFlight = false;
    tick();
    timer = setTimeout(refresh, REFRESH_MS);
  }

  setInterval(tick, 1000);
  tick();
  timer = setTimeout(refresh, REFRESH_MS);
}
