import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { StageFlowNode } from './flow-elements.ts';
import { useNodeClasses } from './node-classes.ts';
import { NodeHandles } from './node-handles.tsx';

/** A step of the packet's path that is no chain: the wire, a routing decision, a local socket. */
export const StageNodeView = memo(function StageNodeView({ id, data }: NodeProps<StageFlowNode>) {
  const { t } = useTranslation();
  const classes = useNodeClasses(id, 'gnode-stage', `stage-${data.graphNode.stage}`);
  return (
    <div className={classes}>
      <NodeHandles handles={data.handles} />
      <span className="gnode-name">{t(`graph.stage.${data.graphNode.stage}`)}</span>
    </div>
  );
});
