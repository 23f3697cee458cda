// Regenerate web/screenshot.png (the README's picture of the page with the
// sample): node web/screenshot.mjs, after web/build.sh and npm ci in web/.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const web = dirname(fileURLToPath(import.meta.url));
const dist = join(web, 'dist');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = join(dist, path === '/' ? 'index.html' : path);
  if (!file.startsWith(dist) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// The page's own text uses the system's fonts; a machine without Chinese fonts
// (a CI box) would show boxes, so the picture draws it with the bundled 黑体.
const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForSelector('body[data-ready="true"]');
await page.addStyleTag({ content: '@font-face { font-family: ui; src: url(fonts/FandolHei-Regular.otf); } body, #draft, select, button, input { font-family: ui, sans-serif !important; }' });
await page.evaluate(() => document.fonts.ready);
await page.fill('#draft', readFileSync(join(web, '..', 'examples', '述责述廉报告.txt'), 'utf8'));
await page.waitForFunction(() => document.querySelectorAll('#preview [data-page]').length > 0);
await page.screenshot({ path: join(web, 'screenshot.png') });
await browser.close();
server.close();
