// Step 1 of 2: turn world-atlas's Natural Earth TopoJSON into projected SVG path data.
//
// Run once, outside the repository, where the three npm packages are installed:
//   mkdir /tmp/mapbuild && cd /tmp/mapbuild && npm init -y
//   npm install world-atlas topojson-client d3-geo
//   node /path/to/legislation/mapdata/build_world.mjs /tmp/mapbuild > /tmp/mapbuild/numeric.json
// Then step 2 (build_world.py) keys the shapes by ISO alpha-2 code.
//
// Output: {"width", "height", "shapes": [{"id": "250", "d": "M…"}], "points": [{"id", "x", "y"}]}
// where ids are ISO 3166-1 numeric codes as world-atlas gives them. Countries too small for
// the 1:110m shapes are taken from the 1:50m (or 1:10m) set and given as a point (their centroid).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const WIDTH = 960;
const HEIGHT = 480;
const dir = path.resolve(process.argv[2] || process.cwd());
const require = createRequire(path.join(dir, "index.js"));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const readAtlas = (file) =>
  JSON.parse(fs.readFileSync(require.resolve(`world-atlas/${file}`), "utf8"));

const { feature } = await load("topojson-client");
const { geoNaturalEarth1, geoPath } = await load("d3-geo");

const coarse = readAtlas("countries-110m.json");
const coarseCountries = feature(coarse, coarse.objects.countries).features;
// Finer sets only for the small states the coarse one leaves out (1:50m, then 1:10m).
const finerCountries = ["countries-50m.json", "countries-10m.json"].flatMap((file) => {
  const atlas = readAtlas(file);
  return feature(atlas, atlas.objects.countries).features;
});

// Fit the whole world (a sphere outline) to the frame so the map never crops.
const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], { type: "Sphere" });
const pathOf = geoPath(projection).digits(1);

const shapes = [];
const seen = new Set();
for (const country of coarseCountries) {
  if (country.id === undefined || country.id === null) continue; // e.g. disputed areas
  const d = pathOf(country);
  if (!d) continue;
  shapes.push({ id: String(country.id), d });
  seen.add(String(country.id));
}

const points = [];
for (const country of finerCountries) {
  const id = country.id === undefined || country.id === null ? null : String(country.id);
  if (!id || seen.has(id)) continue;
  const [x, y] = pathOf.centroid(country);
  if (Number.isFinite(x) && Number.isFinite(y)) {
    points.push({ id, x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 });
    seen.add(id);
  }
}

process.stdout.write(
  JSON.stringify({ width: WIDTH, height: HEIGHT, sphere: pathOf({ type: "Sphere" }), shapes, points }),
);
