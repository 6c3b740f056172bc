#include "review_assets.hpp"

#include "sohoa/core/markup.hpp"

namespace sohoa::service {

namespace {

constexpr std::string_view k_head = R"(<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="sohoa-csrf" content="@CSRF@">
<link rel="stylesheet" href="/assets/review.css">
<title>@TITLE@</title>
</head>
)";

constexpr std::string_view k_upload_body = R"(<body>
<header><h1>Tiếp nhận hồ sơ</h1></header>
<main class="upload">
<form id="upload-form">
  <label>Cán bộ tiếp nhận <input id="clerk" name="clerk" autocomplete="name"></label>
  <label>Các trang scan (theo thứ tự) <input id="pages" type="file" multiple
    accept=".tif,.tiff,.png,.jpg,.jpeg,.pdf"></label>
  <label>dossier.json (không bắt buộc) <input id="dossier-json" type="file" accept=".json"></label>
  <button type="submit">Gửi hồ sơ</button>
  <p id="upload-message" role="status"></p>
</form>
</main>
<script src="/assets/upload.js"></script>
</body>
</html>
)";

constexpr std::string_view k_review_body = R"(<body data-dossier="@ID@">
<header>
  <h1>Hồ sơ <span id="dossier-id">@ID@</span></h1>
  <span id="dossier-status" class="chip">…</span>
  <label class="clerk">Cán bộ <input id="clerk" autocomplete="name"></label>
  <button id="sign" type="button" disabled>Chấp nhận và ký số</button>
</header>
<p id="message" role="status"></p>
<p class="legend"><span class="sure">chắc chắn</span> <span class="review">cần xem lại</span>
  <span class="failed">sai quy tắc</span> <span class="confirmed">đã xác nhận</span>
  · Tab: trường cần xem lại kế tiếp · Enter: xác nhận</p>
<div id="downloads"></div>
<main id="documents"></main>
<script src="/assets/review.js"></script>
</body>
</html>
)";

constexpr std::string_view k_login_body = R"(<body>
<header><h1>Đăng nhập</h1></header>
<main class="upload">
<form id="login-form" method="post" action="/login">
  <p id="login-message" role="alert">@PROBLEM@</p>
  <label>Mã truy cập (token) <input id="token" name="token" type="password"
    autocomplete="current-password" required autofocus></label>
  <input type="hidden" name="csrf" value="@CSRF@">
  <input type="hidden" name="next" value="@NEXT@">
  <button type="submit">Đăng nhập</button>
</form>
</main>
</body>
</html>
)";

void replace_all(std::string& text, std::string_view key, std::string_view value) {
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
}

} // namespace

std::string upload_page_html(std::string_view csrf_token) {
  std::string page = std::string(k_head) + std::string(k_upload_body);
  replace_all(page, "@TITLE@", "Tiếp nhận hồ sơ");
  replace_all(page, "@CSRF@", escape_html(csrf_token));
  return page;
}

std::string login_page_html(std::string_view next, std::string_view login_csrf,
                            std::string_view problem) {
  std::string page = std::string(k_head) + std::string(k_login_body);
  replace_all(page, "@TITLE@", "Đăng nhập");
  replace_all(page, "@CSRF@", escape_html(login_csrf));
  replace_all(page, "@NEXT@", escape_html(next));
  replace_all(page, "@PROBLEM@", escape_html(problem));
  return page;
}

std::string review_page_html(std::string_view dossier_id, std::string_view csrf_token) {
  std::string page = std::string(k_head) + std::string(k_review_body);
  const std::string id = escape_html(dossier_id);
  replace_all(page, "@TITLE@", "Hồ sơ " + id);
  replace_all(page, "@CSRF@", escape_html(csrf_token));
  replace_all(page, "@ID@", id);
  return page;
}

std::string_view review_style() {
  return R"(@font-face { font-family: "SohoaUI"; src: url("/assets/ui-font.ttf") format("truetype"); }
* { box-sizing: border-box; }
body { font-family: "SohoaUI", "DejaVu Sans", "Noto Sans", sans-serif; margin: 0; color: #1b1b1b;
       background: #f4f4f1; }
header { display: flex; align-items: center; gap: 1rem; padding: .6rem 1rem; background: #12406b;
         color: #fff; position: sticky; top: 0; z-index: 5; }
header h1 { font-size: 1.15rem; margin: 0; }
header .clerk { margin-left: auto; font-size: .9rem; }
button { font: inherit; padding: .35rem .9rem; border-radius: 4px; border: 1px solid #0b2b49;
         background: #ffd24a; cursor: pointer; }
button:disabled { background: #bbb; cursor: default; }
.chip { padding: .1rem .5rem; border-radius: 9px; background: #ddd; color: #222; font-size: .85rem; }
#message { margin: .5rem 1rem; min-height: 1.2em; }
#message.error { color: #a40000; font-weight: bold; }
.legend { margin: 0 1rem; font-size: .85rem; }
.legend span { padding: 0 .4rem; border-left: 6px solid; }
.sure { border-color: #3b7dd8 !important; }
.review { border-color: #e6a100 !important; }
.failed { border-color: #d0021b !important; }
.confirmed { border-color: #1e9e3a !important; }
#downloads a { display: inline-block; margin: .4rem 1rem; font-weight: bold; }
.document { margin: 1rem; padding: .6rem; background: #fff; border: 1px solid #ccc; }
.document h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
.page-row { display: flex; gap: 1rem; align-items: flex-start; margin-bottom: 1rem; }
.page { position: relative; flex: 0 0 auto; width: min(60vw, 900px); border: 1px solid #999; }
.page img { display: block; width: 100%; height: auto; }
.box { position: absolute; border: 3px solid; background: rgba(255,255,255,0.05); }
.box.active { outline: 3px dashed #12406b; outline-offset: 2px; }
.fields { flex: 1 1 20rem; border-collapse: collapse; width: 100%; }
.fields td { padding: .25rem .3rem; border-bottom: 1px solid #eee; vertical-align: top; }
.fields td.label { width: 40%; font-size: .9rem; border-left: 6px solid; }
.fields input { width: 100%; font: inherit; padding: .2rem; border: 1px solid #aaa; }
.fields input:focus { outline: 3px solid #12406b; }
.fields .issue { color: #a40000; font-size: .8rem; }
main.upload form { display: grid; gap: .8rem; max-width: 40rem; margin: 1rem; }
)";
}

std::string_view upload_script() {
  return R"(// Upload page: sends the chosen page files, in the order chosen, then opens the review.
'use strict';
const csrf = document.querySelector('meta[name="sohoa-csrf"]').content;
const clerk = document.getElementById('clerk');
clerk.value = localStorage.getItem('sohoa-clerk') || '';
document.getElementById('upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = document.getElementById('upload-message');
  const form = new FormData();
  for (const file of document.getElementById('pages').files) form.append('page', file, file.name);
  const dossierJson = document.getElementById('dossier-json').files[0];
  if (dossierJson) form.append('dossier.json', dossierJson, 'dossier.json');
  localStorage.setItem('sohoa-clerk', clerk.value);
  const response = await fetch('/api/dossiers', { method: 'POST', body: form,
    headers: { 'X-Sohoa-CSRF': csrf, 'X-Sohoa-Clerk': encodeURIComponent(clerk.value) } });
  const body = await response.json();
  if (response.status !== 201) { message.textContent = body.message; return; }
  location.href = body.review;
});
)";
}

std::string_view review_script() {
  return R"(// Review page: each page image with its fields' boxes, the values beside them.
// Tab goes through the fields that need review, Enter confirms (PATCH), the
// server's re-validated value comes back into the input.
'use strict';
const dossierId = document.body.dataset.dossier;
const csrf = document.querySelector('meta[name="sohoa-csrf"]').content;
const api = '/api/dossiers/' + encodeURIComponent(dossierId);
const message = document.getElementById('message');
const clerk = document.getElementById('clerk');
clerk.value = localStorage.getItem('sohoa-clerk') || '';
clerk.addEventListener('change', () => localStorage.setItem('sohoa-clerk', clerk.value));
let labels = {};
let dossier = null;
let resolveDone;
const dossierDone = new Promise((resolve) => { resolveDone = resolve; });

function say(text, isError) {
  message.textContent = text;
  message.className = isError ? 'error' : '';
}

function headers() {
  return { 'Content-Type': 'application/json', 'X-Sohoa-CSRF': csrf,
           'X-Sohoa-Clerk': encodeURIComponent(clerk.value) };
}

function stateOf(record, id, field) {
  if (field.confirmed) return 'confirmed';
  if ((record.issues || []).some((i) => i.field === id)) return 'failed';
  return field.needs_review ? 'review' : 'sure';
}

function labelOf(docType, id) {
  const type = labels[docType];
  return (type && type.fields[id]) || id;
}

function paint(row, box, state) {
  for (const el of [row.querySelector('td.label'), box]) {
    if (!el) continue;
    el.classList.remove('sure', 'review', 'failed', 'confirmed');
    el.classList.add(state);
  }
  row.dataset.state = state;
  row.querySelector('input').tabIndex = (state === 'review' || state === 'failed') ? 0 : -1;
}

function nextToReview(from) {
  const inputs = [...document.querySelectorAll('.fields input')];
  const start = inputs.indexOf(from);
  for (let i = 1; i <= inputs.length; ++i) {
    const candidate = inputs[(start + i) % inputs.length];
    if (candidate.tabIndex === 0) return candidate;
  }
  return null;
}

// After an edit the cross-checks may raise or drop issues on other fields (an id
// number against a corrected date of birth): every row shows the record as stored.
// A flag raised once stays until a person confirms the field.
function refreshDocument(record) {
  const section = document.querySelector(`section[data-document="${CSS.escape(record.document_id)}"]`);
  for (const tr of section.querySelectorAll('tr[data-field]')) {
    const id = tr.dataset.field;
    const field = record.fields[id];
    if (!field) continue;
    const box = section.querySelector(`.box[data-field="${CSS.escape(id)}"]`);
    tr.querySelector('.issue').textContent = (record.issues || []).filter((i) => i.field === id)
                                                               .map((i) => i.message).join(' ');
    const wasConfirmed = tr.dataset.state === 'confirmed' && !field.needs_review;
    paint(tr, box, wasConfirmed ? 'confirmed' : stateOf(record, id, field));
  }
}

async function confirmField(record, id, input, row, box) {
  await dossierDone;  // fields are shown before the PDFs are written; edits wait for them
  const url = api + '/documents/' + encodeURIComponent(record.document_id) + '/fields/' +
              encodeURIComponent(id);
  const response = await fetch(url, { method: 'PATCH', headers: headers(),
                                      body: JSON.stringify({ value: input.value }) });
  const body = await response.json();
  if (!response.ok) { say(body.message, true); return; }
  input.value = body.value;
  refreshDocument(body.record);
  const failsCheck = (body.issues || []).length > 0;  // confirmed, but a rule still fails
  paint(row, box, failsCheck ? 'failed' : 'confirmed');
  say(labelOf(record.doc_type, id) + ': ' + (failsCheck ? 'vẫn sai quy tắc' : 'đã xác nhận'));
  const next = nextToReview(input);
  if (next && next !== input) next.focus();
}

function renderDocument(record, state) {
  const section = document.createElement('section');
  section.className = 'document';
  section.dataset.document = record.document_id;
  const title = document.createElement('h2');
  const type = labels[record.doc_type];
  title.textContent = record.document_id + ' — ' + (type ? type.title : record.doc_type) +
                      (state.status ? ' (' + state.status + ')' : '');
  section.appendChild(title);
  const entries = Object.entries(record.fields).sort((a, b) =>
    (a[1].page - b[1].page) || (a[1].bbox[1] - b[1].bbox[1]) || (a[1].bbox[0] - b[1].bbox[0]));
  for (const page of record.pages) {
    const row = document.createElement('div');
    row.className = 'page-row';
    const frame = document.createElement('div');
    frame.className = 'page';
    frame.dataset.page = page.index;
    frame.dataset.width = page.width;
    frame.dataset.height = page.height;
    const img = document.createElement('img');
    img.alt = 'Trang ' + page.index;
    img.src = api + '/documents/' + encodeURIComponent(record.document_id) + '/pages/' +
              page.index + '.jpg';
    frame.appendChild(img);
    const table = document.createElement('table');
    table.className = 'fields';
    for (const [id, field] of entries) {
      if (field.page !== page.index) continue;
      let box = null;
      const [x, y, w, h] = field.bbox;
      if (w > 0 && h > 0) {
        box = document.createElement('div');
        box.className = 'box';
        box.dataset.field = id;
        box.title = labelOf(record.doc_type, id);
        box.style.left = (100 * x / page.width) + '%';
        box.style.top = (100 * y / page.height) + '%';
        box.style.width = (100 * w / page.width) + '%';
        box.style.height = (100 * h / page.height) + '%';
        frame.appendChild(box);
      }
      const tr = document.createElement('tr');
      tr.dataset.field = id;
      const label = document.createElement('td');
      label.className = 'label';
      label.textContent = labelOf(record.doc_type, id);
      const cell = document.createElement('td');
      const input = document.createElement('input');
      input.value = field.value;
      input.dataset.field = id;
      input.setAttribute('aria-label', label.textContent);
      const issue = document.createElement('div');
      issue.className = 'issue';
      issue.textContent = (record.issues || []).filter((i) => i.field === id)
                                               .map((i) => i.message).join(' ');
      cell.append(input, issue);
      tr.append(label, cell);
      table.appendChild(tr);
      paint(tr, box, stateOf(record, id, field));
      input.addEventListener('focus', () => box && box.classList.add('active'));
      input.addEventListener('blur', () => box && box.classList.remove('active'));
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          confirmField(record, id, input, tr, box);
        }
      });
    }
    row.append(frame, table);
    section.appendChild(row);
  }
  return section;
}

function markConfirmed(body) {
  // Fields a clerk confirmed earlier (the manifest's edit events) stay green on reload.
  for (const event of body.events || []) {
    if (event.event !== 'edit') continue;
    const record = body.documents.find((r) => r.document_id === event.document);
    const field = record && record.fields[event.field];
    if (field && !field.needs_review) field.confirmed = true;
  }
}

function showDownloads(body) {
  const box = document.getElementById('downloads');
  box.textContent = '';
  for (const record of body.documents) {
    const state = body.document_status[record.document_id];
    if (!state || !state.signature) continue;
    const a = document.createElement('a');
    a.href = api + '/documents/' + encodeURIComponent(record.document_id) + '.pdf';
    a.textContent = 'Tải bản PDF đã ký: ' + record.document_id;
    a.className = 'download';
    a.setAttribute('download', record.document_id + '.pdf');
    box.appendChild(a);
  }
}

// The records come first (the PDFs are still being written): they are shown
// at once, and once the dossier is done only its state is brought up to date, so
// nothing the clerk has typed meanwhile is lost.
function finish(body) {
  dossier = body;
  document.getElementById('dossier-status').textContent = body.status + (body.signed ? ' · đã ký' : '');
  for (const record of body.documents) {
    const state = body.document_status[record.document_id] || {};
    const title = document.querySelector(`section[data-document="${CSS.escape(record.document_id)}"] h2`);
    const type = labels[record.doc_type];
    if (title) title.textContent = record.document_id + ' — ' + (type ? type.title : record.doc_type) +
                                   (state.status ? ' (' + state.status + ')' : '');
  }
  document.getElementById('sign').disabled = body.signed || body.documents.length === 0;
  showDownloads(body);
  document.body.dataset.ready = 'true';
  resolveDone();
}

function render(body) {
  dossier = body;
  document.getElementById('dossier-status').textContent = body.status + (body.signed ? ' · đã ký' : '');
  const main = document.getElementById('documents');
  main.textContent = '';
  markConfirmed(body);
  for (const record of body.documents) {
    main.appendChild(renderDocument(record, body.document_status[record.document_id] || {}));
  }
  for (const [id, state] of Object.entries(body.document_status)) {
    if (state.status === 'failed') {
      const p = document.createElement('p');
      p.className = 'document failed';
      p.textContent = id + ': ' + (state.reason || 'lỗi');
      main.appendChild(p);
    }
  }
  const first = document.querySelector('.fields input[tabindex="0"]');
  if (first) first.focus();
  if (body.status === 'done' || body.status === 'failed') {
    finish(body);
  } else {
    document.getElementById('sign').disabled = true;
  }
}

async function sign(force) {
  const response = await fetch(api + '/sign' + (force ? '?force=1' : ''),
                               { method: 'POST', headers: headers() });
  const body = await response.json();
  if (response.status === 409 && body.error === 'needs_review' && !force) {
    if (confirm(body.message + '\nVẫn ký?')) return sign(true);
    say(body.message, true);
    return;
  }
  if (!response.ok) { say(body.message, true); return; }
  say('Đã ký số ' + body.documents.filter((d) => d.signature).length + ' giấy tờ.');
  await load();
}

document.getElementById('sign').addEventListener('click', () => sign(false));

// A long poll: the server answers as soon as the records are shown, then as
// soon as the dossier is done, so the page never waits on a timer.
let shownEarly = false;
async function load() {
  const response = await fetch(api + '?wait=' + (shownEarly ? 'done' : 'records'));
  const body = await response.json();
  if (!response.ok) { say(body.message, true); return; }
  if (body.status === 'queued' || body.status === 'working') {
    if (body.records_ready && !shownEarly) {
      shownEarly = true;
      render(body);
    }
    document.getElementById('dossier-status').textContent = body.status;
    setTimeout(load, 0);
    return;
  }
  if (body.status === 'failed') say(body.reason || 'Hồ sơ lỗi', true);
  if (shownEarly && dossier.status !== 'done') {
    markConfirmed(body);
    finish(body);
  } else {
    render(body);
  }
}

fetch('/api/forms').then((r) => r.json()).then((l) => { labels = l; load(); });
)";
}

} // namespace sohoa::service
