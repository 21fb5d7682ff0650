/**
 * An open dump: the text parsed once, and every question the page asks of
 * it answered from the parsed rules. It runs in a Web Worker for any dump
 * the user brings (session.worker.ts) and in the page for the example it
 * opens with; either way its answers are plain data sized for a screen.
 */
import type { DiscoveredService } from '../domain/kube/discover-services.ts';
import { tablesLackingJumps, withBuiltinJumps } from '../domain/kube/add-builtin-jumps.ts';
import type { FoundServices } from '../domain/kube/discover-services.ts';
import { findServices, SERVICE_CHAIN } from '../domain/kube/discover-services.ts';
import { generateEnvironmentRules } from '../domain/env/generate-environment.ts';
import type { YamlImport } from '../domain/env/yaml-import.ts';
import { countReferences } from '../domain/model/chain-references.ts';
import type { Problem } from '../domain/model/problem.ts';
import type { Ruleset } from '../domain/model/ruleset.ts';
import { countLines } from '../domain/parse/lines.ts';
import type { DeferredRest, Progress } from '../domain/parse/parse-dump.ts';
import { parseDump } from '../domain/parse/parse-dump.ts';
import { serializeSave } from '../domain/parse/serialize-save.ts';
import { unreadLines } from '../domain/parse/table-builder.ts';
import { compileRuleset } from '../domain/sim/compile.ts';
import { unsupportedParts } from '../domain/sim/support.ts';
import { buildGraph, DEFAULT_MAX_NODES } from '../graph/build-graph.ts';
import { nodeOfRule } from '../graph/ids.ts';
import { HOOKS } from '../graph/pipeline.ts';
import { ruleLineOf } from '../graph/rule-lines.ts';
import { searchGraph } from '../graph/search.ts';
import type { Graph, NodeId, RuleLine } from '../graph/types.ts';
import type {
  ChainDetail,
  DumpOverview,
  GraphRequest,
  OpenOptions,
  QueryName,
  SearchHit,
  SearchResult,
  ServicePage,
  ServiceSummary,
  SessionQueries,
  SourceFormat,
  TableOutline,
  PlayRequest,
  PlayResult,
  SampleRequest,
  SampleResult,
  TraceRequest,
  TraceResult,
} from './protocol.ts';
import { playOn, sampleOn, traceOn, type Runnable } from './play-queries.ts';
import { MAX_LISTED_HITS, MAX_LISTED_PROBLEMS } from './protocol.ts';

/**
 * Whether the text is Kubernetes objects (YAML or JSON) rather than a rule dump: its first
 * line that is not a comment or a document marker starts a manifest.
 */
export function looksLikeKubeObjects(text: string): boolean {
  for (const raw of text.slice(0, 64 * 1024).split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line === '---') continue;
    return /^(apiVersion|kind|items|metadata|spec)\s*:/.test(line) || /^[{[]/.test(line);
  }
  return false;
}

/**
 * Reads Services and EndpointSlices (YAML or JSON) as an environment: yaml-import's
 * environmentFromYaml, handed to DumpSession.open by whoever may open such objects (the
 * session worker, the CLI, a page that loaded it for them), so that a page that only shows
 * rules (an embedded player) loads no YAML parser.
 */
export type ObjectsReader = (text: string) => YamlImport;

/** How `text` is read with `options`: as asked, or Kubernetes objects when 'auto' finds them. */
function readAs(text: string, options: OpenOptions): 'auto' | SourceFormat {
  const format = options.format ?? 'auto';
  return format === 'auto' && looksLikeKubeObjects(text) ? 'objects' : format;
}

/** Whether opening `text` with `options` reads Kubernetes objects (and so needs an ObjectsReader). */
export const readsObjects = (text: string, options: OpenOptions): boolean =>
  readAs(text, options) === 'objects';

interface Read {
  readonly ruleset: Ruleset;
  readonly problems: readonly Problem[];
  readonly format: SourceFormat;
  /** The text's lines, when the reading counted them. */
  readonly lines?: number;
  readonly generated?: string;
  readonly addedJumps?: number;
  /** With deferred rules: the chains not read yet (see ParseOptions.deferRules). */
  readonly rest?: DeferredRest;
}

/** Services and Endpoints as YAML or JSON: the rules kube-proxy would write for them. */
function readObjects(text: string, readObjectsText: ObjectsReader | undefined): Read {
  if (!readObjectsText) throw new Error('Kubernetes objects were opened without an ObjectsReader');
  const imported = readObjectsText(text);
  const empty: Ruleset = { tables: [] };
  if (!imported.environment)
    return { ruleset: empty, problems: imported.problems, format: 'objects' };
  const rules = generateEnvironmentRules(imported.environment);
  if (!rules.ok) {
    const problems = rules.problems.map((p): Problem => ({
      line: 1,
      column: 1,
      severity: 'error',
      message: `${p.path}: ${p.message}`,
    }));
    return { ruleset: empty, problems: [...imported.problems, ...problems], format: 'objects' };
  }
  const parsed = parseDump(rules.save, { format: 'save' });
  return {
    ruleset: parsed.ruleset,
    // The generated text's own problems would point at lines the user never wrote.
    problems: imported.problems,
    format: 'objects',
    generated: rules.save,
  };
}

function read(
  text: string,
  options: OpenOptions,
  progress: Progress | undefined,
  objects: ObjectsReader | undefined,
  deferRules: boolean,
): Read {
  const parsed = readText(text, options, progress, objects, deferRules);
  if (options.addJumps !== true) return parsed;
  const { ruleset, added } = withBuiltinJumps(parsed.ruleset);
  return { ...parsed, ruleset, addedJumps: added };
}

function readText(
  text: string,
  options: OpenOptions,
  progress: Progress | undefined,
  objects: ObjectsReader | undefined,
  deferRules: boolean,
): Read {
  const format = readAs(text, options);
  if (format === 'objects') return readObjects(text, objects);
  return parseDump(text, {
    format,
    deferRules,
    ...(options.table === undefined ? {} : { table: options.table }),
    ...(progress === undefined ? {} : { progress }),
  });
}

/** The lines with errors on them. */
const errorLinesOf = (problems: readonly Problem[]): number[] =>
  problems.filter((p) => p.severity === 'error').map((p) => p.line);

/** `nat/KUBE-SERVICES` → table `nat`, chain `KUBE-SERVICES`. */
function splitNodeId(node: NodeId): { table: string; chain: string } {
  const slash = node.indexOf('/');
  return { table: node.slice(0, slash), chain: node.slice(slash + 1) };
}

/** How a chain is named in a list: built-in chains exist in several tables, so with theirs. */
function chainTitle(node: NodeId): string {
  const { table, chain } = splitNodeId(node);
  return (HOOKS as readonly string[]).includes(chain) ? `${table} ${chain}` : chain;
}

/** The words a Service is found by in the Services list. */
function serviceWords(service: DiscoveredService): string {
  return [
    service.label,
    service.name ?? '',
    service.protocol,
    ...service.addresses.map((a) => `${a.ip ?? ''}:${a.port} ${a.kind}`),
    ...service.endpoints.map((e) => e.address),
    ...service.chains,
  ]
    .join(' ')
    .toLowerCase();
}

/**
 * Put query `name` to `session` with arguments that came as a message: the
 * worker and the page's session share this one way of asking.
 */
export function ask(session: SessionQueries, name: QueryName, args: readonly unknown[]): unknown {
  const query = session[name].bind(session) as (...list: readonly unknown[]) => unknown;
  return query(...args);
}

export class DumpSession implements SessionQueries {
  readonly ruleset: Ruleset;
  private summary: DumpOverview;
  private previousGraph: Graph | undefined;
  private discovered: { found: FoundServices; words: string[] } | undefined;
  private compiled: Runnable | undefined;
  /** Lines the parser reported errors on. */
  private errorLines: readonly number[];
  private references = new Map<string, ReadonlyMap<string, number>>();
  /** The chains whose rules are not read yet, until they all are (see readSome). */
  private rest: DeferredRest | undefined;

  private constructor(
    text: string,
    private readonly result: Read,
  ) {
    this.ruleset = result.ruleset;
    this.rest = result.rest;
    this.errorLines = errorLinesOf(result.problems);
    this.summary = this.summarise(result.lines ?? countLines(text), result.problems);
  }

  /**
   * The overview of the rules read so far: a chain not read yet counts its rule lines, and
   * has no problems yet.
   */
  private summarise(lines: number, problems: readonly Problem[]): DumpOverview {
    const { result } = this;
    let counters = this.rest?.counted ?? false;
    const tables = result.ruleset.tables.map((table) => {
      let tableRules = 0;
      for (const chain of table.chains) {
        const unread = unreadLines(chain);
        if (unread !== undefined) {
          tableRules += unread;
          continue;
        }
        tableRules += chain.rules.length;
        if (!counters && chain.rules.some((rule) => rule.counters !== undefined)) counters = true;
      }
      return { name: table.name, chains: table.chains.length, rules: tableRules };
    });
    return {
      format: result.format,
      lines,
      tables,
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
      problemCount: problems.length,
      serviceCount: this.discover().found.count,
      counters,
      lackingJumps: tablesLackingJumps(result.ruleset),
      addedJumps: result.addedJumps ?? 0,
      checking: this.rest !== undefined,
      ...(result.generated === undefined ? {} : { generated: result.generated }),
    };
  }

  /**
   * Reads the rules not read yet (see open's deferRules) until `deadline` (performance.now()),
   * in the dump's order. True once every rule is read, and the overview then tells every
   * problem and the rule counts as read.
   */
  readSome(deadline: number): boolean {
    const { rest } = this;
    if (!rest) return true;
    if (!rest.readSome(deadline)) return false;
    this.rest = undefined;
    const problems = rest.problems();
    this.errorLines = errorLinesOf(problems);
    this.summary = this.summarise(this.summary.lines, problems);
    return true;
  }

  /**
   * Read `text` (a rule dump in any format kpviz knows, or Services and
   * EndpointSlices, read by `objects`) and find its Services. `progress` hears how far the
   * parse is, in lines. With `deferRules`, an iptables-save dump's rules are read chain by
   * chain as they are first wanted (see ParseOptions.deferRules): the overview and the first
   * page of Services come from a big dump's chains and entry rules alone, readSome reads the
   * rest (and finds their problems) a slice at a time, and the overview says `checking`
   * until it has.
   *
   * @example
   *   const session = DumpSession.open(SEED_SAVE);
   *   session.overview().serviceCount; // 1
   *   DumpSession.open(manifest, {}, undefined, environmentFromYaml); // Services as YAML
   */
  static open(
    text: string,
    options: OpenOptions = {},
    progress?: Progress,
    objects?: ObjectsReader,
    { deferRules = false }: { readonly deferRules?: boolean } = {},
  ): DumpSession {
    return new DumpSession(text, read(text, options, progress, objects, deferRules));
  }

  overview(): DumpOverview {
    return this.summary;
  }

  /** The graph as asked for; chains shown before (or in `request.previous`) keep their places. */
  graph(request: GraphRequest): Graph {
    const previous = request.previous ?? this.previousGraph;
    const graph = buildGraph(this.ruleset, {
      ...(request.focus === null ? {} : { focus: request.focus }),
      expanded: new Set(request.expanded),
      collapsed: new Set(request.collapsed),
      maxNodes: DEFAULT_MAX_NODES,
      ...(previous ? { previous } : {}),
    });
    this.previousGraph = graph;
    return graph;
  }

  private referencesOf(table: string): ReadonlyMap<string, number> {
    let counts = this.references.get(table);
    if (!counts) {
      const found = this.ruleset.tables.find((t) => t.name === table);
      counts = found ? countReferences(found) : new Map<string, number>();
      this.references.set(table, counts);
    }
    return counts;
  }

  /** A chain (or a hook's chain of a table) in full, as the dump has it. */
  chain(node: NodeId): ChainDetail | undefined {
    const { table: tableName, chain: name } = splitNodeId(node);
    const table = this.ruleset.tables.find((t) => t.name === tableName);
    const chain = table?.chains.find((c) => c.name === name);
    if (!table || !chain) return undefined;
    return {
      table: table.name,
      chain,
      references: this.referencesOf(table.name).get(chain.name) ?? 0,
      unsupported: chain.rules.map((rule) => unsupportedParts(rule, table)),
    };
  }

  /** One rule as the graph draws it, whether or not the graph draws it now. */
  rule(key: string): RuleLine | undefined {
    return ruleLineOf(this.ruleset, key);
  }

  /** Every table's chains in the dump's order, with their sizes and references. */
  outline(): readonly TableOutline[] {
    return this.ruleset.tables.map((table) => {
      const references = this.referencesOf(table.name);
      return {
        name: table.name,
        chains: table.chains.map((chain) => ({
          chain: chain.name,
          ...(chain.policy === undefined ? {} : { policy: chain.policy }),
          rules: chain.rules.length,
          references: references.get(chain.name) ?? 0,
        })),
      };
    });
  }

  private discover(): { found: FoundServices; words: string[] } {
    // Words are made when first searched: 30,000 Services' strings cost time nobody asked for.
    return (this.discovered ??= { found: findServices(this.ruleset), words: [] });
  }

  /** The Service at `index`, as the Services list shows it. */
  private summaryOf(index: number): ServiceSummary {
    const service = this.discover().found.service(index);
    // The graph's focus takes a per-Service chain by name.
    const focusKey = service.chains.find((c) => SERVICE_CHAIN.test(c)) ?? service.chains[0] ?? '';
    return { ...service, focusKey };
  }

  /**
   * The Services whose name, addresses, endpoints or chains contain every
   * word of `query` (case-insensitive), at most `limit` of them.
   */
  services(query: string, limit: number): ServicePage {
    const { found, words } = this.discover();
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length === 0) {
      const first = Math.min(limit, found.count);
      return {
        total: found.count,
        services: Array.from({ length: first }, (_, i) => this.summaryOf(i)),
      };
    }
    if (words.length === 0)
      for (let i = 0; i < found.count; i++) words.push(serviceWords(found.service(i)));
    const listed: ServiceSummary[] = [];
    let total = 0;
    words.forEach((text, i) => {
      if (!terms.every((term) => text.includes(term))) return;
      total++;
      if (listed.length < limit) listed.push(this.summaryOf(i));
    });
    return { total, services: listed };
  }

  /**
   * Chains and rules matching `query` (IP, port, chain, comment; see
   * searchGraph): chains that matched by name or label alone first, then
   * matching rules in chain order, the first MAX_LISTED_HITS with their text.
   */
  search(query: string): SearchResult {
    if (query.trim() === '') return { query, total: 0, hits: [], nodes: [], rules: [] };
    const matches = searchGraph(this.ruleset, query);
    const withRules = new Set(matches.rules.map(nodeOfRule));
    const chains = matches.nodes.filter((node) => !withRules.has(node));
    const total = chains.length + matches.rules.length;
    const hits: SearchHit[] = chains
      .slice(0, MAX_LISTED_HITS)
      .map((node) => ({ node, title: chainTitle(node) }));
    for (const key of matches.rules.slice(0, MAX_LISTED_HITS - hits.length)) {
      const node = nodeOfRule(key);
      const line = ruleLineOf(this.ruleset, key);
      hits.push({
        node,
        rule: key,
        title: `${chainTitle(node)} ${key.slice(key.lastIndexOf('#'))}`,
        ...(line ? { text: line.text } : {}),
        ...(line?.targetId === undefined ? {} : { target: line.targetId }),
      });
    }
    return { query, total, hits, nodes: matches.nodes, rules: matches.rules };
  }

  /**
   * The rules a trace runs through: all of them, less those on lines with errors (a rule
   * the parser could not read whole would make the kernel refuse the lot).
   */
  private traceable(): { ruleset: Ruleset; leftOut: number[] } {
    const errors = new Set(this.errorLines);
    if (errors.size === 0) return { ruleset: this.ruleset, leftOut: [] };
    const leftOut = new Set<number>();
    const tables = this.ruleset.tables.map((table) => ({
      ...table,
      chains: table.chains.map((chain) => ({
        ...chain,
        rules: chain.rules.filter((rule) => {
          const line = rule.origin?.line;
          if (line === undefined || !errors.has(line)) return true;
          leftOut.add(line);
          return false;
        }),
      })),
    }));
    return { ruleset: { ...this.ruleset, tables }, leftOut: [...leftOut].sort((a, b) => a - b) };
  }

  /** The rules the packet questions run through, compiled when first asked for. */
  private readonly runnable = (): Runnable => {
    if (!this.compiled) {
      // Lines with errors are left out: every rule must be read to know them all.
      this.readSome(Infinity);
      const { ruleset, leftOut } = this.traceable();
      this.compiled = { ruleset: compileRuleset(ruleset), source: ruleset, leftOut };
    }
    return this.compiled;
  };

  /** One packet through the rules, or why it cannot be traced. */
  trace(request: TraceRequest): TraceResult {
    return traceOn(this.runnable, request);
  }

  /** A scenario's packets one after the other, each seeing the state the earlier ones left. */
  play(request: PlayRequest): PlayResult {
    return playOn(this.runnable, request);
  }

  /** Many new connections' first packets: how the random split spreads them. */
  sample(request: SampleRequest): SampleResult {
    return sampleOn(this.runnable, request);
  }

  /**
   * The rules on screen as iptables-save text, which iptables-restore loads and kpviz reads
   * back: a listing or `iptables -S` output comes out as the rules parsed from it, added jumps
   * included, an iptables-save dump in canonical form. Lines with errors were not read, so
   * they are not in it.
   */
  save(): string {
    return serializeSave(this.ruleset);
  }
}
