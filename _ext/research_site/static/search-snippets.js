// The search page shows, under each result, the page's text around the words found. Sphinx
// (checked with 9.0.4's searchtools.js, whose Search.htmlToText makes that text) leaves out
// of its index what is marked "no-search" (an entry's BibTeX, a page's hidden previews):
// leave it out of that text too, so that no BibTeX record shows in a result.
(() => {
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (html, anchor) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    for (const hidden of page.querySelectorAll(".no-search")) hidden.remove();
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
})();
