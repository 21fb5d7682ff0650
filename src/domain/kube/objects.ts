/**
 * The Kubernetes objects kube-proxy reads, as far as its iptables rules depend
 * on them: Services (core/v1) and EndpointSlices (discovery.k8s.io/v1), with
 * Kubernetes' own field names and defaults left unapplied (undefined = not
 * given), plus where each came from in the user's text.
 */

/** Where an object or field was written: 1-based line and column in the input. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServicePort {
  /** Required when a Service has more than one port. */
  readonly name?: string;
  /** Defaults to TCP. */
  readonly protocol?: Protocol;
  readonly port: number;
  /** A number or a named container port; kube-proxy takes ports from the EndpointSlice. */
  readonly targetPort?: number | string;
  /** 0 or absent: none. */
  readonly nodePort?: number;
}

export interface Service {
  readonly kind: 'Service';
  readonly namespace: string;
  readonly name: string;
  readonly type: ServiceType;
  /** "None" for a headless Service. */
  readonly clusterIP?: string;
  readonly clusterIPs?: readonly string[];
  readonly ports: readonly ServicePort[];
  readonly externalIPs?: readonly string[];
  readonly loadBalancerSourceRanges?: readonly string[];
  /** status.loadBalancer.ingress[].ip */
  readonly loadBalancerIngressIPs?: readonly string[];
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly internalTrafficPolicy?: 'Cluster' | 'Local';
  readonly healthCheckNodePort?: number;
  readonly sessionAffinity?: 'None' | 'ClientIP';
  /** sessionAffinityConfig.clientIP.timeoutSeconds (Kubernetes' default: 10800). */
  readonly sessionAffinityTimeoutSeconds?: number;
  readonly position?: TextPosition;
}

export interface EndpointConditions {
  readonly ready?: boolean;
  readonly serving?: boolean;
  readonly terminating?: boolean;
}

export interface Endpoint {
  readonly addresses: readonly string[];
  readonly conditions?: EndpointConditions;
  readonly nodeName?: string;
  readonly zone?: string;
}

export interface EndpointPort {
  readonly name?: string;
  readonly protocol?: Protocol;
  readonly port?: number;
}

export interface EndpointSlice {
  readonly kind: 'EndpointSlice';
  readonly namespace: string;
  readonly name: string;
  /** labels["kubernetes.io/service-name"]: the Service it belongs to. */
  readonly serviceName: string;
  readonly addressType: 'IPv4' | 'IPv6' | 'FQDN';
  readonly endpoints: readonly Endpoint[];
  readonly ports: readonly EndpointPort[];
  readonly position?: TextPosition;
}

export type KubeObject = Service | EndpointSlice;
