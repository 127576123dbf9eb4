/* Material's tooltips (the content.tooltips feature) write an element's title, and the text of
 * a shortened menu entry, into the tooltip's box as HTML. Both are text from the content: a
 * title such as "<img src=x onerror=...>" must show as written and never become markup. This
 * makes those boxes take what they are given as text; every other element is left alone. */
(function () {
  "use strict";
  const done = Symbol.for("pathways.textTooltips");
  const proto = Element.prototype;
  const html = Object.getOwnPropertyDescriptor(proto, "innerHTML");
  if (proto[done] || !html || !html.set || !html.get) return;
  Object.defineProperty(proto, done, { value: true });
  const BOXES = ".md-tooltip__inner, .md-tooltip2__inner";
  Object.defineProperty(proto, "innerHTML", {
    configurable: true,
    enumerable: html.enumerable,
    get: html.get,
    set(value) {
      if (this.matches(BOXES)) this.textContent = String(value);
      else html.set.call(this, value);
    },
  });
})();
