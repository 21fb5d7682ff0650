/**
 * The `embed.html` iframe's postMessage protocol. A host sends commands to the iframe's window;
 * the player answers each (`reply`, with the command's `id`) and announces `ready` and every
 * `step` to its parent. Every message carries `type: 'kpviz'`, so a page with other iframes
 * can tell them apart.
 *
 *   iframe.contentWindow.postMessage({ type: 'kpviz', command: 'setScenario',
 *                                      args: ['nodeport-external', 3], id: 1 }, '*');
 *   window.addEventListener('message', (e) => { if (e.data?.type === 'kpviz') … });
 */
import type { PlayerApi } from './player-api.ts';

/** The commands, as PlayerApi's methods. */
export const COMMANDS = ['play', 'pause', 'step', 'stepBack', 'restart', 'setScenario'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CommandMessage {
  readonly type: 'kpviz';
  readonly command: CommandName;
  readonly args?: readonly unknown[];
  /** Echoed in the reply, so a host can match it. */
  readonly id?: string | number;
}

export type PlayerMessage =
  | { readonly type: 'kpviz'; readonly event: 'ready' | 'step'; readonly detail: unknown }
  | {
      readonly type: 'kpviz';
      readonly event: 'reply';
      readonly id?: string | number;
      readonly ok: boolean;
      readonly message?: string;
    };

/** Whether a message is a kpviz command (anything else on the window is left alone). */
export function isCommand(data: unknown): data is CommandMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<Record<keyof CommandMessage, unknown>>;
  return (
    message.type === 'kpviz' &&
    typeof message.command === 'string' &&
    (COMMANDS as readonly string[]).includes(message.command) &&
    (message.args === undefined || Array.isArray(message.args))
  );
}

/**
 * Run a command on the player; resolves with the reply to send back. Arguments of the wrong
 * type are refused with a reason, never passed on.
 *
 * @example
 *   const reply = await runCommand(api, { type: 'kpviz', command: 'step', args: [4] });
 */
export async function runCommand(api: PlayerApi, message: CommandMessage): Promise<PlayerMessage> {
  const reply = (ok: boolean, text?: string): PlayerMessage => ({
    type: 'kpviz',
    event: 'reply',
    ok,
    ...(message.id === undefined ? {} : { id: message.id }),
    ...(text === undefined ? {} : { message: text }),
  });
  const [first, second] = message.args ?? [];
  const optionalNumber = (value: unknown): value is number | undefined =>
    value === undefined || typeof value === 'number';
  try {
    switch (message.command) {
      case 'step':
        if (!optionalNumber(first)) return reply(false, 'step takes a step number from 1');
        api.step(first);
        break;
      case 'setScenario':
        if (typeof first !== 'string' || !optionalNumber(second))
          return reply(false, 'setScenario takes a scenario id and a step number from 1');
        await api.setScenario(first, second);
        break;
      default:
        api[message.command]();
    }
    return reply(true);
  } catch (error) {
    return reply(false, error instanceof Error ? error.message : String(error));
  }
}
