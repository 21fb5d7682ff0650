/**
 * The seed scenario as Kubernetes objects: what the article's cluster held,
 * from which kube-proxy (profile legacy, v1.9) wrote SEED_SAVE's nat rules.
 * The objects ship as a manifest (manifests/seed.yaml) that `kubectl apply` takes.
 */
import type { NodeSettings } from '../kube/node-settings.ts';
import type { KubeObject } from '../kube/objects.ts';
import { readKubeObjects } from '../kube/read-objects.ts';
import seedManifest from './manifests/seed.yaml?raw';

/** The seed's Service and EndpointSlice as Kubernetes YAML. */
export const SEED_MANIFEST: string = seedManifest;

export const SEED_OBJECTS: readonly KubeObject[] = readKubeObjects(SEED_MANIFEST).objects;

export const SEED_NODE: NodeSettings = {
  nodeName: 'node-1',
  nodeIPs: ['192.168.0.11'],
  masqueradeAll: false,
  masqueradeBit: 14,
  randomFully: false,
  profile: 'legacy',
};
