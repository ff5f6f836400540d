/** The SCORM 1.2 API object and the standard search for it (ADL's findAPI: parents, then opener). */

export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

// ADL's reference script gives up after 7 levels; nested LMS frames in the wild go deeper.
const MAX_DEPTH = 500;

function apiIn(win: Window): Scorm12Api | undefined {
  try {
    const api = (win as unknown as { API?: Scorm12Api }).API;
    return api && typeof api.LMSInitialize === 'function' ? api : undefined;
  } catch {
    // A cross-origin frame throws on access: no API there.
    return undefined;
  }
}

function searchUp(start: Window): Scorm12Api | undefined {
  let win: Window = start;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const api = apiIn(win);
    if (api) return api;
    let parent: Window;
    try {
      parent = win.parent;
    } catch {
      return undefined;
    }
    if (!parent || parent === win) return undefined;
    win = parent;
  }
  return undefined;
}

export function findScorm12Api(win: Window = window): Scorm12Api | undefined {
  const found = searchUp(win);
  if (found) return found;
  let opener: Window | null = null;
  try {
    opener = win.top?.opener as Window | null;
  } catch {
    opener = null;
  }
  return opener ? searchUp(opener) : undefined;
}
