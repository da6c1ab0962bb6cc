/*
 * Loaded inside h5p-standalone's own frame (as customJs, before H5P core starts the
 * content on DOMContentLoaded), on the content origin.
 *
 * The launcher is framed by the main site, which is another site in development
 * (localhost against 127.0.0.1) and may be in production: browsers that block or restrict
 * third-party storage then throw "Access is denied for this document" on any read of
 * window.localStorage. H5P core reads it while it starts each content (its offline request
 * queue); the exception stopped H5P.init half-way, before it hooked up the frame's resizing,
 * so the content was cut off. Nothing of a student's progress lives here (the parent page
 * stores it on the main site), so a storage that lasts as long as the page is enough.
 *
 * It also hands the content's resume state to the launcher: H5P core in this frame saves
 * it with its own H5P.setUserData (every saveFreq seconds), which the launcher cannot wrap
 * from outside before the frame has started.
 */
(function () {
  "use strict";

  function memoryStorage() {
    var items = {};
    return {
      get length() { return Object.keys(items).length; },
      key: function (index) { return Object.keys(items)[index] || null; },
      getItem: function (key) {
        return Object.prototype.hasOwnProperty.call(items, key) ? items[key] : null;
      },
      setItem: function (key, value) { items[String(key)] = String(value); },
      removeItem: function (key) { delete items[String(key)]; },
      clear: function () { items = {}; },
    };
  }

  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      if (window[name]) {
        return;
      }
    } catch (error) {
      // Denied: a page-long store instead.
    }
    try {
      var store = memoryStorage();
      Object.defineProperty(window, name, { configurable: true, get: function () { return store; } });
    } catch (error) {
      // Leave it: H5P then fails as before, and the launcher says so.
    }
  });

  function watchUserData() {
    var H5P = window.H5P;
    var launcher = window.parent;
    var report = launcher && launcher !== window ? launcher.hoclieuH5PUserData : null;
    if (!H5P || typeof H5P.setUserData !== "function" || typeof report !== "function") {
      return;
    }
    if (H5P.setUserData.hoclieuWrapped) {
      return;
    }
    var original = H5P.setUserData;
    var wrapped = function (contentId, dataId, data, extras) {
      var result = original.apply(this, arguments);
      report(contentId, (extras && extras.subContentId) || 0, dataId, data);
      return result;
    };
    wrapped.hoclieuWrapped = true;
    H5P.setUserData = wrapped;
  }

  watchUserData();
})();
