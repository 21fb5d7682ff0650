/**
 * Checks of single values as Kubernetes validates them, each returning what is wrong in plain
 * words (or undefined when nothing is), so that one message serves every field of that kind.
 */
import { ipFamily, isCidr } from '../kube/read-addresses.ts';

/** One thing wrong with an environment: where (a path into it) and what. */
export interface EnvironmentProblem {
  /** `services[0].ports[1].nodePort`, `node.nodeIPs[0]`; '' for the environment as a whole. */
  readonly path: string;
  readonly message: string;
}

/** Collects problems; `at(path)` reports one value's problem, if any. */
export class ProblemList {
  readonly problems: EnvironmentProblem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Adds `problem` at `path` when there is one. */
  at(path: string, problem: string | undefined): void {
    if (problem !== undefined) this.add(path, problem);
  }

  /** Each value of a list checked, and each given once. */
  list(values: readonly string[], path: string, check: (value: string) => string | undefined) {
    values.forEach((value, i) => {
      const first = values.indexOf(value);
      this.at(
        `${path}[${i}]`,
        check(value) ?? (first < i ? `${value} is listed twice` : undefined),
      );
    });
  }
}

export function ipv4Problem(text: string): string | undefined {
  if (text.trim() === '') return 'an IP address is required';
  const family = ipFamily(text);
  if (family === 4) return undefined;
  if (family === 6) return `${text} is an IPv6 address; environments are IPv4 only`;
  return `"${text}" is not an IPv4 address (four numbers 0–255 without leading zeros, like 10.96.0.10)`;
}

export function cidrProblem(text: string): string | undefined {
  if (text.trim() === '') return 'a CIDR is required';
  if (!isCidr(text.trim())) {
    return `"${text}" is not a CIDR (an address and a prefix length, like 10.244.0.0/16)`;
  }
  if (ipFamily(text.trim().split('/')[0] ?? '') !== 4) {
    return `${text} is an IPv6 range; environments are IPv4 only`;
  }
  return undefined;
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS label (RFC 1123): namespaces. */
export function labelProblem(text: string, what: string): string | undefined {
  if (text === '') return `a ${what} is required`;
  if (text.length > 63) return `a ${what} has at most 63 characters; this one has ${text.length}`;
  if (!LABEL.test(text)) {
    return `"${text}" is not a valid ${what}: lower-case letters, digits and '-', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** A DNS-1035 label: Service names, which must start with a letter. */
export function serviceNameProblem(text: string): string | undefined {
  const label = labelProblem(text, 'Service name');
  if (label !== undefined) return label;
  if (!LABEL_1035.test(text))
    return `"${text}" is not a valid Service name: it must start with a letter`;
  return undefined;
}

/** A DNS subdomain (RFC 1123): pod and node names. */
export function subdomainProblem(text: string, what: string): string | undefined {
  if (text === '') return `a ${what} is required`;
  if (text.length > 253) return `a ${what} has at most 253 characters; this one has ${text.length}`;
  if (!text.split('.').every((part) => LABEL.test(part))) {
    return `"${text}" is not a valid ${what}: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** A port name (IANA_SVC_NAME): at most 15 characters, with a letter, no '--'. */
export function portNameProblem(text: string): string | undefined {
  if (text.length > 15)
    return `a port name has at most 15 characters; "${text}" has ${text.length}`;
  if (!LABEL.test(text) || text.includes('--') || !/[a-z]/.test(text)) {
    return `"${text}" is not a valid port name: lower-case letters, digits and single '-', with at least one letter`;
  }
  return undefined;
}

/** A whole number from `min` to `max`; `what` names it in the message. */
export function rangeProblem(
  value: number,
  min: number,
  max: number,
  what: string,
): string | undefined {
  if (Number.isInteger(value) && value >= min && value <= max) return undefined;
  return `${what} ${String(value)} is not a whole number from ${min} to ${max}`;
}
