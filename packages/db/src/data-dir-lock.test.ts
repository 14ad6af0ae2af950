import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir } from "./data-dir-lock";

const holderScript = `
import { lockDataDir } from ${JSON.stringify(path.resolve(import.meta.dirname, "data-dir-lock.ts"))};
await lockDataDir(process.argv[2]);
console.log("locked");
setInterval(() => {}, 1000);
`;

function startHolder(dir: string) {
  const script = path.join(dir, "..", `holder-${path.basename(dir)}.mts`);
  fs.writeFileSync(script, holderScript);
  const child = spawn(process.execPath, ["--import", "tsx", script, dir], { stdio: ["ignore", "pipe", "inherit"] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    child.once("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return { child, ready };
}

describe("data directory lock", () => {
  it("refuses a second process with the directory and the holder's pid, and takes over after kill -9", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-lock-"));
    const { child, ready } = startHolder(dir);
    await ready;
    const refused = lockDataDir(dir);
    await expect(refused).rejects.toMatchObject({ code: "database_locked" });
    await expect(refused).rejects.toThrow(new RegExp(`${fs.realpathSync(dir)}.*pid ${child.pid}`));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    const lock = await lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, "trellis.pid"), "utf8").trim()).toBe(String(process.pid));
    await expect(lockDataDir(dir)).rejects.toMatchObject({ code: "database_locked" });
    await lock.release();
    const again = await lockDataDir(dir);
    await again.release();
  });
});
