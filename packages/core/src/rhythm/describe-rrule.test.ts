import { describe, expect, it } from "vitest";
import { describeRrule } from "./describe-rrule";

const berlin = { dtstart: "2026-01-13T15:00", timeZone: "Europe/Berlin" };

describe("describeRrule", () => {
  it.each([
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", berlin, "Every 2 weeks on Tuesday at 15:00 (Europe/Berlin)"],
    ["FREQ=WEEKLY", berlin, "Every week on Tuesday at 15:00 (Europe/Berlin)"],
    ["FREQ=WEEKLY;BYDAY=MO,WE,FR", berlin, "Every week on Monday, Wednesday and Friday at 15:00 (Europe/Berlin)"],
    ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", berlin, "Every week on weekdays at 15:00 (Europe/Berlin)"],
    ["FREQ=DAILY", berlin, "Every day at 15:00 (Europe/Berlin)"],
    ["FREQ=DAILY;INTERVAL=3;COUNT=10", berlin, "Every 3 days at 15:00 (Europe/Berlin), 10 times"],
    ["FREQ=MONTHLY;BYDAY=1MO", { dtstart: "2026-01-05T10:00", timeZone: "America/New_York" }, "Every month on the first Monday at 10:00 (America/New_York)"],
    ["FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO", { dtstart: "2026-01-05T10:00", timeZone: "UTC" }, "Every 3 months on the first Monday at 10:00 (UTC)"],
    ["FREQ=MONTHLY;BYDAY=-1FR", berlin, "Every month on the last Friday at 15:00 (Europe/Berlin)"],
    ["FREQ=MONTHLY;BYDAY=1TU,3TU", berlin, "Every month on the first Tuesday and the third Tuesday at 15:00 (Europe/Berlin)"],
    ["FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", berlin, "Every month on the last weekday at 15:00 (Europe/Berlin)"],
    ["FREQ=MONTHLY;BYMONTHDAY=15", berlin, "Every month on the 15th at 15:00 (Europe/Berlin)"],
    ["FREQ=MONTHLY;BYMONTHDAY=1,-1", berlin, "Every month on the 1st and the last day at 15:00 (Europe/Berlin)"],
    ["FREQ=MONTHLY", berlin, "Every month on the 13th at 15:00 (Europe/Berlin)"],
    ["FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", berlin, "Every month on the 13th, when it is a Friday at 15:00 (Europe/Berlin)"],
    ["FREQ=YEARLY", berlin, "Every year in January on the 13th at 15:00 (Europe/Berlin)"],
    ["FREQ=YEARLY;BYMONTH=3,9;BYDAY=-1SU", berlin, "Every year in March and September on the last Sunday at 15:00 (Europe/Berlin)"],
    ["FREQ=YEARLY;BYDAY=20MO", berlin, "Every year on the 20th Monday of the year at 15:00 (Europe/Berlin)"],
    ["FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T225959Z", berlin, "Every week on Tuesday at 15:00 (Europe/Berlin), until 2026-12-31"],
    ["FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231", berlin, "Every week on Tuesday at 15:00 (Europe/Berlin), until 2026-12-31"],
  ])("%s", (rrule, options, expected) => {
    expect(describeRrule(rrule, options)).toBe(expected);
  });
});
