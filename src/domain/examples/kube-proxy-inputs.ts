/**
 * The inputs of the kube-proxy unit tests whose expected dumps are in
 * fixtures/kube-proxy/ (docs/kube-proxy-rules.md §10), so the generator can be
 * checked against kube-proxy's own expectations. Each test's Services and
 * EndpointSlices ship as a Kubernetes manifest in manifests/kube-proxy/ (YAML
 * that `kubectl apply` takes); the node settings, which are kube-proxy flags
 * rather than objects, are here.
 */
import type { NodeSettings } from '../kube/node-settings.ts';
import type { KubeObject } from '../kube/objects.ts';
import { readKubeObjects } from '../kube/read-objects.ts';
import etpLocalExternalIps from './manifests/kube-proxy/etp-local-external-ips.yaml?raw';
import healthCheckNodePort from './manifests/kube-proxy/health-check-node-port.yaml?raw';
import ipv6LocalhostNodeports from './manifests/kube-proxy/ipv6-localhost-nodeports.yaml?raw';
import loadBalancerSourceRanges from './manifests/kube-proxy/load-balancer-source-ranges.yaml?raw';
import masqueradeRandomFully from './manifests/kube-proxy/masquerade-random-fully.yaml?raw';
import noEndpointsReject from './manifests/kube-proxy/no-endpoints-reject.yaml?raw';
import overallCurrent from './manifests/kube-proxy/overall-current.yaml?raw';
import sctp from './manifests/kube-proxy/sctp.yaml?raw';
import sessionAffinity from './manifests/kube-proxy/session-affinity.yaml?raw';
import terminatingEndpoints from './manifests/kube-proxy/terminating-endpoints.yaml?raw';
import udpOpenshiftDns from './manifests/kube-proxy/udp-openshift-dns.yaml?raw';

export interface KubeProxyInput {
  /** The fixture's name in KUBE_PROXY_FIXTURES (and its manifest's file name without `.yaml`). */
  readonly fixture: string;
  /** The manifest's text, as stored in manifests/kube-proxy/<fixture>.yaml. */
  readonly manifest: string;
  /** The manifest's objects, as readKubeObjects reads them. */
  readonly objects: readonly KubeObject[];
  readonly node: NodeSettings;
  /** Set when only part of the fixture can match, with the reason. */
  readonly compareOnly?: { readonly table: 'nat'; readonly why: string };
}

/** NewFakeProxier: hostname test-hostname, node IP 192.168.0.2, local = 10.0.0.0/8, mark 0x4000. */
export const TEST_NODE: NodeSettings = {
  nodeName: 'test-hostname',
  nodeIPs: ['192.168.0.2'],
  clusterCIDR: '10.0.0.0/8',
  masqueradeAll: false,
  masqueradeBit: 14,
  randomFully: false,
  profile: 'current',
  // NewFakeProxier hands the proxier this text; real kube-proxy writes 0x00004000.
  masqueradeMark: '0x4000',
};

/** A scenario: its manifest's objects with the node it runs on. */
const input = (
  fixture: string,
  manifest: string,
  node: NodeSettings,
  compareOnly?: KubeProxyInput['compareOnly'],
): KubeProxyInput => ({
  fixture,
  manifest,
  objects: readKubeObjects(manifest).objects,
  node,
  ...(compareOnly ? { compareOnly } : {}),
});

export const KUBE_PROXY_INPUTS: readonly KubeProxyInput[] = [
  input('overall-current', overallCurrent, TEST_NODE),
  input('no-endpoints-reject', noEndpointsReject, TEST_NODE),
  input('load-balancer-source-ranges', loadBalancerSourceRanges, TEST_NODE),
  input('etp-local-external-ips', etpLocalExternalIps, TEST_NODE),
  input('session-affinity', sessionAffinity, TEST_NODE),
  input('terminating-endpoints', terminatingEndpoints, TEST_NODE),
  input('health-check-node-port', healthCheckNodePort, {
    ...TEST_NODE,
    nodePortAddresses: ['127.0.0.0/8'],
  }),
  input('masquerade-random-fully', masqueradeRandomFully, { ...TEST_NODE, randomFully: true }),
  input('sctp', sctp, TEST_NODE),
  // NewIPv6Fake with the no-op local detector (no clusterCIDR) and localhostNodePorts false.
  input('ipv6-localhost-nodeports', ipv6LocalhostNodeports, {
    ...TEST_NODE,
    ipFamily: 'IPv6',
    clusterCIDR: undefined,
    localhostNodePorts: false,
  }),
  input('udp-openshift-dns', udpOpenshiftDns, TEST_NODE, {
    table: 'nat',
    why:
      'the fixture has no KUBE-FIREWALL chain yet keeps the plain addrtype tail call: no combination of ' +
      'upstream settings gives both (localhostNodePorts=false would add "! -d 127.0.0.0/8"), so the ' +
      "OpenShift test's proxier differs in the filter table; the nat table is upstream output",
  }),
];
