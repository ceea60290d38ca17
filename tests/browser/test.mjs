// The browser test of the web map (issue 10): starts `geomap serve` on a free loopback port
// with --data LAYERS and --web DIR, opens the page in headless Chromium through playwright-core,
// and checks that the base map and the data layers drew, that the time slider filters the
// events, that a pasted article is mapped with its markers where its cities are, and that a
// popup says which article, sentence, precision and reason placed an event. Any request that
// does not go to the test server, and any console error, fails the test. Saves screenshots:
// browser-layers.png (the --data layers), browser-paste.png (the pasted article mapped),
// browser.png (with a popup open).
//
//   node tests/browser/test.mjs --geomap BIN --data LAYERS --web DIR --artifacts DIR
//                               [--chromium /usr/bin/chromium]
// Prints one line per check and "browser: N passed, M failed"; exits 1 when a check failed.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i > 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback !== undefined) return fallback;
  console.error(`test.mjs: ${name} is required`);
  process.exit(2);
}
const geomap = option('--geomap');
const data = option('--data');
const web = option('--web');
const artifacts = option('--artifacts');
const chromiumPath = option('--chromium', '/usr/bin/chromium');

// The pasted article: cities whose GeoNames coordinates (lon, lat) the test knows.
const ARTICLE = {
  id: 'browser-paste-1',
  date: '2024-06-12',
  text: 'Police arrested 40 protesters in Nairobi on Tuesday after a march against new taxes. '
    + 'Thousands of people also protested in Lima, the capital of Peru. '
    + 'Diplomats held talks in Oslo on the ceasefire. '
    + 'Aid workers delivered food to families in Lagos.',
};
const CITIES = {
  Nairobi: [36.81667, -1.28333],
  Lima: [-77.02824, -12.04318],
  Oslo: [10.74609, 59.91273],
  Lagos: [3.39467, 6.45407],
};
const TOL_DEG = 0.05;   // GeoNames' points of these cities, to a few km
const TOL_PX = 2;

let passed = 0;
let failed = 0;
function check(ok, what, detail = '') {
  if (ok) {
    passed += 1;
    console.log(`ok - ${what}`);
  } else {
    failed += 1;
    console.log(`not ok - ${what}${detail ? `: ${detail}` : ''}`);
  }
  return ok;
}

// ---- the server -----------------------------------------------------------------------------

function startServer() {
  const child = spawn(geomap, ['serve', '--data', data, '--listen', '127.0.0.1:0', '--web', web],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const url = new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = /geomap: serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`geomap serve exited with status ${code}:\n${stderr}`)));
    setTimeout(() => reject(new Error(`geomap serve did not say where it listens:\n${stderr}`)), 60000);
  });
  return { child, url, log: () => stderr };
}

async function getJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

// ---- the test -------------------------------------------------------------------------------

async function run() {
  mkdirSync(artifacts, { recursive: true });
  const server = startServer();
  const base = await server.url;
  const origin = new URL(base).origin;
  console.log(`# geomap serve at ${base}`);

  // What the server holds, read apart from the page, to compare with what the page drew.
  const layerList = await getJSON(`${base}layers`);
  const expected = {};
  for (const name of ['places', 'mentions', 'events']) {
    if (layerList.some((l) => l.name === name)) {
      expected[name] = (await getJSON(`${base}layers/${name}.geojson`)).features;
    }
  }
  check(expected.places && expected.places.length > 0 && expected.events
    && expected.events.length > 0, 'the --data layers hold places and events',
  JSON.stringify(layerList.map((l) => [l.name, l.features])));

  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
  const offsite = new Set();
  const consoleErrors = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    // Nothing may leave the test server: other requests are recorded and refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      offsite.add(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:') && new URL(url).origin !== origin) offsite.add(url);
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));

    await page.goto(base);
    await page.evaluate(() => window.geomapTest.ready);
    const counts = await page.evaluate(() => window.geomapTest.counts());

    await page.screenshot({ path: join(artifacts, 'browser-layers.png') });

    // The whole world in view, whatever the extent of the layers.
    await page.evaluate(() => window.geomapTest.view(15, 20, 2));

    // The base map: Natural Earth countries loaded, and drawn on land but not at sea.
    check(counts.countries >= 170, 'the base map holds the Natural Earth countries',
      `${counts.countries} features`);
    const land = await page.evaluate(() => window.geomapTest.sample('base', 23.5, 8.0));
    const sea = await page.evaluate(() => window.geomapTest.sample('base', -30.0, -20.0));
    check(land && land[3] > 0, 'the base map drew land (Central Africa)', JSON.stringify(land));
    check(sea && sea[3] === 0, 'the base map left the sea blank (South Atlantic)',
      JSON.stringify(sea));

    // The data layers: every feature of the server's layers loaded, and drawn.
    for (const name of ['places', 'mentions', 'events']) {
      if (!expected[name]) continue;
      check(counts[name] === expected[name].length, `the page loaded every feature of ${name}`,
        `${counts[name]} of ${expected[name].length}`);
    }
    const rendered = await page.evaluate(() => window.geomapTest.rendered());
    check(rendered.base > 0 && rendered.places > 0 && rendered.events > 0,
      'the base map, places and events layers rendered', JSON.stringify(rendered));
    // The place with the most mentions is drawn (a disc) where it is.
    const top = [...expected.places].sort((a, b) => b.properties.mentions
      - a.properties.mentions)[0];
    const [tlon, tlat] = top.geometry.coordinates;
    const placePixel = await page.evaluate(([lon, lat]) => window.geomapTest.sample('places', lon, lat),
      [tlon, tlat]);
    check(placePixel && placePixel[3] > 0, `the places layer drew ${top.properties.name}`,
      JSON.stringify(placePixel));

    // The time slider: at its last step every placed event shows; at its first only those of
    // the first date or before.
    const placedEvents = expected.events.filter((f) => f.geometry);
    const dates = [...new Set(placedEvents.map((f) => f.properties.date).filter(Boolean))].sort();
    const slider = page.locator('#time');
    await slider.focus();
    await page.keyboard.press('End');
    const atEnd = await page.evaluate(() => window.geomapTest.counts().eventsShown);
    check(atEnd === placedEvents.length, 'the time slider at its end shows every placed event',
      `${atEnd} of ${placedEvents.length}`);
    await page.keyboard.press('Home');
    const atStart = await page.evaluate(() => window.geomapTest.counts().eventsShown);
    const firstDay = placedEvents.filter((f) => f.properties.date === dates[0]).length;
    check(dates.length > 1 && atStart === firstDay && atStart < atEnd,
      `the time slider at its start shows the events of ${dates[0]} only`,
      `${atStart} shown, ${firstDay} expected, ${atEnd} in all`);
    const label = await page.locator('#time-label').textContent();
    check(label.includes(dates[0]), 'the time slider says its date', label);
    await page.keyboard.press('ArrowRight');
    const atSecond = await page.evaluate(() => window.geomapTest.counts().eventsShown);
    const secondDay = placedEvents.filter((f) => f.properties.date <= dates[1]).length;
    check(atSecond === secondDay, `one step right shows the events up to ${dates[1]}`,
      `${atSecond} shown, ${secondDay} expected`);
    await page.keyboard.press('End');

    // Paste an article and map it.
    await page.fill('#paste-text', ARTICLE.text);
    await page.fill('#paste-id', ARTICLE.id);
    await page.fill('#paste-date', ARTICLE.date);
    const answer = page.waitForResponse((r) => r.url() === `${base}extract`
      && r.request().method() === 'POST');
    await page.click('#paste-submit');
    const response = await answer;
    const sent = response.request().postDataJSON();
    check(sent.id === ARTICLE.id && sent.date === ARTICLE.date && sent.text === ARTICLE.text,
      'the page posted the article as JSON', JSON.stringify(sent).slice(0, 200));
    check(response.status() === 200, 'POST /extract answered 200', String(response.status()));
    const collection = await response.json();
    await page.waitForFunction(() => window.geomapTest.counts().resultsReady > 0);
    const results = await page.evaluate(() => window.geomapTest.features('results'));
    const placedAnswer = collection.features.filter((f) => f.geometry);
    check(results.length === placedAnswer.length,
      'the page drew every placed feature of the answer',
      `${results.length} drawn, ${placedAnswer.length} answered`);

    const box = await page.evaluate(() => window.geomapTest.mapBox());
    for (const [city, [lon, lat]] of Object.entries(CITIES)) {
      const mention = results.find((f) => f.properties.layer === 'mentions'
        && f.properties.surface === city);
      if (!check(mention, `a marker for the mention of ${city}`)) continue;
      const dist = Math.hypot(mention.lon - lon, mention.lat - lat);
      check(dist < TOL_DEG, `${city}'s marker is at ${city}`,
        `at ${mention.lon}, ${mention.lat}; ${dist.toFixed(3)} degrees off`);
      const [px, py] = await page.evaluate(([a, b]) => window.geomapTest.pixel(a, b),
        [mention.lon, mention.lat]);
      const [qx, qy] = await page.evaluate(([a, b]) => window.geomapTest.pixel(a, b), [lon, lat]);
      check(Math.hypot(px - qx, py - qy) <= TOL_PX
        && px > box.left && px < box.left + box.width && py > box.top && py < box.top + box.height,
      `${city}'s marker is on screen at ${city}'s pixel`,
      `marker ${px.toFixed(1)},${py.toFixed(1)}; city ${qx.toFixed(1)},${qy.toFixed(1)}`);
      const drawn = await page.evaluate(([a, b]) => window.geomapTest.sample('results', a, b),
        [lon, lat]);
      check(drawn && drawn[3] > 0, `the results layer drew a marker at ${city}`,
        JSON.stringify(drawn));
    }
    const oslo = results.find((f) => f.properties.layer === 'events'
      && f.properties.place === 'Oslo' && f.properties.root_code === '04');
    check(oslo, 'the talks in Oslo are an event placed in Oslo');
    const listed = await page.locator('#results li').count();
    check(listed === collection.features.length, 'the page lists every feature of the answer',
      `${listed} of ${collection.features.length}`);

    await page.screenshot({ path: join(artifacts, 'browser-paste.png') });

    // A popup: click on Oslo.
    const [ox, oy] = await page.evaluate(([a, b]) => window.geomapTest.pixel(a, b), CITIES.Oslo);
    await page.mouse.click(ox, oy);
    const popup = page.locator('#popup');
    await popup.waitFor({ state: 'visible' });
    const text = await popup.innerText();
    check(text.includes(ARTICLE.id), 'the popup names the article', text);
    check(text.includes('Diplomats held talks in Oslo on the ceasefire.'),
      'the popup quotes the sentence of the event', text);
    check(/precision: city/.test(text) && /reason: locative/.test(text),
      'the popup says the precision and reason of the placement', text);
    check(text.includes('engage in negotiation'), 'the popup says the type of the event', text);

    await page.screenshot({ path: join(artifacts, 'browser.png') });
    console.log(`# screenshot: ${join(artifacts, 'browser.png')}`);

    check(offsite.size === 0, 'no request left the test server', [...offsite].join(' '));
    check(consoleErrors.length === 0, 'no console error', consoleErrors.join(' | '));
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
  }
}

try {
  await run();
} catch (error) {
  failed += 1;
  console.log(`not ok - the browser test ran to its end: ${error.stack || error}`);
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
