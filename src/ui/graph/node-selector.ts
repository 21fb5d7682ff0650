import { cssString } from '../../graph/ids.ts';

/**
 * The CSS selector of React Flow's element for node `id` (ids hold slashes, and may hold quotes).
 *
 * @example
 *   container.querySelector(nodeSelector('nat/KUBE-SERVICES'));
 */
export const nodeSelector = (id: string): string => `.react-flow__node[data-id=${cssString(id)}]`;
