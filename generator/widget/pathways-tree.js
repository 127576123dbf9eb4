// <pathways-tree>: a question-at-a-time eligibility tree for one or more TREE data sets.
// This file is the body of the bundle's IIFE; `TREE` is defined just above it.

// Captured synchronously: document.currentScript is null once this script has finished running.
const scriptSrc = document.currentScript ? document.currentScript.src : document.baseURI;

const RICH_TAGS = new Set(["p", "ul", "ol", "li", "a", "strong", "em", "abbr", "br", "code"]);
const ATTRIBUTES = [
  "tree", "lang", "url-state", "heading-level", "contact-name", "contact-url", "contact-phone",
  "contact-email", "style",
];
// Used instead of a host's colours that would make buttons or links hard to read; the values
// are the widget's defaults, which its stylesheet declares once.
const DEFAULT_COLORS = {
  "--pw-primary": "var(--pw-default-primary)",
  "--pw-on-primary": "var(--pw-default-on-primary)",
};
const AA_CONTRAST = 4.5;
// Tree id -> language tag -> tree: a page may load one tree's bundle in several languages.
const trees = new Map();
const live = new Set();

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value != null && value !== false) el.setAttribute(name, value === true ? "" : value);
  }
  el.append(...children.flat(Infinity).filter((child) => child != null && child !== false));
  return el;
}

// "{name}" placeholders become values, which may be strings or nodes.
function fill(template, values) {
  return String(template || "")
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 ? (values[part] != null ? values[part] : `{${part}}`) : part));
}

const format = (template, values) => fill(template, values).join("");

function button(className, action, content, question) {
  const data = { "data-action": action, "data-question": question };
  return h("button", { type: "button", class: className, ...data }, content);
}

function safeUrl(value, base) {
  if (typeof value !== "string" || !value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

function link(href, base, content, title) {
  const url = safeUrl(href, base);
  const a = h("a", { href: url && url.href, title }, content);
  if (url && url.origin !== location.origin) a.rel = "noopener";
  return a;
}

function rich(nodes, base) {
  return (Array.isArray(nodes) ? nodes : []).map((node) => richNode(node, base));
}

function richNode(node, base) {
  if (typeof node === "string") return node;
  if (!node || typeof node !== "object") return null;
  const children = rich(node.children, base);
  if (!RICH_TAGS.has(node.tag)) return children;
  const attrs = node.attrs || {};
  const title = typeof attrs.title === "string" ? attrs.title : null;
  if (node.tag === "a") return link(attrs.href, base, children, title);
  return h(node.tag, { title: node.tag === "abbr" ? title : null }, children);
}

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return "";
  }
}

function encodeState(answers, view) {
  const pairs = [...answers].map(([q, a]) => `${encodeURIComponent(q)}.${encodeURIComponent(a)}`);
  return pairs.join("~") + (view ? `@${encodeURIComponent(view)}` : "");
}

// Follows the given answers from the start; stops at the first question without a valid answer.
function walk(tree, given) {
  const path = [];
  let id = tree.data.start;
  while (tree.questions.has(id) && path.length <= tree.questions.size) {
    const chosen = tree.questions.get(id).answers.find((a) => a.id === given.get(id));
    if (!chosen) break;
    path.push([id, chosen.id]);
    id = chosen.next;
  }
  return { path, end: id };
}

// The language an element asks for: its own lang, else the nearest one around it on the page.
function wantedLanguage(el) {
  const holder = el.closest("[lang]");
  return ((holder && holder.getAttribute("lang")) || "").toLowerCase();
}

// The tree in the wanted language; else in the wanted language's main one ("es" for "es-MX");
// else in the language loaded first. The widget then says which one it shows (see render).
function findTree(id, lang) {
  const byLanguage = id ? trees.get(id) : trees.values().next().value;
  if (!byLanguage) return undefined;
  const primary = lang.split("-")[0];
  return (
    byLanguage.get(lang) ||
    byLanguage.get(primary) ||
    [...byLanguage.values()].find((t) => t.data.lang.split("-")[0] === primary) ||
    byLanguage.values().next().value
  );
}

// A computed colour ("rgb(r, g, b)") as numbers; null for anything not fully opaque.
function rgb(value) {
  const match = /^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/.exec(value);
  if (!match || (match[4] !== undefined && Number(match[4]) < 1)) return null;
  return match.slice(1, 4).map(Number);
}

// WCAG 2 contrast ratio of two sRGB colours.
function contrast(a, b) {
  const luminance = (channels) => {
    const [r, g, b] = channels.map((c) => {
      const v = c / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

function today(lang) {
  const options = { year: "numeric", month: "long", day: "numeric" };
  try {
    return new Date().toLocaleDateString(lang, options);
  } catch {
    return new Date().toLocaleDateString(undefined, options);
  }
}

class PathwaysTree extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  static addTree(data, src) {
    if (!trees.has(data.id)) trees.set(data.id, new Map());
    trees.get(data.id).set(String(data.lang || "").toLowerCase(), {
      data,
      root: new URL("../", src).href,
      css: new URL("pathways-tree.css", src).href,
      cssIntegrity: typeof data.css_integrity === "string" ? data.css_integrity : null,
      questions: new Map(data.questions.map((q) => [q.id, q])),
      outcomes: new Map(data.outcomes.map((o) => [o.id, o])),
    });
    // A bundle that comes later may hold the very language an element waits for.
    for (const el of live) if (el.pick() !== el.tree) el.setup();
  }

  constructor() {
    super();
    this.tree = null;
    this.answers = new Map();
    this.view = null;
    this.error = false;
  }

  connectedCallback() {
    live.add(this);
    window.addEventListener("popstate", this);
    window.addEventListener("hashchange", this);
    this.setup();
  }

  disconnectedCallback() {
    live.delete(this);
    window.removeEventListener("popstate", this);
    window.removeEventListener("hashchange", this);
  }

  attributeChangedCallback(name, old, value) {
    // Upgrades report every attribute before connectedCallback, which sets up once for all.
    if (!live.has(this) || old === value) return;
    // Theme properties set on the element itself (CSSOM) change its style attribute.
    if (name === "style") {
      if (this.main) this.guardContrast();
      return;
    }
    if (name === "tree" || name === "lang" || name === "url-state" || !this.main) this.setup();
    else this.render(false);
  }

  get urlOn() {
    return this.getAttribute("url-state") === "on";
  }

  get strings() {
    return this.tree.data.strings || {};
  }

  // The level of the step's main heading: 1 where the widget is the page (it then owns the
  // page's title too), 2 by default, since an embedding page has its own h1.
  get level() {
    const level = Number(this.getAttribute("heading-level"));
    return Number.isInteger(level) && level >= 1 && level <= 4 ? level : 2;
  }

  // Styled by its depth below the step's heading, whatever its level on the page.
  heading(depth, attrs, ...children) {
    const tag = `h${Math.min(this.level + depth, 6)}`;
    return h(tag, { ...attrs, class: `pw-h${depth}` }, ...children);
  }

  pick() {
    return findTree(this.getAttribute("tree"), wantedLanguage(this));
  }

  setup() {
    const tree = this.pick();
    if (tree !== this.tree) {
      // The same tree in another language has the same ids: the reader keeps their answers.
      const same = tree && this.tree && tree.data.id === this.tree.data.id;
      this.tree = tree;
      if (!same) this.answers = new Map();
      if (!same) this.view = null;
      this.error = false;
    }
    if (!tree) {
      if (this.main) this.main.replaceChildren();
      return;
    }
    const first = !this.main;
    this.buildShell();
    const state = this.urlOn ? this.fromUrl() : { raw: null };
    if (state.raw !== null) {
      this.answers = state.answers;
      this.view = state.view;
      // Drops whatever in a shared or edited link does not apply.
      this.writeUrl(this.answers, this.view, true);
    }
    this.render(first && state.raw !== null);
  }

  buildShell() {
    if (this.main) {
      if (this.sheet.href !== this.tree.css) {
        // The tree in another language comes with its own copy of the sheet; the first may
        // not have loaded yet, so the new one reveals the widget too.
        const sheet = this.stylesheet();
        this.watchSheet(sheet);
        this.sheet.replaceWith(sheet);
        this.sheet = sheet;
      }
      return;
    }
    // A page may hold the first step already (a declarative shadow root, parsed with the page,
    // so it shows at first paint and without JavaScript): it is re-rendered in place, keeping its
    // loaded stylesheet, so nothing moves. Otherwise the shadow root comes with the first tree,
    // so the page's fallback shows until then.
    const given = this.shadowRoot;
    const shadow = given || this.attachShadow({ mode: "open" });
    shadow.addEventListener("click", this);
    shadow.addEventListener("submit", this);
    const kept = given && given.querySelector('link[rel="stylesheet"]');
    this.sheet = kept || this.stylesheet();
    // Shown once styled, so the unstyled form never flashes; shown unstyled if the sheet fails.
    // A step the page holds is already showing: hiding it now would move the page.
    this.main = h("div", { class: "pw-main", hidden: !given });
    this.status = h("div", { class: "pw-vh", role: "status" });
    this.probe = h("span", { class: "pw-probe", hidden: true });
    this.shell = h("section", { class: "pw" }, this.probe, this.status, this.main);
    this.watchSheet(this.sheet);
    if (given) {
      for (const node of [...given.childNodes]) if (node !== kept) node.remove();
      if (!kept) given.prepend(this.sheet);
      given.append(this.shell);
    } else {
      shadow.append(this.sheet, this.shell);
    }
  }

  watchSheet(sheet) {
    const reveal = () => {
      if (sheet !== this.sheet) return;
      this.guardContrast();
      this.main.hidden = false;
      if (this.pendingFocus) this.pendingFocus.focus();
      this.pendingFocus = null;
    };
    sheet.addEventListener("load", reveal);
    sheet.addEventListener("error", reveal);
  }

  // Integrity, when the bundle carries the sheet's hash, pins the sheet to this very bundle; a
  // checked cross-origin sheet needs a CORS request, hence crossorigin.
  stylesheet() {
    const { css, cssIntegrity } = this.tree;
    const attrs = { rel: "stylesheet", href: css };
    if (cssIntegrity) Object.assign(attrs, { integrity: cssIntegrity, crossorigin: "anonymous" });
    return h("link", attrs);
  }

  // The host's colours (read from the probe, which the overrides set here don't reach) must keep
  // 4.5:1 for button text on the primary colour and for links on the background; else defaults.
  guardContrast() {
    this.guardFont();
    const style = getComputedStyle(this.probe);
    const [primary, onPrimary, background] = [
      style.backgroundColor, style.color, style.borderTopColor,
    ].map(rgb);
    const readable =
      primary && onPrimary && background &&
      contrast(primary, onPrimary) >= AA_CONTRAST &&
      contrast(primary, background) >= AA_CONTRAST;
    for (const [name, value] of Object.entries(DEFAULT_COLORS)) {
      // CSSOM, which a Content-Security-Policy without 'unsafe-inline' still allows.
      if (readable) this.shell.style.removeProperty(name);
      else this.shell.style.setProperty(name, value);
    }
  }

  // The page's font where the page sets one; the widget's own where it would be the browser's
  // default (a county page with no font of its own), read against the probe's initial font.
  guardFont() {
    const parent = this.parentElement || (this.getRootNode() || {}).host;
    const font = parent ? getComputedStyle(parent).fontFamily : "";
    const initial = getComputedStyle(this.probe).fontFamily;
    this.shell.classList.toggle("pw--own-font", !font || font === initial);
  }

  handleEvent(event) {
    if (event.type === "submit") this.onSubmit(event);
    else if (event.type === "click") this.onClick(event);
    else this.onHistory();
  }

  onClick(event) {
    const target = event.target.closest("[data-action]");
    if (!target) return;
    const action = target.dataset.action;
    if (action === "fix") {
      // The link would otherwise navigate the page's hash (and with it the URL state).
      event.preventDefault();
      this.shadowRoot.querySelector("input").focus();
    } else if (action === "back" || action === "change") {
      this.go(this.answers, target.dataset.question);
    } else if (action === "restart") {
      this.go(new Map(), null);
    } else if (action === "print") {
      window.print();
    }
  }

  onSubmit(event) {
    event.preventDefault();
    const { id } = this.position();
    const question = this.tree.questions.get(id);
    const checked = event.target.querySelector("input:checked");
    const answer = question && checked && question.answers.find((a) => a.id === checked.value);
    if (!answer) {
      this.error = true;
      this.render(true);
      return;
    }
    const answers = new Map(walk(this.tree, new Map(this.answers).set(id, answer.id)).path);
    // The entry being left keeps the chosen answer, so the browser's Back button shows it again.
    if (this.urlOn) this.writeUrl(answers, id, true);
    this.emit("answer", { question: id, answer: answer.id });
    this.go(answers, null);
  }

  onHistory() {
    if (!this.urlOn || !this.tree) return;
    const state = this.fromUrl();
    // A hash without our key but with other content is the host page's own (a skip link, say).
    if (state.raw === null && location.hash.length > 1) return;
    if (encodeState(state.answers, state.view) === encodeState(this.answers, this.view)) return;
    this.answers = state.answers;
    this.view = state.view;
    this.error = false;
    this.render(true);
  }

  go(answers, view) {
    this.answers = answers;
    this.view = view || null;
    this.error = false;
    if (this.urlOn) this.writeUrl(this.answers, this.view, false);
    this.render(true);
  }

  emit(name, detail) {
    const init = { bubbles: true, composed: true, detail: { tree: this.tree.data.id, ...detail } };
    this.dispatchEvent(new CustomEvent(`pathways:${name}`, init));
  }

  // URL state: one "pw-<tree id>=q.a~q.a[@q]" pair among the hash's "&"-separated pairs.
  get hashKey() {
    return `pw-${this.tree.data.id}=`;
  }

  hashPairs() {
    return location.hash.slice(1).split("&").filter(Boolean);
  }

  fromUrl() {
    const pair = this.hashPairs().find((p) => p.startsWith(this.hashKey));
    const raw = pair === undefined ? null : pair.slice(this.hashKey.length);
    const [steps = "", view = ""] = (raw || "").split("@");
    const given = new Map();
    for (const step of steps.split("~")) {
      const dot = step.indexOf(".");
      if (dot > 0) given.set(decode(step.slice(0, dot)), decode(step.slice(dot + 1)));
    }
    // Only answers on the path from the start survive; nothing from the URL is ever shown as text.
    const answers = new Map(walk(this.tree, given).path);
    const viewing = decode(view);
    return { raw, answers, view: answers.has(viewing) ? viewing : null };
  }

  writeUrl(answers, view, replace) {
    const value = encodeState(answers, view);
    const pairs = this.hashPairs().filter((p) => !p.startsWith(this.hashKey));
    if (value) pairs.push(this.hashKey + value);
    const url = location.pathname + location.search + (pairs.length ? `#${pairs.join("&")}` : "");
    if (replace) history.replaceState(history.state, "", url);
    else if (url !== location.pathname + location.search + location.hash) {
      history.pushState(null, "", url);
    }
  }

  position() {
    const { path, end } = walk(this.tree, this.answers);
    const index = path.findIndex(([q]) => q === this.view);
    return index < 0 ? { path, id: end, index: path.length } : { path, id: this.view, index };
  }

  render(step) {
    if (!this.tree) return;
    const { path, id, index } = this.position();
    const question = this.tree.questions.get(id);
    const outcome = this.tree.outcomes.get(id);
    const hadFocus = this.shadowRoot.activeElement !== null;
    this.guardContrast();
    // The language of the words shown, whatever was asked for: never one language labelled as
    // another, which would have a screen reader read it with the wrong voice.
    this.shell.lang = this.tree.data.lang;
    this.shell.setAttribute("aria-label", this.tree.data.title || "");
    if (!question && !outcome) return this.main.replaceChildren();
    const text = outcome ? outcome.title : question.text;
    const heading = this.heading(0, { tabindex: "-1" }, text);
    this.retitle(text);
    this.main.replaceChildren(
      outcome
        ? this.outcomeView(outcome, heading, path)
        : this.questionView(question, heading, path, index)
    );
    // Focus follows every step; a re-render from an attribute change keeps it inside.
    if (step || hadFocus) {
      this.focus(this.error ? this.main.querySelector(".pw-error-summary") : heading);
    }
    if (step && !this.error) this.announce(question, outcome);
  }

  // Where the widget is the page, its title names the step, so that history and screen readers
  // tell the steps apart; an embedding page keeps its own title.
  retitle(text) {
    if (this.level !== 1) return;
    const s = this.strings;
    const { data } = this.tree;
    const title = format(s.page_title, { step: text, tree: data.title, site: data.site || "" });
    document.title = this.error ? format(s.error_page_title, { title }) : title;
  }

  announce(question, outcome) {
    const s = this.strings;
    this.status.textContent = outcome
      ? format(s.announce_outcome, { title: outcome.title })
      : format(s.announce_step, { question: question.text });
    if (!outcome) return;
    const pathways = (outcome.pathways || []).map((p) => p.id);
    this.emit("outcome", { outcome: outcome.id, pathways });
  }

  focus(el) {
    if (this.main.hidden) this.pendingFocus = el;
    else el.focus();
  }

  questionView(question, heading, path, index) {
    const s = this.strings;
    const { root, data } = this.tree;
    const chosen = this.answers.get(question.id);
    const radios = question.answers.map((a, i) =>
      h(
        "div",
        { class: "pw-radio" },
        h("input", { type: "radio", id: `pw-answer-${i}`, name: question.id, value: a.id,
          checked: a.id === chosen }),
        h("label", { for: `pw-answer-${i}` }, a.label)
      )
    );
    const describedBy = [question.hint && "pw-hint", this.error && "pw-error"].filter(Boolean);
    // The same message beside the question and in the summary, naming the question.
    const message = format(s.error_select, { question: question.text });
    const fieldset = h(
      "fieldset",
      { "aria-describedby": describedBy.join(" ") || null, "aria-invalid": this.error && "true" },
      h("legend", null, h("span", { class: "pw-caption" }, data.title), heading),
      question.hint && h("div", { id: "pw-hint", class: "pw-hint" }, rich(question.hint, root)),
      this.error && h("p", { id: "pw-error", class: "pw-error-message" }, message),
      h("div", { class: "pw-radios" }, radios)
    );
    return h(
      "div",
      { class: "pw-question" },
      this.backButton(path, index),
      this.error && this.errorSummary(message),
      h(
        "form",
        { novalidate: true, class: "pw-form" },
        h("div", { class: this.error ? "pw-group pw-group--error" : "pw-group" }, fieldset),
        h("button", { type: "submit", class: "pw-button" }, s.continue)
      ),
      index === 0 && data.intro && h("div", { class: "pw-intro" }, rich(data.intro, root)),
      this.answersList(path.slice(0, index)),
      this.answers.size > 0 && h("div", { class: "pw-actions" }, this.restartButton())
    );
  }

  errorSummary(message) {
    const s = this.strings;
    const fix = h("a", { href: "#pw-answer-0", "data-action": "fix" }, message);
    return h(
      "div",
      { class: "pw-error-summary", role: "alert", tabindex: "-1", "aria-labelledby": "pw-error-h" },
      // One level below the question's where that is the page's h1, as on GOV.UK; in a host's
      // page it comes first in the widget, so a level below would skip one (h1, then h3).
      h(`h${this.level === 1 ? 2 : this.level}`, { id: "pw-error-h", class: "pw-h1" }, s.error_title),
      h("ul", null, h("li", null, fix))
    );
  }

  backButton(path, index) {
    return index > 0 && button("pw-link pw-back", "back", this.strings.back, path[index - 1][0]);
  }

  restartButton() {
    return button("pw-button pw-button--secondary", "restart", this.strings.start_again);
  }

  answersList(path) {
    if (!path.length) return null;
    const s = this.strings;
    const rows = path.map(([qid, aid]) => {
      const question = this.tree.questions.get(qid);
      const answer = question.answers.find((a) => a.id === aid);
      // The visible "Change" starts the accessible name, which names the question (WCAG 2.5.3).
      const full = format(s.change_answer, { question: question.text });
      const rest = full.startsWith(s.change) ? full.slice(s.change.length) : ` ${full}`;
      const change = [s.change, h("span", { class: "pw-vh" }, rest)];
      return h(
        "div",
        null,
        h("dt", null, question.text),
        h("dd", null, answer.label),
        h("dd", null, button("pw-link", "change", change, qid))
      );
    });
    return h(
      "div",
      { class: "pw-answers" },
      this.heading(1, null, s.your_answers),
      h("dl", { class: "pw-summary" }, rows)
    );
  }

  outcomeView(outcome, heading, path) {
    const s = this.strings;
    const { root, data } = this.tree;
    const home = safeUrl(data.home || "", root);
    const printed = fill(s.printed_on, {
      url: home ? h("a", { href: home.href }, home.href) : "",
      date: today(this.shell.lang),
    });
    const pathways = outcome.pathways || [];
    const supports = outcome.supports || [];
    const supportLinks = supports.map((sp) => h("li", null, link(sp.url, root, sp.title)));
    return h(
      "div",
      { class: "pw-outcome", "data-outcome": outcome.id },
      this.backButton(path, path.length),
      h("p", { class: "pw-print" }, printed),
      h("p", { class: "pw-caption" }, s.result),
      heading,
      rich(outcome.text, root),
      pathways.length > 0 && this.heading(1, null, s.pathways_heading),
      pathways.map((p) => this.pathwayBlock(p)),
      this.stepList(outcome.next_steps, 1),
      supports.length > 0 && [this.heading(1, null, s.supports_heading), h("ul", null, supportLinks)],
      this.contact(),
      this.answersList(path),
      h(
        "div",
        { class: "pw-actions" },
        button("pw-button", "print", s.print),
        this.restartButton()
      )
    );
  }

  pathwayBlock(pathway) {
    const root = this.tree.root;
    // A section without an official address (some regulations) is named, not linked.
    const citations = (pathway.citations || []).map((c) =>
      h("li", null, c.url ? link(c.url, root, c.label, c.title) : c.label)
    );
    return h(
      "div",
      { class: "pw-pathway", "data-pathway": pathway.id },
      this.heading(2, null, link(pathway.url, root, pathway.title)),
      rich(pathway.summary, root),
      citations.length > 0 && [this.heading(3, null, this.strings.law), h("ul", null, citations)],
      this.stepList(pathway.next_steps, 3)
    );
  }

  stepList(steps, depth) {
    if (!Array.isArray(steps) || !steps.length) return null;
    const items = steps.map((step) => h("li", null, rich(step, this.tree.root)));
    return [this.heading(depth, null, this.strings.next_steps), h("ul", null, items)];
  }

  // Contact attributes come from the embedding page: plain text, http(s), tel: and mailto: only.
  contact() {
    const [name, url, phone, email] = ["name", "url", "phone", "email"].map((field) =>
      (this.getAttribute(`contact-${field}`) || "").trim()
    );
    const web = safeUrl(url);
    const dial = phone.replace(/[^\d+]/g, "");
    const items = [
      name && h("li", null, name),
      web && h("li", null, link(web.href, web.href, url)),
      phone && h("li", null, dial ? h("a", { href: `tel:${dial}` }, phone) : phone),
      /^[^\s@<>"]+@[^\s@<>"]+$/.test(email) &&
        h("li", null, h("a", { href: `mailto:${email}` }, email)),
    ].filter(Boolean);
    if (!items.length) return null;
    return h(
      "div",
      { class: "pw-contact" },
      this.heading(1, null, this.strings.contact_heading),
      h("ul", { class: "pw-plain" }, items)
    );
  }
}

// A second tree's bundle on the same page registers its data with the element already defined.
const defined = customElements.get("pathways-tree");
if (defined && typeof defined.addTree === "function") {
  defined.addTree(TREE, scriptSrc);
} else if (!defined) {
  PathwaysTree.addTree(TREE, scriptSrc);
  customElements.define("pathways-tree", PathwaysTree);
}
