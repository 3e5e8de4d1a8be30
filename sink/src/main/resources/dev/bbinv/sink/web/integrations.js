// Each integration profile as Snyk words its state, and the pipeline; refreshes itself while a sync runs.
import {getJson} from './api.js';
import {el, show, time} from './dom.js';

export async function integrationsView() {
  let status;
  try {
    status = await getJson('status');
  } catch (e) {
    if (e.status === 404) {
      show(el('h2', {}, 'Integrations'), el('p', {}, 'This process serves no pipeline status (it runs the sink alone without ops).'));
      return {refreshAfterMs: null};
    }
    throw e;
  }
  const profiles = status.profiles || [];
  const pipeline = status.pipeline;
  show(
    el('h2', {}, 'Integrations'),
    status.profilesUnavailable ? el('p', {}, status.profilesUnavailable) : el('div', {class: 'table-wrap'}, el('table', {id: 'profiles'},
      el('thead', {}, el('tr', {}, ['Profile', 'State', 'Last scan', 'Next scan', 'Last complete scan', 'Last error',
        'Repositories', 'Users', 'Removed'].map((h) => el('th', {scope: 'col'}, h)))),
      el('tbody', {}, profiles.map((p) => el('tr', {'data-profile': p.profile},
        el('td', {}, p.profile),
        el('td', {}, el('span', {class: 'state state-' + (p.state || '').toLowerCase().replace(/\s+/g, '-')}, p.state),
          p.state === 'Connection failed' && p.reason ? [': ', p.reason] : null),
        el('td', {}, time(p.lastScanAt)), el('td', {}, time(p.nextScanAt)), el('td', {}, time(p.lastCompleteScanAt)),
        el('td', {}, p.lastError ? [p.lastError, ' ', time(p.lastErrorAt)] : '—'),
        el('td', {}, el('a', {href: '#/repositories?profile=' + encodeURIComponent(p.profile)}, p.repositories ?? '—')),
        el('td', {}, el('a', {href: '#/users?profile=' + encodeURIComponent(p.profile)}, p.users ?? '—')),
        el('td', {}, p.removed ?? '—')))))),
    el('h3', {}, 'Pipeline'),
    !pipeline ? el('p', {}, status.pipelineUnavailable || 'Kafka did not answer.') : [
      el('p', {id: 'dlq'}, `Dead-letter queue: ${pipeline.dlqRecords} records. Read `, time(pipeline.readAt)),
      el('div', {class: 'table-wrap'}, el('table', {id: 'lag'},
        el('thead', {}, el('tr', {}, ['Role', 'Consumer group', 'Lag'].map((h) => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, (pipeline.consumerLag || []).map((r) => el('tr', {}, el('td', {}, r.role), el('td', {}, r.group), el('td', {}, r.lag)))))),
      el('div', {class: 'table-wrap'}, el('table', {id: 'topics'},
        el('thead', {}, el('tr', {}, ['Topic', 'Partitions', 'Records'].map((h) => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, (pipeline.topics || []).map((t) => el('tr', {}, el('td', {}, t.topic), el('td', {}, t.partitions), el('td', {}, t.records))))))]);
  const syncing = profiles.some((p) => p.state === 'Syncing' || p.scanning)
    || (pipeline && (pipeline.consumerLag || []).some((r) => r.lag > 0));
  return {refreshAfterMs: syncing ? 2000 : 15000};
}
