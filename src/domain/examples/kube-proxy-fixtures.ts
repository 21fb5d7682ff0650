/**
 * kube-proxy's own iptables rule dumps, copied from the expected output in its
 * unit tests (pkg/proxy/iptables/proxier_test.go, Apache-2.0, The Kubernetes
 * Authors). See fixtures/kube-proxy/README.md for each dump's test and commit.
 */
import etpLocalExternalIps from './fixtures/kube-proxy/etp-local-external-ips.restore.txt?raw';
import healthCheckNodePort from './fixtures/kube-proxy/health-check-node-port.restore.txt?raw';
import ipv6LocalhostNodeports from './fixtures/kube-proxy/ipv6-localhost-nodeports.restore.txt?raw';
import legacyEndpointsliceE2e from './fixtures/kube-proxy/legacy-endpointslice-e2e.restore.txt?raw';
import legacyIptablesSaveUserspace from './fixtures/kube-proxy/legacy-iptables-save-userspace.restore.txt?raw';
import legacyXlbOverall from './fixtures/kube-proxy/legacy-xlb-overall.restore.txt?raw';
import loadBalancerSourceRanges from './fixtures/kube-proxy/load-balancer-source-ranges.restore.txt?raw';
import masqueradeRandomFully from './fixtures/kube-proxy/masquerade-random-fully.restore.txt?raw';
import noEndpointsReject from './fixtures/kube-proxy/no-endpoints-reject.restore.txt?raw';
import overallCurrent from './fixtures/kube-proxy/overall-current.restore.txt?raw';
import sctp from './fixtures/kube-proxy/sctp.restore.txt?raw';
import sessionAffinity from './fixtures/kube-proxy/session-affinity.restore.txt?raw';
import terminatingEndpoints from './fixtures/kube-proxy/terminating-endpoints.restore.txt?raw';
import tracePacketsStatic from './fixtures/kube-proxy/trace-packets-static.restore.txt?raw';
import udpOpenshiftDns from './fixtures/kube-proxy/udp-openshift-dns.restore.txt?raw';

/** kube-proxy's own expected iptables-restore input, from its unit tests. */
export interface KubeProxyFixture {
  /** The fixture's file name without `.restore.txt`. */
  readonly name: string;
  /** The dump, exactly as stored in the fixture file. */
  readonly text: string;
  /** Which Go test it comes from and what it exercises. */
  readonly about: string;
}

export const KUBE_PROXY_FIXTURES: readonly KubeProxyFixture[] = [
  {
    name: 'overall-current',
    text: overallCurrent,
    about:
      'TestOverallIPTablesRulesWithMultipleServices (KUBE-EXT era): ClusterIP, NodePort, externalIPs, ' +
      'LoadBalancer with ETP Local and with source ranges (KUBE-FW, KUBE-PROXY-FIREWALL), no-endpoints REJECT.',
  },
  {
    name: 'trace-packets-static',
    text: tracePacketsStatic,
    about:
      'TestTracePackets: static ruleset including the built-in chains and their jumps, with unquoted ' +
      'multi-word comments such as `--comment kubernetes service portals`.',
  },
  {
    name: 'no-endpoints-reject',
    text: noEndpointsReject,
    about:
      'TestExternalIPsReject: a service with no endpoints is REJECTed in KUBE-SERVICES (cluster IP) and ' +
      'KUBE-EXTERNAL-SERVICES (external IP).',
  },
  {
    name: 'load-balancer-source-ranges',
    text: loadBalancerSourceRanges,
    about:
      'TestLoadBalancer: two LB IPs with loadBalancerSourceRanges; KUBE-FW allow rules, a final KUBE-FW ' +
      'rule with no target, and KUBE-PROXY-FIREWALL DROPs.',
  },
  {
    name: 'etp-local-external-ips',
    text: etpLocalExternalIps,
    about:
      'TestOnlyLocalExternalIPs: externalTrafficPolicy Local on an external IP; KUBE-EXT short-circuits ' +
      'pod and LOCAL traffic, then KUBE-SVL holds only the local endpoint.',
  },
  {
    name: 'session-affinity',
    text: sessionAffinity,
    about:
      'TestOnlyLocalLoadBalancing: ClientIP session affinity (-m recent --set / --rcheck --seconds 10800 ' +
      '--reap) on a LoadBalancer with ETP Local.',
  },
  {
    name: 'terminating-endpoints',
    text: terminatingEndpoints,
    about:
      'TestEndpointSliceWithTerminatingEndpointsTrafficPolicyLocal (only terminating endpoints exist): ' +
      'KUBE-SVL falls back to serving-but-terminating local endpoints; KUBE-SVC uses the remote ready one.',
  },
  {
    name: 'health-check-node-port',
    text: healthCheckNodePort,
    about:
      'TestHealthCheckNodePort: nodePortAddresses 127.0.0.0/8 (-d 127.0.0.1 -j KUBE-NODEPORTS), ' +
      'health-check ACCEPT, NodePort REJECT with no endpoints.',
  },
  {
    name: 'masquerade-random-fully',
    text: masqueradeRandomFully,
    about:
      'TestMasqueradeRule (fmt.Sprintf with " --random-fully"): empty ruleset whose SNAT rule is ' +
      '-j MASQUERADE --random-fully.',
  },
  {
    name: 'sctp',
    text: sctp,
    about: 'TestClusterIPEndpointsMore: an SCTP ClusterIP service (-m sctp -p sctp).',
  },
  {
    name: 'ipv6-localhost-nodeports',
    text: ipv6LocalhostNodeports,
    about:
      'TestDisableLocalhostNodePortsIPv6: IPv6 addresses, [addr]:port DNAT targets, ' +
      '`-m addrtype --dst-type LOCAL ! -d ::1/128`, no-op local detector.',
  },
  {
    name: 'udp-openshift-dns',
    text: udpOpenshiftDns,
    about:
      "TestOpenShiftDNSHackFallback (OpenShift's fork only): a UDP ClusterIP (-m udp -p udp) on port 53 " +
      'sent to two endpoints on 5353.',
  },
  {
    name: 'legacy-xlb-overall',
    text: legacyXlbOverall,
    about:
      'TestOverallIPTablesRulesWithMultipleServices (pre-KUBE-EXT): /32 addresses, KUBE-XLB, KUBE-FW ' +
      'ending in -j KUBE-MARK-DROP (an undeclared chain), 127.0.0.0/8 NodePort masquerade.',
  },
  {
    name: 'legacy-endpointslice-e2e',
    text: legacyEndpointsliceE2e,
    about:
      'TestEndpointSliceE2E (older format): /32 addresses, masquerade rule in KUBE-SERVICES, --dport 0, ' +
      'three-way statistic split, SVC and SEP rules interleaved.',
  },
  {
    name: 'legacy-iptables-save-userspace',
    text: legacyIptablesSaveUserspace,
    about:
      'TestGetChainLinesMultipleTables: 2015 iptables-save output of the userspace proxy with # comments, ' +
      'counters, *nat before *filter, -m state and -m recent --set --rsource.',
  },
];
