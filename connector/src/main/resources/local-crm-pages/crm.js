// The local CRM's pages: what a CRM shows around the conversation panel. The CRM side mints the seller's token
// (POST /local-crm/api/sellers/{id}/token, only on the local CRM) and hands it to the panel in the URL fragment.

const POLL_MILLIS = 3000;
const TYPES = { contact: 'Contacts', account: 'Accounts', opportunity: 'Opportunities', lead: 'Leads' };
const $ = id => document.getElementById(id);

const session = { seller: localStorage.getItem('textbridge.seller') ?? 'U-ALICE', token: null, sellers: [] };

async function json(path, options = {}) {
  const response = await fetch(path, options);
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(body?.detail ?? response.statusText);
  return body;
}

function seller(path, options = {}) {
  return json(path, { ...options, headers: { ...(options.headers ?? {}), Authorization: `Bearer ${session.token}` } });
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

function recordLink(type, id, text, extra = '') {
  return el('a', { href: `#/record/${type}/${encodeURIComponent(id)}${extra}` , text });
}

// ---- acting as a seller

async function actAs(id) {
  const minted = await json(`/local-crm/api/sellers/${encodeURIComponent(id)}/token`, { method: 'POST' });
  session.seller = minted.seller;
  session.token = minted.token;
  localStorage.setItem('textbridge.seller', minted.seller);
  document.body.dataset.seller = minted.seller;
}

async function loadSellers() {
  session.sellers = await json('/local-crm/api/sellers');
  if (!session.sellers.some(s => s.id === session.seller)) session.seller = session.sellers[0]?.id;
  $('seller').replaceChildren(...session.sellers.map(s => new Option(`${s.name} (${s.id})`, s.id)));
  $('seller').value = session.seller;
  await actAs(session.seller);
}

// ---- the bell

function seenKey() {
  return `textbridge.seen.${session.seller}`;
}

async function refreshBell() {
  const notifications = await json(`/local-crm/api/notifications?user=${encodeURIComponent(session.seller)}`);
  const seen = localStorage.getItem(seenKey()) ?? '';
  const fresh = notifications.filter(n => n.at > seen);
  $('bell-count').hidden = fresh.length === 0;
  $('bell-count').textContent = String(fresh.length);
  $('bell-label').textContent = fresh.length ? `, ${fresh.length} new` : '';
  $('no-notifications').hidden = notifications.length > 0;
  $('notification-list').replaceChildren(...notifications.map(n => el('li', { class: n.at > seen ? 'new' : null },
    n.target ? recordLink(n.target.type, n.target.id, n.title) : el('span', { text: n.title }),
    el('div', { text: n.body }),
    el('small', {}, el('time', { datetime: n.at, text: new Date(n.at).toLocaleString() })))));
  return notifications;
}

function toggleBell(open) {
  $('notifications').hidden = !open;
  $('bell').setAttribute('aria-expanded', String(open));
  if (open) {
    localStorage.setItem(seenKey(), new Date().toISOString());
    $('notification-list').querySelector('a')?.focus();
  }
}

// ---- pages

async function recordsPage(type) {
  const records = (await json('/local-crm/api/records')).filter(r => r.type === type);
  return [
    el('h1', { text: TYPES[type] ?? type }),
    el('table', {},
      el('thead', {}, el('tr', {}, ...['Name', 'Id', 'Owner', 'Phones', 'Active'].map(h => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, ...records.map(r => el('tr', {},
        el('td', {}, recordLink(r.type, r.id, r.name)),
        el('td', { text: r.id }),
        el('td', { text: r.owner }),
        el('td', { text: Object.entries(r.phones ?? {}).map(([f, v]) => `${f}: ${v}`).join(', ') }),
        el('td', { text: r.active ? 'yes' : 'no' }))))),
  ];
}

function activitiesTable(activities) {
  if (!activities.length) return el('p', { text: 'No activities yet.' });
  return el('table', {},
    el('thead', {}, el('tr', {}, ...['When', 'Direction', 'Text', 'Status'].map(h => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, ...[...activities].reverse().map(a => el('tr', {},
      el('td', {}, el('time', { datetime: a.at, text: new Date(a.at).toLocaleString() })),
      el('td', { text: a.direction }),
      el('td', { text: a.body }),
      el('td', { text: a.status ? `${a.status}${a.failureReason ? ` (${a.failureReason})` : ''}` : '' })))));
}

async function recordPage(type, id, params) {
  const record = (await json('/local-crm/api/records')).find(r => r.type === type && r.id === id);
  if (!record) return [el('h1', { text: `No ${type} ${id}` })];
  const activities = await json(`/local-crm/api/records/${encodeURIComponent(id)}/activities`);
  const panel = new URLSearchParams({ type, id, name: record.name });
  for (const key of ['template', 'conversation', 'opportunity']) if (params.get(key)) panel.set(key, params.get(key));
  const fields = el('dl', {},
    el('dt', { text: 'Type' }), el('dd', { text: type }),
    el('dt', { text: 'Id' }), el('dd', { text: record.id }),
    el('dt', { text: 'Owner' }), el('dd', { text: record.owner }),
    el('dt', { text: 'Active' }), el('dd', { text: record.active ? 'yes' : 'no' }),
    ...Object.entries(record.phones ?? {}).flatMap(([f, v]) => [el('dt', { text: `Phone (${f})` }), el('dd', { text: v })]),
    ...(record.contact ? [el('dt', { text: 'Contact' }), el('dd', {}, recordLink('contact', record.contact, record.contact))] : []),
    ...(record.account ? [el('dt', { text: 'Account' }), el('dd', {}, recordLink('account', record.account, record.account))] : []),
    ...(record.source ? [el('dt', { text: 'Lead source' }), el('dd', { text: record.source })] : []));
  const activityList = el('div', { id: 'activities' }, activitiesTable(activities));
  const page = el('div', { class: 'record-page' },
    el('div', {},
      el('section', { class: 'card', 'aria-labelledby': 'fields-title' }, el('h2', { id: 'fields-title', text: 'Details' }), fields),
      el('section', { class: 'card', 'aria-labelledby': 'activities-title' },
        el('h2', { id: 'activities-title', text: 'Activities' }), activityList)),
    el('section', { class: 'card', 'aria-labelledby': 'panel-title' },
      el('h2', { id: 'panel-title', text: 'Text messages' }),
      el('iframe', { class: 'panel-frame', id: 'panel', title: `Text messages with ${record.name}`,
        src: `/panel/?${panel}#token=${encodeURIComponent(session.token)}` })));
  pageTimer = setInterval(async () => {
    const latest = await json(`/local-crm/api/records/${encodeURIComponent(id)}/activities`).catch(() => null);
    if (latest) activityList.replaceChildren(activitiesTable(latest));
  }, POLL_MILLIS);
  return [el('h1', { text: `${record.name}` }), page];
}

async function messagesPage() {
  const page = await seller('/api/v1/conversations?page=0&size=50');
  const rows = page.items.map(c => el('tr', { class: c.unread ? 'unread' : null },
    el('td', {}, recordLink(c.record.type, c.record.id, c.record.name ?? c.record.id, `?conversation=${c.id}`)),
    el('td', { text: c.record.type }),
    el('td', { text: c.customerNumber }),
    el('td', { text: c.businessNumber }),
    el('td', { text: `${c.lastMessage?.direction === 'inbound' ? '← ' : '→ '}${c.lastMessage?.body ?? ''}` }),
    el('td', {}, c.lastMessage?.at ? el('time', { datetime: c.lastMessage.at, text: new Date(c.lastMessage.at).toLocaleString() }) : null),
    el('td', { text: String(c.unread) })));
  return [
    el('h1', { text: 'My text messages' }),
    page.items.length ? el('table', {},
      el('thead', {}, el('tr', {}, ...['Record', 'Type', 'Customer', 'Business number', 'Last message', 'When', 'Unread']
        .map(h => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, ...rows)) : el('p', { text: 'No conversations you may see yet.' }),
    el('p', { text: `${page.total} conversation(s).` }),
  ];
}

function simulatePage() {
  const result = el('p', { id: 'simulate-result', role: 'status' });
  const form = el('form', { class: 'simulate', id: 'simulate' },
    el('label', {}, 'Customer\'s number (From)', el('input', { name: 'from', id: 'simulate-from', value: '+1 555 010 0200', required: true })),
    el('label', {}, 'Business number (To)', el('input', { name: 'to', id: 'simulate-to', value: '+15550100001', required: true })),
    el('label', {}, 'Text', el('textarea', { name: 'body', id: 'simulate-body', rows: '3', required: true })),
    el('button', { type: 'submit', id: 'simulate-send', text: 'Text the connector' }),
    result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const answer = await json('/local-crm/api/inbound', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: data.get('from'), to: data.get('to'), body: data.get('body') }),
      });
      result.textContent = answer.webhookStatus === 200
        ? `Twilio's callback ${answer.messageSid} was accepted. The record's owner is notified: watch the bell.`
        : `The webhook answered ${answer.webhookStatus} for ${answer.messageSid}.`;
    } catch (e) {
      result.textContent = `Not sent: ${e.message}`;
    }
  });
  return [
    el('h1', { text: 'Simulate an inbound text' }),
    el('p', { text: 'Plays Twilio: the connector signs an inbound-SMS callback with its Twilio auth token and posts it to its own webhook, so the text takes the real path.' }),
    form,
  ];
}

// ---- routing

let pageTimer = null;

async function route() {
  clearInterval(pageTimer);
  const [path, search = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search);
  let content;
  try {
    if (parts[0] === 'record' && parts.length === 3) content = await recordPage(parts[1], parts[2], params);
    else if (parts[0] === 'messages') content = await messagesPage();
    else if (parts[0] === 'simulate') content = simulatePage();
    else content = await recordsPage(parts[0] === 'records' && TYPES[parts[1]] ? parts[1] : 'contact');
  } catch (e) {
    content = [el('h1', { text: 'Something went wrong' }), el('p', { text: e.message })];
  }
  $('view').replaceChildren(...content);
  document.title = `${$('view').querySelector('h1')?.textContent ?? 'Local CRM'} · Local CRM`;
}

async function start() {
  await loadSellers();
  $('seller').addEventListener('change', async () => {
    await actAs($('seller').value);
    await refreshBell();
    await route();
  });
  $('bell').addEventListener('click', () => toggleBell($('notifications').hidden));
  $('notifications').addEventListener('click', event => { if (event.target.closest('a')) toggleBell(false); });
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && !$('notifications').hidden) { toggleBell(false); $('bell').focus(); }
  });
  // The panel moved its conversation to another record: follow it.
  window.addEventListener('message', event => {
    if (event.origin !== location.origin || event.data?.source !== 'textbridge-panel') return;
    if (event.data.kind === 'record') {
      const conversation = event.data.conversationId ? `?conversation=${encodeURIComponent(event.data.conversationId)}` : '';
      location.hash = `#/record/${event.data.record.type}/${encodeURIComponent(event.data.record.id)}${conversation}`;
    }
  });
  window.addEventListener('hashchange', route);
  await route();
  await refreshBell();
  setInterval(() => refreshBell().catch(() => {}), POLL_MILLIS);
}

start();
