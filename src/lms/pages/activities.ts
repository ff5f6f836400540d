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

/** A path segment decoded, or as it is when it is not valid percent-encoding (any client may write to the LRS). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function activityLookup(courses: readonly Course[]): ActivityLookup {
  const names = new Map<string, string>();
  const definitions = new Map<string, Json>();
  /** Module IRI → the questions of its course (a test may draw from any module of the course). */
  const questionsOf = new Map<string, ReadonlyMap<string, Question>>();
  for (const c of courses) {
    names.set(iri.course(c), c.title);
    const questions = new Map<string, Question>();
    for (const m of c.modules) for (const q of m.questions) questions.set(q.id, q);
    for (const m of c.modules) {
      const moduleIri = iri.module(c, m.meta.id);
      names.set(moduleIri, m.meta.title);
      questionsOf.set(moduleIri, questions);
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
  }
  // A SCORM interaction's CMI id is the question id, or "test-id.question-id" inside a test.
  const scormQuestion = (activityId: string): Json | undefined => {
    const m = SCORM_INTERACTION.exec(activityId);
    if (!m) return undefined;
    const q = questionsOf.get(m[1]!)?.get(decoded(m[2]!).split('.').pop() ?? '');
    return q ? xapiDefinition(q) : undefined;
  };
  return {
    name: (id) => names.get(id),
    definition: (id) => definitions.get(id) ?? scormQuestion(id),
  };
}
