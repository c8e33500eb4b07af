#!/usr/bin/env node
// `npm test`: lint, unit/property/scenario tests (vitest), build, then browser tests (Playwright in
// Debian's Chromium against the built site). Ends with one plain line 'N passed, N failed' summed over
// every suite, which CI reads, and exits non-zero when anything failed or nothing ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const isCI = !!process.env.CI;
const reports = 'reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => path && existsSync(path));
}

let ok = true;
ok = run('lint (eslint, prettier --check)', 'npm', ['run', '--silent', 'lint']) && ok;
ok = run('unit, property and scenario tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/unit.json`]) && ok;
const built = run('typecheck and build (tsc, vite)', 'npm', ['run', '--silent', 'build']);
ok = built && ok;

const chromium = findChromium();
let browserSkipped = null;
if (!chromium) {
  browserSkipped = 'no Chromium was found (looked at $CHROMIUM_PATH, /usr/bin/chromium, /usr/lib/chromium/chromium). Install it with: sudo apt-get install -y chromium';
} else if (!built) {
  browserSkipped = 'the build failed';
} else {
  ok = run('browser tests (Playwright, Chromium)', 'npx', ['playwright', 'test'], { CHROMIUM_PATH: chromium }) && ok;
}

console.log('\n=== summary');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ['unit.json', 'e2e.json']) {
  const path = `${reports}/${file}`;
  if (!existsSync(path)) {
    if (file === 'e2e.json' && browserSkipped) continue;
    console.log(`${file}: report missing`);
    failed++;
    continue;
  }
  const r = JSON.parse(readFileSync(path, 'utf8'));
  let p, f, s;
  if ('numPassedTests' in r) {
    p = r.numPassedTests;
    f = r.numFailedTests;
    s = r.numPendingTests + (r.numTodoTests ?? 0);
  } else {
    p = r.stats.expected + r.stats.flaky;
    f = r.stats.unexpected;
    s = r.stats.skipped;
  }
  console.log(`${file.replace('.json', '')}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
}
if (browserSkipped) {
  console.log(`BROWSER TESTS SKIPPED: ${browserSkipped}.`);
  if (isCI) {
    console.log('CI is set, so a missing browser fails the run.');
    ok = false;
  }
}
if (!ok && failed === 0) console.log('A step failed before or outside the test counts (see above).');
console.log(`(${skipped} skipped)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
