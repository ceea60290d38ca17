// The web map of `geomap serve` (src/serve/README.md is the contract with the server).
// Draws the layers of --data (GET /layers, GET /layers/{layer}.geojson) over Natural Earth
// country outlines shipped with the page, and maps a pasted article through POST /extract.
// Everything it loads comes from the server that served it: no CDN, no web font, no tile
// server. window.geomapTest is the hook tests/browser/test.mjs reads the map through.
import 'ol/ol.css';
import './style.css';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import Overlay from 'ol/Overlay.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Circle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style.js';
import { fromLonLat, toLonLat } from 'ol/proj.js';
import { createEmpty, extend, isEmpty } from 'ol/extent.js';
import { defaults as defaultControls, ScaleLine } from 'ol/control.js';

const LAYERS = ['places', 'mentions', 'events'];

// CAMEO quad classes, as GDELT numbers them, and the root codes each holds.
const QUADS = {
  1: { name: 'Verbal cooperation', color: '#2f7fc1' },
  2: { name: 'Material cooperation', color: '#1e9e63' },
  3: { name: 'Verbal conflict', color: '#e39b26' },
  4: { name: 'Material conflict', color: '#d0342c' },
};
const ROOTS = {
  '01': 'Make public statement', '02': 'Appeal', '03': 'Express intent to cooperate',
  '04': 'Consult', '05': 'Engage in diplomatic cooperation',
  '06': 'Engage in material cooperation', '07': 'Provide aid', '08': 'Yield',
  '09': 'Investigate', '10': 'Demand', '11': 'Disapprove', '12': 'Reject', '13': 'Threaten',
  '14': 'Protest', '15': 'Exhibit force posture', '16': 'Reduce relations', '17': 'Coerce',
  '18': 'Assault', '19': 'Fight', '20': 'Use unconventional mass violence',
};
const UNKNOWN_COLOR = '#7a7a7a';

function quadOf(props) {
  const q = Number(props.quad_class);
  if (QUADS[q]) return q;
  const root = Number(props.root_code);
  if (root >= 1 && root <= 5) return 1;
  if (root >= 6 && root <= 8) return 2;
  if (root >= 9 && root <= 13) return 3;
  if (root >= 14 && root <= 20) return 4;
  return 0;
}
const colorOf = (props) => (QUADS[quadOf(props)] || { color: UNKNOWN_COLOR }).color;

// Dates come as YYYY-MM-DD text (GeoJSON) or, from some drivers, YYYY/MM/DD.
function dayOf(value) {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

// ---- styles -------------------------------------------------------------------------------

const baseStyle = new Style({
  fill: new Fill({ color: '#f2efe6' }),
  stroke: new Stroke({ color: '#a9a393', width: 0.7 }),
});

const placeStyles = new globalThis.Map();
function placeRadius(mentions) {
  // Area about proportional to the count, as the QGIS style does.
  return Math.min(30, 4 + 3 * Math.sqrt(Math.max(1, Number(mentions) || 1)));
}
function placeStyle(feature) {
  const radius = placeRadius(feature.get('mentions'));
  let style = placeStyles.get(radius);
  if (!style) {
    style = new Style({
      image: new Circle({
        radius,
        fill: new Fill({ color: 'rgba(91, 63, 150, 0.42)' }),
        stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.9)', width: 1.2 }),
      }),
    });
    placeStyles.set(radius, style);
  }
  return style;
}

// Names of the places, in a layer above the events, the overlapping ones left out.
const labelStyles = new globalThis.Map();
function labelStyle(feature, resolution) {
  const mentions = Number(feature.get('mentions')) || 1;
  if (!(resolution < 2500 || mentions >= 3) || !feature.get('name')) return null;
  const radius = placeRadius(mentions);
  const key = `${radius}|${feature.get('name')}`;
  let style = labelStyles.get(key);
  if (!style) {
    style = new Style({
      text: new Text({
        text: feature.get('name'),
        font: '600 12px "DejaVu Sans", "Liberation Sans", Arial, sans-serif',
        offsetY: -radius - 8,
        fill: new Fill({ color: '#2b2340' }),
        stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.85)', width: 3 }),
      }),
    });
    labelStyles.set(key, style);
  }
  return style;
}

const mentionStyle = new Style({
  image: new Circle({
    radius: 3,
    fill: new Fill({ color: '#222' }),
    stroke: new Stroke({ color: '#fff', width: 1 }),
  }),
});

const eventStyles = {};
function eventStyleFor(props) {
  const color = colorOf(props);
  if (!eventStyles[color]) {
    eventStyles[color] = new Style({
      image: new Circle({
        radius: 6,
        fill: new Fill({ color }),
        stroke: new Stroke({ color: '#fff', width: 1.5 }),
      }),
    });
  }
  return eventStyles[color];
}

const resultMarker = new Circle({
  radius: 8,
  fill: new Fill({ color: '#ffd23f' }),
  stroke: new Stroke({ color: '#1b1b1b', width: 2 }),
});
const resultMentionStyles = new globalThis.Map();
function resultMentionStyle(feature) {
  const name = feature.get('surface') || '';
  let style = resultMentionStyles.get(name);
  if (!style) {
    style = new Style({
      image: resultMarker,
      text: new Text({
        text: name,
        font: '600 12px "DejaVu Sans", "Liberation Sans", Arial, sans-serif',
        offsetY: 18,
        fill: new Fill({ color: '#1b1b1b' }),
        stroke: new Stroke({ color: 'rgba(255, 210, 63, 0.9)', width: 4 }),
      }),
      zIndex: 1,
    });
    resultMentionStyles.set(name, style);
  }
  return style;
}
const resultEventStyles = {};
function resultEventStyle(props) {
  const color = colorOf(props);
  if (!resultEventStyles[color]) {
    resultEventStyles[color] = new Style({
      image: new RegularShape({
        points: 4,
        radius: 7,
        angle: Math.PI / 4,
        displacement: [9, 9],
        fill: new Fill({ color }),
        stroke: new Stroke({ color: '#1b1b1b', width: 1.5 }),
      }),
      zIndex: 2,
    });
  }
  return resultEventStyles[color];
}

// ---- the map ------------------------------------------------------------------------------

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
const sources = {
  base: new VectorSource({ attributions: 'Country outlines: Natural Earth (public domain)' }),
  places: new VectorSource(),
  mentions: new VectorSource(),
  events: new VectorSource(),
  results: new VectorSource(),
};

// Every layer its own className, hence its own canvas, so the test can read what each drew.
const layers = {
  base: new VectorLayer({ source: sources.base, style: baseStyle, className: 'gm-base' }),
  places: new VectorLayer({
    source: sources.places,
    style: placeStyle,
    className: 'gm-places',
    // The biggest drawn first, so that small places stay clickable on top.
    renderOrder: (a, b) => (Number(b.get('mentions')) || 0) - (Number(a.get('mentions')) || 0),
  }),
  mentions: new VectorLayer({
    source: sources.mentions, style: mentionStyle, className: 'gm-mentions', visible: false,
  }),
  events: new VectorLayer({
    source: sources.events,
    className: 'gm-events',
    style: (feature) => (eventVisible(feature) ? eventStyleFor(feature.getProperties()) : null),
  }),
  labels: new VectorLayer({
    source: sources.places, style: labelStyle, className: 'gm-labels', declutter: true,
  }),
  results: new VectorLayer({
    source: sources.results,
    className: 'gm-results',
    style: (feature) => (feature.get('layer') === 'events'
      ? resultEventStyle(feature.getProperties()) : resultMentionStyle(feature)),
  }),
};

const rendered = { base: 0, places: 0, mentions: 0, events: 0, labels: 0, results: 0 };
const canvases = {};
for (const [name, layer] of Object.entries(layers)) {
  layer.set('gmName', name);
  layer.on('postrender', (event) => {
    rendered[name] += 1;
    canvases[name] = event.context.canvas;
  });
}

const popupElement = document.getElementById('popup');
const popup = new Overlay({
  element: popupElement,
  positioning: 'bottom-center',
  offset: [0, -12],
  autoPan: { animation: { duration: 0 }, margin: 20 },
});

const map = new Map({
  target: 'map',
  layers: [layers.base, layers.places, layers.mentions, layers.events, layers.labels,
    layers.results],
  overlays: [popup],
  controls: defaultControls({ attributionOptions: { collapsible: false } })
    .extend([new ScaleLine()]),
  view: new View({ center: fromLonLat([15, 20]), zoom: 2, minZoom: 1, maxZoom: 12 }),
});

// ---- the time slider ------------------------------------------------------------------------

const slider = document.getElementById('time');
const timeLabel = document.getElementById('time-label');
let eventDates = [];   // the distinct event dates, sorted; the slider's last step is "all"

function sliderDate() {
  const i = Number(slider.value);
  return i < eventDates.length ? eventDates[i] : null;
}
function eventVisible(feature) {
  const until = sliderDate();
  if (until === null) return true;
  const day = dayOf(feature.get('date'));
  return day !== null && day <= until;
}
function eventsShown() {
  return sources.events.getFeatures().filter((f) => f.getGeometry() && eventVisible(f)).length;
}
function eventsTotal() {
  return sources.events.getFeatures().filter((f) => f.getGeometry()).length;
}
function updateTime() {
  const until = sliderDate();
  const shown = eventsShown();
  const total = eventsTotal();
  if (total === 0) {
    timeLabel.textContent = 'No events';
  } else if (until === null) {
    const span = eventDates.length
      ? `${eventDates[0]} to ${eventDates[eventDates.length - 1]}` : 'undated';
    timeLabel.textContent = `All ${total} events (${span})`;
  } else {
    timeLabel.textContent = `Up to ${until}: ${shown} of ${total} events`;
  }
  slider.disabled = eventDates.length === 0;
  document.getElementById('count-events').textContent = total ? `${shown}/${total}` : '';
  layers.events.changed();
}
function setupTime() {
  const days = new Set();
  for (const f of sources.events.getFeatures()) {
    const day = dayOf(f.get('date'));
    if (day && f.getGeometry()) days.add(day);
  }
  eventDates = [...days].sort();
  slider.min = '0';
  slider.max = String(eventDates.length);
  slider.value = String(eventDates.length);
  updateTime();
}
slider.addEventListener('input', updateTime);

// ---- legend ---------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k === 'style') node.style.cssText = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === '') continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function updateLegend() {
  const legend = document.getElementById('legend');
  legend.replaceChildren();
  const counts = {};
  const roots = {};
  for (const f of [...sources.events.getFeatures(), ...sources.results.getFeatures()]) {
    const p = f.getProperties();
    if (f.get('layer') === 'mentions' || !f.getGeometry()) continue;
    const q = quadOf(p);
    counts[q] = (counts[q] || 0) + 1;
    if (p.root_code) (roots[q] ||= new Set()).add(String(p.root_code).padStart(2, '0'));
  }
  for (const q of [1, 2, 3, 4]) {
    const codes = [...(roots[q] || [])].sort()
      .map((c) => `${c} ${ROOTS[c] || ''}`.trim()).join(' · ');
    legend.append(el('li', {},
      el('span', { class: 'swatch', style: `background:${QUADS[q].color}` }),
      el('span', { class: 'legend-name' }, QUADS[q].name),
      el('span', { class: 'count' }, counts[q] || 0),
      codes ? el('div', { class: 'legend-codes muted' }, codes) : null));
  }
}

// ---- popup ----------------------------------------------------------------------------------

function cp(text, start, end) {
  // Offsets in the layers are Unicode code points, end exclusive.
  return Array.from(text).slice(start, end).join('');
}

// The sentence with the span [start, end) of `text` (code points) marked, for pasted articles.
function contextOf(text, start, end) {
  const chars = Array.from(text);
  let a = start;
  while (a > 0 && !/[.!?\n]/.test(chars[a - 1])) a -= 1;
  let b = end;
  while (b < chars.length && !/[.!?\n]/.test(chars[b])) b += 1;
  if (b < chars.length) b += 1;
  return [chars.slice(a, start).join('').trimStart(), chars.slice(start, end).join(''),
    chars.slice(end, b).join('').trimEnd()];
}

function sentenceWithTrigger(sentence, trigger) {
  const i = trigger ? sentence.indexOf(trigger) : -1;
  if (i < 0) return el('blockquote', {}, sentence);
  return el('blockquote', {}, sentence.slice(0, i), el('mark', {}, trigger),
    sentence.slice(i + trigger.length));
}

const pastedTexts = {};   // article id -> text, for the pasted articles

function describe(feature, kind) {
  const p = feature.getProperties();
  if (kind === 'places') {
    const where = [p.admin1, p.country].filter(Boolean).join(', ');
    const dates = p.first_date ? [dayOf(p.first_date), dayOf(p.last_date)]
      .filter(Boolean).filter((d, i, a) => a.indexOf(d) === i).join(' – ') : '';
    return el('div', { class: 'item place' },
      el('div', { class: 'title' }, p.name, where ? el('span', { class: 'muted' }, ` · ${where}`) : ''),
      el('div', {}, `${p.mentions} mention${p.mentions === 1 ? '' : 's'} in ${p.articles} article${p.articles === 1 ? '' : 's'}`),
      dates ? el('div', { class: 'muted' }, dates) : null,
      el('div', { class: 'muted small' }, `GeoNames ${p.place_id} · ${p.feature || ''}`));
  }
  if (kind === 'events') {
    const q = quadOf(p);
    const fatal = Number(p.fatalities) >= 0 ? el('div', {}, `Dead: at least ${p.fatalities}`) : null;
    return el('div', { class: 'item event' },
      el('div', { class: 'title' },
        el('span', { class: 'swatch', style: `background:${colorOf(p)}` }), p.type || 'event'),
      el('div', { class: 'muted small' },
        `CAMEO ${p.code} · ${QUADS[q] ? QUADS[q].name : ''}`),
      el('div', {}, 'Article ', el('b', { class: 'article' }, p.article),
        p.date ? ` · ${dayOf(p.date) || p.date}` : '',
        p.date && p.date_precision ? (p.date_precision === 'article'
          ? ' (the article\'s date)' : ` (to the ${p.date_precision})`) : ''),
      p.sentence ? sentenceWithTrigger(p.sentence, p.trigger) : null,
      el('div', { class: 'placement' }, 'Placed at ', el('b', {}, p.place || '?'),
        p.country ? ` (${p.country})` : '',
        ` · precision: ${p.precision} · reason: ${p.reason}`),
      el('div', { class: 'muted small' },
        `confidence ${Number(p.confidence).toFixed(2)}`), fatal);
  }
  // a mention
  const text = pastedTexts[p.article];
  let context = null;
  if (text !== undefined && Number.isInteger(p.start)) {
    const [before, span, after] = contextOf(text, p.start, p.end);
    context = el('blockquote', {}, before, el('mark', {}, span), after);
  }
  return el('div', { class: 'item mention' },
    el('div', { class: 'title' }, `“${p.surface}”`, el('span', { class: 'muted' }, ` → ${p.place}${p.country ? ` (${p.country})` : ''}`)),
    el('div', {}, 'Article ', el('b', { class: 'article' }, p.article),
      ` · characters ${p.start}–${p.end}`),
    context,
    el('div', { class: 'muted small' }, `score ${Number(p.score).toFixed(2)} · GeoNames ${p.place_id}`));
}

function showPopup(hits, coordinate) {
  if (hits.length === 0) {
    popup.setPosition(undefined);
    popupElement.hidden = true;
    return;
  }
  const body = document.getElementById('popup-body');
  body.replaceChildren();
  const max = 4;
  for (const { feature, kind } of hits.slice(0, max)) body.append(describe(feature, kind));
  if (hits.length > max) body.append(el('div', { class: 'muted small more' }, `and ${hits.length - max} more here`));
  popupElement.hidden = false;
  popup.setPosition(coordinate);
}

map.on('singleclick', (event) => {
  const hits = [];
  const order = { results: 0, events: 1, mentions: 2, places: 3 };
  map.forEachFeatureAtPixel(event.pixel, (feature, layer) => {
    const name = layer.get('gmName');
    if (name === 'base' || name === 'labels') return;
    const kind = name === 'results' ? feature.get('layer') : name;
    hits.push({ feature, kind, rank: order[name] });
  }, { hitTolerance: 4 });
  // The markers of a pasted article's mention and of its events share a point, the events'
  // squares drawn beside it: a click on either shows them all.
  const seen = new Set(hits.map((h) => h.feature));
  for (const hit of hits.filter((h) => h.rank === 0)) {
    const c = hit.feature.getGeometry().getCoordinates().join();
    for (const f of sources.results.getFeatures()) {
      if (!seen.has(f) && f.getGeometry().getCoordinates().join() === c) {
        seen.add(f);
        hits.push({ feature: f, kind: f.get('layer'), rank: 0 });
      }
    }
  }
  const within = (h) => (h.kind === 'events' ? 0 : 1);
  hits.sort((a, b) => a.rank - b.rank || within(a) - within(b));
  const at = hits.length ? hits[0].feature.getGeometry().getCoordinates() : event.coordinate;
  showPopup(hits, at);
});
map.on('pointermove', (event) => {
  if (event.dragging) return;
  const hit = map.hasFeatureAtPixel(event.pixel, {
    layerFilter: (layer) => !['base', 'labels'].includes(layer.get('gmName')), hitTolerance: 4,
  });
  map.getTargetElement().style.cursor = hit ? 'pointer' : '';
});
document.getElementById('popup-close').addEventListener('click', () => showPopup([], null));

// ---- layer toggles --------------------------------------------------------------------------

for (const name of LAYERS) {
  const box = document.getElementById(`show-${name}`);
  const show = () => {
    layers[name].setVisible(box.checked);
    if (name === 'places') layers.labels.setVisible(box.checked);
  };
  box.addEventListener('change', show);
  show();
}

function setCount(name, n) {
  document.getElementById(`count-${name}`).textContent = n ? String(n) : '';
}

// ---- loading --------------------------------------------------------------------------------

const status = document.getElementById('status');

async function getJSON(url, options) {
  const response = await fetch(url, options);
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const why = body && body.error ? body.error : response.statusText;
    throw new Error(`${url}: ${response.status} ${why}`);
  }
  return body;
}

async function loadBase() {
  // Natural Earth 1:50m countries from the npm package world-atlas (web/basemap.mjs).
  const collection = await getJSON('base/countries.geojson');
  sources.base.addFeatures(geojson.readFeatures(collection));
}

async function loadLayers() {
  const list = await getJSON('layers');
  const names = list.map((l) => l.name).filter((n) => LAYERS.includes(n));
  await Promise.all(names.map(async (name) => {
    const collection = await getJSON(`layers/${encodeURIComponent(name)}.geojson`);
    sources[name].addFeatures(geojson.readFeatures(collection));
    setCount(name, sources[name].getFeatures().filter((f) => f.getGeometry()).length);
  }));
  return names;
}

function fitTo(features, maxZoom) {
  const extent = createEmpty();
  for (const f of features) if (f.getGeometry()) extend(extent, f.getGeometry().getExtent());
  if (isEmpty(extent)) return;
  map.getView().fit(extent, { padding: [70, 70, 70, 70], maxZoom, duration: 0 });
}

function rendercomplete() {
  return new Promise((resolve) => map.once('rendercomplete', resolve));
}

async function start() {
  const errors = [];
  await Promise.all([
    loadBase().catch((e) => errors.push(`base map: ${e.message}`)),
    loadLayers().then((names) => {
      const counts = LAYERS.filter((n) => names.includes(n))
        .map((n) => `${sources[n].getFeatures().length} ${n}`);
      status.textContent = counts.length ? counts.join(' · ') : 'No --data layers: paste an article below.';
    }).catch((e) => errors.push(`layers: ${e.message}`)),
  ]);
  try {
    const health = await getJSON('health');
    if (health && health.gazetteer) {
      const label = String(health.gazetteer);
      document.getElementById('gazetteer').textContent = /gazetteer/i.test(label)
        ? label.charAt(0).toUpperCase() + label.slice(1) : `Gazetteer: ${label}`;
    }
  } catch (e) {
    errors.push(`health: ${e.message}`);
  }
  setupTime();
  updateLegend();
  const data = [...sources.places.getFeatures(), ...sources.events.getFeatures()];
  if (data.length) fitTo(data, 5);
  if (errors.length) {
    status.textContent = errors.join('; ');
    status.classList.add('error');
  }
  map.render();
  await rendercomplete();
}

// ---- pasting an article ---------------------------------------------------------------------

const form = document.getElementById('paste');
const pasteStatus = document.getElementById('paste-status');
const resultsList = document.getElementById('results');
let pasted = 0;
let resultsReady = 0;   // answers of /extract handled (drawn, or an error shown)

function listResults(features) {
  resultsList.replaceChildren();
  for (const f of features) {
    const p = f.getProperties();
    const placed = Boolean(f.getGeometry());
    const text = p.layer === 'events'
      ? [el('span', { class: 'swatch', style: `background:${colorOf(p)}` }), `${p.type} · ${placed ? p.place : 'no location'}`]
      : [el('span', { class: 'swatch result-mention' }), `${p.surface} → ${p.place}${p.country ? ` (${p.country})` : ''}`];
    const item = el('li', { class: placed ? 'clickable' : 'muted' }, ...text);
    if (placed) {
      item.addEventListener('click', () => {
        const c = f.getGeometry().getCoordinates();
        map.getView().animate({ center: c, duration: 250 });
        const hits = sources.results.getFeatures()
          .filter((g) => g.getGeometry().getCoordinates().join() === c.join());
        showPopup(hits.map((g) => ({ feature: g, kind: g.get('layer') })), c);
      });
    }
    resultsList.append(item);
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = document.getElementById('paste-text').value;
  if (!text.trim()) {
    pasteStatus.textContent = 'Paste some text first.';
    return;
  }
  pasted += 1;
  const article = { id: document.getElementById('paste-id').value.trim() || `pasted-${pasted}`, text };
  const date = document.getElementById('paste-date').value;
  if (date) article.date = date;
  const button = document.getElementById('paste-submit');
  button.disabled = true;
  pasteStatus.classList.remove('error');
  pasteStatus.textContent = 'Mapping…';
  try {
    const collection = await getJSON('extract', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(article),
    });
    pastedTexts[article.id] = text;
    const features = geojson.readFeatures(collection);
    sources.results.clear();
    sources.results.addFeatures(features.filter((f) => f.getGeometry()));
    const nm = features.filter((f) => f.get('layer') === 'mentions').length;
    const ne = features.filter((f) => f.get('layer') === 'events').length;
    const unplaced = features.filter((f) => !f.getGeometry()).length;
    pasteStatus.textContent = `${article.id}: ${nm} place mention${nm === 1 ? '' : 's'}, ${ne} event${ne === 1 ? '' : 's'}`
      + (unplaced ? ` (${unplaced} without a place)` : '');
    listResults(features);
    updateLegend();
    showPopup([], null);
    if (sources.results.getFeatures().length) fitTo(sources.results.getFeatures(), 6);
    await rendercomplete();
    resultsReady += 1;
  } catch (e) {
    pasteStatus.textContent = e.message;
    pasteStatus.classList.add('error');
    resultsReady += 1;
  } finally {
    button.disabled = false;
  }
});

document.getElementById('paste-clear').addEventListener('click', () => {
  sources.results.clear();
  resultsList.replaceChildren();
  pasteStatus.textContent = '';
  showPopup([], null);
  updateLegend();
});

// ---- the test hook --------------------------------------------------------------------------

function plain(feature) {
  const { geometry, ...properties } = feature.getProperties();
  const g = feature.getGeometry();
  const [lon, lat] = g ? toLonLat(g.getCoordinates()) : [null, null];
  return { lon, lat, properties };
}

window.geomapTest = {
  ready: start(),
  // How many features each source holds, and how many events the slider lets through.
  counts: () => ({
    countries: sources.base.getFeatures().length,
    places: sources.places.getFeatures().length,
    mentions: sources.mentions.getFeatures().length,
    events: sources.events.getFeatures().length,
    eventsPlaced: eventsTotal(),
    eventsShown: eventsShown(),
    results: sources.results.getFeatures().length,
    resultsReady,
  }),
  features: (name) => sources[name].getFeatures().map(plain),
  rendered: () => ({ ...rendered }),
  // Page (CSS) pixel of a longitude/latitude on the map.
  pixel: (lon, lat) => {
    const [x, y] = map.getPixelFromCoordinate(fromLonLat([lon, lat]));
    const box = map.getViewport().getBoundingClientRect();
    return [box.left + x, box.top + y];
  },
  mapBox: () => {
    const box = map.getViewport().getBoundingClientRect();
    return { left: box.left, top: box.top, width: box.width, height: box.height };
  },
  // RGBA of what the layer NAME drew at a longitude/latitude (its own canvas).
  sample: (name, lon, lat) => {
    const canvas = canvases[name];
    if (!canvas) return null;
    const [x, y] = map.getPixelFromCoordinate(fromLonLat([lon, lat]));
    const ratio = canvas.width / map.getSize()[0];
    return Array.from(canvas.getContext('2d')
      .getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data);
  },
  // Centre the map on a longitude/latitude at a zoom level; resolves once it has drawn.
  view: (lon, lat, zoom) => {
    const done = rendercomplete();
    map.getView().setCenter(fromLonLat([lon, lat]));
    map.getView().setZoom(zoom);
    return done;
  },
  eventDates: () => [...eventDates],
  quadColors: () => Object.fromEntries(Object.entries(QUADS).map(([q, v]) => [q, v.color])),
};
