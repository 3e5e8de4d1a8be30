// One repository or one user: every attribute and where it came from.
import {getJson} from './api.js';
import {el, show, time, definitionList} from './dom.js';

function safeLink(href, text) {
  // Only http(s) links from the inventory become links; anything else stays text.
  return /^https?:\/\//i.test(href || '') ? el('a', {href, rel: 'noopener noreferrer', target: '_blank'}, text || href) : (href || null);
}

export async function repositoryView(id) {
  const r = await getJson('repositories/' + encodeURIComponent(id));
  const a = r.appContext;
  const p = a && a.provenance;
  show(
    el('p', {}, el('a', {href: '#/repositories'}, '← Repositories')),
    el('h2', {id: 'detail-title'}, r.fullName || r.name),
    r.removed ? el('p', {class: 'removed-note', id: 'removed-note', role: 'status'},
      'Removed ', time(r.removedAt), ': ', (r.removedReasons || []).join(', ')) : null,
    el('section', {'aria-labelledby': 'h-repo'}, el('h3', {id: 'h-repo'}, 'Repository'), definitionList([
      ['Id', r.id],
      ['Name', r.name],
      ['Slug', r.slug],
      ['In Bitbucket', safeLink(r.browseUrl)],
      ['Service', r.source && r.source.serviceType],
      ['Instance', r.source && r.source.baseUrl],
      ['Workspace / project', r.source && [r.source.scopeKey, r.source.scopeName].filter(Boolean).join(' — ')],
      r.source && r.source.projectKey ? ['Project', [r.source.projectKey, r.source.projectName].filter(Boolean).join(' — ')] : null,
      ['Visibility', (r.visibility || '').toLowerCase()],
      ['Archived', r.archived ? 'yes' : 'no'],
      ['Default branch', r.defaultBranch],
      ['Description', r.description],
      ['Created', time(r.createdAt)],
      ['Updated', time(r.updatedAt)],
      ['Clone URLs', (r.cloneUrls || []).length ? el('ul', {}, r.cloneUrls.map((u) => el('li', {}, u.name + ': ', u.href))) : null],
      ['Profiles that see it', (r.profiles || []).join(', ')],
      ['First seen', time(r.firstSeen)],
      ['Last seen', time(r.lastSeen)],
      ['Removed', r.removed ? ['yes, ', time(r.removedAt), ' (' + (r.removedReasons || []).join(', ') + ')'] : 'no'],
      ['Version', r.version],
    ])),
    el('section', {'aria-labelledby': 'h-class', id: 'classification'}, el('h3', {id: 'h-class'}, 'Class, tags and labels'),
      definitionList([
        ['Class', [r.class, ' (', classSource(r), r.classLocked ? ', locked: no policy changes it' : '', ')']],
        ['Freshness', r.freshness],
        ['Last commit', time(r.lastCommitAt)],
        ['Tags', (r.tags || []).length === 0 ? null : el('ul', {id: 'tags'}, r.tags.map((t) =>
          el('li', {}, el('a', {href: '#/repositories?tag=' + encodeURIComponent(t.key + ':' + t.value)}, t.key + ':' + t.value),
            ' (' + t.source + ')')))],
        ['Labels', (r.labels || []).length === 0 ? null : el('ul', {id: 'labels'}, r.labels.map((l) =>
          el('li', {}, el('a', {href: '#/repositories?label=' + encodeURIComponent(l.name)}, l.name), ' (' + l.source + ')')))],
      ])),
    el('section', {'aria-labelledby': 'h-dev'}, el('h3', {id: 'h-dev'}, 'Developers (committers in the window)'),
      (r.developers || []).length === 0 ? el('p', {}, 'No commit data.') : el('table', {id: 'developers'},
        el('thead', {}, el('tr', {}, ['Developer', 'Email', 'Commits', 'Last commit', 'Bitbucket user', 'Found by']
          .map((h) => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, r.developers.map((d) => el('tr', {},
          el('td', {}, el('a', {href: '#/repositories?developer=' + encodeURIComponent(d.username || d.email || '')},
            d.displayName || d.username || d.email || '—')),
          el('td', {}, d.email || '—'), el('td', {}, d.commitCount), el('td', {}, time(d.lastCommitAt)),
          el('td', {}, d.userAssetId ? el('a', {href: '#/user/' + encodeURIComponent(d.userAssetId)}, d.username || d.userAssetId)
            : safeLink(d.url, d.username) || '—'),
          el('td', {}, d.discoveredBy)))))),
    el('section', {'aria-labelledby': 'h-lang'}, el('h3', {id: 'h-lang'}, 'Languages'),
      (r.languages || []).length === 0 ? el('p', {}, 'None known.') : el('table', {id: 'languages'},
        el('thead', {}, el('tr', {}, ['Language', 'As given', 'Source', 'Recognised'].map((h) => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, r.languages.map((l) => el('tr', {},
          el('td', {}, l.name), el('td', {}, l.raw), el('td', {}, l.source), el('td', {}, l.recognised ? 'yes' : 'no')))))),
    el('section', {'aria-labelledby': 'h-ctx', id: 'app-context'}, el('h3', {id: 'h-ctx'}, 'App context (Backstage catalog)'),
      !a ? el('p', {}, 'No catalog file found.') : [
        p && p.error ? el('p', {class: 'error', id: 'catalog-error'}, 'The catalog file could not be used: ', p.error) : null,
        definitionList([
          ['Owner', a.owner], ['Application', a.application], ['Lifecycle', a.lifecycle], ['Category', a.category],
          ['Catalog name', a.catalogName], ['Title', a.title],
          ['From file', p && p.filePath], ['At commit', p && p.commit],
        ])]));
}

function classSource(r) {
  if (!r.classSource) return 'default';
  return r.classSource === 'manual' ? 'set by hand' : r.classSource.replace(/^policy:/, 'policy: ');
}

export async function userView(id) {
  const u = await getJson('users/' + encodeURIComponent(id));
  show(
    el('p', {}, el('a', {href: '#/users'}, '← Users')),
    el('h2', {}, u.displayName || u.username || u.id),
    u.removed ? el('p', {class: 'removed-note', role: 'status'}, 'Removed ', time(u.removedAt), ': ',
      (u.removedReasons || []).join(', ')) : null,
    definitionList([
      ['Id', u.id], ['Username', u.username], ['Display name', u.displayName], ['Email', u.email],
      ['Account id', u.accountId], ['Active', u.active === null ? null : (u.active ? 'yes' : 'no')],
      ['Type', u.userType], ['Service', u.serviceType], ['Instance', u.baseUrl],
      ['Workspaces / projects', (u.scopes || []).join(', ')], ['Profiles that see them', (u.profiles || []).join(', ')],
      ['First seen', time(u.firstSeen)], ['Last seen', time(u.lastSeen)],
      ['Removed', u.removed ? ['yes, ', time(u.removedAt), ' (' + (u.removedReasons || []).join(', ') + ')'] : 'no'],
    ]));
}
