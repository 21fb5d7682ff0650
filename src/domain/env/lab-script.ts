/**
 * labScript: a bash script that builds an environment out of Linux network namespaces, loads
 * the rules kube-proxy writes for it, and sends HTTP requests to its Services, printing which
 * pod answered each. A pure string builder: nothing here runs it.
 */
import type { Environment } from './environment.ts';
import { generateEnvironmentRules } from './generate-environment.ts';
import { labPlan } from './lab-plan.ts';
import type { LabPlan } from './lab-plan.ts';
import { HTTP_CLIENT, POD_SERVER, POSTLUDE, PRELUDE } from './lab-script-parts.ts';

/** The heredoc's end word: no line of iptables-restore input can be it. */
const RULES_END = 'KPVIZ_RULES';

/** A word bash reads back as exactly `text`: single-quoted unless plainly safe. */
export function shellQuote(text: string): string {
  if (/^[A-Za-z0-9_./:@%+=-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const command = (...words: readonly string[]): string => words.map(shellQuote).join(' ');

function header(env: Environment, plan: LabPlan): string {
  const pods = plan.pods.map(
    (p) => `#   pod     ${p.name} ${p.ip} (ports ${p.ports.join(', ') || 'none'})`,
  );
  return [
    '#!/usr/bin/env bash',
    `# kpviz lab: ${env.services.length} Service(s) on node ${env.node.nodeName}, with the rules kube-proxy`,
    `# (profile ${env.node.profile}) writes, built of Linux network namespaces:`,
    '#',
    `#   node    ${env.node.nodeIPs.join(', ')}: kube-proxy's rules, ip_forward${plan.routeLocalnet ? ', route_localnet' : ''}`,
    `#   client  ${plan.clientIP}: the outside world, and the node's gateway`,
    ...pods,
    '#',
    '# Every pod hangs off the node by a veth pair, wherever its nodeName puts it; a pod answers',
    '# HTTP requests with its name. ClusterIPs are tried from the node, everything else from the',
    '# client.',
    '#',
    '# Usage: sudo bash lab.sh [PREFIX [REQUESTS]]',
    '#   PREFIX    the start of every namespace name (default kpviz-lab-)',
    '#   REQUESTS  requests per Service address (default 20)',
    '# Needs root, iproute2, iptables and python3. Everything happens in namespaces named',
    '# PREFIX…: the interfaces, rules and sysctls of the namespace it is started in are never',
    '# touched. On exit (even after an error or Ctrl-C) it stops the servers and deletes those',
    '# namespaces; from a terminal it first waits for Enter.',
  ].join('\n');
}

function topology(env: Environment, plan: LabPlan): string[] {
  const hosts = env.node.nodeIPs.map((ip) => shellQuote(`${ip}/32`));
  const lines = [
    '',
    '# The node and the client, joined by a veth pair; routes need their device up.',
    'add_namespace "$NODE"',
    'add_namespace "$CLIENT"',
    'ip -n "$NODE" link add eth0 type veth peer name eth0 netns "$CLIENT"',
    ...hosts.map((host) => `ip -n "$NODE" addr add ${host} dev eth0`),
    'ip -n "$NODE" link set eth0 up',
    'ip -n "$CLIENT" addr add "$CLIENT_IP/32" dev eth0',
    'ip -n "$CLIENT" link set eth0 up',
    'ip -n "$NODE" route add "$CLIENT_IP/32" dev eth0',
    // A node's own connection to a ClusterIP needs a route before OUTPUT's DNAT is reached.
    'ip -n "$NODE" route add default via "$CLIENT_IP" dev eth0 onlink',
    ...hosts.map((host) => `ip -n "$CLIENT" route add ${host} dev eth0`),
    'ip -n "$CLIENT" route add default via "$NODE_IP" dev eth0',
    'sysctl_in "$NODE" ip_forward 1',
  ];
  if (plan.routeLocalnet) lines.push('sysctl_in "$NODE" conf/all/route_localnet 1');
  lines.push('', '# One namespace per pod, each with a server answering its name.');
  plan.pods.forEach((pod, i) => {
    lines.push(`add_pod ${command(String(i + 1), pod.name, pod.ip, ...pod.ports.map(String))}`);
  });
  plan.pods.forEach((pod, i) => {
    if (pod.ports.length > 0)
      lines.push(`wait_ports ${command(String(i + 1), ...pod.ports.map(String))}`);
  });
  return lines;
}

function requests(plan: LabPlan): string[] {
  const lines = ['', '# Requests to every Service address.'];
  for (const t of plan.targets) {
    const ns = t.from === 'node' ? '"$NODE"' : '"$CLIENT"';
    lines.push(`try ${command(t.path, t.from)} ${ns} ${command(t.service, t.ip, String(t.port))}`);
  }
  for (const s of plan.skipped)
    lines.push(`echo ${shellQuote(`lab: ${s} not tried: the pods answer HTTP over TCP only`)}`);
  return lines;
}

/**
 * The lab script for a valid environment; throws when validateEnvironment finds problems.
 *
 * @example
 * writeFile('lab.sh', labScript(SEED_ENVIRONMENT)); // then: sudo bash lab.sh
 */
export function labScript(env: Environment): string {
  const rules = generateEnvironmentRules(env);
  if (!rules.ok) {
    const list = rules.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new Error(`the environment has problems, so there is no lab script: ${list}`);
  }
  const plan = labPlan(env);
  const restore = rules.restore.endsWith('\n') ? rules.restore : `${rules.restore}\n`;
  return [
    header(env, plan),
    PRELUDE,
    `NODE_IP=${shellQuote(env.node.nodeIPs[0] ?? '')}`,
    `CLIENT_IP=${shellQuote(plan.clientIP)}`,
    `POD_SERVER=$(cat <<'PY'\n${POD_SERVER}\nPY\n)`,
    `HTTP_CLIENT=$(cat <<'PY'\n${HTTP_CLIENT}\nPY\n)`,
    ...topology(env, plan),
    '',
    "# kube-proxy's rules (with the jumps it adds to the built-in chains) in the node.",
    `ip netns exec "$NODE" iptables-restore <<'${RULES_END}'`,
    `${restore}${RULES_END}`,
    'echo "lab: rules loaded into $NODE"',
    ...requests(plan),
    POSTLUDE,
  ].join('\n');
}
