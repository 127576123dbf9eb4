// A table or the flowchart that is wider than the column scrolls inside its own box, so the page
// never scrolls sideways on a phone. A box that scrolls must be reachable by keyboard and say what
// it holds (WCAG 2.1.1), so each one that overflows becomes a focusable, named region: named by its
// caption, else by the heading it sits under. Checked again when the window changes size, since
// the same table may fit on a wide screen and not on a narrow one.
(function () {
  "use strict";
  var SCROLLERS = ".md-typeset__scrollwrap, .md-typeset table, .pathways-flowchart";

  function headingBefore(element) {
    var headings = document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3");
    var found = null;
    for (var i = 0; i < headings.length; i++) {
      var position = headings[i].compareDocumentPosition(element);
      if (position & Node.DOCUMENT_POSITION_FOLLOWING) found = headings[i];
    }
    return found;
  }

  function textOf(element) {
    var copy = element.cloneNode(true);
    var links = copy.querySelectorAll(".headerlink");
    for (var i = 0; i < links.length; i++) links[i].remove();
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function nameOf(element) {
    var caption = element.querySelector("caption, figcaption");
    if (caption) return textOf(caption);
    var heading = headingBefore(element);
    return heading ? textOf(heading) : document.title;
  }

  function scrolls(element) {
    var overflow = getComputedStyle(element).overflowX;
    return (overflow === "auto" || overflow === "scroll") &&
      element.scrollWidth > element.clientWidth + 1;
  }

  function mark() {
    var used = Object.create(null);
    var elements = document.querySelectorAll(SCROLLERS);
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      if (scrolls(element)) {
        // Each region is a landmark: two with one name could not be told apart.
        var name = nameOf(element);
        used[name] = (used[name] || 0) + 1;
        if (used[name] > 1) name += " (" + used[name] + ")";
        element.setAttribute("role", "region");
        element.setAttribute("tabindex", "0");
        element.setAttribute("aria-label", name);
        element.classList.add("pathways-scrolls");
      } else if (element.classList.contains("pathways-scrolls")) {
        element.removeAttribute("role");
        element.removeAttribute("tabindex");
        element.removeAttribute("aria-label");
        element.classList.remove("pathways-scrolls");
      }
    }
  }

  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      mark();
    });
  }

  // Material wraps tables in its scrolling boxes when the document is ready; mark after it.
  if (document.readyState === "complete") mark();
  else window.addEventListener("load", mark);
  window.addEventListener("resize", later);
  // With navigation.instant Material swaps pages without loading them: mark each new one.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(later);
  }
})();
