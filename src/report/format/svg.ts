/**
 * Small horizontal bar charts as inline SVG: no script, prints as vectors. Each bar has its
 * label on the line above it, so the chart keeps its text size on a 360 px phone instead of
 * shrinking a wide label column with it.
 */

export interface Bar {
  readonly label: string;
  readonly value: number;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function barChart(title: string, bars: readonly Bar[], unit: string, max?: number, format: (n: number) => string = String): string {
  const width = 340;
  const barW = 270;
  const rowH = 38;
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * rowH + 4;
  const rows = bars
    .map((b, i) => {
      const y = 2 + i * rowH;
      const w = Math.max(0, Math.round((b.value / top) * barW));
      return (
        `<text x="0" y="${y + 13}">${esc(b.label)}</text>` +
        `<rect x="0" y="${y + 18}" width="${w}" height="14" rx="2"></rect>` +
        `<text x="${w + 4}" y="${y + 30}">${esc(format(b.value))}${esc(unit)}</text>`
      );
    })
    .join('');
  return (
    `<figure class="chart"><figcaption>${esc(title)}</figcaption>` +
    `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width * 1.4}px">${rows}</svg></figure>`
  );
}

export { esc };
