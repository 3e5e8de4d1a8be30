// Horizontal SVG bar charts drawn here (no chart library needed for bars); each bar is a button that filters.
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  return node;
}

/**
 * A chart of counts [{value, count}] with a title; clicking (or Enter/Space on) a bar calls onPick(value).
 * The value shown for null is "(none)".
 */
export function barChart(title, counts, onPick, selected, maxBars = 8) {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption);
  const rows = counts.filter((c) => c.value !== null).slice(0, maxBars);
  const max = Math.max(1, ...rows.map((c) => c.count));
  const rowHeight = 22;
  const chart = svg('svg', {viewBox: `0 0 300 ${rows.length * rowHeight}`, width: '100%', role: 'list',
    'aria-label': title});
  rows.forEach((c, i) => {
    const group = svg('g', {role: 'listitem', tabindex: 0, class: 'bar' + (c.value === selected ? ' selected' : ''),
      'aria-label': `${title}: ${c.value}, ${c.count} repositories; filter by it`, 'data-value': c.value});
    const y = i * rowHeight;
    group.append(svg('rect', {x: 110, y: y + 3, height: rowHeight - 6, width: Math.max(2, (c.count / max) * 150)}));
    const label = svg('text', {x: 105, y: y + 15, 'text-anchor': 'end'});
    label.textContent = c.value.length > 16 ? c.value.slice(0, 15) + '…' : c.value;
    const count = svg('text', {x: 114 + (c.count / max) * 150, y: y + 15, class: 'count'});
    count.textContent = c.count;
    const tooltip = svg('title', {});
    tooltip.textContent = `${c.value}: ${c.count}`;
    group.append(label, count, tooltip);
    const pick = () => onPick(c.value);
    group.addEventListener('click', pick);
    group.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); }
    });
    chart.append(group);
  });
  figure.append(chart);
  return figure;
}
