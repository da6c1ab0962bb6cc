/*
 * Gói mẫu của hoclieu (giấy phép MIT): bài giảng "Nguyên hàm", SCORM 1.2.
 * Tìm run-time (window.API ở một khung cha) như chuẩn SCORM 1.2 quy định, mở lại ở trang
 * đã lưu (cmi.core.lesson_location), giữ câu trả lời trong cmi.suspend_data và báo điểm
 * (cmi.core.score.raw trên 3) cùng trạng thái (passed/failed) khi nộp bài.
 */
(function () {
  "use strict";
  var TRANG = 3;
  var DAP_AN = { cau1: "A", cau2: "B", cau3: "C" };
  var trang = 1;
  var traLoi = {};

  function timAPI(w) {
    for (var n = 0; w && n < 10; n++) {
      if (w.API) { return w.API; }
      if (w.parent === w) { break; }
      w = w.parent;
    }
    return null;
  }
  var api = timAPI(window);
  function lay(ten) { return api ? String(api.LMSGetValue(ten) || "") : ""; }
  function dat(ten, giaTri) { if (api) { api.LMSSetValue(ten, String(giaTri)); } }
  function luu() { if (api) { api.LMSCommit(""); } }

  function hien(n) {
    trang = Math.max(1, Math.min(TRANG, n));
    for (var i = 1; i <= TRANG; i++) {
      document.getElementById("trang-" + i).hidden = i !== trang;
    }
    document.getElementById("trang-so").textContent = "Trang " + trang + "/" + TRANG;
    document.getElementById("truoc").disabled = trang === 1;
    document.getElementById("sau").disabled = trang === TRANG;
    document.body.setAttribute("data-trang", String(trang));
    dat("cmi.core.lesson_location", "trang-" + trang);
    luu();
  }

  function dienLai() {
    Object.keys(traLoi).forEach(function (cau) {
      var o = document.querySelector("input[name='" + cau + "'][value='" + traLoi[cau] + "']");
      if (o) { o.checked = true; }
    });
  }

  function cham(event) {
    event.preventDefault();
    var dung = 0;
    Object.keys(DAP_AN).forEach(function (cau) {
      var chon = document.querySelector("input[name='" + cau + "']:checked");
      traLoi[cau] = chon ? chon.value : "";
      if (traLoi[cau] === DAP_AN[cau]) { dung += 1; }
    });
    dat("cmi.suspend_data", JSON.stringify({ traLoi: traLoi }));
    dat("cmi.core.score.min", 0);
    dat("cmi.core.score.max", 3);
    dat("cmi.core.score.raw", dung);
    dat("cmi.core.lesson_status", dung >= 2 ? "passed" : "failed");
    luu();
    document.getElementById("ket-qua").textContent =
      "Em trả lời đúng " + dung + "/3 câu." + (dung === 3 ? " Rất tốt!" : " Xem lại trang 2 nhé.");
    document.body.setAttribute("data-diem", String(dung));
  }

  function batDau() {
    if (api) {
      api.LMSInitialize("");
      var viTri = /^trang-(\d)$/.exec(lay("cmi.core.lesson_location"));
      if (viTri) { trang = Number(viTri[1]); }
      try { traLoi = (JSON.parse(lay("cmi.suspend_data") || "{}").traLoi) || {}; } catch (e) { traLoi = {}; }
      if (lay("cmi.core.lesson_status") === "not attempted") {
        dat("cmi.core.lesson_status", "incomplete");
      }
      dat("cmi.core.exit", "suspend");
    }
    dienLai();
    document.getElementById("truoc").addEventListener("click", function () { hien(trang - 1); });
    document.getElementById("sau").addEventListener("click", function () { hien(trang + 1); });
    document.getElementById("kiem-tra").addEventListener("submit", cham);
    hien(trang);
    document.body.setAttribute("data-loaded", "1");
  }

  var daKetThuc = false;
  function ketThuc() {
    if (api && !daKetThuc) {
      daKetThuc = true;
      luu();
      api.LMSFinish("");
    }
  }
  window.addEventListener("pagehide", ketThuc);
  batDau();
})();
