/** Small horizontal bar charts as inline SVG: no script, prints as vectors. */

export interface Bar {
  readonly label: string;
  readonly value: number;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function barChart(title: string, bars: readonly Bar[], unit: string, max?: number): string {
  const rowH = 22;
  const labelW = 220;
  const barW = 380;
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowH + 8;
  const rows = bars
    .map((b, i) => {
      const y = 4 + i * rowH;
      const w = Math.max(0, Math.round((b.value / top) * barW));
      return (
        `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(b.label)}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" rx="2"></rect>` +
        `<text x="${labelW + w + 4}" y="${y + 15}">${esc(String(b.value))}${esc(unit)}</text>`
      );
    })
    .join('');
  return (
    `<figure class="chart"><figcaption>${esc(title)}</figcaption>` +
    `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelW + barW + 60} ${height}" width="100%">${rows}</svg></figure>`
  );
}

export { esc };
