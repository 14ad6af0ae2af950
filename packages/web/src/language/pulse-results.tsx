import { Alert, Group, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { dynamicLabels, formatScore } from "./language-labels";
import type { PulseAnswer, PulseSummary, SeatAnswer } from "./types";

/** The words for a withheld aggregate: never a number but k. */
export function withheldText(k: number): string {
  return `Withheld until ${k} respondents`;
}

/** One aggregate in words: the mean on its scale, the score out of 100 and how many answered; or withheld. */
export function AnswerText({ answer }: { answer: PulseAnswer }) {
  if (answer.status === "hidden") {
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        {withheldText(answer.k)}
      </Text>
    );
  }
  const scaleMax = answer.scale === "effectiveness5" ? 5 : 7;
  return (
    <Text span size="sm">
      {answer.meanOnScale !== undefined && answer.meanOnScale !== null ? `Mean ${answer.meanOnScale.toFixed(1)} of ${scaleMax}` : ""}
      {answer.score !== undefined ? ` · score ${formatScore(answer.score)}/100` : ""} · {answer.respondents} respondents
    </Text>
  );
}

/** How an item's answers spread over its scale: a bar per answer with its count. */
function Distribution({ answer, label }: { answer: PulseAnswer; label: string }) {
  if (answer.status === "hidden" || !answer.counts) return null;
  const total = answer.counts.reduce((sum, c) => sum + c.count, 0) || 1;
  return (
    <Stack gap={2} aria-label={label} role="group">
      {answer.counts.map((c) => (
        <Group key={c.value} gap="xs" wrap="nowrap">
          <Text size="xs" w={170} style={{ flexShrink: 0 }}>
            {c.label}
          </Text>
          <Progress value={(c.count / total) * 100} size="sm" style={{ flex: 1 }} aria-hidden />
          <Text size="xs" w={24} ta="right">
            {c.count}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function SeatRows({ rows, heading }: { rows: SeatAnswer[]; heading: string }) {
  if (rows.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={280}>
      <Table withTableBorder striped aria-label={heading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{heading}</Table.Th>
            <Table.Th>Result</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.seat.id}>
              <Table.Td className="wrap-anywhere">{row.seat.name}</Table.Td>
              <Table.Td>
                <AnswerText answer={row.answer} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * A pulse's results as the anonymity guard lets them through: per dynamic and per item, by seat
 * and about each seat where allowed. When nothing may be shown, one message says why, with no numbers.
 */
export function PulseSummaryView({ summary, intro }: { summary: PulseSummary; intro?: string }) {
  const anyShown = summary.items.some((item) => item.overall.status === "shown") || summary.dynamics.some((row) => row.overall.status === "shown");
  if (!anyShown) {
    return (
      <Alert color="blue" variant="light" title="Results withheld" role="status">
        Results are withheld until at least {summary.k} people have answered, so that no answer can be traced to anyone.
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      {intro && (
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
      )}
      <section aria-labelledby="dynamics-title">
        <Title order={3} size="h4" id="dynamics-title" mb="xs">
          By dynamic
        </Title>
        <Table.ScrollContainer minWidth={280}>
          <Table withTableBorder striped aria-label="Results by dynamic">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Dynamic</Table.Th>
                <Table.Th>Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.dynamics.map((row) => (
                <Table.Tr key={row.dynamic}>
                  <Table.Td>{dynamicLabels[row.dynamic] ?? row.dynamic}</Table.Td>
                  <Table.Td>
                    <AnswerText answer={row.overall} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>
      <section aria-labelledby="items-title">
        <Title order={3} size="h4" id="items-title" mb="xs">
          By item
        </Title>
        <Stack gap="md" component="ol" style={{ paddingLeft: "1.2em", margin: 0 }}>
          {summary.items.map((row) => (
            <li key={row.item.id}>
              <Stack gap={6}>
                <Text size="sm" fw={600} className="wrap-anywhere">
                  {row.item.text}
                  {row.item.reversed ? " (reversed: the score counts disagreement as good)" : ""}
                </Text>
                <Text size="xs" c="dimmed">
                  {dynamicLabels[row.item.dynamic] ?? row.item.dynamic}
                  {row.item.directional ? " · asked about each other seat" : ""}
                </Text>
                <AnswerText answer={row.overall} />
                <Distribution answer={row.distribution} label={`How answers to “${row.item.text}” spread`} />
                <SeatRows rows={row.bySeat} heading="Answered by seat" />
                <SeatRows rows={row.aboutSeat} heading="About seat" />
              </Stack>
            </li>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
