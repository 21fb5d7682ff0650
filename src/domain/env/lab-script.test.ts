import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Environment } from './environment.ts';
import { generateEnvironmentRules } from './generate-environment.ts';
import { labPlan } from './lab-plan.ts';
import { labScript, shellQuote } from './lab-script.ts';
import { SEED_ENVIRONMENT } from './seed-environment.ts';
import { RICH_ENVIRONMENT } from './test-environments.ts';

describe('labPlan', () => {
  it('gives each pod a namespace and tries the seed’s ClusterIP from the node, its NodePort from the client', () => {
    const plan = labPlan(SEED_ENVIRONMENT);
    expect(plan.pods).toEqual([
      { name: 'default/nginx-service-nodeport-1', ip: '172.17.0.2', ports: [80] },
      { name: 'default/nginx-service-nodeport-2', ip: '172.17.0.3', ports: [80] },
      { name: 'default/nginx-service-nodeport-3', ip: '172.17.0.4', ports: [80] },
    ]);
    expect(plan.targets).toEqual([
      {
        path: 'ClusterIP',
        from: 'node',
        ip: '10.254.198.92',
        port: 80,
        service: 'default/nginx-service-nodeport',
      },
      {
        path: 'NodePort',
        from: 'client',
        ip: '192.168.0.11',
        port: 32110,
        service: 'default/nginx-service-nodeport',
      },
    ]);
    expect(plan.clientIP).toBe('198.18.0.2');
    expect(plan.routeLocalnet).toBe(true);
  });

  it('tries external and load-balancer IPs, skips UDP, and merges a pod behind two Services', () => {
    const plan = labPlan(RICH_ENVIRONMENT);
    expect(plan.targets.map((t) => `${t.path} ${t.from} ${t.ip}:${t.port}`)).toEqual([
      'ClusterIP node 10.254.198.92:80',
      'NodePort client 192.168.0.11:32110',
      'ClusterIP node 10.96.0.20:80',
      'NodePort client 192.168.0.11:30080',
      'externalIP client 203.0.113.7:80',
      'LoadBalancer client 192.0.2.10:80',
      'ClusterIP node 10.96.0.21:8080',
    ]);
    expect(plan.skipped).toEqual(['shop/web:dns (UDP)']);
    expect(plan.pods.find((p) => p.name === 'shop/web-a')?.ports).toEqual([8080]);
    expect(plan.pods).toHaveLength(6);
    expect(plan.routeLocalnet).toBe(false);
  });

  it('picks a client address nobody uses', () => {
    const env: Environment = {
      ...SEED_ENVIRONMENT,
      node: { ...SEED_ENVIRONMENT.node, nodeIPs: ['198.18.0.2'] },
    };
    expect(labPlan(env).clientIP).toBe('198.18.0.3');
  });
});

describe('labScript', () => {
  const script = labScript(SEED_ENVIRONMENT);
  const lines = script.split('\n');

  it('loads exactly the generated rules in the node', () => {
    const rules = generateEnvironmentRules(SEED_ENVIRONMENT);
    if (!rules.ok) throw new Error('the seed is valid');
    expect(script).toContain(
      `ip netns exec "$NODE" iptables-restore <<'KPVIZ_RULES'\n${rules.restore}KPVIZ_RULES\n`,
    );
  });

  it('runs every network command inside a namespace of its own', () => {
    const outsideHeredocs: string[] = [];
    let inHeredoc: string | undefined;
    for (const line of lines) {
      if (inHeredoc !== undefined) {
        if (line === inHeredoc) inHeredoc = undefined;
        continue;
      }
      const heredoc = /<<'(\w+)'/.exec(line);
      if (heredoc) inHeredoc = heredoc[1];
      outsideHeredocs.push(line.trim());
    }
    // Comments, messages and the check that the tools exist name commands without running them.
    const commands = outsideHeredocs.filter(
      (l) => !/^(#|echo |for tool in )/.test(l) && !l.includes('command -v'),
    );
    for (const line of commands.filter((l) => /(^|[\s(])ip\s/.test(l))) {
      expect(line).toMatch(/(^|[\s(])ip (-n "\$\w+"|netns (add|delete|pids|exec) "\$\w+")/);
    }
    for (const tool of ['iptables-restore', 'iptables-save', 'tee', 'curl', '"$PY"']) {
      for (const line of commands.filter(
        (l) => l.includes(`${tool} `) && !l.includes('command -v'),
      )) {
        expect(line).toMatch(/ip netns exec "\$\w+" /);
      }
    }
    expect(script).not.toMatch(/\bsysctl -w\b|\bmodprobe\b/);
  });

  it('deletes only the namespaces it made, however it ends', () => {
    expect(script).toContain('trap cleanup EXIT');
    expect(script).toMatch(/NAMESPACES\+=\("\$1"\)/);
    expect(script).toMatch(/for ns in \$\{NAMESPACES\[@\]\+"\$\{NAMESPACES\[@\]\}"\}; do/);
  });

  it('is bash that parses', () => {
    const result = spawnSync('bash', ['-n'], {
      input: labScript(RICH_ENVIRONMENT),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses an invalid environment, saying why', () => {
    const env = {
      ...SEED_ENVIRONMENT,
      services: [{ ...SEED_ENVIRONMENT.services[0]!, clusterIP: '' }],
    };
    expect(() => labScript(env)).toThrow(/services\[0\]\.clusterIP: an IP address is required/);
  });
});

describe('shellQuote', () => {
  it.each([
    ['default/web-1', 'default/web-1'],
    ['10.0.0.1/32', '10.0.0.1/32'],
    ['', "''"],
    ['a b', "'a b'"],
    ["it's", `'it'\\''s'`],
    ['$(reboot)', "'$(reboot)'"],
  ])('%j → %s', (text, quoted) => {
    expect(shellQuote(text)).toBe(quoted);
  });

  it('gives bash back the text it quoted', () => {
    const text = `a 'b' "c" $d \`e\` \\f\n!g`;
    const result = spawnSync('bash', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' });
    expect(result.stdout).toBe(text);
  });
});
