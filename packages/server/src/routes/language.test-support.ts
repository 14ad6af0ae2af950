import { ApiClient, type TestServer } from "../testing/test-server";

/** A person of the test alliance, signed in through their own client. */
export interface TestMember {
  id: string;
  name: string;
  email: string;
  client: ApiClient;
}

export interface LanguageAlliance {
  allianceId: string;
  seats: { a: string; b: string; c: string };
  seatNames: { a: string; b: string; c: string };
  facilitator: TestMember;
  /** Seat A: a delegate and two members. */
  anaDelegateA: TestMember;
  benMemberA: TestMember;
  caiMemberA: TestMember;
  /** Seat B: a delegate and a member. */
  dovDelegateB: TestMember;
  eliMemberB: TestMember;
  /** Seat C: a delegate. */
  fayDelegateC: TestMember;
  observer: TestMember;
  counsel: TestMember;
}

/**
 * An alliance of three seats (A: 3 people, B: 2, C: 1) with a facilitator, an observer and counsel,
 * each person with a signed-in client. Emails are prefixed so several alliances can share a server.
 */
export async function buildLanguageAlliance(server: TestServer, prefix: string): Promise<LanguageAlliance> {
  const member = async (name: string, handle: string): Promise<TestMember> => {
    const client = new ApiClient(server.url);
    const email = `${prefix}-${handle}@example.org`;
    const person = await client.signUp(email, name);
    return { id: person.id, name, email, client };
  };
  const facilitator = await member(`Mara ${prefix} Facilitator`, "mara");
  const alliance = await facilitator.client.post<{ id: string }>("/api/v1/alliances", { name: `${prefix} Packaging Alliance`, purpose: "Recycle together." });
  if (alliance.status !== 201) throw new Error(`alliance: ${alliance.status} ${JSON.stringify(alliance.body)}`);
  const allianceId = alliance.body.id;
  const seatNames = { a: `${prefix} Acme Foods`, b: `${prefix} Blue Bottles`, c: `${prefix} Coastal NGO` };
  const seatOf = async (name: string, kind: string) => {
    const org = await facilitator.client.post<{ id: string }>("/api/v1/organizations", { name, kind });
    return (await facilitator.client.post<{ id: string }>(`/api/v1/alliances/${allianceId}/seats`, { organizationId: org.body.id })).body.id;
  };
  const seats = { a: await seatOf(seatNames.a, "company"), b: await seatOf(seatNames.b, "company"), c: await seatOf(seatNames.c, "ngo") };
  const join = async (person: TestMember, role: string, seatId: string | null) => {
    const res = await facilitator.client.post(`/api/v1/alliances/${allianceId}/members`, { personId: person.id, role, seatId });
    if (res.status !== 204) throw new Error(`member: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const anaDelegateA = await member(`Ana ${prefix} Quill`, "ana");
  const benMemberA = await member(`Ben ${prefix} Roth`, "ben");
  const caiMemberA = await member(`Cai ${prefix} Sato`, "cai");
  const dovDelegateB = await member(`Dov ${prefix} Tal`, "dov");
  const eliMemberB = await member(`Eli ${prefix} Uhl`, "eli");
  const fayDelegateC = await member(`Fay ${prefix} Vance`, "fay");
  const observer = await member(`Gus ${prefix} Watt`, "gus");
  const counsel = await member(`Hal ${prefix} Xu`, "hal");
  await join(anaDelegateA, "delegate", seats.a);
  await join(benMemberA, "member", seats.a);
  await join(caiMemberA, "member", seats.a);
  await join(dovDelegateB, "delegate", seats.b);
  await join(eliMemberB, "member", seats.b);
  await join(fayDelegateC, "delegate", seats.c);
  await join(observer, "observer", null);
  await join(counsel, "counsel", null);
  return { allianceId, seats, seatNames, facilitator, anaDelegateA, benMemberA, caiMemberA, dovDelegateB, eliMemberB, fayDelegateC, observer, counsel };
}

/** A live server-sent-event stream being read in the background. */
export interface OpenStream {
  /** Everything read so far. */
  text(): string;
  /** Resolves once what was read satisfies the predicate; rejects after the timeout. */
  waitFor(predicate: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): void;
}

/** Opens an event stream with a session cookie and reads it until closed. */
export async function openStream(url: string, cookie: string): Promise<OpenStream> {
  const controller = new AbortController();
  let text = "";
  const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // closed
    }
  })();
  const waitFor = async (predicate: (read: string) => boolean, timeoutMs = 5000) => {
    const until = Date.now() + timeoutMs;
    while (!predicate(text)) {
      if (Date.now() > until) throw new Error(`stream: timed out; read so far: ${text.slice(-500)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return text;
  };
  await waitFor((read) => read.includes(": connected"));
  return { text: () => text, waitFor, close: () => controller.abort() };
}

/** The data of each server-sent event of a type in a stream's text. */
export function streamEvents(text: string): { type: string; payload: Record<string, unknown>; actor: unknown; seatId: unknown; occurredAt: string; seq: number }[] {
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("event: event"))
    .map((block) => JSON.parse(block.slice(block.indexOf("data: ") + 6)) as { type: string; payload: Record<string, unknown>; actor: unknown; seatId: unknown; occurredAt: string; seq: number });
}

/** Signs everyone in again (sessions last 30 days; tests that move the clock months ahead need fresh ones). */
export async function signInAgain(alliance: LanguageAlliance): Promise<void> {
  const everyone = [alliance.facilitator, alliance.anaDelegateA, alliance.benMemberA, alliance.caiMemberA, alliance.dovDelegateB, alliance.eliMemberB, alliance.fayDelegateC, alliance.observer, alliance.counsel];
  for (const member of everyone) await member.client.signIn(member.email);
}
