// Starts Redoc on /api/redoc/ without inline script. Redoc styles itself with injected <style>
// elements; the page's Content-Security-Policy admits them only with this page's nonce, which the
// server put on this <script> tag (readable here as .nonce, hidden from the DOM's attributes).
"use strict";

(() => {
  const script = document.currentScript;
  Redoc.init(script.dataset.specUrl, { nonce: script.nonce }, document.getElementById("redoc-container"));
})();
