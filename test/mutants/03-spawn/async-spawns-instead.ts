/**
 * Misconception: "an async handler is just a handler that calls spawn". The
 * AsyncButton's onclick is the SpawnButton's again: it sets "...", spawns the
 * request and returns nothing. The page looks the same, but it is not an async
 * handler: nothing is polled during the click, so the request goes out only
 * after the click has returned, and the learner never meets the handler that
 * returns its future for Dioxus to poll once and spawn.
 */
import { button, useSignal } from "../../../runtime/index.ts";
import { IDLE, SpawnButton } from "../../../solutions/03-spawn.ts";
export * from "../../../solutions/03-spawn.ts";

export function AsyncButton() {
  void [button, useSignal, IDLE];
  return SpawnButton();
}
