import type { Match, Negatable, Target } from '../model/ruleset.ts';
import type { BasicKey } from './rule-fields.ts';

/** Where a bare jump's target can be shared from: the chains of the table being read. */
export interface JumpTargets {
  jumpTo(kind: Target['kind'], name: string): Target | undefined;
}

/**
 * Shares equal pieces of a dump's rules. A kube-proxy dump repeats the same
 * words thousands of times (`-m comment --comment "ns/svc:port"` on every rule
 * of a Service, `-m tcp --dport 80`, `-j KUBE-MARK-MASQ`, `-p tcp`); reading
 * each once and sharing the result keeps a 100,000-line model small and quick
 * to build. Safe because the model is immutable. One per parse; only pieces
 * read without a problem are remembered, so each bad line reports its own.
 */
export class Interner {
  private readonly parts = new Map<string, Match | Target>();
  /**
   * Per basic option and negation, its value as written → the field.
   * `null`: the value needs no field at all (`-s 0.0.0.0/0`, `-p all`). Keyed
   * by the word itself, so that a lookup builds no key string.
   */
  private readonly fields = new Map<BasicKey, Map<string, Negatable | null>>();
  private readonly negatedFields = new Map<BasicKey, Map<string, Negatable | null>>();
  /**
   * The table being read, whose chains bare jumps share their targets with (TableBuilder's
   * jumpTo); the reader sets it as each table starts.
   */
  table: JumpTargets | undefined;

  /** A match or target already read from exactly these words, if any. */
  part(key: string): Match | Target | undefined {
    return this.parts.get(key);
  }

  remember(key: string, part: Match | Target): void {
    this.parts.set(key, part);
  }

  knownField(option: BasicKey, negated: boolean, value: string): Negatable | null | undefined {
    return (negated ? this.negatedFields : this.fields).get(option)?.get(value);
  }

  rememberField(option: BasicKey, negated: boolean, value: string, field: Negatable | null): void {
    const fields = negated ? this.negatedFields : this.fields;
    let values = fields.get(option);
    if (!values) {
      values = new Map<string, Negatable | null>();
      fields.set(option, values);
    }
    values.set(value, field);
  }
}
