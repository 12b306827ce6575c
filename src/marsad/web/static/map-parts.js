// Map parts shared by the live map, the incident page's small map and the entry form's map: the offline
// basemap (borders, governorates and districts, region outlines, rivers, place names by population and zoom),
// marker shapes and uncertainty circles. Names are drawn by MapLibre from the browser's own fonts (no glyph
// files), so they avoid each other and the incident marks. Page text only, never markup.
import { AttributionControl, Map, NavigationControl } from "/static/vendor/maplibre-gl/maplibre-gl.mjs";
import { t } from "/static/messages.js";

const SVG = "http://www.w3.org/2000/svg";
const COUNTRIES = "Borders: Natural Earth";
const FONT = ["Noto Sans Regular", "DejaVu Sans Book"];
const BOLD = ["Noto Sans Bold", "DejaVu Sans Bold"];
const ITALIC = ["Noto Sans Italic", "DejaVu Sans Oblique"];
const LANGUAGE = document.documentElement.lang || "en";
// Names in the page's language where the basemap has them (a region's label_ar, label_ku, label_ckb; a place's
// or district's name_ar…), else as the basemap writes them.
const LOCAL_LABEL = ["coalesce", ["get", `label_${LANGUAGE}`], ["get", "label"]];
const LOCAL_NAME = ["coalesce", ["get", `name_${LANGUAGE}`], ["get", "name"]];

export function regionLabel(properties) {
  return properties[`label_${LANGUAGE}`] || properties.label;
}

function localName(properties) {
  return properties[`name_${LANGUAGE}`] || properties.name;
}
const WATER = "#4a90c2";
const HALO = { "text-halo-color": "rgba(255,255,255,0.9)", "text-halo-width": 1.4 };
// Where a place's name may go, in order: beside its dot, else farther out, clear of a group of marks on it.
const NAME_POSITIONS = ["left", [0.6, 0], "right", [-0.6, 0], "top", [0, 0.5], "bottom", [0, -0.5],
  "left", [2.1, 0], "right", [-2.1, 0], "top", [0, 1.7], "bottom", [0, -1.7]];
let basemapData = null;

// The basemap's layers and credits, fetched once per page.
export function basemap() {
  basemapData ||= fetch("/api/v1/basemap.geojson").then((r) => r.json());
  return basemapData;
}

// A map on `container`, over raster tiles when the server is configured with a tile URL (data-tiles).
export function createMap(container, options) {
  const sources = {};
  const layers = [{ id: "background", type: "background", paint: { "background-color": "#dbe4e8" } }];
  if (container.dataset.tiles) {
    sources.tiles = { type: "raster", tiles: [container.dataset.tiles], tileSize: 256,
      attribution: container.dataset.tileAttribution };
    layers.push({ id: "tiles", type: "raster", source: "tiles" });
  }
  const map = new Map({ container, style: { version: 8, sources, layers }, attributionControl: false, ...options });
  map.addControl(new NavigationControl({ showCompass: false }));
  return map;
}

// Fit the monitored area (from the basemap's bounds), or the box given, with a margin that suits the screen.
export async function fitMonitored(map, bbox, animate = false) {
  const [west, south, east, north] = bbox || (await basemap()).bbox;
  const small = map.getContainer().clientWidth < 500;
  map.fitBounds([[west, south], [east, north]], { padding: small ? 8 : 24, animate });
}

export async function addBasemap(map) {
  const [countries, layers] = await Promise.all([
    fetch("/static/vendor/basemap.geojson").then((r) => r.json()),
    basemap(),
  ]);
  const online = Boolean(map.getContainer().dataset.tiles);
  const layer = (name) => ["==", ["get", "layer"], name];
  const compact = map.getContainer().clientWidth < 480; // a phone folds the credits behind (i); others show them
  map.addControl(new AttributionControl({ compact, customAttribution: [COUNTRIES, ...layers.credits].join(" · ") }));
  map.getContainer().querySelector(".maplibregl-compact-show")?.classList.remove("maplibregl-compact-show");
  map.addSource("countries", { type: "geojson", data: countries });
  map.addSource("basemap", { type: "geojson", data: layers, tolerance: 0.2 });
  if (!online) {
    map.addLayer({ id: "land", type: "fill", source: "countries", paint: { "fill-color": "#eef0ec" } });
    map.addLayer({ id: "syria", type: "fill", source: "basemap", filter: layer("governorate"),
      paint: { "fill-color": "#fbfaf6" } });
  }
  map.addLayer({ id: "region-fill", type: "fill", source: "basemap", filter: layer("region"),
    paint: { "fill-color": ["get", "colour"], "fill-opacity": ["interpolate", ["linear"], ["zoom"], 6, 0.1, 10, 0.04] } });
  map.addLayer({ id: "districts", type: "line", source: "basemap", filter: layer("district"), minzoom: 5.5,
    paint: { "line-color": "#aab4b9", "line-width": ["interpolate", ["linear"], ["zoom"], 6, 0.4, 10, 1.2],
      "line-dasharray": [3, 2] } });
  map.addLayer({ id: "governorates", type: "line", source: "basemap", filter: layer("governorate"),
    paint: { "line-color": "#7d8b90", "line-width": ["interpolate", ["linear"], ["zoom"], 5, 0.8, 10, 2] } });
  map.addLayer({ id: "borders", type: "line", source: "countries",
    paint: { "line-color": "#6c7a80", "line-width": ["interpolate", ["linear"], ["zoom"], 5, 1, 10, 2.5] } });
  map.addLayer({ id: "region-line", type: "line", source: "basemap", filter: layer("region"),
    paint: { "line-color": ["get", "colour"], "line-width": ["interpolate", ["linear"], ["zoom"], 5, 1.2, 10, 2.5],
      "line-opacity": 0.8 } });
  const named = ["to-boolean", ["get", "name"]];
  map.addLayer({ id: "rivers", type: "line", source: "basemap", filter: layer("river"),
    layout: { "line-cap": "round", "line-join": "round" },
    paint: { "line-color": WATER,
      "line-width": ["interpolate", ["linear"], ["zoom"], 5, ["case", named, 1.2, 0.4], 10, ["case", named, 3.5, 1.2]],
      "line-dasharray": ["case", ["get", "approximate"], ["literal", [2, 1.5]], ["literal", [1, 0]]] } });
  map.addSource("uncertainty", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  map.addLayer({ id: "uncertainty-fill", type: "fill", source: "uncertainty",
    paint: { "fill-color": ["get", "colour"], "fill-opacity": 0.12 } });
  map.addLayer({ id: "uncertainty-line", type: "line", source: "uncertainty",
    paint: { "line-color": ["get", "colour"], "line-width": 1.5, "line-dasharray": [2, 2] } });
  addLabels(map, layer);
}

// Names: places by population (the largest placed first), rivers along their course, districts when close,
// regions at overview; all make way for the incident marks' footprints.
function addLabels(map, layer) {
  map.addImage("dot", dot(), { pixelRatio: 2 });
  map.addImage("footprint", new ImageData(2, 2), { pixelRatio: 2 }); // transparent: takes room, draws nothing
  map.addLayer({ id: "place-labels", type: "symbol", source: "basemap",
    filter: ["all", layer("place"), [">=", ["zoom"], ["get", "minzoom"]]],
    layout: { "icon-image": "dot", "icon-size": ["step", ["get", "population"], 0.8, 20000, 1, 100000, 1.3],
      "text-field": LOCAL_NAME, "text-font": ["step", ["get", "population"], ["literal", FONT], 100000, ["literal", BOLD]],
      "text-size": ["step", ["get", "population"], 11, 20000, 12, 100000, 13.5],
      "text-variable-anchor-offset": NAME_POSITIONS, "text-justify": "auto",
      "symbol-sort-key": ["-", 0, ["get", "population"]], "icon-allow-overlap": true, "icon-ignore-placement": true },
    paint: { "text-color": "#233240", ...HALO } });
  map.addLayer({ id: "river-labels", type: "symbol", source: "basemap", minzoom: 6,
    filter: ["all", layer("river"), ["to-boolean", ["get", "name"]]],
    layout: { "symbol-placement": "line", "text-field": ["get", "name"], "text-font": ["literal", ITALIC],
      "text-size": 12, "symbol-spacing": 350, "text-letter-spacing": 0.1 },
    paint: { "text-color": "#2f6f9f", ...HALO } });
  map.addLayer({ id: "district-labels", type: "symbol", source: "basemap", minzoom: 8, filter: layer("district-label"),
    layout: { "text-field": ["upcase", LOCAL_NAME], "text-font": ["literal", FONT], "text-size": 10.5,
      "text-letter-spacing": 0.12 },
    paint: { "text-color": "#6c7a80", ...HALO } });
  map.addLayer({ id: "region-labels", type: "symbol", source: "basemap", maxzoom: 8, filter: layer("region-label"),
    layout: { "text-field": LOCAL_LABEL, "text-font": ["literal", BOLD], "text-size": 14,
      "text-letter-spacing": LANGUAGE === "en" || LANGUAGE === "ku" ? 0.05 : 0,
      "text-variable-anchor": ["center", "top", "bottom", "left", "right"], "text-radial-offset": 1.6 },
    paint: { "text-color": ["get", "colour"], ...HALO, "text-halo-width": 2 } });
  // the marks' footprints, topmost: MapLibre places the top layer's symbols first, the names then avoid them
  map.addSource("footprints", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  map.addLayer({ id: "footprints", type: "symbol", source: "footprints",
    layout: { "icon-image": "footprint", "icon-size": ["get", "size"], "icon-allow-overlap": true } });
}

// What the map shows, in words, for screen readers (the canvas itself says nothing): the names drawn in view.
export function describeView(map, element) {
  const named = (layer, pick = (properties) => properties.name) =>
    [...new Set(map.queryRenderedFeatures({ layers: [layer] })
      .map((feature) => pick(feature.properties)).filter(Boolean))];
  const update = () => {
    const parts = [[t("regions"), named("region-labels", regionLabel)],
      [t("district boundaries"), named("districts")],
      [t("rivers"), named("river-labels")], [t("places"), named("place-labels", localName)]]
      .filter(([, names]) => names.length);
    element.textContent = parts.length
      ? t("On the map: {parts}.", { parts: parts.map(([kind, names]) => `${kind} ${names.join(", ")}`).join("; ") }) : "";
  };
  let pending = null;
  map.on("render", () => { // once the map has stopped drawing (names are placed over several frames)
    clearTimeout(pending);
    pending = setTimeout(update, 300);
  });
}

// Room the incident marks take, so names are placed beside them rather than under them.
export function setFootprints(map, marks) {
  map.getSource("footprints")?.setData({ type: "FeatureCollection", features: marks.map(({ longitude, latitude, px }) => ({
    type: "Feature", geometry: { type: "Point", coordinates: [longitude, latitude] }, properties: { size: px },
  })) });
}

function dot() {
  const size = 12;
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext("2d");
  context.beginPath();
  context.arc(size / 2, size / 2, size / 2 - 2, 0, 2 * Math.PI);
  context.fillStyle = "#233240";
  context.fill();
  context.lineWidth = 2;
  context.strokeStyle = "#ffffff";
  context.stroke();
  return context.getImageData(0, 0, size, size);
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
