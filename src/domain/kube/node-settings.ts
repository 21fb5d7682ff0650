/** The kube-proxy versions whose rules kpviz can write. */
export type ProfileName = 'current' | 'legacy';

/**
 * How kube-proxy on one node is set up: what its flags and the node give it.
 * Defaults (see DEFAULT_NODE_SETTINGS) are kube-proxy's own.
 */
export interface NodeSettings {
  /** The node's name: an endpoint whose nodeName equals it is local. */
  readonly nodeName: string;
  /** The node's addresses (the first is its primary IP). */
  readonly nodeIPs: readonly string[];
  /** --cluster-cidr for local-traffic detection; undefined: no detection. */
  readonly clusterCIDR?: string;
  /** --masquerade-all */
  readonly masqueradeAll: boolean;
  /** --iptables-masquerade-bit (0–31, default 14 → mark 0x4000). */
  readonly masqueradeBit: number;
  /** Whether the node's iptables supports MASQUERADE --random-fully. */
  readonly randomFully: boolean;
  /** Which kube-proxy version's rules to write. */
  readonly profile: ProfileName;
  /**
   * The masquerade mark's text, when kube-proxy was handed one: real
   * kube-proxy writes Go's `%#08x` of 1 << masqueradeBit (`0x00004000`);
   * kube-proxy's unit tests hard-code `0x4000`. The kernel stores both alike.
   */
  readonly masqueradeMark?: string;
  /** The proxier's IP family; undefined: the family of nodeIPs[0] (IPv4 if none). */
  readonly ipFamily?: 'IPv4' | 'IPv6';
  /** --iptables-localhost-nodeports (default true): IPv4 node ports on 127.0.0.1 (profile current). */
  readonly localhostNodePorts?: boolean;
  /**
   * --nodeport-addresses CIDRs (profile current); undefined or empty: every
   * local address. The node's local addresses are nodeIPs plus 127.0.0.1 and ::1.
   */
  readonly nodePortAddresses?: readonly string[];
}

export const DEFAULT_NODE_SETTINGS: NodeSettings = {
  nodeName: 'node-1',
  nodeIPs: ['192.168.0.11'],
  masqueradeAll: false,
  masqueradeBit: 14,
  randomFully: false,
  profile: 'current',
};
