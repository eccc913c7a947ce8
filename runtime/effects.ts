/**
 * Effects: work that runs after the render that queued it, once no scope is
 * dirty and no task is queued.
 *
 * What it models: Dioxus's effect queue (`packages/core/src/effect.rs` and
 * the effect step of `scheduler.rs`): pending effects run in scope order
 * (height, id), in queue order within a scope, and a scope an effect made
 * dirty re-renders before the next effect runs.
 */
import type { Runtime } from "./executor.ts";
import { insertInScopeOrder, type ScopeOrder } from "./scheduler.ts";

/** An effect: runs after the render that queued it, once nothing else is left to do. */
export interface Effect {
  readonly scope: ScopeOrder & { readonly alive: boolean };
  run(): void;
}

export class EffectQueue {
  readonly #effects: Effect[] = [];

  /** Queues an effect; pending effects run by their scope's (height, id), in queue order within a scope. */
  queue(effect: Effect): void {
    if (!effect.scope.alive || this.#effects.includes(effect)) return;
    insertInScopeOrder(this.#effects, effect, (e) => e.scope);
  }

  /**
   * Runs the pending effects until none is left or one of them made a scope
   * dirty (Dioxus's `poll_tasks`: tasks that effects spawn wait until the
   * effects are done). True if it ran any.
   */
  run(rt: Runtime, anyDirty: () => boolean): boolean {
    if (this.#effects.length === 0) return false;
    for (let effect = this.#effects.shift(); effect !== undefined; effect = this.#effects.shift()) {
      effect.run();
      // An effect's writes arrive as dirty marks on the channel: a scope they dirtied re-renders before the next effect.
      rt.processEvents();
      if (anyDirty()) break;
    }
    return true;
  }

  /** Removes the pending effects of a scope being unmounted. */
  removeScope(scope: object): void {
    for (let i = this.#effects.length - 1; i >= 0; i--)
      if (this.#effects[i]!.scope === scope) this.#effects.splice(i, 1);
  }
}
