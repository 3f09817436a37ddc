/* Filter chips for the honours timeline (荣誉时间轴).
 * Without JavaScript the chips stay hidden and every entry shows.
 * Within one row, chips combine with OR; across rows, with AND.
 * The chosen chips live in the URL (?level=全国&kind=个人), so a filtered view can be shared. */
(function () {
  "use strict";

  function init() {
    var panel = document.querySelector("[data-timeline-filters]");
    if (!panel) return;
    var chips = Array.prototype.slice.call(panel.querySelectorAll("button[data-filter]"));
    var entries = Array.prototype.slice.call(document.querySelectorAll(".sc-timeline > li"));
    var status = panel.querySelector("[data-filter-status]");
    var reset = panel.querySelector("[data-filter-reset]");
    // Phones: the chips fold behind a 筛选 button (site.css shows it below 45em only).
    var toggle = panel.querySelector("[data-filter-toggle]");

    function chosen() {
      var byKey = {};
      chips.forEach(function (chip) {
        if (chip.getAttribute("aria-pressed") === "true") {
          (byKey[chip.dataset.filter] = byKey[chip.dataset.filter] || []).push(chip.dataset.value);
        }
      });
      return byKey;
    }

    function apply(updateUrl) {
      var byKey = chosen();
      var shown = 0;
      entries.forEach(function (entry) {
        var visible = Object.keys(byKey).every(function (key) {
          return byKey[key].indexOf(entry.dataset[key]) !== -1;
        });
        entry.hidden = !visible;
        if (visible) shown += 1;
      });
      // A year with nothing left to show hides its heading too.
      Array.prototype.forEach.call(document.querySelectorAll(".sc-timeline"), function (list) {
        var any = list.querySelector("li:not([hidden])") !== null;
        list.hidden = !any;
        var heading = document.getElementById(list.getAttribute("aria-labelledby"));
        if (heading) heading.hidden = !any;
      });
      var filtered = Object.keys(byKey).length > 0;
      // No total: the report's lists end with 等, and a nomination is no honour. On load, with nothing
      // chosen, the status stays empty: beside the 显示全部 button it would only repeat it.
      status.textContent = filtered
        ? "筛选后显示 " + shown + " 条。"
        : updateUrl ? "显示全部条目。" : "";
      reset.disabled = !filtered;
      var count = chips.filter(function (chip) {
        return chip.getAttribute("aria-pressed") === "true";
      }).length;
      if (toggle) toggle.textContent = count ? "筛选（已选 " + count + " 项）" : "筛选";
      if (updateUrl) {
        var params = new URLSearchParams();
        Object.keys(byKey).forEach(function (key) {
          params.set(key, byKey[key].join(","));
        });
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    var params = new URLSearchParams(location.search);
    chips.forEach(function (chip) {
      var wanted = (params.get(chip.dataset.filter) || "").split(",");
      chip.setAttribute("aria-pressed", wanted.indexOf(chip.dataset.value) !== -1 ? "true" : "false");
      chip.addEventListener("click", function () {
        var pressed = chip.getAttribute("aria-pressed") === "true";
        chip.setAttribute("aria-pressed", pressed ? "false" : "true");
        apply(true);
      });
    });
    reset.addEventListener("click", function () {
      chips.forEach(function (chip) {
        chip.setAttribute("aria-pressed", "false");
      });
      apply(true);
      chips[0].focus();
    });
    if (toggle) {
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(open));
        panel.classList.toggle("sc-filters--open", open);
      });
    }
    panel.hidden = false;
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
