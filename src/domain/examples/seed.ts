/**
 * The seed scenario: the kube-proxy article kpviz opens with (node
 * 192.168.0.11, Service default/nginx-service-nodeport with ClusterIP
 * 10.254.198.92:80 and NodePort 32110, pods 172.17.0.2-4:80).
 *
 * SEED_LISTING is the article's `iptables -t nat -nL` output as the article
 * prints it (columns collapsed to single spaces). The article elides parts
 * with "..." and says the other two KUBE-SEP chains are "similar"; those
 * chains, nat INPUT/POSTROUTING, KUBE-MARK-MASQ and KUBE-POSTROUTING are
 * completed here the way that kube-proxy version wrote them, and chains are
 * in the order iptables lists them (built-ins, then user chains by name).
 */
export const SEED_LISTING = `Chain PREROUTING (policy ACCEPT)
target prot opt source destination
LOG all -- 0.0.0.0/0 0.0.0.0/0 LOG flags 0 level 4 prefix "** NAT PREROUTING **"
KUBE-SERVICES all -- 0.0.0.0/0 0.0.0.0/0 /* kubernetes service portals */

Chain INPUT (policy ACCEPT)
target prot opt source destination

Chain OUTPUT (policy ACCEPT)
target prot opt source destination
LOG all -- 0.0.0.0/0 0.0.0.0/0 LOG flags 0 level 4 prefix "** NAT OUTPUT **"
KUBE-SERVICES all -- 0.0.0.0/0 0.0.0.0/0 /* kubernetes service portals */

Chain POSTROUTING (policy ACCEPT)
target prot opt source destination
KUBE-POSTROUTING all -- 0.0.0.0/0 0.0.0.0/0 /* kubernetes postrouting rules */

Chain KUBE-MARK-MASQ (4 references)
target prot opt source destination
MARK all -- 0.0.0.0/0 0.0.0.0/0 MARK or 0x4000

Chain KUBE-NODEPORTS (1 references)
target prot opt source destination
KUBE-MARK-MASQ tcp -- 0.0.0.0/0 0.0.0.0/0 /* default/nginx-service-nodeport: */ tcp dpt:32110
KUBE-SVC-I64SNEMOLCWHJHS3 tcp -- 0.0.0.0/0 0.0.0.0/0 /* default/nginx-service-nodeport: */ tcp dpt:32110

Chain KUBE-POSTROUTING (1 references)
target prot opt source destination
MASQUERADE all -- 0.0.0.0/0 0.0.0.0/0 /* kubernetes service traffic requiring SNAT */ mark match 0x4000/0x4000

Chain KUBE-SEP-74XRUOWV76LDS3ID (1 references)
target prot opt source destination
KUBE-MARK-MASQ all -- 172.17.0.4 0.0.0.0/0 /* default/nginx-service-nodeport: */
DNAT tcp -- 0.0.0.0/0 0.0.0.0/0 /* default/nginx-service-nodeport: */ tcp to:172.17.0.4:80

Chain KUBE-SEP-GRLEVIWNO4P37GSQ (1 references)
target prot opt source destination
KUBE-MARK-MASQ all -- 172.17.0.3 0.0.0.0/0 /* default/nginx-service-nodeport: */
DNAT tcp -- 0.0.0.0/0 0.0.0.0/0 /* default/nginx-service-nodeport: */ tcp to:172.17.0.3:80

Chain KUBE-SEP-MMWJ6M2J72TU3J64 (1 references)
target prot opt source destination
KUBE-MARK-MASQ all -- 172.17.0.2 0.0.0.0/0 /* default/nginx-service-nodeport: */
DNAT tcp -- 0.0.0.0/0 0.0.0.0/0 /* default/nginx-service-nodeport: */ tcp to:172.17.0.2:80

Chain KUBE-SERVICES (2 references)
target prot opt source destination
KUBE-SVC-I64SNEMOLCWHJHS3 tcp -- 0.0.0.0/0 10.254.198.92 /* default/nginx-service-nodeport: cluster IP */ tcp dpt:80
KUBE-NODEPORTS all -- 0.0.0.0/0 0.0.0.0/0 /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL

Chain KUBE-SVC-I64SNEMOLCWHJHS3 (2 references)
target prot opt source destination
KUBE-SEP-MMWJ6M2J72TU3J64 all -- 0.0.0.0/0 0.0.0.0/0 /* default/nginx-service-nodeport: */ statistic mode random probability 0.33332999982
KUBE-SEP-GRLEVIWNO4P37GSQ all -- 0.0.0.0/0 0.0.0.0/0 /* default/nginx-service-nodeport: */ statistic mode random probability 0.50000000000
KUBE-SEP-74XRUOWV76LDS3ID all -- 0.0.0.0/0 0.0.0.0/0 /* default/nginx-service-nodeport: */
`;

/** The same nat table as iptables-save prints it from the kernel. */
export const SEED_SAVE = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-74XRUOWV76LDS3ID - [0:0]
:KUBE-SEP-GRLEVIWNO4P37GSQ - [0:0]
:KUBE-SEP-MMWJ6M2J72TU3J64 - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-I64SNEMOLCWHJHS3 - [0:0]
-A PREROUTING -j LOG --log-prefix "** NAT PREROUTING **"
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -j LOG --log-prefix "** NAT OUTPUT **"
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/nginx-service-nodeport:" -m tcp --dport 32110 -j KUBE-MARK-MASQ
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/nginx-service-nodeport:" -m tcp --dport 32110 -j KUBE-SVC-I64SNEMOLCWHJHS3
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -m mark --mark 0x4000/0x4000 -j MASQUERADE
-A KUBE-SEP-74XRUOWV76LDS3ID -s 172.17.0.4/32 -m comment --comment "default/nginx-service-nodeport:" -j KUBE-MARK-MASQ
-A KUBE-SEP-74XRUOWV76LDS3ID -p tcp -m comment --comment "default/nginx-service-nodeport:" -m tcp -j DNAT --to-destination 172.17.0.4:80
-A KUBE-SEP-GRLEVIWNO4P37GSQ -s 172.17.0.3/32 -m comment --comment "default/nginx-service-nodeport:" -j KUBE-MARK-MASQ
-A KUBE-SEP-GRLEVIWNO4P37GSQ -p tcp -m comment --comment "default/nginx-service-nodeport:" -m tcp -j DNAT --to-destination 172.17.0.3:80
-A KUBE-SEP-MMWJ6M2J72TU3J64 -s 172.17.0.2/32 -m comment --comment "default/nginx-service-nodeport:" -j KUBE-MARK-MASQ
-A KUBE-SEP-MMWJ6M2J72TU3J64 -p tcp -m comment --comment "default/nginx-service-nodeport:" -m tcp -j DNAT --to-destination 172.17.0.2:80
-A KUBE-SERVICES -d 10.254.198.92/32 -p tcp -m comment --comment "default/nginx-service-nodeport: cluster IP" -m tcp --dport 80 -j KUBE-SVC-I64SNEMOLCWHJHS3
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-SVC-I64SNEMOLCWHJHS3 -m comment --comment "default/nginx-service-nodeport:" -m statistic --mode random --probability 0.33332999982 -j KUBE-SEP-MMWJ6M2J72TU3J64
-A KUBE-SVC-I64SNEMOLCWHJHS3 -m comment --comment "default/nginx-service-nodeport:" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-GRLEVIWNO4P37GSQ
-A KUBE-SVC-I64SNEMOLCWHJHS3 -m comment --comment "default/nginx-service-nodeport:" -j KUBE-SEP-74XRUOWV76LDS3ID
COMMIT
`;
