// SPDX-License-Identifier: EUPL-1.2
// Draws the portal's charts. Every chart is a <figure data-chart-spec="{Vega-Lite JSON}"> next to
// a table of the same values: without JavaScript (or when drawing fails) the table is the view.
// Runs under the portal's Content-Security-Policy without 'unsafe-eval': vega-embed is asked
// for the AST and vega's expression interpreter (ast: true), and for no injected styles.
(function () {
  "use strict";

  function download(name, url) {
    var link = document.createElement("a");
    link.href = url;
    link.download = name + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function addPngButton(figure, view) {
    var name = figure.getAttribute("data-chart-name") || "grafiek";
    var target = document.querySelector('[data-chart-downloads="' + name + '"]');
    var button = document.createElement("button");
    button.type = "button";
    button.className = "utrecht-button utrecht-button--secondary-action chart__png";
    button.textContent = figure.getAttribute("data-png-label") || "PNG";
    button.addEventListener("click", function () {
      view.toImageURL("png", 2).then(function (url) {
        download(name, url);
      });
    });
    if (target) {
      target.appendChild(document.createTextNode(" "));
      target.appendChild(button);
    } else {
      figure.appendChild(button);
    }
  }

  function draw(figure) {
    var canvas = figure.querySelector(".chart__canvas");
    if (!canvas || typeof window.vegaEmbed !== "function") {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(figure.getAttribute("data-chart-spec"));
    } catch (error) {
      return;
    }
    canvas.hidden = false;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", figure.getAttribute("data-chart-label") || "");
    window
      .vegaEmbed(canvas, spec, {
        renderer: "canvas",
        actions: false,
        ast: true,
        defaultStyle: false,
        tooltip: false,
      })
      .then(function (result) {
        figure.classList.add("chart--drawn");
        addPngButton(figure, result.view);
      })
      .catch(function () {
        canvas.hidden = true; // the table next to it still shows every value
      });
  }

  function drawAll() {
    var figures = document.querySelectorAll("figure[data-chart-spec]:not(.chart--drawn)");
    Array.prototype.forEach.call(figures, draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
  // Dashboard filters swap the results in place (htmx): draw the charts that came in.
  document.addEventListener("htmx:afterSettle", drawAll);
})();
