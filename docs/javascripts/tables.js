/* A table wider than the screen scrolls sideways; make that scroll area reachable by keyboard
   and named for screen readers (WCAG 2.1.1). Runs after Material wraps tables, on every page.
   A ResizeObserver says when to look again (first layout, rotation, 字号, 关怀模式): its callback
   runs once layout is done, so reading scrollWidth there forces no extra layout while the page
   loads (that forced layout was a long task on phones). */
(function () {
  "use strict";

  function label(wrap) {
    var caption = wrap.querySelector("caption");
    return caption ? caption.textContent.trim() + "（可左右滑动）" : "表格（可左右滑动）";
  }

  function mark(wrap) {
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
  }

  function wrapOf(element) {
    return element.closest(".md-typeset__scrollwrap");
  }

  var observer = typeof ResizeObserver !== "undefined"
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          var wrap = wrapOf(entry.target);
          if (wrap) mark(wrap);
        });
      })
    : null;

  function watch() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      if (!observer) return mark(wrap);
      observer.observe(wrap); // the visible width changes
      var table = wrap.querySelector("table");
      if (table) observer.observe(table); // the content's width changes
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(watch);
  } else {
    window.addEventListener("load", watch);
  }
})();

/* The figures page: a chart's data table is folded under it on phones; on wide screens, where it
   sits beside the chart (site.css), it is opened once on load. The reader may fold it again. */
(function () {
  "use strict";
  var WIDE = window.matchMedia("(min-width: 60em)");

  function open() {
    if (!WIDE.matches) return;
    Array.prototype.forEach.call(document.querySelectorAll("details[data-chart-table]"), function (details) {
      details.open = true;
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(open);
  } else {
    window.addEventListener("DOMContentLoaded", open);
  }
})();
