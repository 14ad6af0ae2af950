import { expect, it } from "vitest";
import { describeWithBrowser, isSameWindow, linkIn, markWindow, useHouse } from "./support/house";

// The house's acceptance: a facilitator builds an alliance in the browser, invites a partner by
// email, the partner accepts from the mailed link in another browser, and the facilitator sees
// the partner join live.

describeWithBrowser("the house journey", () => {
  const house = useHouse();

  it("a facilitator starts an alliance, seats two organizations, invites a partner who signs up from the mail, and sees them join live", async () => {
    // Someone registered Greenfield Labs in Trellis before; the facilitator will find it.
    const registrar = house.api();
    await registrar.signUp("registrar@greenfield.example", "Greenfield Registrar");
    const registered = await registrar.post<{ id: string }>("/api/v1/organizations", { name: "Greenfield Labs", kind: "research", sector: "Materials" });
    expect(registered.status).toBe(201);

    // The facilitator signs up.
    const mara = await house.newPage("facilitator");
    await mara.goto("/sign-up");
    await mara.getByLabel("Your name").fill("Mara Okafor");
    await mara.getByLabel("Email").fill("mara@convergence.example");
    await mara.getByLabel("Password").fill("correct horse battery");
    await mara.getByRole("button", { name: "Create account" }).click();
    await mara.getByRole("heading", { name: "Alliances", level: 1 }).waitFor();
    await mara.getByText("No alliances yet").waitFor();

    // ...starts an alliance...
    await mara.getByRole("button", { name: "Start an alliance" }).click();
    await mara.getByLabel("Name").fill("Open Grid Alliance");
    await mara.getByLabel("Purpose").fill("Share grid data no single utility could gather alone.");
    await mara.getByRole("button", { name: "Start alliance" }).click();
    await mara.getByRole("heading", { name: "Open Grid Alliance", level: 1 }).waitFor();
    await mara.getByText("Share grid data no single utility could gather alone.").waitFor();
    const timeline = mara.getByRole("list", { name: "Activity, newest first" });
    await timeline.getByText("The alliance 'Open Grid Alliance' was formed").waitFor();
    await mara.getByText("Live", { exact: true }).waitFor();

    // ...registers a new organization and gives it a seat...
    await mara.getByRole("button", { name: "Add a seat" }).click();
    const seatDialog = mara.getByRole("dialog", { name: "Add a seat" });
    await seatDialog.getByText("New organization").click();
    await seatDialog.getByLabel("Organization name").fill("Northwind Energy");
    await seatDialog.getByLabel("Kind").selectOption("company");
    await seatDialog.getByLabel("Sector").fill("Utilities");
    await seatDialog.getByRole("button", { name: "Add seat", exact: true }).click();
    await seatDialog.waitFor({ state: "hidden" });
    await mara.getByRole("listitem", { name: "Seat of Northwind Energy" }).waitFor();

    // ...and seats the registered one, found by name.
    await mara.getByRole("button", { name: "Add a seat" }).click();
    await seatDialog.getByRole("textbox", { name: "Organization" }).fill("Greenf");
    await mara.getByRole("option", { name: "Greenfield Labs" }).click();
    await seatDialog.getByRole("button", { name: "Add seat", exact: true }).click();
    await seatDialog.waitFor({ state: "hidden" });
    await mara.getByRole("listitem", { name: "Seat of Greenfield Labs" }).waitFor();
    await timeline.getByText("Greenfield Labs took a seat in the alliance").waitFor();

    // The facilitator invites a partner into Greenfield Labs' seat.
    const inviteForm = mara.getByRole("form", { name: "Invite someone" });
    await inviteForm.getByLabel("Email of the person to invite").fill("ana@greenfield.example");
    await inviteForm.getByLabel("Role").selectOption("delegate");
    await inviteForm.getByLabel("Seat").selectOption({ label: "Greenfield Labs" });
    await inviteForm.getByRole("button", { name: "Send invitation" }).click();
    const invitations = mara.getByRole("list", { name: "Invitations" });
    await invitations.getByText("ana@greenfield.example").waitFor();
    await invitations.getByText("Pending").waitFor();

    // The mail arrives at the local SMTP server with the link.
    const mail = await house.server.smtp.waitFor((m) => m.to.includes("ana@greenfield.example"));
    expect(mail.subject).toBe("Mara Okafor invites you to Open Grid Alliance on Trellis");
    const link = linkIn(mail.text, "/invitations/");
    expect(link.startsWith(house.url)).toBe(true);

    // From here on the facilitator's page must not reload: what follows has to arrive live.
    await markWindow(mara);

    // The partner opens the link in another browser, signs up there and accepts.
    const ana = await house.newPage("partner");
    await ana.goto(link);
    await ana.getByText("invites you to join").waitFor();
    expect(await ana.getByText("Greenfield Labs", { exact: true }).count()).toBeGreaterThan(0);
    await ana.getByRole("tab", { name: "I am new to Trellis" }).waitFor();
    await ana.getByLabel("Your name").fill("Ana Ruiz");
    expect(await ana.getByLabel("Email").inputValue()).toBe("ana@greenfield.example");
    await ana.getByLabel("Password").fill("another good password");
    await ana.getByRole("button", { name: "Create account" }).click();
    await ana.getByRole("button", { name: "Accept invitation" }).click();
    await ana.getByRole("heading", { name: "Open Grid Alliance", level: 1 }).waitFor();
    await ana.getByText("You are here as: Delegate").waitFor();

    // The facilitator sees the partner join at the top of the timeline, without a reload.
    const joined = timeline.getByText("Ana Ruiz joined as delegate for Greenfield Labs");
    await joined.waitFor();
    expect(await timeline.getByRole("listitem").first().textContent()).toContain("Ana Ruiz joined as delegate for Greenfield Labs");
    expect(await isSameWindow(mara)).toBe(true);
    // The seat and the invitation followed along.
    await mara.getByRole("list", { name: "People of Greenfield Labs" }).getByText("Ana Ruiz").waitFor();
    await invitations.getByText("Accepted").waitFor();
  });
});
