/** compile: course model → package files → deterministic zip, one per format. */
export type { ZipEntry } from './zip.js';
export { writeZip } from './zip.js';
export { escapeXml } from './xml.js';
export { moduleData, courseQuestions } from './module-data.js';
export { modulePage, scriptJson, inlineScript, embeddedData, laterScript, LATER_FILE, type ModulePageOptions } from './module-page.js';
export { sectionId, headingId } from './static-body.js';
export type { RuntimeFiles } from './runtime-files.js';
export { loadRuntimeFiles, runtimeDir, MissingRuntimeError, RUNTIME_FILE_NAMES, formatBundleName } from './runtime-files.js';
export { packageFiles, buildPackage, launchPath, AssetError, PLAYER_DIR } from './course-package.js';
export type { PackageFile, Target, TargetContext } from './target.js';
export { TARGETS, targetFor, registeredFormats } from './targets/index.js';
export {
  scorm12Manifest,
  scorm12Target,
  masteryScore,
  moduleLom,
  periodsDuration,
  PERIOD_MINUTES,
} from './targets/scorm12/index.js';
export { moveOn } from './targets/cmi5/index.js';
