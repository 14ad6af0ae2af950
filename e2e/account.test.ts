import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectNoSeriousViolations } from "./support/axe";
import { describeWithBrowser, linkIn, useHouse } from "./support/house";

// A person's own account: forgetting the password and choosing a new one from the mail, changing
// name and time zone, changing the password, signing out.

describeWithBrowser("the account", () => {
  const house = useHouse();
  const password = "correct horse battery";

  async function signIn(page: Page, email: string, withPassword = password) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(withPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
  }

  it("a forgotten password is reset from the mailed link, and the new one signs in", async () => {
    await house.api().signUp("olga@example.org", "Olga Forgetful", password);
    const page = await house.newPage("reset");
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email").fill("olga@example.org");
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByText("If an account exists for olga@example.org", { exact: false }).waitFor();

    const mail = await house.server.smtp.waitFor((m) => m.to.includes("olga@example.org") && m.subject.includes("Reset"));
    await page.goto(linkIn(mail.text, "/reset-password?token="));
    await page.getByLabel(/^New password/).fill("a brand new password");
    await page.getByLabel("Repeat the new password").fill("a different password");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("The two passwords differ.").waitFor();
    await page.getByLabel("Repeat the new password").fill("a brand new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Your password is changed. Sign in with the new one.").waitFor();
    await signIn(page, "olga@example.org", "a brand new password");

    // The link works once.
    const again = await house.newPage("reset-again");
    await again.goto(linkIn(mail.text, "/reset-password?token="));
    await again.getByLabel(/^New password/).fill("yet another password");
    await again.getByLabel("Repeat the new password").fill("yet another password");
    await again.getByRole("button", { name: "Change password" }).click();
    await again.getByRole("alert").getByText("This reset link is not valid any more. Ask for a new one.").waitFor();
  });

  it("name, time zone and password change in account settings; a wrong current password is named at its field", async () => {
    await house.api().signUp("paul@example.org", "Paul Settings", password);
    const page = await house.newPage("settings", { bypassCSP: true });
    await signIn(page, "paul@example.org");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
    await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();

    await page.getByLabel("Your name").fill("Paul Renamed");
    await page.getByRole("textbox", { name: "Time zone" }).fill("Europe/Ber");
    await page.getByRole("option", { name: "Europe/Berlin" }).click();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Your name and time zone are saved.").waitFor();
    await page.getByText("Signed in as Paul Renamed (paul@example.org).").waitFor();
    const me = await page.evaluate("fetch('/api/v1/me').then((r) => r.json())");
    expect(me).toMatchObject({ displayName: "Paul Renamed", timeZone: "Europe/Berlin" });

    const passwordForm = page.getByRole("form", { name: "Password" });
    await passwordForm.getByLabel(/^Current password/).fill("not my password");
    await passwordForm.getByLabel(/^New password/).fill("my next password");
    await passwordForm.getByLabel("Repeat the new password").fill("my next password");
    await passwordForm.getByRole("button", { name: "Change password" }).click();
    await passwordForm.getByText("not right", { exact: true }).waitFor();
    await passwordForm.getByRole("alert").getByText("The current password is not right.").waitFor();
    await expectNoSeriousViolations(page, "account page");

    await passwordForm.getByLabel(/^Current password/).fill(password);
    await passwordForm.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Use the new password next time you sign in.").waitFor();

    // Signing out ends the session; the new password signs in again.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Trellis" }).waitFor();
    await page.goto("/account");
    await page.getByRole("heading", { name: "Sign in to Trellis" }).waitFor();
    expect(new URL(page.url()).searchParams.get("next")).toBe("/account");
    await page.getByLabel("Email").fill("paul@example.org");
    await page.getByLabel("Password").fill("my next password");
    await page.getByRole("button", { name: "Sign in" }).click();
    // Back where the person wanted to go.
    await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();
  });
});
