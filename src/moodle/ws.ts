/** The parts of Moodle 4.5's web-service answers the pull reads (recorded in test/moodle/recorded/). */
export interface SiteInfo {
  readonly siteurl: string;
  readonly release?: string;
  readonly siteid?: number;
  readonly userid: number;
}

export interface MoodleCourse {
  readonly id: number;
  readonly shortname: string;
  readonly format?: string;
}

export interface MoodleScorm {
  readonly id: number;
  readonly coursemodule: number;
  readonly course: number;
  readonly name: string;
  /** "SCORM_1.2" or "SCORM_1.3" (2004). */
  readonly version: string;
}

export interface MoodleSco {
  readonly id: number;
  readonly scorm: number;
  readonly manifest: string;
  readonly identifier: string;
  /** "sco", "asset", or "" for an organization. */
  readonly scormtype: string;
  readonly title: string;
}

export interface EnrolledUser {
  readonly id: number;
  readonly username?: string;
  readonly idnumber?: string;
  readonly fullname: string;
}

export interface Track {
  readonly element: string;
  readonly value: string | number;
}

export const WS = {
  siteInfo: 'core_webservice_get_site_info',
  courses: 'core_course_get_courses',
  enrolledUsers: 'core_enrol_get_enrolled_users',
  scorms: 'mod_scorm_get_scorms_by_courses',
  scoes: 'mod_scorm_get_scorm_scoes',
  attemptCount: 'mod_scorm_get_scorm_attempt_count',
  scoTracks: 'mod_scorm_get_scorm_sco_tracks',
} as const;
