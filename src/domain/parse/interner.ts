import type { Match, Negatable, Option, Target } from '../model/ruleset.ts';

const SEP = '\u0000';

/**
 * Hands out one shared object for every equal option, match, target and basic
 * field of a dump. A kube-proxy dump repeats the same pieces thousands of
 * times (`-m comment --comment "ns/svc:port"` on every rule of a Service,
 * `-j KUBE-MARK-MASQ` everywhere); sharing them keeps a 100,000-line model
 * small. Safe because the model is immutable.
 */
export class Interner {
  private readonly options = new Map<string, Option>();
  private readonly matches = new Map<string, Match>();
  private readonly targets = new Map<string, Target>();
  private readonly fields = new Map<string, Negatable>();
  private readonly keys = new WeakMap<Option, string>();

  option(option: Option): Option {
    const key = `${option.negated ? '!' : ''}${option.name}${SEP}${option.args.join(SEP)}${option.unknown ? '?' : ''}`;
    const found = this.options.get(key);
    if (found) return found;
    this.options.set(key, option);
    this.keys.set(option, key);
    return option;
  }

  match(match: Match): Match {
    const key = `${match.module}${match.unknown ? '?' : ''}${SEP}${this.optionKeys(match.options)}`;
    const found = this.matches.get(key);
    if (found) return found;
    this.matches.set(key, match);
    return match;
  }

  target(target: Target): Target {
    const key = `${target.kind}${SEP}${target.name}${SEP}${this.optionKeys(target.options)}`;
    const found = this.targets.get(key);
    if (found) return found;
    this.targets.set(key, target);
    return target;
  }

  field(field: Negatable): Negatable {
    const key = `${field.negated ? '!' : ''}${field.value}`;
    const found = this.fields.get(key);
    if (found) return found;
    this.fields.set(key, field);
    return field;
  }

  /** Options were interned first, so their keys are known; an uninterned one gets a fresh key. */
  private optionKeys(options: readonly Option[]): string {
    let out = '';
    for (const o of options) out += `${this.keys.get(o) ?? this.keys.get(this.option(o))}\u0001`;
    return out;
  }
}
