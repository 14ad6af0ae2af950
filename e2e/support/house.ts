import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ApiClient, startTestServer, type TestServer } from "@trellis/server/testing/test-server";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe } from "vitest";

// Browser tests of Trellis: a real server (real database, real SMTP catcher) serving the built web
// app, driven by Debian's Chromium through playwright-core.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const webDir = path.join(repoRoot, "packages/web");
/**
 * Where the tests' build of the web app lives: packages/web/dist, or TRELLIS_E2E_WEB_DIST (an
 * absolute path) so that people working side by side do not build over each other's copy.
 */
export const webDist = process.env.TRELLIS_E2E_WEB_DIST ?? path.join(webDir, "dist");
const tracesDir = path.join(repoRoot, "e2e/traces");
export const axePath = path.join(repoRoot, "node_modules/axe-core/axe.min.js");

export const chromiumPath = process.env.TRELLIS_CHROMIUM ?? "/usr/bin/chromium";
const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
export const hasChromium = fs.existsSync(chromiumPath);

/**
 * describe() when Chromium is installed. Without it: a failure on CI (the browser tests must run
 * there), a skip with the reason printed elsewhere.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (hasChromium) {
    describe(name, body);
    return;
  }
  const reason = `No Chromium at ${chromiumPath}: install it (apt-get install -y chromium) or set TRELLIS_CHROMIUM.`;
  if (process.env.CI) {
    describe(name, () => {
      throw new Error(reason);
    });
    return;
  }
  console.warn(`Skipping browser tests "${name}". ${reason}`);
  describe.skip(name, body);
}

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child === "node_modules" || child === "dist") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

let builtThisRun = false;

/**
 * Makes sure packages/web/dist holds a build of the current sources: builds it when missing or
 * older than the web sources or core (which the web imports). TRELLIS_E2E_NO_BUILD=1 only checks.
 */
export function ensureWebBuilt(): void {
  const index = path.join(webDist, "index.html");
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(newestMtime(path.join(webDir, "src")), newestMtime(path.join(webDir, "index.html")), newestMtime(path.join(webDir, "vite.config.ts")), newestMtime(path.join(repoRoot, "packages/core/src")));
  if (builtAt >= sourcesAt || builtThisRun) return;
  if (process.env.TRELLIS_E2E_NO_BUILD) {
    throw new Error(builtAt === 0 ? `The web app is not built (${index} is missing). Run: npm run build:web` : "The web app's build is older than its sources. Run: npm run build:web");
  }
  try {
    execFileSync(process.execPath, [path.join(repoRoot, "node_modules/vite/bin/vite.js"), "build", "packages/web", "--outDir", webDist, "--emptyOutDir", "--logLevel", "warn"], { cwd: repoRoot, stdio: "pipe" });
    builtThisRun = true;
  } catch (error) {
    const output = error instanceof Error && "stderr" in error ? String((error as { stderr: unknown }).stderr) : String(error);
    throw new Error(`Building the web app failed; run npm run build:web to see why.\n${output}`);
  }
  if (!fs.existsSync(index)) throw new Error(`The web app is not built (${index} is missing). Run: npm run build:web`);
}

export interface House {
  readonly server: TestServer;
  readonly url: string;
  /** A fresh browser context (its own cookies) with a page, traced; the trace is kept if the test fails. */
  newPage(name: string, options?: BrowserContextOptions): Promise<Page>;
  /** An API client as another browser would be, for seeding data the test is not about. */
  api(): ApiClient;
  /** A fresh browser already signed in as the API client's person (its session cookies): for tests that are not about signing in. */
  signedInPage(name: string, client: ApiClient, options?: BrowserContextOptions): Promise<Page>;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);
}

/**
 * Per test file: builds the web app if needed, starts a server serving it (on options.clock for a
 * test that moves time forward; the real clock by default) and launches the browser once; after
 * each test, closes that test's contexts (saving traces of a failed test under e2e/traces/);
 * after all, stops both.
 */
export function useHouse(options: { signupMode?: "open" | "invitation"; clock?: () => Date } = {}): House {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const open: { name: string; context: BrowserContext }[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestServer({ webRoot: webDist, ...(options.signupMode ? { signupMode: options.signupMode } : {}), ...(options.clock ? { clock: options.clock } : {}) });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  afterEach(async (context) => {
    const failed = context.task.result?.state === "fail";
    for (const { name, context: browserContext } of open.splice(0)) {
      try {
        if (failed) {
          fs.mkdirSync(tracesDir, { recursive: true });
          const file = path.join(tracesDir, `${slug(path.basename(context.task.file.name))}--${slug(context.task.name)}--${slug(name)}.zip`);
          await browserContext.tracing.stop({ path: file });
          console.warn(`Trace kept: ${path.relative(repoRoot, file)} (open with npx playwright show-trace, or trace.playwright.dev)`);
        } else {
          await browserContext.tracing.stop();
        }
      } finally {
        await browserContext.close();
      }
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const house: House = {
    get server() {
      if (!server) throw new Error("The server starts in beforeAll; use it inside a test.");
      return server;
    },
    get url() {
      return house.server.url;
    },
    async newPage(name, contextOptions = {}) {
      if (!browser) throw new Error("The browser starts in beforeAll; use it inside a test.");
      const context = await browser.newContext({ baseURL: house.url, viewport: { width: 1280, height: 900 }, locale: "en-GB", timezoneId: "UTC", ...contextOptions });
      context.setDefaultTimeout(15_000);
      await context.tracing.start({ name, screenshots: true, snapshots: true });
      open.push({ name, context });
      return context.newPage();
    },
    api: () => new ApiClient(house.url),
    signedInPage(name, client, contextOptions = {}) {
      const domain = new URL(house.url).hostname;
      const cookies = client
        .cookieHeader()
        .split("; ")
        .map((pair) => pair.split("="))
        .map(([cookieName = "", ...value]) => ({ name: cookieName, value: value.join("="), domain, path: "/", httpOnly: false, secure: false, sameSite: "Lax" as const, expires: -1 }));
      return house.newPage(name, { storageState: { cookies, origins: [] }, ...contextOptions });
    },
  };
  return house;
}

/** The first http(s) link in a mail's text that contains the given path. */
export function linkIn(text: string, pathPart: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((candidate) => candidate.includes(pathPart));
  if (!link) throw new Error(`No link with ${pathPart} in the mail:\n${text}`);
  return link;
}

/** The document's scroll width: wider than the viewport means the page scrolls sideways. */
export async function scrollWidth(page: Page): Promise<number> {
  // A string runs in the page; the root project has no DOM types.
  return Number(await page.evaluate("document.documentElement.scrollWidth"));
}

/** Marks the page's window so a test can tell later that it was not reloaded. */
export async function markWindow(page: Page): Promise<void> {
  await page.evaluate("window.__trellisNotReloaded = true");
}

/** True when the mark of markWindow is still there (no reload or navigation away happened). */
export async function isSameWindow(page: Page): Promise<boolean> {
  return (await page.evaluate("window.__trellisNotReloaded === true")) === true;
}
