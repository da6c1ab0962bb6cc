// E-lecture player (plain ES module, no build).
//
// The page renders every section (video, PDF link or slide images, notes, checkpoints);
// this player shows one section at a time and, in slide decks, one slide at a time. A
// section's checkpoint questions appear when due — after their slide, at their second of
// an uploaded video, or at the end of the section — and must be answered right (checked by
// the server; an essay counts once answered) before "Phần sau" is enabled: a wrong answer
// brings a hint and another try, and the key only by the block's policy, so the learner
// may then answer right to go on, but such a checkpoint is not passed (the server records
// it so; the steps show the section as done only when all its checkpoints were passed).
// Progress (current section, answered checkpoints with their results) is kept in
// localStorage; section_started, section_completed and completed events are POSTed for
// signed-in learners, and the server's honest count of passed checkpoints is shown.
// Data: <script type="application/json" id="electure-data"> (content_tags.electure_data).

import { csrfToken, showResult } from "./question.js";

const root = document.querySelector("[data-electure]");
const dataElement = document.getElementById("electure-data");
if (root && dataElement) init(JSON.parse(dataElement.textContent));

function loadState(key) {
  try {
    const saved = JSON.parse(localStorage.getItem(key) || "{}");
    return {
      current: Number.isInteger(saved.current) ? saved.current : 0,
      furthest: Number.isInteger(saved.furthest) ? saved.furthest : 0,
      answered: saved.answered && typeof saved.answered === "object" ? saved.answered : {},
      started: Array.isArray(saved.started) ? saved.started : [],
      completed: Array.isArray(saved.completed) ? saved.completed : [],
      done: saved.done === true,
    };
  } catch {
    return { current: 0, furthest: 0, answered: {}, started: [], completed: [], done: false };
  }
}

function init(data) {
  const player = root.querySelector("[data-player]");
  const labels = player.dataset;
  const sectionElements = Array.from(player.querySelectorAll(".lecture-section"));
  const nav = player.querySelector("[data-nav]");
  const prevButton = nav.querySelector("[data-prev]");
  const nextButton = nav.querySelector("[data-next]");
  const nextLabel = nextButton.textContent;
  const status = player.querySelector("[data-status]");
  const steps = Array.from(root.querySelectorAll("[data-goto]"));
  const state = loadState(data.storageKey);
  const last = sectionElements.length - 1;
  let pdfjsPromise = null;

  function save() {
    try {
      localStorage.setItem(data.storageKey, JSON.stringify(state));
    } catch {
      // Private mode or full storage: progress then lasts for this visit only.
    }
  }

  // The server's count of checkpoints passed honestly (signed-in learners only).
  const progressElement = root.querySelector("[data-progress]");
  function showProgress(progress) {
    if (!progressElement) return;
    const labels = progressElement.dataset;
    progressElement.replaceChildren(
      labels.labelProgress
        .replace("{passed}", String(progress.passed))
        .replace("{total}", String(progress.checkpoints)),
    );
    if (progress.key_seen > 0) {
      const note = document.createElement("span");
      note.className = "electure-progress__key-seen";
      note.textContent = ` ${labels.labelKeySeen.replace("{n}", String(progress.key_seen))}`;
      progressElement.appendChild(note);
    }
  }

  function postEvent(kind, section) {
    if (!data.signedIn || !data.eventUrl) return;
    fetch(data.eventUrl, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(root) },
      body: JSON.stringify({ kind, section }),
    }).catch(() => {});
  }

  function loadPdfjs() {
    if (!pdfjsPromise) {
      pdfjsPromise = import(data.pdfjs.src).then((pdfjs) => {
        pdfjs.GlobalWorkerOptions.workerSrc = data.pdfjs.worker;
        return pdfjs;
      });
    }
    return pdfjsPromise;
  }

  // --- one section ------------------------------------------------------------------
  function makeSection(element, info, index) {
    const checkpoints = (info.checkpoints || []).map((cp) => {
      const box = element.querySelector(`.checkpoint[data-checkpoint="${cp.index}"]`);
      return { ...cp, box, form: box && box.querySelector("form"), key: `${index}-${cp.index}` };
    });
    const section = {
      element,
      info,
      index,
      checkpoints,
      slide: 1,
      slideCount: 0,
      reachedEnd: false,
      ready: false,
    };
    const isAnswered = (cp) => Boolean(state.answered[cp.key]);
    // Right once (or an essay answered): the way on is open, whatever came after.
    const isSettled = (cp) => {
      const result = state.answered[cp.key];
      return Boolean(result && (result.settled || result.correct || result.graded === false));
    };
    const isPassed = (cp) => {
      const result = state.answered[cp.key];
      return isSettled(cp) && result.passed !== false;
    };
    section.allSettled = () => checkpoints.every(isSettled);
    section.allPassed = () => checkpoints.every(isPassed);

    function reveal(cp) {
      if (!cp.box || !cp.box.hidden) return;
      cp.box.hidden = false;
      if (isAnswered(cp)) showResult(cp.form, state.answered[cp.key]);
    }
    const endCheckpoints = () =>
      checkpoints.filter((cp) => {
        if (info.kind === "video" && cp.atSecond != null) return false;
        if ((info.kind === "pdf" || info.kind === "images") && cp.afterSlide != null)
          return section.slideCount > 0 && cp.afterSlide > section.slideCount;
        return true;
      });

    section.reachEnd = () => {
      section.reachedEnd = true;
      endCheckpoints().forEach(reveal);
      update();
    };
    section.revealAnswered = () => checkpoints.filter(isAnswered).forEach(reveal);

    element.addEventListener("practice:answered", (event) => {
      const box = event.target.closest(".checkpoint");
      const cp = checkpoints.find((c) => c.box === box);
      if (!cp) return;
      const { correct, graded, score, key, solution_html, retry_left, hint_html, key_seen } =
        event.detail;
      const before = state.answered[cp.key] || {};
      const settled = Boolean(before.settled || correct || !graded);
      // Passed is never lost by a later answer, nor gained after the key was seen.
      const passed = Boolean(before.passed || event.detail.passed);
      state.answered[cp.key] = {
        correct,
        graded,
        score,
        key,
        solution_html,
        retry_left,
        hint_html,
        key_seen,
        settled,
        passed,
      };
      save();
      if (event.detail.progress) showProgress(event.detail.progress);
      if (section.slideControls) section.slideControls.update();
      if (
        settled &&
        info.kind === "video" &&
        section.video &&
        section.video.paused &&
        !section.video.ended
      )
        section.video.play().catch(() => {});
      update();
    });

    // Slides: images already in the page, or PDF pages drawn by pdf.js.
    function setupSlides(drawSlide) {
      const bar = document.createElement("div");
      bar.className = "slides__controls";
      const back = document.createElement("button");
      back.type = "button";
      back.className = "button";
      back.textContent = labels.labelPrevSlide;
      const counter = document.createElement("span");
      counter.className = "slides__counter";
      counter.setAttribute("aria-live", "polite");
      const forward = document.createElement("button");
      forward.type = "button";
      forward.className = "button";
      forward.textContent = labels.labelNextSlide;
      bar.append(back, counter, forward);
      element.querySelector(".lecture-section__stage").appendChild(bar);
      const blockedHere = () =>
        checkpoints.some((cp) => cp.afterSlide === section.slide && !isSettled(cp));
      const controls = {
        update() {
          counter.textContent = `${labels.labelSlide} ${section.slide} ${labels.labelOf} ${section.slideCount}`;
          back.disabled = section.slide <= 1;
          forward.disabled = section.slide >= section.slideCount || blockedHere();
        },
        async go(n) {
          section.slide = Math.min(Math.max(1, n), section.slideCount);
          await drawSlide(section.slide);
          checkpoints.filter((cp) => cp.afterSlide === section.slide).forEach(reveal);
          if (section.slide >= section.slideCount) section.reachEnd();
          controls.update();
        },
      };
      back.addEventListener("click", () => controls.go(section.slide - 1));
      forward.addEventListener("click", () => controls.go(section.slide + 1));
      section.slideControls = controls;
      return controls;
    }

    section.prepare = async () => {
      if (section.ready) return;
      section.ready = true;
      if (info.kind === "images") {
        const slides = Array.from(element.querySelectorAll(".slides--images .slide"));
        section.slideCount = slides.length;
        element.querySelector(".slides--images").classList.add("is-paged");
        const controls = setupSlides(async (n) => {
          slides.forEach((li, i) => {
            li.hidden = i !== n - 1;
          });
        });
        await controls.go(1);
      } else if (info.kind === "pdf") {
        const holder = element.querySelector(".slides--pdf");
        const canvas = document.createElement("canvas");
        canvas.className = "slides__canvas";
        holder.prepend(canvas);
        let renderTask = null;
        try {
          const pdfjs = await loadPdfjs();
          const pdf = await pdfjs.getDocument({
            url: info.pdfUrl,
            cMapUrl: data.pdfjs.cmaps,
            cMapPacked: true,
            standardFontDataUrl: data.pdfjs.fonts,
            wasmUrl: data.pdfjs.wasm,
            iccUrl: data.pdfjs.iccs,
          }).promise;
          section.slideCount = pdf.numPages;
          const controls = setupSlides(async (n) => {
            const page = await pdf.getPage(n);
            const base = page.getViewport({ scale: 1 });
            const width = holder.clientWidth || 800;
            const ratio = window.devicePixelRatio || 1;
            const viewport = page.getViewport({ scale: (width / base.width) * ratio });
            if (renderTask) renderTask.cancel();
            canvas.width = Math.floor(viewport.width);
            canvas.height = Math.floor(viewport.height);
            canvas.setAttribute("aria-label", `${labels.labelSlide} ${n}`);
            renderTask = page.render({ canvasContext: canvas.getContext("2d"), viewport });
            try {
              await renderTask.promise;
            } catch {
              // A newer slide cancelled this one.
            }
          });
          await controls.go(1);
        } catch {
          canvas.remove();
          status.textContent = labels.labelPdfError;
          section.reachEnd();
        }
      } else if (info.kind === "video") {
        const video = element.querySelector("video");
        section.video = video;
        if (!video) {
          section.reachEnd();
          return;
        }
        const timed = checkpoints.filter((cp) => cp.atSecond != null);
        const pendingAt = () => {
          const open = timed.filter((cp) => !isSettled(cp)).map((cp) => cp.atSecond);
          return open.length ? Math.min(...open) : null;
        };
        const hold = () => {
          const at = pendingAt();
          if (at != null && video.currentTime >= at) {
            video.pause();
            if (video.currentTime > at + 0.5) video.currentTime = at;
            timed.filter((cp) => cp.atSecond === at).forEach(reveal);
            update();
          }
        };
        video.addEventListener("timeupdate", hold);
        video.addEventListener("seeking", hold);
        video.addEventListener("play", hold);
        video.addEventListener("ended", () => section.reachEnd());
        // A video that cannot play must not trap the learner before its questions.
        video.addEventListener("error", () => section.reachEnd());
        timed.filter(isAnswered).forEach(reveal);
      } else {
        // A YouTube/Vimeo embed does not tell us when it ends: questions come right away.
        section.reachEnd();
      }
    };
    return section;
  }

  const sections = sectionElements.map((el, i) =>
    makeSection(el, data.sections[i] || { kind: null, checkpoints: [] }, i),
  );

  function update() {
    const current = sections[state.current];
    prevButton.disabled = state.current <= 0;
    const open = !current.allSettled();
    nextButton.disabled = open;
    nextButton.textContent = state.current >= last ? labels.labelFinish : nextLabel;
    status.textContent = open
      ? labels.labelLocked
      : state.done && state.current >= last
        ? labels.labelDone
        : "";
    steps.forEach((link, i) => {
      if (i === state.current) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
      link.classList.toggle("is-locked", i > state.furthest);
      const completed = state.completed.includes(i);
      link.classList.toggle("is-done", completed && sections[i].allPassed());
      link.classList.toggle("is-unpassed", completed && !sections[i].allPassed());
    });
  }

  async function show(index, { focus = false } = {}) {
    state.current = Math.min(Math.max(0, index), last);
    state.furthest = Math.max(state.furthest, state.current);
    sections.forEach((section, i) => {
      section.element.hidden = i !== state.current;
      if (i !== state.current && section.video && !section.video.paused) section.video.pause();
    });
    if (!state.started.includes(state.current)) {
      state.started.push(state.current);
      postEvent("section_started", state.current);
    }
    save();
    const section = sections[state.current];
    section.revealAnswered();
    update();
    if (focus) {
      const title = section.element.querySelector(".lecture-section__title");
      title.setAttribute("tabindex", "-1");
      title.focus({ preventScroll: true });
      player.scrollIntoView({ block: "start", behavior: "smooth" });
    }
    await section.prepare();
    update();
  }

  prevButton.addEventListener("click", () => show(state.current - 1, { focus: true }));
  nextButton.addEventListener("click", () => {
    const index = state.current;
    if (!sections[index].allSettled()) return;
    if (!state.completed.includes(index)) {
      state.completed.push(index);
      postEvent("section_completed", index);
    }
    if (index >= last) {
      if (!state.done) {
        state.done = true;
        postEvent("completed", index);
      }
      save();
      update();
      return;
    }
    show(index + 1, { focus: true });
  });
  steps.forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const target = parseInt(link.dataset.goto, 10);
      if (target <= state.furthest) show(target, { focus: true });
      else status.textContent = labels.labelLocked;
    });
  });

  player.classList.add("is-playing");
  nav.hidden = false;
  show(state.current);
}
