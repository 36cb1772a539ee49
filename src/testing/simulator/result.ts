/** What a route answers before it is serialized (the wrong-type fault edits `body` in between). */
export interface ApiResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** `{"data": ...}`, plus a top-level `actionid` when the call changed server configuration. */
export const ok = (data: unknown, actionid?: string): ApiResult => ({
  status: 200,
  body: actionid === undefined ? { data } : { actionid, data },
});

/** ServerPilot's error body: `{"error": {"message": ...}}`. */
export const errorBody = (message: string) => ({ error: { message } });

export const apiError = (status: number, message: string, headers?: Record<string, string>): ApiResult =>
  headers === undefined
    ? { status, body: errorBody(message) }
    : { status, body: errorBody(message), headers };

/** Thrown inside a route to answer with an API error; the core turns it into the response. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export const badRequest = (message: string): never => {
  throw new ApiFailure(400, message);
};
export const notFound = (what: string, id: string): never => {
  throw new ApiFailure(404, `${what} ${id} does not exist.`);
};
export const conflict = (message: string): never => {
  throw new ApiFailure(409, message);
};
