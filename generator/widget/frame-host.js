// On a page that embeds the iframe snippet: keeps each <pathways-tree> frame as tall as its
// content, and passes the widget's events on as DOM events from the iframe element.
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script) return;
  // The state's embed/ folder, where this script and every frame.html live.
  const home = new URL(".", script.src);
  const MIN_HEIGHT = 100;
  const MAX_HEIGHT = 10000;
  const isId = (value) => typeof value === "string" && /^[\w-]{1,100}$/.test(value);

  function isOurs(frame) {
    try {
      const url = new URL(frame.src, document.baseURI);
      const path = url.pathname;
      return url.origin === home.origin && path.startsWith(home.pathname) &&
        path.endsWith("/frame.html");
    } catch {
      return false;
    }
  }

  const frames = () => Array.from(document.getElementsByTagName("iframe")).filter(isOurs);

  function greet(frame) {
    // The frame's origin is opaque (it is sandboxed), so no narrower target would reach it.
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: "pathways:host" }, "*");
  }

  function emit(frame, type, detail) {
    frame.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
  }

  function resize(frame, height) {
    // NaN and Infinity fail these bounds too.
    if (typeof height !== "number" || !(height >= MIN_HEIGHT && height <= MAX_HEIGHT)) return;
    // CSSOM, which a Content-Security-Policy without 'unsafe-inline' allows.
    frame.style.setProperty("display", "block");
    frame.style.setProperty("border", "0");
    frame.style.setProperty("height", `${Math.ceil(height)}px`);
  }

  window.addEventListener("message", (event) => {
    // Only the windows of our frames count. A sandboxed frame's origin is "null"; a frame
    // embedded without the sandbox has the state's origin.
    const frame = frames().find((f) => f.contentWindow === event.source);
    if (!frame || (event.origin !== "null" && event.origin !== home.origin)) return;
    const data = event.data;
    if (!data || typeof data !== "object" || !isId(data.tree)) return;
    // A second copy of this script on the page would otherwise act on the message again.
    event.stopImmediatePropagation();
    const tree = data.tree;
    if (data.type === "pathways:height") {
      resize(frame, data.height);
    } else if (data.type === "pathways:answer" && isId(data.question) && isId(data.answer)) {
      emit(frame, data.type, { tree, question: data.question, answer: data.answer });
    } else if (
      data.type === "pathways:outcome" && isId(data.outcome) &&
      Array.isArray(data.pathways) && data.pathways.length <= 100 && data.pathways.every(isId)
    ) {
      emit(frame, data.type, { tree, outcome: data.outcome, pathways: data.pathways.slice() });
    }
  });

  // Load events don't bubble, but capture sees each frame's load, lazy or repeated.
  document.addEventListener("load", (event) => {
    if (event.target instanceof HTMLIFrameElement && isOurs(event.target)) greet(event.target);
  }, true);
  for (const frame of frames()) greet(frame);
})();
