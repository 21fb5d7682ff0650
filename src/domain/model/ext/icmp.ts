import { parseCUint } from './values.ts';

/**
 * libxt_icmp's names, in its table's order, with what each stands for:
 * `type` alone, or `type/code` for the names of a single code. `any` is type
 * 255, which iptables-save prints as `any` whatever the code.
 */
const ICMP_NAMES: readonly (readonly [string, string])[] = [
  ['any', 'any'],
  ['echo-reply', '0'],
  ['pong', '0'],
  ['destination-unreachable', '3'],
  ['network-unreachable', '3/0'],
  ['host-unreachable', '3/1'],
  ['protocol-unreachable', '3/2'],
  ['port-unreachable', '3/3'],
  ['fragmentation-needed', '3/4'],
  ['source-route-failed', '3/5'],
  ['network-unknown', '3/6'],
  ['host-unknown', '3/7'],
  ['network-prohibited', '3/9'],
  ['host-prohibited', '3/10'],
  ['TOS-network-unreachable', '3/11'],
  ['TOS-host-unreachable', '3/12'],
  ['communication-prohibited', '3/13'],
  ['host-precedence-violation', '3/14'],
  ['precedence-cutoff', '3/15'],
  ['source-quench', '4'],
  ['redirect', '5'],
  ['network-redirect', '5/0'],
  ['host-redirect', '5/1'],
  ['TOS-network-redirect', '5/2'],
  ['TOS-host-redirect', '5/3'],
  ['echo-request', '8'],
  ['ping', '8'],
  ['router-advertisement', '9'],
  ['router-solicitation', '10'],
  ['time-exceeded', '11'],
  ['ttl-exceeded', '11'],
  ['ttl-zero-during-transit', '11/0'],
  ['ttl-zero-during-reassembly', '11/1'],
  ['parameter-problem', '12'],
  ['ip-header-bad', '12/0'],
  ['required-option-missing', '12/1'],
  ['timestamp-request', '13'],
  ['timestamp-reply', '14'],
  ['address-mask-request', '17'],
  ['address-mask-reply', '18'],
];

/**
 * `--icmp-type` as iptables-save prints it. Like libxt_icmp, a name may be
 * cut short and written in any case as long as it names one entry
 * (`HOST-PROHIB` → `3/10`; `echo` is ambiguous); otherwise `type[/code]` in C
 * numbers. Type 255 prints as `any`.
 */
export function icmpType(text: string): string | undefined {
  const lower = text.toLowerCase();
  const named = ICMP_NAMES.filter(([name]) => name.toLowerCase().startsWith(lower));
  if (named.length > 1) return undefined;
  if (named.length === 1) return (named[0] as readonly [string, string])[1];
  const [typeText = '', codeText, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const type = parseCUint(typeText, 255);
  const code = codeText === undefined ? undefined : parseCUint(codeText, 255);
  if (type === undefined || (codeText !== undefined && code === undefined)) return undefined;
  if (type === 255) return 'any';
  return code === undefined ? String(type) : `${type}/${code}`;
}
