import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { HookFlowNode } from './flow-elements.ts';
import { NodeBody } from './node-body.tsx';
import { useNodeClasses } from './node-classes.ts';
import { NodeHandles } from './node-handles.tsx';

/**
 * One table's built-in chain at a hook (`nat PREROUTING`), in the order the
 * kernel runs the tables there. Those the dump put rules in stand out: an empty
 * one only applies its policy, on its last line, where the packet's flow carries on.
 */
export const HookNodeView = memo(function HookNodeView({ id, data }: NodeProps<HookFlowNode>) {
  const { t } = useTranslation();
  const { graphNode: hook, heatMax, handles } = data;
  const classes = useNodeClasses(id, 'gnode-hook', `table-${hook.table}`);
  return (
    <div className={hook.hasRules ? `${classes} has-rules` : classes}>
      <NodeHandles handles={handles} />
      <header className="gnode-header">
        <span className="gnode-name">
          {t('graph.hook', { table: hook.table, hook: hook.hook })}
        </span>
        <span className="gnode-count">{hook.ruleCount ?? hook.rules.length}</span>
      </header>
      <NodeBody node={hook} heatMax={heatMax} />
    </div>
  );
});
