import { signUp } from "@trellis/server";
import type { Locator, Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectNoSeriousViolations } from "./support/axe";
import { describeWithBrowser, useHouse } from "./support/house";

// What a person sees when input is wrong or a list is empty: the API's own words, next to the
// field they concern.

describeWithBrowser("bad input in the UI", () => {
  const house = useHouse();
  const password = "correct horse battery";

  async function signIn(page: Page, email: string) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
  }

  /** The error text a field announces (Mantine links it with aria-describedby), once it is invalid. */
  async function fieldErrorOf(field: Locator): Promise<string> {
    await field.and(field.page().locator("[aria-invalid=true]")).waitFor();
    const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
    const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).textContent()));
    return texts.join(" ").trim();
  }


  it("a wrong password shows the API's message and no one is signed in", async () => {
    await house.api().signUp("wrong@example.org", "Wanda Wrong", password);
    const page = await house.newPage("wrong-password", { bypassCSP: true });
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("wrong@example.org");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText("The email or the password is not right.").waitFor();
    expect(await alert.textContent()).toContain("Could not sign in");
    await expectNoSeriousViolations(page, "sign-in with a wrong password");
    expect(page.url()).toContain("/sign-in");
    await page.goto("/alliances");
    await page.getByRole("heading", { name: "Sign in to Trellis" }).waitFor();
  });

  it("a new person sees the empty alliance list with a line on what to do", async () => {
    await house.api().signUp("newbie@example.org", "Nia Newbie", password);
    const page = await house.newPage("empty-list", { bypassCSP: true });
    await signIn(page, "newbie@example.org");
    await page.getByText("No alliances yet").waitFor();
    await page.getByText("Start one with “Start an alliance”, or open the invitation link a facilitator sent you.", { exact: false }).waitFor();
    await expectNoSeriousViolations(page, "empty alliance list");
  });

  it("an invalid email on the invite form shows the field's error next to it; a short password on sign-up too", async () => {
    const facilitator = house.api();
    await facilitator.signUp("fran@convergence.example", "Fran Facilitator", password);
    const alliance = await facilitator.post<{ id: string }>("/api/v1/alliances", { name: "Valley Transit Pact" });
    const organization = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: "Valley Buses", kind: "company" });
    await facilitator.post(`/api/v1/alliances/${alliance.body.id}/seats`, { organizationId: organization.body.id });

    const page = await house.newPage("invalid-invite", { bypassCSP: true });
    await signIn(page, "fran@convergence.example");
    await page.goto(`/alliances/${alliance.body.id}`);
    const form = page.getByRole("form", { name: "Invite someone" });
    const email = form.getByLabel("Email of the person to invite");
    await email.fill("not-an-email");
    await form.getByRole("button", { name: "Send invitation" }).click();
    expect(await fieldErrorOf(email)).toMatch(/email/i);
    await form.getByRole("alert").getByText("The request body is not valid.").waitFor();
    expect(await form.getByRole("alert").textContent()).not.toContain("email:");
    // Nothing was sent.
    await page.getByText("No invitations yet").waitFor();
    await expectNoSeriousViolations(page, "invite form with an invalid email");

    const visitor = await house.newPage("short-password");
    await visitor.goto("/sign-up");
    await visitor.getByLabel("Your name").fill("Shorty");
    await visitor.getByLabel("Email").fill("shorty@example.org");
    await visitor.getByLabel("Password").fill("short");
    await visitor.getByRole("button", { name: "Create account" }).click();
    expect(await fieldErrorOf(visitor.getByLabel("Password"))).toContain("Use at least 10 characters.");
  });

  it("a stale edit of the alliance says someone else changed it, and saves after loading their version", async () => {
    const facilitator = house.api();
    await facilitator.signUp("sid@convergence.example", "Sid Facilitator", password);
    const alliance = await facilitator.post<{ id: string; version: number }>("/api/v1/alliances", { name: "River Data Trust" });

    const page = await house.newPage("stale-edit");
    await signIn(page, "sid@convergence.example");
    await page.goto(`/alliances/${alliance.body.id}`);
    await page.getByRole("button", { name: "Edit alliance" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit the alliance" });
    await dialog.getByLabel("Purpose").fill("Open river data for every partner.");

    // Meanwhile, in another tab, the alliance changes.
    const changed = await facilitator.patch(`/api/v1/alliances/${alliance.body.id}`, { version: alliance.body.version, stage: "active" });
    expect(changed.status).toBe(200);

    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.getByRole("alert").getByText("The alliance was changed by someone else; reload and try again.").waitFor();
    await dialog.getByRole("button", { name: "Load their version, keep my changes" }).click();
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Open river data for every partner.").waitFor();
    await page.getByRole("list", { name: "Activity, newest first" }).getByText("Sid Facilitator rewrote the alliance's purpose").waitFor();
  });

  it("a used or unknown invitation link says it cannot be used", async () => {
    const page = await house.newPage("bad-invitation", { bypassCSP: true });
    await page.goto("/invitations/this-token-does-not-exist-anywhere-0123");
    await page.getByRole("alert").getByText("It was used already, withdrawn, or it expired.", { exact: false }).waitFor();
    await expectNoSeriousViolations(page, "unusable invitation");
  });

  it("an administrator makes sign-up invitation-only, and the sign-up page then says so", async () => {
    await signUp(house.server.ctx, { email: "root@example.org", password, displayName: "Ada Admin" }, { isAdmin: true, bypassSignupMode: true });
    const admin = await house.newPage("admin", { bypassCSP: true });
    await signIn(admin, "root@example.org");
    await admin.getByRole("link", { name: "Administration" }).click();
    await admin.getByRole("heading", { name: "Administration", level: 1 }).waitFor();
    expect(await admin.title()).toBe("Administration · Trellis");
    // The outbox holds what was sent so far (nothing for this instance's admin to see yet, or earlier mails).
    await admin.getByRole("heading", { name: "Mail outbox" }).waitFor();
    await expectNoSeriousViolations(admin, "administration");
    await admin.getByLabel("Only people with an invitation").check();
    await admin.getByRole("button", { name: "Save" }).click();
    await admin.getByText("New accounts need an invitation.").waitFor();

    const visitor = await house.newPage("invitation-only", { bypassCSP: true });
    await visitor.goto("/sign-up");
    await visitor.getByText("This Trellis accepts new accounts by invitation only.", { exact: false }).waitFor();
    expect(await visitor.getByRole("button", { name: "Create account" }).count()).toBe(0);
    await expectNoSeriousViolations(visitor, "invitation-only sign-up");
  });

  it("someone who is not an administrator finds no administration page, in the page and in its title", async () => {
    await signUp(house.server.ctx, { email: "nadia@example.org", password, displayName: "Nadia Member" }, { bypassSignupMode: true });
    const member = await house.newPage("not-admin", { bypassCSP: true });
    await signIn(member, "nadia@example.org");
    expect(await member.getByRole("link", { name: "Administration" }).count()).toBe(0);
    await member.goto("/admin");
    await member.getByRole("heading", { name: "Page not found", level: 1 }).waitFor();
    expect(await member.getByRole("heading", { name: "Administration" }).count()).toBe(0);
    expect(await member.title()).toBe("Not found · Trellis");
  });
});
