import { readRuleText } from './rule-text.ts';
import { ruleComment, summariseRule } from './summarise-match.ts';
import { summariseTarget } from './summarise-target.ts';
import { probabilityPercent } from './summary-format.ts';

function rule(text: string) {
  const parsed = readRuleText(text);
  if (!parsed) throw new Error(`unreadable: ${text}`);
  return parsed;
}

describe('summariseRule', () => {
  const cases: { name: string; text: string; summary: string }[] = [
    {
      name: 'cluster IP jump: protocol and port first, then the address without /32',
      text: '-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "kube-system/kube-dns:dns-tcp cluster IP" -m tcp --dport 53 -j KUBE-SVC-ERIFXISQEP7F7OF4',
      summary: 'tcp dpt:53 dst 10.96.0.10',
    },
    {
      name: 'negated source network',
      text: '-A KUBE-SVC-X ! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m tcp --dport 443 -j KUBE-MARK-MASQ',
      summary: 'tcp dpt:443 ! src 10.244.0.0/16 dst 10.96.0.1',
    },
    {
      name: 'random split, from the probability the kernel holds',
      text: '-A KUBE-SVC-X -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-A',
      summary: 'random 33.3%',
    },
    {
      name: 'random split of one in two',
      text: '-A KUBE-SVC-X -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-A',
      summary: 'random 50%',
    },
    {
      name: 'nth mode',
      text: '-A X -m statistic --mode nth --every 3 --packet 1 -j ACCEPT',
      summary: 'nth every 3 packet 1',
    },
    {
      name: 'mark match',
      text: '-A KUBE-FORWARD -m mark --mark 0x4000/0x4000 -j ACCEPT',
      summary: 'mark 0x4000/0x4000',
    },
    {
      name: 'negated mark match',
      text: '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
      summary: '! mark 0x4000/0x4000',
    },
    {
      name: 'conntrack state',
      text: '-A KUBE-FORWARD -m conntrack --ctstate NEW -j ACCEPT',
      summary: 'ctstate NEW',
    },
    {
      name: 'negated conntrack state with addresses',
      text: '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
      summary: '! src 127.0.0.0/8 dst 127.0.0.0/8 ! ctstate RELATED,ESTABLISHED,DNAT',
    },
    {
      name: 'state module keeps its word',
      text: '-A X -p tcp -m state --state NEW -m tcp --dport 443 -j ACCEPT',
      summary: 'tcp dpt:443 state NEW',
    },
    {
      name: 'addrtype',
      text: '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
      summary: 'dst-type LOCAL',
    },
    {
      name: 'session affinity check',
      text: '-A KUBE-SVC-X -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-SXIVWICOYRO3J4NJ --mask 255.255.255.255 --rsource -j KUBE-SEP-SXIVWICOYRO3J4NJ',
      summary: 'recent rcheck 10800s KUBE-SEP-SXIVWICOYRO3J4NJ',
    },
    {
      name: 'session affinity record',
      text: '-A KUBE-SEP-X -p tcp -m recent --set --name KUBE-SEP-X --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.180.0.1:80',
      summary: 'tcp recent set KUBE-SEP-X',
    },
    {
      name: 'port range and interfaces',
      text: '-A X -i eth0 ! -o cni0 -p udp -m udp --dport 30000:32767 -j ACCEPT',
      summary: 'udp dpts:30000:32767 in eth0 ! out cni0',
    },
    {
      name: 'multiport list',
      text: '-A X -p tcp -m multiport --dports 80,443 -j ACCEPT',
      summary: 'tcp dports 80,443',
    },
    {
      name: 'ipset',
      text: '-A X -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE',
      summary: 'set KUBE-LOOP-BACK dst,dst,src',
    },
    {
      name: 'IPv6 host address loses /128',
      text: '-A KUBE-SERVICES ! -d ::1/128 -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
      summary: '! dst ::1 dst-type LOCAL',
    },
    {
      name: 'a protocol without port module',
      text: '-A KUBE-SEP-X -p tcp -m tcp -j DNAT --to-destination 10.244.1.5:8080',
      summary: 'tcp',
    },
    {
      name: 'protocol by number',
      text: '-A X -p 200 -j ACCEPT',
      summary: 'proto 200',
    },
    {
      name: 'limit: module options read without repeating the module',
      text: '-A X -m limit --limit 5/min --limit-burst 10 -j LOG',
      summary: 'limit 5/min burst 10',
    },
    {
      name: 'a module kpviz does not know stays verbatim',
      text: '-A X -m frobnicate --widget "a b" --level 3 -j ACCEPT',
      summary: '-m frobnicate --widget "a b" --level 3',
    },
    {
      name: 'no matches at all',
      text: '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
      summary: '',
    },
  ];
  it.each(cases)('$name', ({ text, summary }) => {
    expect(summariseRule(rule(text))).toBe(summary);
  });

  it('leaves the comment out of the summary and gives it apart', () => {
    const r = rule(
      '-A KUBE-SVC-X -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-A',
    );
    expect(summariseRule(r)).toBe('');
    expect(ruleComment(r)).toBe('ns1/svc1:p80 -> 10.180.0.1:80');
  });
});

describe('summariseTarget', () => {
  const cases: { name: string; text: string; summary: string | undefined }[] = [
    {
      name: 'DNAT',
      text: '-A X -p tcp -j DNAT --to-destination 10.244.1.5:8080',
      summary: 'to 10.244.1.5:8080',
    },
    {
      name: 'kube-proxy mark (or)',
      text: '-A X -j MARK --set-xmark 0x4000/0x4000',
      summary: 'or 0x4000',
    },
    { name: 'or-mark as written', text: '-A X -j MARK --or-mark 0x4000', summary: 'or 0x4000' },
    {
      name: 'clearing the mark (xor)',
      text: '-A X -j MARK --set-xmark 0x4000/0x0',
      summary: 'xor 0x4000',
    },
    { name: 'set', text: '-A X -j MARK --set-xmark 0x1/0xffffffff', summary: 'set 0x1' },
    { name: 'and', text: '-A X -j MARK --and-mark 0xff', summary: 'and 0xff' },
    {
      name: 'masquerade fully random',
      text: '-A X -j MASQUERADE --random-fully',
      summary: 'random-fully',
    },
    {
      name: 'reject',
      text: '-A X -j REJECT --reject-with icmp-port-unreachable',
      summary: 'with icmp-port-unreachable',
    },
    {
      name: 'log prefix keeps its spaces quoted',
      text: '-A X -j LOG --log-prefix "** NAT PREROUTING **"',
      summary: 'prefix "** NAT PREROUTING **"',
    },
    { name: 'a jump has none', text: '-A X -j KUBE-SERVICES', summary: undefined },
  ];
  it.each(cases)('$name', ({ text, summary }) => {
    const target = rule(text).target;
    expect(target && summariseTarget(target)).toBe(summary);
  });
});

describe('probabilityPercent', () => {
  it.each([
    ['0.33333', '33.3%'],
    ['0.25000000000', '25%'],
    ['0.00100000000', '0.1%'],
    ['1', '100%'],
  ])('%s → %s', (p, text) => {
    expect(probabilityPercent(p)).toBe(text);
  });
});
