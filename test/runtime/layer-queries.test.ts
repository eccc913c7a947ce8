/**
 * Reading the screen the way Testing Library does: getByRole (with an
 * accessible name), getByText, queryBy… returning undefined, getBy…
 * refusing zero or several matches, text() of the whole screen, and element
 * handles that click the latest listener at their place or fail once the
 * element is gone.
 */
import { describe, expect, it } from "vitest";
import {
  button,
  component,
  div,
  fragment,
  h1,
  img,
  input,
  li,
  p,
  span,
  ul,
  useSignal,
  type Signal,
} from "../../runtime/index.ts";
import { render } from "../../runtime/testing.ts";
import { caught, message } from "./support/errors.ts";

const WHY = "A test can only press what a user could see.";

function Shop() {
  const count = useSignal(() => 0);
  return div(
    h1("Shop"),
    img({ src: "cat.png", label: "a cat" }),
    p({ role: "status" }, `In cart: ${count()}`),
    button({ onclick: () => count.set(count() + 1) }, "Add"),
    button({ onclick: () => count.set(0) }, "Clear"),
    input({ value: "" }),
    ul(li("one"), li("two")),
  );
}

describe("queries", () => {
  it("getByRole finds an element by its implicit or explicit role, narrowed by its accessible name (label, else text)", () => {
    const app = render(Shop);
    expect(app.getByRole("heading").text).toBe("Shop");
    expect(app.getByRole("button", { name: "Clear" }).text).toBe("Clear");
    expect(app.getByRole("button", { name: /^A/ }).text).toBe("Add");
    expect(app.getByRole("img", { name: "a cat" }).props.src).toBe("cat.png");
    expect(app.getByRole("status").text).toBe("In cart: 0");
    expect(app.getByRole("textbox").tag).toBe("input");
    expect(app.queryAllByRole("listitem").map((e) => e.text)).toEqual(["one", "two"]);
  });

  it("getByText finds the innermost element with that text, exactly (trimmed) or by regular expression", () => {
    const app = render(Shop);
    expect(app.getByText("In cart: 0").tag).toBe("p");
    expect(app.getByText(/cart/).tag).toBe("p");
    expect(app.queryByText("In cart")).toBeUndefined();
    expect(app.getByText("two").tag).toBe("li");
  });

  it("getByText looks through component boundaries: an element wrapping a component is not a second match", () => {
    function Label() {
      return span("Count: 0");
    }
    const app = render(function App() {
      return div(div(component(Label)), p(component(Label), "!"));
    });
    expect(app.queryAllByText("Count: 0").map((e) => e.tag)).toEqual(["span", "span"]);
    expect(app.getByText("Count: 0!").tag).toBe("p");
  });

  it("queryBy… returns undefined when nothing matches, and the first match otherwise", () => {
    const app = render(Shop);
    expect(app.queryByText("Checkout")).toBeUndefined();
    expect(app.queryByRole("button", { name: "Checkout" })).toBeUndefined();
    expect(app.queryByRole("checkbox")).toBeUndefined();
    expect(app.queryByRole("button")?.text).toBe("Add");
  });

  it("getBy… with nothing on the screen throws NotOnScreen, showing the screen", () => {
    const app = render(Shop);
    const err = caught(() => app.getByRole("button", { name: "Checkout" }));
    expect(err.kind).toBe("NotOnScreen");
    expect(err.what).toBe('The screen has no element with role "button" named "Checkout".');
    expect(err.details).toEqual([`screen: ${JSON.stringify(app.text())}`]);
    expect(err.fix).toBe("Check what the component renders at this point (app.text()).");
    expect(err.why).toBe(WHY);
    expect(caught(() => app.getByText(/checkout/i)).what).toBe("The screen has no element with the text /checkout/i.");
  });

  it("getBy… with several matches throws SeveralOnScreen, saying how many", () => {
    const app = render(Shop);
    const err = caught(() => app.getByRole("button"));
    expect(err.kind).toBe("SeveralOnScreen");
    expect(err.message).toBe(
      message({
        what: 'The screen has 2 elements with role "button"; expected one.',
        details: [`screen: ${JSON.stringify(app.text())}`],
        where: err.where,
        why: WHY,
        fix: "Narrow the query (a role and a name).",
      }),
    );
    expect(caught(() => app.getByText(/o/)).what).toBe("The screen has 3 elements with the text /o/; expected one.");
  });

  it("text() is all the text on the screen, in order, through components, with blocks separated by a space", () => {
    function Badge() {
      return "new";
    }
    function Row(props: { n: number }) {
      return li(`row ${props.n}`);
    }
    const app = render(function App() {
      return fragment(
        "Title:",
        h1("Shop"),
        component(Badge),
        ul([1, 2].map((n) => component(Row, { n }, n))),
        "  end  ",
      );
    });
    expect(app.text()).toBe("Title: Shop new row 1row 2 end");
  });

  it("text() follows re-renders", () => {
    const app = render(Shop);
    expect(app.text()).toContain("In cart: 0");
    app.click(app.getByRole("button", { name: "Add" }));
    app.runUntilIdle();
    expect(app.text()).toContain("In cart: 1");
  });
});

describe("element handles", () => {
  it("clicking a handle uses the listener of the latest render at its place, as a click on the live DOM would", () => {
    function Counter() {
      const count = useSignal(() => 0);
      const n = count();
      // The listener captures this render's value: a stale listener would set 1 again.
      return button({ onclick: () => count.set(n + 1) }, `clicked ${n}`);
    }
    const app = render(Counter);
    const handle = app.getByRole("button");
    for (let i = 0; i < 3; i++) {
      app.click(handle);
      app.runUntilIdle();
    }
    expect(app.text()).toBe("clicked 3");
  });

  it("clicking a handle whose element disappeared throws NotOnScreen instead of reaching a listener", () => {
    const box: { open?: Signal<boolean>; clicks: number } = { clicks: 0 };
    function Dialog() {
      return div(button({ onclick: () => void box.clicks++ }, "OK"));
    }
    function App() {
      const open = useSignal(() => true);
      box.open = open;
      return div(open() ? component(Dialog) : p("closed"));
    }
    const app = render(App);
    const ok = app.getByRole("button", { name: "OK" });
    app.enter(() => box.open!.set(false));
    app.runUntilIdle();
    const err = caught(() => app.click(ok));
    expect(err.kind).toBe("NotOnScreen");
    expect(err.what).toBe('The <button> "OK" is no longer on the screen.');
    expect(err.details).toEqual(['screen: "closed"']);
    expect(box.clicks).toBe(0);
  });

  it("click and input also take a query ({ role, name } or { text }), and input passes the typed value", () => {
    const seen: string[] = [];
    function Form() {
      const name = useSignal(() => "");
      return div(
        input({ oninput: (e) => (seen.push(e.value), name.set(e.value)) }),
        p(`Hello ${name()}`),
        button({ onclick: () => name.set("") }, "Reset"),
      );
    }
    const app = render(Form);
    app.input({ role: "textbox" }, "Ada");
    app.runUntilIdle();
    expect(app.getByText(/^Hello/).text).toBe("Hello Ada");
    app.click({ text: "Reset" });
    app.runUntilIdle();
    expect([seen, app.getByText(/^Hello/).text]).toEqual([["Ada"], "Hello "]);
  });

  it("clicking an element without a click listener does nothing", () => {
    const app = render(Shop);
    expect(app.click(app.getByRole("heading"))).toBeUndefined();
    app.runUntilIdle();
    expect(app.getByRole("status").text).toBe("In cart: 0");
  });
});
