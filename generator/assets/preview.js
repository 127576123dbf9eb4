/* Only in `pathways serve`: while the content has errors the preview keeps showing the last good
 * pages, so every page says so at its top, with each problem as the terminal prints it. The
 * list comes from a file the preview rewrites after each edit; the engine reloads the page when
 * it changes, and the file is also read every second in case a reload is missed. */
(function () {
  "use strict";
  const done = Symbol.for("pathways.previewProblems");
  if (window[done]) return;
  window[done] = true;
  const source = new URL("pathways-preview.json", document.currentScript.src).href;
  const ID = "pathways-preview-problems";
  let shown = "[]";

  function banner(problems) {
    const box = document.createElement("div");
    box.id = ID;
    box.setAttribute("role", "alert");
    // Set through the style object: a preview page has no stylesheet of its own for this.
    Object.assign(box.style, {
      position: "sticky",
      top: "0",
      zIndex: "10",
      padding: "0.8rem 1.2rem",
      background: "#fdecea",
      color: "#5c1010",
      borderBottom: "3px solid #b3261e",
      fontSize: "0.8rem",
    });
    const heading = document.createElement("p");
    heading.style.margin = "0 0 0.4rem";
    heading.style.fontWeight = "bold";
    const count = problems.length === 1 ? "1 error" : `${problems.length} errors`;
    heading.textContent = `${count} in the content: the preview shows the last good version.`;
    const list = document.createElement("ul");
    list.style.margin = "0";
    for (const line of problems) {
      const item = document.createElement("li");
      item.style.fontFamily = "monospace";
      item.style.whiteSpace = "pre-wrap";
      item.textContent = line;
      list.append(item);
    }
    box.append(heading, list);
    return box;
  }

  function show(problems) {
    const key = JSON.stringify(problems);
    if (key === shown) return;
    shown = key;
    document.getElementById(ID)?.remove();
    if (problems.length) document.body.prepend(banner(problems));
  }

  function check() {
    fetch(source, { cache: "no-store" })
      .then((response) => (response.ok ? response.json() : []))
      .then((problems) => show(Array.isArray(problems) ? problems.map(String) : []))
      .catch(() => {});
  }

  check();
  setInterval(check, 1000);
})();
