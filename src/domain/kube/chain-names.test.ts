import { describe, expect, it } from 'vitest';
import type { ProtocolWord } from './chain-names.ts';
import {
  hash16,
  serviceExternalChain,
  serviceFirewallChain,
  serviceLBChain,
  servicePortEndpointChain,
  servicePortPolicyClusterChain,
  servicePortPolicyLocalChain,
} from './chain-names.ts';

describe('chain names (docs §1.3, asserted by kube-proxy tests)', () => {
  it.each([
    { name: 'ns1/svc1:p80 tcp', spn: 'ns1/svc1:p80', p: 'tcp', hash: 'XPGD46QRK7WJZT7O' },
    { name: 'ns1/svc1:p80 sctp', spn: 'ns1/svc1:p80', p: 'sctp', hash: 'GFCIFIA5VTFSTMSM' },
    { name: 'unnamed port', spn: 'ns1/svc1', p: 'tcp', hash: 'AQI2S6QIMU7PVVRP' },
    { name: 'udp dns', spn: 'openshift-dns/dns-default:dns', p: 'udp', hash: 'BGNS3J6UB7MMLVDO' },
    {
      name: 'seed, old trailing colon',
      spn: 'default/nginx-service-nodeport:',
      p: 'tcp',
      hash: 'I64SNEMOLCWHJHS3',
    },
    {
      name: 'seed name, v1.19+ spelling',
      spn: 'default/nginx-service-nodeport',
      p: 'tcp',
      hash: 'SW7F3NCRFKRM23GY',
    },
    { name: 'ns2/svc2:p80', spn: 'ns2/svc2:p80', p: 'tcp', hash: 'GNZBNJ2PO5MGZ6GT' },
    { name: 'ns2b/svc2b:p80', spn: 'ns2b/svc2b:p80', p: 'tcp', hash: 'PAZTZYUUMV5KCDZL' },
    { name: 'ns3/svc3:p80', spn: 'ns3/svc3:p80', p: 'tcp', hash: 'X27LE4BHSL4DOUIK' },
    { name: 'ns4/svc4:p80', spn: 'ns4/svc4:p80', p: 'tcp', hash: '4SW47YFZTEDKD3PK' },
    { name: 'ns5/svc5:p80', spn: 'ns5/svc5:p80', p: 'tcp', hash: 'NUKIZ6OKUXPJNT4C' },
  ] satisfies { name: string; spn: string; p: ProtocolWord; hash: string }[])(
    '$name: SVC/SVL/EXT/FW/XLB share $hash',
    ({ spn, p, hash }) => {
      expect(servicePortPolicyClusterChain(spn, p)).toBe(`KUBE-SVC-${hash}`);
      expect(servicePortPolicyLocalChain(spn, p)).toBe(`KUBE-SVL-${hash}`);
      expect(serviceExternalChain(spn, p)).toBe(`KUBE-EXT-${hash}`);
      expect(serviceFirewallChain(spn, p)).toBe(`KUBE-FW-${hash}`);
      expect(serviceLBChain(spn, p)).toBe(`KUBE-XLB-${hash}`);
    },
  );

  it.each([
    {
      name: 'svc1 p80',
      spn: 'ns1/svc1:p80',
      p: 'tcp',
      ep: '10.180.0.1:80',
      sep: 'KUBE-SEP-SXIVWICOYRO3J4NJ',
    },
    {
      name: 'sctp',
      spn: 'ns1/svc1:p80',
      p: 'sctp',
      ep: '10.180.0.1:80',
      sep: 'KUBE-SEP-RFW33Y6OHVBQ4W3M',
    },
    {
      name: 'unnamed port',
      spn: 'ns1/svc1',
      p: 'tcp',
      ep: '10.0.1.1:80',
      sep: 'KUBE-SEP-3JOIVZTXZZRGORX4',
    },
    {
      name: 'IPv6 in brackets',
      spn: 'ns1/svc1:p80',
      p: 'tcp',
      ep: '[ff06::c1]:80',
      sep: 'KUBE-SEP-LIGRYQQLSZN4UWQ5',
    },
    {
      name: 'large cluster 1',
      spn: 'ns1/svc1:p80',
      p: 'tcp',
      ep: '10.0.0.0:80',
      sep: 'KUBE-SEP-DKGQUZGBKLTPAR56',
    },
    {
      name: 'large cluster 2',
      spn: 'ns3/svc3:p8081',
      p: 'tcp',
      ep: '203.0.113.4:8081',
      sep: 'KUBE-SEP-RUVVH7YV3PHQBDOS',
    },
    {
      name: 'seed .2',
      spn: 'default/nginx-service-nodeport:',
      p: 'tcp',
      ep: '172.17.0.2:80',
      sep: 'KUBE-SEP-MMWJ6M2J72TU3J64',
    },
    {
      name: 'seed .3',
      spn: 'default/nginx-service-nodeport:',
      p: 'tcp',
      ep: '172.17.0.3:80',
      sep: 'KUBE-SEP-GRLEVIWNO4P37GSQ',
    },
    {
      name: 'seed .4',
      spn: 'default/nginx-service-nodeport:',
      p: 'tcp',
      ep: '172.17.0.4:80',
      sep: 'KUBE-SEP-74XRUOWV76LDS3ID',
    },
    {
      name: 'ns2/svc2',
      spn: 'ns2/svc2:p80',
      p: 'tcp',
      ep: '10.180.0.2:80',
      sep: 'KUBE-SEP-RS4RBKLTHTF2IUXJ',
    },
    {
      name: 'ns3/svc3',
      spn: 'ns3/svc3:p80',
      p: 'tcp',
      ep: '10.180.0.3:80',
      sep: 'KUBE-SEP-OYPFS5VJICHGATKP',
    },
    {
      name: 'ns4/svc4 .4',
      spn: 'ns4/svc4:p80',
      p: 'tcp',
      ep: '10.180.0.4:80',
      sep: 'KUBE-SEP-UKSFD7AGPMPPLUHC',
    },
    {
      name: 'ns4/svc4 .5',
      spn: 'ns4/svc4:p80',
      p: 'tcp',
      ep: '10.180.0.5:80',
      sep: 'KUBE-SEP-C6EBXVWJJZMIWKLZ',
    },
    {
      name: 'ns5/svc5',
      spn: 'ns5/svc5:p80',
      p: 'tcp',
      ep: '10.180.0.3:80',
      sep: 'KUBE-SEP-I77PXRDZVX7PMWMN',
    },
    {
      name: 'ns1/svc1 remote',
      spn: 'ns1/svc1:p80',
      p: 'tcp',
      ep: '10.180.2.1:80',
      sep: 'KUBE-SEP-ZX7GRIZKSNUQ3LAJ',
    },
    {
      name: 'terminating .2',
      spn: 'ns1/svc1',
      p: 'tcp',
      ep: '10.0.1.2:80',
      sep: 'KUBE-SEP-IO5XOSKPAXIFQXAJ',
    },
    {
      name: 'terminating .3',
      spn: 'ns1/svc1',
      p: 'tcp',
      ep: '10.0.1.3:80',
      sep: 'KUBE-SEP-XGJFVO3L2O5SRFNT',
    },
    {
      name: 'terminating .5',
      spn: 'ns1/svc1',
      p: 'tcp',
      ep: '10.0.1.5:80',
      sep: 'KUBE-SEP-EQCHZ7S2PJ72OHAY',
    },
    {
      name: 'ns2b',
      spn: 'ns2b/svc2b:p80',
      p: 'tcp',
      ep: '10.180.0.3:80',
      sep: 'KUBE-SEP-QDCEFMBQEGWIV4VT',
    },
    {
      name: 'dns udp',
      spn: 'openshift-dns/dns-default:dns',
      p: 'udp',
      ep: '10.180.1.2:5353',
      sep: 'KUBE-SEP-HBTKKYYQD5LT7Q5V',
    },
  ] satisfies { name: string; spn: string; p: ProtocolWord; ep: string; sep: string }[])(
    '$name → $sep',
    ({ spn, p, ep, sep }) => {
      expect(servicePortEndpointChain(spn, p, ep)).toBe(sep);
    },
  );

  it('hash16 concatenates without separators', () => {
    expect(hash16('ns1/svc1:p80tcp')).toBe('XPGD46QRK7WJZT7O');
  });
});
