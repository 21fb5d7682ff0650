import { readFileSync } from 'node:fs';
import { environmentNodeOf } from '../domain/env/from-objects.ts';
import { labScript } from '../domain/env/lab-script.ts';
import { validateEnvironment } from '../domain/env/validate.ts';
import { NODE_LINE_PREFIX } from '../domain/env/yaml-export.ts';
import { environmentFromYaml } from '../domain/env/yaml-import.ts';
import type { Args, FlagSpec } from './args.ts';
import { GENERATE_FLAGS, nodeSettings } from './generate-command.ts';
import type { Io } from './io.ts';

const USAGE =
  'usage: kpviz lab --manifests FILE|- [--profile current|legacy] [--node-name N] [--node-ip IP]…\n' +
  '         [--cluster-cidr CIDR] [--masquerade-all] [--masquerade-bit N] [--random-fully]\n';

/** generate's flags, less --as: the script always loads restore text. */
export const LAB_FLAGS: FlagSpec = {
  ...GENERATE_FLAGS,
  valued: new Set([...GENERATE_FLAGS.valued].filter((flag) => flag !== 'as')),
};

const NODE_FLAGS = [...LAB_FLAGS.valued, ...LAB_FLAGS.switches].filter((f) => f !== 'manifests');

/**
 * `kpviz lab --manifests FILE|- [node flags]`: print the bash script that builds the manifests'
 * Services and pods in network namespaces, loads kube-proxy's rules for them and sends requests
 * (src/domain/env/lab-script.ts). The node comes from the flags, as for `generate`, unless the
 * file has the `# kpviz-node:` line the app's YAML export writes. Problems go to stderr, and then
 * no script is printed: exit 1; bad usage: exit 2.
 */
export function labCommand(args: Args, io: Io): number {
  const file = args.flags.get('manifests');
  if (args.unknown.length > 0 || args.positionals.length > 0 || typeof file !== 'string') {
    const extra = [...args.unknown, ...args.positionals];
    io.err(`${extra.length > 0 ? `kpviz lab: unexpected ${extra.join(', ')}\n` : ''}${USAGE}`);
    return 2;
  }
  const node = nodeSettings(args);
  if (typeof node === 'string') {
    io.err(`kpviz lab: ${node}\n`);
    return 2;
  }
  let text: string;
  try {
    text = file === '-' ? io.readStdin() : readFileSync(file, 'utf8');
  } catch (error) {
    io.err(`kpviz lab: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const name = file === '-' ? '<stdin>' : file;
  const given = NODE_FLAGS.filter((flag) => args.flags.has(flag));
  if (given.length > 0 && text.split('\n').some((l) => l.startsWith(NODE_LINE_PREFIX))) {
    io.err(
      `${name}: warning: the file's kpviz-node line sets the node; --${given.join(', --')} ignored\n`,
    );
  }
  const { environment, problems } = environmentFromYaml(text, environmentNodeOf(node));
  for (const p of problems) {
    const severity = p.severity === 'warning' ? 'warning: ' : '';
    io.err(`${name}:${p.line}:${p.column}: ${severity}${p.message}\n`);
  }
  const invalid = environment ? validateEnvironment(environment).problems : [];
  for (const p of invalid) io.err(`${name}: ${p.path}: ${p.message}\n`);
  if (!environment || invalid.length > 0) {
    io.err('kpviz lab: no script written: fix the errors above first\n');
    return 1;
  }
  io.out(labScript(environment));
  return 0;
}
