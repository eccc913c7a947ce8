/**
 * What a request gives back: Rust's `Result`, the server's `Response` (any
 * status) and `HttpError` (the network failed, the status was an error, or
 * the body did not decode), modelled on `reqwest`'s `Response` and `Error`.
 */

/** Rust's `Result<T, E>`: `{ ok: true, value }` or `{ ok: false, error }`. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** What every request resolves to: a response (any status), or the network error. */
export type HttpResult = Result<Response, HttpError>;

/** An answer from the server: any status, 404 and 500 included. */
export class Response {
  constructor(
    readonly url: string,
    readonly status: number,
    /** The body as the script gave it (a string, or any value standing for parsed JSON). */
    readonly body: unknown,
  ) {}

  /** True for a 2xx status (reqwest's `status().is_success()`). */
  get success(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The body as text: a string body as it is, anything else as JSON. */
  text(): string {
    return typeof this.body === "string" ? this.body : (JSON.stringify(this.body) ?? "");
  }

  /** The body as JSON: a string body is parsed, any other value is returned as it is. Throws an HttpError("decode") on bad JSON. */
  json<T = unknown>(): T {
    if (typeof this.body !== "string") return this.body as T;
    try {
      return JSON.parse(this.body) as T;
    } catch (error) {
      throw new HttpError(
        "decode",
        this.url,
        `the body of ${this.url} is not JSON: ${(error as Error).message}`,
        this.status,
      );
    }
  }

  /** `{ ok: true, value: this }` for a status below 400, else an HttpError("status") (reqwest's `error_for_status`). */
  errorForStatus(): HttpResult {
    if (this.status < 400) return { ok: true, value: this };
    return {
      ok: false,
      error: new HttpError("status", this.url, `${this.url} answered with HTTP status ${this.status}`, this.status),
    };
  }
}

/** Why a request gave no usable answer: the network failed, the status was an error, or the body did not decode. */
export class HttpError extends Error {
  constructor(
    readonly kind: "network" | "status" | "decode",
    readonly url: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "HttpError";
  }
}
