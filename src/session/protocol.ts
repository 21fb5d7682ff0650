/**
 * What the page asks of an open dump and what comes back. A dump of 50 MB
 * parses into far more objects than the page could copy in one task, so the
 * parsed rules stay where they were parsed (a Web Worker) and only answers
 * sized for a screen cross over: an overview, the graph as drawn, one chain,
 * a page of Services, a search's first hits, a trace.
 */
import type { DiscoveredService } from '../domain/kube/discover-services.ts';
import type { ChainName, TableName } from '../domain/model/names.ts';
import type { Chain } from '../domain/model/ruleset.ts';
import type { Problem } from '../domain/model/problem.ts';
import type { DumpFormat } from '../domain/parse/detect-format.ts';
import type { Mode } from '../domain/sim/simulate.ts';
import type { EndpointChoice, Leg, ScriptPacket } from '../domain/play/types.ts';
import type { NodeModel, PacketSpec, Trace } from '../domain/sim/types.ts';
import type { Graph, NodeId, RuleLine } from '../graph/types.ts';

/** How the text was read: one of the dump formats, or Kubernetes objects run through the generator. */
export type SourceFormat = DumpFormat | 'objects';

export interface OpenOptions {
  /** 'auto' (the default) tells the format from the text. */
  readonly format?: 'auto' | SourceFormat;
  /** The table of a listing or `iptables -S` output, which does not name it. */
  readonly table?: TableName;
  /**
   * Add the jumps kube-proxy inserts into the built-in chains (PREROUTING →
   * KUBE-SERVICES …) to tables that have kube-proxy's chains but none: its
   * iptables-restore input, as its unit tests print it, holds no such jump.
   */
  readonly addJumps?: boolean;
}

/** At most this many problems cross over; the count says how many there are. */
export const MAX_LISTED_PROBLEMS = 1000;

export interface TableSummary {
  readonly name: TableName;
  readonly chains: number;
  readonly rules: number;
}

/** What a dump holds, in numbers, and what could not be read. */
export interface DumpOverview {
  readonly format: SourceFormat;
  /** Lines of the text as given (for Kubernetes objects, of the YAML). */
  readonly lines: number;
  readonly tables: readonly TableSummary[];
  /** The first MAX_LISTED_PROBLEMS problems in line order. */
  readonly problems: readonly Problem[];
  readonly problemCount: number;
  readonly serviceCount: number;
  /** Whether rules carry packet counters (`iptables-save -c`, `-nvL`). */
  readonly counters: boolean;
  /** For Kubernetes objects: the iptables-save text generated from them. */
  readonly generated?: string;
  /**
   * Tables with kube-proxy's chains but no jump into them from a built-in chain (see
   * OpenOptions.addJumps); empty once they are added.
   */
  readonly lackingJumps: readonly TableName[];
  /** How many jumps OpenOptions.addJumps added. */
  readonly addedJumps: number;
  /**
   * The rules are still being read, chain by chain, after the dump was opened (see
   * DumpSession.open): the problems are those found so far, and a table's rules
   * count the lines that add one.
   */
  readonly checking: boolean;
}

/** What the user asked the graph to show. */
export interface GraphRequest {
  readonly focus: string | null;
  readonly expanded: readonly NodeId[];
  readonly collapsed: readonly NodeId[];
  /**
   * A graph shown before, of another dump (the rules before an edit of the environment): its
   * chains keep their places in this one. Without it, the session's own last graph.
   */
  readonly previous?: Graph;
}

/** A page of the Services discovered in the rules, those whose words hold the query. */
export interface ServicePage {
  /** How many match the query in all. */
  readonly total: number;
  readonly services: readonly ServiceSummary[];
}

/** A discovered Service port and the graph's key for focusing on it. */
export interface ServiceSummary extends DiscoveredService {
  /** What GraphRequest.focus takes to show this Service's chains only. */
  readonly focusKey: string;
}

/** A chain in full, for the details panel and the Rules view. */
export interface ChainDetail {
  readonly table: TableName;
  readonly chain: Chain;
  /** How many rules jump or go to it. */
  readonly references: number;
  /** Per rule, what the simulator cannot be sure of (empty for most). */
  readonly unsupported: readonly (readonly string[])[];
}

/** A chain of the Rules view's outline: enough to list it, its rules fetched when opened. */
export interface ChainOutline {
  readonly chain: ChainName;
  readonly policy?: 'ACCEPT' | 'DROP';
  readonly rules: number;
  readonly references: number;
}

export interface TableOutline {
  readonly name: TableName;
  readonly chains: readonly ChainOutline[];
}

/** One search result: a chain that matched by name or label, or one of its rules. */
export interface SearchHit {
  readonly node: NodeId;
  readonly rule?: string;
  /** `KUBE-SVC-… #2`, `nat PREROUTING #1`, or the chain's name. */
  readonly title: string;
  /** The rule as iptables-save writes it. */
  readonly text?: string;
  /** The chain the rule jumps to, which showing the rule may need drawn too. */
  readonly target?: NodeId;
}

/** At most this many search hits cross over, with their text; the total says how many there are. */
export const MAX_LISTED_HITS = 200;

export interface SearchResult {
  readonly query: string;
  readonly total: number;
  readonly hits: readonly SearchHit[];
  /** Every matching chain and rule, for highlighting whatever the graph draws. */
  readonly nodes: readonly NodeId[];
  readonly rules: readonly string[];
}

export interface TraceRequest {
  readonly packet: PacketSpec;
  readonly node: NodeModel;
  readonly mode: Mode;
}

/** A trace, or why the kernel would not have run it (rules it would refuse, a bad packet). */
export type TraceResult =
  | {
      readonly ok: true;
      readonly trace: Trace;
      /**
       * Lines with errors, whose rules the trace left out. The kernel would take none of
       * such a dump (iptables-restore loads all or nothing): the trace shows the rest.
       */
      readonly leftOut: readonly number[];
    }
  | { readonly ok: false; readonly message: string; readonly line?: number };

/** A scenario's conversation to play: its packets, the node, and how the random split goes. */
export interface PlayRequest {
  readonly script: readonly ScriptPacket[];
  readonly model: NodeModel;
  readonly choice: EndpointChoice;
}

/** A rule a played packet looked at, as the narration and the inspector quote it. */
export interface PlayRule {
  /** As `iptables -S` prints it. */
  readonly text: string;
  /** The target's name (`KUBE-SVC-…`, `DNAT`). */
  readonly target?: string;
}

export type PlayResult =
  | {
      readonly ok: true;
      /**
       * Each packet as the simulator traced it, with the random splits of the chains it went
       * through (Leg.splits): the split view and the narration read them, not the rules.
       */
      readonly legs: readonly Leg[];
      /**
       * `table/CHAIN#n` → the rule: every rule of each chain the packets went through (of a
       * chain of more than 300 rules, those a step names).
       */
      readonly rules: Readonly<Record<string, PlayRule>>;
      readonly leftOut: readonly number[];
    }
  | { readonly ok: false; readonly message: string; readonly line?: number };

/** Many first packets of new connections, to see a random split's spread. */
export interface SampleRequest {
  readonly packet: PacketSpec;
  readonly model: NodeModel;
  /** At most MAX_SAMPLE (play-queries.ts). */
  readonly count: number;
  /** The first packet's seed; the i-th packet draws with seed + i. */
  readonly seed: number;
}

export type SampleResult =
  | {
      readonly ok: true;
      readonly count: number;
      /** Each distinct outcome and how many packets had it, most frequent first. */
      readonly outcomes: readonly {
        readonly dnat: string | null;
        readonly verdict: string;
        readonly count: number;
      }[];
    }
  | { readonly ok: false; readonly message: string; readonly line?: number };

/** Every question an open dump answers; the worker and the in-page session both implement it. */
export interface SessionQueries {
  overview(): DumpOverview;
  graph(request: GraphRequest): Graph;
  chain(node: NodeId): ChainDetail | undefined;
  rule(key: string): RuleLine | undefined;
  outline(): readonly TableOutline[];
  services(query: string, limit: number): ServicePage;
  search(query: string): SearchResult;
  trace(request: TraceRequest): TraceResult;
  play(request: PlayRequest): PlayResult;
  sample(request: SampleRequest): SampleResult;
  /** The rules as iptables-save text, whatever format they came in (an export's file). */
  save(): string;
}

export type QueryName = keyof SessionQueries;

/** Page → worker. */
export type WorkerRequest =
  /**
   * A piece of the dump's text, in order. A big dump goes over in pieces, one per task: copying
   * 20 MB to a worker in one message holds the page for ~85 ms, a 1 MB piece for ~4.
   */
  | { readonly kind: 'text'; readonly text: string }
  /** Parse the pieces sent so far, joined, as one dump. */
  | { readonly kind: 'open'; readonly options: OpenOptions }
  | {
      readonly kind: 'query';
      readonly id: number;
      readonly name: QueryName;
      readonly args: readonly unknown[];
    };

/** Worker → page. */
export type WorkerResponse =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | {
      readonly kind: 'opened';
      readonly overview: DumpOverview;
      /** How long the worker took to parse the dump and find its Services, in ms. */
      readonly openMs: number;
    }
  | {
      /** An opened dump's rules are all read now (see DumpOverview.checking). */
      readonly kind: 'checked';
      readonly overview: DumpOverview;
      /** How long after 'opened' that was, in ms. */
      readonly checkMs: number;
    }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'answer'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };
