// Starts Redoc on /api/redoc/ without inline script. Redoc styles itself with injected <style>
// elements; the page's Content-Security-Policy admits them only with this page's nonce, which the
// server put on this <script> tag (readable here as .nonce, hidden from the DOM's attributes).
//
// The bundle's "API docs by Redocly" footer loads its logo from cdn.redoc.ly. No request may leave
// the site (the CSP would refuse it anyway, with a violation report), so an image source on another
// origin is replaced by an empty data: URL before the browser fetches it; Redoc then drops the image.
"use strict";

(() => {
  const foreign = (value) => {
    try {
      return new URL(String(value), document.baseURI).origin !== window.location.origin &&
        !/^(data|blob):/.test(String(value));
    } catch {
      return false;
    }
  };
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (this instanceof HTMLImageElement && String(name).toLowerCase() === "src" && foreign(value)) {
      value = "data:,";
    }
    return setAttribute.call(this, name, value);
  };
  const source = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    ...source,
    set(value) {
      source.set.call(this, foreign(value) ? "data:," : value);
    },
  });

  const script = document.currentScript;
  Redoc.init(script.dataset.specUrl, { nonce: script.nonce }, document.getElementById("redoc-container"));
})();
