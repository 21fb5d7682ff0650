import { parseCUint } from './values.ts';

/** The byte form `0x%02x` in which tos, TOS, dscp and DSCP print. */
export const hexByte = (value: number): string => `0x${value.toString(16).padStart(2, '0')}`;

/** RFC 1349's TOS names (libxt_tos_helper), matched without regard to case. */
const TOS_NAMES: ReadonlyMap<string, number> = new Map([
  ['minimize-delay', 0x10],
  ['maximize-throughput', 0x08],
  ['maximize-reliability', 0x04],
  ['minimize-cost', 0x02],
  ['normal-service', 0x00],
]);
/** A TOS name stands for its bit under this mask: the old TOS field without precedence. */
const TOS_NAME_MASK = 0x3f;

/** `--tos`/`--set-tos` as `{value, mask}`: a number with an optional mask (default 0xff), or a name. */
export function parseTos(text: string): { value: number; mask: number } | undefined {
  const named = TOS_NAMES.get(text.toLowerCase());
  if (named !== undefined) return { value: named, mask: TOS_NAME_MASK };
  const [valueText = '', maskText, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const value = parseCUint(valueText, 255);
  const mask = maskText === undefined ? 0xff : parseCUint(maskText, 255);
  return value === undefined || mask === undefined ? undefined : { value, mask };
}

/** tos match's `--tos` and TOS target's `--set-tos`, printed `0x%02x/0x%02x`. */
export function formatTos(text: string): string | undefined {
  const tos = parseTos(text);
  return tos && `${hexByte(tos.value)}/${hexByte(tos.mask)}`;
}

/** The DiffServ class names of libxt_dscp_helper, in its table's order. */
const DSCP_CLASSES: readonly (readonly [string, number])[] = [
  ['CS0', 0x00],
  ['CS1', 0x08],
  ['CS2', 0x10],
  ['CS3', 0x18],
  ['CS4', 0x20],
  ['CS5', 0x28],
  ['CS6', 0x30],
  ['CS7', 0x38],
  ['BE', 0x00],
  ['AF11', 0x0a],
  ['AF12', 0x0c],
  ['AF13', 0x0e],
  ['AF21', 0x12],
  ['AF22', 0x14],
  ['AF23', 0x16],
  ['AF31', 0x1a],
  ['AF32', 0x1c],
  ['AF33', 0x1e],
  ['AF41', 0x22],
  ['AF42', 0x24],
  ['AF43', 0x26],
  ['EF', 0x2e],
];

/** `--dscp N` (a C number up to 63), printed `0x%02x`. */
export function formatDscp(text: string): string | undefined {
  const value = parseCUint(text, 63);
  return value === undefined ? undefined : hexByte(value);
}

/**
 * `--dscp-class NAME` → the `--dscp` value it is stored as. class_to_dscp
 * compares only the class name's length, in any case: `ef`, even `EFX`, is EF.
 */
export function dscpClass(text: string): string | undefined {
  const upper = text.toUpperCase();
  const found = DSCP_CLASSES.find(([name]) => upper.startsWith(name));
  return found && hexByte(found[1]);
}
