/**
 * The fixed parts of the lab script (bash): argument checks, cleanup, and the helpers the
 * environment's own part calls. Every `ip` command names its namespace (`ip -n NS`, `ip netns
 * exec NS`), so nothing runs in the namespace the script was started in.
 */

/** The pods' HTTP server: answers every GET with the pod's name, on each port given. */
export const POD_SERVER = `import http.server, sys, threading
name = (sys.argv[1] + "\\n").encode()
class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(name)))
        self.end_headers()
        self.wfile.write(name)
    def log_message(self, *args):
        pass
servers = [http.server.ThreadingHTTPServer(("0.0.0.0", int(p)), Answer) for p in sys.argv[2:]]
for server in servers[1:]:
    threading.Thread(target=server.serve_forever, daemon=True).start()
servers[0].serve_forever()`;

/**
 * The requests: each on a new connection (urllib keeps none open), without the proxies the
 * environment may name; after three failures in a row it stops, since a dropped SYN costs the
 * whole timeout.
 */
export const HTTP_CLIENT = `import sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
url, count, failures = sys.argv[1], int(sys.argv[2]), 0
for _ in range(count):
    try:
        answer = opener.open(url, timeout=2).read().decode().strip()
        print("answered by " + answer, flush=True)
        failures = 0
    except Exception as error:
        print("no answer: " + str(error), flush=True)
        failures += 1
        if failures == 3:
            print("three requests in a row failed: giving up", flush=True)
            break`;

/** Arguments, tools, and the cleanup that runs however the script ends. */
export const PRELUDE = `set -euo pipefail

PREFIX=\${1:-kpviz-lab-}
REQUESTS=\${2:-20}
if ! [[ $PREFIX =~ ^[A-Za-z0-9][A-Za-z0-9_.-]*$ ]]; then
  echo "lab: PREFIX may hold letters, digits, '_', '.' and '-' only (got: $PREFIX)" >&2
  exit 2
fi
if ! [[ $REQUESTS =~ ^[1-9][0-9]{0,3}$ ]]; then
  echo "lab: REQUESTS must be a number from 1 to 9999 (got: $REQUESTS)" >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "lab: run it as root: network namespaces and iptables need root" >&2
  exit 2
fi
for tool in ip iptables-restore python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "lab: $tool is missing (Debian: apt-get install iproute2 iptables python3)" >&2
    exit 2
  fi
done
# The interpreter itself: a version manager's python3 shim can take half a second to start.
PY=$(python3 -c 'import sys; print(sys.executable)')
NODE=\${PREFIX}node
CLIENT=\${PREFIX}client
NAMESPACES=()
SERVERS=()

# Stops the pods' servers and deletes every namespace this script made (and nothing else).
cleanup() {
  local status=$? pid ns
  # A second Ctrl-C or TERM while cleaning up must not leave namespaces behind.
  trap - EXIT
  trap '' INT TERM
  set +e
  for pid in \${SERVERS[@]+"\${SERVERS[@]}"}; do kill "$pid" 2>/dev/null; done
  for ns in \${NAMESPACES[@]+"\${NAMESPACES[@]}"}; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null; done
  done
  wait 2>/dev/null
  for ns in \${NAMESPACES[@]+"\${NAMESPACES[@]}"}; do
    ip netns delete "$ns" || echo "lab: could not delete namespace $ns" >&2
  done
  echo "lab: cleaned up: \${#NAMESPACES[@]} namespaces deleted"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

add_namespace() {
  if [ -e "/run/netns/$1" ]; then
    echo "lab: namespace $1 exists already: give another PREFIX" >&2
    return 1
  fi
  ip netns add "$1"
  NAMESPACES+=("$1")
  ip -n "$1" link set lo up
}

# sysctl_in NAMESPACE KEY VALUE: /proc/sys/net is the namespace's own inside ip netns exec.
sysctl_in() {
  echo "$3" | ip netns exec "$1" tee "/proc/sys/net/ipv4/$2" >/dev/null
}

# add_pod INDEX NAME IP PORT…: a namespace behind the node's vethINDEX, with a server.
add_pod() {
  local ns="\${PREFIX}pod$1" veth="veth$1" name=$2 ip=$3
  shift 3
  add_namespace "$ns"
  ip -n "$NODE" link add "$veth" type veth peer name eth0 netns "$ns"
  ip -n "$ns" addr add "$ip/32" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$NODE" link set "$veth" up
  ip -n "$NODE" route add "$ip/32" dev "$veth"
  ip -n "$ns" route add default via "$NODE_IP" dev eth0 onlink
  if [ "$#" -eq 0 ]; then
    echo "lab: pod $name $ip in $ns (no TCP port: no server)"
    return
  fi
  ip netns exec "$ns" "$PY" -c "$POD_SERVER" "$name" "$@" </dev/null >/dev/null 2>&1 &
  SERVERS+=("$!")
  echo "lab: pod $name $ip in $ns, answering on port $* (server pid $!)"
}

# wait_ports INDEX PORT…: until the pod's server listens on each port.
wait_ports() {
  local ns="\${PREFIX}pod$1" port tries
  shift
  for port in "$@"; do
    for ((tries = 0; ; tries++)); do
      if ip netns exec "$ns" bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$port" 2>/dev/null; then
        break
      fi
      if [ "$tries" -ge 100 ]; then
        echo "lab: the server in $ns did not start on port $port" >&2
        return 1
      fi
      sleep 0.05
    done
  done
}

# try PATH FROM NAMESPACE SERVICE IP PORT: REQUESTS requests, one line per answer. One client
# process makes them all, each on a new connection, so each is a new draw of kube-proxy's split.
try() {
  local label="[$1 from $2]" ns=$3 service=$4 target="$5:$6" line
  local answers=()
  while IFS= read -r line; do
    echo "$label $service $target $line"
    if [[ $line == "answered by "* ]]; then answers+=("\${line#answered by }"); fi
  done < <(ip netns exec "$ns" "$PY" -c "$HTTP_CLIENT" "http://$target/" "$REQUESTS")
  echo "$label $service $target: \${#answers[@]} of $REQUESTS requests answered"
  if [ "\${#answers[@]}" -gt 0 ]; then
    printf '%s\\n' "\${answers[@]}" | sort | uniq -c | sed 's/^/    /'
  fi
}
`;

/** What the rules did, and a pause to look around when a person runs the script. */
export const POSTLUDE = `
echo "lab: rules whose counters moved (iptables-save -c -t nat in $NODE):"
ip netns exec "$NODE" iptables-save -c -t nat | grep '^\\[' | grep -v '^\\[0:0\\]' || true
if [ -t 0 ] && [ -t 1 ]; then
  echo "lab: the lab is up; in another terminal, try:"
  echo "  sudo ip netns exec $NODE iptables-save -c"
  echo "  sudo ip netns exec $CLIENT curl http://$NODE_IP:<node port>/"
  read -r -p "lab: press Enter to delete it " _ || true
fi
`;
