import { Button, Group, Modal, NativeSelect, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { useState, type ReactNode } from "react";
import type { AllianceHome } from "../api/types";
import { EmptyState, LoadError, Loading } from "../components/page-states";
import { useLanguageLive, useRegisterList } from "./api";
import { PageHead, RegisterNav, WithAlliance } from "./language-shell";
import { registerHelp, registerNames } from "./language-labels";
import type { Assumption, Breakdown, Learning, RegisterKind, Tension } from "./types";

type ItemOf<K extends RegisterKind> = K extends "breakdown" ? Breakdown : K extends "tension" ? Tension : K extends "assumption" ? Assumption : Learning;

export interface RegisterListProps<K extends RegisterKind> {
  kind: K;
  /** The list's filter: the query parameter, its label and choices (value → label); a status by default. */
  filter?: { param: string; label: string; any: string; options: Record<string, string> };
  /** One record in the list. */
  renderItem: (item: ItemOf<K>, home: AllianceHome) => ReactNode;
  /** The form that records a new one (when I may), closed by onDone. */
  newForm?: { label: string; render: (home: AllianceHome, onDone: () => void) => ReactNode };
  /** What the empty list says to do next. */
  empty: (home: AllianceHome, canAdd: boolean) => string;
  canAdd: (home: AllianceHome) => boolean;
}

function RegisterList<K extends RegisterKind>({ home, props }: { home: AllianceHome; props: RegisterListProps<K> }) {
  const { kind, filter } = props;
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [adding, setAdding] = useState(false);
  const phone = useMediaQuery("(max-width: 36em)");
  const live = useLanguageLive(home.id);
  const list = useRegisterList(home.id, kind, { q, ...(filter ? { [filter.param]: status } : {}) });
  const items = (list.data?.pages.flatMap((page) => page.items) ?? []) as ItemOf<K>[];
  const names = registerNames[kind];
  const canAdd = props.canAdd(home) && props.newForm !== undefined;
  const filtered = q !== "" || status !== "";

  return (
    <Stack gap="lg">
      <PageHead
        home={home}
        title={names.plural}
        live={live}
        help={registerHelp[kind]}
        actions={canAdd && props.newForm ? <Button onClick={() => setAdding(true)}>{props.newForm.label}</Button> : undefined}
      />
      <RegisterNav allianceId={home.id} />
      <form role="search" aria-label={`Search the ${names.plural.toLowerCase()}`} onSubmit={(e) => e.preventDefault()}>
        <Group align="flex-end" gap="sm">
        <TextInput label="Search" placeholder="Words in the record" value={search} onChange={(e) => setSearch(e.currentTarget.value)} style={{ flex: "1 1 220px" }} />
        {filter && (
          <NativeSelect
            label={filter.label}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value)}
            data={[{ value: "", label: filter.any }, ...Object.entries(filter.options).map(([value, label]) => ({ value, label }))]}
          />
        )}
        </Group>
      </form>
      {list.isPending ? (
        <Loading label={`Loading the ${names.plural.toLowerCase()}…`} />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={filtered ? `No ${names.plural.toLowerCase()} match` : `No ${names.plural.toLowerCase()} yet`}>
          {filtered ? `Try other words or another ${filter?.label.toLowerCase() ?? "filter"}.` : props.empty(home, canAdd)}
        </EmptyState>
      ) : (
        <Stack gap="sm">
          <Stack gap="sm" component="ul" aria-label={names.plural} style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {items.map((item) => (
              <Paper key={item.id} withBorder p="md" radius="md" component="li">
                {props.renderItem(item, home)}
              </Paper>
            ))}
          </Stack>
          {list.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          )}
          {list.isFetching && !list.isFetchingNextPage && (
            <Text size="xs" c="dimmed" role="status">
              Updating…
            </Text>
          )}
        </Stack>
      )}
      {props.newForm && (
        <Modal fullScreen={phone} opened={adding} onClose={() => setAdding(false)} title={props.newForm.label} size="lg">
          {adding && props.newForm.render(home, () => setAdding(false))}
        </Modal>
      )}
    </Stack>
  );
}

/** A register's list page: help, search, status filter, pages of records, and the form for a new one. */
export function RegisterListPage<K extends RegisterKind>(props: RegisterListProps<K>) {
  return <WithAlliance title={registerNames[props.kind].plural}>{(home) => <RegisterList home={home} props={props} />}</WithAlliance>;
}
