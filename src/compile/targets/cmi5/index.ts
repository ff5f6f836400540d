/** cmi5 package target. */
export { cmi5Target, cmi5Xml, moveOn } from './course-structure.js';
