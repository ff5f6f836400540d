/** lms/handlers: what the other folders import from this one. */
export { chooseLanguage, chooseLearner } from './preferences.js';
export { launchModule } from './launch.js';
export { sendPackageFile, sendScormAgain } from './files.js';
export { returnFromModule } from './return.js';
export { commitScorm } from './scorm-commit.js';
export { showCatalogue, showStatements, showTranscript } from './pages.js';
export { sendNotFoundPage } from './page.js';
