import type { Catalogue } from './en.ts';

/** The Chinese (Simplified) catalogue; the `Catalogue` type keeps it complete. */
export const zh: Catalogue = {
  app: {
    name: 'kpviz',
    tagline: 'kube-proxy 如何让数据包穿过 Linux netfilter',
  },
  theme: {
    dark: '深色主题',
  },
  views: {
    label: '视图',
    graph: '图',
    rules: '规则',
  },
  export: {
    label: '导出',
    svg: '图（SVG）',
    png: '图（PNG）',
    markdown: '步骤（Markdown）',
    rules: '规则（iptables-save）',
    noPlayback: '导出步骤需要先播放一个场景：请在“播放一个数据包”中选择。',
    working: '正在导出…',
    done: '已下载 {{file}}。',
    pngScaled:
      '已下载 {{file}}，按 {{scale}}× 而非 {{wanted}}× 绘制：此处的 PNG 每边最多 {{side}} 像素，总共最多 {{pixels}} 百万像素。',
    failed: '未能导出：{{reason}}',
    svgTitle: 'kpviz：数据包在 netfilter 中的流向',
    svgTitleFocused: 'kpviz：数据包在 netfilter 中的流向，{{service}} 的链',
    trace: {
      title: 'kpviz：{{scenario}}',
      step: '#',
      what: '发生了什么',
      flow: '源 → 目的',
    },
  },
  language: {
    label: '语言',
    en: 'English',
    zh: '中文',
  },
  share: {
    menu: '分享',
    heading: '分享当前画面',
    hint: '链接会打开这里显示的规则、场景及其所在步骤和语言；代码片段可把播放器嵌入网页。',
    copyLink: '复制链接',
    copyIframe: '复制 iframe 代码',
    copyElement: '复制 Web 组件代码',
    autoplay: '代码片段打开后自动播放',
    text: '链接或代码片段（可手动复制）',
    copied: '已复制。',
    copyFailed: '未能复制（{{reason}}）：请选中下方文本手动复制。',
    tooLarge: '这些规则太大，无法作为链接分享（{{size}} KB）；请改为导出为 iptables-save 文本。',
    iframeTitle: 'kpviz — {{scenario}}',
    link: {
      restored: '已从链接打开规则。',
      failed: '未能打开链接中的规则，屏幕上的规则保持不变：{{message}}。',
      dismiss: '关闭',
    },
  },
  env: {
    summary: '环境：编辑集群，观察 kube-proxy 的规则如何变化',
    intro:
      '节点、其上的 Service 以及它们的 Pod。每次有效的修改都会重新生成 kube-proxy（iptables 模式）为它们写入的规则，并显示在下方。',
    reset: '恢复为示例环境',
    status: {
      notApplied:
        '在这里修改任何内容，都会用为此环境生成的规则替换当前显示的规则。你粘贴的规则仍保留在上方面板中：在那里点击“显示规则”即可换回。',
      applied: '当前显示的规则由此环境生成。',
      stale_one: '已过时：当前显示的是上一个有效环境的规则。修正下方标出的问题即可更新。',
      stale_other:
        '已过时：当前显示的是上一个有效环境的规则。修正下方标出的 {{count}} 个问题即可更新。',
      invalid_one: '修正下方标出的问题后即会生成规则。',
      invalid_other: '修正下方标出的 {{count}} 个问题后即会生成规则。',
    },
    problem: {
      number: '“{{text}}”不是整数',
      required: '此项为必填',
    },
    node: {
      heading: '节点',
      nodeName: '节点名',
      nodeNameHint: '运行在此节点上的 Pod 属于本地 Pod',
      nodeIPs: '节点 IP',
      nodeIPsHint: 'IPv4 地址，以逗号分隔；第一个为主 IP',
      profile: 'kube-proxy 版本',
      profileCurrent: 'v1.27 及以后（current）',
      profileLegacy: 'v1.9，示例文章所用版本（legacy）',
      clusterCIDR: '集群 CIDR',
      clusterCIDRHint: 'Pod 的地址范围，用于识别来自 Pod 的流量；留空表示不设置',
      masqueradeAll: '对所有 Service 流量做地址伪装（--masquerade-all）',
      masqueradeBit: '伪装标记位',
      masqueradeBitHint: '0–31；14 即标记 0x4000',
      randomFully: 'MASQUERADE 使用 --random-fully',
      localhostNodePorts: 'NodePort 同时在 127.0.0.1 上开放（仅 current）',
      nodePortAddresses: 'NodePort 地址',
      nodePortAddressesHint: 'CIDR（仅 current）；留空表示节点的所有地址',
    },
    service: {
      legend: 'Service {{n}}',
      add: '添加 Service',
      remove: '删除 Service {{n}}',
      none: '没有 Service：kube-proxy 只写入它的基础链。',
      namespace: '命名空间',
      name: 'Service 名称',
      type: '类型',
      clusterIP: 'ClusterIP',
      externalIPs: '外部 IP',
      addressesHint: 'IPv4 地址，以逗号分隔',
      loadBalancerIPs: '负载均衡器入口 IP',
      loadBalancerSourceRanges: '负载均衡器源地址范围',
      sourceRangesHint: 'CIDR，以逗号分隔；留空表示允许所有来源',
      sessionAffinity: '会话亲和性',
      timeout: '亲和性超时（秒）',
      timeoutHint: '留空：10800（3 小时）',
      externalTrafficPolicy: '外部流量策略',
      internalTrafficPolicy: '内部流量策略',
      healthCheckNodePort: '健康检查节点端口',
    },
    port: {
      heading: '端口',
      legend: '端口 {{n}}',
      name: '名称',
      protocol: '协议',
      port: '端口',
      targetPort: '目标端口',
      nodePort: '节点端口',
      add: '添加端口',
      remove: '删除端口 {{n}}',
    },
    pod: {
      heading_one: 'Pod（{{count}} 个）',
      heading_other: 'Pod（{{count}} 个）',
      legend: 'Pod {{n}}',
      name: '名称',
      ip: 'IP',
      nodeName: '节点',
      ready: '就绪',
      serving: '可服务',
      terminating: '终止中',
      add: '添加 Pod',
      remove: '删除 Pod {{n}}',
      none: '没有 Pod：kube-proxy 会拒绝到此 Service 的连接。',
    },
    diff: {
      heading: '上一次修改对规则的影响',
      empty: '修改环境后，这里会列出新增、消失或改变的规则。',
      none: '上一次修改没有改变任何规则。',
      summary:
        '新增 {{added, number}} 条，消失 {{removed, number}} 条，改变 {{changed, number}} 条；{{unchanged, number}} 条保持不变。',
      added: '新增',
      removed: '消失',
      changed: '改变',
      chainsAdded: '新链：{{chains}}',
      chainsRemoved: '已删除的链：{{chains}}',
      before: '修改前',
      after: '修改后',
      more: '另有 {{count, number}} 条',
    },
    export: {
      heading: '导出',
      yaml: '下载 YAML',
      copyYaml: '复制 YAML',
      rules: '下载规则（iptables-save）',
      lab: '下载实验脚本',
      labHint:
        '实验脚本会在任意 Linux 机器上用网络命名空间搭建此环境，载入规则并向各 Service 发送请求：sudo bash kpviz-lab.sh',
      copied: '已复制 YAML。',
      copyFailed: '无法复制：{{reason}}',
      invalid: '请先修正上方的问题，再导出此环境。',
    },
    import: {
      heading: '导入 YAML',
      label:
        'YAML 格式的 Service 与 EndpointSlice：导出的文件，或 kubectl get svc,endpointslices -o yaml 的输出',
      hint: '不含 kpviz 节点行的 YAML 会沿用上方的节点设置。',
      file: '打开 YAML 文件',
      apply: '导入',
      imported: '已导入。',
      problems: 'YAML 中的问题',
    },
    share: {
      heading: '分享',
      hint: '地址栏中保存着整个环境（#env=…）：复制该地址即可打开相同的状态。',
      copy: '复制链接',
      copied: '已复制链接。',
      restored: '已从链接打开环境。',
      failed: '未能打开链接中的环境，仍使用示例环境。{{message}}',
      invalid: '链接中的环境有问题，因此仍使用示例环境：',
    },
  },
  source: {
    aside: '已按原样保留 {{size}} MB（{{lines, number}} 行）：文本过大，放入输入框会让页面卡住。',
    clear: '清除并粘贴其他文本',
    summary: '规则转储',
    label:
      '粘贴 iptables-save、iptables -S 或 iptables -L -n 的输出，或 YAML 格式的 Service 与 EndpointSlice',
    show: '显示规则',
    example: '载入示例',
    private: '所有内容都留在本浏览器中：粘贴或打开的内容不会上传到任何地方。',
    format: '格式',
    detect: '根据文本自动识别',
    table: '表',
    tableFromText: '按文本所写（未写明则为 filter）',
    file: '打开文件',
    drop: '也可以把文件拖放到此面板。',
    starting: '正在开始…',
    progress: '正在读取第 {{done, number}} 行，共 {{total, number}} 行',
    cancel: '取消',
    failed: '无法读取该转储：{{reason}}。之前的规则仍在显示。',
    tooBig: '该内容为 {{size}} MB；kpviz 最多读取 {{max}} MB 的转储。',
    unreadable: '无法读取 {{name}}：{{reason}}',
  },
  summary: {
    label: '读取结果',
    format: '格式',
    tables: '表',
    chains: '链',
    rules: '规则',
    services: 'Service',
    checking: '正在读取并检查其余规则；完成后列出其中的问题…',
    checked_one: '所有规则均已读取并检查：共 {{count, number}} 个问题。',
    checked_other: '所有规则均已读取并检查：共 {{count, number}} 个问题。',
    stopped: '其余规则未能读取（{{reason}}）：其中的问题没有列出。',
    number: '{{value, number}}',
  },
  format: {
    save: 'iptables-save',
    rules: 'iptables -S',
    listing: 'iptables -L -n',
    objects: 'Kubernetes 对象（已生成规则）',
  },
  jumps: {
    lacking:
      '{{tables}} 中没有任何内置链跳转到 kube-proxy 的链：这看起来是 kube-proxy 交给 iptables-restore 的输入，因此没有数据包能到达这些链。在节点上，kube-proxy 会自己用 iptables -I 加上这些跳转。',
    add: '加上 kube-proxy 的跳转',
    added_one: '已加上 kube-proxy 插入内置链的 {{count}} 条跳转（它们在文本中没有对应行）。',
    added_other: '已加上 kube-proxy 插入内置链的 {{count}} 条跳转（它们在文本中没有对应行）。',
    remove: '显示不含这些跳转的规则',
  },
  problems: {
    heading: '问题（{{count, number}}）',
    more: '另有 {{count, number}} 个未列出：请先修正以上问题。',
    context: '第 {{line}} 行及其上下文',
    error: '错误',
    warning: '警告',
    at: '{{line}}:{{column}}',
  },
  ruleset: {
    empty: '此转储中没有找到任何表。',
    loading: '加载中…',
  },
  table: {
    heading: '{{name}} 表',
    more: '再显示 {{count, number}} 条链（还有 {{total, number}} 条未显示）',
  },
  chain: {
    showRules_one: '显示其 {{count, number}} 条规则',
    showRules_other: '显示其 {{count, number}} 条规则',
    hideRules_one: '隐藏其规则',
    hideRules_other: '隐藏其规则',
    policy: '策略 {{policy}}',
    // Chinese has one plural form; the translator reads `_other`, `_one` keeps the shape complete.
    references_one: '{{count}} 处引用',
    references_other: '{{count}} 处引用',
    noRules: '没有规则',
  },
  rules: {
    uncertain: '未模拟',
    caption: '{{chain}} 的规则',
    number: '#',
    target: '目标',
    text: '规则',
    line: '行号',
    goto: 'goto',
    noTarget: '无',
  },
  graph: {
    uncertain: '未模拟：{{reasons}}',
    label: '数据包在 netfilter 中的流向',
    side: '数据包、搜索结果与详情',
    stage: {
      'network-in': '网络入口',
      'routing-in': '路由决策',
      'local-process': '本机进程',
      'routing-out': '路由决策（出站）',
      'network-out': '网络出口',
    },
    hook: '{{table}} {{hook}}',
    node: {
      hook_one: '{{hook}} 上的 {{table}} 表，策略 {{policy}}，{{count}} 条规则',
      hook_other: '{{hook}} 上的 {{table}} 表，策略 {{policy}}，{{count}} 条规则',
      chain_one: '链 {{chain}}，{{count}} 条规则',
      chain_other: '链 {{chain}}，{{count}} 条规则',
      labelledChain_one: '链 {{chain}} {{label}}，{{count}} 条规则',
      labelledChain_other: '链 {{chain}} {{label}}，{{count}} 条规则',
    },
    edge: {
      flow: '数据包从 {{from}} 流向 {{to}}',
      jump: '{{from}} 跳转到 {{to}}',
      goto: '{{from}} 转到 {{to}}（goto）',
      return: '{{from}} 返回 {{to}}',
    },
    collapse: '折叠 {{chain}}',
    expand: '展开 {{chain}}',
    goto: 'goto',
    noTarget: '无目标',
    noRules: '没有规则：数据包立即返回',
    gap_one: '未显示第 {{from, number}} 条规则',
    gap_other: '未显示第 {{from, number}}–{{to, number}} 条规则（共 {{count, number}} 条）',
    policyAssumed: '策略 {{policy}}（内核默认）',
    packets_one: '{{count}} 个数据包',
    packets_other: '{{count}} 个数据包',
    hidden_one: '有 {{count, number}} 条链未画出：聚焦某个 Service、搜索，或从规则打开链。',
    hidden_other: '有 {{count, number}} 条链未画出：聚焦某个 Service、搜索，或从规则打开链。',
  },
  focus: {
    showing: '只显示 {{service}} 的链。',
    all: '显示所有 Service',
  },
  search: {
    label: '搜索',
    placeholder: 'IP、端口、链或注释',
    results: '搜索结果',
    searching: '正在搜索…',
    none: '没有匹配项。',
    count_one: '{{count, number}} 个匹配',
    count_other: '{{count, number}} 个匹配',
    more: '另有 {{count, number}} 个',
  },
  details: {
    uncertain: '未模拟',
    heading: '详情',
    empty: '选择一条链或一条规则以查看完整内容。',
    chain: '链 {{chain}}',
    hook: '{{hook}} 上的 {{table}} 表',
    rule: '{{chain}} 的第 {{index}} 条规则',
    table: '表',
    service: 'Service',
    policy: '策略',
    rules: '规则',
    save: 'iptables-save 的写法',
    line: '行号',
    noLine: '未知',
    target: '目标',
    matches: '匹配条件',
    comment: '注释',
    packets: '数据包',
    goTo: '前往 {{chain}}',
    showChain: '显示 {{chain}}',
    chainOf: '返回 {{chain}}',
  },
  flow: {
    nodeDescription:
      '按 Enter 在详情面板中显示此链并进入其规则：↑ 和 ↓ 在规则间移动，Esc 返回链。在链上按方向键移动到该方向上最近的链。',
    nodeDescriptionNoKeyboard: '选择一条链以在详情面板中显示它。',
    nodeMoved: '已向 {{direction}} 移动到 {{x}}, {{y}}',
    edgeDescription: '两条链之间的跳转或流向。',
    controls: '图控件',
    zoomIn: '放大',
    zoomOut: '缩小',
    fitView: '适合视图',
    interactive: '切换交互',
    minimap: '概览图',
    handle: '规则连接点',
  },
  services: {
    heading: 'Service',
    // Chinese has one plural form; the translator reads `_other`, `_one` keeps the shape complete.
    count_one: '规则中共有 {{count, number}} 个 Service 端口',
    count_other: '规则中共有 {{count, number}} 个 Service 端口',
    find: '查找 Service',
    placeholder: '名称、IP、端口或端点',
    list: '找到的 Service',
    empty: '此转储中没有 Service。',
    none: '没有匹配的 Service。',
    more_one: '还有 {{count, number}} 个——请缩小搜索范围',
    more_other: '还有 {{count, number}} 个——请缩小搜索范围',
    kind: {
      cluster: 'ClusterIP',
      nodeport: 'NodePort',
      loadbalancer: 'LoadBalancer IP',
      external: '外部 IP',
    },
    endpoints: '端点',
    noEndpoints: '无',
    from: {
      comments: '名称取自 kube-proxy 的注释',
      rules: '由规则推断（无注释）',
    },
    affinity: '会话亲和性',
    refused: {
      REJECT: 'REJECT：没有端点',
      DROP: 'DROP：没有本地端点',
    },
    scenarios: '追踪数据包：',
    scenario: {
      pod: '从 Pod 发出',
      node: '从节点发出',
      outside: '从集群外部发出',
    },
    unreachable: {
      pod: '该 Service 没有可发往的地址。',
      node: '该 Service 没有可发往的地址。',
      outside: '没有 NodePort、负载均衡器 IP 或外部 IP：无法从集群外部访问。',
    },
  },
  packet: {
    heading: '自定义数据包',
    src: '源地址',
    srcHint: 'IP 或 IP:端口',
    dst: '目的地址',
    dstHint: 'IP:端口',
    protocol: '协议',
    from: '进入方式',
    fromExternal: '从外部进入',
    fromLocal: '由节点本机发出（local）',
    fromInterface: '从 {{name}} 进入',
    nodeIPs: '节点 IP',
    nodeIPsHint: '节点自己的地址：IP 或 IP/前缀长度，以逗号分隔',
    interfaces: '附加网络接口',
    interfacesHint: '每行一个 NAME=CIDR[,CIDR]，例如 cni0=10.244.0.1/24',
    mode: '模式',
    single: '随机选择一条路径',
    all: '所有分支',
    trace: '追踪',
    again: '重新随机选择路径',
    problem: '{{field}}：{{message}}',
    problemLine: '{{field}}第 {{line}} 行：{{message}}',
    standaloneLine: '第 {{line}} 行：{{message}}',
  },
  play: {
    heading: '播放一个数据包',
    scenario: '场景',
    none: '选择一个场景…',
    onRules: '基于当前显示的规则',
    examples: '示例集群（会载入它们的规则）',
    ownPacket: '自定义数据包',
    rules: {
      'nodeport-external': '外部客户端 → NodePort',
      'node-to-clusterip': '节点上的进程 → ClusterIP',
      'pod-to-clusterip': 'Pod → ClusterIP',
      hairpin: '发夹（hairpin）：Pod 访问自己所属的 Service',
    },
    example: {
      'nodeport-external': '外部客户端 → NodePort',
      'node-to-clusterip': '节点上的进程 → ClusterIP',
      'pod-to-clusterip': 'Pod → ClusterIP',
      hairpin: '发夹（hairpin）：Pod 访问自己所属的 Service',
      loadbalancer: '外部客户端 → LoadBalancer IP',
      'loadbalancer-source-ranges': '带 loadBalancerSourceRanges 的 LoadBalancer',
      'loadbalancer-source-ranges-routed': '来源范围：负载均衡 IP 仅被路由到节点',
      'no-endpoints': '没有端点的 Service：REJECT',
      'etp-local-with-endpoint': 'externalTrafficPolicy Local，本节点有端点',
      'etp-local-without-endpoint': 'externalTrafficPolicy Local，本节点没有端点',
      'session-affinity': 'sessionAffinity: ClientIP',
      'udp-dns': 'UDP：向集群 DNS 发起的 DNS 查询',
    },
    custom: '下方表单中的数据包',
    running: '正在运行数据包…',
    unavailable: {
      'no-service': '当前显示的规则中没有可以发送此数据包的 Service。',
      'no-nodeport': '当前显示的规则中没有带 NodePort 的 Service。',
      'no-endpoints': '当前显示的规则中没有能以这种方式访问、且有端点的 Service。',
      node: '数据包表单中的节点地址无法读取：{{message}}',
      form: '请填写下方的数据包表单（源、目的、协议）来播放你自己的数据包。',
    },
    failed: '无法播放：{{message}}',
    exampleLoaded: '当前显示的是这个示例集群的规则，与 kube-proxy 写入的一致。',
    restore: '回到你自己的规则',
    controls: '播放控制',
    play: '播放',
    pause: '暂停',
    forward: '下一步',
    back: '上一步',
    restart: '从头开始',
    speed: '速度',
    speedValue: '{{speed}}×',
    position: '第 {{step}} 步，共 {{total}} 步',
    keys: '按键：空格键播放或暂停，← 和 → 单步，Home 和 End 跳到第一步和最后一步。',
    timeline: '步骤',
    role: {
      request: '请求',
      reply: '回复',
      again: '同一连接',
    },
    leg: '{{role}}：{{label}}',
    packet: '数据包',
    field: {
      src: '源地址',
      dst: '目的地址',
      protocol: '协议',
      mark: '标记（mark）',
      ctState: 'conntrack 状态',
      inInterface: '入接口',
      outInterface: '出接口',
      original: 'conntrack 原方向',
      reply: 'conntrack 回复方向',
    },
    changed: '由这一步修改',
    unconfirmed: '尚未进入连接跟踪表',
    noneValue: '—',
    where: '位置',
    rule: '规则',
    narration: '讲解',
    event: {
      enter: '进入',
      conntrack: 'conntrack',
      'nat-skipped': '跳过 nat 表',
      'nat-reverse': 'conntrack 地址转换',
      policy: '默认策略',
      route: '路由',
      reroute: '重新路由',
      martian: '异常地址（martian）',
      deliver: '交付',
      forward: '发出',
      confirm: '确认',
      drop: '丢弃',
      loopback: '环回',
    },
    offGraph: '这一步发生在图中未显示的链里。',
  },
  trace: {
    leftOut_one:
      '第 {{lines}} 行有错误，已略去。iptables-restore 会拒绝整个转储；此追踪显示其余规则的行为。',
    leftOut_other:
      '第 {{lines}} 行有错误，已略去。iptables-restore 会拒绝整个转储；此追踪显示其余规则的行为。',
    heading: '追踪结果',
    empty: '填写数据包后点击“追踪”，或选择一个 Service 并选择发包方式。',
    tracing: '正在追踪…',
    failed: '未能追踪：',
    line: '第 {{line}} 行',
    fromLocal: '由节点上的进程发出（OUTPUT）',
    fromInterface: '从 {{name}} 到达（PREROUTING）',
    modeAll_one: '所有分支：共 {{count}} 种结果',
    modeAll_other: '所有分支：共 {{count}} 种结果',
    modeSingle: '随机选择一条路径（种子 {{seed}}）',
    outcome: '结果 {{n}}/{{total}}：{{percent}}',
    outcomeSingle: '结果',
    verdict: '判定',
    delivery: '去向',
    deliveryLocal: '交给节点上的套接字',
    deliveryForward: '从 {{dev}} 转发出去',
    deliveryOutput: '由节点从 {{dev}} 发出',
    none: '无',
    final: '最终报文头',
    uncertainHeading: '不确定之处',
    counters: '计数器会增加的规则',
    noCounters: '没有规则匹配。',
    steps: '步骤',
    skipOne: '跳过第 {{first}} 条规则（不匹配）',
    skipMany: '跳过第 {{first}}–{{last}} 条规则（不匹配）',
    matched: '匹配',
    passedOver: '未匹配',
    random: '随机：{{percent}}',
    uncertain: '不确定',
    mark: 'mark {{mark}}',
    in: '入接口 {{dev}}',
    out: '出接口 {{dev}}',
    event: {
      enterLocal: '节点上的进程发出数据包：OUTPUT',
      enterInterface: '数据包从 {{dev}} 到达：PREROUTING',
      conntrackNew: 'conntrack：新连接的第一个数据包（NEW）',
      conntrackKnown: 'conntrack：已知连接的数据包（{{state}}）',
      policy: '{{chain}} 结束：策略',
      routeForward: '路由：{{dst}} 不是本节点的地址，从 {{dev}} 转发 → FORWARD',
      routeOut: '路由：{{dst}} 从 {{dev}} 发出',
      reroute: 'DNAT 后重新路由：{{dst}} 从 {{dev}} 发出',
      sent: '从 {{dev}} 发出',
      deliver: '交给节点上的套接字（{{dst}}）',
      confirm: 'conntrack 确认连接：回包将被识别',
      loopback: '经 lo 回到本节点：先 PREROUTING，再 INPUT',
    },
  },
  split: {
    /** Between two sentences: a space in English, nothing in Chinese. */
    gap: '',
    heading: '随机分流',
    intro:
      '{{chain}} 为每个新连接挑选一个端点：规则按顺序尝试，带随机匹配的规则按其概率接走到达它的连接。',
    caption: '{{chain}} 如何分配新连接',
    column: {
      rule: '规则',
      written: '规则里写的概率',
      held: '内核保存的概率',
      reach: '到达本规则的比例',
      share: '精确份额',
      endpoint: '端点',
      observed: '观测值',
      range: '可能范围',
    },
    always: '无随机匹配：总是匹配',
    stored: '{{stored}}/2³¹',
    meant: '{{fraction}}（{{value}}）',
    noAddress: '未找到地址',
    theRest: '其余',
    affinity_one:
      '第 {{rules}} 条规则位于分流之前：会话亲和（-m recent --rcheck）把最近见过的客户端送回同一个端点。它不属于分流：只有亲和规则不认识的客户端发起的连接才会进入随机抽取，下表的份额说的就是这些连接。',
    affinity_other:
      '第 {{rules}} 条规则位于分流之前：会话亲和（-m recent --rcheck）把最近见过的客户端送回同一个端点。它们不属于分流：只有亲和规则不认识的客户端发起的连接才会进入随机抽取，下表的份额说的就是这些连接。',
    arithmetic: {
      lead: '每条规则只看得到上面的规则放过的连接：',
      first: '第 {{rule}} 条规则接走全部的 {{probability}}',
      next: '第 {{rule}} 条规则接走剩下 {{reach}} 中的 {{probability}}，即 {{share}}',
      rest: '第 {{rule}} 条规则接走其余的 {{share}}',
      separator: '；',
      more: '……',
      end: '。',
      even: '所以 {{n}} 个端点各得 1/{{n}}：分流是均匀的。',
      uneven: '所以这些规则分给各端点的份额是 {{shares}}：按设计就不均匀。',
      inexact: '每条规则按其概率接走到达它的连接；表中列出每个端点因此得到的份额。',
      single: '只有一个端点：它的规则没有随机匹配，接走所有新连接（100%）。',
    },
    notShares:
      '规则的概率并不是端点的份额。把 {{probabilities}} 当作份额来读，分流看起来不均匀——种子文章正是由此得出“分流不均匀”的结论——但第 {{rule}} 条规则的 {{probability}} 只作用于上面的规则放过的那 {{reach}} 连接。',
    kernel: {
      held: '内核把概率保存为 2⁻³¹ 的整数倍，即 round(p·2³¹)：{{written}} 被保存为 {{stored}}/2³¹ = {{held}}。',
      printed:
        '内核把概率保存为 2⁻³¹ 的整数倍，即 round(p·2³¹)，iptables 再以 11 位小数打印出来：{{held}} 就是 {{stored}}/2³¹。',
      wrote5: 'kube-proxy 写的是 {{text}}：1/{{k}} 保留 5 位小数，v1.17 之前的版本都这样写。',
      wrote10: 'kube-proxy 写的是 {{text}}：1/{{k}} 保留 10 位小数，v1.17 起都这样写。',
      close: '所以各份额为 {{shares}}：彼此相差不超过 {{spread}}，并非不均匀。',
      closeRange: '所以各份额介于 {{min}} 和 {{max}} 之间：彼此相差不超过 {{spread}}，并非不均匀。',
      exactly: '这些概率本身就是 2⁻³¹ 的整数倍，所以内核得出的份额完全相等。',
      drift:
        'kube-proxy 的本意是每个端点各得 1/{{n}}，但概率只保留了几位小数，份额因此分布在 {{min}} 到 {{max}} 之间。kube-proxy v1.17 及以后写 10 位小数，份额就保持均匀。',
      detect: '要靠计数分辨出这点差别，大约需要 {{packets}} 个新连接。',
    },
    unreached: '有 {{share}} 的新连接没有被任何规则接走：它们走到链的末尾，回到跳转过来的那条链。',
    choice: {
      legend: '端点选择',
      random: '随机',
      endpoint: '选定端点 {{n}}（{{address}}）',
      again: '重新抽取',
    },
    sample: {
      button: '发送 {{packets}} 个数据包',
      sending: '正在发送 {{packets}} 个数据包…',
      result: '{{packets}} 个新连接：{{counts}}。',
      item: '{{address}} {{number}} 个',
      other: '{{number}} 个没有到达本分流的任何端点。',
      failed: '无法发送数据包：{{message}}',
      observed: '{{number}}（{{percent}}）',
      range: '{{low}}–{{high}}',
      honest:
        '计数会因偶然而偏离精确份额：每个计数都服从二项分布 Binomial({{packets}}, 份额)，大约 20 次中有 19 次落在 {{packets}} × 份额 上下两个标准差以内——即“可能范围”，份额为 {{share}} 时约为 ±{{margin}} 个数据包。',
    },
  },
  embed: {
    label: 'kpviz：数据包穿过 kube-proxy 规则的过程',
    graph: '规则链构成的图',
    graphAt: '规则链构成的图；数据包位于 {{place}}',
    graphPlaceRule: '{{place}} 第 {{index}} 条规则',
    graphKeys: '方向键平移此图，+ 和 − 缩放，0 显示全图。',
    wheelHint: '按住 Ctrl（Mac 上为 ⌘）滚动滚轮可缩放此图',
    touchHint: '用两根手指移动和缩放此图',
    problems: '未能按配置显示：{{problems}}',
  },
  presenter: {
    enter: '演示视图',
    leave: '退出演示视图',
    heading: '演示视图',
    contrast: '高对比度',
    keys: '按键：PageDown、→ 或翻页笔的“下一页”前进一步；PageUp 或 ← 后退一步；空格播放或暂停；Home 和 End 跳到第一步和最后一步；Esc 退出。',
    noScenario: '请选择要演示的场景。',
  },
  quiz: {
    toggle: '测验',
    heading: '问题',
    progress: '第 {{n}} 题，共 {{total}} 题',
    check: '检查答案',
    choose: '请选择一个答案，然后检查。',
    correct: '正确：{{answer}}。',
    incorrect: '不对。正确答案是：{{answer}}。',
    why: '原因',
    continue: '继续',
    prompt: {
      chain: '数据包即将经过 {{table}} 表的 {{chain}} 链。那里的规则接下来会把它送到哪条链？',
      endpoint:
        '数据包到达 {{chain}}：它的规则从 {{count}} 条端点链中随机选出一条。这个数据包会走哪一条？每个答案都标出了它的概率。',
      route: 'DNAT 已把目的地址改写为 {{dst}}。路由现在把数据包送往哪里？',
      masquerade:
        '来自 {{src}} 的数据包在从 {{dev}} 发出前到达 POSTROUTING。它的源地址会被改写吗？改写成什么？',
    },
    option: {
      chain: '{{chain}}',
      endpoint: '{{chain}} → {{address}}（概率 {{share}}）',
      dev: '从 {{dev}} 发出',
      local: '交给本节点上的进程（INPUT）',
      keep: '不会：源地址仍是 {{src}}',
      snat: '会：改写为 {{to}}',
    },
  },
  narration: {
    enter: {
      local:
        '节点上的进程发出 {{src}} → {{dst}}（{{protocol}}）：本机产生的数据包从 OUTPUT 钩子开始。',
      interface:
        '{{src}} → {{dst}}（{{protocol}}）从 {{dev}} 到达：从网卡进来的数据包从 PREROUTING 钩子开始。',
      replyLocal: '回包：节点上的进程回复 {{src}} → {{dst}}，从 OUTPUT 开始。',
      replyInterface: '回包：{{src}} → {{dst}} 从 {{dev}} 到达，进入 PREROUTING。',
      againLocal:
        '客户端在同一连接上的下一个包：又是 {{src}} → {{dst}}，由节点上的进程发出（OUTPUT）。',
      againInterface:
        '客户端在同一连接上的下一个包：又是 {{src}} → {{dst}}，从 {{dev}} 到达（PREROUTING）。',
      whyLocal:
        '本机产生的数据包不经过 PREROUTING——它只处理从网卡进来的包。所以 kube-proxy 不仅在 nat PREROUTING，也在 nat OUTPUT 里放了跳转到 KUBE-SERVICES 的规则（“kubernetes service portals”）：节点自己的进程同样要访问 Service。',
      whyInterface:
        'nat PREROUTING 在路由之前就跳转到 KUBE-SERVICES（“kubernetes service portals”），所以 Service 地址在内核决定包往哪走之前就已转换。节点自己的进程不经过这里：为它们准备的是 nat OUTPUT 里的同一条跳转。',
      whyReply:
        'endpoint 回复的是请求到达它时的源地址 {{dst}}，它对 Service 一无所知。由本节点的 conntrack 认出这个回包，并撤销请求所做的地址转换。',
      whyAgain: '它的地址和第一个包完全一样，但这次 conntrack 已经认识这个连接。',
    },
    conntrack: {
      new: 'conntrack 中没有 {{tuple}} 的条目：这是一个新连接的首包（NEW）。',
      whyNew:
        '只有连接的首包会遍历 nat 表。规则做出的决定——DNAT 到某个 Pod、做 MASQUERADE——成为该连接的 NAT 绑定，conntrack 把它应用到之后的每个包，并在回包上撤销。',
      known: 'conntrack 在表中找到了 {{tuple}}，方向为原始方向（original）：状态 {{state}}。',
      whyKnown: '它的 NAT 已由连接的首包决定：不再遍历 nat 链，conntrack 按同样的方式改写这个包。',
      reply:
        'conntrack 认出 {{tuple}} 是一个已知连接的回复方向元组（reply tuple）：状态 {{state}}。',
      whyReply:
        '请求被转换时，conntrack 已把连接的回复元组改写成 endpoint 回包的样子。因此回包能被认出，conntrack 才能撤销那些转换。',
      invalid: 'conntrack：这个包不属于任何连接，也不能建立新连接（状态 INVALID）。',
      whyInvalid:
        '它不会做任何 NAT。规则可以用 `--ctstate INVALID` 匹配它：kube-proxy 的 KUBE-FORWARD 会丢弃这类包，除非设置了 net.netfilter.nf_conntrack_tcp_be_liberal。',
      untracked: 'raw 表中的 NOTRACK 规则让 conntrack 不跟踪这个包（状态 UNTRACKED）。',
      whyUntracked: '没有连接就不会查询 nat 表：这个包不会做任何 Service 地址转换。',
    },
    natSkipped: {
      known: '不遍历 nat {{hook}}：这不是连接的首包。',
      whyKnown:
        '每个连接只查询一次 nat 表。结果保存在 conntrack 中并应用到之后的每个包，所以它们都到达同一个 Pod；如果每个包都重新随机选择，一条连接就会被拆散。',
      whyReply: '回包从不遍历 nat 链：由 conntrack 撤销请求建立的绑定。',
      bound: '不遍历 nat {{hook}}：该连接的 {{kind}} 已在更早的钩子处决定。',
      whyBound:
        '一个连接只有一个目的地址绑定（nat PREROUTING 或 OUTPUT）和一个源地址绑定（nat INPUT 或 POSTROUTING）。经 lo 回环的包，其目的地址已在 OUTPUT 中决定。',
    },
    natReverse: {
      undoSnat: 'conntrack 撤销请求的源地址转换：目的地址 {{from}} → {{to}}，送回客户端。',
      whyUndoSnat:
        'endpoint 回复的是请求被转换成的源地址，回包因此回到本节点；连接条目记着真正发起请求的是谁。',
      undoDnat: 'conntrack 撤销 DNAT：源地址 {{from}} → {{to}}。',
      whyUndoDnat:
        '客户端看到应答来自 {{to}}——它发往的地址——而不是背后的 endpoint {{from}}。来自一个它从未联系过的地址的应答匹配不到任何套接字，会被丢弃或被重置（RST）。',
      applyDnat: 'conntrack 应用该连接的 DNAT：目的地址 {{from}} → {{to}}。',
      whyApplyDnat: '与连接首包得到的目的地址相同，无需再遍历 nat 链，也不会重新做随机选择。',
      applySnat: 'conntrack 应用该连接的源地址转换：源地址 {{from}} → {{to}}。',
      whyApplySnat: '该连接的每个包都以相同的源地址发出，endpoint 自始至终只看到同一个对端。',
    },
    route: {
      forward:
        '路由：{{dst}} 不是本节点的地址，数据包从 {{dev}} 转发出去（先 filter FORWARD，再 POSTROUTING）。',
      whyForwardDnat:
        '路由决策在 nat PREROUTING 之后，看到的是 DNAT 改写后的目的地址：发往 {{original}} 的包现在去往 {{dst}}，走 FORWARD 而不是 INPUT。',
      local: '路由：{{dst}} 是本节点的地址，数据包进入 INPUT，交给节点上的套接字。',
      unreachable: '路由：没有到 {{dst}} 的路由，数据包被丢弃。',
      noForward: '路由：数据包不是发给本节点的，而 net.ipv4.ip_forward 为 0，于是被丢弃。',
      output: '本机产生的包先做路由：{{dst}} 从 {{dev}} 发出。',
      whyOutput:
        '这次路由是按套接字使用的目的地址选的；如果 nat OUTPUT 改写了目的地址，内核会重新路由。',
      outputUnreachable: '路由：没有到 {{dst}} 的路由，发送的套接字收到 “network unreachable”。',
    },
    reroute: {
      what: 'DNAT 之后重新路由：新的目的地址 {{dst}} 从 {{dev}} 发出。',
      why: '第一次路由是在 nat OUTPUT 之前为 {{original}} 选的；DNAT 改变了目的地址，所以内核重新查找路由。',
    },
    martian: {
      sourceBroadcast:
        '路由把这个包当作 martian（火星包）丢弃：它的源地址 {{src}} 是组播或广播地址，不可能有包从那里发出。',
      sourceZeronet:
        '路由把这个包当作 martian（火星包）丢弃：它的源地址 {{src}} 属于 0.0.0.0/8，不可能有包从那里发出。',
      destinationZeronet:
        '路由把这个包当作 martian（火星包）丢弃：它的目的地址 {{dst}} 属于 0.0.0.0/8，不可能有包发往那里。',
      sourceLocalnet:
        '路由把这个包当作 martian（火星包）丢弃：它的源地址 {{src}} 是回环地址（127.0.0.0/8），却从外部到达，而 route_localnet 为 0。',
      destinationLocalnet:
        '路由把这个包当作 martian（火星包）丢弃：它的目的地址 {{dst}} 是回环地址（127.0.0.0/8），却从外部到达，而 route_localnet 为 0。',
      sourceOwn:
        '路由把这个包当作 martian（火星包）丢弃：它的源地址 {{src}} 是本节点自己的地址，却从外部到达。',
      other: '路由把这个包当作 martian（火星包）丢弃：它的地址不可能是真实的。',
      whyLocalnet:
        '只有 net.ipv4.conf.all.route_localnet=1 时，内核才接受外部进来的 127.0.0.0/8 地址；kube-proxy 设置它，是为了让 NodePort 在 127.0.0.1 上也能访问。',
    },
    deliver: {
      what: '交给节点上监听 {{dst}} 的套接字。',
      reply: '节点上的客户端进程收到应答，来自 {{src}}。',
      whyReply: '它连接的是 {{src}}，应答也来自 {{src}}：到 {{endpoint}} 的 DNAT 对它完全不可见。',
    },
    sent: {
      what: '从 {{dev}} 发出：{{src}} → {{dst}}。',
      whyReply:
        '客户端看到应答来自 {{src}}——它发往的地址——而不是 {{endpoint}}：conntrack 在出去的路上撤销了地址转换。',
      whyMasqueraded:
        'endpoint 看到连接来自 {{src}}，而不是 {{client}}：它的应答会经由本节点返回。',
    },
    confirm: {
      what: '首包离开最后一个钩子时，conntrack 确认该连接：{{original}} 写入连接表，回复元组为 {{reply}}。',
      why: '只有首包走完所有钩子后条目才会加入连接表，被丢弃的包不会留下条目。从现在起，匹配回复元组的包会被认作应答并转换回来。',
    },
    policy: {
      what: '{{table}} {{chain}} 结束：没有规则做出决定，执行链的默认策略：{{verdict}}。',
      whyNat:
        '这个钩子上没有 DNAT 或 SNAT 规则生效：连接在这里不做转换，conntrack 也会记住这一点，之后的包同样不再遍历这些链。',
    },
    drop: {
      rule: '处理结束：规则 {{rule}} 丢弃了数据包，不做任何回应。',
      rejected: '处理结束：规则 {{rule}} 拒绝了数据包，发送方立即收到错误。',
      queue:
        '处理结束：规则 {{rule}} 把数据包交给用户态程序（QUEUE）。kpviz 不模拟任何用户态程序；没有程序监听时，内核会丢弃这个包。',
      policy: '处理结束：{{table}} {{chain}} 的默认策略丢弃了数据包，不做任何回应。',
      martian: '处理结束：路由丢弃了这个 martian 包，不做任何回应。',
      noRoute: '处理结束：没有到 {{dst}} 的路由，数据包被丢弃。',
      noForward: '处理结束：数据包不是发给本节点的，而 net.ipv4.ip_forward 为 0，所以被丢弃。',
      multicast: '处理到此为止：kpviz 不模拟组播路由，所以这个包显示为被丢弃。',
      other: '处理结束：{{verdict}}。',
    },
    loopback: {
      what: '目的地址就是本节点：数据包经 lo 发出又立即回到本机，先经过 PREROUTING，再到 INPUT。',
      why: 'conntrack 已经在跟踪它，nat OUTPUT 也已决定了它的目的地址，所以不再遍历 nat PREROUTING。',
    },
    rule: {
      jump: '所有匹配条件都满足：数据包跳转到 {{target}}；如果 {{target}} 返回，就回到这里的下一条规则。',
      goto: '所有匹配条件都满足：数据包 goto 到 {{target}}（goto 不留返回点：{{target}} 结束后回到调用本链的那条链，而不是这里）。',
      accept:
        '所有匹配条件都满足：ACCEPT。数据包在 {{hook}} 的 {{table}} 表中处理完毕，交给下一个表或钩子。',
      drop: '所有匹配条件都满足：DROP。数据包被悄悄丢弃。',
      reject: '所有匹配条件都满足：REJECT。数据包被丢弃，发送方收到 {{with}}。',
      return: '所有匹配条件都满足：RETURN。回到跳转进 {{chain}} 的那条规则的下一条。',
      returnBuiltin: '所有匹配条件都满足：内置链 {{chain}} 中的 RETURN，由链的默认策略决定。',
      verdict: '所有匹配条件都满足：{{verdict}}。',
      continue: '所有匹配条件都满足：目标 {{target}} 执行后，继续匹配下一条规则。',
      continueUnnamed: '所有匹配条件都满足：它的目标执行后不结束匹配，继续匹配下一条规则。',
      noTarget: '所有匹配条件都满足，但这条规则没有目标：只增加计数，继续往下匹配。',
      passed: '未匹配，跳过：{{failed}} 对这个包不成立。',
    },
    uncertain: {
      matchUnknown: 'kpviz 不认识匹配模块 -m {{module}}，无法确定这条规则的结果：按不匹配处理。',
      matchNotSimulated:
        'kpviz 不模拟匹配模块 -m {{module}}，无法确定这条规则的结果：按不匹配处理。',
      optionUnknown:
        'kpviz 不认识 -m {{module}} 的选项 --{{option}}，无法确定这条规则的结果：按不匹配处理。',
      optionUnreadable:
        'kpviz 读不懂 --{{option}}（-m {{module}}）的参数，无法确定这条规则的结果：按不匹配处理。',
      optionNotSimulated:
        '-m {{module}} 的 --{{option}} 检查的内容 kpviz 不模拟，无法确定这条规则的结果：按不匹配处理。',
      recentNoCommand:
        '这个 -m recent 没有 --set、--rcheck、--update 或 --remove 中的任何一个，kpviz 无法确定这条规则的结果：按不匹配处理。',
      ipsetMembers: 'kpviz 不知道 ipset {{set}} 的成员，无法确定这条规则的结果：按不匹配处理。',
      macUnknown:
        '没有给出数据包的源 MAC 地址，kpviz 无法确定这条 -m mac 规则的结果：按不匹配处理。',
      targetUnknown:
        'kpviz 不认识目标 {{target}}：当作它什么也没做，继续往下匹配，而内核未必如此。',
      targetNotSimulated:
        'kpviz 不模拟目标 {{target}}：当作它什么也没做，继续往下匹配，而内核未必如此。',
      targetUnreadable: 'kpviz 读不懂目标 {{target}} 的 --{{option}}，无法确定这条规则做了什么。',
      natRandomFully: '使用 --random-fully 时，内核随机选择源端口；这里显示的是数据包原来的端口。',
      natRandomPort: '内核在 {{low}}–{{high}} 中随机选择一个端口；这里显示第一个。',
      natAddressHash: '内核按连接的哈希值在 {{low}}–{{high}} 中选择一个地址；这里显示第一个。',
      natPortTaken:
        '{{address}}:{{port}} 已被到同一对端的另一个连接占用，内核随机另选一个端口；这里显示 {{other}}。',
      other: 'kpviz 无法确定这条规则的结果。',
    },
    skip: {
      one: '{{chain}} 的第 {{first}} 条规则未匹配，跳过。',
      many: '{{chain}} 的第 {{first}}–{{last}} 条规则都未匹配，跳过。',
    },
    effect: {
      dnat: 'DNAT 改写目的地址：{{from}} → {{to}}。',
      whyDnat:
        'conntrack 把这次转换记在连接上：之后的包不经 nat 表直接发往 {{to}}，来自 {{to}} 的回包被改写成来自 {{from}}。',
      snat: 'SNAT 改写源地址：{{from}} → {{to}}。',
      whySnat: 'conntrack 记住这次转换：应答回到 {{to}}，再由 conntrack 转交给 {{from}}。',
      masquerade: 'MASQUERADE 把源地址改写为出接口 {{dev}} 的地址：{{from}} → {{to}}。',
      masqueradeSame:
        'MASQUERADE 使用出接口 {{dev}} 的地址；源地址 {{src}} 本来就是它，所以保持不变。',
      redirect: 'REDIRECT 把目的地址改写为节点自己的地址：{{from}} → {{to}}。',
      mark: 'MARK 设置数据包的标记（mark）：{{from}} → {{to}}，继续往下匹配。',
      whyMark:
        'mark 只是数据包在本节点内部的一个记号，不会发到线路上：后续规则（`-m mark`）和路由可以据此处理。',
      connmark: 'CONNMARK 设置连接的标记：{{from}} → {{to}}，继续往下匹配。',
      log: '{{target}} 把数据包记录到内核日志，然后继续往下匹配。',
      notrack: 'NOTRACK：conntrack 不会跟踪这个包，因此它不会做任何 NAT。',
    },
    random: {
      held: '随机匹配成立：`--probability {{probability}}` 会选中到达本规则的包中的 {{fraction}}，这个包正是其中之一，于是跳转到 {{target}}。',
      passed:
        '随机匹配不成立：`--probability {{probability}}` 只选中到达本规则的包中的 {{fraction}}，这个包落到下一条规则。',
      rest: '最后一条规则没有随机匹配：上面各条规则放过的包全部由它接收，送往 {{target}}。',
    },
    split: {
      even: '有 {{reach}} 的新连接走到这里，本规则的 endpoint 得到全部新连接的 {{share}}。分配是均匀的——{{n}} 个 endpoint，各得 {{share}}——因为每条规则取的是上面规则剩下部分的 1/k，k 为尚待选择的 endpoint 数。',
      evenFirst:
        '每个新连接都会到达这第一条规则，它的 endpoint 得到其中的 {{share}}。分配是均匀的——{{n}} 个 endpoint，各得 {{share}}——因为每条规则取的是上面规则剩下部分的 1/k，k 为尚待选择的 endpoint 数。',
      uneven:
        '有 {{reach}} 的新连接走到这里，本规则的 endpoint 得到全部新连接的 {{share}}。各 endpoint 的份额：{{shares}}。',
      unevenFirst:
        '每个新连接都会到达这第一条规则，它的 endpoint 得到其中的 {{share}}。各 endpoint 的份额：{{shares}}。',
      kube: 'kube-proxy 让每个 endpoint 的规则取到达它的连接的 1/k，k 为尚待选择的 endpoint 数（三个时：先 1/3，再取剩下 2/3 的 1/2，最后一条取余下全部），所以每个 endpoint 的份额相同。',
    },
    kube: {
      portals:
        'nat {{hook}} 跳转到 KUBE-SERVICES（“kubernetes service portals”）：新连接的首包要与所有 Service 地址逐一比对。',
      whyPortalsPrerouting:
        '从网卡进来的包——来自其他主机或 Pod——在路由之前在这里被截获。节点自己的进程则由 nat OUTPUT 中的同一条跳转截获。',
      whyPortalsOutput:
        '节点自己的进程发出的包从不经过 PREROUTING，所以 kube-proxy 在这里放了同样的跳转。',
      postrouting: 'nat POSTROUTING 跳转到 KUBE-POSTROUTING（“kubernetes postrouting rules”）。',
      whyPostrouting:
        'POSTROUTING 是最后一个钩子，此时路由已选定出接口：只有在这里才能改写源地址。kube-proxy 在这里对进来时打过标记的包做 MASQUERADE。',
      whyFilterServices:
        'filter 表中的 KUBE-SERVICES 和 KUBE-EXTERNAL-SERVICES 存放 kube-proxy 为无法提供服务的 Service 写的规则：没有 endpoint 时 REJECT，流量策略为 Local 而本节点没有 endpoint 时 DROP。有 endpoint 的 Service 在这里没有规则。',
      clusterIP:
        '{{dst}} 是 {{service}} 的 ClusterIP 和端口：数据包跳转到该 Service 的链 {{target}}。',
      whyClusterIP:
        'ClusterIP 不在任何网卡上，它只存在于这样的规则中。kube-proxy 为每个 Service 端口在 KUBE-SERVICES 里写一条，匹配目的地址、协议和端口。',
      externalIP: '{{dst}} 是 {{service}} 的 external IP：数据包跳转到 {{target}}。',
      loadBalancerIP: '{{dst}} 是 {{service}} 的负载均衡器 IP：数据包跳转到 {{target}}。',
      whyFirewall: '该 Service 设置了 loadBalancerSourceRanges：它的 KUBE-FW 链只放行这些来源。',
      nodePortsLocal:
        'KUBE-SERVICES 的最后一条规则 `-m addrtype --dst-type LOCAL` 匹配：{{dst}} 是本节点的地址。数据包继续进入 KUBE-NODEPORTS。',
      whyNodePortsLocal:
        '它放在最后，好让所有 ClusterIP、external IP 和负载均衡器地址先比对。它匹配节点拥有的任何地址，所以 NodePort 在节点的每个地址上都能访问；而发往其他主机的包——比如 Pod 去连互联网上的某台服务器——不是本机地址，不会被截获。',
      nodePortsAddress:
        'KUBE-SERVICES 的最后一条规则：{{dst}} 是 --nodeport-addresses 指定的地址之一，数据包继续进入 KUBE-NODEPORTS。',
      whyNodePortsAddress:
        '它放在最后，好让所有 Service 地址先比对。设置了 --nodeport-addresses 后，NodePort 只在这些地址上提供服务，而不是节点的所有地址。',
      servicesPassedOne:
        '第 {{first}} 条规则未匹配，跳过：它匹配的是 {{address}}（{{service}}），而这个包发往 {{dst}}。',
      servicesPassedMany:
        '第 {{first}}–{{last}} 条规则未匹配，跳过：每条匹配一个 Service 地址和端口，都不是 {{dst}}。',
      whyLocalPassed:
        'KUBE-SERVICES 的最后一条规则只把目的地址是本节点地址的包（`-m addrtype --dst-type LOCAL`）送进 KUBE-NODEPORTS。{{dst}} 不是，所以不涉及 NodePort：发往其他主机的流量不受影响。',
      nodePortMark:
        '端口 {{dport}} 是 {{service}} 的 NodePort：KUBE-NODEPORTS 先给数据包打上 MASQUERADE 标记（KUBE-MARK-MASQ），然后返回这里。',
      whyNodePortMasq:
        '来自外部的流量要做 MASQUERADE，这样 Pod 的应答才会经由本节点返回，由这里的 conntrack 撤销 DNAT。否则 Pod——可能在别的节点上——会用自己的地址直接回复客户端，而客户端从未联系过这个地址。',
      nodePortService: '然后数据包进入 {{target}}，也就是其 ClusterIP 所用的同一条 Service 链。',
      nodePortExt:
        '端口 {{dport}} 是 {{service}} 的 NodePort：数据包跳转到 {{target}}，即该 Service 处理集群外部流量的链。',
      whyNodePortExt:
        '新版 kube-proxy 在 KUBE-EXT 中实现外部流量策略：Cluster 时打上 MASQUERADE 标记并送往 KUBE-SVC（任一 endpoint）；Local 时送往 KUBE-SVL（仅本节点的 endpoint），不做 MASQUERADE。（种子文章中的 kube-proxy 直接在 KUBE-NODEPORTS 里打标记并跳转。）',
      extMark: 'KUBE-EXT 给数据包打上 MASQUERADE 标记（KUBE-MARK-MASQ），然后返回这里。',
      extLocalMark:
        '源地址 {{src}} 是本节点的地址：即使 externalTrafficPolicy 为 Local，节点自己的流量也要做 MASQUERADE，并可以发往任一 endpoint。',
      extService: '接着进入 {{target}}，即包含该 Service 全部 endpoint 的链。',
      extPods:
        '源地址 {{src}} 是 Pod：Pod 访问 Service 外部地址的流量按访问 ClusterIP 处理，发往 {{target}}。',
      extLocal:
        'externalTrafficPolicy 为 Local：数据包进入只包含本节点 endpoint 的 {{target}}，不做 MASQUERADE。',
      whyExtLocal:
        '这样 Pod 能看到客户端的真实地址 {{src}}。没有本地 endpoint 的节点会丢弃这类流量，负载均衡器的健康检查（healthCheckNodePort）会让客户端避开它。',
      fwAllowed:
        '源地址 {{src}} 在该 Service 的 loadBalancerSourceRanges 之内：继续进入 {{target}}。',
      fwOther:
        '源地址 {{src}} 不在该 Service 的 loadBalancerSourceRanges 之内：不会送往 Service，kube-proxy 会丢弃它。',
      svcMasq: '源地址 {{src}} 不在 Pod 网段内（不属于 {{cidr}}）：给数据包打上 MASQUERADE 标记。',
      svcMasqAll:
        'kube-proxy 以 --masquerade-all 运行：所有发往该 ClusterIP 的包都打上 MASQUERADE 标记。',
      whySvcMasq:
        '发往 ClusterIP、但不是来自 Pod 的流量——节点自己，或经本节点路由到 Service 网段的主机——要做 MASQUERADE，这样无论 Pod 运行在哪里，它的应答都会经由本节点返回，由这里的 conntrack 撤销 DNAT。',
      svcMasqPassedPod:
        'MASQUERADE 规则未匹配，跳过：{{src}} 是 Pod 地址（属于 {{cidr}}），Pod 的流量保留源地址。',
      svcMasqPassedAddress:
        'ClusterIP 的 MASQUERADE 规则未匹配，跳过：它针对发往 {{clusterIP}} 的包，而这个包发往 {{dst}}；把它送到这里的链已经决定是否做 MASQUERADE。',
      onlyEndpoint: '这条链只有一个 endpoint：所有包都发往 {{target}}。',
      affinity: '会话保持：{{src}} 在过去 {{seconds}} 秒内被分配给 {{target}}，所以这次还去那里。',
      whyAffinity:
        '`-m recent --rcheck` 在该 endpoint 的 DNAT 规则（`--set`）维护的列表中查找源地址：在 sessionAffinityConfig 的超时时间内，客户端固定访问同一个 Pod，只有新客户端才会进入随机分配。',
      hairpin:
        '源地址 {{src}} 正是这个 endpoint 本身：Pod 通过自己的 Service 访问自己（hairpin）。给数据包打上 MASQUERADE 标记。',
      whyHairpin:
        'DNAT 之后，Pod 会收到一个来自自己地址的包，并在自己的网络命名空间内直接回复自己，根本不经过负责把应答转换回 Service 地址的 conntrack 条目。做了 MASQUERADE 后，包来自节点，应答也经由节点返回。',
      hairpinPassed:
        '第 1 条规则，即 hairpin 检查（`-s <本 Pod> -j KUBE-MARK-MASQ`），未匹配，跳过：{{src}} 不是这个 endpoint 自己的地址。',
      dnat: 'DNAT 改写目的地址：{{from}} → {{to}}。数据包现在发往 Pod。',
      whyDnat:
        'conntrack 把它记在连接的回复元组中（应答来自 {{to}}）：该连接之后的包不再遍历 KUBE-SERVICES，直接发往同一个 Pod；应答则被改写成来自 {{from}}。',
      markMasq:
        'KUBE-MARK-MASQ 设置 mark 中的 MASQUERADE 位：{{from}} → {{to}}。然后回到跳转过来的那条链。',
      whyMarkMasq:
        '是否做 MASQUERADE 在这里（nat {{hook}}）决定，但源地址只能在 POSTROUTING 中改写——那时路由已经选好了出接口，MASQUERADE 才知道用哪个地址。所以数据包带上一个记号，也就是 mark，KUBE-POSTROUTING 对带这个记号的包做 MASQUERADE。',
      unmark:
        'KUBE-POSTROUTING 在做 MASQUERADE 之前清除 MASQUERADE 位：{{from}} → {{to}}（`--xor-mark {{bit}}`，iptables-save 显示为 `--set-xmark {{bit}}/0x0`）。',
      whyUnmark:
        '从 v1.19 起（以及 2020 年年中 1.16–1.18 的补丁版本），kube-proxy 会清除这个标记，以免数据包再次经过协议栈时被第二次 MASQUERADE——VXLAN 封装会复用同一个包，连同它的 mark。',
      masquerade: 'MASQUERADE 把源地址改写为出接口 {{dev}} 的地址：{{from}} → {{to}}。',
      whyMasquerade:
        'conntrack 记录新的源地址：Pod 回复 {{to}}，本节点收到应答后由 conntrack 转交给 {{from}}。',
      masqueradeMarked:
        '数据包带有标记 {{mark}}（`mark match {{mark}}/{{mark}}`），于是 MASQUERADE 把源地址改写为出接口 {{dev}} 的地址：{{from}} → {{to}}。',
      whyMasqueradeMarked:
        '这个版本的 kube-proxy 不清除标记；v1.19 起会先用 `--xor-mark` 清除。conntrack 记录新的源地址：Pod 回复 {{to}}，再由 conntrack 转交给 {{from}}。',
      postroutingReturn: '数据包没有标记 {{mark}}：RETURN，不做 MASQUERADE。',
      whyPostroutingReturn:
        '只有进来时被 KUBE-MARK-MASQ 打过标记的包才做 MASQUERADE；这个包保持源地址 {{src}} 发出。',
      postroutingPassed: '不做 MASQUERADE：数据包没有标记 {{mark}}，源地址 {{src}} 保持不变。',
      postroutingMarked:
        '数据包带有标记 {{mark}}：针对无标记包的 RETURN 未匹配，跳过，这个包将被 MASQUERADE。',
      reject: '{{dst}} 属于 {{service}}，它没有任何 endpoint：REJECT。',
      whyReject:
        'kube-proxy 为没有就绪 endpoint 的 Service 写下这条 filter 规则，让客户端立即被拒绝（ICMP port unreachable），而不是一直等到超时。',
      dropNoLocal: '{{dst}} 属于 {{service}}，其流量策略为 Local，而本节点上没有 endpoint：DROP。',
      whyDropNoLocal:
        'Local 流量策略要求流量留在到达的节点上；本节点没有 endpoint，它就无处可去。对于外部流量，负载均衡器的健康检查（healthCheckNodePort）会报告本节点不健康，因此不应再把流量发到这里。',
      firewallDrop:
        '源地址 {{src}} 不在 {{dst}} 的 loadBalancerSourceRanges 之内：KUBE-PROXY-FIREWALL 将其丢弃。',
      forwardMarked:
        '数据包带有 MASQUERADE 标记：KUBE-FORWARD 放行（“kubernetes forwarding rules”）。',
      whyForwardMarked:
        'filter FORWARD 在 POSTROUTING 之前，此时标记还在。即使 FORWARD 的默认策略是 DROP（Docker 会这样设置），kube-proxy 也会放行它打过标记的 Service 流量。',
      forwardEstablished:
        '数据包属于已知连接（RELATED,ESTABLISHED）：KUBE-FORWARD 放行（“kubernetes forwarding conntrack rule”）。',
      forwardInvalid: 'conntrack 判定该包为 INVALID：KUBE-FORWARD 将其丢弃。',
    },
  },
  tour: {
    heading: '导览',
    take: '开始导览',
    resume: '从第 {{step}} 步继续导览',
    position: '第 {{step}} 步，共 {{count}} 步',
    previous: '上一步',
    next: '下一步',
    end: '结束导览',
    seeking: '正在播放这一步的数据包…',
    missing:
      '屏幕上的规则里没有这一时刻：导览讲的是种子示例，一个带三个 Pod 的 NodePort Service。在“规则转储”下载入示例，即可在图上看到。',
    steps: {
      output: {
        title: '节点上的进程：nat OUTPUT',
        text: '节点上的进程发出的数据包（这里发往 ClusterIP 10.254.198.92:80）先经过路由，再到达 OUTPUT 钩子。nat OUTPUT 中注释为“kubernetes service portals”的规则把所有数据包交给 KUBE-SERVICES：kube-proxy 就是这样截获本机访问 Service 的流量的。（它前面的 LOG 规则是原文作者加的，用来观察经过的数据包。）',
      },
      prerouting: {
        title: '外部客户端：nat PREROUTING',
        text: '从节点外部来的数据包（这里是 203.0.113.10 上的客户端访问 NodePort 192.168.0.11:32110）一到达就经过 PREROUTING。nat PREROUTING 中也有同样的“kubernetes service portals”规则：两条入口路径都通向 KUBE-SERVICES。Service 的 DNAT 必须在这里、在路由之前完成，因为路由要根据目的地址判断数据包是发给本节点（INPUT）还是转发给 Pod（FORWARD）。',
      },
      clusterIP: {
        title: 'KUBE-SERVICES：每个 Service 地址一条规则',
        text: 'KUBE-SERVICES 为每个 Service 的 IP 和端口各写一条规则。-d 10.254.198.92/32 -p tcp --dport 80（注释“default/nginx-service-nodeport: cluster IP”）匹配成功，跳转到该 Service 的链 KUBE-SVC-I64SNEMOLCWHJHS3。不属于任何 Service 的数据包会错过所有规则，原样继续前进。',
      },
      split: {
        title: 'KUBE-SVC：随机挑选，各占 1/3',
        text: 'Service 链用 -m statistic --mode random 挑选端点：第一条规则的概率是 0.33333，第二条是 0.5，最后一条总是匹配。原文据此认为分配“并不平均”，其实每个概率都是在剩下的规则之间的机会：第一个 Pod 得到 1/3；第二个得到剩余 2/3 的一半，也是 1/3；最后一个得到剩下的 1/3。图下方的“随机分流”给出了完整的算式。',
      },
      dnat: {
        title: 'KUBE-SEP：DNAT 到 Pod',
        text: '端点链先标记 hairpin 流量：-s 172.17.0.2 -j KUBE-MARK-MASQ 针对 Pod 访问自己所属 Service 的情况，这种流量必须做 MASQUERADE 才能收到回包。这个数据包来自节点，所以这条规则被跳过。接着 DNAT 把目的地址改写为抽中的 Pod（KUBE-SEP-MMWJ6M2J72TU3J64 对应 172.17.0.2:80）。conntrack 记下这次改写，同一连接的后续数据包不必再走这些链，也会得到同样的改写。',
      },
      nodePorts: {
        title: 'KUBE-SERVICES 的最后一条规则：KUBE-NODEPORTS',
        text: 'NodePort 数据包的目的地址是节点本身（192.168.0.11:32110），而不是某个 ClusterIP，所以没有哪条 Service 规则能匹配它。KUBE-SERVICES 的最后一条规则 -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS 把所有发往本节点自身地址的数据包交给 KUBE-NODEPORTS。它必须放在最后，好让 ClusterIP 规则先匹配。',
      },
      mark: {
        title: 'KUBE-NODEPORTS：0x4000 标记',
        text: 'KUBE-NODEPORTS 中针对 --dport 32110 的第一条规则跳转到 KUBE-MARK-MASQ，它打上标记 0x4000 后返回（“数据包”面板中的 mark：0x0 → 0x4000）；下一条规则跳转到与 ClusterIP 相同的 KUBE-SVC 链。这个标记要求数据包离开时做 MASQUERADE：Pod 必须经由本节点回包，因为只有本节点能撤销这次 DNAT。',
      },
      masquerade: {
        title: 'KUBE-POSTROUTING：MASQUERADE',
        text: '数据包离开时，nat POSTROUTING 跳转到 KUBE-POSTROUTING，其中的规则匹配标记 0x4000/0x4000 并执行 MASQUERADE：源地址 203.0.113.10 被改写为节点出口的地址（172.17.0.1，通往 Pod 的网桥）。Pod 眼中的客户端是节点，于是回包会回到这里。节点上进程发出的数据包没有这个标记，源地址保持不变。',
      },
      wayBack: {
        title: '回程：conntrack 撤销两次改写',
        text: 'Pod 的回包（172.17.0.2:80 → 172.17.0.1）不走任何 nat 链：conntrack 根据连接的回复元组认出它，并撤销两次改写——MASQUERADE（目的地址变回客户端 203.0.113.10:40000）和 DNAT（源地址变为 192.168.0.11:32110）。客户端看到应答的是它访问的 NodePort，永远不是 Pod。',
      },
    },
  },
};
