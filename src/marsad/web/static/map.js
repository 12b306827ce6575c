// The live map: incidents grouped by the server for the view, each group a ring split by perpetrator, single
// incidents marked by perpetrator (colour) and type (shape), drawn as a circle where the location is
// approximate. Every filter lives in the query string, the time slider's month too, and the view (zoom and
// centre) in the fragment (#view=zoom/lat/lon), so a shared or embedded view reopens where it was.
import { Marker, Popup } from "/static/vendor/maplibre-gl/maplibre-gl.mjs";
import {
  addBasemap, basemap, circle, createMap, describeView, fitMonitored, regionLabel, setFootprints, shape, text,
} from "/static/map-parts.js";
import { number, t, tn } from "/static/messages.js";

const params = new URLSearchParams(window.location.search);
const container = document.getElementById("map");
const status = document.getElementById("map-status");
const countingLine = document.getElementById("map-counting");
const months = JSON.parse(container.dataset.months || "[]");
const language = document.documentElement.lang || "en";
const vocabularies = fetch(`/api/v1/vocabularies?lang=${language}`).then((r) => r.json());
basemap(); // fetched while the map starts, not after
const opensAt = /[#&]view=/.test(window.location.hash); // a shared view: do not refit
let markers = [];
let requests = 0;

const map = createMap(container, { center: [39.9, 35.9], zoom: 6, hash: "view" });

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
  if (word === "attack") return tn(count, "{n} attack", "{n} attacks");
  if (word === "raid") return tn(count, "{n} raid", "{n} raids");
  return tn(count, "{n} incident", "{n} incidents");
}

function period() {
  if (params.has("month")) return months.find(([key]) => key === params.get("month"))?.[1] || params.get("month");
  return months.length ? `${months[0][1]} – ${months[months.length - 1][1]}` : t("the period chosen");
}

// ---- incidents ----------------------------------------------------------------------------------------

// "7 (5–9)" where the sources give a range (a blank bound is the best estimate, as domain.ranges reads it);
// the range is isolated left to right so that a right-to-left popup does not show it as 9–5.
function withRange(incident, field) {
  const best = incident[field], low = incident[`${field}_low`] ?? best, high = incident[`${field}_high`] ?? best;
  return low === best && high === best ? `${best}` : `${best} (\u2066${low}–${high}\u2069)`;
}

async function showIncident(cluster) {
  const [incident, vocab] = await Promise.all([
    fetch(`/api/v1/incidents/${encodeURIComponent(cluster.id)}?lang=${language}`).then((r) => r.json()),
    vocabularies,
  ]);
  const box = document.createElement("div");
  box.className = "popup";
  const who = `${label(vocab, "actors", incident.perpetrator)} (${label(vocab, "attributions", incident.attribution).toLocaleLowerCase(language)})`;
  box.append(text("h3", `${label(vocab, "types", incident.type)} — ${who}`));
  const where = text("p", `${incident.date} · `);
  where.append(Object.assign(text("span", incident.place || incident.admin2 || t("place not given")), { dir: "auto" }));
  box.append(where);
  const precision = incident.geo_precision ? label(vocab, "geo_precisions", incident.geo_precision) : t("precision not given");
  box.append(text("p", cluster.radius_km ? t("Location: {precision} (within about {km} km)", { precision, km: cluster.radius_km })
    : t("Location: {precision}", { precision })));
  const toll = [["military_killed", t("Military killed: {n}", { n: withRange(incident, "military_killed") })],
    ["military_injured", t("Military injured: {n}", { n: withRange(incident, "military_injured") })],
    ["civilian_killed", t("Civilians killed: {n}", { n: withRange(incident, "civilian_killed") })],
    ["civilian_injured", t("Civilians injured: {n}", { n: withRange(incident, "civilian_injured") })],
    ["arrests", t("Arrested: {n}", { n: incident.arrests })]]
    .filter(([field]) => incident[field] || incident[`${field}_high`]).map(([, words]) => words).join(" · ");
  if (toll) box.append(text("p", toll));
  if (incident.description) box.append(Object.assign(text("p", incident.description), { dir: "auto" }));
  box.append(text("p", t("Sources:")));
  const list = document.createElement("ul");
  for (const source of incident.sources) {
    const item = document.createElement("li");
    const name = source.publisher || source.title || label(vocab, "source_types", source.source_type || "") || t("source");
    if (source.url && /^https?:\/\//.test(source.url)) {
      item.append(Object.assign(text("a", name), { href: source.url, rel: "nofollow noopener", target: "_blank", dir: "auto" }));
    } else {
      item.append(Object.assign(text("span", name), { dir: "auto" }));
    }
    list.append(item);
  }
  box.append(list);
  box.append(Object.assign(text("a", t("The incident's page")), { href: `/incidents/${encodeURIComponent(incident.id)}?lang=${language}` }));
  new Popup({ maxWidth: "320px" }).setLngLat([cluster.longitude, cluster.latitude]).setDOMContent(box).addTo(map);
}

// A group's ring: each perpetrator's share of the group as an arc in its colour.
function ring(perpetrators, count) {
  let start = 0;
  const stops = perpetrators.map(({ colour, count: n }) => {
    const end = start + (100 * n) / count;
    const stop = `${colour} ${start.toFixed(2)}% ${end.toFixed(2)}%`;
    start = end;
    return stop;
  });
  return `conic-gradient(${stops.join(", ")})`;
}

function clusterSize(count) {
  return Math.round(Math.min(60, 26 + 9 * Math.log10(count)));
}

function markerFor(cluster) {
  const button = document.createElement("button");
  button.type = "button";
  if (cluster.count === 1) {
    const approximate = cluster.radius_km > 0;
    button.className = approximate ? "incident approximate" : "incident";
    button.append(shape(cluster.marker, cluster.colour, approximate));
    button.setAttribute("aria-label", t("incident {id}", { id: cluster.id }));
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      showIncident(cluster);
    });
  } else {
    button.className = "cluster";
    button.style.background = ring(cluster.perpetrators, cluster.count);
    button.append(text("span", String(cluster.count)));
    const shares = cluster.perpetrators.map((p) => `${p.count} ${p.perpetrator}`).join(", ");
    button.setAttribute("aria-label", t("{incidents} ({shares}): zoom in", { incidents: tn(cluster.count, "{n} incident", "{n} incidents"), shares }));
    const size = clusterSize(cluster.count);
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
  const response = await fetch(`/api/v1/map/clusters?${query}&lang=${language}`);
  const body = await response.json();
  if (request !== requests) return;
  if (!response.ok) {
    status.textContent = body.error;
    return;
  }
  markers.forEach((marker) => marker.remove());
  markers = body.clusters.map(markerFor);
  setFootprints(map, body.clusters.map((c) => ({ ...c, px: c.count === 1 ? 16 : clusterSize(c.count) + 4 })));
  const circles = body.clusters.filter((c) => c.count === 1 && c.radius_km > 0)
    .map((c) => circle(c.longitude, c.latitude, c.radius_km, { colour: c.colour }));
  map.getSource("uncertainty")?.setData({ type: "FeatureCollection", features: circles });
  showCounts(body);
  container.dataset.markers = String(markers.length);
  showLegend(body.clusters);
}

// The headline: the whole selection whatever the screen; what is in view only once zoomed in past it.
function showCounts(body) {
  const whole = body.in_selection;
  if (!whole.count) {
    const covers = container.dataset.coverage;
    status.textContent = t("Nothing in the selection for {period}.", { period: period() })
      + (covers ? ` ${t("The published data covers {months}.", { months: covers })}` : "");
  } else {
    const parts = [t("{incidents} in the selection, {killed} killed", { incidents: noun(whole.count), killed: whole.killed })];
    if (body.total < whole.located) parts.push(t("{n} in view", { n: body.total }));
    if (whole.located < whole.count) parts.push(t("{n} without coordinates, not on the map", { n: whole.count - whole.located }));
    status.textContent = parts.join(" · ");
  }
  countingLine.replaceChildren(text("span", body.counting.rule));
  const left = body.counting.not_counted;
  if (body.counting.counted === "counted" && left) {
    countingLine.append(actionButton(t("Include the {n} not counted", { n: left }), "all"));
  } else if (body.counting.counted !== "counted") {
    countingLine.append(actionButton(t("Count as the reports do"), null));
  }
}

function actionButton(words, counted) {
  const button = text("button", words);
  button.type = "button";
  button.addEventListener("click", () => {
    if (counted) params.set("counted", counted);
    else params.delete("counted");
    window.location.search = params.toString(); // the filters (and the form) follow; the view stays in the hash
  });
  return button;
}

// ---- the legend, on the map ---------------------------------------------------------------------------

class LegendControl {
  onAdd() {
    this.element = document.createElement("details");
    this.element.className = "maplibregl-ctrl map-legend";
    this.element.id = "map-legend";
    this.element.open = container.clientWidth >= 560; // folded on a phone, open in an embed's frame
    this.element.append(text("summary", t("Legend")));
    this.list = document.createElement("ul");
    this.element.append(this.list);
    return this.element;
  }

  onRemove() {
    this.element.remove();
  }
}

const legend = new LegendControl();
map.addControl(legend, "bottom-left");

async function showLegend(clusters) {
  const vocab = await vocabularies;
  const shown = new Set(clusters.flatMap((c) => c.perpetrators.map((p) => p.perpetrator)));
  const items = [];
  const ringItem = Object.assign(text("li", t("a group: count, ring by perpetrator")), { className: "wide" });
  ringItem.prepend(Object.assign(document.createElement("span"), { className: "ring" }));
  items.push(ringItem);
  for (const actor of vocab.actors.filter((term) => shown.has(term.key))) {
    const item = text("li", actor.label);
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = actor.colour;
    item.prepend(swatch);
    items.push(item);
  }
  const byMarker = {};
  for (const type of vocab.types) (byMarker[type.marker] ||= []).push(type.label);
  for (const [marker, types] of Object.entries(byMarker)) {
    const item = text("li", `${types[0].split(" (")[0]}${types.length > 1 ? ", …" : ""}`);
    item.title = types.join(", ");
    item.prepend(shape(marker, "#566573", false));
    items.push(item);
  }
  const hollow = Object.assign(text("li", t("place approximate (dashed: how far)")), { className: "wide" });
  hollow.prepend(shape("circle", "#566573", true));
  items.push(hollow);
  legend.list.replaceChildren(...items);
}

// ---- zoom to a region -----------------------------------------------------------------------------------

class RegionControl {
  onAdd() {
    this.element = document.createElement("div");
    this.element.className = "maplibregl-ctrl maplibregl-ctrl-group region-picker";
    this.select = document.createElement("select");
    this.select.setAttribute("aria-label", t("Zoom to a region"));
    this.select.append(new Option(t("Zoom to: all regions"), ""));
    this.element.append(this.select);
    return this.element;
  }

  onRemove() {
    this.element.remove();
  }
}

async function setupRegions() {
  const control = new RegionControl();
  map.addControl(control, "top-left");
  const regions = (await basemap()).features.filter((f) => f.properties.layer === "region");
  for (const region of regions) {
    control.select.append(new Option(regionLabel(region.properties), region.properties.key));
  }
  control.select.addEventListener("change", () => {
    const chosen = regions.find((r) => r.properties.key === control.select.value);
    fitMonitored(map, chosen?.properties.bbox, true);
  });
  return regions;
}

// The first view: the URL's, else the regions filtered on, else the whole monitored area.
async function firstView(regions) {
  if (opensAt) return;
  const wanted = (params.get("region") || "").split(",").filter(Boolean);
  const boxes = regions.filter((r) => wanted.includes(r.properties.key)).map((r) => r.properties.bbox);
  const bbox = boxes.length ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))] : null;
  await fitMonitored(map, bbox);
}

// ---- the time slider: one month at a time, in the URL as month=YYYY-MM ----------------------------------

function drawHistogram(current) {
  const svg = document.getElementById("histogram");
  if (!svg) return;
  const most = Math.max(1, ...months.map((m) => m[2]));
  svg.setAttribute("viewBox", `0 0 ${months.length} 100`);
  svg.replaceChildren(...months.map(([key, name, count], index) => {
    const bar = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    const height = count ? Math.max(4, (70 * count) / most) : 0;
    Object.entries({ x: index + 0.12, width: 0.76, y: 72 - height, height }).forEach(([k, v]) => bar.setAttribute(k, v));
    if (key === current) bar.classList.add("current");
    bar.append(Object.assign(document.createElementNS("http://www.w3.org/2000/svg", "title"), { textContent: `${name}: ${number(count)}` }));
    return bar;
  }));
}

function setupTimeline() {
  const slider = document.getElementById("month-slider");
  if (!slider || !months.length) return;
  const output = document.getElementById("month-label");
  const play = document.getElementById("play");
  const whole = document.getElementById("all-months");
  const wholePeriod = output.textContent;
  let timer = null;

  function show(index) {
    if (index === null) {
      params.delete("month");
      output.textContent = wholePeriod;
      slider.value = slider.max;
    } else {
      slider.value = String(index);
      params.set("month", months[index][0]);
      output.textContent = months[index][1];
    }
    slider.setAttribute("aria-valuetext", output.textContent);
    drawHistogram(params.get("month"));
    history.replaceState(null, "", `?${params}${window.location.hash}`);
    const table = document.getElementById("table-link");
    if (table) table.href = `/incidents?${apiFilters()}`;
    loadClusters();
  }

  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = t("▶ Play");
    play.setAttribute("aria-pressed", "false");
  }

  const current = months.findIndex(([key]) => key === params.get("month"));
  if (current >= 0) {
    slider.value = String(current);
    output.textContent = months[current][1];
  }
  drawHistogram(params.get("month"));
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
    play.textContent = t("❚❚ Pause");
    play.setAttribute("aria-pressed", "true");
    timer = setInterval(() => {
      if (index >= months.length - 1) return stop();
      index += 1;
      show(index);
    }, 1500);
  });
}

// ---- filters behind a button on a phone; embedding ------------------------------------------------------

function setupFilters() {
  const toggle = document.getElementById("filter-toggle");
  if (!toggle) return;
  const fold = document.getElementById("filter-fold");
  toggle.addEventListener("click", () => {
    const folded = fold.toggleAttribute("data-folded");
    toggle.setAttribute("aria-expanded", String(!folded));
  });
}

function setupEmbed() {
  const button = document.getElementById("embed-button");
  if (!button) return;
  const code = document.getElementById("embed-code");
  button.addEventListener("click", async () => {
    const url = new URL(window.location.href);
    url.searchParams.set("embed", "1");
    code.value = `<iframe src="${url}" width="100%" height="520" style="border:0" title="${t("{title} (Marsad map)", { title: document.getElementById("map-title").textContent })}" loading="lazy"></iframe>`;
    code.hidden = false;
    code.select();
    try {
      await navigator.clipboard.writeText(code.value);
      button.textContent = t("Embed code copied");
    } catch {
      button.textContent = t("Copy the selected code"); // no clipboard access on plain http: the code is selected
    }
  });
}

map.on("load", async () => {
  await addBasemap(map);
  describeView(map, document.getElementById("map-names"));
  await firstView(await setupRegions());
  await loadClusters();
  map.on("moveend", loadClusters);
});
setupTimeline();
setupFilters();
setupEmbed();
