// E-lecture package player, the main site's side of the bridge (plain script, no build).
//
// Finds every `.package-player[data-session-url]` (the player page, and the package block
// of lessons and e-lectures), fetches its session (lms.packages.views.package_session) and
// frames the launcher on the content origin in a sandboxed iframe. The launcher (content/
// static/content/packages/launcher*.js) runs scorm-again or h5p-standalone and talks to
// this page by postMessage only, objects with `hoclieu: 1` and a `type`:
//   launcher → here  ready | commit {sco, cmi, final, nav?} | xapi {statement} | userdata {key, data}
//                    | size {height} (H5P: the frame takes its content's height)
//   here → launcher  init {kind, sco, state} | saved {ok, error}
// Messages are taken only from the frame's own window and the content origin; answers go
// to that origin only. Saves are POSTed with the session cookie and X-CSRFToken (the
// learner is the session's user on the server, never anything in a message), in order,
// with `keepalive` so a commit sent while the tab closes still arrives.
(function () {
  "use strict";

  if (window.hoclieuPackagePlayer) {
    window.hoclieuPackagePlayer.scan();
    return;
  }

  const players = [];
  const KEEPALIVE_MAX = 60000; // browsers refuse keepalive bodies over 64 KiB in flight

  function csrfToken(fallback) {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : fallback || "";
  }

  function part(root, selector, tag, className) {
    let element = root.querySelector(selector);
    if (!element) {
      element = document.createElement(tag);
      element.className = className;
      root.appendChild(element);
    }
    return element;
  }

  function createPlayer(root) {
    root.dataset.playerStarted = "1";
    const player = {
      root: root,
      sessionUrl: root.dataset.sessionUrl,
      session: null,
      sco: null,
      origin: null,
      iframe: null,
      queue: Promise.resolve(),
    };
    player.status = part(root, "[data-package-status]", "p", "package-status");
    player.status.setAttribute("data-package-status", "");
    player.status.setAttribute("role", "status");
    player.status.setAttribute("data-testid", "package-status");
    player.error = part(root, "[data-package-error]", "p", "package-error");
    player.error.setAttribute("data-package-error", "");
    player.error.setAttribute("role", "alert");
    player.error.setAttribute("data-testid", "package-error");
    player.error.style.color = "#a40e26";
    player.error.hidden = true;
    player.toc = part(root, "[data-package-toc]", "nav", "package-toc");
    player.toc.setAttribute("data-package-toc", "");
    player.toc.setAttribute("aria-label", "Mục lục của gói");
    player.toc.hidden = true;
    player.holder = part(root, "[data-package-frame]", "div", "package-frame");
    player.holder.setAttribute("data-package-frame", "");
    player.holder.style.width = "100%";
    // The lesson block is a <figure>: its default 40 px side margins left a phone a
    // 290 px package. The package takes the text's width instead.
    const figure = root.closest("figure");
    if (figure) figure.style.margin = "1rem 0";
    players.push(player);
    load(player, null);
  }

  function doneLoading(player) {
    const loading = player.root.querySelector(".package-player__loading");
    if (loading) loading.remove();
  }

  function showError(player, message) {
    if (message) doneLoading(player);
    player.error.textContent = message || "";
    player.error.hidden = !message;
  }

  function showStatus(player, status) {
    if (status && status.text) player.status.textContent = status.text;
  }

  function load(player, sco) {
    let url = player.sessionUrl;
    if (sco !== null && sco !== undefined) {
      url += (url.indexOf("?") < 0 ? "?" : "&") + "sco=" + encodeURIComponent(sco);
    }
    showError(player, "");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(
          function (body) { return { response: response, body: body }; },
          function () { return { response: response, body: {} }; }
        );
      })
      .then(function (result) {
        if (!result.response.ok) {
          throw new Error(result.body.error || "Không mở được gói (lỗi " + result.response.status + ").");
        }
        start(player, result.body);
      })
      .catch(function (error) {
        showError(player, error && error.message && error.message.indexOf("fetch") < 0
          ? error.message
          : "Không kết nối được máy chủ. Hãy kiểm tra mạng rồi tải lại trang.");
      });
  }

  function start(player, session) {
    doneLoading(player);
    player.session = session;
    player.sco = session.sco;
    player.origin = new URL(session.launch_url).origin;
    showStatus(player, session.status);
    previewNote(player, session);
    buildToc(player, session);
    if (player.iframe) {
      // Another SCO: the same frame navigates, so the leaving SCO's last commit (sent on
      // pagehide) still comes from this frame's window and is saved to its own SCO.
      player.iframe.setAttribute("title", session.title || "Gói bài giảng");
      player.iframe.src = session.launch_url;
      return;
    }
    const iframe = document.createElement("iframe");
    iframe.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-modals");
    iframe.setAttribute("allow", "fullscreen; autoplay");
    iframe.setAttribute("allowfullscreen", ""); // older Safari knows only this one
    iframe.setAttribute("referrerpolicy", "no-referrer");
    iframe.setAttribute("title", session.title || "Gói bài giảng");
    iframe.setAttribute("data-testid", "package-frame");
    iframe.style.cssText = "display:block;width:100%;height:75vh;min-height:320px;border:1px solid #d0d7de;border-radius:6px;background:#fff";
    iframe.src = session.launch_url;
    player.holder.replaceChildren(iframe);
    player.iframe = iframe;
    fullscreenButton(player);
  }

  function previewNote(player, session) {
    if (!session.preview || player.root.querySelector("[data-package-preview]")) return;
    const note = document.createElement("p");
    note.setAttribute("data-package-preview", "");
    note.className = "package-preview";
    note.textContent = "Bạn đang xem thử với tư cách cán bộ: tiến độ của bạn được lưu riêng, không tính vào kết quả của học sinh.";
    player.root.insertBefore(note, player.status);
  }

  function fullscreenButton(player) {
    if (player.root.querySelector("[data-package-fullscreen]") || !player.iframe.requestFullscreen) return;
    const button = document.createElement("button");
    button.type = "button";
    button.setAttribute("data-package-fullscreen", "");
    button.textContent = "Toàn màn hình";
    button.addEventListener("click", function () {
      if (player.iframe) player.iframe.requestFullscreen().catch(function () {});
    });
    player.root.insertBefore(button, player.holder.nextSibling);
  }

  function buildToc(player, session) {
    const scos = session.scos || [];
    if (scos.length < 2) {
      player.toc.hidden = true;
      return;
    }
    const list = document.createElement("ol");
    list.style.cssText = "list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.4rem";
    scos.forEach(function (item) {
      const entry = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = item.title;
      button.dataset.sco = item.id;
      if (item.level) button.style.marginLeft = Math.min(item.level, 4) + "rem";
      if (item.id === session.sco) {
        button.setAttribute("aria-current", "step");
        button.style.fontWeight = "700"; // the SCO being played, visibly too
      }
      button.addEventListener("click", function () {
        if (item.id !== player.sco) load(player, item.id);
      });
      entry.appendChild(button);
      list.appendChild(entry);
    });
    player.toc.replaceChildren(list);
    player.toc.hidden = false;
  }

  function reply(player, message) {
    if (!player.iframe || !player.iframe.contentWindow) return;
    player.iframe.contentWindow.postMessage(Object.assign({ hoclieu: 1 }, message), player.origin);
  }

  function post(player, url, payload) {
    const body = JSON.stringify(payload);
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: body.length < KEEPALIVE_MAX,
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken(player.session && player.session.csrf),
      },
      body: body,
    }).then(function (response) {
      return response.json().then(
        function (data) { return { ok: response.ok, status: response.status, data: data }; },
        function () { return { ok: response.ok, status: response.status, data: {} }; }
      );
    });
  }

  function save(player, url, payload) {
    player.queue = player.queue.then(function () {
      return post(player, url, payload).then(
        function (result) {
          if (result.ok) {
            showError(player, "");
            showStatus(player, result.data.status);
            reply(player, { type: "saved", ok: true, error: "" });
            return;
          }
          const reason = result.data.error || "lỗi " + result.status;
          showError(player, "Chưa lưu được kết quả: " + reason);
          reply(player, { type: "saved", ok: false, error: reason });
        },
        function () {
          const reason = "Không kết nối được máy chủ, kết quả chưa được lưu. Hãy kiểm tra mạng.";
          showError(player, reason);
          reply(player, { type: "saved", ok: false, error: reason });
        }
      );
    });
  }

  function knownSco(player, sco) {
    const scos = (player.session && player.session.scos) || [];
    return scos.some(function (item) { return item.id === sco; }) ? sco : player.sco;
  }

  // H5P content is as tall as it is (like H5P's own embeds); a SCO keeps its fixed frame.
  const SIZE_MIN = 120;
  const SIZE_MAX = 20000;
  function resize(player, height) {
    if (!player.session || player.session.kind !== "h5p" || typeof height !== "number") return;
    if (!isFinite(height)) return;
    const pixels = Math.round(Math.min(Math.max(height, SIZE_MIN), SIZE_MAX));
    player.iframe.style.minHeight = "0";
    player.iframe.style.height = pixels + "px";
  }

  // A SCORM 2004 SCO that ends with adl.nav.request "continue", "previous" or
  // "{target=ID}choice" asks for another SCO: the next or previous one in the table of
  // contents, or the one named. (Leniently: the organisation's flow/choice controls and
  // the other sequencing rules are not evaluated.) exit/exitAll/suspendAll keep the page.
  function navTarget(player, nav) {
    const scos = (player.session && player.session.scos) || [];
    if (typeof nav !== "string" || scos.length < 2) return null;
    const index = scos.findIndex(function (item) { return item.id === player.sco; });
    if (nav === "continue") return index >= 0 && index + 1 < scos.length ? scos[index + 1].id : null;
    if (nav === "previous") return index > 0 ? scos[index - 1].id : null;
    const choice = /^\{target=([^}]+)\}(?:choice|jump)$/.exec(nav);
    if (choice && scos.some(function (item) { return item.id === choice[1]; })) return choice[1];
    return null;
  }

  function handle(player, data) {
    const session = player.session;
    if (data.type === "ready") {
      reply(player, { type: "init", kind: session.kind, sco: player.sco, state: session.state || {} });
    } else if (data.type === "commit") {
      save(player, session.urls.commit, { sco: knownSco(player, data.sco), cmi: data.cmi, final: !!data.final });
      const target = data.final ? navTarget(player, data.nav) : null;
      if (target) {
        // Once the leaving SCO's last commit is saved, the next one opens in the frame.
        player.queue = player.queue.then(function () { load(player, target); });
      }
    } else if (data.type === "xapi") {
      save(player, session.urls.xapi, { statement: data.statement });
    } else if (data.type === "userdata") {
      save(player, session.urls.userdata, { key: data.key, data: data.data });
    } else if (data.type === "size") {
      resize(player, data.height);
    }
  }

  window.addEventListener("message", function (event) {
    const data = event.data;
    if (!data || typeof data !== "object" || data.hoclieu !== 1) return;
    for (let i = 0; i < players.length; i++) {
      const player = players[i];
      if (!player.iframe || !player.session) continue;
      if (event.source !== player.iframe.contentWindow || event.origin !== player.origin) continue;
      handle(player, data);
      return;
    }
  });

  function scan() {
    document.querySelectorAll(".package-player[data-session-url]").forEach(function (root) {
      if (!root.dataset.playerStarted) createPlayer(root);
    });
  }

  window.hoclieuPackagePlayer = { scan: scan };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
})();
