// The live map: incidents grouped by the server for the view, marked by perpetrator (colour) and type (shape),
// drawn as a circle where the location is approximate. Every filter lives in the URL, the time slider's month
// too, so a view can be shared and reloaded.
import { Marker, Popup } from "/static/vendor/maplibre-gl/maplibre-gl.mjs";
import { addBasemap, circle, createMap, shape, text } from "/static/map-parts.js";

const params = new URLSearchParams(window.location.search);
const container = document.getElementById("map");
const status = document.getElementById("map-status");
const months = JSON.parse(container.dataset.months || "[]");
const vocabularies = fetch("/api/v1/vocabularies").then((r) => r.json());
let markers = [];
let requests = 0;

const map = createMap(container, { center: [40.1, 35.9], zoom: 6 });

// ---- helpers ------------------------------------------------------------------------------------------

function label(vocab, name, key) {
  const term = (vocab[name] || []).find((t) => t.key === key);
  return term ? term.label : key;
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
  await addBasemap(map);
  await loadClusters();
  map.on("moveend", loadClusters);
});
setupTimeline();
setupEmbed();
