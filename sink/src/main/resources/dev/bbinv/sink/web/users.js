// The users of the inventory: search, filter by profile and workspace/project, removed on request, a download of
// exactly what is filtered; paged on the server.
import {downloadButtons, getJson} from './api.js';
import {el, show, time, keepTyping} from './dom.js';

let searchTimer = null;

export async function usersView(state, navigate, profiles, scopes) {
  const limit = 50;
  const offset = Number(state.get('offset') || 0);
  const filters = new URLSearchParams();
  for (const k of ['name', 'profile', 'scope', 'removed']) if (state.get(k)) filters.set(k, state.get(k));
  const q = new URLSearchParams(filters);
  q.set('limit', limit);
  // Paged from the row beside, as the repositories are; the offset is then only the range shown.
  if (state.get('after')) q.set('after', state.get('after'));
  else if (state.get('before')) q.set('before', state.get('before'));
  else q.set('offset', offset);
  const page = await getJson('users?' + q);
  const set = (changes) => {
    const next = new URLSearchParams(state);
    next.delete('after');
    next.delete('before');
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    if (!('offset' in changes)) next.delete('offset');
    navigate('users', next);
  };
  const search = el('input', {type: 'search', id: 'user-search', value: state.get('name') || '',
    placeholder: 'Username or name contains…'});
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => set({name: search.value.trim()}), 300);
  });
  const last = Math.min(offset + page.items.length, page.total);
  const typing = document.activeElement && document.activeElement.id === 'user-search';
  show(
    el('h2', {}, 'Users'),
    el('div', {class: 'toolbar'},
      el('label', {for: 'user-search', class: 'visually-hidden'}, 'Search users'), search,
      el('div', {class: 'filter'}, el('label', {for: 'user-profile'}, 'Profile'),
        el('select', {id: 'user-profile', onchange: (e) => set({profile: e.target.value})},
          el('option', {value: ''}, 'Any'),
          profiles.map((c) => el('option', {value: c.value, selected: c.value === state.get('profile')}, `${c.value} (${c.count})`)))),
      el('div', {class: 'filter'}, el('label', {for: 'user-scope'}, 'Workspace / project'),
        el('select', {id: 'user-scope', onchange: (e) => set({scope: e.target.value})},
          el('option', {value: ''}, 'Any'),
          scopes.map((c) => el('option', {value: c.value, selected: c.value === state.get('scope')}, `${c.value} (${c.count})`)))),
      el('label', {class: 'switch'}, el('input', {type: 'checkbox', id: 'users-removed', checked: state.get('removed') === 'any',
        onchange: (e) => set({removed: e.target.checked ? 'any' : ''})}), ' Show removed'),
      downloadButtons('export/users', filters, 'users', 'users-')),
    el('p', {class: 'total'}, `${page.total} users`),
    el('div', {class: 'table-wrap'}, el('table', {id: 'users'},
      el('thead', {}, el('tr', {}, ['User', 'Username', 'Workspaces / projects', 'Profiles', 'Last seen']
        .map((h) => el('th', {scope: 'col'}, h)))),
      el('tbody', {}, page.items.map((u) => el('tr', {class: u.removed ? 'removed' : null},
        el('td', {}, el('a', {href: '#/user/' + encodeURIComponent(u.id)}, u.displayName || u.username || u.id),
          u.removed ? el('span', {class: 'badge'}, 'removed: ' + (u.removedReasons || []).join(', ')) : null),
        el('td', {}, u.username || '—'), el('td', {}, (u.scopes || []).join(', ')),
        el('td', {}, (u.profiles || []).join(', ')), el('td', {}, time(u.lastSeen))))))),
    el('nav', {class: 'pager', 'aria-label': 'Pages'},
      el('button', {type: 'button', disabled: !page.previous, onclick: () => set(offset - limit <= 0 ? {offset: ''}
        : {offset: String(offset - limit), before: page.previous})}, '← Previous'),
      el('span', {}, `${page.total === 0 ? 0 : offset + 1}–${last} of ${page.total}`),
      el('button', {type: 'button', disabled: !page.next, onclick: () => set({offset: String(offset + limit), after: page.next})}, 'Next →')));
  if (typing) keepTyping(search);
}
