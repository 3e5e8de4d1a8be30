// The repository inventory: search, filters with counts, charts that filter, chosen columns, sorting, paging
// (the API pages on the server: only one page of rows is ever loaded) and a download of exactly what is filtered.
import {getJson, downloadButtons} from './api.js';
import {el, show, markFirstView, keepTyping} from './dom.js';
import {COLUMNS, DEFAULT_COLUMNS, FILTERS, LINK_FILTERS, available} from './columns.js';
import {barChart} from './charts.js';

const LIST_KEYS = ['name', 'removed', ...FILTERS.map((f) => f.id), ...LINK_FILTERS];
let searchTimer = null;

/** The API query string of the filters in the view's state (no paging, sorting or columns). */
function filterQuery(state) {
  const q = new URLSearchParams();
  for (const key of LIST_KEYS) if (state.get(key)) q.set(key, state.get(key));
  return q;
}

/** The page before: from the first row's id, or simply the first page when it starts there. */
export function previousPage(offset, limit, page) {
  const to = Math.max(0, offset - limit);
  return to === 0 ? {offset: null} : {offset: to, before: page.previous};
}

export async function repositoriesView(state, navigate) {
  const limit = Number(state.get('limit') || 50);
  const offset = Number(state.get('offset') || 0);
  const sort = state.get('sort') || 'name';
  const listQuery = filterQuery(state);
  listQuery.set('limit', limit);
  // Next and Previous page from the row beside (seek paging: as fast on the last page as on the first); the offset
  // in the address is then only the range shown. A typed or shared offset alone still works.
  if (state.get('after')) listQuery.set('after', state.get('after'));
  else if (state.get('before')) listQuery.set('before', state.get('before'));
  else listQuery.set('offset', offset);
  listQuery.set('sort', sort);
  const set = (changes, keepOffset) => {
    const next = new URLSearchParams(state);
    next.delete('after');
    next.delete('before');
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === '') next.delete(k); else next.set(k, v);
    }
    if (!keepOffset) next.delete('offset');
    navigate('repositories', next);
  };

  // The counts take longer than a page of rows on a large inventory: the table is shown first, then they fill in
  // (asked only once the rows are in, so that on a small server they do not slow the rows down).
  const page = await getJson('repositories?' + listQuery);
  const columns = available(page.items);
  const chosen = (state.get('cols') || DEFAULT_COLUMNS.join(',')).split(',')
    .map((id) => columns.find((c) => c.id === id)).filter(Boolean);

  const search = el('input', {type: 'search', id: 'search', name: 'name', value: state.get('name') || '',
    placeholder: 'Repository name contains…', autocomplete: 'off'});
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => set({name: search.value.trim()}), 300);
  });

  const showRemoved = el('input', {type: 'checkbox', id: 'show-removed', checked: state.get('removed') === 'any',
    onchange: (e) => set({removed: e.target.checked ? 'any' : null})});

  const chooser = el('details', {class: 'columns'}, el('summary', {}, 'Columns'),
    el('fieldset', {}, el('legend', {}, 'Columns shown'), columns.map((c) => el('label', {},
      el('input', {type: 'checkbox', name: 'col', value: c.id, checked: chosen.includes(c),
        onchange: () => {
          const ids = [...chooser.querySelectorAll('input[name=col]:checked')].map((i) => i.value);
          set({cols: ids.join(',')}, true);
        }}), ' ', c.label))));

  const header = el('tr', {}, chosen.map((c) => {
    if (!c.sort) return el('th', {scope: 'col'}, c.label);
    const active = sort === c.sort || sort === '-' + c.sort;
    const descending = sort === '-' + c.sort;
    return el('th', {scope: 'col', 'aria-sort': active ? (descending ? 'descending' : 'ascending') : 'none'},
      el('button', {type: 'button', class: 'sort', onclick: () => set({sort: active && !descending ? '-' + c.sort : c.sort})},
        c.label, active ? (descending ? ' ▼' : ' ▲') : ''));
  }));
  const rows = page.items.map((r) => el('tr', {class: r.removed ? 'removed' : null, 'data-id': r.id},
    chosen.map((c, i) => el('td', {}, i === 0
      ? [el('a', {href: '#/repository/' + encodeURIComponent(r.id)}, c.value(r) || r.id),
        r.removed ? el('span', {class: 'badge'}, 'removed: ' + (r.removedReasons || []).join(', ')) : null]
      : blankAsDash(c.value(r))))));

  const first = page.total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + page.items.length, page.total);
  const pager = el('nav', {class: 'pager', 'aria-label': 'Pages'},
    el('button', {type: 'button', disabled: !page.previous, onclick: () => set(previousPage(offset, limit, page), true)}, '← Previous'),
    el('span', {id: 'range', 'aria-live': 'polite'}, `${first}–${last} of ${page.total}`),
    el('button', {type: 'button', disabled: !page.next, onclick: () => set({offset: offset + limit, after: page.next}, true)}, 'Next →'),
    el('label', {for: 'page-size'}, 'Rows per page'),
    el('select', {id: 'page-size', onchange: (e) => set({limit: e.target.value})},
      [25, 50, 100, 200].map((n) => el('option', {value: n, selected: n === limit}, n))));

  const downloads = downloadButtons('export/repositories', filterQuery(state), 'repositories');

  const filtersSection = el('section', {class: 'filters', 'aria-label': 'Filters', 'aria-busy': 'true'},
    filterControls(state, {}, set), linkFilters(state, set), clearButton(state, navigate));
  const chartsSection = el('section', {class: 'charts', 'aria-label': 'Charts; each bar filters the table'});
  const typing = document.activeElement && document.activeElement.id === 'search';
  show(
    el('h2', {}, 'Repositories'),
    el('div', {class: 'toolbar'},
      el('label', {for: 'search', class: 'visually-hidden'}, 'Search repositories by name'), search,
      el('label', {class: 'switch'}, showRemoved, ' Show removed'), chooser, downloads),
    filtersSection,
    chartsSection,
    el('p', {id: 'total', class: 'total'}, `${page.total} repositories`),
    el('div', {class: 'table-wrap'}, el('table', {id: 'repositories'},
      el('caption', {class: 'visually-hidden'}, 'Repositories matching the filters'),
      el('thead', {}, header), el('tbody', {}, rows))),
    pager);
  if (typing) keepTyping(search);
  markFirstView();

  const facets = await getJson('facets/repositories?' + filterQuery(state));
  filtersSection.replaceChildren(...filterControls(state, facets.facets, set), linkFilters(state, set) || '',
    clearButton(state, navigate) || '');
  filtersSection.setAttribute('aria-busy', 'false');
  chartsSection.replaceChildren(
    barChart('By language', facets.facets.language || [], (v) => set({language: v}), state.get('language')),
    barChart('By visibility', facets.facets.visibility || [], (v) => set({visibility: v}), state.get('visibility')),
    barChart('By owner (top 8)', facets.facets.owner || [], (v) => set({owner: v}), state.get('owner')),
    barChart('By class', facets.facets.class || [], (v) => set({class: v}), state.get('class')),
    barChart('By freshness', facets.facets.freshness || [], (v) => set({freshness: v}), state.get('freshness')),
    // Over time: by the year Bitbucket Cloud says each was created, latest 12 years in order (Data Center does not say)
    barChart('Created per year (Cloud)', (facets.facets.created || []).filter((c) => c.value !== null)
      .sort((a, b) => b.value.localeCompare(a.value)).slice(0, 12).reverse(), (v) => set({created: v}),
    state.get('created'), 12));
}

/** One drop-down per filter, each value with how many repositories it would leave; only the current value until counted. */
function filterControls(state, facets, set) {
  return FILTERS.map((f) => {
    const counts = facets[f.id] || [];
    const current = state.get(f.id) || '';
    const select = el('select', {id: 'filter-' + f.id, name: f.id, onchange: (e) => set({[f.id]: e.target.value})},
      el('option', {value: ''}, 'Any'),
      counts.filter((c) => c.value !== null).map((c) =>
        el('option', {value: c.value, selected: c.value.toLowerCase() === current.toLowerCase()},
          `${c.value} (${c.count})`)));
    if (current && !counts.some((c) => c.value && c.value.toLowerCase() === current.toLowerCase())) {
      select.append(el('option', {value: current, selected: true}, current));
    }
    return el('div', {class: 'filter'}, el('label', {for: 'filter-' + f.id}, f.label), select);
  });
}

/** A link filter in force (e.g. developer=ana from the detail page), shown so that it can be removed. */
function linkFilters(state, set) {
  const active = LINK_FILTERS.filter((k) => state.get(k));
  return active.length === 0 ? null : active.map((k) => el('button', {type: 'button', class: 'link-filter',
    id: 'link-filter-' + k, title: 'Remove this filter', onclick: () => set({[k]: null})}, `${k}: ${state.get(k)} ✕`));
}

function clearButton(state, navigate) {
  return LIST_KEYS.some((k) => k !== 'removed' && state.get(k))
    ? el('button', {type: 'button', id: 'clear-filters',
      onclick: () => navigate('repositories', keepOnly(state, ['cols', 'limit', 'sort']))}, 'Clear filters')
    : null;
}

function blankAsDash(value) {
  return value === null || value === undefined || value === '' ? '—' : value;
}

function keepOnly(state, keys) {
  const next = new URLSearchParams();
  for (const k of keys) if (state.get(k)) next.set(k, state.get(k));
  return next;
}
