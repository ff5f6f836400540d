/** Time formats the LMS APIs want. */

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS (hours up to 9999). */
export function scorm12Timespan(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const hours = Math.min(9999, Math.floor(cs / 360000));
  const minutes = Math.floor((cs % 360000) / 6000);
  const seconds = Math.floor((cs % 6000) / 100);
  const hundredths = cs % 100;
  return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(hundredths, 2)}`;
}

/** SCORM 1.2 CMITime (time of day): HH:MM:SS, local time as the learner sees it. */
export function scorm12TimeOfDay(date: Date): string {
  return `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}`;
}
