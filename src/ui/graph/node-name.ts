import type { GraphNode } from '../../graph/types.ts';
import type { TFunction } from '../i18n/i18n.ts';

/** What a person calls a node: the chain's name, `nat PREROUTING`, or the stage's name. */
export function nodeName(node: GraphNode, t: TFunction): string {
  switch (node.kind) {
    case 'stage':
      return t(`graph.stage.${node.stage}`);
    case 'hook':
      return t('graph.hook', { table: node.table, hook: node.hook });
    case 'chain':
      return node.chain;
  }
}
