/** A package format: the manifest files it adds around the shared module pages. */
import type { Course, PackageFormat, Taxonomy } from '../core/index.js';

export interface PackageFile {
  /** Path inside the zip, '/' separated. */
  readonly path: string;
  readonly data: string | Uint8Array;
}

export interface TargetContext {
  readonly course: Course;
  readonly taxonomy: Taxonomy;
  /** Launch path of each module inside the package, e.g. "modules/tiep-xuc/index.html". */
  readonly launchPath: (moduleId: string) => string;
  /** Every file the package holds besides the manifests (for resource file lists). */
  readonly files: readonly string[];
}

export interface Target {
  readonly format: PackageFormat;
  /**
   * Folder under schemas/xsd holding the schemas the manifest's `xsi:schemaLocation` names; when
   * set, those files ship at the package root (SCORM).
   */
  readonly schemaFolder?: string;
  /** imsmanifest.xml, cmi5.xml or tincan.xml (and any launch helper the format needs). */
  manifests(ctx: TargetContext): PackageFile[];
}
