// Printed papers: typeset the LaTeX with KaTeX, then tell the PDF printer (question_bank.assembly.pdf)
// that the page is final by setting <body data-math-done="1">, also when KaTeX is missing.
document.addEventListener("DOMContentLoaded", function () {
  try {
    if (typeof renderMathInElement === "function") {
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
  } finally {
    document.body.dataset.mathDone = "1";
  }
});
