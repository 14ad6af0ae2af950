import { Anchor, Badge, Group, List, Modal, Paper, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { Link } from "react-router";
import { LoadError, Loading } from "../components/page-states";
import { formatDateTime, labelOf } from "../labels";
import { useHealthExplanation } from "./health-api";
import { describeTrend, dynamicHelp, dynamicLabels, formatScore, formatShare, recordPath, recordTypeLabels } from "./health-labels";
import type { EvidenceRecord, ExplainTarget } from "./types";

/** A record behind a number, linking to its page. */
export function RecordLink({ allianceId, record, timeZone }: { allianceId: string; record: EvidenceRecord; timeZone: string }) {
  const kind = labelOf(recordTypeLabels, record.recordType);
  return (
    <>
      <Anchor component={Link} to={recordPath(allianceId, record)} size="sm" className="wrap-anywhere">
        {record.title ?? kind}
      </Anchor>{" "}
      <Text span size="xs" c="dimmed">
        {record.title ? `${kind} · ` : ""}
        {formatDateTime(record.at, timeZone)}
      </Text>
    </>
  );
}

/** What is asked, in the dialog's title: "Why is authorship 41?", or what is behind one signal. */
export function explainTitle(target: ExplainTarget, value: number | null | undefined, seatName: string | null, signalLabel?: string): string {
  const what = target.signal !== undefined ? (signalLabel ?? "this signal") : dynamicLabels[target.dynamic].toLowerCase();
  const number = target.signal !== undefined ? "" : value === undefined ? "" : ` ${formatScore(value)}`;
  const where = seatName ? ` for ${seatName}` : "";
  return target.signal !== undefined ? `What is behind “${what}”${where}?` : `Why is ${what}${number}${where}?`;
}

/**
 * "Why is authorship 41?": the signals of a dynamic (or one signal) with their weights, the points
 * each contributes, and the records behind them, each linking to its page.
 */
export function ExplainDialog({
  allianceId,
  target,
  knownValue,
  seatName,
  signalLabel,
  timeZone,
  onClose,
}: {
  allianceId: string;
  target: ExplainTarget | null;
  knownValue?: number | null;
  seatName: string | null;
  signalLabel?: string;
  timeZone: string;
  onClose: () => void;
}) {
  const phone = useMediaQuery("(max-width: 36em)");
  const explanation = useHealthExplanation(allianceId, target);
  const data = explanation.data;
  return (
    <Modal opened={target !== null} onClose={onClose} fullScreen={phone} size="lg" title={target ? explainTitle(target, knownValue, seatName, signalLabel) : ""}>
      {target === null ? null : explanation.isPending ? (
        <Loading label="Loading the explanation…" />
      ) : explanation.isError ? (
        <LoadError error={explanation.error} onRetry={() => void explanation.refetch()} title="The explanation could not be loaded" />
      ) : data ? (
        <Stack gap="md">
          <Text size="sm">
            {dynamicLabels[data.dynamic]} is {formatScore(data.value)} out of 100 {data.seatId ? `for ${seatName ?? "this seat"}` : "for the alliance"}: {dynamicHelp[data.dynamic]}
          </Text>
          <Text size="sm" c="dimmed">
            How it is computed: {data.formula}
          </Text>
          <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Signals">
            {data.signals.map(({ signal, contribution, records, totalRecords }) => (
              <Paper key={signal.id} withBorder p="sm" radius="md" component="li">
                <Stack gap={6}>
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <Text fw={600} size="sm" style={{ flex: 1, minWidth: 0 }} className="wrap-anywhere">
                      {signal.label}
                    </Text>
                    <Badge variant="light" color="dark" style={{ flexShrink: 0 }}>
                      {formatShare(signal.value)}
                    </Badge>
                  </Group>
                  <Text size="xs">
                    Weight {Math.round(signal.weight * 100) / 100} in {dynamicLabels[signal.dynamic].toLowerCase()} ·{" "}
                    {contribution === null ? "no evidence in the window, so it does not count" : `contributes ${Math.round(contribution)} points`} · {describeTrend(signal.trend, 1)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {signal.formula} (last {signal.window.days} days)
                  </Text>
                  {records.length === 0 ? (
                    <Text size="xs">No records you may see behind this signal in the window.</Text>
                  ) : (
                    <>
                      <Text size="xs" fw={600}>
                        {records.length < totalRecords ? `The latest ${records.length} of ${totalRecords} records` : totalRecords === 1 ? "The record" : `The ${records.length} records`}
                      </Text>
                      <List size="sm" spacing={2} aria-label={`Records behind ${signal.label}`}>
                        {records.map((record) => (
                          <List.Item key={`${record.factType}:${record.recordId}:${record.eventSeq ?? ""}`}>
                            <RecordLink allianceId={allianceId} record={record} timeZone={timeZone} />
                          </List.Item>
                        ))}
                      </List>
                    </>
                  )}
                </Stack>
              </Paper>
            ))}
          </Stack>
        </Stack>
      ) : null}
    </Modal>
  );
}
