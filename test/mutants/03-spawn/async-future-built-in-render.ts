/**
 * Misconception: "build the request's future while rendering, and let the
 * click only hand it over". A future is a single run: the click returns the
 * one built by the latest render. A second click before the next render (two
 * clicks in one instant) hands over the same, already started future, so it
 * sends no request of its own. Build the future inside the handler, once per
 * click.
 */
import { button, future, http, useSignal } from "../../../runtime/index.ts";
import { DIOXUSLABS, FAILED, IDLE, LOADING, RESPONDED } from "../../../solutions/03-spawn.ts";
export * from "../../../solutions/03-spawn.ts";

export function AsyncButton() {
  const response = useSignal(() => IDLE);
  const request = future(function* () {
    response.set(LOADING);
    const resp = yield* http.get(DIOXUSLABS);
    response.set(resp.ok ? RESPONDED : FAILED);
  });
  return button({ onclick: () => request }, response());
}
