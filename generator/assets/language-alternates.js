// Each page names the same page in the site's other languages with <link rel="alternate"
// hreflang>, for search engines. Material for MkDocs reads every such link as the root of a site
// in another language when the page has loaded, and fetches "sitemap.xml" beside it: beside a
// page, that file does not exist. So the links are set aside while Material reads them, and put
// back right after: this script runs after Material's and before the page has loaded, so its
// listener runs after Material's.
(() => {
  const links = [...document.querySelectorAll('link[rel="alternate"][hreflang]')];
  if (!links.length) return;
  for (const link of links) link.rel = "";
  document.addEventListener(
    "DOMContentLoaded",
    () => {
      for (const link of links) link.rel = "alternate";
    },
    { once: true }
  );
})();
