/**
 * Misconception: "an HTTP error is an Err". Like reqwest's `send`, a request
 * that got any answer is Ok, a 404 included. dog.ceo answers an unknown
 * breed with a 404 whose JSON also has a `message` (an error text), so
 * without a status check that text becomes the image's src.
 */
import { future, http, type Future } from "../../../runtime/index.ts";
import { dogApi } from "../../../solutions/04-use-action.ts";
import { pickerWith } from "./support/picker.ts";
export * from "../../../solutions/04-use-action.ts";

export function fetchDog(breed: string): Future<string> {
  return future(function* fetchDog() {
    const r = yield* http.get(dogApi(breed));
    if (!r.ok) throw r.error;
    return r.value.json<{ message: string }>().message;
  });
}

/** The solution's picker, on the fetchDog above. */
export const DogPicker = pickerWith(fetchDog);
