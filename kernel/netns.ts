/**
 * Helpers for the kernel-truth tests: network namespaces that the tests create and delete, and
 * iptables-restore / iptables-save run inside them.
 *
 * Safety: every namespace these helpers create or delete is named `kpviz-…`; nothing here
 * touches the root namespace's rules, sysctls or interfaces. Commands are spawned with argument
 * vectors (never a shell string), so no input is ever interpreted by a shell.
 *
 * Later work (a node / client / sink topology with veth pairs, sending packets) builds on
 * `runIn`, `createNamespace` and `TestNamespaces`: a veth pair must be created inside one of our
 * namespaces and its far end moved into another of ours, never into the root namespace.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Every namespace the kernel-truth tests create starts with this. */
export const NAMESPACE_PREFIX = 'kpviz-';

/** Binaries the kernel-truth tests need, and the Debian package that brings each. */
export const REQUIRED_TOOLS: readonly { readonly bin: string; readonly pkg: string }[] = [
  { bin: 'ip', pkg: 'iproute2' },
  { bin: 'iptables-restore', pkg: 'iptables' },
  { bin: 'iptables-save', pkg: 'iptables' },
  { bin: 'ip6tables-restore', pkg: 'iptables' },
  { bin: 'ip6tables-save', pkg: 'iptables' },
  { bin: 'conntrack', pkg: 'conntrack' },
  // The probe harness (kernel/probe.ts): its own nft table, and the packet sender.
  { bin: 'nft', pkg: 'nftables' },
  { bin: 'python3', pkg: 'python3' },
];

const NAME_RE = /^kpviz-[A-Za-z0-9][A-Za-z0-9_.-]*$/;
// `ip` and iptables live in sbin, which a non-login PATH may lack.
const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/local/bin', '/usr/bin', '/bin'];
const MAX_OUTPUT = 256 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/** A command that exited non-zero (or could not be started), with what it wrote to stderr. */
export class CommandError extends Error {
  constructor(
    readonly command: readonly string[],
    readonly status: number | null,
    readonly stderr: string,
    readonly stdout: string,
  ) {
    super(
      `${command.join(' ')} failed (${status === null ? 'not started / killed' : `exit ${status}`})` +
        (stderr.trim() ? `:\n${stderr.trimEnd()}` : ''),
    );
    this.name = 'CommandError';
  }
}

/** The absolute path of `bin` on PATH or in the usual sbin/bin directories, if executable. */
export function findBinary(bin: string): string | undefined {
  if (bin.includes('/')) return bin;
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, bin);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface RunOptions {
  /** Written to the command's stdin. */
  readonly input?: string;
  readonly timeoutMs?: number;
}

/** Run `cmd args…` (no shell); return stdout, or throw a CommandError carrying stderr. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): string {
  const exe = findBinary(cmd) ?? cmd;
  const result = spawnSync(exe, args, {
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: MAX_OUTPUT,
    timeout: opts.timeoutMs ?? TIMEOUT_MS,
    // A predictable environment: C locale (no translated messages), full sbin PATH.
    env: {
      ...process.env,
      LC_ALL: 'C',
      PATH: [process.env.PATH ?? '', ...EXTRA_DIRS].filter(Boolean).join(delimiter),
    },
  });
  if (result.error) {
    throw new CommandError([cmd, ...args], null, String(result.error.message), '');
  }
  if (result.status !== 0) {
    throw new CommandError([cmd, ...args], result.status, result.stderr, result.stdout);
  }
  return result.stdout;
}

function checkName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw new Error(
      `refusing namespace name ${JSON.stringify(name)}: it must match ${String(NAME_RE)}`,
    );
  }
}

/** Names of the network namespaces `ip netns list` shows. */
export function listNamespaces(): string[] {
  return run('ip', ['netns', 'list'])
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** Create a network namespace (`kpviz-…` names only); its loopback is brought up. */
export function createNamespace(name: string): void {
  checkName(name);
  run('ip', ['netns', 'add', name]);
  try {
    run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (err) {
    deleteNamespace(name);
    throw err;
  }
}

/** Delete a namespace we created; a namespace that is already gone is not an error. */
export function deleteNamespace(name: string): void {
  checkName(name);
  try {
    run('ip', ['netns', 'delete', name]);
  } catch (err) {
    if (!listNamespaces().includes(name)) return;
    throw err;
  }
}

/** Run a command inside namespace `ns` (`ip netns exec`); stdout, or a CommandError. */
export function runIn(
  ns: string,
  cmd: string,
  args: readonly string[] = [],
  opts: RunOptions = {},
): string {
  checkName(ns);
  return run('ip', ['netns', 'exec', ns, findBinary(cmd) ?? cmd, ...args], opts);
}

/** 4: iptables-restore / iptables-save; 6: ip6tables-restore / ip6tables-save. */
export type Family = 4 | 6;

const tool = (family: Family | undefined, what: 'restore' | 'save') =>
  `${family === 6 ? 'ip6tables' : 'iptables'}-${what}`;

export interface RestoreOptions {
  /** 6: load with ip6tables-restore (default 4: iptables-restore). */
  readonly family?: Family;
  /** `--noflush`: add to the tables instead of replacing them (off by default). */
  readonly noflush?: boolean;
  /** `--counters`: take the `[packets:bytes]` in the text into the kernel. */
  readonly counters?: boolean;
}

/**
 * Load `text` into the namespace's tables with `iptables-restore` (or ip6tables-restore) (text on stdin). By default
 * each table named in the text is flushed and replaced, as kube-proxy does. Note: when a later
 * table of the text fails, earlier tables may already be committed; use a fresh namespace.
 */
export function iptablesRestore(ns: string, text: string, opts: RestoreOptions = {}): void {
  const args: string[] = [];
  if (opts.noflush) args.push('--noflush');
  if (opts.counters) args.push('--counters');
  runIn(ns, tool(opts.family, 'restore'), args, { input: text });
}

export interface SaveOptions {
  /** 6: ip6tables-save (default 4: iptables-save). */
  readonly family?: Family;
  /** `-c`: print `[packets:bytes]` before each rule. */
  readonly counters?: boolean;
  /** `-t TABLE`: only this table (printed even when the namespace never used it). */
  readonly table?: string;
}

/** `iptables-save` (or ip6tables-save) inside the namespace, exactly as it printed it. */
export function iptablesSave(ns: string, opts: SaveOptions = {}): string {
  const args: string[] = [];
  if (opts.counters) args.push('-c');
  if (opts.table !== undefined) args.push('-t', opts.table);
  return runIn(ns, tool(opts.family, 'save'), args);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Delete `kpviz-<pid>-…` / `kpviz-probe-<pid>` namespaces whose creating process is gone (left
 * behind by a crashed run). Namespaces of a run that is still going are left alone. Returns the
 * names deleted.
 */
export function cleanupStaleNamespaces(): string[] {
  const deleted: string[] = [];
  for (const name of listNamespaces()) {
    const m = /^kpviz-(?:probe-)?(\d+)(?:-|$)/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    deleteNamespace(name);
    deleted.push(name);
  }
  return deleted;
}

/**
 * The namespaces of one test file: unique names `kpviz-<pid>-<label>`, all deleted by
 * `deleteAll()` (call it from afterAll, so a failing test still cleans up).
 */
export class TestNamespaces {
  readonly prefix = `${NAMESPACE_PREFIX}${process.pid}-`;
  private readonly live = new Set<string>();
  private counter = 0;

  /** Create a namespace `kpviz-<pid>-<label>-<n>` and return its name. */
  create(label = 'ns'): string {
    const name = `${this.prefix}${label}-${++this.counter}`;
    createNamespace(name);
    this.live.add(name);
    return name;
  }

  delete(name: string): void {
    deleteNamespace(name);
    this.live.delete(name);
  }

  /** Create a namespace, run `fn` in it, and delete it whatever happens. */
  with<T>(label: string, fn: (ns: string) => T): T {
    const ns = this.create(label);
    try {
      return fn(ns);
    } finally {
      this.delete(ns);
    }
  }

  /** Delete every namespace this object created that still exists; returns the errors. */
  deleteAll(): Error[] {
    const errors: Error[] = [];
    for (const name of [...this.live]) {
      try {
        this.delete(name);
      } catch (err) {
        errors.push(err as Error);
      }
    }
    return errors;
  }
}

/**
 * What stops the kernel-truth tests from running here, in words a developer can act on; empty
 * when everything is in place. Probes `ip netns add` with a throw-away namespace.
 */
export function kernelToolsMissing(): string[] {
  const missing: string[] = [];
  if (process.platform !== 'linux') {
    missing.push(`not Linux (platform ${process.platform}): network namespaces need Linux`);
    return missing;
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    missing.push(`not root (uid ${process.getuid()}): ip netns and iptables need root`);
  }
  for (const { bin, pkg } of REQUIRED_TOOLS) {
    if (!findBinary(bin)) missing.push(`no \`${bin}\` on PATH (install the ${pkg} package)`);
  }
  if (missing.length > 0) return missing;

  const probe = `${NAMESPACE_PREFIX}probe-${process.pid}`;
  try {
    run('ip', ['netns', 'add', probe]);
  } catch (err) {
    missing.push(`\`ip netns add ${probe}\` is not permitted: ${(err as Error).message}`);
    return missing;
  }
  try {
    runIn(probe, 'iptables-restore', [], { input: '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n' });
  } catch (err) {
    missing.push(`iptables-restore fails inside a namespace: ${(err as Error).message}`);
  } finally {
    try {
      deleteNamespace(probe);
    } catch (err) {
      missing.push(`could not delete probe namespace ${probe}: ${(err as Error).message}`);
    }
  }
  return missing;
}
