/**
 * What a hashed chain stands for, as its node's label. kube-proxy's comments
 * say it best (`ns/svc:port`, `-> 10.244.1.5:8080`), but kube-proxy leaves
 * per-endpoint comments out of big clusters and other tools strip them, so
 * each label falls back to what the rules themselves say.
 */
import type { ChainNode } from './types.ts';
import { chainRole } from './chain-role.ts';
import { dnatDestination, endpointIn } from './rule-facts.ts';
import type { IndexedChain, RulesetIndex } from './ruleset-index.ts';
import { callersOf } from './ruleset-index.ts';
import type { ServiceGroup } from './service-groups.ts';
import { ruleComment } from './summarise-match.ts';
import { shortAddress } from './summary-format.ts';

export type ChainLabel = Pick<ChainNode, 'label' | 'labelSource' | 'service' | 'serviceKey'>;

/**
 * The endpoint a KUBE-SEP chain stands for: the `->` of a comment on a jump
 * into it, else its DNAT's destination, else the address of its hairpin
 * masquerade rule (`-s 10.244.1.5/32 -j KUBE-MARK-MASQ`).
 */
function endpointLabel(entry: IndexedChain, index: RulesetIndex): ChainLabel {
  let fromComment: string | undefined;
  for (const jump of callersOf(index, entry)) {
    const comment = ruleComment(jump.rule);
    const endpoint = comment === undefined ? undefined : endpointIn(comment);
    if (endpoint !== undefined && (fromComment === undefined || endpoint < fromComment)) {
      fromComment = endpoint;
    }
  }
  if (fromComment !== undefined) return { label: fromComment, labelSource: 'comment' };
  const rules = entry.chain.rules;
  const dnat = rules.map(dnatDestination).find((d) => d !== undefined);
  if (dnat !== undefined) return { label: dnat, labelSource: 'rules' };
  const hairpin = rules.find((r) => r.target?.name === 'KUBE-MARK-MASQ' && r.source);
  if (hairpin?.source) return { label: shortAddress(hairpin.source.value), labelSource: 'rules' };
  return {};
}

/**
 * The label, label source, Service port and focus key of a chain's node;
 * empty for a chain of no Service (`KUBE-SERVICES`, `DOCKER`), whose name
 * says what it is.
 *
 * @example
 *   chainLabel(sepEntry, index, group);
 *   // { label: '172.17.0.4:80', labelSource: 'rules', service: 'default/nginx-service-nodeport:', serviceKey: '…' }
 */
export function chainLabel(
  entry: IndexedChain,
  index: RulesetIndex,
  group: ServiceGroup | undefined,
): ChainLabel {
  if (!group) return {};
  const service = {
    ...(group.service === undefined ? {} : { service: group.service }),
    serviceKey: group.key,
  };
  if (chainRole(entry.chain.name) === 'endpoint') {
    return { ...endpointLabel(entry, index), ...service };
  }
  return { label: group.label, labelSource: group.labelSource, ...service };
}
