// partnerhub dashboard: plain ES modules, no build step. Chart.js (UMD build,
// served by the gateway from node_modules) draws the charts.
import {
  AGREEMENTS,
  CHINA_STATUSES,
  COMPANY,
  DOMAINS,
  EVENTS_PAGE,
  GRANT,
  gql,
  ME,
  OVERVIEW,
  PARTNER,
  PROJECT_STATUSES,
  PURPOSES,
  REGISTER_FIELDS,
  registerQuery,
  REVOKE,
  SEARCH,
  THEMES,
} from './api.js';
import { completeSignIn, endSessionUrl, forgetProvider, isSignInCallback, signInOptions, startSignIn } from './auth.js';
import { follow, unfollow } from './live.js';
import { LANGS, LOCALES, label, t } from './i18n.js';

const store = window.sessionStorage;
const state = {
  lang: LANGS.includes(store.getItem('partnerhub.lang')) ? store.getItem('partnerhub.lang') : 'EN',
  token: store.getItem('partnerhub.token') || '',
  /** The purpose every request declares (Hub-Purpose), or '' for none. */
  purpose: PURPOSES.includes(store.getItem('partnerhub.purpose')) ? store.getItem('partnerhub.purpose') : '',
  /** What `me` answers for the token: { subject, organisation { id name }, roles }. */
  me: null,
  /** The organisations one can sign in with (/sign-in.json). */
  signIn: [],
  /** The steward's view: { organisations, sharingAgreements } as last loaded. */
  agreements: null,
  /** The cross-border register as last loaded: { registers: [DisclosureRegister], error } or null. */
  register: null,
  q: '',
  overview: null,
  charts: {},
  /** Bumped per request kind so that a slow, older answer never overwrites a newer one. */
  seq: { overview: 0, search: 0, detail: 0 },
};

const $ = (sel) => document.querySelector(sel);

/** Builds an element; children are nodes or text (never parsed as HTML). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

const tr = (key) => t(state.lang, key);
/** One GraphQL operation with this tab's token and declared purpose. */
const ask = (query, variables) => gql(query, variables, state.token, state.purpose);
const lbl = (value, kind) => label(state.lang, value, kind);

function showBanner(message) {
  const banner = $('#banner');
  banner.textContent = message ?? '';
  banner.hidden = !message;
}

function reportErrors(errors) {
  if (errors?.length) showBanner(`${tr('failed')}: ${errors.map((e) => e.message).join(' · ')}`);
}

function handleFailure(err) {
  if (err.status === 401 || err.code === 'UNAUTHENTICATED') showBanner(`${tr('tokenRejected')}: ${err.message}`);
  else showBanner(`${tr('failed')}: ${err.message}`);
}

// ---------------------------------------------------------------- token

/** The claims of a JWT, for showing who is signed in (the gateway verifies it, not we). */
function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(escape(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '='))));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

function renderWho() {
  const who = $('#who');
  if (!state.token) {
    who.textContent = tr('anonymous');
    who.className = 'who anon';
    return;
  }
  // What the hub answered for `me`; until then, the development tokens' claims.
  const c = state.me ? { sub: state.me.subject, org: state.me.organisation.id, roles: state.me.roles } : claims(state.token);
  who.textContent = c
    ? `${tr('signedInAs')} ${c.sub ?? '?'} · ${c.org ?? '?'}${c.roles?.length ? ` (${c.roles.join(', ')})` : ''}`
    : tr('signedInAs');
  who.title = state.me?.organisation.name ?? '';
  who.className = 'who signed';
}

async function loadMe() {
  const token = state.token;
  state.me = null;
  if (!token) return;
  try {
    const { data } = await gql(ME, {}, token);
    if (token === state.token) state.me = data.me;
  } catch (err) {
    if (token === state.token) handleFailure(err);
  }
  renderWho();
  void loadAgreements();
}

function setToken(token) {
  state.token = token.trim().replace(/^Bearer\s+/i, '');
  if (state.token) store.setItem('partnerhub.token', state.token);
  else store.removeItem('partnerhub.token');
  $('#token-input').value = state.token;
  showBanner(null);
  state.me = null;
  state.agreements = null;
  state.register = null;
  renderWho();
  renderAgreements();
  renderRegister();
  void loadMe();
  void loadOverview();
  void loadDetail();
}

// ---------------------------------------------------------------- sign-in

function renderSignIn() {
  const select = $('#signin-org');
  const chosen = select.value || store.getItem('partnerhub.org') || '';
  select.replaceChildren(
    ...state.signIn.map((o) => h('option', { value: o.id, selected: o.id === chosen }, `${o.name} (${o.jurisdiction})`)),
  );
  $('#signin-form').hidden = state.signIn.length === 0;
}

async function signIn() {
  const org = state.signIn.find((o) => o.id === $('#signin-org').value);
  if (!org) return;
  store.setItem('partnerhub.org', org.id);
  try {
    await startSignIn(org);
  } catch (err) {
    showBanner(`${tr('signInFailed')}: ${err.message}`);
  }
}

/** Forgets the token; when it came from a sign-in here, ends the provider's session too (and comes back). */
function signOut() {
  const url = endSessionUrl();
  setToken('');
  if (url) window.location.assign(url);
}

/** The page the provider sent the browser back to: exchange the code for the token. */
async function finishSignIn() {
  try {
    const { token } = await completeSignIn();
    setToken(token);
    return true;
  } catch (err) {
    showBanner(`${tr('signInFailed')}: ${err.message}`);
    return false;
  }
}

// ---------------------------------------------------------------- language

function renderTiming() {
  const ms = document.body.dataset.loadMs;
  $('#timing').textContent = ms ? `${tr('loadedIn')} ${ms} ms` : '';
}

function applyLabels() {
  document.documentElement.lang = { NL: 'nl', EN: 'en', ZH: 'zh-CN' }[state.lang];
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = tr(el.dataset.i18n);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  $('#search').placeholder = tr('search');
  $('#token-input').placeholder = 'eyJhbGciOi…';
  renderPurpose();
  renderWho();
  renderAgreements();
  renderRegister();
  renderTiming();
}

function renderPurpose() {
  $('#purpose').replaceChildren(
    h('option', { value: '', selected: !state.purpose }, tr('noPurpose')),
    ...PURPOSES.map((p) => h('option', { value: p, selected: p === state.purpose }, lbl(p))),
  );
}

function setPurpose(purpose) {
  state.purpose = PURPOSES.includes(purpose) ? purpose : '';
  if (state.purpose) store.setItem('partnerhub.purpose', state.purpose);
  else store.removeItem('partnerhub.purpose');
  showBanner(null);
  void loadDetail();
}

function setLang(lang) {
  if (!LANGS.includes(lang) || lang === state.lang) return;
  state.lang = lang;
  store.setItem('partnerhub.lang', lang);
  applyLabels();
  void loadOverview();
  void loadDetail();
}

// ---------------------------------------------------------------- overview

const PALETTE = ['#0f6e8c', '#e07a1f', '#3a9d5d', '#c23b4e', '#7a5cc2', '#b08a1e', '#4f7fd9', '#6b7b8c'];

function chart(id, type, labels, values, options = {}) {
  const existing = state.charts[id];
  if (existing) {
    existing.data.labels = labels;
    existing.data.datasets[0].data = values;
    existing.update('none');
    return;
  }
  if (!window.Chart) return;
  const horizontal = options.horizontal === true;
  state.charts[id] = new window.Chart(document.getElementById(id), {
    type,
    data: {
      labels,
      datasets: [
        {
          data: values,
          backgroundColor: type === 'doughnut' ? PALETTE : (options.color ?? PALETTE[0]),
          borderWidth: type === 'doughnut' ? 1 : 0,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: horizontal ? 'y' : 'x',
      plugins: { legend: { display: type === 'doughnut', position: 'right' } },
      scales: type === 'doughnut' ? {} : { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

function renderOverview(d) {
  const events = d.events;
  $('[data-total="companies"]').textContent = d.companies.totalCount;
  $('[data-total="partners"]').textContent = d.partners.totalCount;
  $('[data-total="projects"]').textContent = d.projects.totalCount;
  $('[data-total="events"]').textContent = events.length < EVENTS_PAGE ? events.length : `${EVENTS_PAGE}+`;

  chart(
    'chart-domains',
    'bar',
    DOMAINS.map((x) => lbl(x)),
    DOMAINS.map((x) => d[`domain_${x}`].totalCount),
    { horizontal: true },
  );
  chart(
    'chart-status',
    'doughnut',
    CHINA_STATUSES.map((x) => lbl(x)),
    CHINA_STATUSES.map((x) => d[`china_${x}`].totalCount),
  );
  chart(
    'chart-clusters',
    'bar',
    d.clusters.map((c) => c.name),
    d.clusters.map((c) => c.memberCount),
    { color: PALETTE[2] },
  );
  chart(
    'chart-themes',
    'bar',
    THEMES.map((x) => lbl(x)),
    THEMES.map((x) => d[`theme_${x}`].totalCount),
    { horizontal: true, color: PALETTE[1] },
  );
  chart(
    'chart-project-status',
    'doughnut',
    PROJECT_STATUSES.map((x) => lbl(x, 'projectStatus')),
    PROJECT_STATUSES.map((x) => d[`status_${x}`].totalCount),
  );
  for (const canvas of document.querySelectorAll('.chart canvas')) canvas.setAttribute('role', 'img');
  $('#chart-clusters').setAttribute('aria-label', d.clusters.map((c) => `${c.name}: ${c.memberCount}`).join(', '));

  const when = new Intl.DateTimeFormat(LOCALES[state.lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' });
  $('#events').replaceChildren(
    ...(events.length
      ? events
          .slice(0, 6)
          .map((e) =>
            h(
              'li',
              { dataset: { event: e.id } },
              h('time', { datetime: e.startsAt }, when.format(new Date(e.startsAt))),
              h('strong', {}, e.title),
              h('span', { class: 'tag' }, lbl(e.kind)),
              h('span', { class: 'muted' }, e.location, e.project ? ` · ${e.project.title}` : ''),
            ),
          )
      : [h('li', { class: 'muted' }, tr('none'))]),
  );
  renderLists(d);
}

function renderLists(d) {
  $('#company-count').textContent = `(${d.companyList.totalCount})`;
  $('#partner-count').textContent = `(${d.partnerList.totalCount})`;
  const empty = () => h('li', { class: 'muted' }, tr('noResults'));
  const companies = d.companyList.edges.map(({ node: c }) =>
    h(
      'li',
      {},
      h('a', { href: `#company/${c.id}`, dataset: { company: c.id } }, c.name),
      h('span', { class: 'muted' }, ` ${c.municipality} · ${lbl(c.chinaStatus)}`),
    ),
  );
  const partners = d.partnerList.edges.map(({ node: p }) =>
    h(
      'li',
      {},
      h('a', { href: `#partner/${p.id}`, dataset: { partner: p.id } }, p.name),
      h('span', { class: 'muted' }, ` ${p.district} · ${lbl(p.kind)}`),
    ),
  );
  $('#company-list').replaceChildren(...(companies.length ? companies : [empty()]));
  $('#company-list').dataset.q = state.q;
  $('#partner-list').replaceChildren(...(partners.length ? partners : [empty()]));
}

async function loadOverview() {
  const seq = ++state.seq.overview;
  const variables = { lang: state.lang, from: new Date().toISOString(), q: state.q || null };
  try {
    const { data, errors } = await ask(OVERVIEW, variables);
    if (seq !== state.seq.overview) return;
    state.overview = data;
    renderOverview(data);
    reportErrors(errors);
    followOverview(variables, data);
  } catch (err) {
    if (seq === state.seq.overview) handleFailure(err);
  }
  if (document.body.dataset.state === 'loading') {
    // From the start of navigation: HTML, scripts, the overview query and the first render.
    const ms = Math.round(performance.now());
    document.body.dataset.loadMs = String(ms);
    renderTiming();
  }
  document.body.dataset.state = 'ready';
}

/** Totals, charts, events and lists update themselves after a write (live.js). */
function followOverview(variables, initial) {
  state.overviewVariables = variables;
  follow('overview', { query: OVERVIEW, variables, token: state.token, purpose: state.purpose, initial }, ({ data, errors }) => {
    state.overview = data;
    renderOverview(data);
    reportErrors(errors);
  });
}

async function search(q) {
  state.q = q.trim();
  const seq = ++state.seq.search;
  try {
    const { data, errors } = await ask(SEARCH, { lang: state.lang, q: state.q || null });
    if (seq !== state.seq.search) return;
    renderLists(data);
    reportErrors(errors);
    if (state.overviewVariables) followOverview({ ...state.overviewVariables, q: state.q || null });
  } catch (err) {
    if (seq === state.seq.search) handleFailure(err);
  }
}

// ---------------------------------------------------------------- detail

const route = () => {
  const m = /^#(company|partner)\/([\w-]+)$/.exec(window.location.hash);
  return m ? { kind: m[1], id: m[2] } : null;
};

const dl = (...pairs) => h('dl', {}, ...pairs.filter(Boolean).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
const tags = (values, kind) => (values.length ? values.map((v) => h('span', { class: 'tag' }, lbl(v, kind))) : tr('none'));
const link = (url) => (url ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, url.replace(/^https?:\/\//, '')) : '–');

/** The reasons a restricted field is refused that the page explains in words (docs/trust.md, "Every refusal"). */
const REASONS = ['PURPOSE_MISSING', 'NO_AGREEMENT', 'PURPOSE_NOT_COVERED', 'AGREEMENTS_UNAVAILABLE'];

/** Why the contact is not shown, in words, with the code and reason the hub answered. */
function refusalBlock(field, refusal) {
  const text =
    refusal.code === 'UNAUTHENTICATED' ? tr('contactHidden') : REASONS.includes(refusal.reason) ? tr(refusal.reason) : refusal.message;
  return h(
    'p',
    { class: 'muted locked refusal', dataset: { restricted: field, reason: refusal.reason ?? refusal.code } },
    text,
    refusal.reason === 'PURPOSE_NOT_COVERED' ? h('strong', {}, ` ${lbl(state.purpose)}`) : '',
    ' ',
    h('code', { title: refusal.message }, refusal.reason ? `${refusal.code} · ${refusal.reason}` : refusal.code),
  );
}

function contactBlock(contact, refusal) {
  if (refusal) return refusalBlock('contact', refusal);
  if (!state.token) return h('p', { class: 'muted locked', dataset: { restricted: 'contact' } }, tr('contactHidden'));
  if (!contact) return h('p', { class: 'muted' }, '–');
  return h(
    'p',
    { class: 'contact', dataset: { field: 'contact' } },
    contact.name,
    ' · ',
    h('a', { href: `mailto:${contact.email}` }, contact.email),
    contact.phone ? ` · ${contact.phone}` : '',
  );
}

function projectList(projects) {
  if (!projects.length) return h('p', { class: 'muted' }, tr('none'));
  return h(
    'ul',
    { class: 'plain' },
    ...projects.map((p) =>
      h(
        'li',
        {},
        p.title,
        ' ',
        h('span', { class: 'tag' }, lbl(p.theme)),
        ' ',
        h('span', { class: 'tag light' }, lbl(p.status, 'projectStatus')),
      ),
    ),
  );
}

function renderCompany(c, refusals = []) {
  return [
    h('p', { class: 'kicker' }, tr('company')),
    h('h2', { dataset: { field: 'name' } }, c.name),
    h('p', { class: 'description', dataset: { field: 'description' } }, c.description ?? '–'),
    dl(
      [tr('enterpriseNumber'), c.enterpriseNumber],
      [tr('municipality'), `${c.postalCode} ${c.municipality}`],
      [tr('employees'), `${c.employees}${c.isSme ? ` · ${tr('sme')}` : ''}`],
      c.foundedYear && [tr('founded'), String(c.foundedYear)],
      [tr('website'), link(c.website)],
      [tr('chinaStatus'), lbl(c.chinaStatus)],
      [tr('domains'), h('span', {}, tags(c.cleantechDomains))],
      [
        tr('clusters'),
        h(
          'span',
          { dataset: { field: 'clusters' } },
          c.clusters.length ? c.clusters.map((x) => h('span', { class: 'tag' }, x.name)) : tr('none'),
        ),
      ],
    ),
    h('h3', {}, tr('contact')),
    contactBlock(
      c.contact,
      refusals.find((r) => r.path === 'company.contact'),
    ),
    h('h3', {}, tr('suggestedPartners')),
    c.suggestedPartners.length
      ? h(
          'ol',
          { class: 'matches', dataset: { field: 'suggestedPartners' } },
          ...c.suggestedPartners.map((m) =>
            h(
              'li',
              {},
              h('a', { href: `#partner/${m.partner.id}`, dataset: { partner: m.partner.id } }, m.partner.name),
              h('span', { class: 'muted' }, ` ${m.partner.district} · ${lbl(m.partner.kind)}`),
              h(
                'div',
                { class: 'score' },
                h('meter', { min: 0, max: 1, value: m.score, title: `${tr('score')} ${m.score.toFixed(2)}` }),
                h('span', {}, ` ${tr('score')} ${m.score.toFixed(2)} · ${tr('sharedDomains')}: `),
                tags(m.sharedDomains),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, tr('none')),
    h('h3', {}, tr('projectsOf')),
    projectList(c.projects),
  ];
}

function renderPartner(p, refusals = []) {
  return [
    h('p', { class: 'kicker' }, tr('partner')),
    h('h2', { dataset: { field: 'name' } }, p.name),
    h('p', { class: 'muted' }, state.lang === 'ZH' ? p.nameEn : p.nameZh),
    dl(
      [tr('creditCode'), h('code', {}, p.creditCode)],
      [tr('kind'), lbl(p.kind)],
      [tr('district'), p.district],
      [tr('website'), link(p.website)],
      [tr('domains'), h('span', {}, tags(p.cleantechDomains))],
      [tr('themes'), h('span', {}, tags(p.themes))],
    ),
    h('h3', {}, tr('contact')),
    contactBlock(
      p.contact,
      refusals.find((r) => r.path === 'partner.contact'),
    ),
    h('h3', {}, tr('projectsOf')),
    projectList(p.projects),
  ];
}

function showDetail(target, data, errors, refusals) {
  const detail = $('#detail');
  const item = data[target.kind];
  detail.dataset.kind = target.kind;
  detail.dataset.id = target.id;
  detail.dataset.lang = state.lang;
  if (!item) detail.replaceChildren(h('p', { class: 'muted' }, tr('notFound')));
  else detail.replaceChildren(...(target.kind === 'company' ? renderCompany(item, refusals) : renderPartner(item, refusals)));
  detail.dataset.purpose = state.purpose;
  reportErrors(errors);
}

async function loadDetail() {
  const target = route();
  const detail = $('#detail');
  const seq = ++state.seq.detail;
  if (!target) {
    unfollow('detail');
    detail.dataset.kind = '';
    detail.replaceChildren(h('p', { class: 'muted' }, tr('pickOne')));
    return;
  }
  detail.setAttribute('aria-busy', 'true');
  try {
    const query = target.kind === 'company' ? COMPANY : PARTNER;
    const variables = { id: target.id, lang: state.lang };
    const { data, errors, refusals } = await ask(query, variables);
    if (seq !== state.seq.detail) return;
    showDetail(target, data, errors, refusals);
    // The open detail view updates itself after a write (live.js).
    follow('detail', { query, variables, token: state.token, purpose: state.purpose, initial: data }, (answer) => {
      if (seq === state.seq.detail) showDetail(target, answer.data, answer.errors, answer.refusals);
    });
  } catch (err) {
    if (seq === state.seq.detail) handleFailure(err);
  } finally {
    if (seq === state.seq.detail) detail.removeAttribute('aria-busy');
  }
}

// ---------------------------------------------------------------- agreements (stewards)

const isSteward = () => Boolean(state.me?.roles.includes('steward'));

/** in force, revoked, expired or not yet in force, as of now. */
function agreementStatus(a) {
  if (a.revokedAt) return 'revoked';
  if (a.active) return 'active';
  return new Date(a.validUntil).getTime() <= Date.now() ? 'expired' : 'pending';
}
const STATUS_LABEL = { active: 'statusActive', revoked: 'statusRevoked', expired: 'statusExpired', pending: 'statusPending' };

function showAgreementStatus(message, kind = 'ok') {
  const el = $('#agreements-status');
  el.textContent = message ?? '';
  el.hidden = !message;
  el.dataset.kind = kind;
}

async function loadAgreements() {
  const token = state.token;
  if (!isSteward()) {
    state.agreements = null;
    renderAgreements();
    return;
  }
  try {
    const { data } = await ask(AGREEMENTS, {});
    if (token !== state.token) return;
    state.agreements = data;
  } catch (err) {
    if (token === state.token) handleFailure(err);
  }
  renderAgreements();
  if (!state.register) void loadRegister();
}

function agreementRow(a, given) {
  const status = agreementStatus(a);
  const date = new Intl.DateTimeFormat(LOCALES[state.lang], { dateStyle: 'medium', timeZone: 'Europe/Brussels' });
  const other = given ? a.grantee : a.grantor;
  const action =
    given && isSteward() && (status === 'active' || status === 'pending')
      ? h(
          'button',
          { type: 'button', class: 'revoke', dataset: { revoke: a.id, version: String(a.version) }, onclick: (e) => revoke(e, a) },
          tr('revoke'),
        )
      : '';
  return h(
    'tr',
    { dataset: { agreement: a.id, status, version: String(a.version) } },
    h('td', {}, lbl(a.dataSet)),
    h('td', { title: other.id }, other.name),
    h('td', {}, ...a.purposes.map((p) => h('span', { class: 'tag' }, lbl(p)))),
    h('td', {}, `${date.format(new Date(a.validFrom))} – ${date.format(new Date(a.validUntil))}`),
    h('td', { class: 'basis', title: a.legalBasis }, a.legalBasis),
    h(
      'td',
      {},
      h('span', { class: `tag status-${status}` }, tr(STATUS_LABEL[status])),
      a.crossBorder ? h('span', { class: 'tag light' }, tr('crossBorder')) : '',
    ),
    h('td', {}, String(a.version)),
    h('td', {}, action),
  );
}

function agreementTable(id, rows, given) {
  const head = h(
    'tr',
    {},
    ...[
      tr('dataSet'),
      tr(given ? 'grantee' : 'grantor'),
      tr('purposes'),
      tr('validity'),
      tr('legalBasis'),
      tr('status'),
      tr('version'),
      '',
    ].map((x) => h('th', { scope: 'col' }, x)),
  );
  $(id).replaceChildren(
    h('thead', {}, head),
    h(
      'tbody',
      {},
      ...(rows.length ? rows.map((a) => agreementRow(a, given)) : [h('tr', {}, h('td', { colspan: 8, class: 'muted' }, tr('none')))]),
    ),
  );
}

function renderAgreements() {
  const section = $('#agreements');
  const d = state.agreements;
  section.hidden = !d || !state.me;
  if (section.hidden) return;
  const mine = state.me.organisation.id;
  const byStart = (a, b) => b.validFrom.localeCompare(a.validFrom);
  agreementTable('#agreements-given', d.sharingAgreements.filter((a) => a.grantor.id === mine).sort(byStart), true);
  agreementTable('#agreements-received', d.sharingAgreements.filter((a) => a.grantee.id === mine).sort(byStart), false);
  renderGrantForm(
    d.organisations.find((o) => o.id === mine)?.dataSets ?? [],
    d.organisations.filter((o) => o.id !== mine),
  );
}

function renderGrantForm(dataSets, others) {
  const form = $('#grant-form');
  form.hidden = !isSteward() || dataSets.length === 0;
  if (form.hidden) return;
  const keep = (name) => form.elements[name].value;
  const dataSet = keep('dataSet');
  const grantee = keep('grantee');
  const picked = new Set([...form.querySelectorAll('input[name="purposes"]:checked')].map((x) => x.value));
  form.elements.dataSet.replaceChildren(...dataSets.map((x) => h('option', { value: x, selected: x === dataSet }, lbl(x))));
  form.elements.grantee.replaceChildren(
    ...others.map((o) => h('option', { value: o.id, selected: o.id === grantee }, `${o.name} · ${lbl(o.jurisdiction)}`)),
  );
  $('#grant-purposes').replaceChildren(
    ...PURPOSES.map((p) =>
      h('label', {}, h('input', { type: 'checkbox', name: 'purposes', value: p, checked: picked.has(p) }), ` ${lbl(p)}`),
    ),
  );
}

/** An error of a steward's action, in words: a version conflict says so plainly; bad input marks the field. */
function actionFailed(err) {
  if (err.code === 'CONFLICT') {
    showAgreementStatus(`${tr('conflict')} (${err.message})`, 'conflict');
    void loadAgreements();
    return;
  }
  const field = err.extensions?.field?.replace(/^input\./, '');
  const input = field && /^\w+$/.test(field) ? $('#grant-form').querySelector(`[name="${field}"]`) : null;
  if (input) input.setAttribute('aria-invalid', 'true');
  showAgreementStatus(`${tr('refused')}: ${err.message}${err.code ? ` (${err.code})` : ''}`, 'error');
}

async function revoke(event, a) {
  const button = event.currentTarget;
  // Two clicks: the first asks to confirm.
  if (button.dataset.confirm !== 'true') {
    button.dataset.confirm = 'true';
    button.textContent = tr('confirmRevoke');
    return;
  }
  button.disabled = true;
  try {
    const { data } = await ask(REVOKE, { id: a.id, expectedVersion: a.version });
    showAgreementStatus(`${tr('revokedNow')}: ${lbl(a.dataSet)} → ${a.grantee.name} (${tr('version')} ${data.revokeAccess.version})`);
    await loadAgreements();
  } catch (err) {
    button.disabled = false;
    actionFailed(err);
  }
}

/** A date input's day, to its last second in the browser's time zone. */
const endOfDay = (day) => new Date(`${day}T23:59:59`).toISOString();

async function grant(e) {
  e.preventDefault();
  const form = e.currentTarget;
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const input = {
    dataSet: form.elements.dataSet.value,
    grantee: form.elements.grantee.value,
    purposes: [...form.querySelectorAll('input[name="purposes"]:checked')].map((x) => x.value),
    legalBasis: form.elements.legalBasis.value.trim(),
    validUntil: form.elements.validUntil.value ? endOfDay(form.elements.validUntil.value) : null,
  };
  if (form.elements.validFrom.value) input.validFrom = new Date(form.elements.validFrom.value).toISOString();
  try {
    const { data } = await ask(GRANT, { input });
    const a = data.grantAccess;
    showAgreementStatus(`${tr('granted')}: ${lbl(a.dataSet)} → ${a.grantee.name}, ${a.purposes.map((p) => lbl(p)).join(', ')}`);
    form.reset();
    await loadAgreements();
  } catch (err) {
    actionFailed(err);
  }
}

// ---------------------------------------------------------------- cross-border register (stewards of an owner)

/** The data sets the signed-in organisation owns that have a register (from the stewards' organisations list). */
function ownDataSets() {
  const mine = state.me?.organisation.id;
  const org = state.agreements?.organisations.find((o) => o.id === mine);
  return (org?.dataSets ?? []).filter((d) => REGISTER_FIELDS[d]);
}

/** A date input's value (YYYY-MM-DD) for a Date, in the browser's time zone. */
const dayOf = (date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The picker's days as the API's period [from, to): from the first day's start to the end of the last day. */
function pickedPeriod() {
  const form = $('#register-form');
  if (!form.elements.to.value) form.elements.to.value = dayOf(new Date());
  if (!form.elements.from.value) form.elements.from.value = dayOf(new Date(Date.now() - 90 * 86_400_000));
  const from = new Date(`${form.elements.from.value}T00:00:00`);
  const to = new Date(`${form.elements.to.value}T00:00:00`);
  to.setDate(to.getDate() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

async function loadRegister() {
  const token = state.token;
  const dataSets = isSteward() ? ownDataSets() : [];
  if (dataSets.length === 0) {
    state.register = null;
    renderRegister();
    return;
  }
  const form = $('#register-form');
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  $('#register').setAttribute('aria-busy', 'true');
  try {
    const period = pickedPeriod();
    const { data, errors, refusals } = await ask(registerQuery(dataSets), period);
    if (token !== state.token) return;
    const problem = [...errors, ...refusals][0];
    state.register = {
      registers: dataSets.map((d) => data[REGISTER_FIELDS[d]]).filter(Boolean),
      error: problem
        ? { message: problem.message, code: problem.code ?? problem.extensions?.code, field: problem.extensions?.field }
        : null,
    };
  } catch (err) {
    if (token !== state.token) return;
    state.register = { registers: [], error: { message: err.message, code: err.code, field: err.extensions?.field } };
  } finally {
    $('#register').removeAttribute('aria-busy');
  }
  renderRegister();
}

function registerRow(line, groupStart) {
  const date = new Intl.DateTimeFormat(LOCALES[state.lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' });
  const grantee = line.agreement?.grantee;
  return h(
    'tr',
    {
      class: [line.crossBorder ? 'cross-border' : '', groupStart ? 'group-start' : ''].filter(Boolean).join(' ') || null,
      dataset: { recipient: line.recipient, agreement: line.agreementId, purpose: line.purpose, crossBorder: String(line.crossBorder) },
    },
    h(
      'td',
      { title: line.recipient },
      grantee?.name ?? line.recipient,
      grantee ? h('small', { class: 'muted' }, ` · ${lbl(grantee.jurisdiction)}`) : '',
    ),
    h('td', {}, lbl(line.purpose)),
    h('td', { class: 'basis', title: line.agreement?.legalBasis ?? line.agreementId }, line.agreement?.legalBasis ?? '–'),
    h('td', {}, lbl(line.dataSet)),
    h('td', { class: 'num', dataset: { count: 'disclosures' } }, String(line.disclosures)),
    h('td', { class: 'num', dataset: { count: 'records' } }, String(line.records)),
    h('td', { class: 'num', dataset: { count: 'requests' } }, String(line.requests)),
    h('td', {}, `${date.format(new Date(line.first))} – ${date.format(new Date(line.last))}`),
    h(
      'td',
      {},
      line.crossBorder ? h('span', { class: 'tag cross-border' }, tr('crossBorder')) : h('span', { class: 'muted' }, tr('domestic')),
    ),
  );
}

function renderRegister() {
  const section = $('#register');
  const d = state.register;
  section.hidden = !d || !isSteward();
  if (section.hidden) return;
  const status = $('#register-status');
  status.hidden = !d.error;
  status.dataset.kind = d.error ? 'error' : 'ok';
  status.textContent = d.error ? `${tr('refused')}: ${d.error.message}${d.error.code ? ` (${d.error.code})` : ''}` : '';
  const input = d.error?.field && /^(from|to)$/.test(d.error.field) ? $('#register-form').elements[d.error.field] : null;
  if (input) input.setAttribute('aria-invalid', 'true');
  const head = h(
    'tr',
    {},
    ...[
      tr('recipient'),
      tr('purpose'),
      tr('legalBasis'),
      tr('dataSet'),
      tr('disclosureCount'),
      tr('recordCount'),
      tr('answerCount'),
      tr('period'),
      tr('transfer'),
    ].map((x) => h('th', { scope: 'col' }, x)),
  );
  const lines = d.registers.flatMap((r) => r.lines);
  const rows = lines.map((line, i) => registerRow(line, i === 0 || lines[i - 1].recipient !== line.recipient));
  const empty = d.error ? [] : [h('tr', { class: 'empty' }, h('td', { colspan: 9, class: 'muted' }, tr('noDisclosures')))];
  $('#register-table').replaceChildren(h('thead', {}, head), h('tbody', {}, ...(rows.length ? rows : empty)));
}

// ---------------------------------------------------------------- wiring

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

async function init() {
  applyLabels();
  $('#token-input').value = state.token;
  $('#signin-form').hidden = true;
  $('#signin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void signIn();
  });
  signInOptions()
    .then((orgs) => {
      state.signIn = orgs;
      renderSignIn();
    })
    .catch((err) => showBanner(`${tr('signInFailed')}: ${err.message}`));
  for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => setLang(b.dataset.lang));
  $('#token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    forgetProvider();
    setToken($('#token-input').value);
  });
  $('#token-clear').addEventListener('click', signOut);
  $('#purpose').addEventListener('change', (e) => setPurpose(e.target.value));
  $('#grant-form').addEventListener('submit', (e) => void grant(e));
  $('#register-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void loadRegister();
  });
  $('#search').addEventListener(
    'input',
    debounce((e) => void search(e.target.value), 200),
  );
  window.addEventListener('hashchange', () => void loadDetail());
  if (isSignInCallback() && (await finishSignIn())) return;
  void loadMe();
  void loadOverview();
  void loadDetail();
}

void init();
