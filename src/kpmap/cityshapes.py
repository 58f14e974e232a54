"""The map's city layer as one Leaflet GeoJSON layer, built to be cheap: the page builds it on every
script run, and a process serves many visitors' runs.

folium.GeoJson draws the same, but on each run it serialises the shapes twice, and branca then compiles
the ~100 KB script that results as a Jinja template before using it as plain text (kpmap.mapscript):
together about half of a filter change's CPU time (benchmarks/README.md, "One process"). Here a run
serialises each visible city's few properties once, the script goes to the page as ready text, and a
member area's shape travels only with a session's first layer: after that the map's frame holds every
municipality's shape (from its base layers, kpmap.mapview), and the layer takes them from there.

What the browser gets matches folium's layer: each shape styled by its look (the looks are sent once
each, cities that look alike share one), the classes `kpmap-city kpmap-city-<kuntanumero>` set as
Leaflet makes the shape, a dark outline under the pointer, and the tooltip (HTML made and escaped by
kpmap.mapview). st_folium's own click handling reads the feature's properties.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Template

from kpmap.mapscript import ScriptElement, to_json


class CityShapes(ScriptElement):
    """The visible cities' shapes (areas or circles), styled, classed, highlighted and with tooltips."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var looks = {{ this.looks }};
            var lookOf = {{ this.look_of }};
            function look(feature) { return looks[lookOf[feature.id]]; }
            var layer = L.geoJson(null, {
                style: look,
                pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, look(feature)); },
                onEachFeature: function (feature, shape) {
                    shape.options.className = {{ this.class_prefix }} + feature.id;
                    shape.on({
                        mouseover: function (event) { event.target.setStyle({{ this.highlight }}); },
                        mouseout: function (event) { layer.resetStyle(event.target); }
                    });
                }
            });
            var collection = {{ this.collection }};
            {%- if this.shared_shapes %}
            var areas = {{ this.shared_shapes }};
            {%- if this.send_shapes %}
            collection.features.forEach(function (feature) { areas.shapes[feature.id] = feature.geometry; });
            {%- endif %}
            var draw = function (shapes) {
                collection.features.forEach(function (feature) { feature.geometry = shapes[feature.id]; });
                layer.addData(collection);
            };
            var known = collection.features.every(function (feature) { return feature.id in areas.shapes; });
            known ? draw(areas.shapes) : areas.all.then(draw);
            {%- else %}
            layer.addData(collection);
            {%- endif %}
            layer.bindTooltip(function (shape) { return shape.feature.properties.tooltip; }, {sticky: false});
            return layer;
        })().addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        features: list[dict[str, Any]],
        looks: Mapping[str, dict[str, Any]],
        highlight: dict[str, Any],
        class_prefix: str,
        shared_shapes: str | None = None,
        send_shapes: bool = False,
    ) -> None:
        """features: GeoJSON features whose id is the city's number; looks: each feature's style, by id.

        shared_shapes: a global of the page, {shapes: geometries known by id, all: a promise of every
        geometry}. The features are drawn with their shapes from there: at once if all are known, else
        when all have come. Their own geometries are not sent, unless send_shapes: then they are
        drawn at once and left in `shapes` for the layers that follow."""
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "CityShapes"
        distinct: dict[tuple[tuple[str, Any], ...], int] = {}
        look_of = {}
        for feature in features:
            look = tuple(sorted(looks[feature["id"]].items()))
            look_of[feature["id"]] = distinct.setdefault(look, len(distinct))
        # One json.dumps for each whole structure: per feature, the encoder's set-up costs more than the work.
        self.looks = to_json([dict(look) for look in distinct])
        self.look_of = to_json(look_of)
        self.highlight = to_json(highlight)
        self.class_prefix = to_json(class_prefix)
        self.shared_shapes, self.send_shapes = shared_shapes, send_shapes
        shapes_elsewhere = shared_shapes is not None and not send_shapes
        sent = [{**feature, "geometry": None} for feature in features] if shapes_elsewhere else features
        self.collection = to_json({"type": "FeatureCollection", "features": sent})
