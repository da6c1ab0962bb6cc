/*
 * SCORM launcher, on the content origin (content.packages.origin).
 *
 * Holds scorm-again's run-time (window.API for SCORM 1.2, window.API_1484_11 for 2004)
 * with no LMS URL: nothing is sent from here to any server. The main site's player page
 * (lms/static/lms/package-player.js), our parent frame on another origin, keeps the state:
 *
 *   launcher -> parent  {hoclieu:1, type:"ready"}
 *   parent -> launcher  {hoclieu:1, type:"init", kind, sco, state}   (state: {cmi:{...}} or {})
 *   launcher -> parent  {hoclieu:1, type:"commit", sco, cmi, final}  (on Commit/Finish, when
 *                       hidden, and shortly after the SCO sets a value)
 *   parent -> launcher  {hoclieu:1, type:"saved", ok, error}
 *
 * The SCO is loaded only after "init" has filled the run-time, so its first GetValue
 * already sees the stored location and suspend data. Messages from any origin other
 * than the main site's are ignored; ours are posted to that origin only.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("hoclieu-launcher").textContent);
  var MAIN = config.mainOrigin;
  var statusLine = document.getElementById("hoclieu-status");
  var frame = document.getElementById("hoclieu-sco");
  var is2004 = config.kind === "scorm2004";
  var api = null;
  var finished = false;
  var lastSent = "";
  var pending = null;
  var firstChange = 0;
  // Many SCOs (Rustici's golf examples, most authoring tools between slides) set the
  // location and suspend data on every page but commit only when they terminate, from an
  // unload handler: a message posted while the whole tab closes may never reach the
  // parent. So changes are also sent once the SCO has been quiet for SETTLE_MS, and at
  // least every MAX_WAIT_MS while it keeps writing (each commit is a row in lms' log).
  var SETTLE_MS = 1500;
  var MAX_WAIT_MS = 10000;

  function post(message) {
    message.hoclieu = 1;
    window.parent.postMessage(message, MAIN);
  }

  function say(text) {
    statusLine.textContent = text || "";
    statusLine.hidden = !text;
  }

  // "Chưa lưu được tiến độ: <the server's reason>." without a second full stop.
  function sentence(text) {
    return /[.!?…]$/.test(text) ? text : text + ".";
  }

  // The stored CMI of the last session, made ready for a new one: entry says whether the
  // learner resumes, and what only described the last session (exit, session time) goes.
  function resumeState(state) {
    var cmi = state && state.cmi && typeof state.cmi === "object" ? state.cmi : null;
    if (!cmi) {
      return null;
    }
    if (is2004) {
      cmi.entry = cmi.exit === "suspend" ? "resume" : "";
      delete cmi.exit;
      delete cmi.session_time;
      return cmi;
    }
    var core = cmi.core || {};
    core.entry = core.exit === "suspend" ? "resume" : "";
    delete core.exit;
    delete core.session_time;
    cmi.core = core;
    return cmi;
  }

  function snapshot() {
    try {
      return api.renderCommitCMI(true);
    } catch (error) {
      return null;
    }
  }

  function commit(final) {
    if (!api) {
      return;
    }
    var cmi = snapshot();
    if (!cmi) {
      return;
    }
    var text = JSON.stringify(cmi);
    // A hidden tab after a commit with nothing new: no second identical message.
    if (!final && text === lastSent) {
      return;
    }
    lastSent = text;
    var message = { type: "commit", sco: config.sco.id, cmi: cmi, final: !!final };
    if (is2004) {
      // Read from the data model itself: after Terminate, GetValue answers "" (error 123).
      var nav = "";
      try {
        nav = (api.adl && api.adl.nav && api.adl.nav.request) || "";
      } catch (error) {
        nav = "";
      }
      if (nav && nav !== "_none_") {
        message.nav = nav;
      }
    }
    post(message);
  }

  function commitSoon() {
    if (finished) {
      return;
    }
    var now = Date.now();
    if (pending === null) {
      firstChange = now;
    } else {
      window.clearTimeout(pending);
    }
    var wait = Math.max(0, Math.min(SETTLE_MS, firstChange + MAX_WAIT_MS - now));
    pending = window.setTimeout(function () {
      pending = null;
      if (!finished) {
        commit(false);
      }
    }, wait);
  }

  function start(state) {
    var Runtime = is2004 ? window.Scorm2004API : window.Scorm12API;
    api = new Runtime({
      lmsCommitUrl: false,
      autocommit: false,
      logLevel: 5,
      // Every element in each commit: the parent stores the whole CMI of the SCO.
      sendFullCommit: true,
    });
    var stored = resumeState(state);
    if (stored) {
      api.loadFromJSON(stored);
    }
    if (is2004) {
      window.API_1484_11 = api;
      api.on("Commit", function () { commit(false); });
      api.on("SetValue.cmi.*", commitSoon);
      api.on("Terminate", function () { finished = true; commit(true); });
    } else {
      window.API = api;
      api.on("LMSCommit", function () { commit(false); });
      api.on("LMSSetValue.cmi.*", commitSoon);
      api.on("LMSFinish", function () { finished = true; commit(true); });
    }
    frame.src = config.scoUrl;
  }

  function onMessage(event) {
    if (event.origin !== MAIN || event.source !== window.parent) {
      return;
    }
    var data = event.data;
    if (!data || data.hoclieu !== 1) {
      return;
    }
    if (data.type === "init" && !api) {
      window.clearInterval(readyTimer);
      start(data.state || {});
    } else if (data.type === "saved") {
      say(data.ok ? "" : sentence("Chưa lưu được tiến độ: " + (data.error || "lỗi không rõ")));
    }
  }

  function whenHidden() {
    if (api && !finished) {
      commit(false);
    }
  }

  window.addEventListener("message", onMessage);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      whenHidden();
    }
  });
  window.addEventListener("pagehide", whenHidden);

  // "ready" until the parent answers (its listener may attach after our first message).
  var tries = 0;
  var readyTimer = window.setInterval(function () {
    tries += 1;
    if (api || tries > 20) {
      window.clearInterval(readyTimer);
      if (!api) {
        say("Không kết nối được với trang học liệu: hãy tải lại trang.");
      }
      return;
    }
    post({ type: "ready" });
  }, 500);
  post({ type: "ready" });
})();
