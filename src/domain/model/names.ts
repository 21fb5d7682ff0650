/**
 * The netfilter vocabulary's names, as branded types so that a chain name can
 * never be passed where a table name is expected.
 */

/**
 * The five iptables tables. (iptables-save prints them in its backend's own
 * order: see asLoadedByKernel.)
 */
export const TABLE_NAMES = ['raw', 'mangle', 'nat', 'filter', 'security'] as const;

export type TableName = (typeof TABLE_NAMES)[number];

/** A chain's name: a built-in hook (`PREROUTING`) or a user chain (`KUBE-SERVICES`). */
export type ChainName = string & { readonly __brand: 'ChainName' };

/** The name of a match module (`tcp`, `comment`, `statistic`, …) as given to `-m`. */
export type ModuleName = string & { readonly __brand: 'ModuleName' };

export const chainName = (name: string): ChainName => name as ChainName;
export const moduleName = (name: string): ModuleName => name as ModuleName;

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

/** The netfilter hooks. */
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/**
 * Which built-in chains each table registers, in iptables-save's order. The
 * kernel decides this (e.g. nat has no FORWARD hook; since Linux 2.6.36 it has
 * INPUT for SNAT of locally delivered packets), so the model does too.
 */
export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly Hook[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export function isBuiltinChain(table: TableName, chain: string): boolean {
  return (BUILTIN_CHAINS[table] as readonly string[]).includes(chain);
}

/** Targets that end a chain walk or are part of iptables itself rather than an extension. */
export const STANDARD_VERDICTS = ['ACCEPT', 'DROP', 'RETURN', 'QUEUE'] as const;
