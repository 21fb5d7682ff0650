import { describe, expect, it } from 'vitest';
import type { TableName } from '../model/names.ts';
import type { Problem } from '../model/problem.ts';
import { parseDump } from './parse-dump.ts';
import { serializeRule } from './serialize-save.ts';

interface ListingCase {
  readonly name: string;
  /** A rule line of `iptables -nL` (target prot opt source destination text). */
  readonly listing: string;
  /** The same rule as iptables-save prints it, after `-A TEST`. */
  readonly save: string;
  readonly table?: TableName;
  /** Warnings the listing line is expected to raise (as message fragments). */
  readonly warnings?: readonly RegExp[];
}

/** The listing line read in a user chain TEST, and the iptables-save line read the same way. */
function readBoth(c: ListingCase): {
  listed: string | undefined;
  saved: string | undefined;
  listingProblems: readonly Problem[];
  saveProblems: readonly Problem[];
} {
  const table = c.table ?? 'filter';
  const listing = parseDump(
    `Chain TEST (0 references)\ntarget     prot opt source               destination\n${c.listing}\n`,
    {
      format: 'listing',
      table,
    },
  );
  const save = parseDump(`*${table}\n:TEST - [0:0]\n-A TEST ${c.save}\nCOMMIT\n`);
  const listed = listing.ruleset.tables[0]?.chains[0]?.rules[0];
  const saved = save.ruleset.tables[0]?.chains[0]?.rules[0];
  return {
    listed: listed && serializeRule(listed, 'TEST'),
    saved: saved && serializeRule(saved, 'TEST'),
    listingProblems: listing.problems,
    saveProblems: save.problems,
  };
}

function expectSameRule(c: ListingCase): void {
  const { listed, saved, listingProblems, saveProblems } = readBoth(c);
  expect(saveProblems).toEqual([]);
  expect(listingProblems.filter((p) => p.severity === 'error')).toEqual([]);
  const warnings = listingProblems.filter((p) => p.severity === 'warning').map((p) => p.message);
  expect(warnings).toHaveLength(c.warnings?.length ?? 0);
  c.warnings?.forEach((w, i) => expect(warnings[i]).toMatch(w));
  expect(listed).toBeDefined();
  expect(listed).toBe(saved);
}

const any = '0.0.0.0/0            0.0.0.0/0           ';

/** libxt_*.c print functions (iptables 1.8) against their save functions. */
const MATCH_CASES: ListingCase[] = [
  {
    name: 'comment',
    listing: `ACCEPT     all  --  ${any} /* default/web:http cluster IP */`,
    save: '-m comment --comment "default/web:http cluster IP" -j ACCEPT',
  },
  {
    name: 'empty comment',
    listing: `ACCEPT     all  --  ${any} /*  */`,
    save: '-m comment --comment "" -j ACCEPT',
  },
  {
    name: 'comment with a slash-star inside',
    listing: `ACCEPT     all  --  ${any} /* a /* b */`,
    save: '-m comment --comment "a /* b" -j ACCEPT',
  },
  {
    name: 'two comments',
    listing: `ACCEPT     all  --  ${any} /* a */ /* b */`,
    save: '-m comment --comment a -m comment --comment b -j ACCEPT',
  },
  {
    name: 'tcp dpt',
    listing: `ACCEPT     tcp  --  ${any} tcp dpt:80`,
    save: '-p tcp -m tcp --dport 80 -j ACCEPT',
  },
  {
    name: 'tcp spt',
    listing: `ACCEPT     tcp  --  ${any} tcp spt:1024`,
    save: '-p tcp -m tcp --sport 1024 -j ACCEPT',
  },
  {
    name: 'tcp dpts',
    listing: `ACCEPT     tcp  --  ${any} tcp dpts:80:90`,
    save: '-p tcp -m tcp --dport 80:90 -j ACCEPT',
  },
  {
    name: 'tcp spts and dpt',
    listing: `ACCEPT     tcp  --  ${any} tcp spts:1024:65535 dpt:443`,
    save: '-p tcp -m tcp --sport 1024:65535 --dport 443 -j ACCEPT',
  },
  {
    name: 'tcp negated dpt',
    listing: `ACCEPT     tcp  --  ${any} tcp dpt:!80`,
    save: '-p tcp -m tcp ! --dport 80 -j ACCEPT',
  },
  {
    name: 'tcp negated dpts',
    listing: `ACCEPT     tcp  --  ${any} tcp dpts:!80:90`,
    save: '-p tcp -m tcp ! --dport 80:90 -j ACCEPT',
  },
  {
    name: 'tcp service name (no -n)',
    listing: `ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:https`,
    save: '-p tcp -m tcp --dport 443 -j ACCEPT',
  },
  {
    name: 'tcp flags, hex (-n)',
    listing: `ACCEPT     tcp  --  ${any} tcp flags:0x17/0x02`,
    save: '-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT',
  },
  {
    name: 'tcp flags, names',
    listing: `ACCEPT     tcp  --  ${any} tcp flags:FIN,SYN,RST,ACK/SYN`,
    save: '-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT',
  },
  {
    name: 'tcp flags negated, all bits',
    listing: `DROP       tcp  --  ${any} tcp flags:!0x3F/0x00`,
    save: '-p tcp -m tcp ! --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE -j DROP',
  },
  {
    name: 'tcp option',
    listing: `ACCEPT     tcp  --  ${any} tcp option=2`,
    save: '-p tcp -m tcp --tcp-option 2 -j ACCEPT',
  },
  {
    name: 'bare tcp (-m tcp, no options)',
    listing: `ACCEPT     tcp  --  ${any} tcp`,
    save: '-p tcp -m tcp -j ACCEPT',
  },
  {
    name: 'udp dpt',
    listing: `ACCEPT     udp  --  ${any} udp dpt:53`,
    save: '-p udp -m udp --dport 53 -j ACCEPT',
  },
  { name: 'bare udp', listing: `ACCEPT     udp  --  ${any} udp`, save: '-p udp -m udp -j ACCEPT' },
  {
    name: 'sctp dpt',
    listing: `ACCEPT     sctp --  ${any} sctp dpt:3868`,
    save: '-p sctp -m sctp --dport 3868 -j ACCEPT',
  },
  {
    name: 'icmp type (-n)',
    listing: `ACCEPT     icmp --  ${any} icmptype 8`,
    save: '-p icmp -m icmp --icmp-type 8 -j ACCEPT',
  },
  {
    name: 'icmp type and code (-n)',
    listing: `ACCEPT     icmp --  ${any} icmptype 3 code 4`,
    save: '-p icmp -m icmp --icmp-type 3/4 -j ACCEPT',
  },
  {
    name: 'icmp type negated (-n)',
    listing: `ACCEPT     icmp --  ${any} icmp !type 8`,
    save: '-p icmp -m icmp ! --icmp-type 8 -j ACCEPT',
  },
  {
    name: 'icmp by name',
    listing: `ACCEPT     icmp --  ${any} icmp echo-request`,
    save: '-p icmp -m icmp --icmp-type 8 -j ACCEPT',
  },
  {
    name: 'icmp any',
    listing: `ACCEPT     icmp --  ${any} icmp any`,
    save: '-p icmp -m icmp --icmp-type any -j ACCEPT',
  },
  {
    name: 'icmp any (-n)',
    listing: `ACCEPT     icmp --  ${any} icmptype 255`,
    save: '-p icmp -m icmp --icmp-type any -j ACCEPT',
  },
  {
    name: 'multiport dports',
    listing: `ACCEPT     tcp  --  ${any} multiport dports 80,443`,
    save: '-p tcp -m multiport --dports 80,443 -j ACCEPT',
  },
  {
    name: 'multiport sports',
    listing: `ACCEPT     udp  --  ${any} multiport sports 53,5353`,
    save: '-p udp -m multiport --sports 53,5353 -j ACCEPT',
  },
  {
    name: 'multiport ports with a range',
    listing: `ACCEPT     tcp  --  ${any} multiport ports 80,8000:8080`,
    save: '-p tcp -m multiport --ports 80,8000:8080 -j ACCEPT',
  },
  {
    name: 'multiport negated',
    listing: `ACCEPT     tcp  --  ${any} multiport dports  !80,443`,
    save: '-p tcp -m multiport ! --dports 80,443 -j ACCEPT',
  },
  {
    name: 'addrtype dst-type',
    listing: `ACCEPT     all  --  ${any} ADDRTYPE match dst-type LOCAL`,
    save: '-m addrtype --dst-type LOCAL -j ACCEPT',
  },
  {
    name: 'addrtype src-type',
    listing: `ACCEPT     all  --  ${any} ADDRTYPE match src-type LOCAL`,
    save: '-m addrtype --src-type LOCAL -j ACCEPT',
  },
  {
    name: 'addrtype negated',
    listing: `ACCEPT     all  --  ${any} ADDRTYPE match dst-type !LOCAL`,
    save: '-m addrtype ! --dst-type LOCAL -j ACCEPT',
  },
  {
    name: 'addrtype both, limit-in',
    listing: `ACCEPT     all  --  ${any} ADDRTYPE match src-type LOCAL dst-type UNICAST limit-in`,
    save: '-m addrtype --src-type LOCAL --dst-type UNICAST --limit-iface-in -j ACCEPT',
  },
  {
    name: 'statistic random',
    listing: `ACCEPT     all  --  ${any} statistic mode random probability 0.33332999982`,
    save: '-m statistic --mode random --probability 0.33332999982 -j ACCEPT',
  },
  {
    name: 'statistic random negated',
    listing: `ACCEPT     all  --  ${any} statistic mode random ! probability 0.50000000000`,
    save: '-m statistic --mode random ! --probability 0.50000000000 -j ACCEPT',
  },
  {
    name: 'statistic nth',
    listing: `ACCEPT     all  --  ${any} statistic mode nth every 3`,
    save: '-m statistic --mode nth --every 3 --packet 0 -j ACCEPT',
  },
  {
    name: 'statistic nth with packet',
    listing: `ACCEPT     all  --  ${any} statistic mode nth every 3 packet 1`,
    save: '-m statistic --mode nth --every 3 --packet 1 -j ACCEPT',
  },
  {
    name: 'mark with mask',
    listing: `ACCEPT     all  --  ${any} mark match 0x4000/0x4000`,
    save: '-m mark --mark 0x4000/0x4000 -j ACCEPT',
  },
  {
    name: 'mark negated',
    listing: `ACCEPT     all  --  ${any} mark match ! 0x4000/0x4000`,
    save: '-m mark ! --mark 0x4000/0x4000 -j ACCEPT',
  },
  {
    name: 'mark without mask',
    listing: `ACCEPT     all  --  ${any} mark match 0x1`,
    save: '-m mark --mark 0x1 -j ACCEPT',
  },
  {
    name: 'connmark',
    listing: `ACCEPT     all  --  ${any} connmark match  0x1/0xff`,
    save: '-m connmark --mark 0x1/0xff -j ACCEPT',
  },
  {
    name: 'connmark negated',
    listing: `ACCEPT     all  --  ${any} connmark match !0x1`,
    save: '-m connmark ! --mark 0x1 -j ACCEPT',
  },
  {
    name: 'ctstate',
    listing: `ACCEPT     all  --  ${any} ctstate NEW`,
    save: '-m conntrack --ctstate NEW -j ACCEPT',
  },
  {
    name: 'ctstate list',
    listing: `ACCEPT     all  --  ${any} ctstate RELATED,ESTABLISHED`,
    save: '-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  },
  {
    name: 'ctstate negated',
    listing: `DROP       all  --  ${any} ! ctstate INVALID`,
    save: '-m conntrack ! --ctstate INVALID -j DROP',
  },
  {
    name: 'ctorigdst',
    listing: `ACCEPT     all  --  ${any} ctorigdst 10.0.0.1`,
    save: '-m conntrack --ctorigdst 10.0.0.1 -j ACCEPT',
  },
  {
    name: 'ctdir',
    listing: `ACCEPT     all  --  ${any} ctdir ORIGINAL`,
    save: '-m conntrack --ctdir ORIGINAL -j ACCEPT',
  },
  {
    name: 'ctproto',
    listing: `ACCEPT     all  --  ${any} ctproto 6`,
    save: '-m conntrack --ctproto 6 -j ACCEPT',
  },
  {
    name: 'ctstatus',
    listing: `ACCEPT     all  --  ${any} ctstatus ASSURED`,
    save: '-m conntrack --ctstatus ASSURED -j ACCEPT',
  },
  {
    name: 'conntrack, two options in one match',
    listing: `ACCEPT     all  --  ${any} ctstate NEW ! ctorigdstport 80`,
    save: '-m conntrack --ctstate NEW ! --ctorigdstport 80 -j ACCEPT',
  },
  {
    name: 'conntrack twice',
    listing: `ACCEPT     all  --  ${any} ctstate NEW ctstate NEW,RELATED`,
    save: '-m conntrack --ctstate NEW -m conntrack --ctstate NEW,RELATED -j ACCEPT',
  },
  {
    name: 'state',
    listing: `ACCEPT     all  --  ${any} state NEW,ESTABLISHED`,
    save: '-m state --state NEW,ESTABLISHED -j ACCEPT',
  },
  {
    name: 'state RELATED,ESTABLISHED',
    listing: `ACCEPT     all  --  ${any} state RELATED,ESTABLISHED`,
    save: '-m state --state RELATED,ESTABLISHED -j ACCEPT',
  },
  {
    name: 'recent check (kube-proxy session affinity)',
    listing: `RETURN     all  --  ${any} /* ns/svc */ recent: CHECK seconds: 10800 reap name: KUBE-SEP-X side: source mask: 255.255.255.255`,
    save: '-m comment --comment ns/svc -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-X --mask 255.255.255.255 --rsource -j RETURN',
  },
  {
    name: 'recent set',
    listing: `ACCEPT     all  --  ${any} recent: SET name: KUBE-SEP-X side: source mask: 255.255.255.255`,
    save: '-m recent --set --name KUBE-SEP-X --mask 255.255.255.255 --rsource -j ACCEPT',
  },
  {
    name: 'recent update with hit count, ttl, dest',
    listing: `DROP       all  --  ${any} recent: UPDATE seconds: 60 hit_count: 2 TTL-Match name: X side: dest mask: 255.255.255.0`,
    save: '-m recent --update --seconds 60 --hitcount 2 --rttl --name X --mask 255.255.255.0 --rdest -j DROP',
  },
  {
    name: 'recent remove negated',
    listing: `ACCEPT     all  --  ${any} ! recent: REMOVE name: X side: source mask: 255.255.255.255`,
    save: '-m recent ! --remove --name X --mask 255.255.255.255 --rsource -j ACCEPT',
  },
  {
    name: 'ipset',
    listing: `ACCEPT     all  --  ${any} match-set KUBE-LOAD-BALANCER src`,
    save: '-m set --match-set KUBE-LOAD-BALANCER src -j ACCEPT',
  },
  {
    name: 'ipset negated, two dimensions',
    listing: `DROP       all  --  ${any} ! match-set KUBE-X dst,dst`,
    save: '-m set ! --match-set KUBE-X dst,dst -j DROP',
  },
  {
    name: 'ipset return-nomatch',
    listing: `ACCEPT     all  --  ${any} match-set X src return-nomatch`,
    save: '-m set --match-set X src --return-nomatch -j ACCEPT',
  },
  // A flag followed by "! --option" (iptables-save's own "--return-nomatch ! --update-counters")
  // is misread by parseRuleArgs as the old "--option !" form; so these cases avoid it.
  {
    name: 'ipset negated flag',
    listing: `ACCEPT     all  --  ${any} match-set X src ! update-counters`,
    save: '-m set --match-set X src ! --update-counters -j ACCEPT',
  },
  {
    name: 'ipset negated counter',
    listing: `ACCEPT     all  --  ${any} match-set X src ! packets-eq 5`,
    save: '-m set --match-set X src ! --packets-eq 5 -j ACCEPT',
  },
  {
    name: 'physdev',
    listing: `ACCEPT     all  --  ${any} PHYSDEV match --physdev-in eth0 --physdev-is-bridged`,
    save: '-m physdev --physdev-in eth0 --physdev-is-bridged -j ACCEPT',
  },
  {
    name: 'physdev negated',
    listing: `ACCEPT     all  --  ${any} PHYSDEV match ! --physdev-is-in`,
    save: '-m physdev ! --physdev-is-in -j ACCEPT',
  },
  {
    name: 'iprange source',
    listing: `ACCEPT     all  --  ${any} source IP range 10.0.0.1-10.0.0.9`,
    save: '-m iprange --src-range 10.0.0.1-10.0.0.9 -j ACCEPT',
  },
  {
    name: 'iprange both, negated',
    listing: `ACCEPT     all  --  ${any} source IP range 10.0.0.1-10.0.0.9 destination IP range ! 10.1.0.1-10.1.0.9`,
    save: '-m iprange --src-range 10.0.0.1-10.0.0.9 ! --dst-range 10.1.0.1-10.1.0.9 -j ACCEPT',
  },
  {
    name: 'nfacct',
    listing: `ACCEPT     all  --  ${any} nfacct-name  http-traffic`,
    save: '-m nfacct --nfacct-name http-traffic -j ACCEPT',
  },
  {
    name: 'limit avg, default burst',
    listing: `ACCEPT     all  --  ${any} limit: avg 3/min burst 5`,
    save: '-m limit --limit 3/min -j ACCEPT',
  },
  {
    name: 'limit up to',
    listing: `ACCEPT     all  --  ${any} limit: up to 10/sec burst 20`,
    save: '-m limit --limit 10/sec --limit-burst 20 -j ACCEPT',
  },
  {
    name: 'mac',
    listing: `ACCEPT     all  --  ${any} MAC 00:11:22:33:44:55`,
    save: '-m mac --mac-source 00:11:22:33:44:55 -j ACCEPT',
  },
  {
    name: 'mac negated',
    listing: `ACCEPT     all  --  ${any} MAC ! 00:11:22:33:44:55`,
    save: '-m mac ! --mac-source 00:11:22:33:44:55 -j ACCEPT',
  },
  {
    name: 'pkttype',
    listing: `ACCEPT     all  --  ${any} PKTTYPE = unicast`,
    save: '-m pkttype --pkt-type unicast -j ACCEPT',
  },
  {
    name: 'pkttype negated',
    listing: `ACCEPT     all  --  ${any} PKTTYPE != broadcast`,
    save: '-m pkttype ! --pkt-type broadcast -j ACCEPT',
  },
  {
    name: 'length',
    listing: `ACCEPT     all  --  ${any} length 0:100`,
    save: '-m length --length 0:100 -j ACCEPT',
  },
  {
    name: 'length negated',
    listing: `DROP       all  --  ${any} length !1000:65535`,
    save: '-m length ! --length 1000:65535 -j DROP',
  },
  {
    name: 'owner uid',
    listing: `ACCEPT     all  --  ${any} owner UID match 0`,
    save: '-m owner --uid-owner 0 -j ACCEPT',
  },
  {
    name: 'owner uid negated, then gid',
    listing: `ACCEPT     all  --  ${any} ! owner UID match 0 owner GID match 1000`,
    save: '-m owner ! --uid-owner 0 --gid-owner 1000 -j ACCEPT',
  },
  {
    name: 'owner socket exists',
    listing: `ACCEPT     all  --  ${any} owner socket exists`,
    save: '-m owner --socket-exists -j ACCEPT',
  },
  {
    name: 'ttl',
    listing: `ACCEPT     all  --  ${any} TTL match TTL == 5`,
    save: '-m ttl --ttl-eq 5 -j ACCEPT',
  },
  {
    name: 'helper',
    listing: `ACCEPT     all  --  ${any} helper match "ftp"`,
    save: '-m helper --helper ftp -j ACCEPT',
  },
  {
    name: 'several matches in rule order (kube-proxy NodePort)',
    listing: `RETURN     tcp  --  ${any} /* ns/svc:http */ tcp dpt:30080 ADDRTYPE match dst-type LOCAL mark match ! 0x4000/0x4000`,
    save: '-p tcp -m comment --comment ns/svc:http -m tcp --dport 30080 -m addrtype --dst-type LOCAL -m mark ! --mark 0x4000/0x4000 -j RETURN',
    table: 'nat',
  },
  {
    name: 'unknown text: kept as an unknown match, with a warning',
    listing: `ACCEPT     all  --  ${any} u32 "0x0>>22&0x3C@0x4=0x29"`,
    save: '-m u32 "0x0>>22&0x3C@0x4=0x29" -j ACCEPT',
    warnings: [/cannot read "u32/],
  },
];

describe('listing match texts read as the iptables-save arguments they print', () => {
  it.each(MATCH_CASES.filter((c) => !c.name.startsWith('unknown')))('$name', expectSameRule);

  it('unknown text is kept verbatim after the known matches, warned about at its column', () => {
    const c = MATCH_CASES.find((m) => m.name.startsWith('unknown')) as ListingCase;
    const { listed, listingProblems } = readBoth(c);
    expect(listed).toBe('-A TEST -m u32 "0x0>>22&0x3C@0x4=0x29" -j ACCEPT');
    expect(listingProblems).toEqual([
      expect.objectContaining({
        line: 3,
        column: 63,
        severity: 'warning',
        message: expect.stringMatching(/cannot read "u32/) as unknown,
      }),
    ]);
  });

  it('an unknown word between known matches keeps the rest, target options included', () => {
    const { listed, listingProblems } = readBoth({
      name: 'unknown in the middle',
      listing: `DNAT       tcp  --  ${any} tcp dpt:80 frob 1 to:10.0.0.1:80`,
      save: '',
      table: 'nat',
    });
    expect(listed).toBe('-A TEST -p tcp -m tcp --dport 80 -m frob 1 to:10.0.0.1:80 -j DNAT');
    expect(listingProblems.map((p) => p.severity)).toEqual(['warning']);
  });
});

/** Target texts (libxt_MARK, CONNMARK, NAT, MASQUERADE, REDIRECT, REJECT, LOG, NFLOG, CT, TCPMSS, …). */
const TARGET_CASES: ListingCase[] = [
  {
    name: 'MARK or',
    listing: `MARK       all  --  ${any} MARK or 0x4000`,
    save: '-j MARK --set-xmark 0x4000/0x4000',
  },
  {
    name: 'MARK set',
    listing: `MARK       all  --  ${any} MARK set 0x1`,
    save: '-j MARK --set-xmark 0x1/0xffffffff',
  },
  {
    name: 'MARK xset',
    listing: `MARK       all  --  ${any} MARK xset 0x4000/0xc000`,
    save: '-j MARK --set-xmark 0x4000/0xc000',
  },
  {
    name: 'MARK and',
    listing: `MARK       all  --  ${any} MARK and 0xffffbfff`,
    save: '-j MARK --set-xmark 0x0/0x4000',
  },
  {
    name: 'MARK xor',
    listing: `MARK       all  --  ${any} MARK xor 0x1`,
    save: '-j MARK --set-xmark 0x1/0x0',
  },
  {
    name: 'CONNMARK save',
    listing: `CONNMARK   all  --  ${any} CONNMARK save`,
    save: '-j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff',
  },
  {
    name: 'CONNMARK restore',
    listing: `CONNMARK   all  --  ${any} CONNMARK restore`,
    save: '-j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff',
  },
  {
    name: 'CONNMARK save mask',
    listing: `CONNMARK   all  --  ${any} CONNMARK save mask 0xff`,
    save: '-j CONNMARK --save-mark --nfmask 0xff --ctmask 0xff',
  },
  {
    name: 'CONNMARK save nfmask ctmask',
    listing: `CONNMARK   all  --  ${any} CONNMARK save nfmask 0xff ctmask ~0xf0`,
    save: '-j CONNMARK --save-mark --nfmask 0xff --ctmask 0xf0',
  },
  {
    name: 'CONNMARK restore ctmask nfmask',
    listing: `CONNMARK   all  --  ${any} CONNMARK restore ctmask 0xff nfmask ~0xf`,
    save: '-j CONNMARK --restore-mark --nfmask 0xf --ctmask 0xff',
  },
  {
    name: 'CONNMARK set',
    listing: `CONNMARK   all  --  ${any} CONNMARK set 0x1`,
    save: '-j CONNMARK --set-xmark 0x1/0xffffffff',
  },
  {
    name: 'CONNMARK xset',
    listing: `CONNMARK   all  --  ${any} CONNMARK xset 0x1/0xff`,
    save: '-j CONNMARK --set-xmark 0x1/0xff',
  },
  {
    name: 'CONNMARK or',
    listing: `CONNMARK   all  --  ${any} CONNMARK or 0x4000`,
    save: '-j CONNMARK --set-xmark 0x4000/0x4000',
  },
  {
    name: 'DNAT after a bare tcp match',
    listing: `DNAT       tcp  --  ${any} /* ns/svc */ tcp to:172.17.0.2:80`,
    save: '-p tcp -m comment --comment ns/svc -m tcp -j DNAT --to-destination 172.17.0.2:80',
    table: 'nat',
  },
  {
    name: 'DNAT range, random, persistent',
    listing: `DNAT       all  --  ${any} to:10.0.0.1-10.0.0.3 random persistent`,
    save: '-j DNAT --to-destination 10.0.0.1-10.0.0.3 --random --persistent',
    table: 'nat',
  },
  {
    name: 'SNAT',
    listing: `SNAT       all  --  ${any} to:10.0.0.1`,
    save: '-j SNAT --to-source 10.0.0.1',
    table: 'nat',
  },
  {
    name: 'SNAT random-fully',
    listing: `SNAT       all  --  ${any} to:10.0.0.1:1024-65535 random-fully`,
    save: '-j SNAT --to-source 10.0.0.1:1024-65535 --random-fully',
    table: 'nat',
  },
  {
    name: 'MASQUERADE',
    listing: `MASQUERADE  all  --  ${any} /* kube */`,
    save: '-m comment --comment kube -j MASQUERADE',
    table: 'nat',
  },
  {
    name: 'MASQUERADE ports',
    listing: `MASQUERADE  tcp  --  ${any} masq ports: 1024-65535`,
    save: '-p tcp -j MASQUERADE --to-ports 1024-65535',
    table: 'nat',
  },
  {
    name: 'MASQUERADE random-fully',
    listing: `MASQUERADE  all  --  ${any} random-fully`,
    save: '-j MASQUERADE --random-fully',
    table: 'nat',
  },
  {
    name: 'REDIRECT',
    listing: `REDIRECT   tcp  --  ${any} tcp dpt:80 redir ports 8080`,
    save: '-p tcp -m tcp --dport 80 -j REDIRECT --to-ports 8080',
    table: 'nat',
  },
  {
    name: 'REJECT port-unreachable',
    listing: `REJECT     all  --  ${any} reject-with icmp-port-unreachable`,
    save: '-j REJECT --reject-with icmp-port-unreachable',
  },
  {
    name: 'REJECT tcp-reset',
    listing: `REJECT     tcp  --  ${any} reject-with tcp-reset`,
    save: '-p tcp -j REJECT --reject-with tcp-reset',
  },
  {
    name: "REJECT in kube-proxy's no-endpoints rule",
    listing: `REJECT     tcp  --  0.0.0.0/0            10.96.0.10           /* ns/dns:dns-tcp has no endpoints */ tcp dpt:53 reject-with icmp-port-unreachable`,
    save: '-d 10.96.0.10/32 -p tcp -m comment --comment "ns/dns:dns-tcp has no endpoints" -m tcp --dport 53 -j REJECT --reject-with icmp-port-unreachable',
  },
  {
    name: 'LOG default level (-n)',
    listing: `LOG        all  --  ${any} LOG flags 0 level 4 prefix "** NAT OUTPUT **"`,
    save: '-j LOG --log-prefix "** NAT OUTPUT **"',
  },
  {
    name: 'LOG flags and level (-n)',
    listing: `LOG        all  --  ${any} LOG flags 15 level 6 prefix "x: "`,
    save: '-j LOG --log-prefix "x: " --log-level 6 --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid',
  },
  {
    name: 'LOG macdecode, no prefix (-n)',
    listing: `LOG        all  --  ${any} LOG flags 32 level 4`,
    save: '-j LOG --log-macdecode',
  },
  {
    name: 'LOG named level and flags',
    listing: `LOG        all  --  anywhere             anywhere             LOG level info tcp-options prefix "p"`,
    save: '-j LOG --log-prefix p --log-level 6 --log-tcp-options',
  },
  {
    name: 'LOG prefix with a quote',
    listing: `LOG        all  --  ${any} LOG flags 0 level 4 prefix "say "hi""`,
    save: '-j LOG --log-prefix "say \\"hi\\""',
  },
  {
    name: 'NFLOG',
    listing: `NFLOG      all  --  ${any} nflog-prefix  KUBE nflog-group 2`,
    save: '-j NFLOG --nflog-prefix KUBE --nflog-group 2',
  },
  {
    name: 'NFLOG quoted prefix, range',
    listing: `NFLOG      all  --  ${any} nflog-prefix  "a b" nflog-group 100 nflog-range 64`,
    save: '-j NFLOG --nflog-prefix "a b" --nflog-group 100 --nflog-range 64',
  },
  {
    name: 'CT notrack',
    listing: `CT         all  --  ${any} CT notrack`,
    save: '-j CT --notrack',
    table: 'raw',
  },
  {
    name: 'CT helper',
    listing: `CT         tcp  --  ${any} tcp dpt:21 CT helper ftp`,
    save: '-p tcp -m tcp --dport 21 -j CT --helper ftp',
    table: 'raw',
  },
  { name: 'NOTRACK', listing: `NOTRACK    all  --  ${any}`, save: '-j NOTRACK', table: 'raw' },
  { name: 'TRACE', listing: `TRACE      all  --  ${any}`, save: '-j TRACE', table: 'raw' },
  {
    name: 'TCPMSS clamp',
    listing: `TCPMSS     tcp  --  ${any} tcp flags:0x06/0x02 TCPMSS clamp to PMTU`,
    save: '-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu',
    table: 'mangle',
  },
  {
    name: 'TCPMSS set',
    listing: `TCPMSS     tcp  --  ${any} tcp flags:0x06/0x02 TCPMSS set 1400`,
    save: '-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1400',
    table: 'mangle',
  },
  {
    name: 'CHECKSUM',
    listing: `CHECKSUM   udp  --  ${any} udp dpt:68 CHECKSUM fill`,
    save: '-p udp -m udp --dport 68 -j CHECKSUM --checksum-fill',
    table: 'mangle',
  },
  { name: 'verdicts print nothing', listing: `RETURN     all  --  ${any}`, save: '-j RETURN' },
];

describe('listing target texts read as the iptables-save arguments they print', () => {
  it.each(TARGET_CASES)('$name', expectSameRule);
});
