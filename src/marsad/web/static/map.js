// The live map: incidents grouped by the server for the view, region outlines, a popup per incident.
// Every filter lives in the URL (the form above submits to it), so a view can be shared and reloaded.
import { Map, Marker, NavigationControl, Popup } from "/static/vendor/maplibre-gl/maplibre-gl.mjs";

const filters = new URLSearchParams(window.location.search);
const container = document.getElementById("map");
const status = document.getElementById("map-status");
const vocabularies = fetch("/api/v1/vocabularies").then((r) => r.json());
let markers = [];

const map = new Map({
  container,
  style: {
    version: 8,
    sources: {},
    layers: [{ id: "background", type: "background", paint: { "background-color": "#eef1f3" } }],
  },
  center: [40.1, 35.9],
  zoom: 6,
  attributionControl: { customAttribution: "Places: GeoNames (CC BY 4.0) · Region outlines approximate" },
});
map.addControl(new NavigationControl());

function label(vocab, name, key) {
  const term = (vocab[name] || []).find((t) => t.key === key);
  return term ? term.label : key;
}

function text(tag, content) {
  const element = document.createElement(tag); // textContent only: user text never becomes markup
  element.textContent = content;
  return element;
}

async function showIncident(cluster) {
  const [incident, vocab] = await Promise.all([
    fetch(`/api/v1/incidents/${encodeURIComponent(cluster.id)}`).then((r) => r.json()),
    vocabularies,
  ]);
  const box = document.createElement("div");
  box.className = "popup";
  const who = `${label(vocab, "actors", incident.perpetrator)} (${label(vocab, "attributions", incident.attribution).toLowerCase()})`;
  box.append(text("h3", `${label(vocab, "types", incident.type)} — ${who}`));
  box.append(text("p", `${incident.date} · ${incident.place || ""}`));
  const precision = incident.geo_precision ? label(vocab, "geo_precisions", incident.geo_precision) : "precision not given";
  box.append(text("p", `Location: ${precision}`));
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
      const link = Object.assign(text("a", name), { href: source.url, rel: "nofollow noopener", target: "_blank" });
      item.append(link);
    } else {
      item.append(name);
    }
    list.append(item);
  }
  box.append(list);
  box.append(Object.assign(text("a", "The incident's page"), { href: `/incidents/${encodeURIComponent(incident.id)}` }));
  new Popup({ maxWidth: "320px" }).setLngLat([cluster.longitude, cluster.latitude]).setDOMContent(box).addTo(map);
}

async function loadClusters() {
  const bounds = map.getBounds();
  const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value)).toFixed(4);
  const query = new URLSearchParams(filters);
  query.set("zoom", String(Math.max(0, Math.min(18, Math.round(map.getZoom())))));
  query.set("bbox", [clamp(bounds.getWest(), 180), clamp(bounds.getSouth(), 90),
    clamp(bounds.getEast(), 180), clamp(bounds.getNorth(), 90)].join(","));
  const response = await fetch(`/api/v1/map/clusters?${query}`);
  const body = await response.json();
  if (!response.ok) {
    status.textContent = body.error;
    return;
  }
  markers.forEach((marker) => marker.remove());
  markers = body.clusters.map((cluster) => {
    const button = document.createElement("button");
    const single = cluster.count === 1;
    button.className = single ? "incident" : "cluster";
    button.style.background = cluster.colour; // the perpetrator with most incidents here, in the report's colours
    button.textContent = single ? "" : String(cluster.count);
    button.setAttribute("aria-label", single ? `incident ${cluster.id}` : `${cluster.count} incidents: zoom in`);
    const size = single ? 12 : Math.min(56, 22 + 6 * Math.log10(cluster.count));
    button.style.width = `${size}px`;
    button.style.height = `${size}px`;
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      if (single) showIncident(cluster);
      else map.easeTo({ center: [cluster.longitude, cluster.latitude], zoom: map.getZoom() + 2 });
    });
    return new Marker({ element: button }).setLngLat([cluster.longitude, cluster.latitude]).addTo(map);
  });
  const noun = body.total === 1 ? "incident" : "incidents";
  status.textContent = `${body.total.toLocaleString("en")} ${noun} in view, ${body.killed.toLocaleString("en")} killed`;
  container.dataset.markers = String(markers.length);
  showLegend(body.clusters);
}

async function showLegend(clusters) {
  const vocab = await vocabularies;
  const legend = document.getElementById("map-legend");
  const shown = new Set(clusters.map((cluster) => cluster.perpetrator));
  legend.replaceChildren(text("span", "Colour: the perpetrator with most incidents in each area —"));
  for (const actor of vocab.actors.filter((term) => shown.has(term.key))) {
    const item = text("span", actor.label);
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = actor.colour;
    item.prepend(swatch);
    legend.append(item);
  }
}

map.on("load", async () => {
  const outlines = await fetch("/api/v1/regions.geojson").then((r) => r.json());
  map.addSource("regions", { type: "geojson", data: outlines });
  const isRegion = ["==", ["get", "kind"], "region"];
  map.addLayer({ id: "region-fill", type: "fill", source: "regions", filter: isRegion,
    paint: { "fill-color": ["get", "colour"], "fill-opacity": 0.12 } });
  map.addLayer({ id: "region-line", type: "line", source: "regions", filter: isRegion,
    paint: { "line-color": ["get", "colour"], "line-width": 1 } });
  map.addLayer({ id: "places", type: "circle", source: "regions", filter: ["==", ["get", "kind"], "place"],
    paint: { "circle-radius": 2, "circle-color": "#2c3e50" } });
  await loadClusters();
  map.on("moveend", loadClusters);
});
