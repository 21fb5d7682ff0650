/**
 * kube-proxy's test helper sortIPTablesRules (docs §5): its tests compare
 * generated text with the expected dump only after this sort, so the
 * fixtures are in this order, not in write order.
 */

interface DumpTable {
  readonly name: string;
  readonly chains: string[];
  readonly rules: Map<string, string[]>;
}

/** The comment of a rule line (`--comment word` or `--comment "some words"`). */
function commentOf(rule: string): string | undefined {
  const m = /--comment (?:"([^"]*)"|(\S+))/.exec(rule);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** orderByCommentServiceName: the comment up to the first space or colon. */
function serviceNameOf(rule: string): string | undefined {
  const comment = commentOf(rule);
  if (comment === undefined) return undefined;
  const cut = comment.search(/[ :]/);
  return cut === -1 ? comment : comment.slice(0, cut);
}

const byServiceName = (a: string, b: string): number => {
  const x = serviceNameOf(a);
  const y = serviceNameOf(b);
  if (x === undefined || y === undefined) return 0;
  return x < y ? -1 : x > y ? 1 : 0;
};

/** KUBE-NODEPORTS, KUBE-SERVICES, other KUBE-* by name, then the rest by name. */
function chainRank(name: string): [number, string] {
  if (name === 'KUBE-NODEPORTS') return [0, ''];
  if (name === 'KUBE-SERVICES') return [1, ''];
  return [name.startsWith('KUBE-') ? 2 : 3, name];
}

const compareChains = (a: string, b: string): number => {
  const [ra, na] = chainRank(a);
  const [rb, nb] = chainRank(b);
  return ra !== rb ? ra - rb : na < nb ? -1 : na > nb ? 1 : 0;
};

const TAIL_CALL = 'kubernetes service nodeports; NOTE: this must be the last rule in this chain';

export function sortLikeKubeProxyTests(text: string): string {
  const tables: DumpTable[] = [];
  let current: DumpTable | undefined;
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (l.startsWith('*')) {
      current = { name: l.slice(1), chains: [], rules: new Map() };
      tables.push(current);
    } else if (!current || l === '' || l === 'COMMIT' || l.startsWith('#')) {
      continue;
    } else if (l.startsWith(':')) {
      current.chains.push(l.slice(1).split(' ')[0] ?? '');
    } else if (l.startsWith('-A ')) {
      const chain = l.split(' ')[1] ?? '';
      if (!current.chains.includes(chain)) current.chains.push(chain);
      const list = current.rules.get(chain) ?? [];
      list.push(l);
      current.rules.set(chain, list);
    }
  }
  const out: string[] = [];
  for (const table of [...tables].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )) {
    const chains = [...table.chains].sort(compareChains);
    out.push(`*${table.name}`, ...chains.map((c) => `:${c} - [0:0]`));
    for (const chain of chains) {
      let rules = [...(table.rules.get(chain) ?? [])];
      if (chain === 'KUBE-NODEPORTS' || (chain === 'KUBE-SERVICES' && table.name === 'filter')) {
        rules.sort(byServiceName);
      } else if (chain === 'KUBE-SERVICES') {
        const tail = rules.filter((r) => commentOf(r) === TAIL_CALL);
        rules = [...rules.filter((r) => commentOf(r) !== TAIL_CALL).sort(byServiceName), ...tail];
      }
      out.push(...rules);
    }
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}
