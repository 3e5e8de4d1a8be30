// The page's router: the view and its filters live in the URL's fragment (#/repositories?language=Java), so a
// view can be shared and reloaded, and never reaches the server's logs. Sign-in keeps the token in sessionStorage.
import {SignInRequired, check, getJson, setToken, token} from './api.js';
import {el, show, markFirstView} from './dom.js';
import {repositoriesView} from './repositories.js';
import {repositoryView, userView} from './detail.js';
import {usersView} from './users.js';
import {integrationsView} from './integrations.js';

let refreshTimer = null;
let rendering = 0;

function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '');
  const q = hash.indexOf('?');
  const path = q < 0 ? hash : hash.slice(0, q);
  const state = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
  const slash = path.indexOf('/');
  return slash < 0 ? {view: path || 'repositories', id: null, state}
    : {view: path.slice(0, slash), id: decodeURIComponent(path.slice(slash + 1)), state};
}

function navigate(view, state) {
  const query = state.toString();
  location.hash = '#/' + view + (query ? '?' + query : '');
}

async function render() {
  clearTimeout(refreshTimer);
  const ticket = ++rendering;
  const {view, id, state} = parseHash();
  delete document.body.dataset.ready;
  document.querySelectorAll('nav a[data-view]').forEach((a) => {
    const current = a.dataset.view === view || a.dataset.view + 's' === view ? 'page' : null;
    if (current) a.setAttribute('aria-current', current); else a.removeAttribute('aria-current');
  });
  document.getElementById('sign-out').hidden = !token();
  try {
    if (view === 'repository') await repositoryView(id);
    else if (view === 'user') await userView(id);
    else if (view === 'users') {
      // The users' own counts: a count over every repository would keep a large inventory's users waiting.
      const userFacets = await getJson('facets/users?removed=any');
      await usersView(state, navigate, (userFacets.facets.profile || []).filter((c) => c.value),
        userFacets.facets.scope || []);
    } else if (view === 'integrations') {
      const {refreshAfterMs} = await integrationsView();
      if (refreshAfterMs && ticket === rendering) refreshTimer = setTimeout(render, refreshAfterMs);
    } else await repositoriesView(state, navigate);
    markFirstView();
    // Only the latest navigation's view says it is ready (an earlier one may finish after it started).
    if (ticket === rendering) document.body.dataset.ready = view;
  } catch (e) {
    if (e instanceof SignInRequired) signIn('The API needs its token.');
    else show(el('p', {class: 'error', role: 'alert'}, 'Could not load this view: ', e.message));
  }
}

function signIn(message) {
  document.body.dataset.ready = 'sign-in';
  const input = el('input', {type: 'password', id: 'token', name: 'token', autocomplete: 'current-password', required: true});
  const note = el('p', {id: 'sign-in-message', role: 'status'}, message);
  const form = el('form', {id: 'sign-in', class: 'sign-in'},
    el('h2', {}, 'Sign in'),
    note,
    el('label', {for: 'token'}, 'API token (the sink\'s api.token)'), input,
    el('button', {type: 'submit'}, 'Sign in'),
    el('p', {class: 'hint'}, 'The token is kept in this browser tab until it is closed.'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (await check(input.value)) {
      setToken(input.value);
      render();
    } else {
      note.textContent = 'That token was refused.';
      input.select();
    }
  });
  show(form);
  input.focus();
}

async function start() {
  document.getElementById('sign-out').addEventListener('click', () => {
    setToken(null);
    signIn('Signed out.');
  });
  window.addEventListener('hashchange', render);
  const session = await fetch('ui/session.json', {cache: 'no-store'}).then((r) => r.json());
  if (session.tokenRequired && !token()) signIn('This inventory is protected by a token.');
  else render();
}

start();
