import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { AppError } from "@trellis/core";

/** A held lock on an embedded data directory; release() frees it. */
export interface DataDirLock {
  readonly dataDir: string;
  release(): Promise<void>;
}

const pidFileName = "trellis.pid";

/**
 * Takes the exclusive lock on an embedded data directory. Two processes opening one PGlite
 * directory would silently corrupt it, so a second opener is refused with the holder's pid.
 *
 * On Linux the lock is an abstract Unix socket named after the directory: the kernel frees it
 * the moment its process dies (even on kill -9), so a stale lock is taken over without any
 * check-then-act race. A pid file beside the data says who holds it. Elsewhere, an exclusive
 * pid file with a liveness check is used.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  const resolved = fs.realpathSync(dataDir);
  const pidFile = path.join(resolved, pidFileName);
  if (process.platform === "linux") return lockWithAbstractSocket(resolved, pidFile);
  return lockWithPidFile(resolved, pidFile);
}

function refuse(dataDir: string, pidFile: string): never {
  const holder = readPid(pidFile);
  throw new AppError(
    "database_locked",
    `The data directory ${dataDir} is in use by another Trellis process${holder ? ` (pid ${holder})` : ""}. ` +
      "Stop that process first, or choose another directory with --data-dir.",
    { dataDir, pid: holder },
  );
}

function readPid(pidFile: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function lockWithAbstractSocket(dataDir: string, pidFile: string): Promise<DataDirLock> {
  const name = `\0trellis-data-dir-${createHash("sha256").update(dataDir).digest("hex").slice(0, 40)}`;
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        try {
          refuse(dataDir, pidFile);
        } catch (refusal) {
          reject(refusal);
        }
      } else reject(error);
    });
    server.listen(name, () => resolve());
  });
  server.unref();
  fs.writeFileSync(pidFile, `${process.pid}\n`);
  return {
    dataDir,
    release: async () => {
      if (readPid(pidFile) === process.pid) fs.rmSync(pidFile, { force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function lockWithPidFile(dataDir: string, pidFile: string): Promise<DataDirLock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(pidFile, `${process.pid}\n`, { flag: "wx" });
      return { dataDir, release: async () => fs.rmSync(pidFile, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readPid(pidFile);
      if (holder !== null && isAlive(holder)) refuse(dataDir, pidFile);
      fs.rmSync(pidFile, { force: true });
    }
  }
  refuse(dataDir, pidFile);
}
