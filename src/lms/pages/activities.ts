/**
 * What the LMS's own content says about an activity IRI: its name (a `launched` statement
 * carries only the module's IRI) and, for a SCORM interaction, the question's definition (the
 * SCORM bridge knows only the CMI, so its `answered` statements list no choices to read the
 * response against). A statement's own definition always comes first; this fills the gaps.
 */
import { iri, xapiDefinition, type Course, type Question } from '../../core/index.js';

type Json = Readonly<Record<string, unknown>>;

export interface ActivityLookup {
  /** The activity's title, when the content has one. */
  name(activityId: string): string | undefined;
  /** An interaction's definition from the content, for records that lack one. */
  definition(activityId: string): Json | undefined;
}

/** The SCORM bridge's interaction IRI: `<module IRI>/interactions/<cmi id>`. */
const SCORM_INTERACTION = /^(.*)\/interactions\/([^/]+)$/;

export function activityLookup(courses: readonly Course[]): ActivityLookup {
  const names = new Map<string, string>();
  const definitions = new Map<string, Json>();
  const scormQuestions: ((activityId: string) => Json | undefined)[] = [];
  for (const c of courses) {
    names.set(iri.course(c), c.title);
    const questions = new Map<string, Question>();
    for (const m of c.modules) for (const q of m.questions) questions.set(q.id, q);
    for (const m of c.modules) {
      const moduleIri = iri.module(c, m.meta.id);
      names.set(moduleIri, m.meta.title);
      for (const t of m.tests) if (t.title) names.set(iri.test(c, t.id), t.title);
      for (const cs of m.cases) {
        names.set(iri.case(c, cs.id), cs.title);
        for (const scene of cs.scenes) {
          names.set(iri.scene(c, cs.id, scene.id), scene.title);
          for (const r of scene.reflections) {
            definitions.set(`${moduleIri}/interactions/${encodeURIComponent(`${cs.id}.${r.id}`)}`, { interactionType: 'long-fill-in' });
          }
          if (scene.choices.length === 0) continue;
          definitions.set(`${moduleIri}/interactions/${encodeURIComponent(`${cs.id}.${scene.id}`)}`, {
            interactionType: 'choice',
            choices: scene.choices.map((x) => ({ id: x.id, description: { [cs.lang]: x.labelText } })),
          });
        }
      }
    }
    for (const q of questions.values()) names.set(iri.question(c, q.id), q.promptText);
    // A SCORM interaction id is the question id, or "test-id.question-id" inside a test.
    const moduleIris = new Set(c.modules.map((m) => iri.module(c, m.meta.id)));
    const fromScorm = (activityId: string): Json | undefined => {
      const m = SCORM_INTERACTION.exec(activityId);
      if (!m || !moduleIris.has(m[1]!)) return undefined;
      const questionId = decodeURIComponent(m[2]!).split('.').pop() ?? '';
      const q = questions.get(questionId);
      return q ? xapiDefinition(q) : undefined;
    };
    scormQuestions.push(fromScorm);
  }
  return {
    name: (id) => names.get(id),
    definition: (id) => definitions.get(id) ?? scormQuestions.map((f) => f(id)).find((d) => d !== undefined),
  };
}
