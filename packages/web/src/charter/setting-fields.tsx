import type { AmendmentRule, CharterSetting } from "@trellis/core/charter";
import { Group, NativeSelect, NumberInput, Stack, Text } from "@mantine/core";

type Fraction = { numerator: number; denominator: number };

function FractionFields({ label, value, onChange }: { label: string; value: Fraction; onChange: (value: Fraction) => void }) {
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <NumberInput label={`${label}: numerator`} min={1} max={1000} allowDecimal={false} value={value.numerator} onChange={(v) => onChange({ ...value, numerator: Number(v) || 1 })} w={140} />
      <Text pb={6}>/</Text>
      <NumberInput label={`${label}: denominator`} min={1} max={1000} allowDecimal={false} value={value.denominator} onChange={(v) => onChange({ ...value, denominator: Number(v) || 1 })} w={140} />
    </Group>
  );
}

/**
 * The machine-readable rule a governance clause states, edited beside its words: the same key as
 * the clause has, so words and rule change together.
 */
export function SettingFields({ value, onChange, error }: { value: CharterSetting; onChange: (value: CharterSetting) => void; error?: string | undefined }) {
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        The rule this clause states
      </Text>
      {value.key === "amendment_rule" && (
        <>
          <NativeSelect
            label="Amendments are ratified when"
            value={value.rule.kind}
            onChange={(e) => {
              const kind = e.currentTarget.value as AmendmentRule["kind"];
              const threshold = value.rule.kind === "unanimous" ? { numerator: 2, denominator: 3 } : value.rule.threshold;
              onChange({ key: "amendment_rule", rule: kind === "unanimous" ? { kind } : { kind, threshold } });
            }}
            data={[
              { value: "unanimous", label: "Every seat consents" },
              { value: "qualified_majority", label: "A qualified majority of seats consents" },
              { value: "weighted", label: "Seats holding a share of the weight consent" },
            ]}
          />
          {value.rule.kind !== "unanimous" && (
            <FractionFields
              label="Threshold"
              value={value.rule.threshold}
              onChange={(threshold) => onChange({ key: "amendment_rule", rule: { kind: value.rule.kind === "weighted" ? "weighted" : "qualified_majority", threshold } })}
            />
          )}
        </>
      )}
      {value.key === "renewal_period" && (
        <NumberInput label="Renewal period in months" min={1} max={120} allowDecimal={false} value={value.months} onChange={(v) => onChange({ key: "renewal_period", months: Number(v) || 1 })} />
      )}
      {value.key === "decision_quorum" && <FractionFields label="Quorum" value={value.fraction} onChange={(fraction) => onChange({ key: "decision_quorum", fraction })} />}
      {error && (
        <Text size="sm" c="red.9" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
