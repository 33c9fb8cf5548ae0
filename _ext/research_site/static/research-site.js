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

// A preview of the papers a citation cites (listings/previews.py puts each paper, as the
// list shows it, in the page's hidden store): opened by hovering the citation, focusing it
// or tapping it; closed by Escape or by moving away. With a mouse a click on a number still
// goes to the entry; on a touch screen the first tap opens the preview.
document.addEventListener("DOMContentLoaded", () => {
  let open = null;
  let timer = 0;
  let count = 0;
  const links = (cite) => cite.querySelectorAll(".bibtex-citation a");

  function close(cite, refocus) {
    if (!cite || open !== cite) return;
    cite.querySelector(".pub-popover")?.remove();
    for (const link of links(cite)) link.setAttribute("aria-expanded", "false");
    if (refocus) links(cite)[0]?.focus();
    open = null;
  }

  function show(cite) {
    clearTimeout(timer);
    if (open === cite) return;
    close(open, false);
    const popover = document.createElement("span");
    popover.className = "pub-popover";
    popover.id = `pub-popover-${++count}`;
    popover.setAttribute("role", "group");
    const ids = cite.dataset.previews.split(" ");
    popover.setAttribute("aria-label", ids.length > 1 ? `The ${ids.length} cited papers` : "The cited paper");
    for (const id of ids) {
      const preview = document.getElementById(id)?.cloneNode(true);
      if (!preview) continue;
      preview.removeAttribute("id");
      popover.append(preview);
    }
    cite.append(popover);
    for (const link of links(cite)) {
      link.setAttribute("aria-expanded", "true");
      link.setAttribute("aria-controls", popover.id);
    }
    open = cite;
    place(cite, popover);
  }

  function place(cite, popover) {
    if (getComputedStyle(popover).position === "fixed") {  // a sheet at the bottom (phones)
      const room = window.innerHeight - popover.offsetHeight - 8;
      let box = cite.getBoundingClientRect();
      if (box.bottom > room) window.scrollBy({ top: box.bottom - room, behavior: "instant" });
      box = cite.getBoundingClientRect();
      if (box.bottom > room) {  // the page ends too soon: the sheet opens above the citation
        popover.classList.add("pub-popover-top");
        popover.style.maxHeight = `${Math.max(box.top - 8, 96)}px`;
      }
      return;
    }
    const anchor = cite.getBoundingClientRect();
    const frame = popover.offsetParent.getBoundingClientRect();
    const left = Math.min(anchor.left, window.innerWidth - popover.offsetWidth - 8);
    popover.style.left = `${Math.max(8, left) - frame.left}px`;
    popover.style.top = `${anchor.bottom + 4 - frame.top}px`;
  }

  const later = (action) => { clearTimeout(timer); timer = setTimeout(action, 250); };
  for (const cite of document.querySelectorAll(".pub-cite[data-previews]")) {
    let touched = false;
    let wasOpen = false;
    cite.addEventListener("pointerenter", (event) => {
      if (event.pointerType === "mouse") later(() => show(cite));
    });
    cite.addEventListener("pointerleave", (event) => {
      if (event.pointerType === "mouse") later(() => close(cite, false));
    });
    cite.addEventListener("pointerdown", (event) => {
      touched = event.pointerType !== "mouse";
      wasOpen = open === cite;
    });
    cite.addEventListener("click", (event) => {
      const number = event.target.closest(".bibtex-citation a");
      if (number && touched && !wasOpen) {  // the first tap opens the preview
        event.preventDefault();
        show(cite);
      }
    });
    cite.addEventListener("focusin", () => show(cite));
    cite.addEventListener("focusout", (event) => {
      if (!cite.contains(event.relatedTarget)) close(cite, false);
    });
  }
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && open) close(open, open.contains(document.activeElement));
  });
  document.addEventListener("pointerdown", (event) => {
    if (open && !open.contains(event.target)) close(open, false);
  });
});

// A long author list in a list of papers shows its first names and the owner; "+N more"
// (a button, so the keyboard reaches it) shows every name in place, and fewer again.
document.addEventListener("DOMContentLoaded", () => {
  for (const count of document.querySelectorAll(
    "ul.pub-list .pub-more-count, ul.pub-selected .pub-more-count")) {
    const authors = count.closest(".pub-authors");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "pub-more-toggle";
    button.textContent = count.textContent;
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", () => {
      const shortened = authors.classList.toggle("pub-shortened");
      button.setAttribute("aria-expanded", String(!shortened));
      button.textContent = shortened ? count.textContent : "fewer";
    });
    authors.classList.add("pub-shortened");
    count.after(button);
  }
});
