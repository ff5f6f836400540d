/**
 * The shape of an xAPI statement once validate/statement.ts has accepted it (xAPI 1.0.3 and 2.0).
 * Everything above validation works on these types, not on untyped JSON. They are type aliases
 * rather than interfaces so that a statement still passes where a JSON object is expected (the
 * generic walkers of formatting and comparison).
 */

export const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

export type LanguageMap = Readonly<Record<string, string>>;
export type Extensions = Readonly<Record<string, unknown>>;

export type Account = { readonly homePage: string; readonly name: string };

/** The inverse functional identifiers; an Agent has exactly one, an identified Group one. */
type Identifiers = {
  readonly name?: string;
  readonly mbox?: string;
  readonly mbox_sha1sum?: string;
  readonly openid?: string;
  readonly account?: Account;
};

export type Agent = Identifiers & { readonly objectType?: 'Agent' };
export type Group = Identifiers & { readonly objectType: 'Group'; readonly member?: readonly Agent[] };
export type Actor = Agent | Group;

export type Verb = { readonly id: string; readonly display?: LanguageMap };

/** name, description, type, moreInfo, interaction properties and extensions, as received. */
export type ActivityDefinition = Readonly<Record<string, unknown>>;

export type Activity = { readonly objectType?: 'Activity'; readonly id: string; readonly definition?: ActivityDefinition };
export type StatementRef = { readonly objectType: 'StatementRef'; readonly id: string };

export type ContextActivityList = 'parent' | 'grouping' | 'category' | 'other';
/** 1.0.x allows one Activity where 2.0 wants an array; the service stores arrays. */
export type ContextActivities = { readonly [L in ContextActivityList]?: Activity | readonly Activity[] };

export type ContextAgent = { readonly objectType: 'contextAgent'; readonly agent: Agent; readonly relevantTypes?: readonly string[] };
export type ContextGroup = { readonly objectType: 'contextGroup'; readonly group: Group; readonly relevantTypes?: readonly string[] };

export type Context = {
  readonly registration?: string;
  readonly instructor?: Actor;
  readonly team?: Group;
  readonly contextActivities?: ContextActivities;
  readonly revision?: string;
  readonly platform?: string;
  readonly language?: string;
  readonly statement?: StatementRef;
  readonly extensions?: Extensions;
  /** xAPI 2.0 only. */
  readonly contextAgents?: readonly ContextAgent[];
  readonly contextGroups?: readonly ContextGroup[];
};

export type Score = { readonly scaled?: number; readonly raw?: number; readonly min?: number; readonly max?: number };

export type Result = {
  readonly score?: Score;
  readonly success?: boolean;
  readonly completion?: boolean;
  readonly response?: string;
  readonly duration?: string;
  readonly extensions?: Extensions;
};

export type Attachment = {
  readonly usageType: string;
  readonly display: LanguageMap;
  readonly description?: LanguageMap;
  readonly contentType: string;
  readonly length: number;
  readonly sha2: string;
  readonly fileUrl?: string;
};

/** What a Statement and a SubStatement share. */
type StatementCore = {
  readonly actor: Actor;
  readonly verb: Verb;
  readonly result?: Result;
  readonly context?: Context;
  readonly timestamp?: string;
  readonly attachments?: readonly Attachment[];
};

export type SubStatement = StatementCore & {
  readonly objectType: 'SubStatement';
  readonly object: Activity | (Agent & { readonly objectType: 'Agent' }) | Group | StatementRef;
};

/** The object of a statement: an Activity when objectType is absent. */
export type StatementObject = Activity | (Agent & { readonly objectType: 'Agent' }) | Group | StatementRef | SubStatement;

/** A statement as received and validated: id, stored, authority and version may still be missing. */
export type Statement = StatementCore & {
  readonly id?: string;
  readonly object: StatementObject;
  readonly stored?: string;
  readonly authority?: Actor;
  readonly version?: string;
};

/** A statement with its id decided (the client's, lower-cased, or one the LRS gave it). */
export type IdentifiedStatement = Statement & { readonly id: string };

/** A statement as the LRS keeps and answers it: every LRS-set property is present. */
export type RecordedStatement = IdentifiedStatement & {
  readonly stored: string;
  readonly timestamp: string;
  readonly authority: Actor;
  readonly version: string;
};

/**
 * A statement body read back from a store. Stores keep only bodies the statement service built
 * from validated statements, so the text is trusted to have that shape.
 */
export function parseRecorded(body: string): RecordedStatement {
  return JSON.parse(body) as RecordedStatement;
}

/** The id a StatementRef object targets (lower-cased), undefined for any other object. */
export function refTargetId(s: Statement): string | undefined {
  return s.object.objectType === 'StatementRef' ? s.object.id.toLowerCase() : undefined;
}

export const isVoiding = (s: Statement): boolean => s.verb.id === VOIDED;

function isActivityArray(v: Activity | readonly Activity[]): v is readonly Activity[] {
  return Array.isArray(v);
}

/** A contextActivities value as a list, whether sent as one Activity (1.0.x) or an array. */
export function activityList(v: Activity | readonly Activity[] | undefined): readonly Activity[] {
  if (v === undefined) return [];
  return isActivityArray(v) ? v : [v];
}
