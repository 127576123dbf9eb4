// The "Embed on your site" page: the embedding organization's details fill in both snippets and
// the preview. Without JavaScript the page still shows the snippets, to fill in by hand.
(function () {
  "use strict";

  const form = document.getElementById("pw-embed-form");
  if (!form) return;
  const text = form.dataset;
  const CONTACT = ["contact-name", "contact-url", "contact-phone", "contact-email"];
  const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
  const AA_CONTRAST = 4.5;
  const WHITE = [255, 255, 255];

  const snippets = Array.from(document.querySelectorAll("textarea[data-embed]"), (area) => ({
    area,
    kind: area.dataset.embed,
    built: area.value,
  }));
  // The page's own language first: without a choice, everything stays as the page was built.
  const languages = Array.from(form.querySelectorAll('input[name="lang"]'));
  const chosenLanguage = () => {
    const checked = languages.find((input) => input.checked);
    return checked ? checked.value : null;
  };
  const cssBox = document.getElementById("pw-embed-css-box");
  const css = document.getElementById("pw-embed-css");
  const note = document.getElementById("pw-embed-primary-note");
  const previews = document.querySelectorAll(".pathways-embed-preview pathways-tree");
  const loaded = new Set(Array.from(document.scripts, (script) => script.src));

  // Each language's bundle of a tree registers that language with the element: the other
  // languages' bundles load only once a county asks for them.
  function showLanguage(widget, lang) {
    const box = widget.closest(".pathways-embed-preview");
    const src = box && box.getAttribute(`data-bundle-${lang}`);
    if (src) {
      const url = new URL(src, document.baseURI).href;
      if (!loaded.has(url)) {
        loaded.add(url);
        document.body.append(Object.assign(document.createElement("script"), { src: url }));
      }
    }
    if (widget.getAttribute("lang") !== lang) widget.setAttribute("lang", lang);
  }

  const ENTITIES = { "&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;" };
  const attr = (value) => value.replace(/[&"<>]/g, (c) => ENTITIES[c]);

  function rgb(hex) {
    const digits = hex.length === 4 ? hex.slice(1).replace(/./g, "$&$&") : hex.slice(1);
    return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
  }

  // WCAG 2 contrast ratio, as the widget computes it.
  function contrast(a, b) {
    const luminance = (channels) => {
      const [r, g, bl] = channels.map((c) => {
        const v = c / 255;
        return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  }

  // The colour to use, or null, and what to tell the editor about it.
  function colour(value) {
    if (!value) return { primary: null, message: "" };
    if (!HEX.test(value)) return { primary: null, message: text.colourInvalid };
    const ratio = contrast(rgb(value), WHITE);
    // Rounded down, so a ratio just under the limit never reads as meeting it.
    const shown = (Math.floor(ratio * 10) / 10).toFixed(1);
    if (ratio < AA_CONTRAST) {
      return { primary: null, message: text.contrastLow.replace("{ratio}", shown) };
    }
    return { primary: value.toLowerCase(), message: text.contrastOk.replace("{ratio}", shown) };
  }

  // Replacements go through functions: a "$" in what the editor types must stay a "$".
  function scriptSnippet(built, values) {
    return CONTACT.reduce(
      (snippet, name) => snippet.replace(`${name}=""`, () => `${name}="${attr(values[name])}"`),
      built
    );
  }

  function iframeSnippet(built, values, primary) {
    const query = new URLSearchParams();
    for (const name of CONTACT) if (values[name]) query.set(name, values[name]);
    if (primary) query.set("primary", primary);
    const search = query.toString();
    if (!search) return built;
    return built.replace('/frame.html"', () => `/frame.html?${attr(search)}"`);
  }

  function update() {
    const values = {};
    for (const name of CONTACT) values[name] = form.elements[name].value.trim();
    const { primary, message } = colour(form.elements.primary.value.trim());
    if (note.textContent !== message) note.textContent = message;
    const lang = chosenLanguage();
    for (const { area, kind, built } of snippets) {
      const chosen = (lang && area.getAttribute(`data-built-${lang}`)) || built;
      area.value =
        kind === "iframe" ? iframeSnippet(chosen, values, primary) : scriptSnippet(chosen, values);
    }
    cssBox.hidden = !primary;
    css.value = primary ? `pathways-tree {\n  --pathways-color-primary: ${primary};\n}\n` : "";
    for (const widget of previews) {
      if (lang) showLanguage(widget, lang);
      for (const name of CONTACT) {
        if (values[name]) widget.setAttribute(name, values[name]);
        else widget.removeAttribute(name);
      }
      if (primary) widget.style.setProperty("--pathways-color-primary", primary);
      else widget.style.removeProperty("--pathways-color-primary");
    }
    for (const status of document.querySelectorAll(".pathways-embed-status")) {
      status.textContent = "";
    }
  }

  async function copy(button) {
    const area = document.getElementById(button.dataset.copy);
    const status = button.nextElementSibling;
    let copied = false;
    try {
      await navigator.clipboard.writeText(area.value);
      copied = true;
    } catch {
      // No clipboard API (an http: page, or permission refused): select the text instead.
      area.focus();
      area.select();
      copied = document.execCommand("copy");
    }
    status.textContent = copied ? text.copied : text.copyFailed;
  }

  form.addEventListener("input", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.addEventListener("click", () => copy(button));
  }
  for (const hint of document.querySelectorAll(".pathways-embed-nojs")) hint.hidden = true;
  form.hidden = false;
  update();
})();
