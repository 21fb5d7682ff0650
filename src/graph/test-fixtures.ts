/**
 * Rulesets and lookups the graph's tests share.
 */
import { KUBE_PROXY_FIXTURES } from '../domain/examples/kube-proxy-fixtures.ts';
import { SEED_SAVE } from '../domain/examples/seed.ts';
import type { Ruleset } from '../domain/model/ruleset.ts';
import { parseDump } from '../domain/parse/parse-dump.ts';
import type { ChainNode, Graph, GraphNode, HookTableNode } from './types.ts';

export function parseSave(text: string): Ruleset {
  const { ruleset, problems } = parseDump(text, { format: 'save' });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`dump has errors: ${errors.map((e) => e.message).join('; ')}`);
  return ruleset;
}

export const seedRuleset = (): Ruleset => parseSave(SEED_SAVE);

/** kube-proxy's own dump of that name (fixtures/kube-proxy/NAME.restore.txt). */
export function fixtureText(name: string): string {
  const fixture = KUBE_PROXY_FIXTURES.find((f) => f.name === name);
  if (!fixture) throw new Error(`no fixture ${name}`);
  return fixture.text;
}

/** The dump as kube-proxy writes it for a big cluster, or as a tool that strips comments leaves it. */
export const withoutComments = (text: string): string =>
  text.replace(/ -m comment --comment ("(?:[^"\\]|\\.)*"|\S+)/g, '');

export const chainNodes = (graph: Graph): ChainNode[] =>
  graph.nodes.filter((n): n is ChainNode => n.kind === 'chain');

export function nodeById(graph: Graph, id: string): GraphNode {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

export function chainById(graph: Graph, id: string): ChainNode {
  const node = nodeById(graph, id);
  if (node.kind !== 'chain') throw new Error(`${id} is a ${node.kind}`);
  return node;
}

export function hookById(graph: Graph, id: string): HookTableNode {
  const node = nodeById(graph, id);
  if (node.kind !== 'hook') throw new Error(`${id} is a ${node.kind}`);
  return node;
}

/** A Docker host's rules (no kube-proxy): what the dagre layout is for. */
export const DOCKER_SAVE = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN
COMMIT
`;
