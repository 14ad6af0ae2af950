import { Alert, Button, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { isApiError } from "../api/client";
import type { AllianceHome } from "../api/types";
import { LoadError, Loading } from "../components/page-states";
import { NotFoundPage } from "../pages/not-found-page";
import { registerPaths, useLanguageLive, useRegisterRecord } from "./api";
import { PageHead, WithAlliance } from "./language-shell";
import { registerNames } from "./language-labels";
import type { AssumptionDetail, BreakdownDetail, LearningDetail, RegisterKind, TensionDetail } from "./types";

type DetailOf<K extends RegisterKind> = K extends "breakdown" ? BreakdownDetail : K extends "tension" ? TensionDetail : K extends "assumption" ? AssumptionDetail : LearningDetail;

function RecordLoader<K extends RegisterKind>({ home, kind, title, children }: { home: AllianceHome; kind: K; title: (record: DetailOf<K>) => string; children: (record: DetailOf<K>, reload: () => void) => ReactNode }) {
  const { recordId = "" } = useParams();
  const live = useLanguageLive(home.id);
  const record = useRegisterRecord(home.id, kind, recordId);
  const names = registerNames[kind];
  if (record.isPending) return <Loading label={`Loading the ${names.singular.toLowerCase()}…`} />;
  if (record.isError) {
    if (isApiError(record.error, "not_found") || isApiError(record.error, "validation_failed")) return <NotFoundPage what={names.singular.toLowerCase()} />;
    return <LoadError error={record.error} onRetry={() => void record.refetch()} title={`The ${names.singular.toLowerCase()} could not be loaded`} />;
  }
  const detail = record.data as DetailOf<K>;
  return (
    <Stack gap="lg">
      <PageHead home={home} title={title(detail)} live={live} back={{ to: `/alliances/${home.id}/${registerPaths[kind]}`, label: names.plural }} />
      {children(detail, () => void record.refetch())}
    </Stack>
  );
}

/** A register record's page: the alliance, then the record (404 and errors handled), then its body. */
export function RecordPage<K extends RegisterKind>({ kind, title, children }: { kind: K; title: (record: DetailOf<K>) => string; children: (home: AllianceHome, record: DetailOf<K>, reload: () => void) => ReactNode }) {
  return (
    <WithAlliance title={registerNames[kind].singular}>
      {(home) => (
        <RecordLoader home={home} kind={kind} title={title}>
          {(record, reload) => children(home, record, reload)}
        </RecordLoader>
      )}
    </WithAlliance>
  );
}

/** After a 409 stale_version: says someone else changed the record and offers their version. */
export function StaleNotice({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!isApiError(error, "stale_version")) return null;
  return (
    <Alert color="orange" variant="light" title="Someone else changed this record" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">Your change was not saved, so nothing of theirs is lost. Load their version and try again.</Text>
        <Button size="xs" variant="default" onClick={onReload}>
          Load their version
        </Button>
      </Stack>
    </Alert>
  );
}

/** A labelled block of a record's text. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text className="wrap-anywhere" style={{ whiteSpace: "pre-line" }}>
        {children}
      </Text>
    </div>
  );
}

/** A failed change's error, unless it is a stale version (StaleNotice speaks for that one). */
export function unlessStale(error: unknown): unknown {
  return isApiError(error, "stale_version") ? null : error;
}
