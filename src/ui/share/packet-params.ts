/**
 * The custom packet's form in a link (`scenario=custom&src=203.0.113.10&dst=…&proto=tcp`): a
 * shared trace of one's own packet opens with that packet, not the reader's own form. The
 * fields travel as they were typed, so the form says the same problems where it has any.
 */
import type { PacketForm } from '../../store/packet-slice.ts';

/** The name each field of the form has in a link, an embed's fragment or an element's attribute. */
export const PACKET_PARAMS = {
  src: 'src',
  dst: 'dst',
  protocol: 'proto',
  from: 'from',
  nodeIPs: 'node',
  interfaces: 'ifaces',
  mode: 'mode',
  seed: 'seed',
} as const satisfies Record<keyof PacketForm, string>;

export type PacketParam = (typeof PACKET_PARAMS)[keyof PacketForm];

const FIELDS = Object.keys(PACKET_PARAMS) as (keyof PacketForm)[];

/**
 * Every field of the form, by its link name, as typed.
 *
 * @example
 *   packetParams(INITIAL_PACKET_FORM)[2]; // ['proto', 'tcp']
 */
export function packetParams(form: PacketForm): [PacketParam, string][] {
  return FIELDS.map((field) => [PACKET_PARAMS[field], String(form[field])]);
}

/** What a link's value of `mode` or `seed` must be, for a player that reports one it cannot use. */
export const PACKET_EXPECTED: Readonly<Partial<Record<PacketParam, string>>> = {
  mode: 'single or all',
  seed: 'a whole number',
};

/**
 * The fields a link gives, ready for the form; `wrong` hears of a `mode` or `seed` it cannot
 * take (those are chosen, not typed: any other field is kept as text for the form to check).
 *
 * @example
 *   const params = new URLSearchParams('src=10.0.0.5&dst=10.96.0.10:53&proto=udp');
 *   packetFormOf((key) => params.get(key)); // { src: '10.0.0.5', dst: '10.96.0.10:53', protocol: 'udp' }
 */
export function packetFormOf(
  get: (key: PacketParam) => string | null,
  wrong: (key: PacketParam, value: string) => void = () => {},
): Partial<PacketForm> {
  const form: { -readonly [K in keyof PacketForm]?: PacketForm[K] } = {};
  for (const field of FIELDS) {
    const key = PACKET_PARAMS[field];
    const text = get(key);
    if (text === null) continue;
    if (field === 'mode') {
      if (text === 'single' || text === 'all') form.mode = text;
      else wrong(key, text);
    } else if (field === 'seed') {
      const seed = Number(text);
      if (text.trim() !== '' && Number.isSafeInteger(seed)) form.seed = seed;
      else wrong(key, text);
    } else {
      form[field] = text;
    }
  }
  return form;
}
