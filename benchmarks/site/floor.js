// The least a static Leaflet page does to show the same map: Finland's outline, regions and municipal
// borders, each city's area in its programme's colour, and one checkbox that hides a programme. It opens
// on the same view as the site: Finland's outline's bounds.
"use strict";

(function () {
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const areas = read("areas");
  const cities = read("cities");
  const tiles = read("tiles");
  const map = L.map("map", { zoomSnap: 0.5 });
  if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
  const base = { interactive: false };
  L.geoJSON(areas.outline, { ...base, style: { color: "#5b5b5b", weight: 1.2, fill: false } }).addTo(map);
  L.geoJSON(areas.municipalities, { ...base, style: { color: "#9a9a9a", weight: 0.5, fill: false } }).addTo(map);
  L.geoJSON(areas.regions, { ...base, style: { color: "#595959", weight: 1.4, fill: false } }).addTo(map);
  const shapes = new Map(areas.municipalities.features.map((f) => [f.properties.id, f]));
  const group = L.layerGroup().addTo(map);
  const layers = cities.map((city) => ({
    city,
    layer: L.geoJSON(shapes.get(city.id), { style: { fillColor: city.colour, fillOpacity: 0.8, color: "#3d3d3d", weight: 0.8 } }),
  }));
  const box = document.getElementById("growth");
  function draw() {
    for (const { city, layer } of layers) {
      const shown = box.checked || city.programmes.some((p) => p !== "growth");
      shown ? group.addLayer(layer) : group.removeLayer(layer);
    }
  }
  box.addEventListener("change", draw);
  draw();
  map.fitBounds(areas.bounds, { padding: [12, 12] }); // the whole of Finland, as the site opens
})();
