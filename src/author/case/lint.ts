/**
 * Structural checks of a parsed case, each pointing at the line to fix: links to missing scenes,
 * unreachable scenes, scenes a learner can get stuck in, loops with no way to an end, conditions
 * naming scenes or choices that do not exist, decision scenes with fewer than two choices, and a
 * case whose best walk scores nothing (the 10-point mark needs a positive maximum).
 */
import {
  formatNumber,
  diagnostic,
  type Diagnostic,
  exploreCase,
  type CaseExploration,
  conditionRefs,
  type CaseStudy,
  type Condition,
  type Scene,
  type GradeBand,
  nearest,
  markOf,
  outcomeLabel,
  gradeBandFor,
  EPSILON,
} from '../../core/index.js';

function suggest(id: string, ids: Iterable<string>, lang: 'vi' | 'en'): string {
  const hint = nearest(id, ids);
  if (!hint) return '';
  return lang === 'vi' ? ` Có phải "${hint}"?` : ` Did you mean "${hint}"?`;
}

/** Scenes on a loop whose points add up to more than zero (learners could repeat it to gain points). */
function positiveLoops(cs: CaseStudy): string[] {
  const ids = cs.scenes.map((s) => s.id);
  const at = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const best: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(-Infinity));
  cs.scenes.forEach((s, i) => {
    for (const c of s.choices) {
      const j = at.get(c.target);
      if (j !== undefined) best[i]![j] = Math.max(best[i]![j]!, c.points);
    }
  });
  // Longest paths by Floyd–Warshall: a positive diagonal means a loop that gains points.
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const ik = best[i]![k]!;
      if (ik === -Infinity) continue;
      for (let j = 0; j < n; j++) {
        const kj = best[k]![j]!;
        if (kj !== -Infinity && ik + kj > best[i]![j]!) best[i]![j] = Math.min(ik + kj, 1e9);
      }
    }
  }
  return ids.filter((_, i) => best[i]![i]! > 0);
}

export interface CaseLint {
  readonly diagnostics: Diagnostic[];
  /** The search over every allowed walk, when the structure was sound enough to run it. */
  readonly exploration?: CaseExploration;
}

/** What every check reads: the case, its scene ids and choice targets, and where to report. */
interface Checking {
  readonly cs: CaseStudy;
  readonly ids: ReadonlySet<string>;
  readonly targets: ReadonlySet<string>;
  readonly diags: Diagnostic[];
  readonly at: (line: number) => { file: string; line: number };
}

/** What the module grades a case against: its pass mark (10-point scale) and the grade bands. */
export interface CaseGrading {
  readonly passMark: number;
  readonly bands: readonly GradeBand[];
}

export function lintCase(cs: CaseStudy, grading?: CaseGrading): CaseLint {
  const diags: Diagnostic[] = [];
  const ids = new Set(cs.scenes.map((s) => s.id));
  const targets = new Set(cs.scenes.flatMap((s) => s.choices.map((c) => c.target)));
  const k: Checking = { cs, ids, targets, diags, at: (line) => ({ file: cs.file, line }) };
  checkStart(k);
  for (const scene of cs.scenes) checkScene(k, scene);
  if (!ids.has(cs.start)) return { diagnostics: diags };
  const reachable = reachableScenes(cs);
  checkReach(k, reachable);
  checkLoops(k, reachable);
  if (diags.some((d) => d.severity === 'error')) return { diagnostics: diags };
  // With the drawing sound, walk every path the conditions allow.
  const exploration = checkWalks(k);
  if (grading) checkOutcomeMarks(k, exploration, grading);
  return { diagnostics: diags, exploration };
}

function checkStart({ cs, ids, diags, at }: Checking): void {
  if (!ids.has(cs.start)) {
    diags.push(diagnostic(at(cs.line), 'case/missing-start', `Cảnh bắt đầu "${cs.start}" không có trong tình huống.${suggest(cs.start, ids, 'vi')}`, `Start scene "${cs.start}" is not in the case.${suggest(cs.start, ids, 'en')}`));
  }
}

/** A scene's shape (decision or end), its choices' targets, and the conditions of both. */
function checkScene(k: Checking, scene: Scene): void {
  const { ids, diags, at } = k;
  checkCondition(k, scene.condition, scene.line);
  if (scene.choices.length > 0 && scene.outcome !== undefined) {
    diags.push(diagnostic(at(scene.line), 'case/outcome-on-decision', `Cảnh "${scene.id}" có lựa chọn nên không phải cảnh kết thúc; bỏ {outcome=…} hoặc bỏ các lựa chọn.`, `Scene "${scene.id}" has choices, so it is not an end; remove {outcome=…} or the choices.`));
  }
  if (scene.choices.length === 0 && scene.outcome === undefined) {
    diags.push(diagnostic(at(scene.line), 'case/end-without-outcome', `Cảnh "${scene.id}" không có lựa chọn nên là cảnh kết thúc: thêm {outcome=…} (ví dụ tot, chap-nhan-duoc, sai-nguyen-tac) để ghi nhận kết cục.`, `Scene "${scene.id}" has no choices, so it is an end: add {outcome=…} (e.g. tot, chap-nhan-duoc, sai-nguyen-tac) to record the outcome.`, 'warning'));
  }
  if (scene.choices.length === 1) {
    diags.push(diagnostic(at(scene.line), 'case/single-choice', `Cảnh "${scene.id}" chỉ có một lựa chọn: một cảnh quyết định cần ít nhất hai lựa chọn (hoặc gộp cảnh này vào cảnh sau).`, `Scene "${scene.id}" has one choice: a decision needs at least two (or merge this scene into the next).`, 'warning'));
  }
  for (const choice of scene.choices) {
    checkCondition(k, choice.condition, choice.line);
    if (!ids.has(choice.target)) {
      diags.push(diagnostic(at(choice.line), 'case/missing-target', `Lựa chọn dẫn tới cảnh "${choice.target || '(trống)'}" không có trong tình huống.${suggest(choice.target, ids, 'vi')}`, `The choice leads to scene "${choice.target || '(empty)'}", which is not in the case.${suggest(choice.target, ids, 'en')}`));
    }
  }
}

/** Scenes and choices a condition names exist. */
function checkCondition({ cs, ids, targets, diags, at }: Checking, condition: Condition | undefined, line: number): void {
  for (const ref of conditionRefs(condition)) {
    if (ref.kind === 'visited' && !ids.has(ref.scene)) {
      diags.push(diagnostic(at(line), 'case/condition-unknown-scene', `Điều kiện nhắc tới cảnh "${ref.scene}" không có trong tình huống.${suggest(ref.scene, ids, 'vi')}`, `The condition names scene "${ref.scene}", which is not in the case.${suggest(ref.scene, ids, 'en')}`));
    } else if (ref.kind === 'chose' && !targets.has(ref.scene)) {
      const known = ids.has(ref.scene);
      diags.push(
        diagnostic(
          at(line),
          'case/condition-unknown-choice',
          known
            ? `"chose ${ref.scene}": không lựa chọn nào dẫn tới cảnh "${ref.scene}", điều kiện này không bao giờ đúng.`
            : `"chose ${ref.scene}": không có cảnh "${ref.scene}" nào để chọn tới.${suggest(ref.scene, targets, 'vi')}`,
          known
            ? `"chose ${ref.scene}": no choice leads to scene "${ref.scene}", so the condition never holds.`
            : `"chose ${ref.scene}": there is no scene "${ref.scene}" to choose.${suggest(ref.scene, targets, 'en')}`,
        ),
      );
    } else if (ref.kind === 'at') {
      const scene = cs.scenes.find((s) => s.id === ref.scene);
      if (!scene) {
        diags.push(diagnostic(at(line), 'case/condition-unknown-scene', `Điều kiện nhắc tới cảnh "${ref.scene}" không có trong tình huống.${suggest(ref.scene, ids, 'vi')}`, `The condition names scene "${ref.scene}", which is not in the case.${suggest(ref.scene, ids, 'en')}`));
      } else if (!scene.choices.some((c) => c.target === ref.target)) {
        diags.push(diagnostic(at(line), 'case/condition-unknown-choice', `Cảnh "${ref.scene}" không có lựa chọn nào dẫn tới "${ref.target}".`, `Scene "${ref.scene}" has no choice leading to "${ref.target}".`));
      }
    }
  }
}

/** Reachability ignoring conditions: what the author drew. */
function reachableScenes(cs: CaseStudy): Set<string> {
  const ids = new Set(cs.scenes.map((s) => s.id));
  const reachable = new Set<string>([cs.start]);
  const queue = [cs.start];
  while (queue.length > 0) {
    const id = queue.shift();
    const scene = cs.scenes.find((s) => s.id === id);
    for (const c of scene?.choices ?? []) {
      if (ids.has(c.target) && !reachable.has(c.target)) {
        reachable.add(c.target);
        queue.push(c.target);
      }
    }
  }
  return reachable;
}

/** Scenes that can reach an end, walking links backwards from the end scenes. */
function scenesThatCanEnd(cs: CaseStudy): Set<string> {
  const canEnd = new Set(cs.scenes.filter((s) => s.choices.length === 0).map((s) => s.id));
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of cs.scenes) {
      if (!canEnd.has(s.id) && s.choices.some((c) => canEnd.has(c.target))) {
        canEnd.add(s.id);
        changed = true;
      }
    }
  }
  return canEnd;
}

function checkReach({ cs, ids, diags, at }: Checking, reachable: ReadonlySet<string>): void {
  const canEnd = scenesThatCanEnd(cs);
  for (const scene of cs.scenes) {
    if (!reachable.has(scene.id)) {
      diags.push(diagnostic(at(scene.line), 'case/unreachable-scene', `Không lựa chọn nào dẫn tới cảnh "${scene.id}" từ cảnh bắt đầu "${cs.start}": học viên sẽ không bao giờ gặp cảnh này.`, `No choice leads to scene "${scene.id}" from the start scene "${cs.start}": learners never see it.`));
    } else if (!canEnd.has(scene.id) && scene.choices.every((c) => ids.has(c.target))) {
      diags.push(diagnostic(at(scene.line), 'case/no-way-to-end', `Từ cảnh "${scene.id}" các lựa chọn chỉ quay vòng, không dẫn tới cảnh kết thúc nào: thêm một lựa chọn dẫn tới kết thúc.`, `From scene "${scene.id}" the choices only go round in a loop and never reach an end scene: add a choice that leads to an end.`));
    }
  }
}

function checkLoops({ cs, diags, at }: Checking, reachable: ReadonlySet<string>): void {
  const loops = positiveLoops(cs).filter((id) => reachable.has(id));
  if (loops.length > 0) {
    const first = cs.scenes.find((s) => s.id === loops[0])!;
    diags.push(diagnostic(at(first.line), 'case/loop-gains-points', `Vòng lặp qua các cảnh ${loops.join(', ')} cộng thêm điểm mỗi lần đi lại: học viên có thể đi vòng để lấy điểm. Cho lựa chọn quay lại 0 điểm hoặc điểm âm, hoặc thêm điều kiện (ví dụ "if not chose …").`, `The loop through scenes ${loops.join(', ')} adds points each time round: learners could loop to collect points. Give the way back 0 or negative points, or a condition (e.g. "if not chose …").`, 'warning'));
  }
}

/** Every walk the conditions allow: stuck scenes, no end, no positive maximum, a search cut short. */
function checkWalks({ cs, diags, at }: Checking): CaseExploration {
  const found = exploreCase(cs);
  for (const id of found.stuck) {
    const scene = cs.scenes.find((s) => s.id === id)!;
    diags.push(diagnostic(at(scene.line), 'case/stuck', `Ở cảnh "${id}" có lúc không lựa chọn nào thỏa điều kiện: học viên bị kẹt. Thêm một lựa chọn không có điều kiện.`, `At scene "${id}" some walks leave no choice whose condition holds: the learner is stuck. Add a choice without a condition.`));
  }
  if (found.best === undefined) {
    diags.push(diagnostic(at(cs.line), 'case/no-complete-walk', `Với các điều kiện hiện có, không cách đi nào tới được cảnh kết thúc.`, `With the conditions as written, no walk reaches an end scene.`));
  } else if (found.best <= 0) {
    diags.push(diagnostic(at(cs.line), 'case/no-positive-path', `Cách đi tốt nhất chỉ được ${found.best} điểm: cần ít nhất một cách đi có điểm dương để quy ra thang điểm 10.`, `The best walk scores ${found.best}: at least one walk must score above zero to scale to the 10-point mark.`));
  }
  if (!found.complete) {
    diags.push(diagnostic(at(cs.line), 'case/too-many-walks', `Tình huống có quá nhiều cách đi để kiểm tra hết; điểm tối đa có thể chưa chính xác. Hãy giảm bớt vòng lặp.`, `The case has too many walks to check them all; the maximum may be off. Reduce the loops.`, 'warning'));
  }
  return found;
}

function decimal(n: number, lang: 'vi' | 'en'): string {
  return formatNumber(n, lang, { grouping: false });
}

/**
 * An end scene's label and the marks of the walks that reach it must agree: a label that calls
 * the handling right or good enough ("tot", "chap-nhan-duoc") needs every such walk at or above
 * the module's pass mark, one that calls it wrong ("chua-tot", "sai-nguyen-tac") every walk below
 * it; otherwise the trainee reads "Chấp nhận được" beside "0/10 — Chưa đạt". The pass mark
 * decides, as it decides "Đạt" in the player; the grade band only names the mark.
 */
function checkOutcomeMarks({ cs, diags, at }: Checking, found: CaseExploration, grading: CaseGrading): void {
  if (!found.complete || found.best === undefined || found.best <= 0) return;
  const pass = grading.passMark;
  for (const scene of cs.scenes) {
    const label = outcomeLabel(scene.outcome);
    const scores = found.endScores.get(scene.id);
    if (!label || !scores) continue;
    const positive = label.verdict === 'positive';
    const mark = markOf(positive ? scores.min : scores.max, found.best);
    const passes = mark >= pass - EPSILON;
    if (passes === positive) continue;
    const band = gradeBandFor(grading.bands, mark);
    const bandVi = band ? ` (mức "${band.name['vi'] ?? band.id}")` : '';
    const bandEn = band ? ` (band "${band.name['en'] ?? band.name['vi'] ?? band.id}")` : '';
    const m = { vi: decimal(mark, 'vi'), en: decimal(mark, 'en') };
    const p = { vi: decimal(pass, 'vi'), en: decimal(pass, 'en') };
    diags.push(
      positive
        ? diagnostic(
            at(scene.line),
            'case/outcome-mark-mismatch',
            `Kết quả xử lý "${label.name.vi}" của cảnh "${scene.id}" nói rằng xử lý đạt, nhưng có cách đi tới cảnh này chỉ được ${m.vi}/10${bandVi}, dưới điểm đạt ${p.vi}/10 của học phần: học viên sẽ đọc "${label.name.vi}" bên cạnh "Chưa đạt". Hãy tăng điểm các lựa chọn dẫn tới cảnh này, hoặc đổi nhãn (ví dụ {outcome=chua-tot}).`,
            `The outcome "${label.name.en}" of scene "${scene.id}" says the handling passes, but a walk reaching it scores only ${m.en}/10${bandEn}, below the module's pass mark of ${p.en}/10: trainees will read "${label.name.en}" next to "Not passed". Give the choices leading here more points, or change the label (e.g. {outcome=chua-tot}).`,
            'warning',
          )
        : diagnostic(
            at(scene.line),
            'case/outcome-mark-mismatch',
            `Kết quả xử lý "${label.name.vi}" của cảnh "${scene.id}" nói rằng xử lý chưa đạt, nhưng có cách đi tới cảnh này được ${m.vi}/10${bandVi}, từ điểm đạt ${p.vi}/10 của học phần trở lên: học viên sẽ đọc "${label.name.vi}" bên cạnh "Đạt". Hãy giảm điểm các lựa chọn dẫn tới cảnh này, hoặc đổi nhãn (ví dụ {outcome=chap-nhan-duoc}).`,
            `The outcome "${label.name.en}" of scene "${scene.id}" says the handling does not pass, but a walk reaching it scores ${m.en}/10${bandEn}, at or above the module's pass mark of ${p.en}/10: trainees will read "${label.name.en}" next to "Passed". Take points off the choices leading here, or change the label (e.g. {outcome=chap-nhan-duoc}).`,
            'warning',
          ),
    );
  }
}
