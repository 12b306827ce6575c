// The incident page's small map: the incident's mark, and the circle of its uncertainty when located only
// approximately. Its position, shape and colour come from the page (data attributes), not from the API.
import { Marker } from "/static/vendor/maplibre-gl/maplibre-gl.mjs";
import { addBasemap, circle, createMap, shape } from "/static/map-parts.js";

const container = document.getElementById("incident-map");
const { latitude, longitude, radiusKm, marker, colour } = container.dataset;
const point = [Number(longitude), Number(latitude)];
const radius = Number(radiusKm);
const map = createMap(container, { center: point, zoom: radius >= 25 ? 8 : 10 });

map.on("load", async () => {
  await addBasemap(map);
  if (radius > 0) {
    map.getSource("uncertainty").setData({ type: "FeatureCollection",
      features: [circle(point[0], point[1], radius, { colour })] });
  }
  const element = document.createElement("span");
  element.className = radius > 0 ? "incident approximate" : "incident";
  element.append(shape(marker, colour, radius > 0));
  new Marker({ element }).setLngLat(point).addTo(map);
  container.dataset.ready = "true";
});
