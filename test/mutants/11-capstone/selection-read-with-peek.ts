/**
 * Misconception: "peek() is the safe way to read a signal". peek() reads
 * without subscribing, which is right for the cache inside the search, but
 * wrong in the render: a component that only peeks at the selected breed is
 * not re-rendered when a click writes it, so "Selected: …" and the "Random
 * image" button do not appear until something else happens to re-render the
 * page. Read what the render shows by calling the signal (Dioxus: `selected()`
 * or `selected.read()`), which subscribes the component.
 */
import { searchBreeds } from "../../../solutions/11-capstone.ts";
import { browserWith } from "./support/browser.ts";
export * from "../../../solutions/11-capstone.ts";

export const BreedBrowser = browserWith(searchBreeds, { readSelected: (selected) => selected.peek() });
