import type { Match, Negatable, Target } from '../model/ruleset.ts';

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
  /** `null`: the value needs no field at all (`-s 0.0.0.0/0`, `-p all`). */
  private readonly fields = new Map<string, Negatable | null>();

  /** A match or target already read from exactly these words, if any. */
  part(key: string): Match | Target | undefined {
    return this.parts.get(key);
  }

  remember(key: string, part: Match | Target): void {
    this.parts.set(key, part);
  }

  knownField(key: string): Negatable | null | undefined {
    return this.fields.get(key);
  }

  rememberField(key: string, field: Negatable | null): void {
    this.fields.set(key, field);
  }
}
