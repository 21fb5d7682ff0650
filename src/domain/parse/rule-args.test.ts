import { describe, expect, it } from 'vitest';
import { parseDump } from './parse-dump.ts';
import { serializeRule } from './serialize-save.ts';

/** Parses one rule in a nat table with the chains it needs, returning its canonical text. */
function canonical(rule: string, chains = ['X', 'Y']): { text: string; problems: string[] } {
  const dump = ['*nat', ...chains.map((c) => `:${c} - [0:0]`), `-A ${rule}`, 'COMMIT', ''].join(
    '\n',
  );
  const result = parseDump(dump);
  const chain = result.ruleset.tables[0]?.chains.find((c) => c.name === 'X');
  const parsed = chain?.rules[0];
  return {
    text: parsed ? serializeRule(parsed, 'X') : '',
    problems: result.problems.map((p) => `${p.severity}@${p.column}: ${p.message}`),
  };
}

describe('rule options become what the kernel stores and iptables-save prints', () => {
  it.each([
    {
      name: 'adds /32 to a host address',
      rule: 'X -s 10.0.0.1 -j Y',
      out: '-A X -s 10.0.0.1/32 -j Y',
    },
    {
      name: 'masks host bits of a CIDR',
      rule: 'X -d 10.1.2.3/8 -j Y',
      out: '-A X -d 10.0.0.0/8 -j Y',
    },
    {
      name: 'turns a dotted mask into a prefix',
      rule: 'X -s 10.1.0.0/255.255.0.0 -j Y',
      out: '-A X -s 10.1.0.0/16 -j Y',
    },
    { name: 'drops 0.0.0.0/0, which matches all', rule: 'X -s 0.0.0.0/0 -j Y', out: '-A X -j Y' },
    { name: 'drops -p all', rule: 'X -p all -j Y', out: '-A X -j Y' },
    { name: 'names protocol numbers', rule: 'X -p 17 -j Y', out: '-A X -p udp -j Y' },
    { name: 'lower-cases protocols', rule: 'X -p TCP -j Y', out: '-A X -p tcp -j Y' },
    {
      name: 'puts -s -d -i -o -p before matches, whatever the order written',
      rule: 'X -m comment --comment "a b" -m tcp -p tcp -d 172.30.0.41 --dport 80 -i eth0 -j Y',
      out: '-A X -d 172.30.0.41/32 -i eth0 -p tcp -m comment --comment "a b" -m tcp --dport 80 -j Y',
    },
    {
      name: 'loads the protocol match implicitly',
      rule: 'X -p tcp --dport 80 -j Y',
      out: '-A X -p tcp -m tcp --dport 80 -j Y',
    },
    {
      name: 'keeps negation',
      rule: 'X ! -s 10.0.0.0/8 -p tcp -m tcp ! --dport 80 -j Y',
      out: '-A X ! -s 10.0.0.0/8 -p tcp -m tcp ! --dport 80 -j Y',
    },
    {
      name: 'port 80:80 is port 80',
      rule: 'X -p udp -m udp --sport 80:80 -j Y',
      out: '-A X -p udp -m udp --sport 80 -j Y',
    },
    {
      name: 'open port ranges are closed',
      rule: 'X -p tcp -m tcp --dport 1024: -j Y',
      out: '-A X -p tcp -m tcp --dport 1024:65535 -j Y',
    },
    {
      name: 'service names become port numbers',
      rule: 'X -p tcp -m tcp --dport https -j Y',
      out: '-A X -p tcp -m tcp --dport 443 -j Y',
    },
    {
      name: '--syn is a flag test',
      rule: 'X -p tcp -m tcp --syn -j Y',
      out: '-A X -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j Y',
    },
    {
      name: 'probabilities are quantised to 2^-31 and printed with 11 decimals',
      rule: 'X -m statistic --mode random --probability 0.33333 -j Y',
      out: '-A X -m statistic --mode random --probability 0.33332999982 -j Y',
    },
    {
      name: "kube-proxy's 10-decimal third",
      rule: 'X -m statistic --mode random --probability 0.3333333333 -j Y',
      out: '-A X -m statistic --mode random --probability 0.33333333349 -j Y',
    },
    {
      name: '--or-mark is stored as value/mask',
      rule: 'X -j MARK --or-mark 0x4000',
      out: '-A X -j MARK --set-xmark 0x4000/0x4000',
    },
    {
      name: '--set-mark has an all-ones mask',
      rule: 'X -j MARK --set-mark 1',
      out: '-A X -j MARK --set-xmark 0x1/0xffffffff',
    },
    {
      name: '--and-mark clears bits',
      rule: 'X -j MARK --and-mark 0xffffbfff',
      out: '-A X -j MARK --set-xmark 0x0/0x4000',
    },
    {
      name: '--xor-mark has a zero mask',
      rule: 'X -j MARK --xor-mark 0x4000',
      out: '-A X -j MARK --set-xmark 0x4000/0x0',
    },
    {
      name: 'decimal marks print in hex',
      rule: 'X -m mark --mark 16384/16384 -j Y',
      out: '-A X -m mark --mark 0x4000/0x4000 -j Y',
    },
    {
      name: 'an all-ones mark mask is not printed',
      rule: 'X -m mark ! --mark 0x1/0xffffffff -j Y',
      out: '-A X -m mark ! --mark 0x1 -j Y',
    },
    {
      name: "recent's defaults are printed and options reordered",
      rule: 'X -m recent --name KUBE-SEP-A --rcheck --seconds 10800 --reap -j Y',
      out: '-A X -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-A --mask 255.255.255.255 --rsource -j Y',
    },
    {
      name: 'conntrack states print in kernel bit order',
      rule: 'X -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
      out: '-A X -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    },
    {
      name: 'REJECT prints its default',
      rule: 'X -j REJECT',
      out: '-A X -j REJECT --reject-with icmp-port-unreachable',
    },
    {
      name: 'LOG leaves out the default level',
      rule: 'X -j LOG --log-level warning --log-prefix "p: "',
      out: '-A X -j LOG --log-prefix "p: "',
    },
    {
      name: 'LOG level names become numbers',
      rule: 'X -j LOG --log-level debug',
      out: '-A X -j LOG --log-level 7',
    },
    { name: 'a goto', rule: 'X -g Y', out: '-A X -g Y' },
    { name: 'a rule with no target', rule: 'X -s 10.0.0.1', out: '-A X -s 10.0.0.1/32' },
    { name: 'fragments', rule: 'X ! -f -j Y', out: '-A X ! -f -j Y' },
    {
      name: 'a "!" after a flag negates the next option',
      rule: 'X -m owner --socket-exists ! --gid-owner 1000 -j Y',
      out: '-A X -m owner --socket-exists ! --gid-owner 1000 -j Y',
    },
    {
      name: 'interface wildcards',
      rule: 'X -i eth+ ! -o docker0 -j Y',
      out: '-A X -i eth+ ! -o docker0 -j Y',
    },
    {
      name: 'multiport lists',
      rule: 'X -p tcp -m multiport --dports 80,443,8000:8080 -j Y',
      out: '-A X -p tcp -m multiport --dports 80,443,8000:8080 -j Y',
    },
    {
      name: 'addrtype',
      rule: 'X -m addrtype --dst-type LOCAL -j Y',
      out: '-A X -m addrtype --dst-type LOCAL -j Y',
    },
    {
      name: 'DNAT with port',
      rule: 'X -p tcp -j DNAT --to-destination 10.0.0.1:80',
      out: '-A X -p tcp -j DNAT --to-destination 10.0.0.1:80',
    },
    {
      name: 'MASQUERADE --random-fully',
      rule: 'X -j MASQUERADE --random-fully',
      out: '-A X -j MASQUERADE --random-fully',
    },
    {
      name: 'long option names',
      rule: 'X --source 1.2.3.4 --protocol tcp --jump Y',
      out: '-A X -s 1.2.3.4/32 -p tcp -j Y',
    },
  ])('$name', ({ rule, out }) => {
    const result = canonical(rule);
    expect(result.problems.filter((p) => p.startsWith('error'))).toEqual([]);
    expect(result.text).toBe(out);
  });
});

describe('what cannot be read is reported at its column and kept', () => {
  it.each([
    {
      name: 'bad address',
      rule: 'X -s 10.0.0.300 -j Y',
      problem: 'error@9: "10.0.0.300" is not an IP address or CIDR',
      out: '-A X -s 10.0.0.300 -j Y',
    },
    {
      name: 'bad protocol',
      rule: 'X -p tcpp -j Y',
      problem: 'error@9: "tcpp" is not a protocol name or number',
      out: '-A X -p tcpp -j Y',
    },
    {
      name: 'bad port',
      rule: 'X -p tcp -m tcp --dport 70000 -j Y',
      problem: 'error@28: "70000" is not a valid value for --dport',
      out: '-A X -p tcp -m tcp --dport 70000 -j Y',
    },
    {
      name: 'option with no value',
      rule: 'X -s',
      problem: 'error@6: -s needs a value',
      out: '-A X',
    },
    {
      name: 'stray word',
      rule: 'X foo -j Y',
      problem: 'error@6: unexpected "foo"',
      out: '-A X -j Y',
    },
    {
      name: 'dangling !',
      rule: 'X -j Y !',
      problem: 'error@11: "!" with nothing after it',
      out: '-A X -j Y',
    },
    {
      name: 'orphan option',
      rule: 'X --dport 80 -j Y',
      problem: 'error@6: option --dport belongs to no match or target before it',
      out: '-A X -j Y',
    },
    {
      name: 'two targets',
      rule: 'X -j Y -j ACCEPT',
      problem: 'error@11: a rule has one target; this is the second',
      out: '-A X -j Y',
    },
  ])('$name', ({ rule, problem, out }) => {
    const result = canonical(rule);
    expect(result.problems).toContain(problem);
    expect(result.text).toBe(out);
  });

  it.each([
    {
      name: 'unknown module',
      rule: 'X -m frobnicate --level 3 -j Y',
      problem: 'warning@9: kpviz does not know the match module "frobnicate"; kept as written',
      out: '-A X -m frobnicate --level 3 -j Y',
    },
    {
      name: 'unknown option of a known module',
      rule: 'X -m comment --colour red -j Y',
      problem: 'warning@17: comment has no option --colour; kept as written',
      out: '-A X -m comment --colour red -j Y',
    },
    {
      name: 'unknown target',
      rule: 'X -j FROB --speed 3',
      problem:
        'warning@9: target FROB is neither a chain of table nat nor a target kpviz knows; kept as written',
      out: '-A X -j FROB --speed 3',
    },
    {
      name: 'unquoted multi-word comment',
      rule: 'X -m comment --comment kubernetes service portals -j Y',
      problem:
        'warning@38: unquoted words in --comment; iptables-restore needs them in double quotes',
      out: '-A X -m comment --comment "kubernetes service portals" -j Y',
    },
    {
      name: 'old-style negation after the option',
      rule: 'X -p tcp -m tcp --dport ! 80 -j Y',
      problem: 'warning@28: write "! --dport", not "--dport !"',
      out: '-A X -p tcp -m tcp ! --dport 80 -j Y',
    },
  ])('flags $name', ({ rule, problem, out }) => {
    const result = canonical(rule);
    expect(result.problems).toContain(problem);
    expect(result.text).toBe(out);
  });

  it('points at the target, not at a comment that names it', () => {
    const dump = '*nat\n:X - [0:0]\n[0:0] -A X -m comment --comment "see BAR" -j BAR\nCOMMIT\n';
    const [problem] = parseDump(dump).problems;
    expect(problem).toMatchObject({
      line: 3,
      column: 46,
      message: expect.stringContaining('target BAR') as string,
    });
  });

  it.each([
    {
      name: 'a second --dport',
      rule: 'X -p tcp -m tcp --dport 80 --dport 81 -j Y',
      problem: 'error@31: --dport is given twice in one tcp; iptables refuses that',
    },
    {
      name: '-m tcp without -p tcp',
      rule: 'X -m tcp --dport 80 -j Y',
      problem: 'error@6: -m tcp only works with -p tcp; the kernel refuses this rule',
    },
    {
      name: '-m tcp with -p udp',
      rule: 'X -p udp -m tcp -j Y',
      problem: 'error@13: -m tcp only works with -p tcp; the kernel refuses this rule',
    },
    {
      name: 'multiport without a port protocol',
      rule: 'X -p icmp -m multiport --dports 1,2 -j Y',
      problem:
        'error@14: -m multiport only works with -p tcp, udp, udplite, dccp or sctp; the kernel refuses this rule',
    },
  ])('refuses what the kernel refuses: $name', ({ rule, problem }) => {
    expect(canonical(rule).problems).toContain(problem);
  });

  it('marks unknown pieces in the model', () => {
    const dump = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m frob --x 1 -j FROB\nCOMMIT\n';
    const rule = parseDump(dump).ruleset.tables[0]?.chains[0]?.rules[0];
    expect(rule?.matches[0]?.unknown).toBe(true);
    expect(rule?.target?.unknown).toBe(true);
  });
});

describe('NAT targets with ports', () => {
  const problemsOf = (line: string) =>
    parseDump(`*nat\n:POSTROUTING ACCEPT [0:0]\n:PREROUTING ACCEPT [0:0]\n${line}\nCOMMIT\n`, {
      format: 'save',
    }).problems.filter((p) => p.severity === 'error');

  it('needs a protocol with ports, as iptables does', () => {
    const [masq] = problemsOf('-A POSTROUTING -o eth0 -j MASQUERADE --to-ports 50000-50100');
    // At the target name.
    expect(masq).toMatchObject({ line: 4, column: 27 });
    expect(masq?.message).toBe(
      'MASQUERADE --to-ports 50000-50100 needs -p tcp, udp, sctp or dccp; the kernel refuses this rule',
    );
    expect(problemsOf('-A PREROUTING -j DNAT --to-destination 10.0.0.1:80')[0]?.message).toMatch(
      /^DNAT --to-destination 10.0.0.1:80 needs -p/,
    );
    expect(problemsOf('-A PREROUTING ! -p tcp -j REDIRECT --to-ports 8080')).toHaveLength(1);
  });

  it('accepts them with one, and address-only NAT without', () => {
    expect(problemsOf('-A POSTROUTING -p udp -j MASQUERADE --to-ports 50000-50100')).toEqual([]);
    expect(problemsOf('-A PREROUTING -p sctp -j DNAT --to-destination 10.0.0.1:80')).toEqual([]);
    expect(problemsOf('-A PREROUTING -j DNAT --to-destination 10.0.0.1')).toEqual([]);
    expect(problemsOf('-A POSTROUTING -j SNAT --to-source 10.0.0.1-10.0.0.9')).toEqual([]);
  });
});
