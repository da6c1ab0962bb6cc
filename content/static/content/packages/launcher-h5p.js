/*
 * H5P launcher, on the content origin (content.packages.origin).
 *
 * h5p-standalone plays the package's own libraries from this origin. The main site's
 * player page (lms/static/lms/package-player.js), our parent frame, keeps the state:
 *
 *   launcher -> parent  {hoclieu:1, type:"ready"}
 *   parent -> launcher  {hoclieu:1, type:"init", kind, state}  (state: {userData:{"0/state": "…"}, finished})
 *   launcher -> parent  {hoclieu:1, type:"xapi", statement}    (answered/completed/… with a result)
 *   launcher -> parent  {hoclieu:1, type:"userdata", key:"<subContentId>/<dataType>", data}
 *   launcher -> parent  {hoclieu:1, type:"size", height}       (the content's height in px)
 *   parent -> launcher  {hoclieu:1, type:"saved", ok, error}
 *
 * The player starts only after "init", with the stored user data as H5P core expects it
 * (contentUserData[subContentId][dataType] = JSON string), so the content resumes.
 * H5P core saves user data with H5P.setUserData every saveFreq seconds; we wrap it (no
 * AJAX URL is configured, so it sends nothing itself) and also ask the content for its
 * state when the page is hidden. Messages from any origin but the main site's are ignored.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("hoclieu-launcher").textContent);
  var MAIN = config.mainOrigin;
  var statusLine = document.getElementById("hoclieu-status");
  var container = document.getElementById("hoclieu-h5p");
  var SAVE_SECONDS = 10;
  var REPORTED_VERBS = /\/(answered|completed|passed|failed|scored|mastered)$/;
  var started = false;
  var sent = {};

  function post(message) {
    message.hoclieu = 1;
    window.parent.postMessage(message, MAIN);
  }

  function say(text) {
    statusLine.textContent = text || "";
    statusLine.hidden = !text;
    reportSize();
  }

  // "Chưa lưu được tiến độ: <the server's reason>." without a second full stop.
  function sentence(text) {
    return /[.!?…]$/.test(text) ? text : text + ".";
  }

  // H5P sizes its own frame to the content (once it starts, see h5p-frame.js); the
  // parent sizes ours from this, so a phone shows the whole task without a second
  // scroll bar (a tall content makes the main page scroll, as H5P embeds do).
  var lastHeight = 0;
  function reportSize() {
    var height = Math.ceil(
      container.getBoundingClientRect().height + (statusLine.hidden ? 0 : statusLine.offsetHeight)
    );
    if (height > 0 && Math.abs(height - lastHeight) > 1) {
      lastHeight = height;
      post({ type: "size", height: height });
    }
  }

  // {"0/state": "…"} (the bridge's shape) -> {0: {state: "…"}} (H5P core's).
  function coreUserData(userData) {
    var data = {};
    Object.keys(userData || {}).forEach(function (key) {
      var slash = key.lastIndexOf("/");
      if (slash <= 0 || typeof userData[key] !== "string") {
        return;
      }
      var sub = key.slice(0, slash);
      data[sub] = data[sub] || {};
      data[sub][key.slice(slash + 1)] = userData[key];
      sent[key] = userData[key];
    });
    return data;
  }

  function report(key, data) {
    if (typeof data !== "string" || sent[key] === data) {
      return;
    }
    sent[key] = data;
    post({ type: "userdata", key: key, data: data });
  }

  // The H5P object that runs the content: inside the player's iframe, or this window's.
  function playerWindows() {
    var wins = [];
    var iframe = container.querySelector("iframe.h5p-iframe");
    if (iframe && iframe.contentWindow && iframe.contentWindow.H5P) {
      wins.push(iframe.contentWindow);
    }
    if (window.H5P && window.H5P.instances) {
      wins.push(window);
    }
    return wins;
  }

  // Called after H5P.setUserData, by our wrapper here or by h5p-frame.js in H5P's frame.
  function userDataSet(contentId, sub, dataId, data) {
    try {
      var stored = H5PIntegration.contents["cid-" + contentId].contentUserData[sub][dataId];
      report(sub + "/" + dataId, stored);
    } catch (error) {
      report(sub + "/" + dataId, JSON.stringify(data));
    }
  }
  window.hoclieuH5PUserData = userDataSet;

  function watchUserData(H5P) {
    var original = H5P.setUserData;
    if (typeof original !== "function" || original.hoclieuWrapped) {
      return;
    }
    var wrapped = function (contentId, dataId, data, extras) {
      var result = original.apply(this, arguments);
      userDataSet(contentId, (extras && extras.subContentId) || 0, dataId, data);
      return result;
    };
    wrapped.hoclieuWrapped = true;
    H5P.setUserData = wrapped;
  }

  function onXAPI(event) {
    var statement = event && event.data && event.data.statement;
    if (!statement || !statement.verb || !REPORTED_VERBS.test(statement.verb.id || "")) {
      return;
    }
    post({ type: "xapi", statement: statement });
  }

  function saveNow() {
    playerWindows().forEach(function (win) {
      (win.H5P.instances || []).forEach(function (instance) {
        if (typeof instance.getCurrentState !== "function") {
          return;
        }
        var state = instance.getCurrentState();
        if (state !== undefined && state !== null) {
          report("0/state", JSON.stringify(state));
        }
      });
    });
  }

  function start(state) {
    var options = {
      id: config.contentId,
      h5pJsonPath: config.base,
      frameJs: config.frameJs,
      frameCss: config.frameCss,
      // Runs in H5P's frame before the content starts (a stand-in for denied storage).
      customJs: [config.runtime + "content/packages/h5p-frame.js"],
      frame: false,
      copyright: false,
      export: false,
      embed: false,
      icon: false,
      fullScreen: true,
      saveFreq: SAVE_SECONDS,
      contentUserData: coreUserData(state.userData),
    };
    new window.H5PStandalone.H5P(container, options).then(
      function () {
        var wins = playerWindows();
        wins.forEach(function (win) { watchUserData(win.H5P); });
        // One dispatcher: the one of the window that runs the content.
        if (wins.length && wins[0].H5P.externalDispatcher) {
          wins[0].H5P.externalDispatcher.on("xAPI", onXAPI);
        }
        if (window.ResizeObserver) {
          new window.ResizeObserver(reportSize).observe(container);
        }
        reportSize();
      },
      function () {
        say("Không mở được gói H5P này: gói có thể thiếu thư viện.");
      }
    );
  }

  function onMessage(event) {
    if (event.origin !== MAIN || event.source !== window.parent) {
      return;
    }
    var data = event.data;
    if (!data || data.hoclieu !== 1) {
      return;
    }
    if (data.type === "init" && !started) {
      started = true;
      window.clearInterval(readyTimer);
      start(data.state || {});
    } else if (data.type === "saved") {
      say(data.ok ? "" : sentence("Chưa lưu được tiến độ: " + (data.error || "lỗi không rõ")));
    }
  }

  window.addEventListener("message", onMessage);
  document.addEventListener("visibilitychange", function () {
    if (started && document.visibilityState === "hidden") {
      saveNow();
    }
  });
  window.addEventListener("pagehide", function () {
    if (started) {
      saveNow();
    }
  });

  var tries = 0;
  var readyTimer = window.setInterval(function () {
    tries += 1;
    if (started || tries > 20) {
      window.clearInterval(readyTimer);
      if (!started) {
        say("Không kết nối được với trang học liệu: hãy tải lại trang.");
      }
      return;
    }
    post({ type: "ready" });
  }, 500);
  post({ type: "ready" });
})();
