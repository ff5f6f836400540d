/** The header's learner selector and language link: a cookie, then back to the page. */
import { cookie, formBody, redirect, safeBack } from '../http.js';
import type { LmsRequest } from '../request.js';

export async function chooseLearner(r: LmsRequest): Promise<void> {
  const form = await formBody(r.req);
  redirect(r.res, safeBack(form.get('back')), [cookie('bd_learner', form.get('learner') ?? '')]);
}

export function chooseLanguage(r: LmsRequest): void {
  const to = r.url.searchParams.get('to') === 'en' ? 'en' : 'vi';
  redirect(r.res, safeBack(r.url.searchParams.get('back')), [cookie('bd_lang', to)]);
}
