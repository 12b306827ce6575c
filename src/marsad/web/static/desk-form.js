// The incident form: types that follow the kind, place search in the gazetteer that moves the map marker,
// a map click that fills the coordinates and suggests the nearest place, and source rows to add or remove.
// Without this script the form still works: the server locates the place name on save.
import { Marker } from "/static/vendor/maplibre-gl/maplibre-gl.mjs";
import { addBasemap, createMap, fitMonitored, text } from "/static/map-parts.js";
import { t } from "/static/messages.js";

const field = (name) => document.getElementById(`f-${name}`);
const kind = field("kind");
const type = field("type");
const place = field("place");
const latitude = field("latitude");
const longitude = field("longitude");
const precision = field("geo_precision");
const results = document.getElementById("place-results");
const suggestion = document.getElementById("place-suggestion");

// ---- types follow the kind ----------------------------------------------------------------------------

function followKind() {
  for (const option of type.options) {
    const fits = !option.dataset.kind || kind.value === "other" || option.dataset.kind === kind.value;
    option.hidden = !fits;
    option.disabled = !fits;
  }
  if (type.selectedOptions[0]?.disabled) type.value = "";
  document.querySelector(".raid-only").hidden = kind.value !== "raid";
}
kind.addEventListener("change", followKind);
followKind();

// ---- the map --------------------------------------------------------------------------------------------

const container = document.getElementById("entry-map");
const start = latitude.value && longitude.value ? [Number(longitude.value), Number(latitude.value)] : null;
const map = createMap(container, { center: start || [40.1, 35.9], zoom: start ? 10 : 6 });
const marker = new Marker({ color: "#c0392b" });

function moveMarker(lon, lat, fly) {
  marker.setLngLat([lon, lat]).addTo(map);
  if (fly) map.flyTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 10) });
}

map.on("load", async () => {
  await addBasemap(map);
  if (start) moveMarker(start[0], start[1], false);
  else await fitMonitored(map);
  container.dataset.ready = "true";
});

map.on("click", async (event) => {
  const { lng, lat } = event.lngLat;
  latitude.value = lat.toFixed(5);
  longitude.value = lng.toFixed(5);
  precision.value = "exact";
  moveMarker(lng, lat, false);
  const found = await fetch(`/desk/places/reverse?latitude=${lat}&longitude=${lng}`).then((r) => r.json());
  suggestion.replaceChildren(text("span", `${t("Nearest place: {name}, {km} km away.", { name: found.name, km: found.distance_km })} `));
  const use = text("button", t("Use “{name}” as the place", { name: found.name }));
  use.type = "button";
  use.addEventListener("click", () => {
    place.value = found.name;
    suggestion.replaceChildren();
  });
  suggestion.append(use);
});

for (const input of [latitude, longitude]) {
  input.addEventListener("change", () => {
    const lat = Number(latitude.value);
    const lon = Number(longitude.value);
    if (latitude.value && longitude.value && Number.isFinite(lat) && Number.isFinite(lon)) moveMarker(lon, lat, true);
  });
}

// ---- place search ---------------------------------------------------------------------------------------

let pending = null;
place.addEventListener("input", () => {
  clearTimeout(pending);
  pending = setTimeout(searchPlaces, 250);
});

async function searchPlaces() {
  const query = place.value.trim();
  if (query.length < 2) return results.replaceChildren();
  const matches = await fetch(`/desk/places?q=${encodeURIComponent(query)}`).then((r) => r.json());
  if (place.value.trim() !== query) return; // the user has typed on
  results.replaceChildren(...matches.map(choiceFor));
  if (!matches.length) results.append(text("li", t("No place with that name: click the map to give coordinates.")));
}

function choiceFor(match) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.setAttribute("role", "option");
  const where = [match.district, match.governorate].filter(Boolean).join(", ");
  const spelling = match.matched !== match.name ? ` ${t("(as “{spelling}”)", { spelling: match.matched })}` : "";
  const score = match.score < 100 ? ` · ${t("{score}% match", { score: match.score })}` : "";
  button.append(Object.assign(text("strong", match.name), { dir: "auto" }), text("span", `${spelling} — ${where}${score}`));
  button.addEventListener("click", () => {
    place.value = match.name;
    latitude.value = match.latitude.toFixed(5);
    longitude.value = match.longitude.toFixed(5);
    precision.value = "town";
    moveMarker(match.longitude, match.latitude, true);
    results.replaceChildren();
  });
  item.append(button);
  return item;
}

// ---- sources --------------------------------------------------------------------------------------------

const rows = document.getElementById("source-rows");

function clear(row) {
  for (const input of row.querySelectorAll("input, textarea, select")) input.value = "";
}

document.getElementById("add-source").addEventListener("click", () => {
  const copy = rows.querySelector(".source-row").cloneNode(true);
  clear(copy);
  copy.querySelector(".archive-state")?.replaceChildren(); // the archive and link check belong to the copied row
  rows.append(copy);
  copy.querySelector("input").focus();
});

rows.addEventListener("click", (event) => {
  if (!event.target.classList.contains("remove-source")) return;
  const row = event.target.closest(".source-row");
  if (rows.querySelectorAll(".source-row").length > 1) row.remove();
  else clear(row);
});

// Quick entry: focusing a field that was filled from the pasted text outlines the words it came from.
const COUNT_FIELDS = { arrested: "arrests", location: "place", claimed: "attribution" };
for (const mark of document.querySelectorAll("mark.evidence[data-field]")) {
  const name = COUNT_FIELDS[mark.dataset.field] || mark.dataset.field;
  const input = document.querySelector(`.incident-form [name="${name}"]`);
  if (!input) continue;
  input.addEventListener("focus", () => mark.classList.add("active"));
  input.addEventListener("blur", () => mark.classList.remove("active"));
}
