// End to end in a real browser: Debian's Chromium, headless, driven by
// playwright-core, against web/dist served on 127.0.0.1. The page's downloads
// must equal the command line's output for the same draft (text and page
// count; the same objects and DOCX bytes where the timestamp is the same), no request may leave the
// machine, and the console must stay free of errors.
//
// Needs: web/build.sh run first, /usr/bin/chromium, poppler's pdftotext and
// pdfinfo, qpdf, python3, and the command line built (target/debug/gongwen, or
// GONGWEN_BIN).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, utimesSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const web = dirname(dirname(fileURLToPath(import.meta.url)));
const root = dirname(web);
const dist = join(web, 'dist');
const cliBin = process.env.GONGWEN_BIN || join(root, 'target', 'debug', 'gongwen');
const SAMPLE = join(root, 'examples', '述责述廉报告.txt');
const MTIME = 1709251200;
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.otf': 'font/otf', '.ttf': 'font/ttf', '.txt': 'text/plain',
};

let server, base, browser, work;
// Every path the server was asked for, in order.
const served = [];

before(async () => {
  assert.ok(existsSync(join(dist, 'index.html')), 'web/dist is built (web/build.sh)');
  assert.ok(existsSync(cliBin), `the command line is built: ${cliBin}`);
  work = mkdtempSync(join(tmpdir(), 'gongwen-e2e-'));
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    served.push(path);
    const file = join(dist, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dist) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// A fresh page, with every request and console error recorded.
async function open() {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]');
  return { context, page, requests, errors };
}

function checkClean({ requests, errors }) {
  const outside = requests.filter((u) => !u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(outside, [], 'no request leaves 127.0.0.1');
  assert.deepEqual(errors, [], 'no console error');
}

async function waitForPreview(page) {
  const t0 = Date.now();
  await page.waitForFunction(() => document.querySelectorAll('#preview [data-page]').length > 0
    && /页/.test(document.getElementById('status').textContent), null, { timeout: 60000 });
  return Date.now() - t0;
}

async function download(page, button, dir) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const to = join(dir, dl.suggestedFilename());
  await dl.saveAs(to);
  return { name: dl.suggestedFilename(), path: to };
}

// The command line's PDF and DOCX of a file, with the bundled fonts only (the
// page has no others). Its timestamp is the file's modification time.
function cli(input, outDir) {
  execFileSync(cliBin, ['convert', input, '-o', `${outDir}/`], {
    env: { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1', GONGWEN_FONTS_DIR: join(root, 'fonts'), SOURCE_DATE_EPOCH: '' },
  });
}

const pdfText = (p) => execFileSync('pdftotext', ['-layout', p, '-'], { encoding: 'utf8' });
const pdfPages = (p) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [p], { encoding: 'utf8' }))[1]);
const docxPart = (p, part) => execFileSync('python3', ['-c',
  'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))', p, part]);

test('paste the sample: preview, then PDF and DOCX equal to the command line', async () => {
  const dir = mkdtempSync(join(work, 'paste-'));
  const input = join(dir, 'draft.txt');
  const text = readFileSync(SAMPLE, 'utf8');
  writeFileSync(input, text);
  cli(input, dir);
  const want = { pdf: join(dir, 'draft.pdf'), docx: join(dir, 'draft.docx') };

  const s = await open();
  const { page } = s;
  await page.fill('#draft', text);
  const ms = await waitForPreview(page);
  console.log(`preview of the pasted sample after ${ms} ms`);
  const pages = await page.locator('#preview [data-page]').count();
  assert.equal(pages, pdfPages(want.pdf), 'one preview page per PDF page');
  const numbers = await page.locator('#preview [data-page]').evaluateAll((els) => els.map((e) => e.dataset.page));
  assert.deepEqual(numbers, Array.from({ length: pages }, (_, i) => String(i + 1)));

  // The linter's findings name line and clause; a click selects that line.
  const problems = page.locator('#problems li');
  assert.ok(await problems.count() > 0, 'the sample has findings (its ** placeholders)');
  const first = problems.first();
  const line = Number(await first.getAttribute('data-line'));
  assert.match(await first.textContent(), new RegExp(`第 ${line} 行`));
  await first.click();
  const selected = await page.$eval('#draft', (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, text.split('\n')[line - 1], 'the finding selects its line');

  // Fonts load lazily: only the roles the sample uses (it has no 楷体 text),
  // each file fetched once.
  const fonts = served.filter((p) => p.startsWith('/fonts/'));
  assert.ok(fonts.includes('/fonts/FandolFang-Regular.otf'), `the body's 仿宋 is fetched: ${fonts}`);
  assert.ok(!fonts.includes('/fonts/FandolKai-Regular.otf'), `no 楷体 for the sample: ${fonts}`);
  assert.equal(new Set(fonts).size, fonts.length, `each font fetched once: ${fonts}`);
  const fontBytes = fonts.reduce((n, p) => n + statSync(join(dist, p)).size, 0);
  console.log(`fonts fetched for the sample: ${fonts.join(' ')} (${fontBytes} bytes)`);

  const downloads = mkdtempSync(join(dir, 'dl-'));
  const pdf = await download(page, '#download-pdf', downloads);
  const docx = await download(page, '#download-docx', downloads);
  assert.equal(pdf.name, '政府办主任2022年度责述廉报告.pdf');
  assert.equal(docx.name, '政府办主任2022年度责述廉报告.docx');
  assert.equal(pdfPages(pdf.path), pdfPages(want.pdf), 'page count');
  assert.equal(pdfText(pdf.path), pdfText(want.pdf), 'the PDF text');
  assert.ok(docxPart(docx.path, 'word/document.xml').equals(docxPart(want.docx, 'word/document.xml')),
    'the DOCX body is the command line\'s');

  // The browser keeps the fonts: the page opened again asks the server for none.
  const before = served.filter((p) => p.startsWith('/fonts/')).length;
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#draft', text);
  await waitForPreview(page);
  assert.equal(served.filter((p) => p.startsWith('/fonts/')).length, before, 'fonts come from the cache');
  checkClean(s);
  await s.context.close();
});

test('a GB18030 file through the picker: decoded as on the command line, same bytes', async () => {
  const dir = mkdtempSync(join(work, 'gb-'));
  const input = join(dir, '述责述廉报告.txt');
  const text = readFileSync(SAMPLE, 'utf8');
  const gb = execFileSync('python3', ['-c',
    'import sys; sys.stdout.buffer.write(sys.stdin.read().replace("\\n", "\\r\\n").encode("gb18030"))'],
  { input: text });
  assert.notEqual(gb.length, Buffer.byteLength(text), 'the file is not UTF-8');
  writeFileSync(input, gb);
  utimesSync(input, MTIME, MTIME);
  cli(input, dir);

  const s = await open();
  const { page } = s;
  await page.setInputFiles('#file', input);
  await waitForPreview(page);
  assert.equal(await page.inputValue('#draft'), text.replace(/\r\n/g, '\n'), 'decoded text in the draft box');
  const downloads = mkdtempSync(join(dir, 'dl-'));
  const pdf = await download(page, '#download-pdf', downloads);
  const docx = await download(page, '#download-docx', downloads);
  // Same draft, fonts and timestamp: both files byte for byte the command
  // line's (the browser runs the same libdeflate, built for wasm32).
  assert.ok(readFileSync(pdf.path).equals(readFileSync(join(dir, '述责述廉报告.pdf'))),
    'the PDF is byte for byte the command line\'s');
  assert.ok(readFileSync(docx.path).equals(readFileSync(join(dir, '述责述廉报告.docx'))),
    'the DOCX is byte for byte the command line\'s');
  checkClean(s);
  await s.context.close();
});

test('a Word draft through the picker: read as the command line reads it', async () => {
  const dir = mkdtempSync(join(work, 'docx-'));
  const txt = join(dir, 'draft.txt');
  writeFileSync(txt, readFileSync(SAMPLE));
  // A Word file of the sample: the command line's own DOCX.
  execFileSync(cliBin, ['convert', txt, '--to', 'docx', '-o', join(dir, 'word.docx')], {
    env: { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1', GONGWEN_FONTS_DIR: join(root, 'fonts') },
  });
  const input = join(dir, 'word.docx');
  execFileSync(cliBin, ['convert', input, '--to', 'pdf', '-o', join(dir, 'cli.pdf')], {
    env: { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1', GONGWEN_FONTS_DIR: join(root, 'fonts') },
  });
  const s = await open();
  const { page } = s;
  await page.setInputFiles('#file', input);
  await waitForPreview(page);
  assert.match(await page.inputValue('#draft'), /政府办主任2022年度责述廉报告/);
  const pdf = await download(page, '#download-pdf', mkdtempSync(join(dir, 'dl-')));
  assert.equal(pdfPages(pdf.path), pdfPages(join(dir, 'cli.pdf')), 'page count');
  assert.equal(pdfText(pdf.path), pdfText(join(dir, 'cli.pdf')), 'the PDF text');
  checkClean(s);
  await s.context.close();
});
