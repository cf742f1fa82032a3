/** A small HTTP client for the demo: JSON in and out, clear errors when the system is down. */
export class DemoClient {
  constructor(
    readonly authUrl: string,
    readonly ordersUrl: string,
    private token = '',
  ) {}

  async login(username: string, password: string): Promise<void> {
    const body = { username, password };
    const registered = await this.request(
      'POST',
      `${this.authUrl}/v1/auth/register`,
      body,
      [201, 409],
    );
    void registered;
    const { access_token: token } = (await this.request(
      'POST',
      `${this.authUrl}/v1/auth/login`,
      body,
    )) as {
      access_token: string;
    };
    this.token = token;
  }

  post(path: string, body: unknown): Promise<unknown> {
    return this.request('POST', `${this.ordersUrl}${path}`, body, [200, 201]);
  }

  get(path: string): Promise<unknown> {
    return this.request('GET', `${this.ordersUrl}${path}`);
  }

  private async request(
    method: string,
    url: string,
    body?: unknown,
    ok = [200, 201],
  ): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      const origin = new URL(url).origin;
      throw new Error(
        `cannot reach ${origin} (${describe(error)}): is the system running? Start it with npm start`,
        { cause: error },
      );
    }
    const text = await response.text();
    if (!ok.includes(response.status))
      throw new Error(`${method} ${url} → HTTP ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return cause || (error instanceof Error ? error.message : String(error));
}
