import { Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { EmptyState } from "../components/page-states";
import { formatPercent, groupColor, groupLetter, people } from "./alignment-labels";
import type { AlignmentResults, AlignmentTally } from "./alignment-types";
import { ParticipantMapChart } from "./participant-map-chart";

/** A results section: a heading, one line of help, then its content. */
function ResultSection({ id, title, help, children }: { id: string; title: string; help: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {help}
      </Text>
      {children}
    </section>
  );
}

function GroupBadge({ group }: { group: number }) {
  return (
    <Badge variant="dot" color={groupColor(group)} size="lg" style={{ flexShrink: 0 }}>
      Group {groupLetter(group)}
    </Badge>
  );
}

/** "6 of 8 agree". */
function tallyText(t: AlignmentTally, direction: "agree" | "disagree"): string {
  return `${direction === "agree" ? t.agrees : t.disagrees} of ${t.votes} ${direction}`;
}

/** "A 90% · B 12%": each group's estimated share agreeing. */
function groupAgreementText(agreement: readonly number[]): string {
  return agreement.map((p, group) => `${groupLetter(group)} ${formatPercent(p)}`).join(" · ");
}

function StatementLine({ number, body, children }: { number: number; body: string; children?: ReactNode }) {
  return (
    <List.Item>
      <Text size="sm" className="wrap-anywhere">
        <Text span fw={600}>
          {number}.
        </Text>{" "}
        {body}
      </Text>
      {children && (
        <Text size="xs" c="dimmed">
          {children}
        </Text>
      )}
    </List.Item>
  );
}

const listProps = { spacing: "xs", listStyleType: "none", styles: { root: { paddingLeft: 0 } } } as const;

export function ParticipantMapSection({ results }: { results: AlignmentResults }) {
  const unclustered = results.points.filter((p) => p.group === null).length;
  const mine = results.points.find((p) => p.isMe);
  return (
    <ResultSection id="map-title" title="Participant map" help="Each point is one participant, never named: people who vote alike sit close together, and colour and shape show the opinion groups Trellis found.">
      <Stack gap="sm">
        <ParticipantMapChart points={results.points} groups={results.groups} />
        <Table aria-label="Opinion groups (the map as a table)" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Group</Table.Th>
              <Table.Th scope="col">Participants</Table.Th>
              <Table.Th scope="col">Share</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.groups.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Th scope="row">
                  Group {g.label}
                  {mine?.group === g.id ? " (you)" : ""}
                </Table.Th>
                <Table.Td>{g.size}</Table.Td>
                <Table.Td>{formatPercent(results.points.length ? g.size / results.points.length : 0)}</Table.Td>
              </Table.Tr>
            ))}
            {unclustered > 0 && (
              <Table.Tr>
                <Table.Th scope="row">Not in a group yet{mine && mine.group === null ? " (you)" : ""}</Table.Th>
                <Table.Td>{unclustered}</Table.Td>
                <Table.Td>{formatPercent(unclustered / results.points.length)}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          Someone joins a group once they have voted on enough statements (7, or all of them if there are fewer).
        </Text>
      </Stack>
    </ResultSection>
  );
}

export function GroupsSection({ results }: { results: AlignmentResults }) {
  return (
    <ResultSection id="groups-title" title="What each group stands for" help="Statements a group answers very differently from everyone else: what sets it apart.">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {results.groups.map((g) => (
          <Paper key={g.id} withBorder radius="md" p="md" component="section" aria-label={`Group ${g.label}`}>
            <Group gap="xs" mb="xs">
              <GroupBadge group={g.id} />
              <Text size="sm">{people(g.size)}</Text>
            </Group>
            {g.representative.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing sets this group clearly apart yet.
              </Text>
            ) : (
              <List {...listProps}>
                {g.representative.map((r) => (
                  <StatementLine key={r.id} number={r.number} body={r.body}>
                    {r.direction === "agree" ? r.agrees : r.disagrees} of {r.votes} in group {g.label} {r.direction}
                  </StatementLine>
                ))}
              </List>
            )}
          </Paper>
        ))}
      </SimpleGrid>
    </ResultSection>
  );
}

export function ConsensusSection({ results }: { results: AlignmentResults }) {
  const { agree, disagree } = results.consensus;
  return (
    <ResultSection id="consensus-title" title="Consensus" help="What most participants share, whatever their group: statements most agree with, and statements most reject.">
      {agree.length === 0 && disagree.length === 0 ? (
        <EmptyState title="No consensus yet">No statement has a clear majority across all participants.</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <div>
            <Title order={3} size="h5" mb={4}>
              Most agree
            </Title>
            {agree.length === 0 ? (
              <Text size="sm" c="dimmed">
                None.
              </Text>
            ) : (
              <List {...listProps} aria-label="Most agree">
                {agree.map((c) => (
                  <StatementLine key={c.id} number={c.number} body={c.body}>
                    {tallyText(c, "agree")}
                  </StatementLine>
                ))}
              </List>
            )}
          </div>
          <div>
            <Title order={3} size="h5" mb={4}>
              Most disagree
            </Title>
            {disagree.length === 0 ? (
              <Text size="sm" c="dimmed">
                None.
              </Text>
            ) : (
              <List {...listProps} aria-label="Most disagree">
                {disagree.map((c) => (
                  <StatementLine key={c.id} number={c.number} body={c.body}>
                    {tallyText(c, "disagree")}
                  </StatementLine>
                ))}
              </List>
            )}
          </div>
        </SimpleGrid>
      )}
    </ResultSection>
  );
}

export function BridgingSection({ results }: { results: AlignmentResults }) {
  // The highest group-aware consensus can still be a statement one group leans against (with few
  // statements, say): only those every group leans towards bridge.
  const bridging = results.bridging.filter((b) => b.groupAgreement.length > 0 && b.groupAgreement.every((p) => p > 0.5));
  return (
    <ResultSection id="bridging-title" title="Bridging statements" help="Common ground across the divide: statements every group leans towards agreeing with (ranked by group-aware consensus).">
      {bridging.length === 0 ? (
        <EmptyState title="No bridging statements yet">No statement has every group leaning towards agreement.</EmptyState>
      ) : (
        <List {...listProps}>
          {bridging.map((b) => (
            <StatementLine key={b.id} number={b.number} body={b.body}>
              Agreement by group: {groupAgreementText(b.groupAgreement)} · {tallyText(b, "agree")}
            </StatementLine>
          ))}
        </List>
      )}
    </ResultSection>
  );
}

export function UncertainSection({ results }: { results: AlignmentResults }) {
  return (
    <ResultSection id="uncertain-title" title="Uncertainty" help="Statements many people passed on (over 30%): unclear wording, or a question people have not made up their minds about.">
      {results.uncertain.length === 0 ? (
        <EmptyState title="No statement leaves people unsure" />
      ) : (
        <List {...listProps}>
          {results.uncertain.map((u) => (
            <StatementLine key={u.id} number={u.number} body={u.body}>
              {u.passes} of {u.votes} passed ({formatPercent(u.passRatio)})
            </StatementLine>
          ))}
        </List>
      )}
    </ResultSection>
  );
}

export function DivisiveSection({ results }: { results: AlignmentResults }) {
  return (
    <ResultSection id="divisive-title" title="Divisive statements" help="Where the groups part ways: statements one group largely agrees with and another largely rejects. Talk these through before deciding.">
      {results.divisive.length === 0 ? (
        <EmptyState title="No divisive statements" />
      ) : (
        <List {...listProps}>
          {results.divisive.map((d) => (
            <StatementLine key={d.id} number={d.number} body={d.body}>
              Group {groupLetter(d.mostAgreeingGroup)} agrees most, group {groupLetter(d.leastAgreeingGroup)} least · agreement by group: {groupAgreementText(d.groupAgreement)}
            </StatementLine>
          ))}
        </List>
      )}
    </ResultSection>
  );
}

function meanWords(mean: number): string {
  if (mean >= 0.5) return "agrees";
  if (mean <= -0.5) return "disagrees";
  return "is mixed";
}

export function SeatDivergenceSection({ results }: { results: AlignmentResults }) {
  const groups = results.groups;
  return (
    <ResultSection
      id="seats-title"
      title="Per-seat divergence"
      help={`Where partners quietly differ: which groups each seat's people fall in, and the pairs of seats that vote most differently. Seats with fewer than two voters are left out, so nobody's vote can be told.`}
    >
      {results.seats.length === 0 ? (
        <EmptyState title="Not enough voters per seat yet">A seat shows here once two or more of its people have voted.</EmptyState>
      ) : (
        <Stack gap="md">
          <Table aria-label="Seats by opinion group" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Seat</Table.Th>
                <Table.Th scope="col">Voters by group</Table.Th>
                <Table.Th scope="col">Split?</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.seats.map((seat) => (
                <Table.Tr key={seat.seatId}>
                  <Table.Th scope="row" className="wrap-anywhere">
                    {seat.name}
                  </Table.Th>
                  <Table.Td>
                    {[...groups.map((g) => `${g.label}: ${seat.groupCounts[g.id] ?? 0}`), ...(seat.unclustered ? [`not grouped: ${seat.unclustered}`] : [])].join(" · ")}
                  </Table.Td>
                  <Table.Td>{seat.isSplit ? "Split across groups" : "No"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {results.seatPairs.length > 0 && (
            <Stack gap="sm">
              <Title order={3} size="h5">
                Seats that differ most
              </Title>
              {results.seatPairs.slice(0, 5).map((pair) => {
                const [first, second] = pair.seats;
                if (!first || !second) return null;
                const label = `${first.name} and ${second.name}`;
                return (
                  <Paper key={`${first.id}:${second.id}`} withBorder radius="md" p="sm" component="section" aria-label={label}>
                    <Text size="sm" fw={600} className="wrap-anywhere">
                      {label}
                    </Text>
                    <Text size="xs" c="dimmed" mb="xs">
                      {pair.inDifferentGroups ? "Their people fall in different groups. " : "Their people share a group. "}
                      Average difference {pair.meanAbsoluteDifference.toFixed(2)} on a scale of 0 to 2, over {pair.sharedStatements} statements both voted on.
                    </Text>
                    {pair.statements.length > 0 && (
                      <Table aria-label={`Where ${label} differ`}>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th scope="col">Statement</Table.Th>
                            <Table.Th scope="col" className="wrap-anywhere">
                              {first.name}
                            </Table.Th>
                            <Table.Th scope="col" className="wrap-anywhere">
                              {second.name}
                            </Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {pair.statements.map((s) => (
                            <Table.Tr key={s.id}>
                              <Table.Td className="wrap-anywhere">
                                {s.number}. {s.body}
                              </Table.Td>
                              <Table.Td>
                                {meanWords(s.first.mean)} ({s.first.agrees} agree, {s.first.disagrees} disagree, {s.first.passes} pass)
                              </Table.Td>
                              <Table.Td>
                                {meanWords(s.second.mean)} ({s.second.agrees} agree, {s.second.disagrees} disagree, {s.second.passes} pass)
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    )}
                  </Paper>
                );
              })}
            </Stack>
          )}
        </Stack>
      )}
    </ResultSection>
  );
}
