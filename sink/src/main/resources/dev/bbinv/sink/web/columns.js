// The repository table's columns. Optional ones are offered only once the API returns them, so the chooser grows
// with the data without a change here.
const list = (values) => (values || []).join(', ');
// "2: ana, bob@example.com": how many committers in the window, then who (username, else email, else name).
const developers = (r) => ((r.developers || []).length === 0 ? null
  : r.developers.length + ': ' + list(r.developers.map((d) => d.username || d.email || d.displayName)));
const ctx = (r, key) => (r.appContext ? r.appContext[key] : null);

export const COLUMNS = [
  {id: 'name', label: 'Name', sort: 'name', value: (r) => r.name},
  {id: 'scope', label: 'Workspace / project', sort: 'scope', value: (r) => r.source && r.source.scopeKey},
  {id: 'profile', label: 'Profiles', value: (r) => list(r.profiles)},
  {id: 'visibility', label: 'Visibility', sort: 'visibility', value: (r) => (r.visibility || '').toLowerCase()},
  {id: 'archived', label: 'Archived', sort: 'archived', value: (r) => (r.archived ? 'yes' : 'no')},
  {id: 'language', label: 'Languages', value: (r) => list((r.languages || []).map((l) => l.name))},
  {id: 'owner', label: 'Owner', sort: 'owner', value: (r) => ctx(r, 'owner')},
  {id: 'application', label: 'Application', sort: 'application', value: (r) => ctx(r, 'application')},
  {id: 'lifecycle', label: 'Lifecycle', sort: 'lifecycle', value: (r) => ctx(r, 'lifecycle')},
  {id: 'category', label: 'Category', sort: 'category', value: (r) => ctx(r, 'category')},
  {id: 'class', label: 'Class', sort: 'class', value: (r) => (r.class ? r.class + (r.classLocked ? ' (locked)' : '') : null)},
  {id: 'freshness', label: 'Freshness', value: (r) => r.freshness},
  {id: 'lastCommitAt', label: 'Last commit', sort: 'last_commit_at', value: (r) => (r.lastCommitAt || '').slice(0, 10)},
  {id: 'developers', label: 'Developers', value: developers},
  {id: 'tags', label: 'Tags', value: (r) => list((r.tags || []).map((t) => t.key + ':' + t.value))},
  {id: 'labels', label: 'Labels', value: (r) => list((r.labels || []).map((l) => l.name))},
  {id: 'created', label: 'Created', sort: 'created_at', value: (r) => (r.createdAt || '').slice(0, 10)},
  {id: 'lastSeen', label: 'Last seen', sort: 'last_seen', value: (r) => r.lastSeen},
];

export const DEFAULT_COLUMNS = ['name', 'scope', 'visibility', 'language', 'owner', 'application', 'lifecycle',
  'class', 'freshness'];

/** The columns that can be chosen given one page of items: every fixed one, optional ones the API returned. */
export function available(items) {
  return COLUMNS.filter((c) => !c.optional || items.some((r) => r[c.id] !== undefined));
}

/** The filters the page offers, in the order shown; each is also a parameter of the API's listing. */
export const FILTERS = [
  {id: 'language', label: 'Language'},
  {id: 'scope', label: 'Workspace / project'},
  {id: 'profile', label: 'Profile'},
  {id: 'visibility', label: 'Visibility'},
  {id: 'archived', label: 'Archived'},
  {id: 'owner', label: 'Owner'},
  {id: 'application', label: 'Application'},
  {id: 'lifecycle', label: 'Lifecycle'},
  {id: 'category', label: 'Category'},
  {id: 'created', label: 'Created (year)'},
  {id: 'class', label: 'Class'},
  {id: 'freshness', label: 'Freshness'},
  {id: 'tag', label: 'Tag'},
  {id: 'label', label: 'Label'},
];

/** Filters without a drop-down (too many values to list) that a link may set, e.g. a developer on the detail page. */
export const LINK_FILTERS = ['developer'];
