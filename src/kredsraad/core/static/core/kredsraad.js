// Progressive enhancement only: every page works without this file.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) event.detail.headers["X-CSRFToken"] = token.value;
});

// The header's drawer below 992 px and the »Mere« overflow of the menu above it: DKFDS's own
// navigation (focus kept in the open drawer, Escape and the overlay close it). The menu and close
// controls are links to #menu and #, which open and close the drawer without JavaScript (CSS
// :target); here DKFDS toggles it, so the address must not change.
if (window.DKFDS) {
  new window.DKFDS.Navigation().init();
  for (const control of document.querySelectorAll(".js-menu-open, .js-menu-close")) {
    control.addEventListener("click", (event) => event.preventDefault());
  }
  const nav = document.querySelector(".navigation-menu .nav[data-more-label]");
  const more = document.querySelector(".navigation-menu .more-button span");
  if (nav && more) more.textContent = nav.dataset.moreLabel;
}

// Stacked tables (below 768 or 992 px) label each cell with its column's header: dkfds.js copies
// the header into data-title, on load and again for a table that HTMX swaps in (an outerHTML
// swap replaces its target, so the whole page is looked over; labelled cells keep theirs).
function labelStackedTables() {
  if (!window.DKFDS) return;
  const tables = document.querySelectorAll(
    "table.table-sm-responsive-headers, table.table-md-responsive-headers",
  );
  for (const table of tables) new window.DKFDS.ResponsiveTable(table);
}
labelStackedTables();
document.addEventListener("htmx:afterSettle", labelStackedTables);
