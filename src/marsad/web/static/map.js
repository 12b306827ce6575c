// The live map: incidents grouped by the server for the view, marked by perpetrator (colour) and type (shape),
// drawn as a circle where the location is approximate. Every filter lives in the URL, the time slider's month
// too, so a view can be shared and reloaded.
import { Map, Marker, NavigationControl, Popup } from "/static/vendor/maplibre-gl/maplibre-gl.mjs";

const params = new URLSearchParams(window.location.search);
const container = document.getElementById("map");
const status = document.getElementById("map-status");
const months = JSON.parse(container.dataset.months || "[]");
const vocabularies = fetch("/api/v1/vocabularies").then((r) => r.json());
const SVG = "http://www.w3.org/2000/svg";
let markers = [];
let labels = [];
let requests = 0;

// ---- the map and its offline basemap ------------------------------------------------------------------

function baseStyle() {
  const sources = {};
  const layers = [{ id: "background", type: "background", paint: { "background-color": "#dbe7ee" } }];
  if (container.dataset.tiles) {
    sources.tiles = { type: "raster", tiles: [container.dataset.tiles], tileSize: 256,
      attribution: container.dataset.tileAttribution };
    layers.push({ id: "tiles", type: "raster", source: "tiles" });
  }
  return { version: 8, sources, layers };
}

const map = new Map({
  container,
  style: baseStyle(),
  center: [40.1, 35.9],
  zoom: 6,
  attributionControl: {
    customAttribution: "Borders: Natural Earth · Places: GeoNames (CC BY 4.0) · Region outlines approximate",
  },
});
map.addControl(new NavigationControl());

async function addBasemap() {
  const [countries, outlines] = await Promise.all([
    fetch("/static/vendor/basemap.geojson").then((r) => r.json()),
    fetch("/api/v1/regions.geojson").then((r) => r.json()),
  ]);
  const online = Boolean(container.dataset.tiles);
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
  placeLabels(outlines.features.filter((feature) => feature.properties.kind === "place"));
}

// Place names as page text (no font files to download): the largest towns first, the rest when zoomed in.
function placeLabels(places) {
  labels = places.map((place) => {
    const element = text("span", place.properties.name);
    element.className = "place-label";
    element.dir = "auto";
    const marker = new Marker({ element, anchor: "left", offset: [4, 0] }).setLngLat(place.geometry.coordinates);
    return { marker, population: place.properties.population || 0 };
  });
  showLabels();
  map.on("zoomend", showLabels);
}

function showLabels() {
  const zoom = map.getZoom();
  const least = zoom >= 9 ? 0 : zoom >= 7.5 ? 20000 : zoom >= 6 ? 100000 : Infinity;
  for (const { marker, population } of labels) {
    if (population >= least) marker.addTo(map);
    else marker.remove();
  }
}

// ---- helpers ------------------------------------------------------------------------------------------

function label(vocab, name, key) {
  const term = (vocab[name] || []).find((t) => t.key === key);
  return term ? term.label : key;
}

function text(tag, content) {
  const element = document.createElement(tag); // textContent only: user text never becomes markup
  element.textContent = content;
  return element;
}

// A marker's shape (from the type's vocabulary entry); hollow and dashed when the place is approximate.
function shape(marker, colour, hollow) {
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
function circle(longitude, latitude, km, properties) {
  const points = [];
  const dLat = km / 110.574;
  const dLon = km / (111.32 * Math.cos((latitude * Math.PI) / 180));
  for (let step = 0; step <= 48; step += 1) {
    const angle = (step / 48) * 2 * Math.PI;
    points.push([longitude + dLon * Math.cos(angle), latitude + dLat * Math.sin(angle)]);
  }
  return { type: "Feature", geometry: { type: "Polygon", coordinates: [points] }, properties };
}

// The filters the API is asked for: the time slider's month replaces the period's from and to.
function apiFilters() {
  const query = new URLSearchParams(params);
  query.delete("embed");
  if (query.has("month")) {
    query.delete("from");
    query.delete("to");
  }
  return query;
}

function noun(count) {
  const kinds = (params.get("kind") || "").split(",").filter(Boolean);
  const word = kinds.length === 1 && ["attack", "raid"].includes(kinds[0]) ? kinds[0] : "incident";
  return `${count.toLocaleString("en")} ${word}${count === 1 ? "" : "s"}`;
}

// ---- incidents ----------------------------------------------------------------------------------------

async function showIncident(cluster) {
  const [incident, vocab] = await Promise.all([
    fetch(`/api/v1/incidents/${encodeURIComponent(cluster.id)}`).then((r) => r.json()),
    vocabularies,
  ]);
  const box = document.createElement("div");
  box.className = "popup";
  const who = `${label(vocab, "actors", incident.perpetrator)} (${label(vocab, "attributions", incident.attribution).toLowerCase()})`;
  box.append(text("h3", `${label(vocab, "types", incident.type)} — ${who}`));
  const where = text("p", `${incident.date} · `);
  where.append(Object.assign(text("span", incident.place || incident.admin2 || "place not given"), { dir: "auto" }));
  box.append(where);
  const precision = incident.geo_precision ? label(vocab, "geo_precisions", incident.geo_precision) : "precision not given";
  const radius = cluster.radius_km ? ` (within about ${cluster.radius_km} km)` : "";
  box.append(text("p", `Location: ${precision}${radius}`));
  const toll = [["military_killed", "military killed"], ["military_injured", "military injured"],
    ["civilian_killed", "civilians killed"], ["civilian_injured", "civilians injured"], ["arrests", "arrested"]]
    .filter(([field]) => incident[field]).map(([field, words]) => `${incident[field]} ${words}`).join(", ");
  if (toll) box.append(text("p", toll));
  if (incident.description) box.append(Object.assign(text("p", incident.description), { dir: "auto" }));
  box.append(text("p", "Sources:"));
  const list = document.createElement("ul");
  for (const source of incident.sources) {
    const item = document.createElement("li");
    const name = source.publisher || source.title || label(vocab, "source_types", source.source_type || "") || "source";
    if (source.url && /^https?:\/\//.test(source.url)) {
      item.append(Object.assign(text("a", name), { href: source.url, rel: "nofollow noopener", target: "_blank", dir: "auto" }));
    } else {
      item.append(Object.assign(text("span", name), { dir: "auto" }));
    }
    list.append(item);
  }
  box.append(list);
  box.append(Object.assign(text("a", "The incident's page"), { href: `/incidents/${encodeURIComponent(incident.id)}` }));
  new Popup({ maxWidth: "320px" }).setLngLat([cluster.longitude, cluster.latitude]).setDOMContent(box).addTo(map);
}

function markerFor(cluster) {
  const button = document.createElement("button");
  button.type = "button";
  if (cluster.count === 1) {
    const approximate = cluster.radius_km > 0;
    button.className = approximate ? "incident approximate" : "incident";
    button.append(shape(cluster.marker, cluster.colour, approximate));
    button.setAttribute("aria-label", `incident ${cluster.id}`);
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      showIncident(cluster);
    });
  } else {
    button.className = "cluster";
    button.style.background = cluster.colour; // the perpetrator with most incidents here
    button.textContent = String(cluster.count);
    button.setAttribute("aria-label", `${cluster.count} incidents: zoom in`);
    const size = Math.min(56, 22 + 6 * Math.log10(cluster.count));
    button.style.width = `${size}px`;
    button.style.height = `${size}px`;
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      map.easeTo({ center: [cluster.longitude, cluster.latitude], zoom: map.getZoom() + 2 });
    });
  }
  return new Marker({ element: button }).setLngLat([cluster.longitude, cluster.latitude]).addTo(map);
}

async function loadClusters() {
  const request = ++requests; // a slow answer for an older view must not replace a newer one
  const bounds = map.getBounds();
  const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value)).toFixed(4);
  const query = apiFilters();
  query.set("zoom", String(Math.max(0, Math.min(18, Math.round(map.getZoom())))));
  query.set("bbox", [clamp(bounds.getWest(), 180), clamp(bounds.getSouth(), 90),
    clamp(bounds.getEast(), 180), clamp(bounds.getNorth(), 90)].join(","));
  const response = await fetch(`/api/v1/map/clusters?${query}`);
  const body = await response.json();
  if (request !== requests) return;
  if (!response.ok) {
    status.textContent = body.error;
    return;
  }
  markers.forEach((marker) => marker.remove());
  markers = body.clusters.map(markerFor);
  const circles = body.clusters.filter((c) => c.count === 1 && c.radius_km > 0)
    .map((c) => circle(c.longitude, c.latitude, c.radius_km, { colour: c.colour }));
  map.getSource("uncertainty")?.setData({ type: "FeatureCollection", features: circles });
  status.textContent = `${noun(body.total)} in view, ${body.killed.toLocaleString("en")} killed`;
  container.dataset.markers = String(markers.length);
  showLegend(body.clusters);
}

async function showLegend(clusters) {
  const vocab = await vocabularies;
  const legend = document.getElementById("map-legend");
  const shown = new Set(clusters.map((cluster) => cluster.perpetrator));
  legend.replaceChildren(text("span", "Colour: the perpetrator (the one with most incidents, for a group) —"));
  for (const actor of vocab.actors.filter((term) => shown.has(term.key))) {
    const item = text("span", actor.label);
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = actor.colour;
    item.prepend(swatch);
    legend.append(item);
  }
  const shapes = document.getElementById("map-shapes");
  if (shapes.childElementCount) return;
  shapes.append(text("span", "Shape: the type —"));
  const byMarker = {};
  for (const type of vocab.types) (byMarker[type.marker] ||= []).push(type.label);
  for (const [marker, types] of Object.entries(byMarker)) {
    const item = text("span", types.length > 3 ? `${types.slice(0, 3).join(", ")}…` : types.join(", "));
    item.title = types.join(", ");
    item.prepend(Object.assign(shape(marker, "#566573", false), { classList: "legend-shape" }));
    shapes.append(item);
  }
  const hollow = text("span", "located only approximately (dashed circle: how far)");
  hollow.prepend(Object.assign(shape("circle", "#566573", true), { classList: "legend-shape" }));
  shapes.append(hollow);
}

// ---- the time slider: one month at a time, in the URL as month=YYYY-MM ----------------------------------

function setupTimeline() {
  const slider = document.getElementById("month-slider");
  if (!slider || !months.length) return;
  const output = document.getElementById("month-label");
  const play = document.getElementById("play");
  const whole = document.getElementById("all-months");
  const period = output.textContent;
  let timer = null;

  function show(index) {
    slider.value = String(index);
    if (index === null) {
      params.delete("month");
      output.textContent = period;
      slider.value = slider.max;
    } else {
      params.set("month", months[index][0]);
      output.textContent = months[index][1];
    }
    slider.setAttribute("aria-valuetext", output.textContent);
    history.replaceState(null, "", `?${params}`);
    const table = document.getElementById("table-link");
    if (table) table.href = `/incidents?${apiFilters()}`;
    loadClusters();
  }

  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = "▶ Play by month";
    play.setAttribute("aria-pressed", "false");
  }

  const current = months.findIndex(([key]) => key === params.get("month"));
  if (current >= 0) {
    slider.value = String(current);
    output.textContent = months[current][1];
  }
  slider.addEventListener("input", () => {
    stop();
    show(Number(slider.value));
  });
  whole.addEventListener("click", () => {
    stop();
    show(null);
  });
  play.addEventListener("click", () => {
    if (timer) return stop();
    let index = params.has("month") ? Number(slider.value) : 0;
    if (index >= months.length - 1) index = 0;
    show(index);
    play.textContent = "❚❚ Pause";
    play.setAttribute("aria-pressed", "true");
    timer = setInterval(() => {
      if (index >= months.length - 1) return stop();
      index += 1;
      show(index);
    }, 1500);
  });
}

// ---- embedding --------------------------------------------------------------------------------------

function setupEmbed() {
  const button = document.getElementById("embed-button");
  if (!button) return;
  const code = document.getElementById("embed-code");
  button.addEventListener("click", async () => {
    const url = new URL(window.location.href);
    url.searchParams.set("embed", "1");
    code.value = `<iframe src="${url}" width="100%" height="520" style="border:0" title="Marsad map" loading="lazy"></iframe>`;
    code.hidden = false;
    code.select();
    try {
      await navigator.clipboard.writeText(code.value);
      button.textContent = "Embed code copied";
    } catch {
      button.textContent = "Copy the selected code"; // no clipboard access on plain http: the code is selected
    }
  });
}

map.on("load", async () => {
  await addBasemap();
  await loadClusters();
  map.on("moveend", loadClusters);
});
setupTimeline();
setupEmbed();
