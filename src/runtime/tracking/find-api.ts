/**
 * ADL's standard search for an LMS API object: this window and its parents, then the chain of
 * the top window's opener. Shared by SCORM 1.2 (`API`) and SCORM 2004 (`API_1484_11`).
 */

// ADL's reference script gives up after 7 levels; nested LMS frames in the wild go deeper.
const MAX_DEPTH = 500;

function searchUp<T>(start: Window, apiIn: (win: Window) => T | undefined): T | undefined {
  let win: Window = start;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    let api: T | undefined;
    try {
      api = apiIn(win);
    } catch {
      // A cross-origin frame throws on access: no API there.
      api = undefined;
    }
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

export function findApi<T>(win: Window, apiIn: (win: Window) => T | undefined): T | undefined {
  const found = searchUp(win, apiIn);
  if (found) return found;
  let opener: Window | null;
  try {
    opener = win.top?.opener as Window | null;
  } catch {
    opener = null;
  }
  return opener ? searchUp(opener, apiIn) : undefined;
}
