import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectNoSeriousViolations } from "./support/axe";
import { describeWithBrowser, scrollWidth, useHouse } from "./support/house";

// Every page a partner uses most: no serious or critical axe violations, and the alliance home
// fits a phone.

describeWithBrowser("accessibility", () => {
  const house = useHouse();
  const password = "correct horse battery";

  /** An alliance with two seats, people, an invitation and some history, made through the API. */
  async function seedAlliance() {
    const facilitator = house.api();
    await facilitator.signUp("lena@convergence.example", "Lena Facilitator", password);
    const alliance = await facilitator.post<{ id: string }>("/api/v1/alliances", { name: "Harbour Water Compact", purpose: "Clean harbour water by 2030, measured the same way by every partner." });
    const organizations: { id: string; name: string }[] = [];
    for (const [name, kind] of [
      ["Harbour Utilities", "company"],
      ["Blue Coast Trust", "ngo"],
    ] as const) {
      const organization = await facilitator.post<{ id: string }>("/api/v1/organizations", { name, kind, sector: "Water", website: "https://example.org" });
      await facilitator.post(`/api/v1/alliances/${alliance.body.id}/seats`, { organizationId: organization.body.id, weight: 1 });
      organizations.push({ id: organization.body.id, name });
    }
    const home = await facilitator.get<{ seats: { id: string; organization: { name: string } }[]; version: number }>(`/api/v1/alliances/${alliance.body.id}`);
    await facilitator.patch(`/api/v1/alliances/${alliance.body.id}`, { version: home.body.version, stage: "active" });
    const seat = home.body.seats.find((s) => s.organization.name === "Blue Coast Trust");
    await facilitator.post(`/api/v1/alliances/${alliance.body.id}/invitations`, { email: "sam@bluecoast.example", role: "delegate", seatId: seat?.id });
    return { allianceId: alliance.body.id, organizations };
  }

  async function signIn(page: Page) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("lena@convergence.example");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
  }


  it("sign-in, alliance list, alliance home, organization and account pages have no serious or critical axe violations", async () => {
    const { allianceId, organizations } = await seedAlliance();
    // axe is injected as an inline script, which the server's CSP rightly forbids.
    const page = await house.newPage("axe", { bypassCSP: true });

    await page.goto("/sign-in");
    await page.getByRole("heading", { name: "Sign in to Trellis" }).waitFor();
    await expectNoSeriousViolations(page, "sign-in");

    await page.goto("/sign-up");
    await page.getByRole("heading", { name: "Create an account" }).waitFor();
    await expectNoSeriousViolations(page, "sign-up");

    await signIn(page);
    await page.getByRole("link", { name: "Harbour Water Compact" }).waitFor();
    await expectNoSeriousViolations(page, "alliance list");

    await page.getByRole("link", { name: "Harbour Water Compact" }).click();
    await page.getByRole("heading", { name: "Harbour Water Compact", level: 1 }).waitFor();
    await page.getByRole("list", { name: "Activity, newest first" }).getByText("Blue Coast Trust took a seat in the alliance").waitFor();
    await page.getByRole("list", { name: "Invitations" }).waitFor();
    await page.getByText("Live", { exact: true }).waitFor();
    expect(page.url()).toContain(allianceId);
    await expectNoSeriousViolations(page, "alliance home");

    await page.getByRole("button", { name: "Edit alliance" }).click();
    await page.getByRole("dialog", { name: "Edit the alliance" }).waitFor();
    await expectNoSeriousViolations(page, "edit alliance dialog");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });

    await page.getByRole("link", { name: organizations[0]!.name }).first().click();
    await page.getByRole("heading", { name: "Harbour Utilities", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Alliances", level: 2 }).waitFor();
    await expectNoSeriousViolations(page, "organization");

    await page.getByRole("link", { name: "Account" }).click();
    await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();
    await expectNoSeriousViolations(page, "account settings");

    // Each seat card leads to the seat's ledger of promises.
    await page.goto(`/alliances/${allianceId}`);
    await page.getByRole("link", { name: "Ledger of Harbour Utilities" }).click();
    await page.getByRole("heading", { name: "Ledger of Harbour Utilities", level: 1 }).waitFor();

    await page.goto("/no/such/page");
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await expectNoSeriousViolations(page, "not found");
  });

  it("the alliance home fits a 375 px phone without sideways scrolling, and its navigation opens from the menu button", async () => {
    const page = await house.newPage("phone", { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, bypassCSP: true });
    await signIn(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await page.getByRole("link", { name: "Harbour Water Compact" }).click();
    await page.getByRole("heading", { name: "Harbour Water Compact", level: 1 }).waitFor();
    await page.getByRole("list", { name: "Activity, newest first" }).getByText("Blue Coast Trust took a seat in the alliance").waitFor();
    await page.getByRole("list", { name: "Invitations" }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await expectNoSeriousViolations(page, "alliance home at 375 px");

    await page.getByRole("button", { name: "Open navigation" }).click();
    const navigation = page.getByRole("dialog").getByRole("navigation", { name: "Main" });
    await navigation.getByRole("link", { name: "Account" }).click();
    await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  });

  it("a keyboard alone can skip to the content and sign in", async () => {
    const page = await house.newPage("keyboard");
    await page.goto("/sign-in");
    await page.getByRole("heading", { name: "Sign in to Trellis" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.textContent")).toBe("Skip to content");
    await page.keyboard.press("Enter");
    // Tab through to the email field, type, on to the password, and submit with Enter.
    for (let i = 0; i < 10 && (await page.evaluate("document.activeElement.getAttribute('type')")) !== "email"; i++) await page.keyboard.press("Tab");
    await page.keyboard.type("lena@convergence.example");
    await page.keyboard.press("Tab");
    await page.keyboard.type(password);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
  });
});
