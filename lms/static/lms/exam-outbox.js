// The exam page's outbox, in IndexedDB (one database per attempt), so that answers made
// without a connection survive a reload, a closed tab or a dead battery until the server
// has acknowledged them.
//
// Stores:
//   outbox: slot → {slot, seq, response, flagged}   answers not yet acknowledged
//   known:  slot → {slot, seq, response, flagged}   the last acknowledged answer per slot
//                                                    (a reload from the cached page, whose
//                                                    bootstrap is older, still shows them)
//   meta:   "seq" → the attempt's last sequence number; "clock" → {offset, serverAt}
// The sequence counter and the outbox entry are written in one transaction, so two tabs of
// the same attempt never hand out the same number and numbers only go up.
// Without IndexedDB (very old browsers, some private modes) the same interface works in
// memory: answers are then kept until the page is closed.

const STORES = ["outbox", "known", "meta"];

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

class IdbOutbox {
  constructor(db) {
    this.db = db;
  }

  async record(slot, response, flagged, floor) {
    const tx = this.db.transaction(["meta", "outbox"], "readwrite");
    const meta = tx.objectStore("meta");
    const last = (await promised(meta.get("seq"))) || 0;
    const seq = Math.max(last, floor || 0) + 1;
    meta.put(seq, "seq");
    const entry = { slot, seq, response, flagged: !!flagged };
    tx.objectStore("outbox").put(entry);
    await done(tx);
    return entry;
  }

  async raiseSeq(floor) {
    const tx = this.db.transaction("meta", "readwrite");
    const meta = tx.objectStore("meta");
    const last = (await promised(meta.get("seq"))) || 0;
    if (floor > last) meta.put(floor, "seq");
    await done(tx);
  }

  async all(store) {
    const tx = this.db.transaction(store, "readonly");
    return promised(tx.objectStore(store).getAll());
  }

  pending() {
    return this.all("outbox");
  }

  known() {
    return this.all("known");
  }

  // The server holds `entry` (seq and value): forget older unsent versions of its slot.
  async acknowledge(entry) {
    const tx = this.db.transaction(["outbox", "known"], "readwrite");
    const outbox = tx.objectStore("outbox");
    const waiting = await promised(outbox.get(entry.slot));
    if (waiting && waiting.seq <= entry.seq) outbox.delete(entry.slot);
    const known = tx.objectStore("known");
    const held = await promised(known.get(entry.slot));
    if (!held || held.seq <= entry.seq) {
      known.put({
        slot: entry.slot,
        seq: entry.seq,
        response: entry.response,
        flagged: !!entry.flagged,
      });
    }
    await done(tx);
  }

  // The server refused this answer (its reason is shown): drop it unless a newer one waits.
  async drop(slot, seq) {
    const tx = this.db.transaction("outbox", "readwrite");
    const outbox = tx.objectStore("outbox");
    const waiting = await promised(outbox.get(slot));
    if (waiting && waiting.seq <= seq) outbox.delete(slot);
    await done(tx);
  }

  async getMeta(key) {
    const tx = this.db.transaction("meta", "readonly");
    return promised(tx.objectStore("meta").get(key));
  }

  async setMeta(key, value) {
    const tx = this.db.transaction("meta", "readwrite");
    tx.objectStore("meta").put(value, key);
    await done(tx);
  }
}

class MemoryOutbox {
  constructor() {
    this.stores = { outbox: new Map(), known: new Map(), meta: new Map() };
  }

  async record(slot, response, flagged, floor) {
    const seq = Math.max(this.stores.meta.get("seq") || 0, floor || 0) + 1;
    this.stores.meta.set("seq", seq);
    const entry = { slot, seq, response, flagged: !!flagged };
    this.stores.outbox.set(slot, entry);
    return entry;
  }

  async raiseSeq(floor) {
    if (floor > (this.stores.meta.get("seq") || 0)) this.stores.meta.set("seq", floor);
  }

  async pending() {
    return Array.from(this.stores.outbox.values());
  }

  async known() {
    return Array.from(this.stores.known.values());
  }

  async acknowledge(entry) {
    const waiting = this.stores.outbox.get(entry.slot);
    if (waiting && waiting.seq <= entry.seq) this.stores.outbox.delete(entry.slot);
    const held = this.stores.known.get(entry.slot);
    if (!held || held.seq <= entry.seq) this.stores.known.set(entry.slot, { ...entry });
  }

  async drop(slot, seq) {
    const waiting = this.stores.outbox.get(slot);
    if (waiting && waiting.seq <= seq) this.stores.outbox.delete(slot);
  }

  async getMeta(key) {
    return this.stores.meta.get(key);
  }

  async setMeta(key, value) {
    this.stores.meta.set(key, value);
  }
}

export async function openOutbox(attemptId) {
  if (!("indexedDB" in window)) return new MemoryOutbox();
  try {
    const request = indexedDB.open(`hoclieu-exam-${attemptId}`, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const name of STORES) {
        if (db.objectStoreNames.contains(name)) continue;
        if (name === "meta") db.createObjectStore(name);
        else db.createObjectStore(name, { keyPath: "slot" });
      }
    };
    return new IdbOutbox(await promised(request));
  } catch (error) {
    return new MemoryOutbox();
  }
}
