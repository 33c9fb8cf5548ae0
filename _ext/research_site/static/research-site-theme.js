// The reader's saved colour theme, applied before the page is painted (no flash).
// Furo ships this as an inline script; a file keeps the Content-Security-Policy strict.
document.body.dataset.theme = localStorage.getItem("theme") || "auto";
