/* A table wider than the screen scrolls sideways; make that scroll area reachable by keyboard
   and named for screen readers (WCAG 2.1.1). Runs after Material wraps tables, on every page. */
(function () {
  "use strict";

  function label(wrap) {
    var caption = wrap.querySelector("caption");
    return caption ? caption.textContent.trim() + "（可左右滑动）" : "表格（可左右滑动）";
  }

  function mark() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label(wrap));
      } else if (!scrolls && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mark);
  } else {
    window.addEventListener("load", mark);
  }
  window.addEventListener("resize", mark);
  // A larger 字号 or 关怀模式 (care.js sets them on <html>) can make a table wider than the screen.
  if (typeof MutationObserver !== "undefined") {
    new MutationObserver(mark).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-font-size", "data-care"],
    });
  }
})();
