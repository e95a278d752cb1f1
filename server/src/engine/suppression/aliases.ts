// Peer tools' check ids -> our rule ids, built from each rule's `aliases` metadata (the single source).
import { allRules } from '../rules';
import type { RuleAliases } from '../types';

export type AliasFamily = keyof RuleAliases;

let cache: Map<AliasFamily, Map<string, string[]>> | undefined;

function table(): Map<AliasFamily, Map<string, string[]>> {
  if (cache) return cache;
  cache = new Map();
  for (const rule of allRules) {
    for (const [family, ids] of Object.entries(rule.meta.aliases ?? {}) as Array<[AliasFamily, string[]]>) {
      const byId = cache.get(family) ?? new Map<string, string[]>();
      for (const id of ids) byId.set(id.toLowerCase(), [...(byId.get(id.toLowerCase()) ?? []), rule.meta.id]);
      cache.set(family, byId);
    }
  }
  return cache;
}

/** Our rule ids for a peer's check id (case-insensitive); empty when unknown. */
export function rulesForAlias(family: AliasFamily, peerId: string): string[] {
  return table().get(family)?.get(peerId.trim().toLowerCase()) ?? [];
}
