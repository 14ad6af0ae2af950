import { Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { formatDate } from "../labels";
import { RecordLink } from "./explain-dialog";
import { formatShare, pathologyLabels } from "./health-labels";
import type { AlertSignal, HealthAlert } from "./types";

/**
 * An alert's signals come in their own units (counts, days, shares): shares (both numbers within
 * 0–1, not both whole) read as percentages, anything else as the number.
 */
function formatAlertNumbers(signal: AlertSignal): { value: string; threshold: string } {
  const isShare = signal.value >= 0 && signal.value <= 1 && signal.threshold >= 0 && signal.threshold <= 1 && !(Number.isInteger(signal.value) && Number.isInteger(signal.threshold));
  const format = (n: number) => (isShare ? formatShare(n) : String(Math.round(n * 100) / 100));
  return { value: format(signal.value), threshold: format(signal.threshold) };
}

/**
 * One alert: what it is, since when, and — for facilitators — the suggested move and the evidence:
 * the signals against their thresholds and the records behind them.
 */
export function AlertCard({
  allianceId,
  alert,
  timeZone,
  explainable,
  onExplainSignal,
}: {
  allianceId: string;
  alert: HealthAlert;
  timeZone: string;
  /** The index's signal ids: those open their explanation; an alert's own measures do not. */
  explainable: ReadonlySet<string>;
  onExplainSignal: (signal: AlertSignal) => void;
}) {
  const headingId = `alert-${alert.id}-title`;
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={headingId} id={`alert-${alert.id}`} style={{ scrollMarginTop: 72 }}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={3} size="h4" id={headingId} className="wrap-anywhere" style={{ flex: 1, minWidth: 0 }}>
            {alert.title}
            {alert.seatName ? ` — ${alert.seatName}` : ""}
          </Title>
          <Badge variant="filled" color={alert.status === "active" ? "red.9" : "gray.7"} style={{ flexShrink: 0 }}>
            {alert.status === "active" ? "Open" : "Resolved"}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {pathologyLabels[alert.pathology] ?? alert.pathology} · raised {formatDate(alert.onset, timeZone)}
          {alert.resolvedAt ? ` · resolved ${formatDate(alert.resolvedAt, timeZone)}` : ` · last updated ${formatDate(alert.updatedAt, timeZone)}`}
        </Text>
        <Text size="sm">{alert.description}</Text>
        {alert.suggestedMove && (
          <div>
            <Text size="sm" fw={600}>
              Suggested move
            </Text>
            <Text size="sm">{alert.suggestedMove}</Text>
          </div>
        )}
        {alert.evidence ? (
          <details>
            <summary style={{ cursor: "pointer", fontWeight: 600, fontSize: "var(--mantine-font-size-sm)" }}>Evidence: {alert.evidence.signals.length === 1 ? "1 signal" : `${alert.evidence.signals.length} signals`}, {alert.evidence.records.length === 1 ? "1 record" : `${alert.evidence.records.length} records`}</summary>
            <Stack gap="sm" mt="sm">
              <Table layout="fixed" verticalSpacing={4} fz="sm" captionSide="top">
                <Table.Caption style={{ textAlign: "left" }}>Signals against the bar that raised the alert</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th style={{ width: "50%" }}>Signal</Table.Th>
                    <Table.Th>Value</Table.Th>
                    <Table.Th>Bar</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {alert.evidence.signals.map((signal) => {
                    const numbers = formatAlertNumbers(signal);
                    return (
                      <Table.Tr key={signal.id}>
                        <Table.Td className="wrap-anywhere">
                          {explainable.has(signal.id) ? (
                            <Button variant="subtle" size="compact-sm" onClick={() => onExplainSignal(signal)} styles={{ root: { height: "auto", whiteSpace: "normal", textAlign: "left", paddingInline: 0 }, label: { whiteSpace: "normal" } }}>
                              {signal.label}
                            </Button>
                          ) : (
                            signal.label
                          )}
                        </Table.Td>
                        <Table.Td>{numbers.value}</Table.Td>
                        <Table.Td>
                          {signal.comparison === "at_least" ? "at least" : "at most"} {numbers.threshold}
                          {signal.windowDays > 0 && (
                            <Text span size="xs" c="dimmed" display="block">
                              over {signal.windowDays} days
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              {alert.evidence.records.length === 0 ? (
                <Text size="sm">No records you may see behind this alert.</Text>
              ) : (
                <div>
                  <Text size="sm" fw={600}>
                    Records behind it
                  </Text>
                  <List size="sm" spacing={2} aria-label={`Records behind ${alert.title}`}>
                    {alert.evidence.records.map((record) => (
                      <List.Item key={`${record.factType}:${record.recordId}:${record.eventSeq ?? ""}`}>
                        <RecordLink allianceId={allianceId} record={record} timeZone={timeZone} />
                      </List.Item>
                    ))}
                  </List>
                </div>
              )}
            </Stack>
          </details>
        ) : (
          <Text size="xs" c="dimmed">
            The evidence and the suggested move are for the alliance's facilitators.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
