// SPDX-License-Identifier: EUPL-1.2
// The map page: gemeenten, wijken and buurten as GeoJSON layers on a plain background (no external
// tiles). Loaded as a static file so the Content-Security-Policy needs no inline scripts.
(function () {
  "use strict";

  var root = document.querySelector(".portal-map");
  if (!root || typeof maplibregl === "undefined") {
    return;
  }
  root.hidden = false;

  var LEVELS = ["gemeente", "wijk", "buurt"];
  var STYLE = {
    gemeente: { fill: "#00689e", opacity: 0.08, line: "#00385a", width: 2.5 },
    wijk: { fill: "#e17000", opacity: 0.06, line: "#a14c00", width: 1.5 },
    buurt: { fill: "#39870c", opacity: 0.05, line: "#275d08", width: 0.8 },
  };
  var data = root.dataset;
  var hover = root.querySelector("[data-hover]");

  function absolute(url) {
    // the map's worker fetches the sources and needs absolute URLs
    return new URL(url, window.location.href).toString();
  }

  var style = {
    version: 8,
    sources: {},
    layers: [{ id: "achtergrond", type: "background", paint: { "background-color": "#f4f4f1" } }],
  };
  LEVELS.forEach(function (level) {
    style.sources[level] = { type: "geojson", data: absolute(data["url" + level[0].toUpperCase() + level.slice(1)]), promoteId: "code" };
  });

  var options = { container: "kaart", style: style, attributionControl: false };
  var bounds = (data.bounds || "").split(",").map(Number);
  if (bounds.length === 4 && bounds.every(isFinite)) {
    options.bounds = [[bounds[0], bounds[1]], [bounds[2], bounds[3]]];
    options.fitBoundsOptions = { padding: 20 };
  } else {
    options.center = [5.3, 52.1];
    options.zoom = 7;
  }
  var map = new maplibregl.Map(options);
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));

  map.on("load", function () {
    // drawn bottom-up: buurten under wijken under gemeenten, so larger outlines stay visible
    LEVELS.slice().reverse().forEach(function (level) {
      var s = STYLE[level];
      var visible = document.getElementById("laag-" + level).checked ? "visible" : "none";
      map.addLayer({
        id: level + "-vlak", type: "fill", source: level, layout: { visibility: visible },
        paint: {
          "fill-color": s.fill,
          "fill-opacity": ["case", ["boolean", ["feature-state", "hover"], false], 0.35, s.opacity],
        },
      });
      map.addLayer({
        id: level + "-lijn", type: "line", source: level, layout: { visibility: visible },
        paint: { "line-color": s.line, "line-width": s.width },
      });
    });
  });

  root.querySelectorAll("input[data-layer]").forEach(function (input) {
    input.addEventListener("change", function () {
      var visibility = input.checked ? "visible" : "none";
      ["-vlak", "-lijn"].forEach(function (suffix) {
        if (map.getLayer(input.dataset.layer + suffix)) {
          map.setLayoutProperty(input.dataset.layer + suffix, "visibility", visibility);
        }
      });
    });
  });

  function topFeature(point) {
    var layers = LEVELS.slice().reverse().map(function (l) { return l + "-vlak"; })
      .filter(function (id) { return map.getLayer(id) && map.getLayoutProperty(id, "visibility") !== "none"; });
    var found = layers.length ? map.queryRenderedFeatures(point, { layers: layers }) : [];
    // the finest visible level wins: a buurt over its wijk over its gemeente
    for (var i = LEVELS.length - 1; i >= 0; i--) {
      for (var j = 0; j < found.length; j++) {
        if (found[j].source === LEVELS[i]) {
          return found[j];
        }
      }
    }
    return null;
  }

  var hovered = null;
  function setHover(feature) {
    if (hovered) {
      map.setFeatureState(hovered, { hover: false });
    }
    hovered = feature ? { source: feature.source, id: feature.id } : null;
    if (hovered) {
      map.setFeatureState(hovered, { hover: true });
    }
    hover.textContent = feature
      ? data["label" + feature.source[0].toUpperCase() + feature.source.slice(1)] + " " +
        feature.properties.name + " (" + feature.properties.code + ")"
      : "";
    map.getCanvas().style.cursor = feature ? "pointer" : "";
  }

  map.on("mousemove", function (event) { setHover(topFeature(event.point)); });
  map.on("mouseout", function () { setHover(null); });

  map.on("click", function (event) {
    var feature = topFeature(event.point);
    if (!feature) {
      return;
    }
    var content = document.createElement("div");
    content.className = "portal-popup";
    var title = document.createElement("strong");
    title.textContent = feature.properties.name;
    var code = document.createElement("div");
    code.textContent = data["label" + feature.source[0].toUpperCase() + feature.source.slice(1)] + " " + feature.properties.code;
    var link = document.createElement("a");
    link.href = data.areaUrl.replace("CODE", encodeURIComponent(feature.properties.code));
    link.textContent = data.labelOpen;
    content.append(title, code, link);
    new maplibregl.Popup({ maxWidth: "18rem" }).setLngLat(event.lngLat).setDOMContent(content).addTo(map);
  });
})();
