/** The SCORM 1.2 API object and the standard search for it (ADL's findAPI: parents, then opener). */
import { findApi } from './find-api.js';

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

function apiIn(win: Window): Scorm12Api | undefined {
  const api = (win as unknown as { API?: Scorm12Api }).API;
  return api && typeof api.LMSInitialize === 'function' ? api : undefined;
}

export function findScorm12Api(win: Window = window): Scorm12Api | undefined {
  return findApi(win, apiIn);
}
