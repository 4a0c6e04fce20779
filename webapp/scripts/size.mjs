// Gzipped size of the JavaScript the first screen loads: the module scripts and modulepreload
// links of dist/index.html. Exits 1 above the limit. Plain Node, no dependencies.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 300;
const BASE = '/app/';
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error('dist/index.html not found: run `npm run build` first');
  process.exit(1);
}

const urls = new Set();
for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
  const attr = (name) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
  const isScript = /^<script/i.test(tag) && attr('src');
  const isPreload = /^<link/i.test(tag) && attr('rel')?.toLowerCase() === 'modulepreload';
  if (isScript) urls.add(attr('src'));
  else if (isPreload) urls.add(attr('href'));
}

if (urls.size === 0) {
  console.error('no JavaScript found in dist/index.html');
  process.exit(1);
}

let total = 0;
for (const url of urls) {
  if (/^[a-z]+:\/\//i.test(url)) {
    console.error(`external script not measured: ${url}`);
    continue;
  }
  const path = url.startsWith(BASE) ? url.slice(BASE.length) : url.replace(/^\//, '');
  const bytes = gzipSync(readFileSync(join(dist, path)), { level: 9 }).length;
  total += bytes;
  console.log(`  ${path}: ${(bytes / 1024).toFixed(1)} KB gzipped`);
}

const kb = total / 1024;
console.log(`first screen JavaScript: ${kb.toFixed(1)} KB gzipped (limit ${LIMIT_KB} KB)`);
if (kb > LIMIT_KB) {
  console.error(`over the limit by ${(kb - LIMIT_KB).toFixed(1)} KB`);
  process.exit(1);
}
