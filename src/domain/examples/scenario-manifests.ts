/**
 * The scenarios' Services and EndpointSlices as Kubernetes YAML. They live in
 * TypeScript rather than in .yaml files imported with `?raw` because the kpviz
 * command runs under tsx, which has no `?raw`: the scenarios must load there
 * too, not only under Vite and Vitest.
 *
 * The cluster: node-1 (this node, 192.168.0.11, pods 10.244.1.0/24 on cni0)
 * and node-2 (192.168.0.12, pods 10.244.2.0/24); Services in 10.96.0.0/12.
 * Unnamed ports carry `name: ""` in their EndpointSlice, as the EndpointSlice
 * controller writes them.
 */

/** The seed's shape on this cluster: nginx behind a NodePort, two pods here and one on node-2. */
export const NGINX_MANIFEST = `# nginx behind a NodePort: two pods on node-1 (this node), one on node-2.
apiVersion: v1
kind: Service
metadata:
  name: nginx
  namespace: default
spec:
  type: NodePort
  clusterIP: 10.96.100.10
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
      nodePort: 30080
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: nginx-7xk2p
  namespace: default
  labels:
    kubernetes.io/service-name: nginx
addressType: IPv4
ports:
  - name: ""
    protocol: TCP
    port: 80
endpoints:
  - addresses:
      - 10.244.1.2
    conditions:
      ready: true
    nodeName: node-1
  - addresses:
      - 10.244.1.3
    conditions:
      ready: true
    nodeName: node-1
  - addresses:
      - 10.244.2.2
    conditions:
      ready: true
    nodeName: node-2
`;

/** A LoadBalancer Service open to every source. */
export const WEB_LB_MANIFEST = `# A LoadBalancer Service (externalTrafficPolicy Cluster) whose load balancer
# sends packets to the nodes with the load-balancer IP as destination.
apiVersion: v1
kind: Service
metadata:
  name: web-lb
  namespace: default
spec:
  type: LoadBalancer
  clusterIP: 10.96.100.20
  ports:
    - name: http
      protocol: TCP
      port: 80
      targetPort: 8080
      nodePort: 30081
status:
  loadBalancer:
    ingress:
      - ip: 198.51.100.10
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-lb-q8v4d
  namespace: default
  labels:
    kubernetes.io/service-name: web-lb
addressType: IPv4
ports:
  - name: http
    protocol: TCP
    port: 8080
endpoints:
  - addresses:
      - 10.244.1.4
    conditions:
      ready: true
    nodeName: node-1
  - addresses:
      - 10.244.2.4
    conditions:
      ready: true
    nodeName: node-2
`;

/** The same pods behind a LoadBalancer that only 192.0.2.0/24 may reach. */
export const WEB_LB_RANGES_MANIFEST = `# A LoadBalancer Service that only clients in 192.0.2.0/24 may reach
# through its load-balancer IP (spec.loadBalancerSourceRanges).
apiVersion: v1
kind: Service
metadata:
  name: web-lb-ranges
  namespace: default
spec:
  type: LoadBalancer
  clusterIP: 10.96.100.21
  loadBalancerSourceRanges:
    - 192.0.2.0/24
  ports:
    - name: http
      protocol: TCP
      port: 80
      targetPort: 8080
      nodePort: 30085
status:
  loadBalancer:
    ingress:
      - ip: 198.51.100.11
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-lb-ranges-m2c9x
  namespace: default
  labels:
    kubernetes.io/service-name: web-lb-ranges
addressType: IPv4
ports:
  - name: http
    protocol: TCP
    port: 8080
endpoints:
  - addresses:
      - 10.244.1.4
    conditions:
      ready: true
    nodeName: node-1
  - addresses:
      - 10.244.2.4
    conditions:
      ready: true
    nodeName: node-2
`;

/** A NodePort Service whose selector matches no pod: its EndpointSlice is empty. */
export const IDLE_MANIFEST = `# A NodePort Service whose selector matches no running pod: the
# EndpointSlice controller keeps an EndpointSlice with no endpoints.
apiVersion: v1
kind: Service
metadata:
  name: idle
  namespace: default
spec:
  type: NodePort
  clusterIP: 10.96.100.30
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
      nodePort: 30082
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: idle-5tq7w
  namespace: default
  labels:
    kubernetes.io/service-name: idle
addressType: IPv4
ports:
  - name: ""
    protocol: TCP
    port: 80
endpoints: []
`;

/** externalTrafficPolicy Local with one endpoint on this node and one on node-2. */
export const ECHO_LOCAL_MANIFEST = `# externalTrafficPolicy: Local, with an endpoint on node-1 (this node)
# and one on node-2.
apiVersion: v1
kind: Service
metadata:
  name: echo
  namespace: default
spec:
  type: NodePort
  externalTrafficPolicy: Local
  clusterIP: 10.96.100.40
  ports:
    - name: http
      protocol: TCP
      port: 80
      targetPort: 8080
      nodePort: 30083
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: echo-h6r2n
  namespace: default
  labels:
    kubernetes.io/service-name: echo
addressType: IPv4
ports:
  - name: http
    protocol: TCP
    port: 8080
endpoints:
  - addresses:
      - 10.244.1.6
    conditions:
      ready: true
    nodeName: node-1
  - addresses:
      - 10.244.2.6
    conditions:
      ready: true
    nodeName: node-2
`;

/** externalTrafficPolicy Local with every endpoint on node-2. */
export const ECHO_REMOTE_MANIFEST = `# externalTrafficPolicy: Local, with both endpoints on node-2: node-1
# (this node) has none.
apiVersion: v1
kind: Service
metadata:
  name: echo-remote
  namespace: default
spec:
  type: NodePort
  externalTrafficPolicy: Local
  clusterIP: 10.96.100.41
  ports:
    - name: http
      protocol: TCP
      port: 80
      targetPort: 8080
      nodePort: 30084
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: echo-remote-w4k8s
  namespace: default
  labels:
    kubernetes.io/service-name: echo-remote
addressType: IPv4
ports:
  - name: http
    protocol: TCP
    port: 8080
endpoints:
  - addresses:
      - 10.244.2.7
    conditions:
      ready: true
    nodeName: node-2
  - addresses:
      - 10.244.2.8
    conditions:
      ready: true
    nodeName: node-2
`;

/** sessionAffinity ClientIP with Kubernetes' default timeout. */
export const STICKY_MANIFEST = `# sessionAffinity: ClientIP, with Kubernetes' default timeout (3 hours).
apiVersion: v1
kind: Service
metadata:
  name: sticky
  namespace: default
spec:
  type: ClusterIP
  clusterIP: 10.96.100.60
  sessionAffinity: ClientIP
  sessionAffinityConfig:
    clientIP:
      timeoutSeconds: 10800
  ports:
    - name: http
      protocol: TCP
      port: 80
      targetPort: 80
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: sticky-z9p3f
  namespace: default
  labels:
    kubernetes.io/service-name: sticky
addressType: IPv4
ports:
  - name: http
    protocol: TCP
    port: 80
endpoints:
  - addresses:
      - 10.244.1.11
    conditions:
      ready: true
    nodeName: node-1
  - addresses:
      - 10.244.1.12
    conditions:
      ready: true
    nodeName: node-1
  - addresses:
      - 10.244.2.11
    conditions:
      ready: true
    nodeName: node-2
`;

/** Cluster DNS: port 53 over UDP and TCP, two CoreDNS pods. */
export const KUBE_DNS_MANIFEST = `# Cluster DNS as kubeadm sets it up: port 53 over UDP and over TCP.
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
spec:
  type: ClusterIP
  clusterIP: 10.96.0.10
  ports:
    - name: dns
      protocol: UDP
      port: 53
      targetPort: 53
    - name: dns-tcp
      protocol: TCP
      port: 53
      targetPort: 53
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: kube-dns-8s7dq
  namespace: kube-system
  labels:
    kubernetes.io/service-name: kube-dns
addressType: IPv4
ports:
  - name: dns
    protocol: UDP
    port: 53
  - name: dns-tcp
    protocol: TCP
    port: 53
endpoints:
  - addresses:
      - 10.244.1.8
    conditions:
      ready: true
    nodeName: node-1
  - addresses:
      - 10.244.2.9
    conditions:
      ready: true
    nodeName: node-2
`;
