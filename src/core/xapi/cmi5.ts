/** cmi5 identifiers an AU writes and reads (cmi5 spec, sections 9 and 10). */

export const CMI5 = {
  categoryCmi5: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  categoryMoveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  launchMode: 'https://w3id.org/xapi/cmi5/context/extensions/launchmode',
  launchUrl: 'https://w3id.org/xapi/cmi5/context/extensions/launchurl',
  moveOn: 'https://w3id.org/xapi/cmi5/context/extensions/moveon',
  launchParameters: 'https://w3id.org/xapi/cmi5/context/extensions/launchparameters',
  progress: 'https://w3id.org/xapi/cmi5/result/extensions/progress',
  reason: 'https://w3id.org/xapi/cmi5/result/extensions/reason',
  /** State document the LMS writes before launch. */
  launchDataStateId: 'LMS.LaunchData',
  /** Agent profile with language and audio preferences. */
  learnerPreferencesProfileId: 'cmi5LearnerPreferences',
  courseStructureNamespace: 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd',
} as const;

export type Cmi5LaunchMode = 'Normal' | 'Browse' | 'Review';
export type Cmi5MoveOn = 'Passed' | 'Completed' | 'CompletedAndPassed' | 'CompletedOrPassed' | 'NotApplicable';

/** The LMS.LaunchData state document. */
export interface Cmi5LaunchData {
  readonly contextTemplate: Readonly<Record<string, unknown>>;
  readonly launchMode: Cmi5LaunchMode;
  readonly moveOn: Cmi5MoveOn;
  readonly masteryScore?: number;
  readonly returnURL?: string;
  readonly launchParameters?: string;
  readonly entitlementKey?: { readonly courseStructure?: string; readonly alternate?: string };
}

export interface Cmi5LearnerPreferences {
  readonly languagePreference?: string;
  readonly audioPreference?: 'on' | 'off';
}
