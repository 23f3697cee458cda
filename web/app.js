// The page: the draft box, the picker, the house keys written into the draft's
// front matter, the live preview (gongwen's own layout painted as SVG), the
// linter's findings and the downloads. Everything runs here; the only requests
// are for this page's own files (the wasm and the bundled fonts).
import init, { Session } from './gongwen_web.js';

const $ = (id) => document.getElementById(id);
const draft = $('draft');
const status = $('status');
const DEBOUNCE_MS = 250;
const FONT_CACHE = 'gongwen-fonts-v1';

let session = null;
// The picked file: its name picks the reader (.md is Markdown) and, while the
// draft is unchanged, its modification time is the documents' timestamp, as on
// the command line.
let picked = null;
let timer = 0;
let busy = Promise.resolve();

function say(text, isError = false) {
  status.textContent = text;
  status.className = isError ? 'error' : '';
}

// A picked Word draft is read from its own bytes until the text is edited;
// then the draft box's text is the draft.
function wordDraft() {
  return picked && picked.docx && picked.text === draft.value ? picked : null;
}

function draftName() {
  if (wordDraft()) return picked.name;
  return $('syntax').value === 'md' ? 'draft.md' : 'draft.txt';
}

function draftBytes() {
  const w = wordDraft();
  return w ? w.bytes : new TextEncoder().encode(draft.value);
}

// A bundled font, from the browser's cache when it was fetched before.
async function fontBytes(name) {
  const url = `fonts/${name}`;
  if ('caches' in self) {
    const cache = await caches.open(FONT_CACHE);
    let res = await cache.match(url);
    if (!res) {
      res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      await cache.put(url, res.clone());
    }
    return new Uint8Array(await res.arrayBuffer());
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

// Load only the fonts the draft's roles use (and their fallbacks once a
// character is missing); the layout says which.
async function ensureFonts(bytes, name) {
  for (let round = 0; round < 4; round++) {
    const need = session.fontsNeeded(bytes, name);
    if (need.length === 0) return;
    say(`正在载入字体：${need.join('、')}`);
    const loaded = await Promise.all(need.map(fontBytes));
    need.forEach((n, i) => session.addFont(n, loaded[i]));
  }
}

function lineRange(text, line) {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return [text.length, text.length];
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}

function showProblems(findings) {
  const ul = $('problems');
  ul.replaceChildren();
  for (const f of findings) {
    const li = document.createElement('li');
    li.className = f.severity;
    li.dataset.line = f.line;
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = `第 ${f.line} 行${f.clause ? ` · ${f.clause}` : ''}`;
    li.append(where, f.message);
    li.addEventListener('click', () => {
      const [a, b] = lineRange(draft.value, f.line);
      draft.focus();
      draft.setSelectionRange(a, b);
    });
    ul.append(li);
  }
}

function showPages(pages) {
  const preview = $('preview');
  const divs = pages.map((svg, i) => {
    const div = document.createElement('div');
    div.className = 'page';
    div.dataset.page = String(i + 1);
    div.innerHTML = svg;
    return div;
  });
  preview.replaceChildren(...divs);
}

let lastTitle = '公文';

async function refresh() {
  const text = draft.value;
  const ready = text.trim() !== '';
  $('download-pdf').disabled = !ready;
  $('download-docx').disabled = !ready;
  if (!ready) {
    showPages([]);
    showProblems([]);
    say('');
    return;
  }
  const bytes = draftBytes();
  const name = draftName();
  try {
    await ensureFonts(bytes, name);
    const t0 = performance.now();
    const out = JSON.parse(session.preview(bytes, name));
    lastTitle = out.title || '公文';
    showPages(out.pages);
    showProblems(out.findings);
    const ms = Math.round(performance.now() - t0);
    say(`${out.pages.length} 页 · ${out.findings.length} 条检查结果 · ${ms} ms`
      + (out.warnings.length ? ` · ${out.warnings.join('；')}` : ''));
  } catch (e) {
    say(String(e.message || e), true);
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(() => { busy = busy.then(refresh); }, DEBOUNCE_MS);
}

// ---- front matter: the house keys live in the draft, not in hidden state ----

const KEYS = { format: ['format', '格式'], seal: ['seal', '印章'], font_names: ['font_names', '字体名称'] };

function splitFrontMatter(text) {
  const m = /^---\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!m) return { lines: [], body: text, had: false };
  return { lines: m[1] === '' ? [] : m[1].split('\n'), body: text.slice(m[0].length), had: true };
}

function keyOf(line) {
  const m = /^([^\s:#][^:]*?)\s*:/.exec(line);
  return m ? m[1].trim() : null;
}

function readKey(text, key) {
  for (const line of splitFrontMatter(text).lines) {
    const k = keyOf(line);
    if (k && KEYS[key].includes(k)) return line.slice(line.indexOf(':') + 1).trim().replace(/^["']|["']$/g, '');
  }
  return '';
}

function writeKey(text, key, value) {
  const fm = splitFrontMatter(text);
  const lines = fm.lines.filter((l) => !KEYS[key].includes(keyOf(l)));
  if (value !== '') lines.push(`${key}: ${value}`);
  if (lines.length === 0) return fm.body;
  return `---\n${lines.join('\n')}\n---\n${fm.body}`;
}

function syncControls() {
  $('format').value = readKey(draft.value, 'format');
  $('seal').checked = readKey(draft.value, 'seal') === 'true';
  $('font-names').value = readKey(draft.value, 'font_names');
}

function setKey(key, value) {
  draft.value = writeKey(draft.value, key, value);
  picked = null;
  schedule();
}

// ---- downloads ----

function timestamp() {
  return picked && picked.text === draft.value
    ? Math.floor(picked.lastModified / 1000)
    : Math.floor(Date.now() / 1000);
}

function fileName(ext) {
  const safe = lastTitle.replace(/[\\/:*?"<>|\n\r\t]/g, '').trim().slice(0, 80) || '公文';
  return `${safe}.${ext}`;
}

async function download(kind) {
  await busy;
  const bytes = draftBytes();
  const name = draftName();
  try {
    await ensureFonts(bytes, name);
    const out = kind === 'pdf' ? session.pdf(bytes, name, timestamp()) : session.docx(bytes, name, timestamp());
    const type = kind === 'pdf'
      ? 'application/pdf'
      : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const url = URL.createObjectURL(new Blob([out], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName(kind);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    say(String(e.message || e), true);
  }
}

// ---- wiring ----

async function openFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const lower = file.name.toLowerCase();
  const docx = lower.endsWith('.docx');
  $('syntax').value = /\.(md|markdown|mdown)$/.test(lower) ? 'md' : 'txt';
  try {
    draft.value = Session.decode(bytes, file.name);
  } catch (e) {
    say(String(e.message || e), true);
    return;
  }
  picked = { lastModified: file.lastModified, text: draft.value, docx, bytes, name: file.name };
  syncControls();
  schedule();
}

async function main() {
  await init();
  session = new Session();
  draft.addEventListener('input', () => {
    picked = null;
    // Pasted Markdown with front matter reads as Markdown.
    if (draft.value.startsWith('---\n') && $('syntax').value === 'txt' && /^#{1,6} /m.test(draft.value)) {
      $('syntax').value = 'md';
    }
    syncControls();
    schedule();
  });
  $('syntax').addEventListener('change', schedule);
  $('file').addEventListener('change', (e) => {
    const f = e.target.files[0];
    if (f) openFile(f);
  });
  $('format').addEventListener('change', (e) => setKey('format', e.target.value));
  $('seal').addEventListener('change', (e) => setKey('seal', e.target.checked ? 'true' : ''));
  $('font-names').addEventListener('change', (e) => setKey('font_names', e.target.value));
  $('download-pdf').addEventListener('click', () => download('pdf'));
  $('download-docx').addEventListener('click', () => download('docx'));
  document.body.dataset.ready = 'true';
  say('就绪：粘贴草稿或打开文件');
}

main().catch((e) => say(String(e.message || e), true));
