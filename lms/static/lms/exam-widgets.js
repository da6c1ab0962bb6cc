// Answer widgets of the exam page, one per question type (lms/exams/delivery.py's
// public_items). Each widget is {el, get(), set(response), disable(flag)}: `get` returns the
// response in the shape the save endpoint checks (lms.practice.check_response), null when
// nothing is answered; `onChange(immediate)` is called on every change (immediate false
// while typing, so the page can wait for a pause).

function h(tag, attrs = {}, html) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key === "text") el.textContent = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  if (html != null) el.innerHTML = html;
  return el;
}

function disableAll(root, flag) {
  root.querySelectorAll("button, input, select, textarea").forEach((el) => {
    el.disabled = flag;
  });
}

function choiceRow(choice, role) {
  const button = h("button", { type: "button", role, "aria-checked": "false", class: "choice" });
  button.append(h("span", { class: "choice__label", text: choice.label }));
  button.append(h("span", { class: "choice__text" }, choice.text));
  return button;
}

function singleChoice(item, onChange) {
  const el = h("div", { class: "choices", role: "radiogroup" });
  const rows = item.choices.map((c) => choiceRow(c, "radio"));
  let value = null;
  const show = () =>
    rows.forEach((row, i) => row.setAttribute("aria-checked", String(i === value)));
  rows.forEach((row, i) => {
    row.addEventListener("click", () => {
      value = i;
      show();
      onChange(true);
    });
    el.append(row);
  });
  return {
    el,
    get: () => value,
    set: (r) => {
      value = Number.isInteger(r) ? r : null;
      show();
    },
    disable: (flag) => disableAll(el, flag),
  };
}

function multipleChoice(item, onChange) {
  const el = h("div", { class: "choices choices--many" });
  // Without this a multiple-response question looks exactly like a single-choice one.
  el.append(h("p", { class: "choices__hint", text: "Chọn tất cả các phương án đúng." }));
  const rows = item.choices.map((c) => choiceRow(c, "checkbox"));
  const picked = new Set();
  const show = () =>
    rows.forEach((row, i) => row.setAttribute("aria-checked", String(picked.has(i))));
  rows.forEach((row, i) => {
    row.addEventListener("click", () => {
      if (picked.has(i)) picked.delete(i);
      else picked.add(i);
      show();
      onChange(true);
    });
    el.append(row);
  });
  return {
    el,
    get: () => (picked.size ? Array.from(picked).sort((a, b) => a - b) : null),
    set: (r) => {
      picked.clear();
      (Array.isArray(r) ? r : []).forEach((i) => picked.add(i));
      show();
    },
    disable: (flag) => disableAll(el, flag),
  };
}

function trueFalse(item, onChange) {
  const el = h("div", { class: "tf" });
  const values = item.choices.map(() => null);
  const toggles = item.choices.map((choice, i) => {
    const row = h("div", { class: "tf-row" });
    row.append(h("span", { class: "tf-label", text: `${choice.label})` }));
    row.append(h("span", { class: "tf-text" }, choice.text));
    const group = h("div", { class: "tf-toggle", role: "group", "aria-label": `Ý ${choice.label}` });
    const buttons = [
      [true, "Đúng"],
      [false, "Sai"],
    ].map(([v, label]) => {
      const b = h("button", { type: "button", "aria-pressed": "false", "data-value": String(v), text: label });
      b.addEventListener("click", () => {
        values[i] = values[i] === v ? null : v;
        show();
        onChange(true);
      });
      group.append(b);
      return b;
    });
    row.append(group);
    el.append(row);
    return buttons;
  });
  function show() {
    toggles.forEach(([yes, no], i) => {
      yes.setAttribute("aria-pressed", String(values[i] === true));
      no.setAttribute("aria-pressed", String(values[i] === false));
    });
  }
  return {
    el,
    get: () => (values.some((v) => v !== null) ? values.slice() : null),
    set: (r) => {
      values.forEach((_, i) => {
        values[i] = Array.isArray(r) && typeof r[i] === "boolean" ? r[i] : null;
      });
      show();
    },
    disable: (flag) => disableAll(el, flag),
  };
}

// Part III: the 2025 answer sheet's four boxes — digits, a minus sign and a decimal comma.
function numeric(item, onChange) {
  const el = h("div", { class: "numeric" });
  const limit = item.max_chars || 30;
  const input = h("input", {
    type: "text",
    inputmode: "decimal",
    maxlength: String(limit),
    autocomplete: "off",
    spellcheck: "false",
    class: "numeric__input",
    "aria-label": "Đáp án",
  });
  const clean = (text) => text.replace(/\./g, ",").replace(/[^0-9,-]/g, "").slice(0, limit);
  input.addEventListener("input", () => {
    const fixed = clean(input.value);
    if (fixed !== input.value) input.value = fixed;
    onChange(false);
  });
  input.addEventListener("change", () => onChange(true));
  el.append(input);
  const pad = h("div", { class: "numeric__pad" });
  for (const [key, label, name] of [
    ["-", "−", "Dấu trừ"],
    [",", ",", "Dấu phẩy"],
    ["back", "⌫", "Xoá một ký tự"],
  ]) {
    const b = h("button", { type: "button", "aria-label": name, text: label });
    b.addEventListener("click", () => {
      if (key === "back") input.value = input.value.slice(0, -1);
      else if (key === "-") input.value = input.value.startsWith("-") ? input.value.slice(1) : clean("-" + input.value);
      else if (!input.value.includes(",")) input.value = clean(input.value + ",");
      // Back in the box with the caret at the end: the next digit goes after the comma.
      input.focus({ preventScroll: true });
      input.setSelectionRange(input.value.length, input.value.length);
      onChange(true);
    });
    pad.append(b);
  }
  if (item.max_chars) pad.append(h("small", { text: `Tối đa ${item.max_chars} ký tự` }));
  el.append(pad);
  return {
    el,
    get: () => (input.value.trim() ? input.value.trim() : null),
    set: (r) => {
      input.value = r == null ? "" : String(r);
    },
    disable: (flag) => disableAll(el, flag),
  };
}

function text(item, onChange, multiline) {
  const input = multiline
    ? h("textarea", { rows: "8", class: "essay", "aria-label": "Bài làm" })
    : h("input", { type: "text", class: "short-text", autocomplete: "off", "aria-label": "Đáp án" });
  input.addEventListener("input", () => onChange(false));
  input.addEventListener("change", () => onChange(true));
  return {
    el: input,
    get: () => (input.value.trim() ? input.value : null),
    set: (r) => {
      input.value = r == null ? "" : String(r);
    },
    disable: (flag) => {
      input.disabled = flag;
    },
  };
}

// Cloze: the stem itself holds the blanks (<input class="blank"> or <select class="blank">).
function cloze(item, onChange, stemEl) {
  const blanks = Array.from(stemEl.querySelectorAll(".blank"));
  blanks.forEach((b) => {
    b.addEventListener("input", () => onChange(b.tagName === "SELECT"));
    b.addEventListener("change", () => onChange(true));
  });
  return {
    el: h("div", { class: "cloze-hint", text: "Điền vào các chỗ trống ở trên." }),
    get: () => {
      const values = blanks.map((b) => (b.value && b.value.trim() ? b.value : null));
      return values.some((v) => v !== null) ? values : null;
    },
    set: (r) =>
      blanks.forEach((b, i) => {
        b.value = Array.isArray(r) && r[i] != null ? r[i] : "";
      }),
    disable: (flag) => blanks.forEach((b) => (b.disabled = flag)),
  };
}

function matching(item, onChange) {
  const el = h("div", { class: "matching" });
  const selects = item.premises.map((premise, i) => {
    const row = h("div", { class: "matching__row" });
    row.append(h("div", { class: "matching__premise" }, premise));
    const select = h("select", { "aria-label": `Ghép với ý ${i + 1}` });
    select.append(h("option", { value: "", text: "— Chọn —" }));
    item.matches.forEach((m) => select.append(h("option", { value: m, text: m })));
    select.addEventListener("change", () => onChange(true));
    row.append(select);
    el.append(row);
    return select;
  });
  return {
    el,
    get: () => {
      const values = selects.map((s) => s.value || null);
      return values.some((v) => v !== null) ? values : null;
    },
    set: (r) =>
      selects.forEach((s, i) => {
        s.value = Array.isArray(r) && r[i] != null ? r[i] : "";
      }),
    disable: (flag) => disableAll(el, flag),
  };
}

function ordering(item, onChange) {
  const el = h("div", { class: "ordering" });
  el.append(h("p", { class: "ordering__hint", text: "Dùng nút ↑ ↓ để đổi thứ tự." }));
  const list = h("ol", { class: "ordering__list" });
  let order = item.items.map((_, i) => i);
  let chosen = false;
  let locked = false;
  function show() {
    list.replaceChildren(
      ...order.map((pos, at) => {
        const li = h("li", { "data-pos": String(pos) });
        li.append(h("div", { class: "ordering__text" }, item.items[pos]));
        const tools = h("span", { class: "ordering__tools" });
        for (const [dir, label, name] of [
          [-1, "↑", "Lên"],
          [1, "↓", "Xuống"],
        ]) {
          const b = h("button", { type: "button", "aria-label": name, text: label });
          // The first item never goes up nor the last down, locked or not.
          b.disabled = locked || at + dir < 0 || at + dir >= order.length;
          b.addEventListener("click", () => {
            [order[at], order[at + dir]] = [order[at + dir], order[at]];
            chosen = true;
            show();
            onChange(true);
          });
          tools.append(b);
        }
        li.append(tools);
        return li;
      }),
    );
  }
  const keep = h("button", { type: "button", class: "ordering__keep", text: "Chọn thứ tự này" });
  keep.addEventListener("click", () => {
    chosen = true;
    onChange(true);
  });
  show();
  el.append(list, keep);
  return {
    el,
    get: () => (chosen ? order.slice() : null),
    set: (r) => {
      chosen = Array.isArray(r) && r.length === item.items.length;
      order = chosen ? r.slice() : item.items.map((_, i) => i);
      show();
    },
    disable: (flag) => {
      locked = flag;
      keep.disabled = flag;
      show();
    },
  };
}

export function makeWidget(item, onChange, stemEl) {
  switch (item.qtype) {
    case "single_choice":
      return singleChoice(item, onChange);
    case "multiple_response":
      return multipleChoice(item, onChange);
    case "true_false":
      return trueFalse(item, onChange);
    case "short_numeric":
      return numeric(item, onChange);
    case "short_text":
      return text(item, onChange, false);
    case "cloze":
      return cloze(item, onChange, stemEl);
    case "matching":
      return matching(item, onChange);
    case "ordering":
      return ordering(item, onChange);
    default:
      return text(item, onChange, true);
  }
}

export { h };
