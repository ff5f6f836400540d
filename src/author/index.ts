/** author: Markdown modules and course files → validated course model + diagnostics. */
export type { BlockInput, BlockOutput, BlockPlugin } from './blocks.js';
export { loadTaxonomy } from './taxonomy.js';
export type { TaxonomyResult } from './taxonomy.js';
export { readModule } from './module.js';
export type { ReadModuleOptions, ModuleResult } from './module.js';
export { readCourse } from './course.js';
export type { ReadCourseOptions, CourseResult } from './course.js';
export { lint, lintModuleFile, findCourseDirs, findTaxonomyDir } from './lint.js';
export type { LintOptions, LintResult } from './lint.js';
export { defaultPlugins } from './plugins.js';
export type { PluginRegistry, CourseCheck } from './plugins.js';
export { renderFragment, Slugger } from './markdown.js';
export { AssetCollector } from './links.js';
export type { LinkContext, SiblingModule } from './links.js';
export { validateWithSchema } from './schema.js';
export type { SchemaName } from './schema.js';
export { parseYamlSource } from './yaml-source.js';
export type { YamlSource } from './yaml-source.js';
