// basemap.mjs OUT.geojson: the base map of the web page, made at build time (web/build.sh)
// from Natural Earth 1:50m countries as the npm package world-atlas ships them (TopoJSON).
// Converted to GeoJSON with topojson-client, since world-atlas' polygons are spherical: a ring
// that crosses the antimeridian (Russia, Fiji, the US Aleutians) jumps from +180 to -180, and a
// flat map joins the two ends with a line across the world. Each ring is unwrapped here (a
// longitude may pass 180, and OpenLayers draws the copy of the world beside it), and a ring
// that goes round a pole (Antarctica) is closed along the edge of the Web Mercator map.
// Coordinates rounded to 0.001 degree (about 100 m: finer than 1:50m).
import { readFileSync, writeFileSync } from 'node:fs';
import { feature } from 'topojson-client';

const out = process.argv[2];
const topology = JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8'));
const countries = feature(topology, topology.objects.countries);

const MERCATOR_EDGE_DEG = 85.05;
const round = (v) => Math.round(v * 1000) / 1000;

function unwrap(ring) {
  const result = [];
  let shift = 0;
  let previous = null;
  for (const [lon, lat] of ring) {
    if (previous !== null) {
      const step = lon + shift - previous;
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    previous = lon + shift;
    result.push([round(lon + shift), round(lat)]);
  }
  const first = result[0];
  const last = result[result.length - 1];
  if (Math.abs(last[0] - first[0]) > 180) {
    // Round a pole: down (or up) the map's edge and back, then closed.
    const edge = first[1] < 0 ? -MERCATOR_EDGE_DEG : MERCATOR_EDGE_DEG;
    result.push([last[0], edge], [first[0], edge], [first[0], first[1]]);
  }
  return result;
}

function polygons(geometry) {
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: geometry.coordinates.map(unwrap) };
  if (geometry.type === 'MultiPolygon') {
    return { ...geometry, coordinates: geometry.coordinates.map((p) => p.map(unwrap)) };
  }
  return geometry;
}

const features = countries.features.filter((f) => f.geometry).map((f) => ({
  type: 'Feature',
  id: f.id,
  properties: { name: f.properties.name },
  geometry: polygons(f.geometry),
}));
writeFileSync(out, JSON.stringify({ type: 'FeatureCollection', features }));
