/** SCORM 2004 4th edition package target. */
export { scorm2004Target, scorm2004Manifest, moduleMetadataFile, metadataPath } from './manifest.js';
export { isGraded, minNormalizedMeasure } from './sequencing.js';
