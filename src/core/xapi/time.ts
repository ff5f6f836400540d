/** Time formats shared by the xAPI statements and the SCORM 2004 data model. */

/**
 * Milliseconds as an ISO 8601 duration with at most two decimals on the seconds, the form
 * both SCORM 2004 (timeinterval, second(10,2)) and xAPI accept: 3723450 → "PT1H2M3.45S".
 */
export function isoDuration(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(cs / 360000);
  const minutes = Math.floor((cs % 360000) / 6000);
  const centis = cs % 6000;
  const seconds = centis % 100 === 0 ? String(centis / 100) : (centis / 100).toFixed(2).replace(/0$/, '');
  let out = 'PT';
  if (hours > 0) out += `${hours}H`;
  if (minutes > 0) out += `${minutes}M`;
  if (centis > 0 || out === 'PT') out += `${seconds}S`;
  return out;
}

/** ISO 8601 timestamp with a zone ("Z"), millisecond precision. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** A version 4 UUID from the platform's secure random source (browser and Node ≥ 20). */
export function uuid(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
