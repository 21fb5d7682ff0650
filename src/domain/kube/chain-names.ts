/**
 * Every chain name kube-proxy writes, one builder per kind, every prefix in
 * one place (as kube-proxy's servicePortPolicyClusterChain & co.). A
 * per-service-port chain is prefix + the first 16 base32 characters of
 * SHA-256(<S> + <protocol>[+ <endpoint>]), no separators (docs §1.2).
 */
import type { ChainName } from '../model/names.ts';
import { chainName } from '../model/names.ts';
import { base32 } from './base32.ts';
import { sha256, utf8 } from './sha256.ts';

export const KUBE_SERVICES = chainName('KUBE-SERVICES');
export const KUBE_EXTERNAL_SERVICES = chainName('KUBE-EXTERNAL-SERVICES');
export const KUBE_NODEPORTS = chainName('KUBE-NODEPORTS');
export const KUBE_POSTROUTING = chainName('KUBE-POSTROUTING');
export const KUBE_MARK_MASQ = chainName('KUBE-MARK-MASQ');
/** Kubelet's chain; kube-proxy jumps to it but does not write it. */
export const KUBE_MARK_DROP = chainName('KUBE-MARK-DROP');
export const KUBE_FORWARD = chainName('KUBE-FORWARD');
export const KUBE_PROXY_FIREWALL = chainName('KUBE-PROXY-FIREWALL');
/** Kubelet's chain name, which newer kube-proxy also writes (localhost node ports). */
export const KUBE_FIREWALL = chainName('KUBE-FIREWALL');

const SVC_PREFIX = 'KUBE-SVC-';
const SVL_PREFIX = 'KUBE-SVL-';
const FW_PREFIX = 'KUBE-FW-';
const EXT_PREFIX = 'KUBE-EXT-';
const SEP_PREFIX = 'KUBE-SEP-';
/** Pre-1.24 name of the "local endpoints only" chain (profile legacy). */
const XLB_PREFIX = 'KUBE-XLB-';

/** First 16 characters of base32(SHA-256(input)). */
export function hash16(input: string): string {
  return base32(sha256(utf8(input))).slice(0, 16);
}

/** Lower-cased protocol, as in `-m tcp -p tcp` and in the hash input. */
export type ProtocolWord = 'tcp' | 'udp' | 'sctp';

const portProto = (spn: string, protocol: ProtocolWord): string => hash16(spn + protocol);

export const servicePortPolicyClusterChain = (spn: string, protocol: ProtocolWord): ChainName =>
  chainName(SVC_PREFIX + portProto(spn, protocol));
export const servicePortPolicyLocalChain = (spn: string, protocol: ProtocolWord): ChainName =>
  chainName(SVL_PREFIX + portProto(spn, protocol));
export const serviceFirewallChain = (spn: string, protocol: ProtocolWord): ChainName =>
  chainName(FW_PREFIX + portProto(spn, protocol));
export const serviceExternalChain = (spn: string, protocol: ProtocolWord): ChainName =>
  chainName(EXT_PREFIX + portProto(spn, protocol));
export const serviceLBChain = (spn: string, protocol: ProtocolWord): ChainName =>
  chainName(XLB_PREFIX + portProto(spn, protocol));
/** `endpoint` is `ip:port` (`[ip]:port` for IPv6). */
export const servicePortEndpointChain = (
  spn: string,
  protocol: ProtocolWord,
  endpoint: string,
): ChainName => chainName(SEP_PREFIX + hash16(spn + protocol + endpoint));
