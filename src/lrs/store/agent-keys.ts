/**
 * The rewrite of stored agent keys from "account:<homePage>|<name>" to the unambiguous
 * "account:[homePage, name]" (validate/identity.ts), shared by the migrations of both stores.
 * Frozen with those migrations: a later change of the key format needs a migration of its own.
 *
 * An old key is split at its first "|". Statement agents always had a homePage without "|" (a
 * statement's IRIs exclude it), so their keys split exactly. A document key could come from a
 * homePage holding "|" while the document resources still accepted one; such a key was shared
 * with the account whose name holds the rest, and goes to that account: the only one of the two
 * the document resources still accept.
 */
const OLD_ACCOUNT = 'account:';

/** The new key for an old account key; undefined for any other key (mbox, openid, already new…). */
export function migratedAccountKey(key: string): string | undefined {
  if (!key.startsWith(OLD_ACCOUNT) || key.startsWith(`${OLD_ACCOUNT}[`)) return undefined;
  const rest = key.slice(OLD_ACCOUNT.length);
  const bar = rest.indexOf('|');
  if (bar < 0) return undefined;
  return `${OLD_ACCOUNT}${JSON.stringify([rest.slice(0, bar), rest.slice(bar + 1)])}`;
}

/** Old → new for each old account key among `keys`. */
export function accountKeyRewrites(keys: readonly string[]): { old: string[]; new: string[] } {
  const out = { old: [] as string[], new: [] as string[] };
  for (const k of keys) {
    const n = migratedAccountKey(k);
    if (n === undefined) continue;
    out.old.push(k);
    out.new.push(n);
  }
  return out;
}
