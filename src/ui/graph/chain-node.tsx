import type { NodeProps } from '@xyflow/react';
import { memo, type MouseEvent } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { useKpvizStore } from '../../store/store.ts';
import type { ChainFlowNode } from './flow-elements.ts';
import { NodeBody } from './node-body.tsx';
import { useNodeClasses } from './node-classes.ts';
import { NodeHandles } from './node-handles.tsx';

/**
 * A user chain: its name, what a hashed name stands for (`default/nginx:http`)
 * and its rules; coloured by kube-proxy's chain kind. Collapsing it keeps the header.
 */
export const ChainNodeView = memo(function ChainNodeView({ id, data }: NodeProps<ChainFlowNode>) {
  const { t } = useTranslation();
  const { graphNode: chain, heatMax, handles } = data;
  const toggleCollapsed = useKpvizStore((state) => state.toggleCollapsed);
  const classes = useNodeClasses(id, 'gnode-chain', `role-${chain.role}`);
  const onToggle = (event: MouseEvent) => {
    event.stopPropagation();
    toggleCollapsed(id);
  };
  return (
    <div className={chain.collapsed ? `${classes} is-collapsed` : classes}>
      <NodeHandles handles={handles} />
      <header className="gnode-header">
        <button
          type="button"
          className="gnode-toggle nodrag nopan"
          aria-expanded={!chain.collapsed}
          aria-label={t(chain.collapsed ? 'graph.expand' : 'graph.collapse', {
            chain: chain.chain,
          })}
          onClick={onToggle}
        >
          <span aria-hidden="true">{chain.collapsed ? '▸' : '▾'}</span>
        </button>
        <span className="gnode-name">{chain.chain}</span>
        {chain.label !== undefined && <span className="gnode-label">{chain.label}</span>}
        <span className="gnode-count">{chain.ruleCount ?? chain.rules.length}</span>
      </header>
      <NodeBody node={chain} heatMax={heatMax} />
    </div>
  );
});
