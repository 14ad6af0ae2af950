import { Anchor, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useSession } from "../api/session";
import { usePageTitle } from "../components/page-title";

/** The page for an address Trellis does not know (or a record that does not exist). */
export function NotFoundPage({ what = "page" }: { what?: string }) {
  usePageTitle("Not found");
  const { data } = useSession();
  return (
    <Stack gap="sm" py="xl" maw={560}>
      <Title order={1}>{what === "page" ? "Page not found" : `No such ${what}`}</Title>
      <Text>{what === "page" ? "Trellis has no page at this address. The link may be mistyped or old." : `This ${what} does not exist, or it is not shared with you.`}</Text>
      <Anchor component={Link} to={data?.person ? "/alliances" : "/sign-in"}>
        {data?.person ? "Go to your alliances" : "Go to sign in"}
      </Anchor>
    </Stack>
  );
}
