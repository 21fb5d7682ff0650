import { commentOf, optionLists, optionOf, ruleOf, statesOf, targetOf } from './narration-text.ts';

const SEP_MASQ =
  '-A KUBE-SEP-ABC -s 10.244.1.5/32 -m comment --comment "default/web:http" -j KUBE-MARK-MASQ';
/** A comment that reads like options: it is still a comment. */
const TRICKY =
  '-A KUBE-POSTROUTING -m comment --comment "not -j DROP, no --mark 0x1 here \\"quoted\\"" -j RETURN';

describe('the narration reads a rule’s parts through the parser', () => {
  it('finds the target, not words of the comment that look like one', () => {
    expect(ruleOf(TRICKY)).toBeDefined();
    expect(targetOf(SEP_MASQ)).toBe('KUBE-MARK-MASQ');
    expect(targetOf(TRICKY)).toBe('RETURN');
    expect(optionOf(TRICKY, 'mark')).toBeUndefined();
    expect(commentOf(TRICKY)).toBe('not -j DROP, no --mark 0x1 here "quoted"');
  });

  it('reads the one-letter options from their fields and module options with their negation', () => {
    expect(optionOf(SEP_MASQ, 's')).toEqual({ negated: false, value: '10.244.1.5/32' });
    expect(optionOf(SEP_MASQ, 'd')).toBeUndefined();
    // A target's options too.
    const reject =
      '-A KUBE-SERVICES -d 10.96.0.11/32 -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable';
    expect(optionOf(reject, 'reject-with')).toEqual({
      negated: false,
      value: 'icmp-port-unreachable',
    });
    const postrouting = '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN';
    expect(optionOf(postrouting, 'mark')).toEqual({ negated: true, value: '0x4000/0x4000' });
    const svc =
      '-A KUBE-SVC-X ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-MARK-MASQ';
    expect(optionOf(svc, 's')).toEqual({ negated: true, value: '10.244.0.0/16' });
    expect(optionOf(svc, 'dport')).toEqual({ negated: false, value: '80' });
    const affinity =
      '-A KUBE-SVC-X -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-Y --mask 255.255.255.255 --rsource -j KUBE-SEP-Y';
    expect(optionOf(affinity, 'rcheck')).toEqual({ negated: false, value: '' });
    expect(optionOf(affinity, 'seconds')?.value).toBe('10800');
  });

  it('reads lists of values, and a negated list asks for none of them', () => {
    const local = '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS';
    expect(optionLists(local, 'dst-type', 'LOCAL')).toBe(true);
    const notLocal = '-A KUBE-SERVICES -m addrtype ! --dst-type LOCAL -j KUBE-NODEPORTS';
    expect(optionOf(notLocal, 'dst-type')).toEqual({ negated: true, value: 'LOCAL' });
    expect(optionLists(notLocal, 'dst-type', 'LOCAL')).toBe(false);
    const forward = '-A KUBE-FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT';
    expect([...statesOf(forward)]).toEqual(['RELATED', 'ESTABLISHED']);
    expect([...statesOf('-A F -m state --state INVALID -j DROP')]).toEqual(['INVALID']);
    const notInvalid = '-A F -m conntrack ! --ctstate INVALID -j ACCEPT';
    expect(optionOf(notInvalid, 'ctstate')?.negated).toBe(true);
    expect(statesOf(notInvalid).size).toBe(0);
    // A comment that names a state is not one.
    const commented = '-A F -m comment --comment "INVALID" -j DROP';
    expect(targetOf(commented)).toBe('DROP');
    expect(statesOf(commented).size).toBe(0);
  });

  it('reads nothing from text that is not a rule', () => {
    expect(ruleOf(undefined)).toBeUndefined();
    expect(ruleOf('-A X -m comment --comment "never closed -j ACCEPT')).toBeUndefined();
    expect(ruleOf('-A X --no-such-option 1 -j ACCEPT')).toBeUndefined();
    expect(targetOf('-A X -s not-an-address -j ACCEPT')).toBeUndefined();
  });
});
