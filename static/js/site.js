// Behaviour shared by every page of the site. Event handlers live here, never in the markup:
// the Content-Security-Policy runs no inline handlers (onclick=…, onchange=…).

// A <select data-autosubmit> sends its form as soon as it changes (the language switcher).
for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form?.requestSubmit());
}
