/** A case as a Mermaid flowchart, so an author can see the structure they wrote. */
import { conditionText, type CaseStudy } from '../../core/index.js';

const LABEL_MAX = 48;

function nodeId(sceneId: string): string {
  return `s_${sceneId.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** Mermaid's quoted labels take entity codes for quotes; keep them short and on one line. */
function label(s: string, max = LABEL_MAX): string {
  const one = s.replace(/\s+/g, ' ').trim();
  const cut = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return cut.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

function points(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function caseMermaid(cs: CaseStudy): string {
  const out: string[] = ['flowchart TD'];
  const ids = new Set(cs.scenes.map((s) => s.id));
  for (const scene of cs.scenes) {
    const text = label(`${scene.id}: ${scene.title}`);
    if (scene.choices.length === 0) {
      out.push(`  ${nodeId(scene.id)}(["${text}${scene.outcome ? `<br/>⟨${label(scene.outcome)}⟩` : ''}"])`);
    } else out.push(`  ${nodeId(scene.id)}["${text}"]`);
  }
  for (const scene of cs.scenes) {
    for (const c of scene.choices) {
      if (!ids.has(c.target)) out.push(`  ${nodeId(c.target)}["${label(`${c.target}: ?`)}"]:::missing`);
      const cond = c.condition ? ` if ${label(conditionText(c.condition), 60)}` : '';
      const edge = `${label(`${c.id}. ${c.labelText}`)} (${points(c.points)}${cond})`;
      out.push(`  ${nodeId(scene.id)} -->|"${edge}"| ${nodeId(c.target)}`);
    }
  }
  out.push('  classDef start stroke-width:3px');
  out.push('  classDef ending fill:#eef7ee');
  out.push('  classDef missing stroke:#c00,stroke-dasharray:4 2');
  if (ids.has(cs.start)) out.push(`  class ${nodeId(cs.start)} start`);
  const ends = cs.scenes.filter((s) => s.choices.length === 0).map((s) => nodeId(s.id));
  if (ends.length > 0) out.push(`  class ${ends.join(',')} ending`);
  return `${out.join('\n')}\n`;
}
