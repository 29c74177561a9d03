// Draws each statistics chart from its Vega-Lite specification (a JSON data script beside it)
// with vega-embed. Progressive enhancement: the table beside every chart holds the same
// figures, and the page works without this file.
//
// The site's CSP allows scripts and styles from 'self' only, so vega-embed must neither compile
// Vega expressions with `new Function` (ast: true evaluates them with vega-interpreter, which
// vega-embed's browser build carries) nor add a <style> element (defaultStyle: false, no
// actions menu, no vega-tooltip: the browser's own tooltip from the title attribute instead).
(() => {
  "use strict";
  if (typeof window.vegaEmbed !== "function") return;
  const locale = document.getElementById("vega-format-locale");
  const options = {
    actions: false,
    ast: true,
    defaultStyle: false,
    formatLocale: locale ? JSON.parse(locale.textContent) : undefined,
    renderer: "svg",
    tooltip: false,
  };
  const figures = document.querySelectorAll("[data-vega-spec]");
  if (figures.length) document.body.classList.add("charts-enabled");
  for (const figure of figures) {
    const spec = JSON.parse(document.getElementById(figure.dataset.vegaSpec).textContent);
    window
      .vegaEmbed(figure.querySelector(".chart-canvas"), spec, options)
      .then(() => figure.classList.add("chart-drawn"))
      .catch((error) => {
        figure.classList.add("chart-failed");
        console.warn("Diagrammet kunne ikke tegnes; tabellen viser tallene.", error);
      });
  }
})();
