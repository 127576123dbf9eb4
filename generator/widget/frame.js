// Inside the iframe page (embed/<tree id>/frame.html): the settings in its query string, then the
// frame's height and the widget's events, sent to the page that embeds the frame.
(function () {
  "use strict";

  const widget = document.querySelector("pathways-tree");
  if (!widget) return;
  const params = new URLSearchParams(location.search);

  // Only these keys are read, each checked; the widget treats contact values as untrusted too.
  for (const name of ["contact-name", "contact-url", "contact-phone", "contact-email"]) {
    const value = (params.get(name) || "").trim().slice(0, 200);
    if (value) widget.setAttribute(name, value);
  }
  // The frame is the county page's part: its heading level may fit the page around it. Opened
  // on its own, it is a page of its own, whose question is its main heading.
  const heading = params.get("heading") || "";
  if (/^[1-4]$/.test(heading)) widget.setAttribute("heading-level", heading);
  else if (window.parent === window) widget.setAttribute("heading-level", "1");
  const lang = (params.get("lang") || "").toLowerCase();
  if (/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/.test(lang)) {
    // Each language's frame page is its own page (the policy allows scripts from this site's
    // files only, not a bundle chosen at run time): the page names its others as alternates.
    const own = document.documentElement.lang.toLowerCase();
    const primary = lang.split("-")[0];
    const others = Array.from(document.querySelectorAll('link[rel="alternate"][hreflang]'));
    const match =
      others.find((link) => link.hreflang.toLowerCase() === lang) ||
      others.find((link) => link.hreflang.toLowerCase().split("-")[0] === primary);
    if (own !== lang && own.split("-")[0] !== primary && match) {
      // Replaced, so the host's Back button never returns to the page in the other language.
      location.replace(new URL(match.getAttribute("href"), location.href).href + location.search);
      return;
    }
    widget.setAttribute("lang", lang);
  }
  const primary = params.get("primary") || "";
  if (/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(primary)) {
    // CSSOM: this page's Content-Security-Policy forbids style attributes in markup, not this.
    // The widget checks the colour's contrast and keeps its default if it is too light.
    widget.style.setProperty("--pathways-color-primary", primary);
  }

  const host = window.parent;
  if (host === window) return;
  const tree = widget.getAttribute("tree");
  // "*" because a sandboxed frame can't know its host's origin; messages hold ids and a number.
  const send = (message) => host.postMessage({ ...message, tree }, "*");

  // The body's height, not the viewport's: sizing the frame to it never feeds back into it.
  let sent = 0;
  const measure = (always) => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (always || Math.abs(height - sent) >= 1) {
      sent = height;
      send({ type: "pathways:height", height });
    }
  };
  new ResizeObserver(() => measure(false)).observe(document.body);

  window.addEventListener("message", (event) => {
    if (event.source !== host || !event.data || event.data.type !== "pathways:host") return;
    // The host page's script sizes the frame from now on. A scrollbar could then only flash in
    // while the content grows, and by narrowing the page change the very height being measured.
    document.documentElement.classList.add("pw-fit");
    measure(true);
  });

  document.addEventListener("pathways:answer", (event) => {
    const { question, answer } = event.detail;
    send({ type: "pathways:answer", question, answer });
  });
  document.addEventListener("pathways:outcome", (event) => {
    const { outcome, pathways } = event.detail;
    send({ type: "pathways:outcome", outcome, pathways });
  });
})();
