// Small DOM helpers: every value from the inventory goes in as text, never as HTML.

/** el('a', {href: '#x', class: 'y'}, 'text', child, ...) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what the main area shows. */
export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren();
  append(main, children);
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return el('time', {datetime: iso, title: iso}, d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'));
}

export function definitionList(rows) {
  return el('dl', {class: 'facts'}, rows.filter(Boolean).map(([term, value]) =>
    [el('dt', {}, term), el('dd', {}, value === null || value === undefined || value === '' ? '—' : value)]));
}

/** Marks when the first view after a load was shown, for the bench (WebPageBench) to read from the Performance API. */
export function markFirstView() {
  if (!performance.getEntriesByName('bbinv-first-view').length) performance.mark('bbinv-first-view');
}

/** A search box re-rendered while the user types in it keeps the focus and the caret at the end. */
export function keepTyping(input) {
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
}
