// Printed papers: typeset the LaTeX with KaTeX, lay each question's options out 4, 2 or 1 to a
// line by their typeset width, then tell the PDF printer (question_bank.assembly.pdf) that the
// page is final by setting <body data-math-done="1">, also when KaTeX is missing or fails.
(function () {
  "use strict";

  function typeset() {
    if (typeof renderMathInElement !== "function") return;
    document.querySelectorAll(".math-scope").forEach(function (el) {
      renderMathInElement(el, {
        delimiters: [
          { left: "$$", right: "$$", display: true },
          { left: "\\[", right: "\\]", display: true },
          { left: "\\(", right: "\\)", display: false },
        ],
        throwOnError: false,
      });
    });
  }

  // The server chose the columns from a width model (question_bank.assembly.measure); here
  // every option is measured as typeset: 4 columns when each fits a quarter of the line, else
  // 2 when each fits half, else one per line (as Vietnamese exam papers do).
  function layOutOptions() {
    document.querySelectorAll(".options[data-measure]").forEach(function (box) {
      box.classList.add("measuring");
      var widest = 0;
      Array.prototype.forEach.call(box.children, function (option) {
        widest = Math.max(widest, option.getBoundingClientRect().width);
      });
      box.classList.remove("measuring");
      var style = window.getComputedStyle(box);
      var line = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      var gap = parseFloat(style.columnGap) || 0;
      var columns = 1;
      [4, 2].some(function (n) {
        if (widest <= (line - (n - 1) * gap) / n + 0.5) {
          columns = n;
          return true;
        }
        return false;
      });
      box.classList.remove("cols-4", "cols-2", "cols-1");
      box.classList.add("cols-" + columns);
    });
  }

  function done() {
    document.body.dataset.mathDone = "1";
  }

  document.addEventListener("DOMContentLoaded", function () {
    try {
      typeset();
      void document.body.offsetWidth; // lay out now, so the fonts the page needs start loading
    } catch (error) {
      done();
      throw error;
    }
    var fonts = document.fonts ? document.fonts.ready : Promise.resolve();
    fonts
      .then(layOutOptions)
      .catch(function (error) {
        window.console.error(error);
      })
      .then(done);
  });
})();
