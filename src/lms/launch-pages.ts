/** The pages that host a launched module: SCORM under scorm-again, cmi5 and xAPI in a frame. */
import { esc, t, type UiLang } from './pages/index.js';

export interface FramePage {
  readonly title: string;
  readonly lang: UiLang;
  /** URL of the module's index.html, with any launch parameters. */
  readonly src: string;
  /** Inline script run before the frame loads (the SCORM API). */
  readonly head?: string;
  /** Where "back" goes: the catalogue, or a return URL that evaluates moveOn. */
  readonly back: string;
  /** Watch mode: lint errors to show above the module, and the script that reloads on rebuild. */
  readonly watch?: { readonly errors: string; readonly script: string };
}

export function framePage(p: FramePage): string {
  return `<!doctype html>
<html lang="${p.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(p.title)}</title>
<style>html,body{margin:0;height:100%;font-family:"Noto Sans","Segoe UI",Arial,sans-serif}
body{display:flex;flex-direction:column}header{background:#8b1a1a;color:#fff;padding:6px 10px;display:flex;gap:10px;align-items:center}
header a{color:#fff}header a:focus-visible{outline:3px solid #f2b705}iframe{flex:1;border:0;width:100%}
.errors{background:#fff3f3;color:#1a1a1a;border:1px solid #8b1a1a;padding:8px;margin:0;white-space:pre-wrap;max-height:40vh;overflow:auto}</style>
${p.head ?? ''}</head>
<body><header><a href="${esc(p.back)}" id="back">← ${t('back', p.lang)}</a><span>${esc(p.title)}</span></header>
${p.watch?.errors ? `<div class="errors" role="alert"><strong>${t('lintErrors', p.lang)}</strong>\n${esc(p.watch.errors)}</div>` : ''}
<iframe id="content" title="${esc(p.title)}" src="${esc(p.src)}"></iframe>${p.watch?.script ?? ''}</body></html>`;
}

export interface ScormHost {
  readonly version: 'scorm12' | 'scorm2004';
  readonly commitUrl: string;
  /** Flattened CMI to start from (resume), already filtered to what an LMS carries over. */
  readonly initial: Readonly<Record<string, string>>;
}

/**
 * scorm-again as the LMS side of the SCORM API, committing to the preview LMS, which stores the
 * CMI per learner and attempt and turns it into xAPI statements.
 */
export function scormHead(h: ScormHost): string {
  const script = h.version === 'scorm12' ? 'scorm12.min.js' : 'scorm2004.min.js';
  const ctor = h.version === 'scorm12' ? 'Scorm12API' : 'Scorm2004API';
  const global = h.version === 'scorm12' ? 'API' : 'API_1484_11';
  const settings = {
    lmsCommitUrl: h.commitUrl,
    dataCommitFormat: 'flattened',
    autocommit: true,
    autocommitSeconds: 2,
    logLevel: 5,
  };
  return `<script src="/vendor/scorm-again/${script}"></script>
<script>
(function(){
  var api = new window.${ctor}(${JSON.stringify(settings)});
  api.loadFromFlattenedJSON(${JSON.stringify(h.initial).replace(/</g, '\\u003c')}, '');
  window.${global} = api;
})();
</script>`;
}

/** The CMI elements an LMS carries from one session of an attempt into the next. */
export function resumeCmi(version: 'scorm12' | 'scorm2004', saved: Readonly<Record<string, string>>, learner: { id: string; name: string }): Record<string, string> {
  const keep12 = ['cmi.core.lesson_location', 'cmi.core.lesson_status', 'cmi.core.score.raw', 'cmi.core.score.min', 'cmi.core.score.max', 'cmi.suspend_data'];
  const keep2004 = [
    'cmi.location',
    'cmi.completion_status',
    'cmi.success_status',
    'cmi.score.scaled',
    'cmi.score.raw',
    'cmi.score.min',
    'cmi.score.max',
    'cmi.progress_measure',
    'cmi.suspend_data',
  ];
  const out: Record<string, string> = {};
  for (const k of version === 'scorm12' ? keep12 : keep2004) if (saved[k] !== undefined && saved[k] !== '') out[k] = saved[k]!;
  const suspended = version === 'scorm12' ? saved['cmi.core.exit'] === 'suspend' : saved['cmi.exit'] === 'suspend';
  if (version === 'scorm12') {
    out['cmi.core.student_id'] = learner.id;
    out['cmi.core.student_name'] = learner.name;
    if (suspended) out['cmi.core.entry'] = 'resume';
  } else {
    out['cmi.learner_id'] = learner.id;
    out['cmi.learner_name'] = learner.name;
    if (suspended) out['cmi.entry'] = 'resume';
  }
  return out;
}

/** A page that sends the whole window (not just the frame it loaded in) to a same-site path. */
export function breakOutOfFrame(path: string): string {
  const to = JSON.stringify(path).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><title>…</title></head><body><a href="${esc(path)}" target="_top">${esc(path)}</a>
<script>window.top.location.replace(${to})</script></body></html>`;
}
