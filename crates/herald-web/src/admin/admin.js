// Herald admin: what script adds to pages that work without it. On the post
// editor it shows the slug the title would give as the slug field's
// placeholder, and a live preview: the form is posted (debounced) to the same
// endpoint as the Preview button, and the page that comes back is shown in a
// sandboxed frame. Served from this site under the admin's Content Security
// Policy (script-src 'self'), so there is no inline script anywhere.
"use strict";

// The same rules as herald_core::slug::slugify: letters and digits of every
// script kept (so Persian stays Persian), a zero-width non-joiner kept between
// letters, invisible presentation characters dropped, anything else one hyphen.
const MAX_SLUG_BYTES = 200;
const ZWNJ = "\u200C";
const IGNORABLE =
  /[\u00AD\u061C\u0640\u200D-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFE00-\uFE0F\uFEFF\u{E0100}-\u{E01EF}]/u;
const ENCLOSING = /\p{Me}/u;
const MARK = /\p{M}/u;
const LETTER = /\p{Alphabetic}/u;
const DIGIT = /\p{N}/u;

function classify(c) {
  if (c === ZWNJ) return "zwnj";
  if (IGNORABLE.test(c)) return "ignorable";
  if (MARK.test(c)) return ENCLOSING.test(c) ? "separator" : "mark";
  if (LETTER.test(c)) return "letter";
  if (DIGIT.test(c)) return "digit";
  return "separator";
}

function slugify(title) {
  let out = "";
  let last = null;
  let separator = false;
  let zwnj = false;
  for (const c of title.normalize("NFC").toLowerCase()) {
    const kind = classify(c);
    if (kind === "ignorable") continue;
    if (kind === "zwnj") {
      zwnj = (last === "letter" || last === "mark") && !separator;
      continue;
    }
    if (kind === "separator" || (kind === "mark" && (last === null || separator))) {
      separator = true;
      zwnj = false;
      continue;
    }
    if (separator && out !== "") {
      out += "-";
    } else if (zwnj && kind === "letter") {
      out += ZWNJ;
    }
    separator = false;
    zwnj = false;
    out += c;
    last = kind;
  }
  return truncate(out.normalize("NFC"), MAX_SLUG_BYTES);
}

// The longest run of whole graphemes within `max` UTF-8 bytes, without a
// trailing hyphen or non-joiner.
function truncate(slug, max) {
  const encoder = new TextEncoder();
  if (encoder.encode(slug).length <= max) return slug;
  let out = "";
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter().segment(slug)) {
    bytes += encoder.encode(segment).length;
    if (bytes > max) break;
    out += segment;
  }
  return out.replace(/[-\u200C]+$/u, "");
}

function slugPlaceholder(form) {
  const title = form.querySelector("#title");
  const slug = form.querySelector("#slug");
  if (!title || !slug) return;
  const update = () => {
    slug.placeholder = slugify(title.value);
  };
  title.addEventListener("input", update);
  update();
}

// The preview panel, hidden in the page until this script shows it; the
// request goes where the Preview button would send the form.
function livePreview(form) {
  const panel = document.querySelector(".admin-preview");
  const button = form.querySelector("button[formaction]");
  const frame = panel && panel.querySelector("iframe");
  const status = panel && panel.querySelector(".admin-preview-status");
  if (!button || !frame || !status) return;
  const url = button.formAction;
  let timer = 0;
  let sent = 0;
  let inFlight = null;
  let scroll = 0;

  // The frame is same-origin (no script may run in it), so its scroll
  // position survives each update.
  frame.addEventListener("load", () => {
    const view = frame.contentDocument && frame.contentDocument.scrollingElement;
    if (view) {
      view.scrollTop = scroll;
      frame.contentDocument.addEventListener("scroll", () => {
        scroll = view.scrollTop;
      });
    }
  });

  const refresh = async () => {
    const number = ++sent;
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    frame.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
        signal: inFlight.signal,
      });
      const html = await response.text();
      if (number !== sent) return;
      frame.srcdoc = html;
      status.textContent = response.ok ? "" : panel.dataset.failed;
    } catch (error) {
      if (error.name !== "AbortError" && number === sent) {
        status.textContent = panel.dataset.failed;
      }
    }
    if (number === sent) frame.removeAttribute("aria-busy");
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  panel.hidden = false;
  refresh();
}

const editor = document.querySelector("form.admin-editor");
if (editor) {
  slugPlaceholder(editor);
  livePreview(editor);
}
