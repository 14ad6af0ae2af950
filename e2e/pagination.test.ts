import { expect, it } from "vitest";
import { describeWithBrowser, useHouse } from "./support/house";

// Long lists come a page at a time: the alliance list by name, the activity back in time.

describeWithBrowser("pagination", () => {
  const house = useHouse();

  it("the alliance list and the activity load more on request, without repeats", async () => {
    const facilitator = house.api();
    await facilitator.signUp("rosa@convergence.example", "Rosa Many", "correct horse battery");
    // 22 alliances: one page of 20 and a rest of 2. The first gets 24 events: two activity pages.
    const names = Array.from({ length: 22 }, (_, i) => `Alliance ${String(i + 1).padStart(2, "0")}`);
    const ids: string[] = [];
    for (const name of names) ids.push((await facilitator.post<{ id: string }>("/api/v1/alliances", { name })).body.id);
    for (let i = 1; i <= 11; i++) {
      const organization = await facilitator.post<{ id: string }>("/api/v1/organizations", { name: `Partner ${String(i).padStart(2, "0")}`, kind: "company" });
      await facilitator.post(`/api/v1/alliances/${ids[0]}/seats`, { organizationId: organization.body.id });
      await facilitator.post(`/api/v1/alliances/${ids[0]}/invitations`, { email: `partner${i}@example.org`, role: "observer" });
    }

    const page = await house.newPage("pages");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("rosa@convergence.example");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("link", { name: "Alliance 01" }).waitFor();
    const allianceLinks = page.getByRole("main").getByRole("link", { name: /^Alliance \d\d$/ });
    expect(await allianceLinks.count()).toBe(20);
    await page.getByRole("button", { name: "Load more alliances" }).click();
    await page.getByRole("link", { name: "Alliance 22" }).waitFor();
    expect(await allianceLinks.allTextContents()).toEqual(names);
    expect(await page.getByRole("button", { name: "Load more alliances" }).count()).toBe(0);

    await page.getByRole("link", { name: "Alliance 01" }).click();
    const timeline = page.getByRole("list", { name: "Activity, newest first" });
    await timeline.getByText("Rosa Many invited a person to join as observer").first().waitFor();
    const items = timeline.getByRole("listitem");
    expect(await items.count()).toBe(20);
    await page.getByRole("button", { name: "Load earlier activity" }).click();
    await timeline.getByText("The alliance 'Alliance 01' was formed").waitFor();
    // alliance.created, the facilitator joining, 11 seats and 11 invitations: each once.
    expect(await items.count()).toBe(24);
    const texts = await items.allTextContents();
    expect(texts.filter((text) => text.includes("took a seat in the alliance"))).toHaveLength(11);
    expect(texts.filter((text) => text.includes("invited a person to join as observer"))).toHaveLength(11);
    expect(texts.at(-1)).toContain("The alliance 'Alliance 01' was formed");
    expect(texts.at(-2)).toContain("Rosa Many joined as facilitator");
    expect(await page.getByRole("button", { name: "Load earlier activity" }).count()).toBe(0);
  });
});
