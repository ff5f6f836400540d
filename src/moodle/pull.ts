/**
 * `moodle pull`: SCORM tracks stored by Moodle → the xAPI statements the preview LMS derives from
 * the same SCORM data (core/scorm-xapi), so `boiduong report` counts what trainees did in Moodle.
 *
 * Read-only; every call is one of Moodle's documented web-service functions. Statement ids come
 * from the site, user, SCO, attempt and element, so a re-run yields the same ids and the LRS
 * keeps one copy. Statements are handed to the sink one learner × activity at a time, after
 * every SCO of it was read: a failure stops the run before anything half-read is written, and a
 * re-run goes over everything again (nothing is remembered between runs but what the LRS holds).
 */
import { scormCommitToStatements, stableUuid } from '../core/scorm-xapi/index.js';
import type { Course } from '../core/index.js';
import type { MoodleClient } from './client.js';
import { MoodleError } from './errors.js';
import { moduleIndex, type ModuleRef } from './modules.js';
import { scoAttempt } from './tracks.js';
import { WS, type EnrolledUser, type MoodleCourse, type MoodleSco, type MoodleScorm, type SiteInfo, type Track } from './ws.js';

export type MatchBy = 'username' | 'idnumber';

export interface MoodlePullOptions {
  readonly client: MoodleClient;
  /** The courses as authored: SCOs are matched to their modules, statements carry their IRIs. */
  readonly courses: readonly Course[];
  readonly match: MatchBy;
  /** Moodle course ids; all courses of the site when empty. */
  readonly courseIds?: readonly number[];
  /** Receives the statements of one learner × SCORM activity; resolves once they are stored. */
  readonly write: (statements: readonly Record<string, unknown>[]) => Promise<void>;
  readonly onProgress?: (p: PullProgress) => void;
}

export interface PullProgress {
  readonly activity: string;
  readonly user: string;
}

export interface MoodlePullSummary {
  readonly site: string;
  readonly release: string;
  readonly courses: number;
  /** SCORM activities with at least one SCO that is a module of the content. */
  readonly activities: number;
  /** SCORM activities none of whose SCOs is a module of the content (other packages). */
  readonly foreignActivities: readonly string[];
  /** Users skipped because the chosen field (e.g. idnumber) is empty. */
  readonly unmatchedUsers: readonly string[];
  readonly attempts: number;
  readonly statements: number;
}

interface MappedActivity {
  readonly scorm: MoodleScorm;
  readonly version: '1.2' | '2004';
  readonly scos: readonly { readonly sco: MoodleSco; readonly ref: ModuleRef }[];
}

/**
 * A token whose user may not read other people's records still gets answers: Moodle lists the
 * participants (without their username or idnumber) and hands over the token user's own tracks.
 * A pull on such a token would look complete while holding one person's data, so the run stops
 * first: ask Moodle for another user's attempts (its `nopermissions` answer is the proof), and
 * require the matching field in every participant Moodle returned.
 */
async function checkCanReadOthers(client: MoodleClient, site: SiteInfo, users: readonly EnrolledUser[], scorm: MoodleScorm, match: MatchBy): Promise<void> {
  const other = users.find((u) => u.id !== site.userid);
  if (other) await client.call(WS.attemptCount, { scormid: scorm.id, userid: other.id });
  const hidden = users.find((u) => u[match] === undefined);
  if (hidden) {
    throw new MoodleError(
      'permission',
      WS.enrolledUsers,
      `no-${match}`,
      `Moodle did not return the ${match} of user ${hidden.id} (moodle/user:viewhiddendetails, moodle/site:viewuseridentity)`,
    );
  }
}

export async function pullFromMoodle(options: MoodlePullOptions): Promise<MoodlePullSummary> {
  const { client } = options;
  const site = await client.call<SiteInfo>(WS.siteInfo);
  const siteUrl = site.siteurl.replace(/\/+$/, '');
  const release = site.release ?? '';
  const platform = release ? `Moodle ${release}` : 'Moodle';

  let courseIds = options.courseIds ?? [];
  if (courseIds.length === 0) {
    const all = await client.call<MoodleCourse[]>(WS.courses);
    courseIds = all.filter((c) => c.format !== 'site' && c.id !== site.siteid).map((c) => c.id);
  }
  courseIds = [...new Set(courseIds)].sort((a, b) => a - b);
  const { scorms } = courseIds.length ? await client.call<{ scorms: MoodleScorm[] }>(WS.scorms, { courseids: courseIds }) : { scorms: [] };

  const refOf = moduleIndex(options.courses);
  const byCourse = new Map<number, MappedActivity[]>();
  const foreign: string[] = [];
  for (const scorm of [...scorms].sort((a, b) => a.id - b.id)) {
    const { scoes } = await client.call<{ scoes: MoodleSco[] }>(WS.scoes, { scormid: scorm.id });
    const scos = scoes.flatMap((sco) => {
      const ref = refOf(sco);
      return ref ? [{ sco, ref }] : [];
    });
    if (scos.length === 0) {
      foreign.push(`${scorm.name} (cmid ${scorm.coursemodule})`);
      continue;
    }
    const list = byCourse.get(scorm.course) ?? [];
    list.push({ scorm, version: scorm.version === 'SCORM_1.2' ? '1.2' : '2004', scos });
    byCourse.set(scorm.course, list);
  }

  const unmatched = new Set<string>();
  let attempts = 0;
  let statements = 0;
  let activities = 0;
  for (const [courseId, mapped] of [...byCourse].sort((a, b) => a[0] - b[0])) {
    activities += mapped.length;
    const users = [...(await client.call<EnrolledUser[]>(WS.enrolledUsers, { courseid: courseId }))].sort((a, b) => a.id - b.id);
    await checkCanReadOthers(client, site, users, mapped[0]!.scorm, options.match);
    for (const user of users) {
      const name = (options.match === 'idnumber' ? user.idnumber : user.username)?.trim();
      if (!name) {
        unmatched.add(user.username ?? String(user.id));
        continue;
      }
      const actor = { objectType: 'Agent', name: user.fullname, account: { homePage: siteUrl, name } };
      for (const activity of mapped) {
        options.onProgress?.({ activity: activity.scorm.name, user: name });
        const { attemptscount } = await client.call<{ attemptscount: number }>(WS.attemptCount, {
          scormid: activity.scorm.id,
          userid: user.id,
        });
        const batch: Record<string, unknown>[] = [];
        for (let attempt = 1; attempt <= attemptscount; attempt++) {
          attempts++;
          for (const { sco, ref } of activity.scos) {
            const { data } = await client.call<{ data: { tracks: Track[] } }>(WS.scoTracks, { scoid: sco.id, userid: user.id, attempt });
            const read = scoAttempt(data.tracks, activity.version);
            if (!read.modified) continue; // never opened in this attempt
            const attemptId = stableUuid('moodle', siteUrl, 'user', String(user.id), 'sco', String(sco.id), 'attempt', String(attempt));
            batch.push(
              ...scormCommitToStatements({}, read.cmi, {
                version: activity.version,
                attemptId,
                registration: stableUuid('moodle', siteUrl, 'user', String(user.id), 'scorm', String(activity.scorm.id), 'attempt', String(attempt)),
                actor,
                moduleActivityId: ref.moduleActivityId,
                moduleTitle: ref.module.meta.title,
                courseActivityId: ref.courseActivityId,
                moduleVersion: ref.module.meta.version,
                lang: ref.module.meta.language,
                timestamp: read.modified,
                platform,
              }),
            );
          }
        }
        if (batch.length) await options.write(batch);
        statements += batch.length;
      }
    }
  }
  return {
    site: siteUrl,
    release,
    courses: courseIds.length,
    activities,
    foreignActivities: foreign,
    unmatchedUsers: [...unmatched].sort(),
    attempts,
    statements,
  };
}
