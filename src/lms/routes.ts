/** Every path the preview LMS answers, in one table (docs/lms.md, "What it serves"). */
import {
  chooseLanguage,
  chooseLearner,
  launchModule,
  sendPackageFile,
  sendScormAgain,
  returnFromModule,
  commitScorm,
  showCatalogue,
  showStatements,
  showTranscript,
} from './handlers/index.js';
import type { Preview } from './preview.js';
import type { LmsRequest } from './request.js';
import { route, type Route } from './router.js';

export function previewRoutes(preview: Preview): Route<LmsRequest>[] {
  const { reload } = preview;
  return [
    route('GET', '/', (r) => showCatalogue(preview, r)),
    route('GET', '/transcript', (r) => showTranscript(preview, r)),
    route('GET', '/statements', (r) => showStatements(preview, r)),
    route('POST', '/learner', (r) => chooseLearner(r)),
    route('GET', '/lang', (r) => chooseLanguage(r)),
    ...(reload ? [route<LmsRequest, '/events'>('GET', '/events', (r) => reload.subscribe(r.req, r.res))] : []),
    route('GET', '/vendor/scorm-again/:file', (r, p) => sendScormAgain(r, p.file)),
    route('GET', '/pkg/:course/:format/*', (r, p) => sendPackageFile(preview, r, p.course, p.format, p.rest)),
    route('GET', '/launch/:course/:module/:format', (r, p) => launchModule(preview, r, p.course, p.module, p.format)),
    route('GET', '/return/:course', (r, p) => returnFromModule(preview, r, p.course)),
    route('POST', '/api/scorm/:attempt', (r, p) => commitScorm(preview, r, p.attempt)),
  ];
}
