/**
 * Rule text the way kube-proxy's LineBuffer writes it: every word and every
 * element of every word list joined by one space. Multi-word comments carry
 * literal double quotes in the word itself (fmt.Sprintf(`"%s cluster IP"`)).
 */
export type Words = string | readonly string[];

export const line = (...words: readonly Words[]): string => words.flat().join(' ');

/** `-A CHAIN -m comment --comment TEXT`: how nearly every kube-proxy rule starts. */
export const commented = (chain: string, comment: string): string[] => [
  '-A',
  chain,
  '-m',
  'comment',
  '--comment',
  comment,
];

/** Session affinity's test: was this client sent to `sep` within `seconds`? Then jump there again. */
export const affinityCheck = (sep: string, seconds: number): string[] => [
  '-m',
  'recent',
  '--name',
  sep,
  '--rcheck',
  '--seconds',
  String(seconds),
  '--reap',
  '-j',
  sep,
];

/** A multi-word comment as kube-proxy quotes it (no escaping: names never hold quotes). */
export const quoted = (text: string): string => `"${text}"`;

/** utiliptables.MakeChainLine: a fresh chain, zero counters. */
export const chainLine = (chain: string): string => `:${chain} - [0:0]`;

/** The four buffers syncProxyRules fills, in the order the restore text joins them. */
export interface RuleBuffers {
  readonly filterChains: string[];
  readonly filterRules: string[];
  readonly natChains: string[];
  readonly natRules: string[];
}

export const emptyBuffers = (): RuleBuffers => ({
  filterChains: [],
  filterRules: [],
  natChains: [],
  natRules: [],
});

/**
 * `*filter … COMMIT *nat … COMMIT`, with the built-in chains' jump rules
 * appended last in each table: a jump needs its target chain declared first.
 */
/**
 * Heads the lines kube-proxy does not restore: the built-in chains' jumps
 * (and chains that exist only for them), which it installs with `iptables
 * -I`. kpviz writes them at the end of each table so the text loads on its own.
 */
export const BUILTIN_JUMPS_NOTE =
  "# Not in kube-proxy's restore data: kube-proxy adds these with iptables -N and -I.";

export function assembleRestore(
  buffers: RuleBuffers,
  jumps: { readonly filter: readonly string[]; readonly nat: readonly string[] },
): string {
  const table = (
    name: string,
    chains: readonly string[],
    rules: readonly string[],
    extra: readonly string[],
  ) =>
    [
      `*${name}`,
      ...chains,
      ...rules,
      ...(extra.length ? [BUILTIN_JUMPS_NOTE] : []),
      ...extra,
      'COMMIT',
    ].join('\n') + '\n';
  return (
    table('filter', buffers.filterChains, buffers.filterRules, jumps.filter) +
    table('nat', buffers.natChains, buffers.natRules, jumps.nat)
  );
}
