// The map: Finland's outline, regions and municipal borders always; the visible cities as their
// municipality's area in programme colour, or as circles by population. Each city's shape is made once,
// with the classes `kpmap-city kpmap-city-<kuntanumero>` (Leaflet sets a path's classes only when it
// creates it); a filter change only adds, removes and restyles those shapes.
"use strict";

window.kpmap.createMap = function (container, handlers) {
  const { config, data, el, cityName, shownProgrammes, byProgramme, readBlock } = window.kpmap;
  const areas = readBlock("kpmap-areas");
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
  const base = { pane: "kpmap-base", interactive: false };
  const land = config.tiles ? { fill: false } : { fillColor: "#f6f4ef", fillOpacity: 1 };
  L.geoJSON(areas.outline, { ...base, style: { color: "#5b5b5b", weight: 1.2, ...land } }).addTo(map);
  L.geoJSON(areas.municipalities, { ...base, style: { color: "#9a9a9a", weight: 0.5, fill: false } }).addTo(map);
  const regionLayers = new Map();
  L.geoJSON(areas.regions, {
    ...base,
    style: { color: "#595959", weight: 1.4, fill: false },
    onEachFeature: (feature, layer) => regionLayers.set(feature.properties.region, layer),
  }).addTo(map);

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

  // Fill in the first shown programme's colour; a second shown programme is the outline (Salo), and
  // the selected city has a black one.
  function style(city, view, mode) {
    const colours = shownProgrammes(city, view).map((id) => byProgramme.get(id).colour);
    const selected = city.id === view.city;
    const ring = selected ? config.selectedRing : colours[1] || (mode === "areas" ? "#3d3d3d" : config.singleRing);
    const weight = selected || colours.length > 1 ? (mode === "areas" ? 3.5 : 4) : mode === "areas" ? 0.8 : 1.5;
    return { fillColor: colours[0], fillOpacity: mode === "areas" ? 0.8 : 0.85, color: ring, weight, opacity: 1 };
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

  // The whole of Finland: the outline's bounds (kpmap.site.build.finland_bounds).
  function showAll() {
    map.fitBounds(areas.bounds, { padding: [12, 12] });
  }

  function showRegion(region) {
    const layer = regionLayers.get(region);
    layer ? map.fitBounds(layer.getBounds(), { padding: [12, 12] }) : showAll();
  }

  function showCity(id) {
    const city = window.kpmap.byCity.get(id);
    if (city) map.setView([city.lat, city.lon], config.cityZoom);
  }

  return { map, update, showAll, showRegion, showCity };
};
