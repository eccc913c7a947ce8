/**
 * `useCoroutine`: a `useFuture` whose future is fed messages through a channel.
 *
 * What it models: `use_coroutine` (`packages/hooks/src/use_coroutine.rs`),
 * which Dioxus 0.7 builds on `use_future`: the future's closure makes a new
 * unbounded channel, keeps the sender and hands the receiver to your closure.
 *
 *     const sync = useCoroutine((rx: Receiver<string>) => future(function* () {
 *       for (let job = yield* rx.recv(); job !== undefined; job = yield* rx.recv()) yield* save(job);
 *     }));
 *     button({ onclick: () => sync.send("draft") }, "Save");
 *
 * Invariants:
 * - Everything `useFuture` does (see use-future.ts): spawned by the first
 *   render, not reactive, `restart` cancels, the same states.
 * - `send(msg)` never waits and never fails: a message sent before the task's
 *   first poll waits in the queue. Messages are received in send order.
 * - The receiver lives as long as the future: when the task is cancelled,
 *   restarted or finished, the receiver is dropped with it, and messages still
 *   queued are lost (a sender clone then sees `send` return false).
 *   `restart()` makes a fresh channel, so `send` after a restart reaches the
 *   new run.
 * - The handle belongs to the component: using it after the component
 *   unmounted fails with "the value was dropped", as in Dioxus.
 *
 * Not modelled: Dioxus also provides the coroutine as a context for
 * descendants (`use_coroutine_handle`); pass the handle as a prop instead.
 */
import { captureSiteIf, type Site } from "../errors.ts";
import { type Future, WrapperFuture, type Context, type Poll } from "../future.ts";
import { currentDom, type Scope, type VirtualDom } from "../scope.ts";
import type { Signal } from "../signal.ts";
import { channel, type Receiver, type Sender } from "../world/channel.ts";
import { expectFuture, expectMaker, scopeSignal } from "./internal.ts";
import { FutureHook, type UseFuture } from "./use-future.ts";

/** The handle `useCoroutine` returns: `useFuture`'s controls plus the sending side of its channel. */
export interface Coroutine<M> extends UseFuture {
  /** Queues a message for the coroutine. Never waits; lost only if the coroutine is no longer running. */
  send(msg: M): void;
  /** A clone of the current run's sender, for code that sends on its own. */
  tx(): Sender<M>;
}

const EXAMPLE = "useCoroutine((rx) => future(function* () { … yield* rx.recv() … }))";

/** Drops the receiver together with the future that owns it (Rust moves `rx` into the async block). */
class OwnsReceiver extends WrapperFuture<unknown> {
  constructor(
    inner: Future<unknown>,
    private readonly rx: Receiver<unknown>,
  ) {
    super(inner);
  }

  poll(cx: Context): Poll<unknown> {
    return this.inner.poll(cx);
  }

  protected override drop(): void {
    try {
      super.drop();
    } finally {
      this.rx[Symbol.dispose]();
    }
  }
}

class CoroutineHook<M> {
  readonly handle: Coroutine<M>;
  readonly #tx: Signal<Sender<M> | undefined>;
  readonly #channelName: string;

  constructor(
    dom: VirtualDom,
    scope: Scope,
    /** The closure the latest render gave. */
    public init: (rx: Receiver<M>) => Future<void>,
    name: string | undefined,
    site: Site,
  ) {
    this.#tx = scopeSignal<Sender<M> | undefined>(dom, scope, undefined, "sender of useCoroutine", site);
    this.#channelName = `${name ?? "useCoroutine"} in ${scope.name}`;
    const control = new FutureHook(dom, scope, () => this.#make(), "useCoroutine", name, site).handle;
    this.handle = {
      ...control,
      send: (msg: M) => {
        this.#tx.peek()!.send(msg);
      },
      tx: () => this.#tx.peek()!.clone(),
    };
  }

  /** use_future's closure in Dioxus's use_coroutine: a new channel per run; the old sender is dropped. */
  #make(): Future<unknown> {
    const [tx, rx] = channel<M>(this.#channelName);
    this.#tx.peek()?.close();
    this.#tx.set(tx);
    return new OwnsReceiver(expectFuture("useCoroutine", this.init(rx), EXAMPLE), rx as Receiver<unknown>);
  }
}

/**
 * Spawns `fn(rx)` as a task of this component on the first render, with `rx`
 * the receiving side of a new unbounded channel; `send(msg)` feeds it
 * (Dioxus `use_coroutine`).
 */
export function useCoroutine<M>(fn: (rx: Receiver<M>) => Future<void>, name?: string): Coroutine<M> {
  const dom = currentDom("useCoroutine");
  expectMaker("useCoroutine", fn, EXAMPLE);
  const hook = dom.hook(
    "useCoroutine",
    useCoroutine,
    (scope) => new CoroutineHook<M>(dom, scope, fn, name, captureSiteIf(dom.rt.recordsSites, useCoroutine)),
  );
  hook.init = fn;
  return hook.handle;
}
