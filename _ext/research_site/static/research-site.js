// The reader's saved colour theme, applied before the page is painted (no flash).
// Furo ships this as an inline script; a file keeps the Content-Security-Policy strict.
document.body.dataset.theme = localStorage.getItem("theme") || "auto";

// Furo (checked with 2025.12.19) writes its two sidebars as <aside> landmarks without
// names; name them, so that assistive technology tells them apart (axe: landmark-unique).
document.addEventListener("DOMContentLoaded", () => {
  const names = { "aside.sidebar-drawer": "Site navigation", "aside.toc-drawer": "On this page" };
  for (const [selector, name] of Object.entries(names)) {
    document.querySelector(selector)?.setAttribute("aria-label", name);
  }
});

// A "Copy" button on every BibTeX record (the list's and the paper pages'): it copies
// exactly the record, and says so to screen readers.
document.addEventListener("DOMContentLoaded", () => {
  for (const record of document.querySelectorAll("details.pub-bibtex div.highlight pre")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "pub-copy";
    button.textContent = "Copy";
    button.setAttribute("aria-live", "polite");
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(record.textContent.replace(/\n$/, ""));
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
    record.closest("details").querySelector("summary").after(button);
  }
});
