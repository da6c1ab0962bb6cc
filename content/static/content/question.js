// Practice questions in lessons and checkpoints in e-lectures (plain ES module, no build).
//
// Each <form data-practice> holds one question rendered without its key. On submit the
// answer goes as JSON to the form's action (the check endpoint) with the CSRF token; the
// server marks it and returns {correct, graded, score, key, solution_html, retry_left,
// hint_html, key_seen, passed, progress}, shown below the question. The key and solution
// come only when the page's policy allows (a right answer, or enough tries); until then
// retry_left says how many tries are left and hint_html helps to try again (the chosen
// option's feedback, or a reminder). A right answer given after the key was shown
// (key_seen) is not counted as passed, and the page says so.
// A "practice:answered" event (detail: the result) bubbles from the form.

export function csrfToken(form) {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (match) return decodeURIComponent(match[1]);
  const input = (form || document).querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

export function typesetMath(element) {
  if (typeof window.renderMathInElement !== "function") return;
  window.renderMathInElement(element, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
    ],
    throwOnError: false,
  });
}

class AnswerMissing extends Error {}

const intOrNull = (input) => (input ? parseInt(input.value, 10) : null);
// The score comes written for people in the page's language ("0,5" in Vietnamese).
const scoreValue = (score) => parseFloat(String(score ?? "0").replace(",", "."));
const textOrNull = (el) => (el.value && el.value.trim() !== "" ? el.value : null);

// The answer in the shape the check endpoint expects (see content/practice.py).
export function collectResponse(form) {
  const article = form.querySelector(".question");
  const qtype = article.dataset.qtype;
  switch (qtype) {
    case "single_choice":
      return intOrNull(article.querySelector(".options input:checked"));
    case "multiple_response":
      return Array.from(article.querySelectorAll(".options input:checked"), (i) =>
        parseInt(i.value, 10),
      );
    case "true_false":
      return Array.from(article.querySelectorAll("table.statements tbody tr"), (row) => {
        const picked = row.querySelector("input:checked");
        return picked ? picked.value === "1" : null;
      });
    case "short_numeric":
    case "short_text":
      return article.querySelector(".answer-box input").value;
    case "essay":
      return article.querySelector("textarea").value;
    case "cloze":
      return Array.from(article.querySelectorAll(".stem .blank"), textOrNull);
    case "matching":
      return Array.from(article.querySelectorAll("table.matching select"), textOrNull);
    case "ordering":
      return Array.from(article.querySelectorAll("ol.ordering > li"), (li) =>
        parseInt(li.dataset.pos, 10),
      );
    default:
      throw new AnswerMissing("");
  }
}

function setupOrdering(form) {
  const list = form.querySelector("ol.ordering");
  if (!list) return;
  Array.from(list.children).forEach((li, pos) => {
    li.dataset.pos = String(pos);
    const tools = document.createElement("span");
    tools.className = "ordering__tools";
    for (const [dir, label, text] of [
      [-1, form.dataset.labelUp, "↑"],
      [1, form.dataset.labelDown, "↓"],
    ]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ordering__move";
      button.textContent = text;
      button.setAttribute("aria-label", label);
      button.addEventListener("click", () => {
        const sibling = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
        if (!sibling) return;
        if (dir < 0) list.insertBefore(li, sibling);
        else list.insertBefore(sibling, li);
        button.focus();
      });
      tools.appendChild(button);
    }
    li.appendChild(tools);
  });
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

// Show a result from the server (or one kept in localStorage by the e-lecture player).
export function showResult(form, result) {
  const box = form.querySelector(".practice__result");
  const labels = form.dataset;
  box.replaceChildren();
  const retry =
    result.graded && !result.correct && result.retry_left > 0
      ? labels.labelRetry.replace("{n}", String(result.retry_left))
      : "";
  let verdict;
  if (!result.graded) verdict = element("p", "verdict verdict--recorded", labels.labelRecorded);
  else if (result.correct) verdict = element("p", "verdict verdict--correct", labels.labelCorrect);
  else if (scoreValue(result.score) > 0)
    verdict = element("p", "verdict verdict--partial", `${labels.labelPartial} (${result.score})`);
  else verdict = element("p", "verdict verdict--incorrect", retry || labels.labelIncorrect);
  box.appendChild(verdict);
  if (retry && scoreValue(result.score) > 0) box.appendChild(element("p", "practice__retry", retry));
  if (result.hint_html) {
    const hint = element("div", "practice__hint");
    hint.setAttribute("aria-label", labels.labelHint);
    // The teacher's option feedback, sanitised on the server when the question was saved.
    hint.innerHTML = result.hint_html;
    box.appendChild(hint);
  }
  if (result.correct && result.key_seen)
    box.appendChild(element("p", "practice__unpassed", labels.labelUnpassed));
  if (result.key) {
    const key = element("p", "practice__key");
    key.appendChild(element("strong", "", `${labels.labelKey}: `));
    key.appendChild(document.createTextNode(result.key));
    box.appendChild(key);
  }
  if (result.solution_html) {
    box.appendChild(element("p", "practice__solution-title", labels.labelSolution));
    const solution = element("div", "practice__solution");
    // Sanitised on the server when the question was saved (question_bank.html.clean_html).
    solution.innerHTML = result.solution_html;
    box.appendChild(solution);
  }
  box.hidden = false;
  form.classList.add("is-answered");
  typesetMath(box);
}

function showError(form, message) {
  const box = form.querySelector(".practice__result");
  box.replaceChildren(element("p", "verdict verdict--error", message));
  box.hidden = false;
}

async function submit(form) {
  let response;
  try {
    response = collectResponse(form);
  } catch {
    showError(form, form.dataset.labelError);
    return;
  }
  const section = form.dataset.section;
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const reply = await fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken(form),
      },
      body: JSON.stringify({
        response,
        page: parseInt(form.dataset.page, 10),
        section: section === undefined ? null : parseInt(section, 10),
        checkpoint: form.dataset.checkpoint === "1",
      }),
    });
    const data = await reply.json().catch(() => ({}));
    if (!reply.ok) {
      showError(form, data.error || form.dataset.labelError);
      return;
    }
    showResult(form, data);
    form.dispatchEvent(new CustomEvent("practice:answered", { bubbles: true, detail: data }));
  } catch {
    showError(form, form.dataset.labelError);
  } finally {
    button.disabled = false;
  }
}

export function setupPracticeForms(root = document) {
  root.querySelectorAll("form[data-practice]").forEach((form) => {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    setupOrdering(form);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit(form);
    });
  });
}

setupPracticeForms();
