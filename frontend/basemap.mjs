// The offline basemap: country outlines around the monitored area, from Natural Earth (public domain) as
// the world-atlas package ships it, written as GeoJSON for the site to serve. Run by scripts/build-frontend.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import topojson from "topojson-client";

const require = createRequire(import.meta.url);
const [output] = process.argv.slice(2);
const world = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"));
const [west, south, east, north] = [32, 29, 50, 40]; // Syria with its neighbours and a margin

function overlaps(geometry) {
  const rings = geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
  return rings.some((ring) => ring.some(([x, y]) => x >= west && x <= east && y >= south && y <= north));
}

const countries = topojson.feature(world, world.objects.countries).features
  .filter((country) => country.geometry && overlaps(country.geometry))
  .map((country) => ({ type: "Feature", geometry: country.geometry,
    properties: { kind: "country", name: country.properties.name, iso: country.id } }));
writeFileSync(output, JSON.stringify({ type: "FeatureCollection", features: countries }));
console.log(`basemap: ${countries.length} countries -> ${output}`);
