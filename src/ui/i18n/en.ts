/**
 * The English catalogue: every word the UI shows. Its shape is the contract
 * every other language fills in (see `Catalogue`).
 *
 * @example
 *   const { t } = useTranslation();
 *   t('table.heading', { name: 'nat' }); // "nat table"
 */
export const en = {
  app: {
    name: 'kpviz',
    tagline: 'How kube-proxy moves a packet through Linux netfilter',
  },
  theme: {
    dark: 'Dark theme',
  },
  views: {
    label: 'Views',
    graph: 'Graph',
    rules: 'Rules',
  },
  export: {
    label: 'Export',
    svg: 'Graph as SVG',
    png: 'Graph as PNG',
    markdown: 'Trace as Markdown',
    rules: 'Rules as iptables-save',
    noPlayback: 'Trace as Markdown needs a scenario played: choose one under Play a packet.',
    working: 'Exporting…',
    done: 'Downloaded {{file}}.',
    pngScaled:
      'Downloaded {{file}}, drawn at {{scale}}× rather than {{wanted}}×: a PNG here holds at most {{side}} pixels a side and {{pixels}} million in all.',
    failed: 'Not exported: {{reason}}',
    svgTitle: 'kpviz: packet flow through netfilter',
    svgTitleFocused: 'kpviz: packet flow through netfilter, the chains of {{service}}',
    trace: {
      title: 'kpviz: {{scenario}}',
      step: '#',
      what: 'What happened',
      flow: 'Source → destination',
    },
  },
  language: {
    label: 'Language',
    en: 'English',
    zh: '中文',
  },
  share: {
    menu: 'Share',
    heading: 'Share what is on screen',
    hint: 'A link opens the rules, the scenario at its step and the language shown here; a snippet puts the player into a web page.',
    copyLink: 'Copy link',
    copyIframe: 'Copy iframe snippet',
    copyElement: 'Copy web-component snippet',
    autoplay: 'Snippets start playing on their own',
    text: 'Link or snippet, to copy by hand',
    copied: 'Copied.',
    copyFailed: 'Not copied ({{reason}}): select the text below and copy it.',
    tooLarge:
      'These rules are too large to share as a link ({{size}} KB); export them as iptables-save instead.',
    iframeTitle: 'kpviz — {{scenario}}',
    link: {
      restored: 'Opened the rules from the link.',
      failed: 'The link’s rules were not opened, so the rules on screen stay: {{message}}.',
      dismiss: 'Dismiss',
    },
  },
  env: {
    summary: 'Environment: edit the cluster and watch kube-proxy’s rules change',
    intro:
      'The node, its Services and their pods. Every valid change regenerates the rules kube-proxy (iptables mode) writes for them and shows them below.',
    reset: 'Back to the seed environment',
    status: {
      notApplied:
        'Changing anything here replaces the rules on screen with the ones generated for this environment. Rules you pasted stay in the panel above: Show rules there brings them back.',
      applied: 'The rules on screen are generated from this environment.',
      stale_one:
        'Stale: the rules on screen are those of the last valid environment. Fix the problem marked below to update them.',
      stale_other:
        'Stale: the rules on screen are those of the last valid environment. Fix the {{count}} problems marked below to update them.',
      invalid_one: 'Fix the problem marked below and the rules will be generated.',
      invalid_other: 'Fix the {{count}} problems marked below and the rules will be generated.',
    },
    problem: {
      number: '“{{text}}” is not a whole number',
      required: 'This field is required',
    },
    node: {
      heading: 'Node',
      nodeName: 'Node name',
      nodeNameHint: 'Pods on this node are local to it',
      nodeIPs: 'Node IPs',
      nodeIPsHint: 'IPv4, separated by commas; the first is the primary IP',
      profile: 'kube-proxy version',
      profileCurrent: 'v1.27 and later (current)',
      profileLegacy: 'v1.9, the seed article’s (legacy)',
      clusterCIDR: 'Cluster CIDR',
      clusterCIDRHint: 'The pods’ range, to tell traffic from pods apart; empty: none',
      masqueradeAll: 'Masquerade all Service traffic (--masquerade-all)',
      masqueradeBit: 'Masquerade mark bit',
      masqueradeBitHint: '0–31; 14 is the mark 0x4000',
      randomFully: 'MASQUERADE with --random-fully',
      localhostNodePorts: 'NodePorts on 127.0.0.1 too (current only)',
      nodePortAddresses: 'NodePort addresses',
      nodePortAddressesHint: 'CIDRs (current only); empty: every address of the node',
    },
    service: {
      legend: 'Service {{n}}',
      add: 'Add a Service',
      remove: 'Remove Service {{n}}',
      none: 'No Services: kube-proxy writes only its base chains.',
      namespace: 'Namespace',
      name: 'Service name',
      type: 'Type',
      clusterIP: 'ClusterIP',
      externalIPs: 'External IPs',
      addressesHint: 'IPv4, separated by commas',
      loadBalancerIPs: 'Load-balancer ingress IPs',
      loadBalancerSourceRanges: 'Load-balancer source ranges',
      sourceRangesHint: 'CIDRs, separated by commas; empty: everyone',
      sessionAffinity: 'Session affinity',
      timeout: 'Affinity timeout (seconds)',
      timeoutHint: 'Empty: 10800 (3 hours)',
      externalTrafficPolicy: 'External traffic policy',
      internalTrafficPolicy: 'Internal traffic policy',
      healthCheckNodePort: 'Health-check node port',
    },
    port: {
      heading: 'Ports',
      legend: 'Port {{n}}',
      name: 'Name',
      protocol: 'Protocol',
      port: 'Port',
      targetPort: 'Target port',
      nodePort: 'Node port',
      add: 'Add a port',
      remove: 'Remove port {{n}}',
    },
    pod: {
      heading_one: 'Pods ({{count}})',
      heading_other: 'Pods ({{count}})',
      legend: 'Pod {{n}}',
      name: 'Name',
      ip: 'IP',
      nodeName: 'Node',
      ready: 'Ready',
      serving: 'Serving',
      terminating: 'Terminating',
      add: 'Add a pod',
      remove: 'Remove pod {{n}}',
      none: 'No pods: kube-proxy rejects connections to this Service.',
    },
    diff: {
      heading: 'What the last change did to the rules',
      empty: 'Change the environment to see which rules appear, vanish or change.',
      none: 'The last change left every rule as it was.',
      summary:
        '{{added, number}} appeared, {{removed, number}} vanished, {{changed, number}} changed; {{unchanged, number}} stayed the same.',
      added: 'Appeared',
      removed: 'Vanished',
      changed: 'Changed',
      chainsAdded: 'New chains: {{chains}}',
      chainsRemoved: 'Chains gone: {{chains}}',
      before: 'before',
      after: 'after',
      more: 'and {{count, number}} more',
    },
    export: {
      heading: 'Export',
      yaml: 'Download YAML',
      copyYaml: 'Copy YAML',
      rules: 'Download rules (iptables-save)',
      lab: 'Download lab script',
      labHint:
        'The lab script builds this environment out of network namespaces on any Linux machine, loads the rules and sends requests to the Services: sudo bash kpviz-lab.sh',
      copied: 'YAML copied.',
      copyFailed: 'Could not copy: {{reason}}',
      invalid: 'Fix the problems above to export this environment.',
    },
    import: {
      heading: 'Import YAML',
      label:
        'Services and EndpointSlices as YAML: an export, or kubectl get svc,endpointslices -o yaml',
      hint: 'YAML without kpviz’s node line keeps the node above.',
      file: 'Open a YAML file',
      apply: 'Import',
      imported: 'Imported.',
      problems: 'Problems in the YAML',
    },
    share: {
      heading: 'Share',
      hint: 'The address bar holds the whole environment (#env=…): a copy of it opens this state.',
      copy: 'Copy link',
      copied: 'Link copied.',
      restored: 'Opened the environment from the link.',
      failed: 'The link’s environment was not opened; the seed stays. {{message}}',
      invalid: 'The link’s environment has problems, so the seed stays:',
    },
  },
  source: {
    aside:
      '{{size}} MB ({{lines, number}} lines) kept as given: too big to show in the field without freezing the page.',
    clear: 'Clear it and paste other text',
    summary: 'Rule dump',
    label:
      'Paste iptables-save, iptables -S or iptables -L -n output, or Services and EndpointSlices as YAML',
    show: 'Show rules',
    example: 'Load the example',
    private: 'Everything stays in this browser: nothing you paste or open is uploaded anywhere.',
    format: 'Format',
    detect: 'Detect from the text',
    table: 'Table',
    tableFromText: 'As the text says (filter if it does not)',
    file: 'Open a file',
    drop: 'Or drop a file onto this panel.',
    starting: 'Starting…',
    progress: 'Reading line {{done, number}} of {{total, number}}',
    cancel: 'Cancel',
    failed: 'Could not read the dump: {{reason}}. The rules shown before are still shown.',
    tooBig: 'This is {{size}} MB; kpviz reads dumps up to {{max}} MB.',
    unreadable: 'Could not read {{name}}: {{reason}}',
  },
  summary: {
    label: 'What was read',
    format: 'Format',
    tables: 'Tables',
    chains: 'Chains',
    rules: 'Rules',
    services: 'Services',
    checking:
      'Reading and checking the rest of the rules; their problems will be listed when done…',
    checked_one: 'Every rule read and checked: {{count, number}} problem in all.',
    checked_other: 'Every rule read and checked: {{count, number}} problems in all.',
    stopped: 'The rest of the rules could not be read ({{reason}}): their problems are not listed.',
    number: '{{value, number}}',
  },
  format: {
    save: 'iptables-save',
    rules: 'iptables -S',
    listing: 'iptables -L -n',
    objects: 'Kubernetes objects (rules generated)',
  },
  jumps: {
    lacking:
      'No built-in chain jumps to kube-proxy’s chains in {{tables}}: this looks like the input kube-proxy gives iptables-restore, so no packet would reach them. On a node kube-proxy adds those jumps itself, with iptables -I.',
    add: 'Add kube-proxy’s jumps',
    added_one:
      '{{count}} jump kube-proxy inserts into the built-in chains was added (it has no line in the text).',
    added_other:
      '{{count}} jumps kube-proxy inserts into the built-in chains were added (they have no line in the text).',
    remove: 'Show the rules without them',
  },
  problems: {
    heading: 'Problems ({{count, number}})',
    more: 'and {{count, number}} more, not listed: fix these first.',
    context: 'Line {{line}} in context',
    error: 'error',
    warning: 'warning',
    at: '{{line}}:{{column}}',
  },
  ruleset: {
    empty: 'No tables found in this dump.',
    loading: 'Loading…',
  },
  table: {
    heading: '{{name}} table',
    more: 'Show {{count, number}} more chains ({{total, number}} not shown)',
  },
  chain: {
    showRules_one: 'Show its {{count, number}} rule',
    showRules_other: 'Show its {{count, number}} rules',
    hideRules_one: 'Hide its rule',
    hideRules_other: 'Hide its rules',
    policy: 'policy {{policy}}',
    references_one: '{{count}} reference',
    references_other: '{{count}} references',
    noRules: 'No rules',
  },
  rules: {
    uncertain: 'not simulated',
    caption: 'Rules of {{chain}}',
    number: '#',
    target: 'Target',
    text: 'Rule',
    line: 'Line',
    goto: 'goto',
    noTarget: 'none',
  },
  graph: {
    uncertain: 'not simulated: {{reasons}}',
    label: 'Packet flow through netfilter',
    side: 'Packet, search results and details',
    stage: {
      'network-in': 'Network in',
      'routing-in': 'Routing decision',
      'local-process': 'Local process',
      'routing-out': 'Routing decision (output)',
      'network-out': 'Network out',
    },
    hook: '{{table}} {{hook}}',
    node: {
      hook_one: '{{table}} table at {{hook}}, policy {{policy}}, {{count}} rule',
      hook_other: '{{table}} table at {{hook}}, policy {{policy}}, {{count}} rules',
      chain_one: 'chain {{chain}}, {{count}} rule',
      chain_other: 'chain {{chain}}, {{count}} rules',
      labelledChain_one: 'chain {{chain}} {{label}}, {{count}} rule',
      labelledChain_other: 'chain {{chain}} {{label}}, {{count}} rules',
    },
    edge: {
      flow: 'packets flow from {{from}} to {{to}}',
      jump: '{{from}} jumps to {{to}}',
      goto: '{{from}} goes to {{to}}',
      return: '{{from}} returns to {{to}}',
    },
    collapse: 'Collapse {{chain}}',
    expand: 'Expand {{chain}}',
    goto: 'goto',
    noTarget: 'no target',
    noRules: 'no rules: packets return at once',
    gap_one: 'rule {{from, number}} not shown',
    gap_other: 'rules {{from, number}}–{{to, number}} not shown ({{count, number}})',
    policyAssumed: 'policy {{policy}} (the kernel’s default)',
    packets_one: '{{count}} packet',
    packets_other: '{{count}} packets',
    hidden_one:
      '{{count, number}} chain not drawn: focus a Service, search, or open a chain from its rule.',
    hidden_other:
      '{{count, number}} chains not drawn: focus a Service, search, or open a chain from its rule.',
  },
  focus: {
    showing: 'Showing the chains of {{service}} only.',
    all: 'Show all Services',
  },
  search: {
    label: 'Search',
    placeholder: 'IP, port, chain or comment',
    results: 'Search results',
    searching: 'Searching…',
    none: 'No matches.',
    count_one: '{{count, number}} match',
    count_other: '{{count, number}} matches',
    more: 'and {{count, number}} more',
  },
  details: {
    uncertain: 'Not simulated',
    heading: 'Details',
    empty: 'Select a chain or a rule to see it in full.',
    chain: 'Chain {{chain}}',
    hook: '{{table}} table at {{hook}}',
    rule: 'Rule {{index}} of {{chain}}',
    table: 'Table',
    service: 'Service',
    policy: 'Policy',
    rules: 'Rules',
    save: 'As iptables-save writes it',
    line: 'Line',
    noLine: 'not known',
    target: 'Target',
    matches: 'Matches',
    comment: 'Comment',
    packets: 'Packets',
    goTo: 'Go to {{chain}}',
    showChain: 'Show {{chain}}',
    chainOf: 'Back to {{chain}}',
  },
  flow: {
    nodeDescription:
      'Press Enter to show this chain in the details panel and move to its rules: ↑ and ↓ go from rule to rule, Escape back to the chain. Arrow keys on a chain move to the nearest chain in that direction.',
    nodeDescriptionNoKeyboard: 'Select a chain to show it in the details panel.',
    nodeMoved: 'Moved {{direction}} to {{x}}, {{y}}',
    edgeDescription: 'A jump or flow between two chains.',
    controls: 'Graph controls',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fitView: 'Fit view',
    interactive: 'Toggle interactivity',
    minimap: 'Overview map',
    handle: 'Rule handle',
  },
  services: {
    heading: 'Services',
    count_one: '{{count, number}} Service port found in the rules',
    count_other: '{{count, number}} Service ports found in the rules',
    find: 'Find a Service',
    placeholder: 'Name, IP, port or endpoint',
    list: 'Services found',
    empty: 'No Services in this dump.',
    none: 'No Service matches.',
    more_one: '{{count, number}} more — refine the search',
    more_other: '{{count, number}} more — refine the search',
    kind: {
      cluster: 'ClusterIP',
      nodeport: 'NodePort',
      loadbalancer: 'LoadBalancer IP',
      external: 'External IP',
    },
    endpoints: 'Endpoints',
    noEndpoints: 'none',
    from: {
      comments: 'named in kube-proxy’s comments',
      rules: 'inferred from the rules (no comments)',
    },
    affinity: 'session affinity',
    refused: {
      REJECT: 'REJECT: no endpoints',
      DROP: 'DROP: no local endpoints',
    },
    scenarios: 'Trace a packet:',
    scenario: {
      pod: 'From a pod',
      node: 'From the node',
      outside: 'From outside',
    },
    unreachable: {
      pod: 'The Service has no address to send to.',
      node: 'The Service has no address to send to.',
      outside: 'No NodePort, load balancer or external IP: nothing to reach from outside.',
    },
  },
  packet: {
    heading: 'Custom packet',
    src: 'Source',
    srcHint: 'IP or IP:port',
    dst: 'Destination',
    dstHint: 'IP:port',
    protocol: 'Protocol',
    from: 'Enters',
    fromExternal: 'from outside',
    fromLocal: 'from the node (local)',
    fromInterface: 'on {{name}}',
    nodeIPs: 'Node IPs',
    nodeIPsHint: 'The node’s own addresses: IP or IP/prefix, comma-separated',
    interfaces: 'Extra interfaces',
    interfacesHint: 'One NAME=CIDR[,CIDR] a line, e.g. cni0=10.244.0.1/24',
    mode: 'Mode',
    single: 'one random choice',
    all: 'every branch',
    trace: 'Trace',
    again: 'Draw another path',
    problem: '{{field}}: {{message}}',
    problemLine: '{{field}}, line {{line}}: {{message}}',
    standaloneLine: 'Line {{line}}: {{message}}',
  },
  play: {
    heading: 'Play a packet',
    scenario: 'Scenario',
    none: 'Choose a scenario…',
    onRules: 'On the rules on screen',
    examples: 'Example clusters (loads their rules)',
    ownPacket: 'Your own packet',
    rules: {
      'nodeport-external': 'External client → NodePort',
      'node-to-clusterip': 'Node process → ClusterIP',
      'pod-to-clusterip': 'Pod → ClusterIP',
      hairpin: 'Hairpin: a pod reaches its own Service',
    },
    example: {
      'nodeport-external': 'External client → NodePort',
      'node-to-clusterip': 'Node process → ClusterIP',
      'pod-to-clusterip': 'Pod → ClusterIP',
      hairpin: 'Hairpin: a pod reaches its own Service',
      loadbalancer: 'External client → LoadBalancer IP',
      'loadbalancer-source-ranges': 'LoadBalancer with loadBalancerSourceRanges',
      'loadbalancer-source-ranges-routed':
        'Source ranges, load-balancer IP only routed to the node',
      'no-endpoints': 'Service without endpoints: REJECT',
      'etp-local-with-endpoint': 'externalTrafficPolicy Local, endpoint on this node',
      'etp-local-without-endpoint': 'externalTrafficPolicy Local, no endpoint on this node',
      'session-affinity': 'sessionAffinity: ClientIP',
      'udp-dns': 'UDP: a DNS query to the cluster DNS',
    },
    custom: 'The packet of the form below',
    running: 'Running the packets…',
    unavailable: {
      'no-service': 'The rules on screen have no Service to send this packet to.',
      'no-nodeport': 'No Service of the rules on screen has a NodePort.',
      'no-endpoints': 'No Service of the rules on screen has endpoints to reach this way.',
      node: 'The node’s addresses in the packet form do not read: {{message}}',
      form: 'Fill in the packet form below (source, destination, protocol) to play your own packet.',
    },
    failed: 'Not played: {{message}}',
    exampleLoaded: 'The rules on screen are this example cluster’s, as kube-proxy writes them.',
    restore: 'Back to your rules',
    controls: 'Playback',
    play: 'Play',
    pause: 'Pause',
    forward: 'Step forward',
    back: 'Step back',
    restart: 'Restart',
    speed: 'Speed',
    speedValue: '{{speed}}×',
    position: 'Step {{step}} of {{total}}',
    keys: 'Keys: Space plays or pauses, ← and → step, Home and End go to the first and last step.',
    timeline: 'Steps',
    role: {
      request: 'Request',
      reply: 'Reply',
      again: 'Same connection',
    },
    leg: '{{role}}: {{label}}',
    packet: 'Packet',
    field: {
      src: 'Source',
      dst: 'Destination',
      protocol: 'Protocol',
      mark: 'Mark',
      ctState: 'Conntrack state',
      inInterface: 'In interface',
      outInterface: 'Out interface',
      original: 'Conntrack original',
      reply: 'Conntrack reply',
    },
    changed: 'changed by this step',
    unconfirmed: 'not yet in the table',
    noneValue: '—',
    where: 'At',
    rule: 'Rule',
    narration: 'Narration',
    event: {
      enter: 'enters',
      conntrack: 'conntrack',
      'nat-skipped': 'nat not walked',
      'nat-reverse': 'conntrack NAT',
      policy: 'policy',
      route: 'routing',
      reroute: 're-routing',
      martian: 'martian',
      deliver: 'delivered',
      forward: 'sent out',
      confirm: 'confirmed',
      drop: 'dropped',
      loopback: 'loopback',
    },
    offGraph: 'This step happens in a chain the graph does not show.',
  },
  trace: {
    leftOut_one:
      'Line {{lines}} has an error and was left out. iptables-restore would refuse this whole dump; the trace shows what the rest would do.',
    leftOut_other:
      'Lines {{lines}} have errors and were left out. iptables-restore would refuse this whole dump; the trace shows what the rest would do.',
    heading: 'Trace',
    empty: 'Fill in a packet and press Trace, or choose a Service and a packet to send it.',
    tracing: 'Tracing…',
    failed: 'Not traced:',
    line: 'line {{line}}',
    fromLocal: 'sent by a process on the node (OUTPUT)',
    fromInterface: 'arriving on {{name}} (PREROUTING)',
    modeAll_one: 'Every branch: {{count}} outcome',
    modeAll_other: 'Every branch: {{count}} outcomes',
    modeSingle: 'One random choice (seed {{seed}})',
    outcome: 'Outcome {{n}} of {{total}}: {{percent}}',
    outcomeSingle: 'Outcome',
    verdict: 'Verdict',
    delivery: 'Delivery',
    deliveryLocal: 'to a socket on the node',
    deliveryForward: 'forwarded out of {{dev}}',
    deliveryOutput: 'sent by the node out of {{dev}}',
    none: 'none',
    final: 'Final header',
    uncertainHeading: 'Not certain',
    counters: 'Rules whose counters move',
    noCounters: 'No rule matched.',
    steps: 'Steps',
    skipOne: 'rule {{first}} passed over (no match)',
    skipMany: 'rules {{first}}–{{last}} passed over (no match)',
    matched: 'matched',
    passedOver: 'passed over',
    random: 'random: {{percent}}',
    uncertain: 'uncertain',
    mark: 'mark {{mark}}',
    in: 'in {{dev}}',
    out: 'out {{dev}}',
    event: {
      enterLocal: 'a process on the node sends the packet: OUTPUT',
      enterInterface: 'the packet arrives on {{dev}}: PREROUTING',
      conntrackNew: 'conntrack: the first packet of a new connection (NEW)',
      conntrackKnown: 'conntrack: a packet of a known connection ({{state}})',
      policy: 'end of {{chain}}: policy',
      routeForward: 'routing: {{dst}} is not the node’s, forwarded out of {{dev}} → FORWARD',
      routeOut: 'routing: {{dst}} leaves by {{dev}}',
      reroute: 'routing again after DNAT: {{dst}} leaves by {{dev}}',
      sent: 'sent out of {{dev}}',
      deliver: 'delivered to a socket on the node ({{dst}})',
      confirm: 'conntrack confirms the connection: replies will be recognised',
      loopback: 'through lo back into the node: PREROUTING, then INPUT',
    },
  },
  split: {
    /** Between two sentences: a space in English, nothing in Chinese. */
    gap: ' ',
    heading: 'Random split',
    intro:
      'For each new connection {{chain}} picks an endpoint: its rules are tried in order, and a rule with a random match takes its probability of the connections that reach it.',
    caption: 'How {{chain}} shares out new connections',
    column: {
      rule: 'Rule',
      written: 'Probability as written',
      held: 'Kernel holds',
      reach: 'Reaches this rule',
      share: 'Exact share',
      endpoint: 'Endpoint',
      observed: 'Observed',
      range: 'Likely range',
    },
    always: 'no random match: always',
    stored: '{{stored}}/2³¹',
    meant: '{{fraction}} ({{value}})',
    noAddress: 'address not found',
    theRest: 'the rest',
    affinity_one:
      'Rule {{rules}} comes before the split: session affinity (-m recent --rcheck) sends a client seen recently back to the same endpoint. It is no part of the split: only connections from a client no affinity rule knows reach the draw, and the shares below are theirs.',
    affinity_other:
      'Rules {{rules}} come before the split: session affinity (-m recent --rcheck) sends a client seen recently back to the same endpoint. They are no part of the split: only connections from a client no affinity rule knows reach the draw, and the shares below are theirs.',
    arithmetic: {
      lead: 'Each rule sees only the connections the rules above it let through: ',
      first: 'rule {{rule}} takes {{probability}} of all',
      next: 'rule {{rule}} takes {{probability}} of the remaining {{reach}} = {{share}}',
      rest: 'rule {{rule}} takes the rest, {{share}}',
      separator: '; ',
      more: '…',
      end: '. ',
      even: 'So each of the {{n}} endpoints gets 1/{{n}}: the split is even.',
      uneven: 'So these rules give the endpoints {{shares}}: uneven by design.',
      inexact:
        'Each rule takes its probability of the connections that reach it; the table shows what that leaves each endpoint.',
      single: 'One endpoint: its rule has no random match and takes every new connection (100%).',
    },
    notShares:
      'A rule’s probability is not its endpoint’s share. Read as shares, {{probabilities}} look uneven — the seed article concludes that the split is uneven — but rule {{rule}}’s {{probability}} applies only to the {{reach}} of connections the rules above it let through.',
    kernel: {
      held: 'The kernel keeps a probability as a whole number of 2⁻³¹, round(p·2³¹): {{written}} is held as {{stored}}/2³¹ = {{held}}.',
      printed:
        'The kernel keeps a probability as a whole number of 2⁻³¹, round(p·2³¹), and iptables prints it back with 11 decimals: {{held}} is {{stored}}/2³¹.',
      wrote5: 'kube-proxy wrote {{text}}: 1/{{k}} to 5 decimals, as it did before v1.17.',
      wrote10: 'kube-proxy wrote {{text}}: 1/{{k}} to 10 decimals, as it does since v1.17.',
      close: 'So the shares are {{shares}}: equal to within {{spread}}, not uneven.',
      closeRange:
        'So the shares lie between {{min}} and {{max}}: equal to within {{spread}}, not uneven.',
      exactly:
        'These probabilities are whole numbers of 2⁻³¹ as written, so the kernel’s shares are exactly equal.',
      drift:
        'kube-proxy meant 1/{{n}} each, but its probabilities, rounded to a few decimals, leave shares from {{min}} to {{max}}. kube-proxy v1.17 and later write 10 decimals, which keeps them even.',
      detect: 'Telling them apart by counting would take about {{packets}} new connections.',
    },
    unreached:
      'No rule takes {{share}} of new connections: they reach the end of the chain and go back to the chain that jumped here.',
    choice: {
      legend: 'Endpoint choice',
      random: 'Random',
      endpoint: 'Pick endpoint {{n}} ({{address}})',
      again: 'Draw again',
    },
    sample: {
      button: 'Send {{packets}} packets',
      sending: 'Sending {{packets}} packets…',
      result: '{{packets}} new connections: {{counts}}.',
      item: '{{number}} to {{address}}',
      other: '{{number}} reached no endpoint of this split.',
      failed: 'The packets could not be sent: {{message}}',
      observed: '{{number}} ({{percent}})',
      range: '{{low}}–{{high}}',
      honest:
        'Counts stray from the exact shares by chance: each is a draw of Binomial({{packets}}, share), which lands within two standard deviations of {{packets}} × share about 19 times in 20 — the likely range, ±{{margin}} packets for a share of {{share}}.',
    },
  },
  embed: {
    label: 'kpviz: a packet through kube-proxy’s rules',
    graph: 'The rules as a graph of chains',
    graphAt: 'The rules as a graph of chains; the packet is at {{place}}',
    graphPlaceRule: '{{place}}, rule {{index}}',
    graphKeys: 'Arrow keys pan the graph, + and − zoom it, 0 fits it.',
    wheelHint: 'Ctrl + wheel (⌘ + wheel on a Mac) zooms the graph',
    touchHint: 'Two fingers move and zoom the graph',
    problems: 'Not shown as configured: {{problems}}',
  },
  presenter: {
    enter: 'Presenter view',
    leave: 'Leave presenter view',
    heading: 'Presenter view',
    contrast: 'High contrast',
    keys: 'Keys: PageDown, → or a clicker’s next steps forward; PageUp or ← steps back; Space plays or pauses; Home and End go to the first and last step; Escape leaves.',
    noScenario: 'Choose a scenario to present.',
  },
  quiz: {
    toggle: 'Quiz',
    heading: 'Question',
    progress: 'Question {{n}} of {{total}}',
    check: 'Check answer',
    choose: 'Choose an answer, then check it.',
    correct: 'Correct: {{answer}}.',
    incorrect: 'Not quite. The answer is: {{answer}}.',
    why: 'Why',
    continue: 'Continue',
    prompt: {
      chain:
        'The packet is about to walk {{table}} {{chain}}. Which chain does a rule there send it to next?',
      endpoint:
        'The packet reaches {{chain}}: its rules draw one of {{count}} endpoint chains at random. Which one will this packet take? Each answer shows its chance.',
      route:
        'DNAT has rewritten the destination to {{dst}}. Which way does routing send the packet now?',
      masquerade:
        'The packet from {{src}} reaches POSTROUTING on its way out of {{dev}}. Is its source rewritten, and to what?',
    },
    option: {
      chain: '{{chain}}',
      endpoint: '{{chain}} → {{address}} (chance {{share}})',
      dev: 'Out of {{dev}}',
      local: 'Up to a process of this node (INPUT)',
      keep: 'No: the source stays {{src}}',
      snat: 'Yes: to {{to}}',
    },
  },
  narration: {
    enter: {
      local:
        'A process on the node sends {{src}} → {{dst}} ({{protocol}}): a locally generated packet starts at the OUTPUT hook.',
      interface:
        '{{src}} → {{dst}} ({{protocol}}) arrives on {{dev}}: a packet arriving on an interface starts at the PREROUTING hook.',
      replyLocal:
        'The answer: a process on the node replies {{src}} → {{dst}}, starting at OUTPUT.',
      replyInterface: 'The answer: {{src}} → {{dst}} arrives on {{dev}}, at PREROUTING.',
      againLocal:
        'The client’s next packet on the same connection: {{src}} → {{dst}} again, from a process on the node (OUTPUT).',
      againInterface:
        'The client’s next packet on the same connection: {{src}} → {{dst}} again, arriving on {{dev}} (PREROUTING).',
      whyLocal:
        'Locally generated packets never pass PREROUTING, which only sees packets arriving on an interface. That is why kube-proxy puts the jump to KUBE-SERVICES (“kubernetes service portals”) in nat OUTPUT as well as in nat PREROUTING: the node’s own processes use Services too.',
      whyInterface:
        'nat PREROUTING jumps to KUBE-SERVICES (“kubernetes service portals”) before routing, so a Service address is translated before the kernel decides where the packet goes. The node’s own processes never pass here: the same jump sits in nat OUTPUT for them.',
      whyReply:
        'The endpoint answers the address the request reached it from, {{dst}}; it knows nothing of the Service. conntrack on this node recognises the answer and undoes the translations the request got.',
      whyAgain:
        'It is addressed exactly like the first packet, but this time conntrack knows the connection.',
    },
    conntrack: {
      new: 'conntrack has no entry for {{tuple}}: this is the first packet of a new connection (NEW).',
      whyNew:
        'Only a connection’s first packet walks the nat table. What its rules decide — DNAT to a pod, masquerading — becomes the connection’s binding, which conntrack applies to every later packet and undoes on the replies.',
      known: 'conntrack finds {{tuple}} in its table, in the original direction: state {{state}}.',
      whyKnown:
        'Its NAT was decided by the connection’s first packet: the nat chains are not walked again, and conntrack rewrites this packet the same way.',
      reply:
        'conntrack recognises {{tuple}} as the reply tuple of a known connection: state {{state}}.',
      whyReply:
        'When the request was translated, conntrack rewrote the connection’s reply tuple to match the answer the endpoint would send. So the answer is recognised, and conntrack can undo the translations.',
      invalid:
        'conntrack: this packet belongs to no connection and cannot start one (state INVALID).',
      whyInvalid:
        'No NAT applies to it. Rules can match it with `--ctstate INVALID`: kube-proxy’s KUBE-FORWARD drops such packets, unless net.netfilter.nf_conntrack_tcp_be_liberal is set.',
      untracked:
        'A NOTRACK rule in the raw table told conntrack to leave this packet alone (state UNTRACKED).',
      whyUntracked:
        'Without a connection the nat table is not consulted: no Service translation applies to this packet.',
    },
    natSkipped: {
      known: 'nat {{hook}} is not walked: this is not the connection’s first packet.',
      whyKnown:
        'The nat table is consulted once per connection. Its decision is kept in conntrack and applied to every later packet, so all of them reach the same pod; a new random choice per packet would tear the connection apart.',
      whyReply:
        'A reply never walks the nat chains: conntrack undoes the bindings the request made instead.',
      bound:
        'nat {{hook}} is not walked: this connection’s {{kind}} was already decided at an earlier hook.',
      whyBound:
        'A connection gets one destination binding (nat PREROUTING or OUTPUT) and one source binding (nat INPUT or POSTROUTING). A packet looped back through lo had its destination decided in OUTPUT already.',
    },
    natReverse: {
      undoSnat:
        'conntrack undoes the request’s source NAT: destination {{from}} → {{to}}, back to the client.',
      whyUndoSnat:
        'The endpoint answered the address the request was translated to, which brings the answer back to this node; the connection’s entry says who really asked.',
      undoDnat: 'conntrack undoes the DNAT: source {{from}} → {{to}}.',
      whyUndoDnat:
        'The client sees {{to}} answer — the address it sent to — not {{from}}, the endpoint behind it. An answer from an address it never talked to would match none of its sockets and be dropped or reset.',
      applyDnat: 'conntrack applies the connection’s DNAT: destination {{from}} → {{to}}.',
      whyApplyDnat:
        'The same destination the connection’s first packet got, without walking the nat chains or drawing a random split again.',
      applySnat: 'conntrack applies the connection’s source NAT: source {{from}} → {{to}}.',
      whyApplySnat:
        'Every packet of the connection leaves with the same source, so the endpoint sees one peer throughout.',
    },
    route: {
      forward:
        'Routing: {{dst}} is not an address of this node, so the packet is forwarded out of {{dev}} (filter FORWARD, then POSTROUTING).',
      whyForwardDnat:
        'Routing comes after nat PREROUTING, so it sees the destination DNAT wrote: the packet sent to {{original}} now goes to {{dst}}, through FORWARD rather than INPUT.',
      local:
        'Routing: {{dst}} is an address of this node, so the packet goes to INPUT, for a socket on the node.',
      unreachable: 'Routing: no route to {{dst}}; the packet is dropped.',
      noForward:
        'Routing: the packet is not for this node and net.ipv4.ip_forward is 0, so it is dropped.',
      output: 'Routing a locally generated packet comes first: {{dst}} leaves by {{dev}}.',
      whyOutput:
        'This route is chosen for the destination the socket used; if nat OUTPUT rewrites that destination, the kernel routes the packet again.',
      outputUnreachable:
        'Routing: no route to {{dst}}; the sending socket gets “network unreachable”.',
    },
    reroute: {
      what: 'Routed again after DNAT: the new destination {{dst}} leaves by {{dev}}.',
      why: 'The first route was chosen for {{original}}, before nat OUTPUT; DNAT changed the destination, so the kernel looks the route up again.',
    },
    martian: {
      sourceBroadcast:
        'Routing drops the packet as a martian: its source {{src}} is a multicast or broadcast address, which no packet can come from.',
      sourceZeronet:
        'Routing drops the packet as a martian: its source {{src}} is in 0.0.0.0/8, which no packet can come from.',
      destinationZeronet:
        'Routing drops the packet as a martian: its destination {{dst}} is in 0.0.0.0/8, which no packet can be sent to.',
      sourceLocalnet:
        'Routing drops the packet as a martian: its source {{src}} is a loopback address (127.0.0.0/8), yet it arrives from outside, and route_localnet is 0.',
      destinationLocalnet:
        'Routing drops the packet as a martian: its destination {{dst}} is a loopback address (127.0.0.0/8), yet it arrives from outside, and route_localnet is 0.',
      sourceOwn:
        'Routing drops the packet as a martian: its source {{src}} is one of this node’s own addresses, yet it arrives from outside.',
      other: 'Routing drops the packet as a martian: its addresses cannot be real.',
      whyLocalnet:
        'The kernel accepts 127.0.0.0/8 in a packet from outside only with net.ipv4.conf.all.route_localnet=1; kube-proxy sets it so that NodePorts answer on 127.0.0.1.',
    },
    deliver: {
      what: 'Delivered to a socket on the node, listening on {{dst}}.',
      reply: 'The client process on the node receives the answer, from {{src}}.',
      whyReply:
        'It connected to {{src}}, and that is who answers: the DNAT to {{endpoint}} stays invisible to it.',
    },
    sent: {
      what: 'Sent out of {{dev}}: {{src}} → {{dst}}.',
      whyReply:
        'The client sees {{src}} answer — the address it sent to — not {{endpoint}}: conntrack undid the translations on the way out.',
      whyMasqueraded:
        'The endpoint sees the connection come from {{src}}, not from {{client}}: its answer will come back through this node.',
    },
    confirm: {
      what: 'conntrack confirms the connection as its first packet leaves the last hook: {{original}} enters the table, with the reply tuple {{reply}}.',
      why: 'An entry is only added once its first packet has passed every hook, so a dropped packet leaves none. From now on a packet matching the reply tuple is recognised as the answer and translated back.',
    },
    policy: {
      what: 'End of {{table}} {{chain}}: no rule decided, so the chain’s policy applies: {{verdict}}.',
      whyNat:
        'No DNAT or SNAT rule fired at this hook: the connection gets no translation here, and conntrack remembers that too, so its later packets do not walk these chains either.',
    },
    drop: {
      rule: 'The walk ends: rule {{rule}} dropped the packet, silently.',
      rejected:
        'The walk ends: rule {{rule}} rejected the packet; the sender gets an error at once.',
      queue:
        'The walk ends: rule {{rule}} hands the packet to a userspace program (QUEUE). kpviz simulates none, and with no program listening the kernel drops the packet.',
      policy: 'The walk ends: the policy of {{table}} {{chain}} dropped the packet, silently.',
      martian: 'The walk ends: routing dropped the martian packet, silently.',
      noRoute: 'The walk ends: there is no route to {{dst}}, so the packet is dropped.',
      noForward:
        'The walk ends: the packet is not for this node and net.ipv4.ip_forward is 0, so it is dropped.',
      multicast:
        'The walk ends here: kpviz does not simulate multicast routing, so the packet is shown dropped.',
      other: 'The walk ends: {{verdict}}.',
    },
    loopback: {
      what: 'The destination is this node itself: the packet goes out through lo and comes straight back in, through PREROUTING and then INPUT.',
      why: 'conntrack already tracks it and nat OUTPUT already decided its destination, so nat PREROUTING is not walked again.',
    },
    rule: {
      jump: 'All its matches hold: the packet jumps to {{target}}, and comes back to the next rule here if {{target}} returns.',
      goto: 'All its matches hold: the packet goes to {{target}} (goto: when {{target}} ends, the walk returns to the chain that called this one, not here).',
      accept:
        'All its matches hold: ACCEPT. The packet is done with the {{table}} table at {{hook}}; the next table or hook takes it.',
      drop: 'All its matches hold: DROP. The packet is discarded silently.',
      reject:
        'All its matches hold: REJECT. The packet is discarded, and the sender gets {{with}}.',
      return:
        'All its matches hold: RETURN. The walk goes back to the rule after the jump that led into {{chain}}.',
      returnBuiltin:
        'All its matches hold: RETURN in the built-in chain {{chain}}, so the chain’s policy decides.',
      verdict: 'All its matches hold: {{verdict}}.',
      continue:
        'All its matches hold: the target {{target}} acts, and the walk goes on with the next rule.',
      continueUnnamed:
        'All its matches hold: its target acts without ending the walk, which goes on with the next rule.',
      noTarget:
        'All its matches hold, but the rule has no target: only its counters move, and the walk goes on.',
      passed: 'Passed over: {{failed}} does not hold for this packet.',
    },
    uncertain: {
      matchUnknown:
        'kpviz does not know the match -m {{module}}, so it cannot be sure of this rule: it counts it as not matching.',
      matchNotSimulated:
        'kpviz does not simulate the match -m {{module}}, so it cannot be sure of this rule: it counts it as not matching.',
      optionUnknown:
        'kpviz does not know the option --{{option}} of -m {{module}}, so it cannot be sure of this rule: it counts it as not matching.',
      optionUnreadable:
        'kpviz cannot read the argument of --{{option}} (-m {{module}}), so it cannot be sure of this rule: it counts it as not matching.',
      optionNotSimulated:
        '--{{option}} of -m {{module}} tests something kpviz does not simulate, so it cannot be sure of this rule: it counts it as not matching.',
      recentNoCommand:
        'This -m recent names none of --set, --rcheck, --update or --remove, so kpviz cannot be sure of the rule: it counts it as not matching.',
      ipsetMembers:
        'kpviz does not know the members of ipset {{set}}, so it cannot be sure of this rule: it counts it as not matching.',
      macUnknown:
        'The packet’s source MAC address is not given, so kpviz cannot be sure of this -m mac rule: it counts it as not matching.',
      targetUnknown:
        'kpviz does not know the target {{target}}: the walk goes on as if it did nothing, which the kernel may not do.',
      targetNotSimulated:
        'kpviz does not simulate the target {{target}}: the walk goes on as if it did nothing, which the kernel may not do.',
      targetUnreadable:
        'kpviz cannot read --{{option}} of the target {{target}}, so it cannot be sure what this rule does.',
      natRandomFully:
        'With --random-fully the kernel picks the source port at random; the packet’s own port is shown.',
      natRandomPort: 'The kernel picks a port of {{low}}–{{high}} at random; the first is shown.',
      natAddressHash:
        'The kernel picks one address of {{low}}–{{high}} by a hash of the connection; the first is shown.',
      natPortTaken:
        '{{address}}:{{port}} is held by another connection to the same peer, so the kernel picks another port at random; {{other}} is shown.',
      other: 'kpviz cannot be sure of this rule.',
    },
    skip: {
      one: 'Rule {{first}} of {{chain}} is passed over: its matches do not all hold.',
      many: 'Rules {{first}}–{{last}} of {{chain}} are passed over: none of them matches.',
    },
    effect: {
      dnat: 'DNAT rewrites the destination: {{from}} → {{to}}.',
      whyDnat:
        'conntrack keeps the translation with the connection: its later packets go to {{to}} without walking the nat table, and replies from {{to}} are rewritten to come from {{from}}.',
      snat: 'SNAT rewrites the source: {{from}} → {{to}}.',
      whySnat:
        'conntrack keeps the translation: the answer comes back to {{to}}, and conntrack sends it on to {{from}}.',
      masquerade:
        'MASQUERADE rewrites the source to the address of {{dev}}, the interface the packet leaves by: {{from}} → {{to}}.',
      masqueradeSame:
        'MASQUERADE takes the address of {{dev}}, the interface the packet leaves by; the source {{src}} already is that address, so it stays.',
      redirect:
        'REDIRECT rewrites the destination to an address of the node itself: {{from}} → {{to}}.',
      mark: 'MARK sets the packet mark: {{from}} → {{to}}; the walk goes on.',
      whyMark:
        'The mark is a note on the packet inside this node, never sent on the wire: later rules (`-m mark`) and routing can act on it.',
      connmark: 'CONNMARK sets the connection’s mark: {{from}} → {{to}}; the walk goes on.',
      log: '{{target}} logs the packet to the kernel log, and the walk goes on.',
      notrack: 'NOTRACK: conntrack will leave this packet alone, so no NAT will apply to it.',
    },
    random: {
      held: 'The random match holds: `--probability {{probability}}` takes {{fraction}} of the packets that reach this rule, and this one is among them. It jumps to {{target}}.',
      passed:
        'The random match does not hold: `--probability {{probability}}` takes only {{fraction}} of the packets that reach this rule. This one falls through to the next rule.',
      rest: 'The last rule has no random match: it takes every packet the rules above let through, to {{target}}.',
    },
    split: {
      even: '{{reach}} of new connections get this far, and this rule’s endpoint gets {{share}} of them all. The split is even — {{n}} endpoints, {{share}} each — because each rule takes 1/k of what the rules above left, k being the endpoints still to choose from.',
      evenFirst:
        'Every new connection reaches this first rule, so its endpoint gets {{share}} of them. The split is even — {{n}} endpoints, {{share}} each — because each rule takes 1/k of what the rules above left, k being the endpoints still to choose from.',
      uneven:
        '{{reach}} of new connections get this far, and this rule’s endpoint gets {{share}} of them all. The endpoints’ shares: {{shares}}.',
      unevenFirst:
        'Every new connection reaches this first rule, so its endpoint gets {{share}} of them. The endpoints’ shares: {{shares}}.',
      kube: 'kube-proxy gives each endpoint’s rule 1/k of the connections that reach it, k being the endpoints still to choose from (for three: 1/3, then 1/2 of the other 2/3, then the rest), so every endpoint gets the same share.',
    },
    kube: {
      portals:
        'nat {{hook}} jumps to KUBE-SERVICES (“kubernetes service portals”): a new connection’s first packet is checked against every Service address.',
      whyPortalsPrerouting:
        'Packets arriving on an interface — from other hosts or from pods — are caught here, before routing. The node’s own processes are caught by the same jump in nat OUTPUT.',
      whyPortalsOutput:
        'Packets of the node’s own processes never pass PREROUTING, so kube-proxy puts the same jump here.',
      postrouting: 'nat POSTROUTING jumps to KUBE-POSTROUTING (“kubernetes postrouting rules”).',
      whyPostrouting:
        'POSTROUTING is the last hook, after routing has chosen the outgoing interface: the only place a source can be rewritten. Here kube-proxy masquerades the packets it marked on the way in.',
      whyFilterServices:
        'In filter, KUBE-SERVICES and KUBE-EXTERNAL-SERVICES hold kube-proxy’s rules for Services that cannot be served: REJECT when a Service has no endpoints, DROP when a Local traffic policy finds none on this node. A Service with endpoints has no rule there.',
      clusterIP:
        '{{dst}} is the ClusterIP and port of {{service}}: the packet jumps to the Service’s chain {{target}}.',
      whyClusterIP:
        'A ClusterIP is on no interface: it exists only in rules like this one. kube-proxy writes one per Service port into KUBE-SERVICES, matching destination address, protocol and port.',
      externalIP: '{{dst}} is an external IP of {{service}}: the packet jumps to {{target}}.',
      loadBalancerIP:
        '{{dst}} is a load-balancer IP of {{service}}: the packet jumps to {{target}}.',
      whyFirewall:
        'The Service has loadBalancerSourceRanges: its KUBE-FW chain lets only those sources on.',
      nodePortsLocal:
        'KUBE-SERVICES’ last rule, `-m addrtype --dst-type LOCAL`, holds: {{dst}} is an address of this node. The packet goes on to KUBE-NODEPORTS.',
      whyNodePortsLocal:
        'It is the last rule so that every ClusterIP, external and load-balancer address is tried first. It catches any address the node holds, so a NodePort answers on every node address; a packet to another host — say, a pod connecting to some server on the Internet — is not local and is not caught.',
      nodePortsAddress:
        'KUBE-SERVICES’ last rule: {{dst}} is one of the addresses --nodeport-addresses names, so the packet goes on to KUBE-NODEPORTS.',
      whyNodePortsAddress:
        'It is the last rule so that every Service address is tried first. With --nodeport-addresses, NodePorts answer only on the addresses it names, not on every address of the node.',
      servicesPassedOne:
        'Rule {{first}} is passed over: it catches {{address}} ({{service}}), and this packet is going to {{dst}}.',
      servicesPassedMany:
        'Rules {{first}}–{{last}} are passed over: each catches one Service address and port, and none is {{dst}}.',
      whyLocalPassed:
        'KUBE-SERVICES’ last rule sends only destinations that are the node’s own addresses (`-m addrtype --dst-type LOCAL`) to KUBE-NODEPORTS. {{dst}} is not one, so no NodePort applies: traffic to other hosts is left alone.',
      nodePortMark:
        'Port {{dport}} is the NodePort of {{service}}: KUBE-NODEPORTS first marks the packet for masquerading (KUBE-MARK-MASQ), which returns here.',
      whyNodePortMasq:
        'Traffic from outside is masqueraded so that the pod’s answer comes back through this node, where conntrack undoes the DNAT. Otherwise the pod — perhaps on another node — would answer the client directly, from its own address, which the client never talked to.',
      nodePortService:
        'Then the packet goes to {{target}}, the same Service chain its ClusterIP uses.',
      nodePortExt:
        'Port {{dport}} is the NodePort of {{service}}: the packet jumps to {{target}}, the Service’s chain for traffic from outside the cluster.',
      whyNodePortExt:
        'Current kube-proxy applies the external traffic policy in KUBE-EXT: with Cluster it marks the packet for masquerading and sends it to KUBE-SVC, any endpoint; with Local it sends it to KUBE-SVL, this node’s endpoints only, unmasqueraded. (The seed’s kube-proxy marked and jumped straight from KUBE-NODEPORTS.)',
      extMark: 'KUBE-EXT marks the packet for masquerading (KUBE-MARK-MASQ), which returns here.',
      extLocalMark:
        'The source {{src}} is an address of this node: even with externalTrafficPolicy: Local, the node’s own traffic is masqueraded and may go to any endpoint.',
      extService: 'Then on to {{target}}, the chain of all the Service’s endpoints.',
      extPods:
        'The source {{src}} is a pod: a pod’s traffic to the Service’s external address is treated like traffic to its ClusterIP, and goes to {{target}}.',
      extLocal:
        'externalTrafficPolicy: Local: the packet goes to {{target}}, which holds only this node’s endpoints, and is not masqueraded.',
      whyExtLocal:
        'So the pod sees the client’s real address, {{src}}. A node without a local endpoint drops such traffic, and the load balancer’s health check (healthCheckNodePort) steers clients away from it.',
      fwAllowed:
        'The source {{src}} is within the Service’s loadBalancerSourceRanges: on to {{target}}.',
      fwOther:
        'The source {{src}} is not within the Service’s loadBalancerSourceRanges: it is not sent on to the Service, and kube-proxy drops it.',
      svcMasq:
        'The source {{src}} is outside the pod network (not in {{cidr}}): the packet is marked for masquerading.',
      svcMasqAll:
        'kube-proxy runs with --masquerade-all: every packet to the ClusterIP is marked for masquerading.',
      whySvcMasq:
        'Traffic to a ClusterIP that does not come from a pod — the node itself, or a host routed to the Service range through this node — is masqueraded, so that the pod’s answer, wherever the pod runs, comes back through this node, where conntrack undoes the DNAT.',
      svcMasqPassedPod:
        'The masquerade rule is passed over: {{src}} is a pod address (within {{cidr}}), and pods’ traffic keeps its source.',
      svcMasqPassedAddress:
        'The ClusterIP’s masquerade rule is passed over: it is for packets addressed to {{clusterIP}}, and this one is addressed to {{dst}}; the chain that sent it here has already decided on masquerading.',
      onlyEndpoint: 'The chain has a single endpoint: every packet goes to {{target}}.',
      affinity:
        'Session affinity: {{src}} was sent to {{target}} within the last {{seconds}} seconds, so it goes there again.',
      whyAffinity:
        '`-m recent --rcheck` looks the source address up in the list that endpoint’s DNAT rule fills (`--set`): a client sticks to one pod for sessionAffinityConfig’s timeout, and only new clients reach the random split.',
      hairpin:
        'The source {{src}} is this endpoint itself: a pod reaching itself through its own Service (hairpin). The packet is marked for masquerading.',
      whyHairpin:
        'After DNAT the pod would receive a packet from its own address and answer itself directly, inside its own network namespace, never passing the conntrack entry that turns the answer back into the Service’s address. Masqueraded, the packet comes from the node, and the answer returns through it.',
      hairpinPassed:
        'Rule 1, the hairpin check (`-s <this pod> -j KUBE-MARK-MASQ`), is passed over: {{src}} is not this endpoint’s own address.',
      dnat: 'DNAT rewrites the destination: {{from}} → {{to}}. The packet is now addressed to the pod.',
      whyDnat:
        'conntrack records this in the connection’s reply tuple (answers come from {{to}}): later packets of the connection go to the same pod without walking KUBE-SERVICES again, and answers are rewritten to come from {{from}}.',
      markMasq:
        'KUBE-MARK-MASQ sets the masquerade bit of the packet mark: {{from}} → {{to}}. Then the walk returns to the chain that jumped here.',
      whyMarkMasq:
        'The decision to masquerade is taken here, in nat {{hook}}, but a source can only be rewritten in POSTROUTING, once routing has chosen the interface whose address MASQUERADE takes. So the packet carries a note — the mark — and KUBE-POSTROUTING masquerades whatever carries it.',
      unmark:
        'KUBE-POSTROUTING clears the masquerade bit before masquerading: {{from}} → {{to}} (`--xor-mark {{bit}}`, which iptables-save prints as `--set-xmark {{bit}}/0x0`).',
      whyUnmark:
        'Since v1.19 (and the mid-2020 patch releases of 1.16–1.18), kube-proxy clears the mark so that a packet that goes through the network stack again — VXLAN encapsulation reuses the packet, mark included — is not masqueraded a second time.',
      masquerade:
        'MASQUERADE rewrites the source to the address of {{dev}}, the interface the packet leaves by: {{from}} → {{to}}.',
      whyMasquerade:
        'conntrack records the new source: the pod answers {{to}}, this node receives the answer, and conntrack sends it on to {{from}}.',
      masqueradeMarked:
        'The packet carries the mark {{mark}} (`mark match {{mark}}/{{mark}}`), so MASQUERADE rewrites its source to the address of {{dev}}, the interface it leaves by: {{from}} → {{to}}.',
      whyMasqueradeMarked:
        'This kube-proxy leaves the mark on the packet; v1.19 and later clear it first (`--xor-mark`). conntrack records the new source: the pod answers {{to}}, and conntrack sends the answer on to {{from}}.',
      postroutingReturn:
        'The packet does not carry the mark {{mark}}: RETURN, nothing to masquerade.',
      whyPostroutingReturn:
        'Only packets KUBE-MARK-MASQ marked on the way in are masqueraded; this one leaves with its source {{src}}.',
      postroutingPassed:
        'No masquerading: the packet does not carry the mark {{mark}}, so its source {{src}} stays.',
      postroutingMarked:
        'The packet carries the mark {{mark}}: the RETURN for unmarked packets is passed over, and the packet will be masqueraded.',
      reject: '{{dst}} belongs to {{service}}, which has no endpoints: REJECT.',
      whyReject:
        'kube-proxy writes this filter rule for a Service without ready endpoints, so clients are refused at once (ICMP port unreachable) instead of waiting for a timeout.',
      dropNoLocal:
        '{{dst}} belongs to {{service}}, whose traffic policy is Local, and no endpoint runs on this node: DROP.',
      whyDropNoLocal:
        'A Local traffic policy keeps traffic on the node it arrived at; with no endpoint here it has nowhere to go. For external traffic, the load balancer’s health check (healthCheckNodePort) reports this node unhealthy, so it should send none here.',
      firewallDrop:
        'The source {{src}} is not within the loadBalancerSourceRanges for {{dst}}: KUBE-PROXY-FIREWALL drops it.',
      forwardMarked:
        'The packet carries the masquerade mark: KUBE-FORWARD accepts it (“kubernetes forwarding rules”).',
      whyForwardMarked:
        'filter FORWARD comes before POSTROUTING, so the mark is still on. kube-proxy accepts the Service traffic it marked even when the FORWARD policy is DROP (as Docker sets it).',
      forwardEstablished:
        'The packet belongs to a known connection (RELATED,ESTABLISHED): KUBE-FORWARD accepts it (“kubernetes forwarding conntrack rule”).',
      forwardInvalid: 'conntrack found the packet INVALID: KUBE-FORWARD drops it.',
    },
  },
  tour: {
    heading: 'Guided tour',
    take: 'Take the tour',
    resume: 'Resume the tour at step {{step}}',
    position: 'Step {{step}} of {{count}}',
    previous: 'Previous',
    next: 'Next',
    end: 'End tour',
    seeking: 'Playing this step’s packet…',
    missing:
      'The rules on screen do not have this moment: the tour follows the seed example, a NodePort Service with three pods. Load the example (under Rule dump) to see it on the graph.',
    steps: {
      output: {
        title: 'A process on the node: nat OUTPUT',
        text: 'A packet a process of the node sends, here to the ClusterIP 10.254.198.92:80, is routed and then meets the OUTPUT hook. The rule “kubernetes service portals” of nat OUTPUT sends every packet to KUBE-SERVICES: that is how kube-proxy sees the node’s own traffic to a Service. (The LOG rule before it is the article’s, to watch packets pass.)',
      },
      prerouting: {
        title: 'A client outside: nat PREROUTING',
        text: 'A packet from outside the node, here a client at 203.0.113.10 asking for the NodePort 192.168.0.11:32110, meets PREROUTING as it arrives. nat PREROUTING has the same rule, “kubernetes service portals”: both ways in lead to KUBE-SERVICES. The Service’s DNAT must happen here, before routing, because routing decides from the destination whether the packet is for this node (INPUT) or goes on to a pod (FORWARD).',
      },
      clusterIP: {
        title: 'KUBE-SERVICES: one rule per Service address',
        text: 'KUBE-SERVICES holds a rule for each Service IP and port. -d 10.254.198.92/32 -p tcp --dport 80 (“default/nginx-service-nodeport: cluster IP”) matches and jumps to the Service’s chain, KUBE-SVC-I64SNEMOLCWHJHS3. A packet for no Service passes every rule and goes on unchanged.',
      },
      split: {
        title: 'KUBE-SVC: a random pick, 1/3 each',
        text: 'The Service chain picks an endpoint with -m statistic --mode random: the first rule with probability 0.33333, the second with 0.5, the last always. The article reads these numbers as an uneven split, but each is the chance among the rules still left: the first pod gets 1/3, the second 1/2 of the remaining 2/3, which is 1/3, and the last the rest, 1/3. Random split, under the graph, shows the arithmetic.',
      },
      dnat: {
        title: 'KUBE-SEP: DNAT to the pod',
        text: 'An endpoint chain first marks hairpin traffic: -s 172.17.0.2 -j KUBE-MARK-MASQ catches a pod reaching its own Service, which must be masqueraded to get its answer. This packet comes from the node, so that rule is passed over. Then DNAT rewrites the destination to the pod drawn (172.17.0.2:80 for KUBE-SEP-MMWJ6M2J72TU3J64). conntrack records the rewrite, and later packets of the connection get it without walking these chains.',
      },
      nodePorts: {
        title: 'The last rule of KUBE-SERVICES: KUBE-NODEPORTS',
        text: 'A NodePort packet is addressed to the node (192.168.0.11:32110), not to a ClusterIP, so no Service rule matches it. The last rule of KUBE-SERVICES, -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS, sends any packet addressed to one of the node’s own addresses to KUBE-NODEPORTS. It must be last, so that ClusterIPs are matched first.',
      },
      mark: {
        title: 'KUBE-NODEPORTS: the 0x4000 mark',
        text: 'The first rule of KUBE-NODEPORTS for --dport 32110 jumps to KUBE-MARK-MASQ, which sets the mark 0x4000 and returns (mark in Packet: 0x0 → 0x4000); the next rule jumps to the same KUBE-SVC chain as the ClusterIP. The mark asks for masquerading on the way out: the pod must answer through this node, the only one that can undo the DNAT.',
      },
      masquerade: {
        title: 'KUBE-POSTROUTING: MASQUERADE',
        text: 'As the packet leaves, nat POSTROUTING jumps to KUBE-POSTROUTING, whose rule matches the mark 0x4000/0x4000 and masquerades: the source 203.0.113.10 becomes the node’s address on the way out (172.17.0.1, its bridge to the pods). The pod sees the node as its client, so its answer comes back here. A node process’s packet carries no mark and keeps its source.',
      },
      wayBack: {
        title: 'The way back: conntrack undoes both',
        text: 'The pod’s answer (172.17.0.2:80 → 172.17.0.1) walks no nat chain: conntrack knows it by the connection’s reply tuple and undoes both rewrites, the MASQUERADE (the destination is the client, 203.0.113.10:40000, again) and the DNAT (the source becomes 192.168.0.11:32110). The client sees the NodePort it asked answer, never the pod.',
      },
    },
  },
};

/** The shape every catalogue must have: the same keys as English, any strings. */
export type Catalogue = typeof en;
