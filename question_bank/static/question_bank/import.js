/* The preview of an import: each question's fix form sends the "Bỏ qua" boxes ticked
   meanwhile (they belong to the save form, so they would be lost on the reload), and a
   single-choice question keeps one ticked key. Everything works without this script. */
(function () {
  "use strict";
  document.querySelectorAll("form.import-fix-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[data-copied]").forEach(function (el) { el.remove(); });
      var flag = document.createElement("input");
      flag.type = "hidden"; flag.name = "leave_out_sent"; flag.value = "1";
      flag.setAttribute("data-copied", "");
      form.appendChild(flag);
      document.querySelectorAll('input[name="leave_out"][form="import-confirm"]:checked')
        .forEach(function (box) {
          var copy = document.createElement("input");
          copy.type = "hidden"; copy.name = "leave_out"; copy.value = box.value;
          copy.setAttribute("data-copied", "");
          form.appendChild(copy);
        });
    });
    var type = form.querySelector('select[name="qtype"]');
    form.querySelectorAll('input[name="key"]').forEach(function (box) {
      box.addEventListener("change", function () {
        if (!box.checked || !type || type.value !== "single_choice") return;
        form.querySelectorAll('input[name="key"]').forEach(function (other) {
          if (other !== box) other.checked = false;
        });
      });
    });
  });
})();
