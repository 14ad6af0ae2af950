import nodemailer from "nodemailer";
import type { Db } from "@trellis/db";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail through SMTP when configured; otherwise keeps it in the outbox and prints it. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** Builds the mailer: SMTP (nodemailer) when a URL is given, else the outbox on the console. */
export function createMailer(options: { smtpUrl: string | null; from: string; db: Db; log: (line: string) => void }): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async send(mail) {
      const row = await options.db
        .insertInto("mail_outbox")
        .values({ to_address: mail.to, subject: mail.subject, text_body: mail.text })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (!transport) {
        options.log(`Mail to ${mail.to}: ${mail.subject}\n${mail.text}\n(no SMTP server configured: kept in the outbox)`);
        return;
      }
      try {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
        await options.db.updateTable("mail_outbox").set({ sent_at: new Date() }).where("id", "=", row.id).execute();
      } catch (error) {
        await options.db.updateTable("mail_outbox").set({ error: (error as Error).message }).where("id", "=", row.id).execute();
        options.log(`Mail to ${mail.to} could not be sent: ${(error as Error).message}`);
      }
    },
    close() {
      transport?.close();
    },
  };
}
