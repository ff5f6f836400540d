/**
 * tincan.xml and the course launch page of a plain xAPI package. The LMS launches index.html
 * with endpoint, auth, actor and registration in the query string (the Rustici launch
 * convention); the page hands the same query to the module the learner opens. The package
 * holds no LRS address and no credentials.
 */
import { iri, type Course, ACTIVITY_TYPES } from '../../../core/index.js';
import type { PackageFile, Target, TargetContext } from '../../target.js';
import { escapeXml as x } from '../../xml.js';

export const LAUNCH_PAGE = 'index.html';

export function tincanXml(ctx: TargetContext): string {
  const c: Course = ctx.course;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push('<tincan xmlns="http://projecttincan.com/tincan.xsd">');
  out.push('  <activities>');
  out.push(`    <activity id="${x(iri.course(c))}" type="${ACTIVITY_TYPES.course}">`);
  out.push(`      <name lang="${c.language}">${x(c.title)}</name>`);
  out.push(`      <description lang="${c.language}">${x(c.description ?? c.title)}</description>`);
  out.push(`      <launch lang="${c.language}">${LAUNCH_PAGE}</launch>`);
  out.push('    </activity>');
  for (const m of c.modules) {
    const lang = m.meta.language;
    out.push(`    <activity id="${x(iri.module(c, m.meta.id))}" type="${ACTIVITY_TYPES.module}">`);
    out.push(`      <name lang="${lang}">${x(m.meta.title)}</name>`);
    out.push(`      <description lang="${lang}">${x(m.meta.description ?? m.meta.title)}</description>`);
    out.push('    </activity>');
  }
  out.push('  </activities>');
  out.push('</tincan>');
  return `${out.join('\n')}\n`;
}

const STRINGS = {
  vi: { heading: 'Các học phần', periods: 'tiết', noLrs: 'Chưa có địa chỉ LRS trong đường dẫn mở khóa học: kết quả sẽ không được ghi nhận.' },
  en: { heading: 'Modules', periods: 'periods', noLrs: 'The launch link carries no LRS endpoint: results will not be recorded.' },
} as const;

/**
 * The course page: a list of modules whose links carry the launch query on. A few lines of
 * inline script, no player bundle: this page sends no statement itself.
 */
export function launchPage(ctx: TargetContext): string {
  const c = ctx.course;
  const t = STRINGS[c.language];
  const items = c.modules
    .map((m) => `      <li><a href="${x(ctx.launchPath(m.meta.id))}">${x(m.meta.title)}</a> <span>(${m.meta.periods} ${t.periods})</span></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="${c.language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${x(c.title)}</title>
  <style>body{font:1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}li{margin:.5rem 0}[hidden]{display:none}</style>
</head>
<body>
  <main>
    <h1>${x(c.title)}</h1>
    ${c.description ? `<p>${x(c.description)}</p>` : ''}
    <p id="no-lrs" role="status" hidden>${x(t.noLrs)}</p>
    <h2>${x(t.heading)}</h2>
    <ol id="modules">
${items}
    </ol>
  </main>
  <script>
    (function () {
      var q = location.search;
      if (!new URLSearchParams(q).get('endpoint')) document.getElementById('no-lrs').hidden = false;
      var links = document.querySelectorAll('#modules a');
      for (var i = 0; i < links.length; i++) links[i].setAttribute('href', links[i].getAttribute('href') + q);
    })();
  </script>
</body>
</html>
`;
}

export const xapiTarget: Target = {
  format: 'xapi',
  manifests(ctx: TargetContext): PackageFile[] {
    return [
      { path: 'tincan.xml', data: tincanXml(ctx) },
      { path: LAUNCH_PAGE, data: launchPage(ctx) },
    ];
  },
};
