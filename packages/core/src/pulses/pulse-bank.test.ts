import { describe, expect, it } from "vitest";
import { anchorBlock, findPulseItem, pulseBank, pulseDynamics, pulseScales } from "./pulse-bank";

describe("the pulse item bank", () => {
  it("holds the 13 items of reference/pulse-bank.md with unique ids", () => {
    expect(pulseBank).toHaveLength(13);
    expect(new Set(pulseBank.map((item) => item.id)).size).toBe(13);
    for (const item of pulseBank) {
      expect(pulseDynamics).toContain(item.dynamic);
      expect(item.source.length).toBeGreaterThan(0);
      expect(item.id.startsWith(item.dynamic)).toBe(true);
    }
  });

  it("marks exactly the [Partner] items directional and the (R) items reversed", () => {
    expect(pulseBank.filter((item) => item.directional).map((item) => item.id)).toEqual(
      pulseBank.filter((item) => item.text.includes("[Partner]")).map((item) => item.id),
    );
    expect(pulseBank.filter((item) => item.directional)).toHaveLength(4);
    expect(pulseBank.filter((item) => item.reversed).map((item) => item.id)).toEqual([
      "trust.gain-at-our-expense",
      "candor.mistakes-held-against",
      "candor.silence-as-agreement",
    ]);
  });

  it("uses the 7-point agreement scale except the 1–5 meeting rating", () => {
    expect(pulseBank.filter((item) => item.scale === "effectiveness5").map((item) => item.id)).toEqual(["presence.meeting-effectiveness"]);
    expect(pulseScales.agreement7.labels).toHaveLength(7);
    expect(pulseScales.effectiveness5.labels[0]).toBe("Poor");
    expect(pulseScales.effectiveness5.labels[4]).toBe("Excellent");
  });

  it("asks the anchor every time and rotates blocks of three", () => {
    expect(pulseBank.filter((item) => item.block === anchorBlock)).toHaveLength(1);
    const sizes = new Map<string, number>();
    for (const item of pulseBank) if (item.block !== anchorBlock) sizes.set(item.block, (sizes.get(item.block) ?? 0) + 1);
    expect([...sizes.values()]).toEqual([3, 3, 3, 3]);
  });

  it("finds items by id or fails with validation_failed", () => {
    expect(findPulseItem("trust.keeps-commitments").facet).toBe("reliability");
    expect(() => findPulseItem("nope")).toThrow(/No pulse item/);
  });
});
