/* On narrow screens Material keeps the navigation drawer and the search dialog in the page, off
   screen, while they are closed: Tab would walk through dozens of links nobody can see before it
   reaches the content. While closed there, they are made `inert` (out of the Tab order and of the
   screen reader's view); opening them (label click, keyboard shortcut) removes it at once. */
(function () {
  "use strict";

  // Material's breakpoints: the drawer is off screen below 76.25em, the search box below 60em.
  var DRAWER_SCREEN = window.matchMedia("(max-width: 76.1875em)");
  var SEARCH_SCREEN = window.matchMedia("(max-width: 59.984375em)");

  function sync() {
    var drawer = document.getElementById("__drawer");
    var search = document.getElementById("__search");
    var nav = document.querySelector(".md-sidebar--primary");
    var dialog = document.querySelector(".md-search");
    if (nav && drawer) nav.inert = DRAWER_SCREEN.matches && !drawer.checked;
    if (dialog && search) dialog.inert = SEARCH_SCREEN.matches && !search.checked;
  }

  /* On a phone the menu opens at the top level (首页, 品牌矩阵 … 工作体系, 新闻动态), not inside
     the current page's section, whose panel Material opens: its sections are closed when the
     drawer opens. Where the nav is a column the sections are always shown, so nothing changes. */
  function openAtTop() {
    var drawer = document.getElementById("__drawer");
    if (!drawer || !drawer.checked || !DRAWER_SCREEN.matches) return;
    Array.prototype.forEach.call(
      document.querySelectorAll(".md-sidebar--primary .md-nav__toggle:checked"),
      function (toggle) {
        if (toggle.id !== "__drawer") toggle.checked = false;
      }
    );
  }

  var drawerToggle = document.getElementById("__drawer");
  if (drawerToggle) drawerToggle.addEventListener("change", openAtTop);

  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle) toggle.addEventListener("change", sync);
  });
  [DRAWER_SCREEN, SEARCH_SCREEN].forEach(function (query) {
    if (query.addEventListener) query.addEventListener("change", sync);
  });
  if (typeof document$ !== "undefined") document$.subscribe(sync);
  sync();
})();
