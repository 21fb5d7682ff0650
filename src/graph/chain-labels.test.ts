import { buildGraph } from './build-graph.ts';
import { chainRole } from './chain-role.ts';
import { chainById, chainNodes, fixtureText, parseSave, withoutComments } from './test-fixtures.ts';
import type { ChainNode } from './types.ts';

/** chain → [role, label, labelSource, service] for the per-Service chains of a graph. */
function labels(nodes: readonly ChainNode[]): Record<string, unknown[]> {
  return Object.fromEntries(
    nodes
      .filter((n) => n.serviceKey !== undefined)
      .map((n) => [n.chain, [n.role, n.label, n.labelSource, n.service]]),
  );
}

describe('chain labels', () => {
  it('reads kube-proxy comments: the Service port, and each endpoint from its `->`', () => {
    const graph = buildGraph(parseSave(fixtureText('overall-current')));
    expect(labels(chainNodes(graph))).toEqual({
      'KUBE-EXT-4SW47YFZTEDKD3PK': ['external', 'ns4/svc4:p80', 'comment', 'ns4/svc4:p80'],
      'KUBE-EXT-GNZBNJ2PO5MGZ6GT': ['external', 'ns2/svc2:p80', 'comment', 'ns2/svc2:p80'],
      'KUBE-EXT-NUKIZ6OKUXPJNT4C': ['external', 'ns5/svc5:p80', 'comment', 'ns5/svc5:p80'],
      'KUBE-EXT-X27LE4BHSL4DOUIK': ['external', 'ns3/svc3:p80', 'comment', 'ns3/svc3:p80'],
      'KUBE-FW-NUKIZ6OKUXPJNT4C': ['firewall', 'ns5/svc5:p80', 'comment', 'ns5/svc5:p80'],
      'KUBE-SEP-C6EBXVWJJZMIWKLZ': ['endpoint', '10.180.0.5:80', 'comment', 'ns4/svc4:p80'],
      'KUBE-SEP-I77PXRDZVX7PMWMN': ['endpoint', '10.180.0.3:80', 'comment', 'ns5/svc5:p80'],
      'KUBE-SEP-OYPFS5VJICHGATKP': ['endpoint', '10.180.0.3:80', 'comment', 'ns3/svc3:p80'],
      'KUBE-SEP-RS4RBKLTHTF2IUXJ': ['endpoint', '10.180.0.2:80', 'comment', 'ns2/svc2:p80'],
      'KUBE-SEP-SXIVWICOYRO3J4NJ': ['endpoint', '10.180.0.1:80', 'comment', 'ns1/svc1:p80'],
      'KUBE-SEP-UKSFD7AGPMPPLUHC': ['endpoint', '10.180.0.4:80', 'comment', 'ns4/svc4:p80'],
      'KUBE-SVC-4SW47YFZTEDKD3PK': ['service', 'ns4/svc4:p80', 'comment', 'ns4/svc4:p80'],
      'KUBE-SVC-GNZBNJ2PO5MGZ6GT': ['service', 'ns2/svc2:p80', 'comment', 'ns2/svc2:p80'],
      'KUBE-SVC-NUKIZ6OKUXPJNT4C': ['service', 'ns5/svc5:p80', 'comment', 'ns5/svc5:p80'],
      'KUBE-SVC-X27LE4BHSL4DOUIK': ['service', 'ns3/svc3:p80', 'comment', 'ns3/svc3:p80'],
      'KUBE-SVC-XPGD46QRK7WJZT7O': ['service', 'ns1/svc1:p80', 'comment', 'ns1/svc1:p80'],
    });
    // Chains of no Service keep their names alone.
    expect(chainById(graph, 'nat/KUBE-SERVICES').label).toBeUndefined();
    expect(chainById(graph, 'filter/KUBE-PROXY-FIREWALL')).toMatchObject({ role: 'firewall' });
    expect(chainById(graph, 'filter/KUBE-PROXY-FIREWALL').serviceKey).toBeUndefined();
  });

  it('reads the rules when the dump has no comments: cluster IP and port, DNAT destination', () => {
    const graph = buildGraph(parseSave(withoutComments(fixtureText('overall-current'))));
    expect(labels(chainNodes(graph))).toEqual({
      'KUBE-EXT-4SW47YFZTEDKD3PK': ['external', '172.30.0.44:80/tcp', 'rules', undefined],
      'KUBE-EXT-GNZBNJ2PO5MGZ6GT': ['external', '172.30.0.42:80/tcp', 'rules', undefined],
      'KUBE-EXT-NUKIZ6OKUXPJNT4C': ['external', '172.30.0.45:80/tcp', 'rules', undefined],
      'KUBE-EXT-X27LE4BHSL4DOUIK': ['external', '172.30.0.43:80/tcp', 'rules', undefined],
      'KUBE-FW-NUKIZ6OKUXPJNT4C': ['firewall', '172.30.0.45:80/tcp', 'rules', undefined],
      'KUBE-SEP-C6EBXVWJJZMIWKLZ': ['endpoint', '10.180.0.5:80', 'rules', undefined],
      'KUBE-SEP-I77PXRDZVX7PMWMN': ['endpoint', '10.180.0.3:80', 'rules', undefined],
      'KUBE-SEP-OYPFS5VJICHGATKP': ['endpoint', '10.180.0.3:80', 'rules', undefined],
      'KUBE-SEP-RS4RBKLTHTF2IUXJ': ['endpoint', '10.180.0.2:80', 'rules', undefined],
      'KUBE-SEP-SXIVWICOYRO3J4NJ': ['endpoint', '10.180.0.1:80', 'rules', undefined],
      'KUBE-SEP-UKSFD7AGPMPPLUHC': ['endpoint', '10.180.0.4:80', 'rules', undefined],
      'KUBE-SVC-4SW47YFZTEDKD3PK': ['service', '172.30.0.44:80/tcp', 'rules', undefined],
      'KUBE-SVC-GNZBNJ2PO5MGZ6GT': ['service', '172.30.0.42:80/tcp', 'rules', undefined],
      'KUBE-SVC-NUKIZ6OKUXPJNT4C': ['service', '172.30.0.45:80/tcp', 'rules', undefined],
      'KUBE-SVC-X27LE4BHSL4DOUIK': ['service', '172.30.0.43:80/tcp', 'rules', undefined],
      'KUBE-SVC-XPGD46QRK7WJZT7O': ['service', '172.30.0.41:80/tcp', 'rules', undefined],
    });
    // Without a Service name, a Service's chains share its KUBE-SVC chain's name as focus key.
    expect(chainById(graph, 'nat/KUBE-SEP-RS4RBKLTHTF2IUXJ').serviceKey).toBe(
      'KUBE-SVC-GNZBNJ2PO5MGZ6GT',
    );
    expect(chainById(graph, 'nat/KUBE-EXT-GNZBNJ2PO5MGZ6GT').serviceKey).toBe(
      'KUBE-SVC-GNZBNJ2PO5MGZ6GT',
    );
  });

  it('labels a comment-less cluster IP from the KUBE-SERVICES jump when KUBE-SVC has no masquerade rule', () => {
    const graph = buildGraph(
      parseSave(
        [
          '*nat',
          ':KUBE-SERVICES - [0:0]',
          ':KUBE-SVC-ERIFXISQEP7F7OF4 - [0:0]',
          ':KUBE-SEP-IT2ZTR26TO4XFPTO - [0:0]',
          '-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m udp --dport 53 -j KUBE-SVC-ERIFXISQEP7F7OF4',
          '-A KUBE-SVC-ERIFXISQEP7F7OF4 -j KUBE-SEP-IT2ZTR26TO4XFPTO',
          '-A KUBE-SEP-IT2ZTR26TO4XFPTO -p udp -m udp -j DNAT --to-destination 10.244.1.5:53',
          'COMMIT',
          '',
        ].join('\n'),
      ),
    );
    expect(chainById(graph, 'nat/KUBE-SVC-ERIFXISQEP7F7OF4')).toMatchObject({
      label: '10.96.0.10:53/udp',
      labelSource: 'rules',
    });
    expect(chainById(graph, 'nat/KUBE-SEP-IT2ZTR26TO4XFPTO')).toMatchObject({
      label: '10.244.1.5:53',
      labelSource: 'rules',
    });
  });

  it('labels KUBE-SVL and session-affinity endpoints, and IPv6 endpoints', () => {
    const local = buildGraph(parseSave(fixtureText('etp-local-external-ips')));
    expect(chainById(local, 'nat/KUBE-SVL-XPGD46QRK7WJZT7O')).toMatchObject({
      role: 'local',
      label: 'ns1/svc1:p80',
    });
    const v6 = buildGraph(parseSave(fixtureText('ipv6-localhost-nodeports')));
    expect(chainById(v6, 'nat/KUBE-SEP-LIGRYQQLSZN4UWQ5')).toMatchObject({
      label: '[ff06::c1]:80',
      labelSource: 'comment',
    });
    const v6bare = buildGraph(parseSave(withoutComments(fixtureText('ipv6-localhost-nodeports'))));
    expect(chainById(v6bare, 'nat/KUBE-SVC-XPGD46QRK7WJZT7O').label).toBe('[fd00:ab34::20]:80/tcp');
    expect(chainById(v6bare, 'nat/KUBE-SEP-LIGRYQQLSZN4UWQ5').label).toBe('[ff06::c1]:80');
  });

  it('groups pre-1.24 KUBE-XLB chains with their Service', () => {
    const graph = buildGraph(parseSave(fixtureText('legacy-xlb-overall')));
    expect(chainById(graph, 'nat/KUBE-XLB-GNZBNJ2PO5MGZ6GT')).toMatchObject({
      role: 'external',
      label: 'ns2/svc2:p80',
      serviceKey: 'ns2/svc2:p80',
    });
  });
});

describe('chainRole', () => {
  it.each([
    ['KUBE-SERVICES', 'services'],
    ['KUBE-NODEPORTS', 'nodeports'],
    ['KUBE-SVC-I64SNEMOLCWHJHS3', 'service'],
    ['KUBE-SVL-XPGD46QRK7WJZT7O', 'local'],
    ['KUBE-EXT-GNZBNJ2PO5MGZ6GT', 'external'],
    ['KUBE-XLB-GNZBNJ2PO5MGZ6GT', 'external'],
    ['KUBE-FW-NUKIZ6OKUXPJNT4C', 'firewall'],
    ['KUBE-PROXY-FIREWALL', 'firewall'],
    ['KUBE-FIREWALL', 'firewall'],
    ['KUBE-SEP-MMWJ6M2J72TU3J64', 'endpoint'],
    ['KUBE-MARK-MASQ', 'mark'],
    ['KUBE-MARK-DROP', 'mark'],
    ['KUBE-POSTROUTING', 'postrouting'],
    ['KUBE-FORWARD', 'forward'],
    ['KUBE-EXTERNAL-SERVICES', 'filter'],
    ['KUBE-PROXY-CANARY', 'filter'],
    ['DOCKER', 'other'],
    ['cali-INPUT', 'other'],
  ])('%s is %s', (name, role) => {
    expect(chainRole(name)).toBe(role);
  });
});
