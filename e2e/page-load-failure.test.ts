import { expect, it } from "vitest";
import { describeWithBrowser, useHouse } from "./support/house";

// A page whose code cannot be loaded (the app was updated since it was opened, or the connection
// dropped) says so inside the layout and offers a reload; reloading brings the page.

describeWithBrowser("a page that cannot be loaded", () => {
  const house = useHouse();

  it("explains itself and reloads into the page, by navigation and by deep link", async () => {
    const api = house.api();
    await api.signUp("lena@convergence.example", "Lena Load", "correct horse battery");
    const page = await house.newPage("load-failure");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("lena@convergence.example");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();

    // The account page's code fails to arrive on a navigation.
    let failing = true;
    await page.route(/\/assets\/account-page-[^/]*\.js$/, (route) => (failing ? route.abort("failed") : route.continue()));
    await page.getByRole("link", { name: "Account" }).first().click();
    const alert = page.getByRole("alert").filter({ hasText: "This page could not be loaded" });
    await alert.waitFor();
    await alert.getByText("Reload to get the current version").waitFor();
    expect(await page.title()).toContain("This page could not be loaded");
    // The header stays: the person can go elsewhere.
    expect(await page.getByRole("banner").getByRole("link", { name: "Alliances" }).count()).toBeGreaterThan(0);

    // Once the code can be fetched again, Reload brings the page.
    failing = false;
    await alert.getByRole("button", { name: "Reload" }).click();
    await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();

    // A deep link whose page code fails says the same.
    failing = true;
    await page.goto("/account");
    await page.getByRole("alert").filter({ hasText: "This page could not be loaded" }).waitFor();
  });
});
