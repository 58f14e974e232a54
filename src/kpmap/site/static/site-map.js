// The map: Finland's outline, regions and municipal borders always; the visible cities as their
// municipality's area in programme colour, or as circles by population. Each city's shape is made once,
// with the classes `kpmap-city kpmap-city-<kuntanumero>` (Leaflet sets a path's classes only when it
// creates it); a filter change only adds, removes and restyles those shapes.
"use strict";

window.kpmap.createMap = function (container, handlers) {
  const { config, data, el, cityName, shownProgrammes, byProgramme, readBlock } = window.kpmap;
  const areas = readBlock("kpmap-areas");
  const drawing = config.drawing;
  const map = L.map(container, { zoomSnap: 0.5, minZoom: 4, maxZoom: 12 });
  // Leaflet's own prefix carries a flag drawn with inline styles, which the page's CSP refuses.
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  L.control.scale({ imperial: false }).addTo(map);
  if (config.tiles) {
    L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 19 }).addTo(map);
  } else {
    container.classList.add("kpmap-no-tiles");
  }
  for (const [name, zIndex] of [["kpmap-base", 350], ["kpmap-areas", 400], ["kpmap-circles", 450]]) {
    map.createPane(name).style.zIndex = String(zIndex);
  }
  // The base map as the app draws it (kpmap.mapview.BASE_STYLES), bottom to top, on one canvas.
  const base = { pane: "kpmap-base", interactive: false, renderer: L.canvas({ pane: "kpmap-base" }) };
  L.geoJSON(areas.municipalities, { ...base, style: drawing.base.municipalities }).addTo(map);
  const regionLayers = new Map();
  L.geoJSON(areas.regions, {
    ...base,
    style: drawing.base.regions,
    onEachFeature: (feature, layer) => regionLayers.set(feature.properties.region, layer),
  }).addTo(map);
  L.geoJSON(areas.outline, { ...base, style: drawing.base.outline }).addTo(map);
  addStripes();
  const WholeFinland = L.Control.extend({
    options: { position: "topleft" },
    onAdd: () => {
      // A change of language sets its texts with the page's other texts (data-text, data-label).
      const lang = handlers.view().lang;
      const attributes = { type: "button", class: "kpmap-whole-finland", "data-text": "whole_finland" };
      const button = el("button", { ...attributes, "data-label": "whole_finland_label" }, window.kpmap.t(lang, "whole_finland"));
      button.setAttribute("aria-label", window.kpmap.t(lang, "whole_finland_label"));
      L.DomEvent.disableClickPropagation(button);
      button.addEventListener("click", () => showAll());
      return button;
    },
  });
  new WholeFinland().addTo(map);

  const areaOf = new Map(areas.municipalities.features.map((f) => [f.properties.id, f]));
  const groups = { areas: L.layerGroup().addTo(map), circles: L.layerGroup() };
  // Each city's shape in each mode, made when first needed (kuntanumero -> {areas, circles}).
  const shapes = new Map(data.cities.map((city) => [city.id, {}]));
  const makers = {
    areas: (city, options) => L.GeoJSON.geometryToLayer(areaOf.get(city.id), { ...options, pane: "kpmap-areas" }),
    circles: (city, options) => L.circleMarker([city.lat, city.lon], { ...options, pane: "kpmap-circles", radius: city.radius }),
  };

  function shapeOf(city, mode) {
    const made = shapes.get(city.id);
    if (!made[mode]) {
      const layer = makers[mode](city, { className: "kpmap-city kpmap-city-" + city.id });
      layer.bindTooltip(() => tooltip(city), { sticky: false });
      layer.on("click", () => handlers.select(city.id));
      // Under the pointer, a dark outline (kpmap.mapview.HIGHLIGHT); then its own look again.
      layer.on("mouseover", () => layer.setStyle(drawing.highlight));
      layer.on("mouseout", () => layer.setStyle(JSON.parse(layer.kpmapStyle)));
      made[mode] = layer;
    }
    return made[mode];
  }

  function tooltip(city) {
    const lang = handlers.view().lang;
    const lines = [el("strong", {}, cityName(lang, city))];
    for (const id of shownProgrammes(city, handlers.view())) {
      const programme = byProgramme.get(id);
      const swatch = el("span", { "aria-hidden": "true" }, "● ");
      swatch.style.color = programme.colour;
      lines.push(el("br"), swatch, programme.short_name[lang]);
    }
    return el("div", {}, lines);
  }

  // The striped fills of a city in two programmes, as the app's map has them (kpmap.mapview.stripe_patterns).
  function addStripes() {
    const svgElement = (tag, attributes) => {
      const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
      for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
      return node;
    };
    const defs = svgElement("defs", {});
    for (const pattern of drawing.stripes) {
      const node = svgElement("pattern", pattern.attributes);
      node.append(...pattern.rects.map((rect) => svgElement("rect", rect)));
      defs.append(node);
    }
    const svg = svgElement("svg", { "aria-hidden": "true", class: "kpmap-stripes" });
    svg.append(defs);
    document.body.append(svg);
  }

  // The rules of kpmap.mapview's _area_style and _circle_style, with its values: an area in its programme's
  // colour, striped in both for a city in two; a circle ringed in the second programme's colour; the
  // selected city outlined in black.
  function style(city, view, mode) {
    const shown = shownProgrammes(city, view);
    const colours = shown.map((id) => byProgramme.get(id).colour);
    const selected = city.id === view.city;
    if (mode === "areas") {
      const fillColor = shown.length > 1 ? "url(#" + drawing.stripesPrefix + shown.join("-") + ")" : colours[0];
      const color = selected ? drawing.selectedRing : drawing.singleRing;
      return { ...drawing.shape, fillColor, color, weight: selected ? drawing.selectedAreaWeight : drawing.areaWeight };
    }
    const color = selected ? drawing.selectedRing : colours[1] || drawing.singleRing;
    const weight = selected || colours.length > 1 ? drawing.ringWeight : drawing.circleWeight;
    return { ...drawing.shape, fillColor: colours[0], color, weight };
  }

  function update(view, visible) {
    const shown = new Set(visible.map((c) => c.id));
    for (const mode of config.showModes) {
      const active = mode === view.show;
      if (active !== map.hasLayer(groups[mode])) active ? groups[mode].addTo(map) : groups[mode].remove();
    }
    const group = groups[view.show];
    let added = false;
    for (const city of data.cities) {
      const layer = shapeOf(city, view.show);
      if (!shown.has(city.id)) {
        group.removeLayer(layer);
        continue;
      }
      // Restyle only what changed: each new style makes the browser lay out and paint the path again.
      const wanted = style(city, view, view.show);
      const key = JSON.stringify(wanted);
      if (layer.kpmapStyle !== key) {
        layer.setStyle(wanted);
        layer.kpmapStyle = key;
      }
      if (!group.hasLayer(layer)) {
        group.addLayer(layer);
        added = true;
      }
    }
    // An added shape lands on top: restore the drawing order (largest first, small towns on top).
    if (added) for (const city of visible) shapeOf(city, view.show).bringToFront();
    if (shown.has(view.city)) shapeOf(window.kpmap.byCity.get(view.city), view.show).bringToFront();
  }

  // All of Finland, the far north of Lapland included: the view the map opens on.
  function showAll() {
    map.fitBounds(areas.bounds, { padding: [drawing.fitPadding, drawing.fitPadding] });
  }

  function showRegion(region) {
    const layer = regionLayers.get(region);
    layer ? map.fitBounds(layer.getBounds(), { padding: [drawing.fitPadding, drawing.fitPadding] }) : showAll();
  }

  function showCity(id) {
    const city = window.kpmap.byCity.get(id);
    if (city) map.setView([city.lat, city.lon], drawing.cityZoom);
  }

  return { map, update, showAll, showRegion, showCity };
};
