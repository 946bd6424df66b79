// SPDX-License-Identifier: EUPL-1.2
// The map page. With a chosen indicator (data-geojson): a choropleth of its values per area,
// coloured by the class computed on the server, suppressed areas hatched, a tooltip on hover,
// a click opens the area profile, and focusing a row of the table highlights its area. Without
// published indicators: the outlines of gemeenten, wijken and buurten. No external tiles unless
// the workspace configures a base map (data-basemap, a style URL of the portal's own origin).
// A static file, so the Content-Security-Policy needs no inline scripts.
(function () {
  "use strict";

  var root = document.querySelector(".portal-map");
  if (!root || typeof maplibregl === "undefined") {
    return;
  }
  root.hidden = false;
  var data = root.dataset;
  var hover = root.querySelector("[data-hover]");

  function absolute(url) {
    // the map's worker fetches the sources and needs absolute URLs
    return new URL(url, window.location.href).toString();
  }

  function areaUrl(code) {
    return data.areaUrl.replace("CODE", encodeURIComponent(code));
  }

  function createMap() {
    var style = data.basemap
      ? absolute(data.basemap)
      : {
          version: 8,
          sources: {},
          layers: [{ id: "achtergrond", type: "background", paint: { "background-color": "#f4f4f1" } }],
        };
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
    window.stuurdataKaart = map; // for the browser tests
    map.once("idle", function () { root.dataset.ready = "true"; });
    return map;
  }

  // Diagonal hatching for suppressed areas, drawn at run time (no image file to fetch).
  function hatch(size) {
    var pixels = new Uint8Array(size * size * 4);
    for (var y = 0; y < size; y++) {
      for (var x = 0; x < size; x++) {
        var line = (x + y) % size < 2;
        var i = (y * size + x) * 4;
        pixels[i] = line ? 75 : 212;
        pixels[i + 1] = line ? 75 : 212;
        pixels[i + 2] = line ? 75 : 212;
        pixels[i + 3] = 255;
      }
    }
    return { width: size, height: size, data: pixels };
  }

  function choropleth() {
    var map = createMap();
    var rows = {};
    document.querySelectorAll(".portal-map-table tr[data-code]").forEach(function (row) {
      rows[row.dataset.code] = row;
    });
    var popup = new maplibregl.Popup({
      closeButton: false, closeOnClick: false, className: "portal-map__tooltip", maxWidth: "20rem",
    });
    var active = null;

    function show(code, properties, lngLat) {
      if (active) {
        map.setFeatureState({ source: "waarden", id: active }, { hover: false });
        if (rows[active]) { delete rows[active].dataset.active; }
      }
      active = code;
      if (!code) {
        popup.remove();
        map.getCanvas().style.cursor = "";
        return;
      }
      map.setFeatureState({ source: "waarden", id: code }, { hover: true });
      if (rows[code]) { rows[code].dataset.active = "true"; }
      var text = properties.name + " (" + code + "): " + properties.text;
      hover.textContent = text;
      if (lngLat) {
        var content = document.createElement("div");
        var name = document.createElement("strong");
        name.textContent = properties.name;
        var value = document.createElement("div");
        value.textContent = properties.text;
        content.append(name, value);
        popup.setLngLat(lngLat).setDOMContent(content).addTo(map);
      }
    }

    map.on("load", function () {
      map.addImage("arcering", hatch(8), { pixelRatio: 1 });
      map.addSource("waarden", { type: "geojson", data: absolute(data.geojson), promoteId: "code" });
      map.addLayer({
        id: "waarden-vlak", type: "fill", source: "waarden",
        paint: { "fill-color": ["get", "colour"], "fill-opacity": 0.9 },
      });
      map.addLayer({
        id: "waarden-geheim", type: "fill", source: "waarden",
        filter: ["==", ["get", "suppressed"], true],
        paint: { "fill-pattern": "arcering" },
      });
      map.addLayer({
        id: "waarden-lijn", type: "line", source: "waarden",
        paint: {
          "line-color": ["case", ["boolean", ["feature-state", "hover"], false], "#000000", "#4b4b4b"],
          "line-width": ["case", ["boolean", ["feature-state", "hover"], false], 3, 0.6],
        },
      });
    });

    map.on("mousemove", "waarden-vlak", function (event) {
      var feature = event.features && event.features[0];
      if (feature) {
        map.getCanvas().style.cursor = "pointer";
        show(feature.properties.code, feature.properties, event.lngLat);
      }
    });
    map.on("mouseleave", "waarden-vlak", function () { show(null); });
    map.on("click", "waarden-vlak", function (event) {
      var feature = event.features && event.features[0];
      if (feature) {
        window.location.assign(areaUrl(feature.properties.code));
      }
    });

    // The table is the keyboard alternative: focusing (or pointing at) a row highlights its area.
    Object.keys(rows).forEach(function (code) {
      var row = rows[code];
      function highlight() {
        if (!map.getSource("waarden")) {
          return;
        }
        var header = row.querySelector("th");
        var cells = row.querySelectorAll("td");
        show(code, { name: header.textContent.trim(), text: cells[1].textContent.trim() }, null);
      }
      row.addEventListener("focusin", highlight);
      row.addEventListener("mouseenter", highlight);
    });
  }

  function outlines() {
    var LEVELS = ["gemeente", "wijk", "buurt"];
    var STYLE = {
      gemeente: { fill: "#00689e", opacity: 0.08, line: "#00385a", width: 2.5 },
      wijk: { fill: "#e17000", opacity: 0.06, line: "#a14c00", width: 1.5 },
      buurt: { fill: "#39870c", opacity: 0.05, line: "#275d08", width: 0.8 },
    };
    var map = createMap();
    function label(level) {
      return data["label" + level[0].toUpperCase() + level.slice(1)];
    }
    map.on("load", function () {
      // drawn bottom-up: buurten under wijken under gemeenten, so larger outlines stay visible
      LEVELS.slice().reverse().forEach(function (level) {
        var s = STYLE[level];
        var url = data["url" + level[0].toUpperCase() + level.slice(1)];
        map.addSource(level, { type: "geojson", data: absolute(url), promoteId: "code" });
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
      var layers = LEVELS.map(function (l) { return l + "-vlak"; })
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
        ? label(feature.source) + " " + feature.properties.name + " (" + feature.properties.code + ")"
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
      code.textContent = label(feature.source) + " " + feature.properties.code;
      var link = document.createElement("a");
      link.href = areaUrl(feature.properties.code);
      link.textContent = data.labelOpen;
      content.append(title, code, link);
      new maplibregl.Popup({ maxWidth: "18rem" }).setLngLat(event.lngLat).setDOMContent(content).addTo(map);
    });
  }

  if (data.geojson) {
    choropleth();
  } else {
    outlines();
  }
})();
