/**
 * Kernel truth for the lab script (src/domain/env/lab-script.ts): the script exported for the
 * seed is run with bash, as a user would run it, with a `kpviz-<pid>-…` prefix. It must build
 * the node, the client and a namespace per pod, load the generated rules, and reach every pod
 * through the ClusterIP (from the node) and through the NodePort (from the client); and when it
 * ends, normally or killed, leave nothing behind: no namespace, no server process, and the
 * namespace it was started in exactly as it was.
 *
 * Run with `npm run test:kernel -- kernel/lab-script.kernel.test.ts` (root, iproute2, iptables,
 * python3).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labPlan } from '../src/domain/env/lab-plan.ts';
import { labScript } from '../src/domain/env/lab-script.ts';
import { SEED_ENVIRONMENT } from '../src/domain/env/seed-environment.ts';
import { CommandError, createNamespace, deleteNamespace, listNamespaces, run } from './netns.ts';
import { kernelSuite } from './suite.ts';

const namespaces = kernelSuite();
/** Requests per Service address: a pod of three is missed with probability (2/3)^40 ≈ 1e-7. */
const REQUESTS = 40;

const dir = mkdtempSync(join(tmpdir(), 'kpviz-lab-'));
const script = join(dir, 'lab.sh');
writeFileSync(script, labScript(SEED_ENVIRONMENT));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the script must not change: the starting namespace's links, addresses, routes, sysctls and rules. */
function startingNamespace(): string {
  const sysctls = ['ip_forward', 'conf/all/route_localnet'].map((key) =>
    run('cat', [`/proc/sys/net/ipv4/${key}`]),
  );
  const rules = run('iptables-save', [])
    .split('\n')
    .filter((l) => !l.startsWith('#'));
  return [
    run('ip', ['-o', 'link', 'show']),
    run('ip', ['-o', 'addr', 'show']),
    run('ip', ['route', 'show', 'table', 'all']),
    ...sysctls,
    ...rules,
  ].join('\n');
}

/** Deletes what a failed run left with `prefix`, and returns the names. */
function sweep(prefix: string): string[] {
  const left = listNamespaces().filter((n) => n.startsWith(prefix));
  for (const ns of left) {
    for (const pid of run('ip', ['netns', 'pids', ns]).split('\n').filter(Boolean)) {
      process.kill(Number(pid), 'SIGKILL');
    }
    deleteNamespace(ns);
  }
  return left;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const serverPids = (output: string): number[] =>
  [...output.matchAll(/\(server pid (\d+)\)/g)].map((m) => Number(m[1]));

describe('the seed’s lab script', () => {
  it('reaches every pod through the ClusterIP and the NodePort, then leaves nothing behind', () => {
    const prefix = `${namespaces.prefix}lab-`;
    const before = startingNamespace();
    const started = performance.now();
    let output: string;
    try {
      output = run('bash', [script, prefix, String(REQUESTS)], { timeoutMs: 60_000 });
    } catch (error) {
      const e = error as CommandError;
      throw new Error(`${e.message}\n--- stdout ---\n${e.stdout}`, { cause: error });
    } finally {
      expect(sweep(prefix)).toEqual([]);
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`lab script for the seed: ${seconds.toFixed(1)} s`);

    const answers = new Map<string, string[]>();
    for (const m of output.matchAll(/^\[(\w+) from (\w+)\] \S+ (\S+) answered by (\S+)$/gm)) {
      const key = `${m[1]} from ${m[2]} ${m[3]}`;
      answers.set(key, [...(answers.get(key) ?? []), m[4] ?? '']);
    }
    const pods = labPlan(SEED_ENVIRONMENT).pods.map((p) => p.name);
    for (const key of [
      'ClusterIP from node 10.254.198.92:80',
      'NodePort from client 192.168.0.11:32110',
    ]) {
      const got = answers.get(key) ?? [];
      expect(got, `${key}:\n${output}`).toHaveLength(REQUESTS);
      expect(new Set(got), key).toEqual(new Set(pods));
    }
    expect(output).toMatch(/^lab: cleaned up: 5 namespaces deleted$/m);
    const servers = serverPids(output);
    expect(servers).toHaveLength(3);
    expect(servers.filter(alive)).toEqual([]);
    expect(startingNamespace()).toBe(before);
  });

  it('cleans up when it is killed halfway', async () => {
    const prefix = `${namespaces.prefix}lab-killed-`;
    const child = spawn('bash', [script, prefix, '9999'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    // Once: a second TERM used to land in the middle of the cleanup it started.
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGTERM');
    };
    const status = await new Promise<number | null>((resolve) => {
      // Killed while the requests run (servers up, rules loaded), or after 20 s whatever it did.
      const timer = setTimeout(kill, 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('answered by')) kill();
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(output).toContain('answered by');
    expect(sweep(prefix), output).toEqual([]);
    expect(status).toBe(143);
    expect(output).toMatch(/^lab: cleaned up: 5 namespaces deleted$/m);
    expect(serverPids(output).filter(alive)).toEqual([]);
  });

  it('stops before touching a namespace it did not make', () => {
    const prefix = `${namespaces.prefix}lab-taken-`;
    createNamespace(`${prefix}node`);
    try {
      const error = (() => {
        try {
          run('bash', [script, prefix, '1']);
        } catch (e) {
          return e as CommandError;
        }
        throw new Error('the script ran over an existing namespace');
      })();
      expect(error.stderr).toContain(`namespace ${prefix}node exists already`);
      expect(error.stdout).toMatch(/^lab: cleaned up: 0 namespaces deleted$/m);
      expect(listNamespaces().filter((n) => n.startsWith(prefix))).toEqual([`${prefix}node`]);
    } finally {
      deleteNamespace(`${prefix}node`);
    }
  });
});
