/**
 * A small note under the module when the LRS refused statements: how many, and which, so the
 * trainee or support can see that something was not recorded (the statements stay in the
 * browser's storage; the console has their ids).
 */
import { deviceOffsetMinutes, formatDateTime } from '../../core/index.js';
import type { UndeliveredRecord } from '../tracking/index.js';
import type { Strings } from './strings.js';

export function showUndelivered(anchor: HTMLElement, t: Strings, lang: 'vi' | 'en', records: readonly UndeliveredRecord[]): void {
  const doc = anchor.ownerDocument;
  let box = anchor.parentElement?.querySelector<HTMLDetailsElement>('.bd-undelivered') ?? null;
  if (records.length === 0) {
    box?.remove();
    return;
  }
  if (!box) {
    box = doc.createElement('details');
    box.className = 'bd-undelivered';
    anchor.after(box);
  }
  const summary = doc.createElement('summary');
  summary.textContent = t.undelivered(records.length);
  const help = doc.createElement('p');
  help.textContent = t.undeliveredHelp;
  const list = doc.createElement('ul');
  for (const r of records) {
    const li = doc.createElement('li');
    // The trainee's own clock: dd/mm/yyyy HH:mm in Vietnamese (formatDateTime keeps an unreadable stamp as it is).
    const when = formatDateTime(r.timestamp, lang, deviceOffsetMinutes(new Date(r.timestamp)));
    li.textContent = `${r.verb} · ${when} · ${t.undeliveredStatus(r.status)}`;
    li.dataset['status'] = String(r.status);
    list.append(li);
  }
  box.dataset['count'] = String(records.length);
  box.replaceChildren(summary, help, list);
}
