/** The preview LMS speaks to its LRS over xAPI, as any LMS would: no back door into the store. */

type Json = Record<string, unknown>;

export class LrsClient {
  constructor(
    readonly endpoint: string,
    private readonly auth: string,
  ) {}

  private async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(`${this.endpoint.replace(/\/$/, '')}${path}`, {
      method,
      headers: {
        authorization: this.auth,
        'x-experience-api-version': '1.0.3',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`LRS ${method} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    return res;
  }

  async postStatements(statements: readonly Json[]): Promise<void> {
    if (statements.length > 0) await (await this.call('POST', '/statements', statements)).arrayBuffer();
  }

  /** Statements matching the query, newest first unless `ascending`, following `more` up to `max`. */
  async statements(query: Readonly<Record<string, string>>, max = 500): Promise<Json[]> {
    const out: Json[] = [];
    let path = `/statements?${new URLSearchParams({ limit: String(Math.min(max, 500)), ...query })}`;
    for (;;) {
      const page = (await (await this.call('GET', path)).json()) as { statements: Json[]; more?: string };
      out.push(...page.statements);
      if (!page.more || out.length >= max || page.statements.length === 0) break;
      const more = page.more;
      path = more.startsWith('/') ? more.slice(more.indexOf('/statements')) : more;
    }
    return out.slice(0, max);
  }

  async putState(query: Readonly<Record<string, string>>, document: unknown): Promise<void> {
    await (await this.call('PUT', `/activities/state?${new URLSearchParams(query)}`, document)).arrayBuffer();
  }
}
