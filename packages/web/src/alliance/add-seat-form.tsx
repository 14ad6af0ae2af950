import { organizationKinds, type OrganizationKind } from "@trellis/core";
import { Button, Group, NativeSelect, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { useAddSeat, useCreateOrganization, useOrganizationSearch } from "../api/alliances";
import type { AllianceHome } from "../api/types";
import { fieldError, FormError } from "../components/form-errors";
import { kindLabels } from "../labels";

type Mode = "existing" | "new";

/** Gives an organization a seat: pick a registered one, or register it here first. */
export function AddSeatForm({ home, onDone }: { home: AllianceHome; onDone: () => void }) {
  const [mode, setMode] = useState<Mode>("existing");
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<OrganizationKind>("company");
  const [sector, setSector] = useState("");
  const [website, setWebsite] = useState("");
  const [weight, setWeight] = useState<number | string>(1);
  const [missing, setMissing] = useState(false);
  const organizations = useOrganizationSearch(debounced);
  const createOrganization = useCreateOrganization();
  const addSeat = useAddSeat(home.id);

  const seated = new Set(home.seats.map((seat) => seat.organization.id));
  const options = (organizations.data?.items ?? []).filter((o) => !seated.has(o.id)).map((o) => ({ value: o.id, label: o.name }));
  const pending = createOrganization.isPending || addSeat.isPending;
  const weightValue = typeof weight === "number" ? weight : Number(weight);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    createOrganization.reset();
    addSeat.reset();
    let id = organizationId;
    if (mode === "existing" && !id) {
      setMissing(true);
      return;
    }
    setMissing(false);
    try {
      if (mode === "new") {
        const created = await createOrganization.mutateAsync({ name, kind, ...(sector.trim() ? { sector: sector.trim() } : {}), ...(website.trim() ? { website: website.trim() } : {}) });
        id = created.id;
        // The organization exists now: a retry should seat it, not register it twice.
        setMode("existing");
        setOrganizationId(created.id);
        setSearch(created.name);
      }
      if (!id) return;
      await addSeat.mutateAsync({ organizationId: id, ...(Number.isFinite(weightValue) && String(weight) !== "" ? { weight: weightValue } : {}) });
      onDone();
    } catch {
      // The mutation's error shows in the form.
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Add a seat">
      <Stack gap="sm">
        <FormError error={createOrganization.error} fields={["name", "kind", "sector", "website"]} title="Could not register the organization" />
        <FormError error={addSeat.error} fields={["organizationId", "weight"]} title="Could not add the seat" />
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value as Mode)}
          data={[
            { value: "existing", label: "Registered organization" },
            { value: "new", label: "New organization" },
          ]}
          fullWidth
          aria-label="Which organization"
        />
        {mode === "existing" ? (
          <Select
            label="Organization"
            placeholder="Type to search"
            searchable
            required
            data={options}
            value={organizationId}
            onChange={(value) => setOrganizationId(value)}
            searchValue={search}
            onSearchChange={setSearch}
            nothingFoundMessage={organizations.isFetching ? "Searching…" : "No organization without a seat matches. Register it as a new organization."}
            error={missing ? "Choose an organization." : fieldError(addSeat.error, "organizationId")}
            comboboxProps={{ withinPortal: true }}
          />
        ) : (
          <>
            <TextInput label="Organization name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(createOrganization.error, "name")} />
            <NativeSelect
              label="Kind"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as OrganizationKind)}
              data={organizationKinds.map((k) => ({ value: k, label: kindLabels[k] }))}
              error={fieldError(createOrganization.error, "kind")}
            />
            <TextInput label="Sector" value={sector} onChange={(e) => setSector(e.currentTarget.value)} error={fieldError(createOrganization.error, "sector")} />
            <TextInput label="Website" placeholder="https://…" value={website} onChange={(e) => setWebsite(e.currentTarget.value)} error={fieldError(createOrganization.error, "website")} />
          </>
        )}
        <NumberInput
          label="Weight"
          description="Counts in weighted decisions; 1 unless partners agreed otherwise."
          min={0.1}
          max={1000}
          step={0.5}
          decimalScale={2}
          value={weight}
          onChange={setWeight}
          error={fieldError(addSeat.error, "weight")}
        />
        <Text size="xs" c="dimmed">
          After the seat is added, invite the organization's people into it.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Add seat
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
