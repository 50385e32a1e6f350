// The conversation panel: one record, one seller, built only on the seller API (/api/v1/) with the bearer token
// the CRM side minted. The token arrives in the URL fragment (#token=...), which browsers never send to a server,
// is taken out of the address bar at once and then lives only in this module's memory.
//
// Live updates poll the record's conversations every few seconds with If-None-Match: an unchanged conversation
// answers 304 with no body. Polling, not server-sent events: EventSource cannot send the bearer token, the seller
// API has no event stream to subscribe to, and a poll survives connector restarts, proxies and sleeping laptops
// without any reconnection logic.

import { segmentCount } from './segments.js';
import { loadBundle } from './i18n.js';

const POLL_MILLIS = 2500;
const MERGE_FIELD = /\{\{\s*([^{}]*?)\s*}}/g;
const OTHER = '__other__';

const query = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.slice(1));
let token = fragment.get('token');
if (location.hash) {
  history.replaceState(null, '', location.pathname + location.search);
}

const state = {
  type: query.get('type'),
  id: query.get('id'),
  nameHint: query.get('name'),
  opportunity: query.get('opportunity'),
  conversationId: query.get('conversation'),
  templateId: query.get('template'),
  sellerName: claim(token, 'name'),
  details: null,
  shown: null,
  etag: null,
  data: null,
  selected: null,
  senders: [],
  templates: [],
  applied: null,
  idempotencyKey: null,
  stopped: false,
  // Texts refused before reaching the provider (invalid number, opted out): shown at once from the send's answer, with
  // their reason, until the conversation's history (which records them too) holds them.
  unsent: [],
};

const $ = id => document.getElementById(id);
let i18n;

function claim(jwt, name) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0)));
    return JSON.parse(json)[name] ?? null;
  } catch {
    return null;
  }
}

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function api(path, { method = 'GET', body, etag, headers = {} } = {}) {
  const sent = { Authorization: `Bearer ${token}`, Accept: 'application/json, application/problem+json', ...headers };
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  if (etag) sent['If-None-Match'] = etag;
  const response = await fetch(path, {
    method, headers: sent, cache: 'no-store', credentials: 'omit',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 304) return { status: 304, etag };
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new ApiError(response.status, json?.detail ?? response.statusText);
  return { status: response.status, etag: response.headers.get('ETag'), json };
}

// ---- the record (GET /api/v1/records/{type}/{id}: name, phone fields, related records) and its conversations

function normalise(json, details) {
  const conversations = Array.isArray(json) ? json : (json?.conversations ?? json?.items ?? []);
  return {
    conversations,
    opportunities: Array.isArray(details?.opportunities) ? details.opportunities : null,
    contact: details?.contact ?? null,
    account: details?.account ?? null,
    phones: Array.isArray(details?.phones) ? details.phones : [],
    record: details ? { type: details.type, id: details.id, name: details.name } : conversations[0]?.record ?? null,
  };
}

async function loadDetails() {
  try {
    const { json } = await api(`/api/v1/records/${encodeURIComponent(state.type)}/${encodeURIComponent(state.id)}`);
    state.details = json;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) throw e;
    // Without details the panel still works from the conversations, which decide what the seller may see.
    state.details = null;
  }
}

function conversationsPath() {
  const path = `/api/v1/records/${encodeURIComponent(state.type)}/${encodeURIComponent(state.id)}/conversations`;
  return state.opportunity ? `${path}?opportunity=${encodeURIComponent(state.opportunity)}` : path;
}

function recordName() {
  return state.data?.record?.name ?? state.nameHint ?? null;
}

function lastAt(conversation) {
  const messages = conversation.messages ?? [];
  return messages.length ? messages[messages.length - 1].at : '';
}

// ---- rendering

function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = false;
  $('workspace').hidden = true;
  $('change-record').disabled = true;
  $('related').replaceChildren();
}

function renderHeader() {
  const typeName = i18n.t(`recordTypes.${state.type}`);
  const name = recordName();
  $('record-title').textContent = name ? `${typeName}: ${name}` : `${typeName} ${state.id}`;
  document.title = `${i18n.t('title')} · ${name ?? state.id}`;
  // On an opportunity, its contact (and account) open in the panel; on a contact, the drop-down picks an opportunity.
  const related = state.type === 'opportunity' ? [state.data?.contact, state.data?.account].filter(Boolean) : [];
  $('related').replaceChildren(...related.map(r => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = i18n.t('openRelated', { type: i18n.t(`recordTypes.${r.type}`), name: r.name ?? r.id });
    button.addEventListener('click', () => openRecord({ type: r.type, id: r.id, name: r.name }));
    return button;
  }));
  $('change-record').disabled = !state.selected;
}

function renderPickers() {
  const opportunities = state.type === 'contact' ? state.data.opportunities : null;
  $('opportunity-row').hidden = !(opportunities && opportunities.length);
  if (opportunities && opportunities.length) {
    const select = $('opportunity');
    select.replaceChildren(new Option(i18n.t('contactOwnConversations'), ''),
      ...opportunities.map(o => new Option(o.name ?? o.id, o.id)));
    select.value = state.opportunity ?? '';
  }
  const conversations = state.data.conversations;
  $('conversation-row').hidden = conversations.length < 2;
  $('conversation').replaceChildren(...conversations.map(c => new Option(
    i18n.t('conversationOption', { customer: c.customerNumber, business: c.businessNumber })
      + (c.phoneField ? ` (${c.phoneField})` : ''), String(c.id))));
  if (state.selected) $('conversation').value = String(state.selected.id);
}

function messageKey(m) {
  return `${m.direction}|${m.at}|${m.body}`;
}

function shownMessages() {
  const record = `${state.type}/${state.id}`;
  const history = state.selected?.messages ?? [];
  const unsent = state.unsent.filter(m => m.record === record && !history.some(h => h.direction === 'outbound'
    && h.status === 'failed' && h.body === m.body));
  return [...history, ...unsent].sort((a, b) => String(a.at).localeCompare(String(b.at)));
}

function renderMessages(previous) {
  const list = $('messages');
  const messages = shownMessages();
  $('no-messages').hidden = messages.length > 0;
  const format = new Intl.DateTimeFormat(i18n.lang, { dateStyle: 'medium', timeStyle: 'short' });
  list.replaceChildren(...messages.map((m, index) => {
    const item = document.createElement('li');
    item.className = `message ${m.direction}${m.status ? ` ${m.status}` : ''}`;
    const bubble = document.createElement('p');
    bubble.className = 'bubble';
    bubble.textContent = m.body ?? '';
    const meta = document.createElement('p');
    meta.className = 'meta';
    const direction = document.createElement('span');
    direction.className = 'visually-hidden';
    direction.textContent = `${i18n.t(`direction.${m.direction}`)}:`;
    const time = document.createElement('time');
    time.dateTime = m.at;
    time.textContent = format.format(new Date(m.at));
    meta.append(direction, time);
    if (m.direction === 'outbound' && m.status) {
      const status = document.createElement('span');
      status.className = `status ${m.status}`;
      status.textContent = i18n.t(`status.${m.status}`);
      meta.append(status);
      if (m.failureReason) {
        // The reason shows on hover and on keyboard focus (CSS), and screen readers read it with the status.
        const reason = document.createElement('span');
        reason.className = 'reason';
        reason.id = `reason-${index}`;
        reason.setAttribute('role', 'tooltip');
        reason.textContent = i18n.t('reason', { reason: m.failureReason });
        status.tabIndex = 0;
        status.setAttribute('aria-describedby', reason.id);
        meta.append(reason);
      }
    }
    item.append(bubble, meta);
    return item;
  }));
  announceChanges(previous, messages);
  const history = list.closest('.history');
  history.scrollTop = history.scrollHeight;
}

function announceChanges(previous, messages) {
  if (!previous) return;
  const before = new Map(previous.map(m => [messageKey(m), m]));
  const news = [];
  for (const m of messages) {
    const old = before.get(messageKey(m));
    if (!old && m.direction === 'inbound') {
      news.push(i18n.t('newInbound', { from: m.sender ?? '', body: m.body ?? '' }));
    } else if (old && old.status !== m.status && m.status) {
      news.push(i18n.t('statusChanged', { body: m.body ?? '', status: i18n.t(`status.${m.status}`) })
        + (m.failureReason ? ` (${m.failureReason})` : ''));
    }
  }
  if (news.length) $('announcer').textContent = news.join(' ');
}

function renderNumbers() {
  const from = $('from');
  const keepFrom = from.value;
  from.replaceChildren(...state.senders.map(s => new Option(
    s.assignedTo === 'team' ? `${s.number} (${i18n.t('team')})` : s.number, s.number)));
  const preferredFrom = state.selected?.businessNumber;
  if (preferredFrom && state.senders.some(s => s.number === preferredFrom)) from.value = preferredFrom;
  else if (keepFrom && state.senders.some(s => s.number === keepFrom)) from.value = keepFrom;

  const to = $('to');
  const keepTo = to.value;
  const options = [];
  const seen = new Set();
  for (const phone of state.data.phones) {
    const number = phone.number ?? null;
    const option = new Option(`${phone.field}: ${phone.text ?? number ?? ''}`, `field:${phone.field}`);
    // A field whose value is no phone number a text can go to is shown, not offered.
    option.disabled = !number;
    options.push(option);
    if (number) seen.add(number);
  }
  for (const c of state.data.conversations) {
    if (!seen.has(c.customerNumber)) {
      seen.add(c.customerNumber);
      options.push(new Option(c.phoneField ? `${c.phoneField}: ${c.customerNumber}` : c.customerNumber,
        `number:${c.customerNumber}`));
    }
  }
  options.push(new Option(i18n.t('otherNumber'), OTHER));
  to.replaceChildren(...options);
  const values = options.map(o => o.value);
  const preferredTo = state.selected ? `number:${state.selected.customerNumber}` : null;
  const fieldOfSelected = state.selected?.phoneField ? `field:${state.selected.phoneField}` : null;
  if (keepTo && values.includes(keepTo)) to.value = keepTo;
  else if (fieldOfSelected && values.includes(fieldOfSelected)) to.value = fieldOfSelected;
  else if (preferredTo && values.includes(preferredTo)) to.value = preferredTo;
  $('other-row').hidden = to.value !== OTHER;
}

function renderTemplates() {
  const select = $('template');
  const keep = select.value;
  select.replaceChildren(new Option(i18n.t('noTemplate'), ''), ...state.templates.map(t => new Option(
    t.shared ? `${t.name} (${i18n.t('shared')})` : t.name, t.id)));
  if (keep && state.templates.some(t => t.id === keep)) select.value = keep;
}

function renderCounter() {
  const body = $('body').value;
  const count = segmentCount(body);
  $('counter').textContent = i18n.plural('counter', count.segments,
    { chars: [...body].length, segments: count.segments, encoding: count.encoding });
}

function render(previousMessages) {
  $('notice').hidden = true;
  $('workspace').hidden = false;
  renderHeader();
  renderPickers();
  renderMessages(previousMessages);
  renderNumbers();
}

// ---- loading and polling

function select(conversations) {
  const byId = id => conversations.find(c => String(c.id) === String(id));
  return byId(state.conversationId) ?? byId(state.selected?.id)
    ?? [...conversations].sort((a, b) => String(lastAt(b)).localeCompare(String(lastAt(a))))[0] ?? null;
}

async function loadConversations({ fresh = false } = {}) {
  const [answer] = await Promise.all([
    api(conversationsPath(), { etag: fresh ? null : state.etag }),
    fresh ? loadDetails() : null,
  ]);
  if (answer.status === 304) return;
  const previous = fresh ? null : shownMessages();
  const previousId = state.selected?.id;
  state.etag = answer.etag;
  state.data = normalise(answer.json, state.details);
  state.selected = select(state.data.conversations);
  // Only what the seller sees re-renders: a changed read marker alone keeps the DOM (and the keyboard focus).
  const shown = JSON.stringify([state.data.conversations.map(c => [c.id, c.customerNumber, c.businessNumber,
    c.phoneField, c.messages]), state.selected?.id, state.details]);
  if (fresh || shown !== state.shown) render(previousId === state.selected?.id ? previous : null);
  state.shown = shown;
  if (state.selected?.unread > 0 && !document.hidden) {
    // Shown to the seller: read (My text messages stops counting it).
    api(`/api/v1/conversations/${state.selected.id}/read`, { method: 'POST' }).catch(() => {});
  }
}

async function refresh(fresh = false) {
  try {
    await loadConversations({ fresh });
  } catch (e) {
    failed(e);
  }
}

function failed(e) {
  if (e instanceof ApiError && e.status === 404) {
    state.data = null;
    state.selected = null;
    notice(i18n.t('notFound'));
  } else if (e instanceof ApiError && e.status === 401) {
    state.stopped = true;
    notice(i18n.t('sessionExpired'));
  } else {
    notice(i18n.t('error', { detail: e.message }));
  }
}

function poll() {
  setTimeout(async () => {
    if (state.stopped) return;
    if (!document.hidden && state.data) await refresh();
    poll();
  }, POLL_MILLIS);
}

// ---- the composer

function mergeValues() {
  const values = {};
  const put = (field, value) => { if (value && value.trim()) values[field] = value.trim(); };
  const first = name => (name && name.trim() ? name.trim().split(/\s+/)[0] : null);
  put('record.name', recordName());
  put('record.firstName', first(recordName()));
  put('seller.name', state.sellerName);
  put('seller.firstName', first(state.sellerName));
  return values;
}

function fill(body) {
  const values = mergeValues();
  return body.replace(MERGE_FIELD, (match, field) => values[field] ?? match);
}

function applyTemplate(id) {
  const template = state.templates.find(t => t.id === id);
  if (!template) {
    state.applied = null;
    return;
  }
  const filled = fill(template.body);
  state.applied = { id: template.id, filled };
  $('body').value = filled;
  state.idempotencyKey = null;
  renderCounter();
}

function status(text) {
  $('composer-status').textContent = text;
}

async function send(event) {
  event.preventDefault();
  const body = $('body').value;
  const from = $('from').value;
  if (!from) return status(i18n.t('noSender'));
  if (!body.trim()) return status(i18n.t('emptyBody'));
  // A contact's opportunity conversation: the text belongs to the opportunity, so the reply lands there (rule 1).
  const onOpportunity = state.type === 'contact' && state.opportunity;
  const request = { record: onOpportunity ? { type: 'opportunity', id: state.opportunity } : { type: state.type, id: state.id }, from };
  const to = $('to').value;
  if (to === OTHER) request.to = $('other-number').value;
  else if (to.startsWith('field:')) {
    const field = to.slice('field:'.length);
    request.phoneField = onOpportunity ? `contact.${field}` : field;
  } else request.to = to.slice('number:'.length);
  if (state.applied && body === state.applied.filled) {
    // Unchanged from the template: the connector fills the merge fields itself, from the CRM.
    request.templateId = state.applied.id;
  } else {
    const unfilled = [...body.matchAll(MERGE_FIELD)].map(m => m[0]);
    if (unfilled.length) return status(i18n.t('unfilled', { fields: unfilled.join(', ') }));
    request.body = body;
  }
  state.idempotencyKey ??= crypto.randomUUID();
  $('send').disabled = true;
  status(i18n.t('status.sending'));
  try {
    const { json } = await api('/api/v1/messages', {
      method: 'POST', body: request, headers: { 'Idempotency-Key': state.idempotencyKey },
    });
    state.idempotencyKey = null;
    if (json.status === 'failed' && !json.providerMessageId) {
      state.unsent.push({ direction: 'outbound', body, at: new Date().toISOString(), status: 'failed',
        failureReason: json.failureReason, record: `${state.type}/${state.id}` });
    }
    status(json.status === 'failed' ? i18n.t('sentButFailed', { reason: json.failureReason }) : i18n.t('sent'));
    $('body').value = '';
    $('template').value = '';
    state.applied = null;
    state.conversationId = null;
    state.selected = null;
    renderCounter();
    await loadConversations({ fresh: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) failed(e);
    else status(i18n.t('refused', { detail: e.message }));
  } finally {
    $('send').disabled = false;
  }
}

// ---- new template

function openTemplateDialog() {
  $('template-error').textContent = '';
  $('template-name').value = '';
  $('template-body').value = $('body').value;
  $('template-dialog').showModal();
  $('template-name').focus();
}

async function saveTemplate(event) {
  event.preventDefault();
  try {
    const { json } = await api('/api/v1/templates', {
      method: 'POST', body: { name: $('template-name').value, body: $('template-body').value },
    });
    state.templates.push(json);
    renderTemplates();
    $('template').value = json.id;
    applyTemplate(json.id);
    $('template-dialog').close();
    status(i18n.t('templateSaved', { name: json.name }));
    $('template').focus();
  } catch (e) {
    $('template-error').textContent = e.message;
  }
}

// ---- change record

function openMoveDialog() {
  $('move-query').value = '';
  $('move-options').replaceChildren();
  $('move-results').hidden = true;
  $('move-status').textContent = '';
  $('move-confirm').disabled = true;
  $('move-dialog').showModal();
  $('move-query').focus();
}

async function searchRecords(event) {
  event.preventDefault();
  $('move-status').textContent = i18n.t('searching');
  try {
    const { json } = await api(`/api/v1/records?query=${encodeURIComponent($('move-query').value)}`);
    const current = `${state.type}/${state.id}`;
    const found = json.filter(r => `${r.type}/${r.id}` !== current);
    $('move-options').replaceChildren(...found.map((r, i) => {
      const item = document.createElement('li');
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'target';
      radio.id = `target-${i}`;
      radio.value = JSON.stringify({ type: r.type, id: r.id, name: r.name });
      radio.addEventListener('change', () => { $('move-confirm').disabled = false; });
      const label = document.createElement('label');
      label.htmlFor = radio.id;
      label.textContent = `${r.name} (${i18n.t(`recordTypes.${r.type}`)} ${r.id})`;
      item.append(radio, ' ', label);
      return item;
    }));
    $('move-results').hidden = found.length === 0;
    $('move-status').textContent = found.length ? '' : i18n.t('noResults');
    $('move-confirm').disabled = true;
    $('move-options').querySelector('input')?.focus();
  } catch (e) {
    $('move-status').textContent = e.message;
  }
}

async function move(event) {
  event.preventDefault();
  const chosen = $('move-options').querySelector('input:checked');
  if (!chosen || !state.selected) {
    $('move-status').textContent = i18n.t('pickRecord');
    return;
  }
  const target = JSON.parse(chosen.value);
  try {
    const { json } = await api(`/api/v1/conversations/${state.selected.id}/move`, {
      method: 'POST', body: { record: { type: target.type, id: target.id } },
    });
    $('move-dialog').close();
    const moved = json.conversation ?? json;
    openRecord({ type: target.type, id: target.id, name: target.name }, moved.id);
    const failures = json.failed ?? [];
    $('announcer').textContent = failures.length
      ? i18n.t('movePartly', { count: failures.length, reasons: failures.map(f => f.reason).join('; ') })
      : i18n.t('moved', { name: target.name });
    status($('announcer').textContent);
  } catch (e) {
    $('move-status').textContent = e.message;
  }
}

/** Shows another record in this panel, and tells the embedding CRM page so it can follow. */
function openRecord(record, conversationId = null) {
  Object.assign(state, {
    type: record.type, id: record.id, nameHint: record.name ?? null, opportunity: null,
    conversationId, etag: null, data: null, selected: null, details: null,
  });
  const search = new URLSearchParams({ type: record.type, id: record.id });
  history.replaceState(null, '', `${location.pathname}?${search}`);
  if (window.parent !== window) {
    let origin = location.origin;
    try { if (document.referrer) origin = new URL(document.referrer).origin; } catch { /* keep our own */ }
    window.parent.postMessage({ source: 'textbridge-panel', kind: 'record', record, conversationId }, origin);
  }
  refresh(true);
}

// ---- start

async function start() {
  i18n = await loadBundle();
  document.documentElement.lang = i18n.lang;
  i18n.apply();
  renderCounter();
  $('panel').setAttribute('aria-busy', 'false');
  if (!token) return notice(i18n.t('noToken'));
  if (!state.type || !state.id) return notice(i18n.t('noRecord'));

  $('body').addEventListener('input', () => { state.idempotencyKey = null; renderCounter(); });
  $('to').addEventListener('change', () => {
    $('other-row').hidden = $('to').value !== OTHER;
    if ($('to').value === OTHER) $('other-number').focus();
  });
  $('template').addEventListener('change', () => applyTemplate($('template').value));
  $('conversation').addEventListener('change', () => {
    state.conversationId = $('conversation').value;
    state.selected = select(state.data.conversations);
    state.conversationId = null;
    $('to').value = '';
    render(null);
  });
  $('opportunity').addEventListener('change', () => {
    state.opportunity = $('opportunity').value || null;
    state.selected = null;
    refresh(true);
  });
  $('composer').addEventListener('submit', send);
  $('new-template').addEventListener('click', openTemplateDialog);
  $('template-form').addEventListener('submit', saveTemplate);
  $('template-cancel').addEventListener('click', () => $('template-dialog').close());
  $('change-record').addEventListener('click', openMoveDialog);
  $('move-search').addEventListener('submit', searchRecords);
  $('move-form').addEventListener('submit', move);
  $('move-cancel').addEventListener('click', () => $('move-dialog').close());

  try {
    const [senders, templates] = await Promise.all([api('/api/v1/sender-numbers'), api('/api/v1/templates')]);
    state.senders = senders.json ?? [];
    state.templates = templates.json ?? [];
    renderTemplates();
    await loadConversations({ fresh: true });
  } catch (e) {
    failed(e);
  }
  if (state.templateId && state.data) {
    $('template').value = state.templateId;
    applyTemplate(state.templateId);
  }
  poll();
}

start();
