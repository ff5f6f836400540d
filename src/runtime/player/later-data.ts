/**
 * A page's later file (compile/module-page.ts `later.js`): every question of the module and its
 * cases in full, loaded with a plain <script> element (works wherever the page does) after the
 * first page is up. The file sets one global, LATER_GLOBAL.
 */
import { LATER_GLOBAL, type LaterData, type ModulePackage } from '../../core/index.js';

export function loadLaterData(doc: Document, file: string): Promise<LaterData> {
  return new Promise<LaterData>((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = new URL(file, doc.baseURI).href;
    script.onload = () => {
      const later = (doc.defaultView as unknown as Record<string, LaterData | undefined> | null)?.[LATER_GLOBAL];
      if (later) resolve(later);
      else reject(new Error(`${file} did not hand over the module data`));
    };
    script.onerror = () => reject(new Error(`${file} could not be loaded`));
    doc.head.append(script);
  });
}

/** The module data with the later file's questions and cases in place of the first page's and the stubs. */
export function withLaterData(data: ModulePackage, later: LaterData): ModulePackage {
  const { later: _file, ...rest } = data;
  return { ...rest, questions: later.questions, cases: later.cases };
}
