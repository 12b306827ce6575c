// Map parts shared by the live map and the incident page's small map: the offline basemap (country borders,
// region outlines, place names), marker shapes and uncertainty circles. Page text only, never markup.
import { Map, Marker, NavigationControl } from "/static/vendor/maplibre-gl/maplibre-gl.mjs";

const SVG = "http://www.w3.org/2000/svg";
const ATTRIBUTION = "Borders: Natural Earth · Places: GeoNames, UCDP GED, OpenSyria (CC BY 4.0) · Region outlines approximate";

// A map on `container`, over raster tiles when the server is configured with a tile URL (data-tiles).
export function createMap(container, options) {
  const sources = {};
  const layers = [{ id: "background", type: "background", paint: { "background-color": "#dbe7ee" } }];
  if (container.dataset.tiles) {
    sources.tiles = { type: "raster", tiles: [container.dataset.tiles], tileSize: 256,
      attribution: container.dataset.tileAttribution };
    layers.push({ id: "tiles", type: "raster", source: "tiles" });
  }
  const map = new Map({ container, style: { version: 8, sources, layers },
    attributionControl: { customAttribution: ATTRIBUTION }, ...options });
  map.addControl(new NavigationControl());
  return map;
}

export async function addBasemap(map) {
  const [countries, outlines] = await Promise.all([
    fetch("/static/vendor/basemap.geojson").then((r) => r.json()),
    fetch("/api/v1/regions.geojson").then((r) => r.json()),
  ]);
  const online = Boolean(map.getContainer().dataset.tiles);
  map.addSource("countries", { type: "geojson", data: countries });
  if (!online) {
    map.addLayer({ id: "land", type: "fill", source: "countries",
      paint: { "fill-color": ["case", ["==", ["get", "name"], "Syria"], "#fbfaf6", "#eef0ec"] } });
  }
  map.addLayer({ id: "borders", type: "line", source: "countries", paint: { "line-color": "#8c9a9e", "line-width": 1 } });
  map.addSource("regions", { type: "geojson", data: outlines });
  const isRegion = ["==", ["get", "kind"], "region"];
  map.addLayer({ id: "region-fill", type: "fill", source: "regions", filter: isRegion,
    paint: { "fill-color": ["get", "colour"], "fill-opacity": 0.1 } });
  map.addLayer({ id: "region-line", type: "line", source: "regions", filter: isRegion,
    paint: { "line-color": ["get", "colour"], "line-width": 1 } });
  map.addSource("uncertainty", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  map.addLayer({ id: "uncertainty-fill", type: "fill", source: "uncertainty",
    paint: { "fill-color": ["get", "colour"], "fill-opacity": 0.12 } });
  map.addLayer({ id: "uncertainty-line", type: "line", source: "uncertainty",
    paint: { "line-color": ["get", "colour"], "line-width": 1.5, "line-dasharray": [2, 2] } });
  placeLabels(map, outlines.features.filter((feature) => feature.properties.kind === "place"));
}

// Place names as page text (no font files to download): the largest towns first, the rest when zoomed in.
function placeLabels(map, places) {
  const labels = places.map((place) => {
    const element = text("span", place.properties.name);
    element.className = "place-label";
    element.dir = "auto";
    const marker = new Marker({ element, anchor: "left", offset: [4, 0] }).setLngLat(place.geometry.coordinates);
    return { marker, population: place.properties.population || 0 };
  });
  const show = () => {
    const zoom = map.getZoom();
    const least = zoom >= 9 ? 0 : zoom >= 7.5 ? 20000 : zoom >= 6 ? 100000 : Infinity;
    for (const { marker, population } of labels) {
      if (population >= least) marker.addTo(map);
      else marker.remove();
    }
  };
  show();
  map.on("zoomend", show);
}

export function text(tag, content) {
  const element = document.createElement(tag); // textContent only: user text never becomes markup
  element.textContent = content;
  return element;
}

// A marker's shape (from the type's vocabulary entry); hollow and dashed when the place is approximate.
export function shape(marker, colour, hollow) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  const outlines = {
    triangle: ["polygon", { points: "8,1.5 15,14.5 1,14.5" }],
    diamond: ["polygon", { points: "8,0.8 15.2,8 8,15.2 0.8,8" }],
    square: ["rect", { x: 2, y: 2, width: 12, height: 12 }],
    circle: ["circle", { cx: 8, cy: 8, r: 6.5 }],
  };
  const [tag, attributes] = outlines[marker] || outlines.circle;
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.setAttribute("fill", hollow ? "#ffffff" : colour);
  element.setAttribute("fill-opacity", hollow ? "0.75" : "1");
  element.setAttribute("stroke", hollow ? colour : "#ffffff");
  element.setAttribute("stroke-width", hollow ? "2.2" : "1.5");
  if (hollow) element.setAttribute("stroke-dasharray", "3 1.6");
  svg.append(element);
  return svg;
}

// A polygon of radius_km around a point, for the uncertainty of an approximate location.
export function circle(longitude, latitude, km, properties) {
  const points = [];
  const dLat = km / 110.574;
  const dLon = km / (111.32 * Math.cos((latitude * Math.PI) / 180));
  for (let step = 0; step <= 48; step += 1) {
    const angle = (step / 48) * 2 * Math.PI;
    points.push([longitude + dLon * Math.cos(angle), latitude + dLat * Math.sin(angle)]);
  }
  return { type: "Feature", geometry: { type: "Polygon", coordinates: [points] }, properties };
}
