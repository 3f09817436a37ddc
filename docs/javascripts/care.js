/* 阅读设置：字号 大/中/小 和 关怀模式（适老化）.
 *
 * The choice lives on <html> as data-font-size="small|medium|large" and data-care="on";
 * care.css does the styling. A tiny static script in <head> (overrides/main.html) sets both
 * attributes from localStorage before the body is parsed, so a page never shows in the wrong size.
 * This file shows the toolbar (hidden without JavaScript), keeps the buttons' aria-pressed in step
 * and stores the choice. If storage is blocked, the choice still works on the current page. */
(function () {
  "use strict";

  var SIZE_KEY = "sc-font-size";
  var CARE_KEY = "sc-care";
  var SIZES = ["small", "medium", "large"];
  var DEFAULT_SIZE = "medium"; // 中: also care.css's size when <html> has no attribute
  var root = document.documentElement;

  function read(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null; // storage blocked (privacy settings, some in-app browsers)
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      /* storage blocked or full: the choice lasts for this page only */
    }
  }

  function validSize(size) {
    return SIZES.indexOf(size) !== -1 ? size : DEFAULT_SIZE;
  }

  function setSize(size) {
    root.setAttribute("data-font-size", validSize(size));
  }

  function setCare(on) {
    if (on) {
      root.setAttribute("data-care", "on");
    } else {
      root.removeAttribute("data-care");
    }
  }

  function init() {
    var bar = document.querySelector("[data-care-toolbar]");
    if (!bar) return;
    var sizeButtons = Array.prototype.slice.call(bar.querySelectorAll("button[data-size]"));
    var careButton = bar.querySelector("button[data-care-toggle]");

    function render() {
      var size = validSize(root.getAttribute("data-font-size"));
      sizeButtons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-size") === size));
      });
      careButton.setAttribute("aria-pressed", String(root.getAttribute("data-care") === "on"));
    }

    // Normally the head script has done this already; repeat it in case it did not run.
    setSize(read(SIZE_KEY) || root.getAttribute("data-font-size"));
    if (read(CARE_KEY) === "on") setCare(true);
    render();
    bar.hidden = false;

    sizeButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        var size = button.getAttribute("data-size");
        setSize(size);
        write(SIZE_KEY, size);
        render();
      });
    });

    careButton.addEventListener("click", function () {
      var on = root.getAttribute("data-care") !== "on";
      setCare(on);
      write(CARE_KEY, on ? "on" : "off");
      render();
    });

    // A choice made in another tab of the site applies here too.
    window.addEventListener("storage", function (event) {
      if (event.key !== null && event.key !== SIZE_KEY && event.key !== CARE_KEY) return;
      setSize(read(SIZE_KEY));
      setCare(read(CARE_KEY) === "on");
      render();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
