/**
 * The node as the kernel's IPv4 routing sees it: which addresses are local,
 * what type an address is (addrtype), where a destination is routed, and the
 * address MASQUERADE picks on an interface.
 */
import type { Cidr } from './ipv4.ts';
import {
  formatIPv4,
  inCidr,
  isLoopback,
  isMulticast,
  isZeroNet,
  LIMITED_BROADCAST,
  maskOf,
  parseAddress,
  parseCidr,
} from './ipv4.ts';
import type { NodeModel } from './types.ts';

/** rtnetlink's route types, the words `-m addrtype` uses. */
export type AddressType = 'LOCAL' | 'BROADCAST' | 'MULTICAST' | 'UNICAST';

export interface InterfaceAddress {
  readonly address: number;
  readonly prefix: number;
  /** An address is secondary when an earlier address of the interface covers its subnet. */
  readonly secondary: boolean;
}

export type RouteResult =
  | { readonly kind: 'local'; readonly dev: string }
  | { readonly kind: 'broadcast'; readonly dev: string }
  | { readonly kind: 'unicast'; readonly dev: string; readonly via?: number }
  | { readonly kind: 'unreachable' };

interface TableRoute {
  readonly cidr: Cidr & { readonly prefix: number };
  readonly dev: string;
  readonly via?: number;
}

/** A node model the kernel could not hold (a bad address, a route via a missing interface). */
export class NodeModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeModelError';
  }
}

export class NodeView {
  readonly interfaces: ReadonlyMap<string, readonly InterfaceAddress[]>;
  /** Local address → the interface that holds it. */
  private readonly local = new Map<number, string>();
  private readonly broadcast = new Map<number, string>();
  /** Main table, longest prefix first. */
  private readonly routes: readonly TableRoute[];
  readonly ipForward: boolean;
  readonly routeLocalnet: boolean;
  readonly ipsets: ReadonlyMap<string, readonly Cidr[]>;

  constructor(model: NodeModel) {
    const interfaces = new Map<string, InterfaceAddress[]>();
    const routes: TableRoute[] = [];
    interfaces.set('lo', [{ address: 0x7f000001, prefix: 8, secondary: false }]);
    for (const iface of model.interfaces) {
      if (iface.name === 'lo') continue;
      if (interfaces.has(iface.name))
        throw new NodeModelError(`interface ${iface.name} is listed twice`);
      const list: InterfaceAddress[] = [];
      for (const text of iface.addresses) {
        const cidr = parseCidr(text);
        if (!cidr || cidr.prefix === undefined)
          throw new NodeModelError(`${iface.name}: "${text}" is not an IPv4 address/prefix`);
        const address = parseAddress(text.split('/')[0] ?? '') as number;
        const secondary = list.some((a) => inCidr(address, subnet(a)));
        list.push({ address, prefix: cidr.prefix, secondary });
        if (!this.local.has(address)) this.local.set(address, iface.name);
        // The kernel adds the subnet's broadcast address to the local table (not for /31, /32).
        if (cidr.prefix < 31) this.broadcast.set((cidr.network | ~cidr.mask) >>> 0, iface.name);
        if (!secondary) {
          routes.push({ cidr: { ...cidr, prefix: cidr.prefix }, dev: iface.name });
        }
      }
      interfaces.set(iface.name, list);
    }
    for (const route of model.routes) {
      const cidr = parseCidr(route.destination);
      if (!cidr || cidr.prefix === undefined)
        throw new NodeModelError(`route "${route.destination}" is not an IPv4 prefix`);
      if (!interfaces.has(route.dev))
        throw new NodeModelError(`route ${route.destination} names unknown interface ${route.dev}`);
      const via = route.via === undefined ? undefined : parseAddress(route.via);
      if (route.via !== undefined && via === undefined)
        throw new NodeModelError(`route ${route.destination}: "${route.via}" is not an address`);
      routes.push({
        cidr: { ...cidr, prefix: cidr.prefix },
        dev: route.dev,
        ...(via === undefined ? {} : { via }),
      });
    }
    routes.sort((a, b) => b.cidr.prefix - a.cidr.prefix);
    this.routes = routes;
    this.interfaces = interfaces;
    this.ipForward = model.ipForward;
    this.routeLocalnet = model.routeLocalnet;
    const sets = new Map<string, Cidr[]>();
    for (const [name, members] of Object.entries(model.ipsets ?? {})) {
      const parsed = members.map((m) => parseCidr(m));
      if (parsed.some((c) => c === undefined))
        throw new NodeModelError(`ipset ${name} has a member that is not an IPv4 address or CIDR`);
      sets.set(name, parsed as Cidr[]);
    }
    this.ipsets = sets;
  }

  /** Every address of the local routing table: interface addresses and 127.0.0.0/8. */
  isLocal(address: number): boolean {
    return isLoopback(address) || this.local.has(address);
  }

  /** An address some interface holds (127.0.0.1 on lo counts; the rest of 127/8 does not). */
  isInterfaceAddress(address: number): boolean {
    return address === 0x7f000001 || this.local.has(address);
  }

  /** The interface holding a local address (`lo` for 127.0.0.0/8). */
  deviceOf(address: number): string | undefined {
    return this.local.get(address) ?? (isLoopback(address) ? 'lo' : undefined);
  }

  /**
   * inet_addr_type / inet_dev_addr_type: LOCAL, BROADCAST or MULTICAST from
   * the local table, else UNICAST (also for an address with no route). With
   * `dev`, a local or broadcast address counts only on the interface that
   * holds it (addrtype's --limit-iface-*).
   */
  addressType(address: number, dev?: string): AddressType {
    if (isZeroNet(address) || address === LIMITED_BROADCAST) return 'BROADCAST';
    if (isMulticast(address)) return 'MULTICAST';
    const local = this.deviceOf(address);
    if (local !== undefined) return dev === undefined || dev === local ? 'LOCAL' : 'UNICAST';
    const bcast = this.broadcast.get(address);
    if (bcast !== undefined) return dev === undefined || dev === bcast ? 'BROADCAST' : 'UNICAST';
    return 'UNICAST';
  }

  /** The route to `dst`: the local table first, then the main table's longest prefix. */
  route(dst: number): RouteResult {
    const local = this.deviceOf(dst);
    if (local !== undefined) return { kind: 'local', dev: local };
    const bcast = this.broadcast.get(dst);
    if (bcast !== undefined || dst === LIMITED_BROADCAST)
      return { kind: 'broadcast', dev: bcast ?? 'lo' };
    for (const r of this.routes) {
      if (inCidr(dst, r.cidr))
        return { kind: 'unicast', dev: r.dev, ...(r.via === undefined ? {} : { via: r.via }) };
    }
    return { kind: 'unreachable' };
  }

  /**
   * The source MASQUERADE writes (inet_select_addr with scope universe): the
   * interface's first primary address in the next hop's subnet, else its first
   * primary address of global scope; for an interface without one (lo), the
   * first such address of any other interface.
   */
  masqueradeAddress(dev: string, nexthop: number): number | undefined {
    const pick = (list: readonly InterfaceAddress[]): number | undefined => {
      let first: number | undefined;
      for (const a of list) {
        if (a.secondary || isLoopback(a.address)) continue;
        if (inCidr(nexthop, subnet(a))) return a.address;
        first ??= a.address;
      }
      return first;
    };
    const own = pick(this.interfaces.get(dev) ?? []);
    if (own !== undefined) return own;
    for (const [name, list] of this.interfaces) {
      if (name === dev) continue;
      const other = pick(list);
      if (other !== undefined) return other;
    }
    return undefined;
  }

  /** The first address of an interface (REDIRECT's destination for packets arriving on it). */
  primaryAddress(dev: string): number | undefined {
    return this.interfaces.get(dev)?.[0]?.address;
  }

  /** The interface a packet from `src` is expected on: the one the route back to it leaves by. */
  interfaceTowards(src: number): string | undefined {
    const r = this.route(src);
    return r.kind === 'unicast' ? r.dev : undefined;
  }

  describe(address: number): string {
    return formatIPv4(address);
  }
}

const subnet = (a: InterfaceAddress): Cidr => ({
  network: (a.address & maskOf(a.prefix)) >>> 0,
  mask: maskOf(a.prefix),
  prefix: a.prefix,
});
