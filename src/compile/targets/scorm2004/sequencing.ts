/**
 * The simple sequencing design of a course (IMS SS 1.0 as profiled by SCORM 2004 4th ed.):
 * the learner moves freely or in flow order between modules; each module's primary objective
 * is satisfied by its measure (score.scaled) reaching the pass mark / 10; a module without
 * graded components neither carries a measure nor counts toward the course's success.
 */
import type { Module } from '../../../core/index.js';

/**
 * A module is graded when it holds a test or a case whose outcome feeds the module grade
 * (weight above 0), the same rule the player applies.
 */
export function isGraded(m: Module): boolean {
  return m.tests.some((t) => t.weight > 0) || m.cases.some((c) => c.weight > 0);
}

/** minNormalizedMeasure from a pass mark on the 10-point scale, as a decimal in 0..1. */
export function minNormalizedMeasure(passMark10: number): string {
  const v = Math.min(1, Math.max(0, passMark10 / 10));
  return String(Math.round(v * 10000) / 10000);
}

export function organizationSequencing(pad: string): string {
  return [
    `${pad}<imsss:sequencing>`,
    `${pad}  <imsss:controlMode choice="true" flow="true"/>`,
    `${pad}</imsss:sequencing>`,
  ].join('\n');
}

export function itemSequencing(m: Module, objectiveId: string, pad: string): string {
  const lines = [`${pad}<imsss:sequencing>`];
  if (isGraded(m)) {
    lines.push(`${pad}  <imsss:objectives>`);
    lines.push(`${pad}    <imsss:primaryObjective objectiveID="${objectiveId}" satisfiedByMeasure="true">`);
    lines.push(`${pad}      <imsss:minNormalizedMeasure>${minNormalizedMeasure(m.meta.pass)}</imsss:minNormalizedMeasure>`);
    lines.push(`${pad}    </imsss:primaryObjective>`);
    lines.push(`${pad}  </imsss:objectives>`);
  } else {
    // Nothing to pass: completion alone moves the learner on; success rolls up from graded modules.
    lines.push(`${pad}  <imsss:rollupRules rollupObjectiveSatisfied="false" objectiveMeasureWeight="0"/>`);
    lines.push(`${pad}  <imsss:objectives>`);
    lines.push(`${pad}    <imsss:primaryObjective objectiveID="${objectiveId}"/>`);
    lines.push(`${pad}  </imsss:objectives>`);
  }
  lines.push(`${pad}  <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>`);
  lines.push(`${pad}</imsss:sequencing>`);
  return lines.join('\n');
}
