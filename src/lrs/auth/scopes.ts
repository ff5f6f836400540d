/**
 * xAPI OAuth scope names and what each allows. A request needs one Access; a credential holding
 * any scope that grants it may proceed, otherwise 403.
 */
export const SCOPES = [
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'state',
  'define',
  'profile',
  'all/read',
  'all',
] as const;
export type Scope = (typeof SCOPES)[number];

export type Resource = 'statements' | 'state' | 'activities' | 'agents' | 'activity-profile' | 'agent-profile';

export interface Access {
  readonly resource: Resource;
  readonly write: boolean;
}

export function isScope(s: string): s is Scope {
  return (SCOPES as readonly string[]).includes(s);
}

/** The scopes of a comma- or space-separated list, or the first unknown name. */
export function parseScopes(list: string): { scopes: Scope[] } | { unknown: string } {
  const scopes: Scope[] = [];
  for (const raw of list.split(/[,\s]+/).filter(Boolean)) {
    if (!isScope(raw)) return { unknown: raw };
    if (!scopes.includes(raw)) scopes.push(raw);
  }
  return { scopes };
}

function grants(scope: Scope, need: Access): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'all/read':
      return !need.write;
    case 'statements/write':
      return need.resource === 'statements' && need.write;
    case 'statements/read':
    case 'statements/read/mine':
      return need.resource === 'statements' && !need.write;
    case 'state':
      return need.resource === 'state';
    case 'profile':
      return need.resource === 'activity-profile' || need.resource === 'agent-profile';
    case 'define':
      return (need.resource === 'activities' || need.resource === 'agents') && !need.write;
  }
}

export function allows(scopes: readonly string[], need: Access): boolean {
  return scopes.some((s) => isScope(s) && grants(s, need));
}

/** True when statement reads must be limited to the credential's own statements. */
export function readsOnlyMine(scopes: readonly string[]): boolean {
  const reads = scopes.filter((s) => s === 'statements/read' || s === 'all/read' || s === 'all');
  return reads.length === 0 && scopes.includes('statements/read/mine');
}
