// licenses.mjs META.json [PACKAGE...]: prints the licence of every npm package whose files
// esbuild put in the bundle (from its metafile), and of the PACKAGEs named (data shipped
// beside the bundle), for LICENSES.txt. Run from web/ by build.sh.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [metaPath, ...extra] = process.argv.slice(2);
const meta = JSON.parse(readFileSync(metaPath, 'utf8'));

const names = new Set(extra);
for (const input of Object.keys(meta.inputs)) {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) names.add(m[1]);
}

const parts = ['Packages from the npm registry in this web map, and their licences.\n'];
for (const name of [...names].sort()) {
  const dir = join('node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  parts.push('='.repeat(78));
  parts.push(`${name} ${pkg.version} (${pkg.license || 'see below'})`);
  parts.push('='.repeat(78));
  parts.push(file && existsSync(join(dir, file))
    ? readFileSync(join(dir, file), 'utf8').trim()
    : `No licence file in the package; its package.json says: ${pkg.license}`);
  parts.push('');
}
process.stdout.write(`${parts.join('\n')}\n`);
